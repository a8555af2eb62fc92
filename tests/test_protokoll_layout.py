"""The protokoll's page breaks (issue 21 item 6): a § that fits on a page is moved
whole to the next page instead of split across two, and one longer than a page still
breaks where the page ends. On every meeting of examples/solleftea-2024.toml."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import msgspec
import pytest
from pypdf import PdfReader

from projections import protokoll
from projections.minutes import MinutesDocument, ParagraphView
from tests.conftest import EXAMPLES, Finsam


@pytest.fixture(scope="module")
def meetings(tmp_path_factory: pytest.TempPathFactory) -> tuple[Finsam, list[str]]:
    finsam = Finsam(str(tmp_path_factory.mktemp("layout") / "store.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam, [m["date"] for m in finsam.json("meetings")]


def pages_of(pdf: bytes) -> list[str]:
    return ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def where(pages: list[str], text: str) -> set[int]:
    flat = "".join(text.split())
    return {i for i, page in enumerate(pages) if flat in page}


def test_no_paragraph_that_fits_on_a_page_is_split(
    meetings: tuple[Finsam, list[str]], tmp_path: Path
) -> None:
    finsam, days = meetings
    checked = 0
    for day in days:
        out = tmp_path / f"{day}.pdf"
        finsam("minutes", day, "--format", "pdf", "--output", str(out))
        pages = pages_of(out.read_bytes())
        doc = finsam.json("minutes", day)
        for p in doc["paragraphs"]:
            heading = where(pages, f"§{p['number']} {p['title']}")
            assert len(heading) == 1, (day, p["number"])
            for decision in p["decisions"] or []:
                # the decision is on the heading's page (a line's start is enough to find it)
                assert heading <= where(pages, decision[:40]), (day, p["number"], decision)
            checked += 1
    assert checked > 50  # the example's §58 of 2023 to the last of 2024


def test_a_paragraph_longer_than_a_page_is_left_to_break() -> None:
    long_text = "Styrelsen diskuterade ärendet. " * 400  # some 12 000 characters
    p = ParagraphView(
        year=2024,
        number=1,
        meeting=date(2024, 2, 15),
        title="Lång paragraf",
        decisions=("Styrelsen beslutar att lägga informationen till handlingarna.",),
        adjusted=None,
        posted=None,
        text=long_text,
        effects=(),
        dissent=(),
        conflict=(),
        assignments=(),
        corrects=None,
        corrected_by=(),
        immediately_adjusted=False,
    )
    short = msgspec.structs.replace(p, text="Kort.")
    assert not protokoll.fits_on_a_page(p)
    assert protokoll.fits_on_a_page(short)
    doc = MinutesDocument(
        forbund="x",
        forbund_name="Samordningsförbundet X",
        date=p.meeting,
        extra=False,
        place="",
        time="",
        chair="",
        secretary="",
        deciding=(),
        others=(),
        adjusters=(),
        paragraphs_range="§1",
        closed=None,
        adjusted=None,
        posted_up=None,
        posted_down=None,
        paragraphs=(p,),
    )
    pages = pages_of(protokoll.pdf(doc))
    assert len(pages) >= 3  # it breaks (a block that cannot break would overflow one page)
    assert where(pages, "Lång paragraf") == {0}
