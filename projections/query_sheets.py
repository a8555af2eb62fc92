"""The money questions' reports (budget, result, equity, insatser) as sheets, so they
go to csv, markdown and xlsx like the statements (projections/sheets.py)."""

from __future__ import annotations

from projections.labels import KIND
from projections.money_reports import BudgetReport, EquityReport, InsatserReport, ResultReport
from projections.sheets import TEXT, Cell, Column, Sheet


def budget_sheet(report: BudgetReport) -> Sheet:
    years = sorted(report.plan)
    cols = (
        Column("Rad", "text"),
        Column("Namn", "text"),
        Column("Slag", "text"),
        Column("Belopp"),
        *(Column(f"Plan {y}") for y in years),
        Column("Beslut", "text"),
    )
    rows = [
        (
            r.line,
            r.name,
            KIND.get(r.kind, r.kind),
            r.amount,
            *(report.plan[y].get(r.line) for y in years),
            ", ".join(f"§{p}" for p in r.paragraphs),
        )
        for r in report.lines
    ]
    blank = (None,) * len(years)
    rows += [
        ("", "Summa intäkter", "", report.income_total, *blank, ""),
        ("", "Summa kostnader", "", report.cost_total, *blank, ""),
        ("", "Budgeterat resultat", "", report.balance, *blank, ""),
    ]
    return Sheet("Budget", f"Budget {report.year} per {report.as_of}", cols, tuple(rows))


def result_sheet(report: ResultReport) -> Sheet:
    cols = (
        Column("Rad", "text"),
        Column("Namn", "text"),
        Column("Slag", "text"),
        Column("Budget"),
        Column("Utfall"),
        Column("Avvikelse"),
    )
    rows: list[tuple[Cell, ...]] = [
        (r.line, r.name, KIND.get(r.kind, r.kind), r.budget, r.outcome, r.deviation)
        for r in report.lines
    ]
    rows += [
        ("", "Summa intäkter", "", None, report.income, None),
        ("", "Summa kostnader", "", None, report.costs, None),
        (
            "",
            "Årets resultat",
            "",
            report.budget_result,
            report.result,
            report.result - report.budget_result,
        ),
    ]
    title = f"Driftredovisning {report.year} per {report.as_of}"
    return Sheet("Utfall", title, cols, tuple(rows))


def equity_sheet(report: EquityReport) -> Sheet:
    rows = (
        ("Eget kapital vid ingången", report.opening),
        ("Resultat sedan dess", report.equity - report.opening),
        ("Eget kapital", report.equity),
        (f"Medelstilldelning {report.as_of.year}", report.allocation),
    )
    return Sheet("Eget kapital", f"Eget kapital per {report.as_of}", (TEXT, Column("Belopp")), rows)


def insatser_sheet(report: InsatserReport, status: dict[str, str]) -> Sheet:
    cols = (
        Column("Insats", "text"),
        Column("Namn", "text"),
        Column("Status", "text"),
        Column("Beviljat"),
        Column("Belastat"),
        Column("Utbetalt"),
        Column("Ej förbrukat"),
        Column("Beslut", "text"),
        Column("Dnr", "text"),
    )
    rows = tuple(
        (
            r.id,
            r.name,
            status.get(r.status, r.status),
            r.granted,
            r.charged,
            r.paid,
            r.unused,
            ", ".join(f"§{p}" for p in r.paragraphs),
            r.diarienummer,
        )
        for r in report.interventions
    )
    return Sheet("Insatser", f"Insatser per {report.as_of}", cols, rows)
