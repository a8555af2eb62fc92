"""The money reports' shapes and how they are put together from the primitives the
fold and the view both compute (budget rows, per-line outcome, insats summaries).

Apart from projections/money_reports.py, which names the ``MoneyQueries`` protocol and
the postings' canonical form (both need the domain's ``Posting``), so that this module
imports nothing of the domain's event classes: the quick read path
(projections/quick_money.py) shapes its answers here, the same way as the full path.
"""

from __future__ import annotations

from datetime import date, timedelta

import msgspec


class BudgetRow(msgspec.Struct, frozen=True):
    line: str
    kind: str
    amount: int
    paragraphs: tuple[str, ...]
    name: str = ""
    insats: bool = False


class BudgetReport(msgspec.Struct, frozen=True):
    year: int
    as_of: date
    income_total: int
    cost_total: int
    balance: int
    from_equity: int
    lines: tuple[BudgetRow, ...]
    plan: dict[str, dict[str, int]] = {}  # plan years adopted with this budget: year -> line -> öre


class ResultLine(msgspec.Struct, frozen=True):
    line: str
    kind: str
    budget: int
    outcome: int
    deviation: int
    name: str = ""


class ResultReport(msgspec.Struct, frozen=True):
    year: int
    as_of: date
    income: int
    costs: int
    result: int
    budget_result: int
    lines: tuple[ResultLine, ...]


class InsatsSummary(msgspec.Struct, frozen=True):
    """What the decisions up to a date say about an insats (no money movement)."""

    id: str
    name: str
    kind: str
    owner: str
    line: str
    received: date
    base_status: str
    start: date
    end: date
    granted_by_year: dict[str, int]
    dropped: int
    settled_unused: int
    carried: int
    money_years: tuple[int, ...]
    settled_years: tuple[int, ...]
    paragraphs: tuple[str, ...]


class InsatsRow(msgspec.Struct, frozen=True):
    id: str
    name: str
    kind: str
    owner: str
    status: str
    granted: int
    granted_by_year: dict[str, int]
    charged: int
    paid: int
    unused: int
    start: date
    end: date
    paragraphs: tuple[str, ...]
    # the application's diarienummer (issue 20): filled by the reader from the diarium
    # (projections/application_numbers.py), not by the fold or the view
    diarienummer: str = ""


class InsatserReport(msgspec.Struct, frozen=True):
    as_of: date
    interventions: tuple[InsatsRow, ...]


def budget_report(
    year: int, as_of: date, rows: list[BudgetRow], from_equity: int, plan: dict[str, dict[str, int]]
) -> BudgetReport:
    ordered = sorted(rows, key=lambda r: 0 if r.kind == "income" else 1)
    income = sum(r.amount for r in ordered if r.kind == "income")
    cost = sum(r.amount for r in ordered if r.kind == "cost")
    return BudgetReport(year, as_of, income, cost, income - cost, from_equity, tuple(ordered), plan)


def result_report(
    year: int, as_of: date, budget: list[BudgetRow], outcome: dict[tuple[str, str], int]
) -> ResultReport:
    """``outcome`` maps (kind, line) to income earned or cost incurred, both positive."""
    lines: list[ResultLine] = []
    seen: set[tuple[str, str]] = set()
    for row in sorted(budget, key=lambda r: 0 if r.kind == "income" else 1):
        key = (row.kind, row.line)
        seen.add(key)
        lines.append(_line(row.line, row.kind, row.amount, outcome.get(key, 0), row.name))
    for (kind, line), amount in sorted(outcome.items()):
        if (kind, line) not in seen and amount:
            lines.append(_line(line, kind, 0, amount, ""))
    lines.sort(key=lambda r: 0 if r.kind == "income" else 1)
    income = sum(r.outcome for r in lines if r.kind == "income")
    costs = sum(r.outcome for r in lines if r.kind == "cost")
    budget_result = sum(r.budget if r.kind == "income" else -r.budget for r in lines)
    return ResultReport(year, as_of, income, costs, income - costs, budget_result, tuple(lines))


def _line(line: str, kind: str, budget: int, outcome: int, name: str) -> ResultLine:
    deviation = outcome - budget if kind == "income" else budget - outcome
    return ResultLine(line, kind, budget, outcome, deviation, name)


def insats_row(summary: InsatsSummary, as_of: date, charged: int, paid: int) -> InsatsRow:
    status = summary.base_status
    if status == "granted":
        if as_of < summary.start:
            status = "granted"
        elif as_of <= summary.end:
            status = "running"
        elif set(summary.money_years) <= set(summary.settled_years):
            status = "closed"
        else:
            status = "ended"
    granted = sum(summary.granted_by_year.values())
    unused = summary.dropped + summary.settled_unused - summary.carried
    return InsatsRow(
        summary.id,
        summary.name,
        summary.kind,
        summary.owner,
        status,
        granted,
        dict(summary.granted_by_year),
        charged,
        paid,
        unused,
        summary.start,
        summary.end,
        summary.paragraphs,
    )


# The statuses of an insats whose story is over: its money years all settled after its
# end (slutredovisad), or an application that came to nothing.
SETTLED = "closed"
UNGRANTED = ("withdrawn", "rejected")


def is_current(row: InsatsRow, as_of: date) -> bool:
    """Whether the insats is current on ``as_of``: not settled, and not an application
    withdrawn or rejected whose period is over. A settled insats's figures are final;
    `interventions --all` still lists it."""
    if row.status == SETTLED:
        return False
    return not (row.status in UNGRANTED and row.end < as_of)


def current(report: InsatserReport) -> InsatserReport:
    """The report with only the insatser current on its date."""
    rows = tuple(r for r in report.interventions if is_current(r, report.as_of))
    return InsatserReport(report.as_of, rows)


# The day after every date finsam takes (a current_until that no date passes), and one
# before them all (a summary current on no date).
NEVER_ENDS = "9999-12-31"
NEVER_CURRENT = "0000-00-00"


def current_until(summary: InsatsSummary) -> str:
    """The last day (ÅÅÅÅ-MM-DD) on which an insats with this summary is current
    (``is_current`` of its row): for a fixed summary, being current only ever ends, so
    the view keeps this day beside the summary and picks the current ones in SQL.

    Granted with every money year settled: current until its end (or the day before its
    start, if that were later: ``insats_row`` calls it granted until then), closed
    after. Withdrawn or rejected: current until its end. Anything else: always."""
    status = summary.base_status
    if status == "granted" and set(summary.money_years) <= set(summary.settled_years):
        before_start = summary.start - timedelta(days=1) if summary.start > date.min else date.min
        return max(summary.end, before_start).isoformat()
    if status in UNGRANTED:
        return summary.end.isoformat()
    if status == SETTLED:
        return NEVER_CURRENT
    return NEVER_ENDS
