"""Statements for any date: resultaträkning, balansräkning, kassaflödesanalys,
driftredovisning, balanskrav, the five-year overview and the insatser table.

Every figure comes from one set of postings (``finsam_es.accounting``), the same for
the income statement and the balance sheet, plus the budget rows of the year; both
come from either money source (the view or the fold, ``MoneyQueries.postings`` and
``budget``), so a statement is the same whichever answered. The functions here are
pure: ``Books`` in, a statement out.

A period (``--period``) is the whole year, a half (h1, h2) or a quarter (q1-q4). The
budget for a period is a periodised line's monthly parts in it (spread to the öre as
an allocation is) and all of a one-off line. Income lines and cost lines that are not
for insatser are periodised; an insats line is periodised when a grant charges it
month by month in the year, and otherwise one-off (a week of events, a course).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import msgspec

from finsam_es.accounting import RESULT_ACCOUNTS, Posting
from finsam_es.balanskrav import Exemption
from finsam_es.chart import ASSETS, LIABILITIES, Chart
from finsam_es.errors import InvalidInput
from finsam_es.periodisation import spread_over
from finsam_es.published_year import Outcome
from finsam_es.values import month_end
from projections.money_reports import BudgetRow

PERIODS: dict[str, tuple[int, int]] = {
    "year": (1, 12),
    "h1": (1, 6),
    "h2": (7, 12),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
}


def balance_day(
    year: int | None, period: str, as_of: date | None, today: date
) -> tuple[int, date, date]:
    """The year of a statement, its balance day and the last day of what it admits as
    decided. A year's statement is headed on its period's last day (31 December for
    the annual report) and, without --as-of, holds everything recorded (``date.max``:
    a settlement decided in February for the year before is that year's, LKBR 4:4); a
    later --as-of says what was decided by then, not a new balance day; one within the
    period is an interim statement on that day."""
    if year is None:
        day = as_of or today
        return day.year, day, day
    end = month_end(year, PERIODS[period][1]) if period in PERIODS else date(year, 12, 31)
    if as_of is None:
        return year, end, date.max
    if as_of <= end:
        return year, as_of, as_of
    return year, end, as_of


class Books(msgspec.Struct, frozen=True):
    """What a statement is made of: the postings up to ``as_of`` (as known then) and
    the budget of the year and the year before."""

    forbund: str
    year: int
    as_of: date
    postings: tuple[Posting, ...]
    budget: tuple[BudgetRow, ...]
    previous_budget: tuple[BudgetRow, ...] = ()
    period: str = "year"
    # the published outcome of earlier years the store keeps no books for
    published: dict[int, Outcome] = msgspec.field(default_factory=dict)
    # synnerliga skäl decided not to restore a deficit year (the balanskravsutredning)
    exemptions: dict[int, Exemption] = msgspec.field(default_factory=dict)
    # the year-end forecast made by then, per (kind, line), when the balance day is
    # before the year's end (after it the outcome is the answer); the day it was made
    forecast: tuple[tuple[str, str, int], ...] = ()
    forecast_made: date | None = None

    def span(self, year: int | None = None) -> tuple[date, date]:
        """The first and last day of the period in a year (this one by default)."""
        if self.period not in PERIODS:
            raise InvalidInput(f"unknown period '{self.period}'; use one of {', '.join(PERIODS)}")
        first, last = PERIODS[self.period]
        y = self.year if year is None else year
        return date(y, first, 1), month_end(y, last)

    def outcome_span(self, year: int | None = None) -> tuple[date, date]:
        """The period, ending at ``as_of`` if that comes first (the same day a year
        earlier for the previous year)."""
        start, end = self.span(year)
        shift = self.year - (self.year if year is None else year)
        cut = _years_back(self.as_of, shift)
        return start, min(end, cut)


def earlier_outcome(books: Books, year: int) -> dict[tuple[str, str], int] | None:
    """A whole earlier year's outcome per (kind, line) as published, when the books have
    no income or cost in it and the statement compares whole years."""
    published = books.published.get(year)
    if published is None or not published.lines or books.period != "year":
        return None
    if books.outcome_span(year)[1] < date(year, 12, 31):
        return None
    return {(x.kind, x.line): x.amount for x in published.lines}


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def balances(postings: Iterable[Posting], until: date, since: date | None = None) -> dict[str, int]:
    """Debit-positive balance of each account over the days (since, until]."""
    out: dict[str, int] = {}
    for p in postings:
        if p.day <= until and (since is None or p.day > since):
            out[p.account] = out.get(p.account, 0) + p.amount
    return out


def line_outcome(postings: Iterable[Posting], start: date, end: date) -> dict[tuple[str, str], int]:
    """Income earned and costs incurred per (kind, line) between two days, both positive."""
    out: dict[tuple[str, str], int] = {}
    for p in postings:
        if p.account in RESULT_ACCOUNTS and start <= p.day <= end:
            key = (p.account, p.line)
            out[key] = out.get(key, 0) + (p.amount if p.account == "cost" else -p.amount)
    return out


# -- resultaträkning -------------------------------------------------------------------


class StatementLine(msgspec.Struct, frozen=True):
    line: str
    name: str
    kind: str
    budget: int
    outcome: int
    previous: int


class Resultatrakning(msgspec.Struct, frozen=True):
    year: int
    as_of: date
    lines: tuple[StatementLine, ...]
    income: int
    costs: int
    result: int


def period_budget(books: Books, row: BudgetRow) -> int:
    """A line's budget for the period: its monthly parts in it, or all of a one-off line."""
    first, last = PERIODS.get(books.period, (1, 12))
    if (first, last) == (1, 12) or not _periodised(books, row):
        return row.amount
    base = books.year * 12
    parts = spread_over(row.amount, base, base + 11)
    return sum(parts[base + m - 1] for m in range(first, last + 1))


def _periodised(books: Books, row: BudgetRow) -> bool:
    if row.kind == "income" or not row.insats:
        return True
    return any(
        p.kind == "charge" and p.line == row.line and p.day.year == books.year
        for p in books.postings
    )


def resultatrakning(books: Books) -> Resultatrakning:
    now = line_outcome(books.postings, *books.outcome_span())
    before = line_outcome(books.postings, *books.outcome_span(books.year - 1))
    names: dict[str, str] = {}
    if not before and (published := earlier_outcome(books, books.year - 1)) is not None:
        before = published
        names = {x.line: x.name for x in books.published[books.year - 1].lines}
    lines: list[StatementLine] = []
    seen: set[tuple[str, str]] = set()
    names |= {r.line: r.name for r in (*books.previous_budget, *books.budget) if r.name}
    for row in books.budget:
        key = (row.kind, row.line)
        seen.add(key)
        lines.append(
            StatementLine(
                row.line,
                row.name or row.line,
                row.kind,
                period_budget(books, row),
                now.get(key, 0),
                before.get(key, 0),
            )
        )
    for kind, line in sorted({*now, *before} - seen):
        if now.get((kind, line)) or before.get((kind, line)):
            lines.append(
                StatementLine(
                    line,
                    names.get(line) or line,
                    kind,
                    0,
                    now.get((kind, line), 0),
                    before.get((kind, line), 0),
                )
            )
    lines.sort(key=lambda s: 0 if s.kind == "income" else 1)
    income = sum(s.outcome for s in lines if s.kind == "income")
    costs = sum(s.outcome for s in lines if s.kind == "cost")
    return Resultatrakning(books.year, books.as_of, tuple(lines), income, costs, income - costs)


class SummaryRow(msgspec.Struct, frozen=True):
    label: str
    budget: int
    outcome: int
    previous: int


def result_summary(statement: Resultatrakning, chart: Chart) -> tuple[SummaryRow, ...]:
    """The resultaträkning as an annual report prints it: operating income and costs,
    the operating result, financial items (lines numbered 8000-8999), the result.
    Amounts are signed: income positive, costs negative."""

    def total(kind: str, financial: bool) -> tuple[int, int, int]:
        chosen = [
            s for s in statement.lines if s.kind == kind and chart.is_financial(s.line) == financial
        ]
        sign = 1 if kind == "income" else -1
        return (
            sign * sum(s.budget for s in chosen),
            sign * sum(s.outcome for s in chosen),
            sign * sum(s.previous for s in chosen),
        )

    op_in, op_cost = total("income", False), total("cost", False)
    fin_in, fin_cost = total("income", True), total("cost", True)
    operating = tuple(a + b for a, b in zip(op_in, op_cost, strict=True))
    after = tuple(a + b + c for a, b, c in zip(operating, fin_in, fin_cost, strict=True))
    rows = [
        ("Verksamhetens intäkter", op_in),
        ("Verksamhetens kostnader", op_cost),
        ("Verksamhetens resultat", operating),
        ("Finansiella intäkter", fin_in),
        ("Finansiella kostnader", fin_cost),
        ("Resultat efter finansiella poster", after),
        ("Årets resultat", after),
    ]
    return tuple(SummaryRow(label, *values) for label, values in rows)


# -- balansräkning ---------------------------------------------------------------------


class BalanceRow(msgspec.Struct, frozen=True):
    account: str
    name: str
    amount: int


class Balansrakning(msgspec.Struct, frozen=True):
    as_of: date
    assets: tuple[BalanceRow, ...]
    liabilities: tuple[BalanceRow, ...]
    equity: int
    total: int


def balansrakning(postings: Iterable[Posting], as_of: date) -> Balansrakning:
    """Balances on a day; equity is the equity account plus every result so far, so
    assets always equal liabilities plus equity."""
    postings = tuple(postings)
    b = balances(postings, as_of)
    # members who paid months not yet due: their receivable is prepaid income
    ahead = max(-b.get("receivables", 0), 0)
    b["receivables"] = b.get("receivables", 0) + ahead
    b["prepaid_income"] = b.get("prepaid_income", 0) - ahead
    # an insats paid for months not yet charged: a prepaid cost, not a smaller accrued
    # cost of the others (LKBR 4:4 and no netting of assets and liabilities)
    paid_ahead = prepaid_per_insats(postings, as_of)
    b["accrued_costs"] = b.get("accrued_costs", 0) - paid_ahead
    b["prepaid_costs"] = b.get("prepaid_costs", 0) + paid_ahead
    assets = tuple(BalanceRow(a, name, b.get(a, 0)) for a, name in ASSETS.items())
    liabilities = tuple(BalanceRow(a, name, -b.get(a, 0)) for a, name in LIABILITIES.items())
    equity = -(b.get("equity", 0) + sum(b.get(a, 0) for a in RESULT_ACCOUNTS))
    return Balansrakning(as_of, assets, liabilities, equity, sum(r.amount for r in assets))


def prepaid_per_insats(postings: Iterable[Posting], as_of: date) -> int:
    """What insatser were paid beyond what was charged them by the day, each on its own
    (one insats paid ahead does not lower another's accrued cost)."""
    per: dict[str, int] = {}
    for p in postings:
        if p.account == "accrued_costs" and p.insats and p.day <= as_of:
            per[p.insats] = per.get(p.insats, 0) + p.amount
    return sum(amount for amount in per.values() if amount > 0)
