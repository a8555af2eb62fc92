"""The money questions and their reports, shared by the pure fold and the view.

``MoneyQueries`` is what both answer: ``projections.money_fold.Fold`` (the audit
reference) and ``projections.money_view.MoneyView`` (materialised tables). Both
compute the same primitives (budget rows, per-line outcome, insats summaries) their
own way and assemble them here, so a report can never differ by how it was
computed, only by what it was computed from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

import msgspec

from finsam_es.accounting import Posting

# moved to projections/equity_report.py (imports nothing of the domain's events);
# importable from here as before
from projections.equity_report import DEFAULT_THRESHOLDS as DEFAULT_THRESHOLDS
from projections.equity_report import EquityReport as EquityReport
from projections.equity_report import equity_report as equity_report
from projections.equity_report import judged as judged
from projections.equity_report import negative_equity as negative_equity


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


class MoneyQueries(Protocol):
    """Budget, result, equity and insatser of a förbund on a date (``as_of``), as the
    records stood at a moment (``known_at``; None: as they stand now)."""

    def budget(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> BudgetReport: ...

    def result(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> ResultReport: ...

    def equity(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> EquityReport: ...

    def insatser(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> InsatserReport: ...

    def postings(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> tuple[Posting, ...]: ...


def canonical(postings: Iterable[Posting]) -> tuple[Posting, ...]:
    """Postings summed per day, account, line, insats and kind, zeros left out, sorted:
    the one form the fold and the view both give."""
    sums: dict[tuple[date, str, str, str, str], int] = {}
    for p in postings:
        key = (p.day, p.account, p.line, p.insats, p.kind)
        sums[key] = sums.get(key, 0) + p.amount
    return tuple(
        Posting(day, account, amount, line, insats, kind)
        for (day, account, line, insats, kind), amount in sorted(sums.items())
        if amount
    )


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
