"""The annual and half-year report as a document (Sollefteå 2024): what it holds, from
the ledger, and that typst makes a PDF and HTML of it.

Figures (seeds/solleftea-arsredovisning-2024.txt): Not 3, "Summa insatser" -1 900 tkr,
Styrelse -102, Kansli -648, "Summa kostnader" -2 650; Not 2 driftbidrag 2 832 tkr;
equity 29 % of the allocation (1.1). The 20 % line is 2 832 000 / 5 = 566 400 kr.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from projections.annual_report import ReportDocument
from projections.number_format import in_unit
from projections.queries import Reader
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("annual") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def document(finsam: Finsam, kind: str = "annual") -> ReportDocument:
    period, day = ("year", date(2024, 12, 31)) if kind == "annual" else ("h1", date(2024, 6, 30))
    statements = Reader(FinsamApp(finsam.db)).at(day).statements
    books = statements.books(None, 2024, period)
    return statements.report_document("annual" if kind == "annual" else "halfyear", books)


def tkr_rows(doc: ReportDocument, heading_start: str, column: int = 1) -> dict[str, int]:
    section = next(s for s in (*doc.sections, *doc.notes) if s.heading.startswith(heading_start))
    out: dict[str, int] = {}
    for row in section.sheet.rows:
        amount = row[column]
        if isinstance(amount, int):
            out[str(row[0])] = int(in_unit(amount, "tkr"))
    return out


def test_the_notes_have_the_published_figures(solleftea: Finsam) -> None:
    doc = document(solleftea)
    note3 = tkr_rows(doc, "Not 3")
    assert note3["Summa insatser"] == -1900
    assert note3["Styrelsen"] == -102 and note3["Kansli"] == -648
    assert note3["Summa kostnader"] == -2650
    assert tkr_rows(doc, "Not 2")["Driftbidrag"] == 2832
    # columns: budget, outcome, previous year
    assert tkr_rows(doc, "Resultaträkning", column=2)["Årets resultat"] == 237
    assert doc.equity_note.startswith("Eget kapital är 29 %")


def test_the_annual_report_holds_every_statement_and_the_half_year_its_own(
    solleftea: Finsam,
) -> None:
    annual = [s.heading.split(" ")[0] for s in document(solleftea).sections]
    assert annual[:2] == ["Översikt", "Nyckeltal"]
    for name in ("Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Driftredovisning"):
        assert name in annual
    assert "Balanskravsresultat" in annual and "Insatser" in annual
    half = document(solleftea, "halfyear")
    assert half.title == "Delårsrapport januari–juni 2024"
    assert "Översikt" not in [s.heading.split(" ")[0] for s in half.sections]
    # the half year's budget for driftbidrag is half of 2 832 000 kr
    result = next(s for s in half.sections if s.heading.startswith("Resultaträkning"))
    assert result.sheet.rows[0][1] == 141_600_000


def test_the_equity_chart_draws_each_year_and_the_20_percent_line(solleftea: Finsam) -> None:
    svg = document(solleftea).equity_chart
    assert svg.startswith("<svg") and svg.count("<rect") == 5
    assert 'stroke-dasharray="6 3"' in svg  # 566 400 kr for 2024
    assert ">821<" in svg and ">584<" in svg  # equity at the end of 2024 and 2023, tkr


def test_the_cli_writes_pdf_and_html(solleftea: Finsam, tmp_path: Path) -> None:
    pdf, html = tmp_path / "a.pdf", tmp_path / "h.html"
    solleftea("report", "annual", "--year", "2024", "--output", str(pdf))
    solleftea("report", "halfyear", "--year", "2024", "--output", str(html))
    assert pdf.read_bytes().startswith(b"%PDF")
    text = html.read_text(encoding="utf-8")
    assert "Delårsrapport januari–juni 2024" in text
    assert "data:image/svg+xml" in text  # the chart, inside the page
    result = solleftea.fails("report", "annual", "--year", "2024", "--output", "x.docx")
    assert "written as .pdf, .html or .png" in result.output
