"""Every PDF finsam writes is PDF/A-2a and PDF/UA-1 (issue 21 item 4): the XMP names
the standards, the catalogue has /Lang sv and shows the document's title, and the
structure tree tags each § title and section as a heading, the reports' tables as
tables and the equity chart as a figure with alternative text. Typst checks the
standards as it compiles: an image without alternative text is refused.

The protokoll of Sollefteå's meeting of 2023-11-23 (ten §, §58-§67) and the annual
and half-year report of 2024, from examples/solleftea-2024.toml.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from projections.pdf_standards import PDF_STANDARDS
from projections.protokoll import typst_string
from tests.conftest import EXAMPLES, Finsam

PARAGRAPHS = 10  # §58-§67 in the example
SECTIONS = 2  # Underskrifter, ANSLAG/BEVIS


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    where = tmp_path_factory.mktemp("pdfa")
    finsam = Finsam(str(where / "store.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    files = {
        "protokoll": ("minutes", "2023-11-23", "--format", "pdf"),
        "utdrag": ("paragraph", "extract", "2023", "64", "--format", "pdf"),
        "annual": ("report", "annual", "--year", "2024"),
        "halfyear": ("report", "halfyear", "--year", "2024"),
    }
    out = {}
    for name, args in files.items():
        path = where / f"{name}.pdf"
        finsam(*args, "--output", str(path))
        out[name] = PdfReader(io.BytesIO(Path(path).read_bytes()))
    return out


def tags(node: Any, out: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The structure elements under ``node``, depth first: (type, its /Alt or None)."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if hasattr(node, "keys"):
        if "/S" in node:
            out.append((str(node["/S"]), node.get("/Alt")))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                tags(kid, out)
    return out


def catalogue(pdf: PdfReader) -> Any:
    return pdf.trailer["/Root"].get_object()


def structure(pdf: PdfReader) -> list[tuple[str, Any]]:
    return tags(catalogue(pdf)["/StructTreeRoot"], [])


@pytest.mark.parametrize("name", ["protokoll", "utdrag", "annual", "halfyear"])
def test_every_pdf_is_pdfa_2a_and_pdfua_in_swedish_with_its_title(
    pdfs: dict[str, PdfReader], name: str
) -> None:
    pdf = pdfs[name]
    root = catalogue(pdf)
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part>2<", xmp) or 'pdfaid:part="2"' in xmp
    assert re.search(r"pdfaid:conformance>A<", xmp) or 'pdfaid:conformance="A"' in xmp
    assert re.search(r"pdfuaid:part>1<", xmp) or 'pdfuaid:part="1"' in xmp
    assert root["/Lang"] == "sv"
    assert root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert pdf.metadata is not None and pdf.metadata.title


def test_the_protokoll_tags_each_paragraph_title_as_a_heading(
    pdfs: dict[str, PdfReader],
) -> None:
    counts = Counter(kind for kind, _alt in structure(pdfs["protokoll"]))
    assert counts["/H1"] == PARAGRAPHS + SECTIONS
    assert counts["/L"] == PARAGRAPHS  # each § lists its decisions
    # the extract: its one § and the attestation
    assert Counter(kind for kind, _ in structure(pdfs["utdrag"]))["/H1"] == 2


@pytest.mark.parametrize("name", ["annual", "halfyear"])
def test_the_reports_tag_tables_and_the_chart_with_alternative_text(
    pdfs: dict[str, PdfReader], name: str
) -> None:
    found = structure(pdfs[name])
    counts = Counter(kind for kind, _ in found)
    assert counts["/Table"] > 0
    assert counts["/TH"] > 0 and counts["/TD"] > 0
    assert counts["/H1"] == 1  # the report's title; its sections are H2, notes H3
    figures = [alt for kind, alt in found if kind == "/Figure"]
    assert len(figures) == 1
    assert str(figures[0]).startswith("Diagram över eget kapital")


def test_typst_refuses_an_image_without_alternative_text() -> None:
    import typst

    svg = typst_string('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    source = (
        f'#set document(title: "T")\n#set text(lang: "sv")\n#image(bytes({svg}), format: "svg")'
    )
    with pytest.raises(typst.TypstError, match="missing alt text"):
        typst.compile(source.encode(), format="pdf", pdf_standards=PDF_STANDARDS)
