"""The protokoll as a signed, posted document: the PDF of every meeting of the
Sollefteå example (examples/solleftea-2024.toml, from solleftea-arsredovisning-2024.txt)
read back as text with pypdf, block by block; the protokollsutdrag; the HTML from the
same layout.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from tests.conftest import Finsam

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "solleftea-2024.toml"
NEW = "2024-12-12"


@pytest.fixture
def solleftea(finsam: Finsam) -> Finsam:
    finsam("import", str(EXAMPLE))
    return finsam


def pdf_pages(finsam: Finsam, tmp_path: Path, *args: str) -> list[str]:
    """The PDF the command writes, as the text of each page, whitespace made single."""
    out = tmp_path / "doc.pdf"
    finsam(*args, "--format", "pdf", "--output", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def test_every_meeting_of_the_example_prints_every_block(solleftea: Finsam, tmp_path: Path) -> None:
    meetings = solleftea.json("meetings")
    assert len(meetings) == 9  # 2023-11-23 to 2025-03-20, all adjusted and posted
    for m in meetings:
        doc = solleftea.json("minutes", m["date"])
        pages = pdf_pages(solleftea, tmp_path, "minutes", m["date"])
        text = " ".join(pages)
        for i, page in enumerate(pages, start=1):
            assert f"Sida {i} av {len(pages)}" in page
            assert "Justerandes signatur" in page
            assert f"Sammanträdesdatum {m['date']}" in page
        for label in (
            "PROTOKOLL",
            "Plats och tid",
            "Beslutande",
            "Övriga närvarande",
            "Utses att justera",
            "Justeringens plats och tid",
            f"Paragrafer §{m['first']}–§{m['last']}",
            "Underskrifter",
            "ANSLAG/BEVIS",
            "Protokollet är justerat",
            f"Sammanträdesdatum {m['date']}",
            f"Datum då anslaget sätts upp {m['posted']}",
            f"Sista dag för överklagande {doc['anslag']['appeal_last_day']}",
            "Förvaringsplats för protokollet",
        ):
            assert label in text, (m["date"], label)
        for a in doc["beslutande"]:
            assert a["name"] in text
        for p in doc["paragraphs"]:
            assert f"§{p['number']} {p['title']}" in text, (m["date"], p["number"])
            for decision in p["decisions"]:
                assert re.sub(r"\s+", " ", decision) in text
        assert f"Ordförande {doc['chair']}" in text
        assert f"Sekreterare {doc['secretary']}" in text


def test_the_first_meeting_in_detail(solleftea: Finsam, tmp_path: Path) -> None:
    text = " ".join(pdf_pages(solleftea, tmp_path, "minutes", "2023-11-23"))
    assert "Samordningsförbundet Sollefteå PROTOKOLL" in text
    assert "Sollefteå, kommunhuset, 2023-11-23 kl. 09:00-12:00" in text
    assert "Birgitta Häggkvist (ordförande)" in text
    assert "Patrik Lockner (vice ordförande)" in text
    assert "Förbundschefen (sekreterare)" in text
    assert "Justerare Patrik Lockner" in text
    # Posted 2023-12-01: three weeks on is Friday 2023-12-22, the last day to appeal;
    # the anslag came down 2023-12-27, the earliest day being 2023-12-23.
    assert "Datum då anslaget tas ned 2023-12-27 (tidigast 2023-12-23)" in text
    assert "Sista dag för överklagande 2023-12-22" in text
    assert "Organ Styrelsen, Samordningsförbundet Sollefteå" in text


def test_serving_dissent_conflict_and_expediering_reach_the_pdf(
    solleftea: Finsam, tmp_path: Path
) -> None:
    solleftea(
        "meeting",
        "open",
        NEW,
        "--place",
        "Sollefteå",
        "--chair",
        "Birgitta Häggkvist",
        "--secretary",
        "Förbundschefen",
        "--adjuster",
        "Patrik Lockner",
        "--adjust-place",
        "Kommunhuset",
        "--present",
        "Birgitta Häggkvist",
        "--present",
        "Patrik Lockner",
        "--present",
        "Gudrun Sjödin",
        "--serving-for",
        "Camilla Steen=Lina Kempe",
        "--other",
        "Susanne Lindahl:ersättare",
    )
    solleftea(
        "paragraph",
        "add",
        NEW,
        "--title",
        'Samverkan med "Sjukvården" #2 [utkast]',
        "--decision",
        "Styrelsen beslutar att godkänna avtalet.",
        "--dissent",
        "Patrik Lockner",
        "--conflict",
        "Gudrun Sjödin",
        "--send-to",
        "Region Västernorrland",
    )
    text = " ".join(pdf_pages(solleftea, tmp_path, "minutes", NEW))
    assert "Camilla Steen (ersättare), tjänstgör för Lina Kempe" in text
    assert "Susanne Lindahl (ersättare)" in text
    assert "Kommunhuset, ej justerat" in text
    # what a secretary writes is printed as written, never read as markup
    assert 'Samverkan med "Sjukvården" #2 [utkast]' in text
    assert "Reservation: Patrik Lockner" in text
    assert "Jäv (deltar inte): Gudrun Sjödin" in text
    assert "Expediering: Region Västernorrland" in text
    assert "Protokollet är justerat" not in text


def test_the_extract_certifies_one_paragraph(solleftea: Finsam, tmp_path: Path) -> None:
    [page] = pdf_pages(solleftea, tmp_path, "paragraph", "extract", "2023", "65")
    assert "PROTOKOLLSUTDRAG" in page
    assert "Paragraf §65" in page
    assert "§65 Ansökan om medfinansiering" in page
    assert "§64" not in page and "§66" not in page
    assert "Rätt utdraget intygar" in page
    assert "Protokollet justerat 2023-11-30" in page
    assert "Sida 1 av 1" in page


def test_html_comes_from_the_same_layout(solleftea: Finsam) -> None:
    html = solleftea("minutes", "2023-11-23", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>")
    for block in ("Utses att justera", "Underskrifter", "ANSLAG/BEVIS", "§58 Mötets öppnande"):
        assert block in html
    assert 'counter(page) " av " counter(pages)' in html


def test_a_png_of_page_one(solleftea: Finsam, tmp_path: Path) -> None:
    out = tmp_path / "sida1.png"
    solleftea("minutes", "2023-11-23", "--format", "png", "--output", str(out))
    assert out.read_bytes().startswith(b"\x89PNG")
    pdf = tmp_path / "p.pdf"
    solleftea("minutes", "2023-11-23", "--format", "pdf", "--output", str(pdf))
    pages = len(pypdf.PdfReader(pdf).pages)
    beyond = solleftea.fails("minutes", "2023-11-23", "--format", "png", "--page", str(pages + 1))
    assert f"has {pages} pages" in beyond.output


def test_the_same_minutes_give_the_same_pdf(solleftea: Finsam, tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        solleftea("minutes", "2023-11-23", "--format", "pdf", "--output", str(out))
    assert a.read_bytes() == b.read_bytes()


def test_a_pdf_to_a_file_that_cannot_be_written_is_refused(solleftea: Finsam) -> None:
    result = solleftea.fails(
        "minutes", "2023-11-23", "--format", "pdf", "--output", "/nonexistent/dir/p.pdf"
    )
    assert "cannot write" in result.output


def test_html_escapes_what_the_secretary_writes(solleftea: Finsam) -> None:
    solleftea("meeting", "open", NEW)
    solleftea("paragraph", "add", NEW, "--title", "Avtal <b>nytt</b> & gammalt", "--number", "90")
    html = solleftea("minutes", NEW, "--format", "html").stdout
    assert "§90 Avtal &lt;b&gt;nytt&lt;/b&gt; &amp; gammalt" in html
    assert "<b>" not in html
