"""The annual report and the half-year report as one document: the statements, the
five-year overview, the insatser table, the equity chart against the förbund's own limit,
the equity verdict every face prints, and the notes whose figures come from the ledger. ``report_document`` assembles it from the
statements (projections/sheets.py); ``projections.report_document`` typesets it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

from finsam_es.chart import Chart
from projections.equity_chart import equity_svg
from projections.labels import PARTS_PER_MILLION
from projections.management_report import ManagementReport
from projections.money_reports import EquityReport
from projections.report_tables import oversikt
from projections.sheets import TEXT, Column, Sheet, statement
from projections.statements import Books, balansrakning, resultatrakning

ReportKind = Literal["annual", "halfyear"]

PRINCIPLES = (
    "Redovisningen följer i tillämpliga delar lagen (2018:597) om kommunal bokföring och "
    "redovisning och Rådet för kommunal redovisnings rekommendationer. Medelstilldelningen "
    "periodiseras månadsvis; beviljade medel till insatser belastar resultatet månad för "
    "månad enligt beslutet och stäms av mot förbrukade medel vid delredovisning och "
    "slutredovisning. Beloppen i rapporten är hämtade ur förbundets huvudbok i finsam."
)


class Section(msgspec.Struct, frozen=True):
    heading: str
    sheet: Sheet


class ReportDocument(msgspec.Struct, frozen=True):
    kind: ReportKind
    title: str
    forbund: str
    year: int
    as_of: date
    sections: tuple[Section, ...]
    notes: tuple[Section, ...]
    principles: str
    equity_chart: str  # SVG
    equity_note: str
    orgnr: str = ""  # the förbund's organisation number, under its name
    # the förvaltningsberättelse written from the records, and who signs (issue 23)
    management: ManagementReport | None = None


def report_document(
    kind: ReportKind,
    forbund_name: str,
    books: Books,
    chart: Chart,
    equity: EquityReport,
    orgnr: str = "",
    management: ManagementReport | None = None,
    allocation_note: Section | None = None,
) -> ReportDocument:
    """The report of the books' year; ``equity`` is the equity answer on the books' date,
    judged against the förbund's own limit: its verdict is the report's equity note."""
    names = ["resultatrakning", "balansrakning", "kassaflode", "driftredovisning", "insatser"]
    if kind == "annual":
        names = ["oversikt", *names, "balanskrav"]
    sections = tuple(
        Section(sheet.title, sheet) for n in names for sheet in statement(n, books, chart).sheets
    )
    overview = oversikt(books, chart)
    title = (
        f"Årsredovisning {books.year}"
        if kind == "annual"
        else f"Delårsrapport januari–juni {books.year}"
    )
    return ReportDocument(
        kind,
        title,
        forbund_name,
        books.year,
        books.as_of,
        sections,
        (*notes(books, chart), *((allocation_note,) if allocation_note else ())),
        PRINCIPLES,
        equity_svg(overview.years, round(equity.limit * PARTS_PER_MILLION)),
        equity.verdict,
        orgnr,
        management,
    )


def notes(books: Books, chart: Chart) -> tuple[Section, ...]:
    """Not 2-5: income, costs, receivables and short-term liabilities, this year and last."""
    r = resultatrakning(books)
    y = books.year
    cols = (TEXT, Column(str(y)), Column(str(y - 1)))
    income = [s for s in r.lines if s.kind == "income" and not chart.is_financial(s.line)]
    costs = [s for s in r.lines if s.kind == "cost" and not chart.is_financial(s.line)]
    insats_lines = {b.line for b in books.budget if b.insats}
    insatser = [s for s in costs if s.line in insats_lines]
    others = [s for s in costs if s.line not in insats_lines]

    def total(rows: list[tuple[str, int, int]], label: str) -> list[tuple[str, int, int]]:
        return [*rows, (label, sum(a for _, a, _ in rows), sum(b for _, _, b in rows))]

    note2 = total(
        [(s.name, s.outcome, s.previous) for s in income if s.outcome or s.previous], "Summa"
    )
    note3 = total(
        [(s.name, -s.outcome, -s.previous) for s in insatser if s.outcome or s.previous],
        "Summa insatser",
    )
    note3 += [(s.name, -s.outcome, -s.previous) for s in others if s.outcome or s.previous]
    note3.append(
        ("Summa kostnader", -sum(s.outcome for s in costs), -sum(s.previous for s in costs))
    )
    now = balansrakning(books.postings, books.as_of)
    before = balansrakning(books.postings, date(y - 1, 12, 31))
    was = {row.account: row.amount for row in (*before.assets, *before.liabilities)}
    note4 = total(
        [(a.name, a.amount, was[a.account]) for a in now.assets if a.account != "bank"], "Summa"
    )
    note5 = total([(x.name, x.amount, was[x.account]) for x in now.liabilities], "Summa")
    made = []
    for number, title, rows in (
        (2, "Verksamhetens intäkter", note2),
        (3, "Verksamhetens kostnader", note3),
        (4, "Fordringar", note4),
        (5, "Kortfristiga skulder", note5),
    ):
        heading = f"Not {number}. {title}"
        made.append(Section(heading, Sheet(f"Not {number}", heading, cols, tuple(rows))))
    return tuple(made)
