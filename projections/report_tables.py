"""The annual report's other tables, from the same ``Books`` as the statements:
kassaflödesanalys, driftredovisning, balanskravsresultat, the five-year overview and
the insatser table (granted, used and unused per line for insatser).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import msgspec

from finsam_es.accounting import RESULT_ACCOUNTS
from finsam_es.chart import ASSETS, LIABILITIES, Chart
from finsam_es.published_year import Outcome
from projections.balanskrav import Deficit, deficits, findings
from projections.statements import (
    Books,
    balances,
    balansrakning,
    line_outcome,
    resultatrakning,
)

# -- kassaflödesanalys -----------------------------------------------------------------


class Kassaflode(msgspec.Struct, frozen=True):
    year: int
    as_of: date
    result: int
    receivables_change: int  # minus the increase of short-term receivables
    liabilities_change: int  # the increase of short-term liabilities
    equity_added: int  # equity recorded in the period other than the result
    operating: int
    cash_flow: int
    cash_start: int
    cash_end: int


def has_books(books: Books, year: int) -> bool:
    """Whether the books hold income or costs of a year (not only its closing balances)."""
    return bool(line_outcome(books.postings, date(year, 1, 1), date(year, 12, 31)))


def kassaflode(books: Books, year: int | None = None) -> Kassaflode:
    """The cash flow of the period (of this year, or the same period of an earlier one)."""
    start, end = books.outcome_span(year)
    before = start - timedelta(days=1)
    opening, closing = balances(books.postings, before), balances(books.postings, end)

    def moved(accounts: Iterable[str]) -> int:
        return sum(closing.get(a, 0) - opening.get(a, 0) for a in accounts)

    result = -sum(closing.get(a, 0) - opening.get(a, 0) for a in RESULT_ACCOUNTS)
    receivables = -moved([a for a in ASSETS if a != "bank"])
    liabilities = -moved(list(LIABILITIES))
    equity_added = -(closing.get("equity", 0) - opening.get("equity", 0))
    operating = result + receivables + liabilities
    cash_start, cash_end = opening.get("bank", 0), closing.get("bank", 0)
    return Kassaflode(
        books.year if year is None else year,
        books.as_of,
        result,
        receivables,
        liabilities,
        equity_added,
        operating,
        operating + equity_added,
        cash_start,
        cash_end,
    )


# -- driftredovisning ------------------------------------------------------------------


class DriftLine(msgspec.Struct, frozen=True):
    """Signed as the annual report prints it: income positive, costs negative."""

    line: str
    name: str
    income: int
    cost: int
    netto: int
    budget: int
    deviation: int
    previous: int
    forecast: int | None = None  # the year-end forecast (netto), when one is made


class Driftredovisning(msgspec.Struct, frozen=True):
    year: int
    as_of: date
    lines: tuple[DriftLine, ...]
    income: int
    cost: int
    netto: int
    budget: int
    deviation: int
    previous: int
    forecast: int | None = None
    forecast_made: date | None = None


def driftredovisning(books: Books) -> Driftredovisning:
    statement = resultatrakning(books)
    by_line: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for s in statement.lines:
        sign = 1 if s.kind == "income" else -1
        entry = by_line.setdefault(s.line, [0, 0, 0, 0])
        names.setdefault(s.line, s.name)
        entry[0 if s.kind == "income" else 1] += sign * s.outcome
        entry[2] += sign * s.budget
        entry[3] += sign * s.previous
    ahead = year_end_forecast(books)
    lines = tuple(
        DriftLine(line, names[line], i, c, i + c, b, i + c - b, p, ahead.get(line))
        for line, (i, c, b, p) in by_line.items()
    )
    return Driftredovisning(
        books.year,
        books.as_of,
        lines,
        sum(r.income for r in lines),
        sum(r.cost for r in lines),
        sum(r.netto for r in lines),
        sum(r.budget for r in lines),
        sum(r.deviation for r in lines),
        sum(r.previous for r in lines),
        sum(ahead.values()) if ahead else None,
        books.forecast_made,
    )


def year_end_forecast(books: Books) -> dict[str, int]:
    """The forecast netto per line (income positive, costs negative): the lines the
    forecast names at its amount, every other line of the budget at its whole year's
    budget; empty without a forecast."""
    if books.forecast_made is None:
        return {}
    out: dict[str, int] = {}
    given = {(kind, line): amount for kind, line, amount in books.forecast}
    for row in books.budget:
        amount = given.pop((row.kind, row.line), row.amount)
        out[row.line] = out.get(row.line, 0) + (amount if row.kind == "income" else -amount)
    for (kind, line), amount in given.items():
        out[line] = out.get(line, 0) + (amount if kind == "income" else -amount)
    return out


# -- balanskrav ------------------------------------------------------------------------


class Balanskrav(msgspec.Struct, frozen=True):
    """Balanskravsresultat (LKBR 2018:597 ch. 11): the year's result less realisation
    gains and unrealised changes in securities, which a förbund does not hold."""

    year: int
    as_of: date
    result: int
    realisation_gains: int
    realisation_gains_excepted: int
    realisation_losses_excepted: int
    unrealised: int
    unrealised_reversed: int
    balanskrav_result: int
    # the balanskravsutredning (projections/balanskrav.py): the deficits of the year and
    # the three before it, what is left to restore, and what the board is asked
    deficits: tuple[Deficit, ...] = ()
    to_restore: int = 0
    findings: tuple[str, ...] = ()


def balanskrav(books: Books) -> Balanskrav:
    result = resultatrakning(books).result
    found = deficits(books, result) if books.period == "year" else ()
    return Balanskrav(
        books.year,
        books.as_of,
        result,
        0,
        0,
        0,
        0,
        0,
        result,
        found,
        sum(d.left for d in found),
        findings(books.year, found),
    )


# -- five-year overview ----------------------------------------------------------------


class OverviewYear(msgspec.Struct, frozen=True):
    year: int
    allocation: int
    other_income: int  # income besides the allocation, excluding financial income
    costs: int  # operating costs, excluding financial costs (negative)
    result: int
    equity: int
    solidity: float | None  # equity / total assets
    equity_ratio: float | None  # equity / allocation


class Oversikt(msgspec.Struct, frozen=True):
    as_of: date
    years: tuple[OverviewYear, ...]


def oversikt(books: Books, chart: Chart) -> Oversikt:
    """The year and the four before it, each as of its last day (the last as of
    ``as_of``); a year with no records shows zeros."""
    years = []
    for year in range(books.year, books.year - 5, -1):
        end = min(date(year, 12, 31), books.as_of)
        outcome = line_outcome(books.postings, date(year, 1, 1), end)
        allocation = -sum(
            p.amount
            for p in books.postings
            if p.kind == "allocation"
            and p.account == "income"
            and p.day.year == year
            and p.day <= end
        )
        income = sum(a for (k, line), a in outcome.items() if k == "income")
        other = (
            sum(
                a
                for (k, line), a in outcome.items()
                if k == "income" and not chart.is_financial(line)
            )
            - allocation
        )
        costs = -sum(
            a for (k, line), a in outcome.items() if k == "cost" and not chart.is_financial(line)
        )
        result = income - sum(a for (k, _), a in outcome.items() if k == "cost")
        if not outcome and year in books.published:
            years.append(published_overview(year, books.published[year]))
            continue
        sheet = balansrakning(books.postings, end)
        years.append(
            OverviewYear(
                year,
                allocation,
                other,
                costs,
                result,
                sheet.equity,
                round(sheet.equity / sheet.total, 4) if sheet.total else None,
                round(sheet.equity / allocation, 4) if allocation else None,
            )
        )
    return Oversikt(books.as_of, tuple(years))


def published_overview(year: int, p: Outcome) -> OverviewYear:
    """An earlier year of the overview as its annual report published it."""
    return OverviewYear(
        year,
        p.allocation,
        p.other_income,
        -p.costs,
        p.result,
        p.equity,
        round(p.equity / p.total_assets, 4) if p.total_assets else None,
        round(p.equity / p.allocation, 4) if p.allocation else None,
    )


# -- insatser --------------------------------------------------------------------------


class InsatsLine(msgspec.Struct, frozen=True):
    line: str
    name: str
    granted: int
    used: int
    unused: int


class InsatserTable(msgspec.Struct, frozen=True):
    year: int
    as_of: date
    lines: tuple[InsatsLine, ...]
    granted: int
    used: int
    unused: int


def insatser(books: Books) -> InsatserTable:
    """Per budget line for insatser: the money set aside for the period (beviljade
    medel), what was used (förbrukade) and what was not (ej förbrukade)."""
    statement = resultatrakning(books)
    insats_lines = {r.line for r in books.budget if r.insats}
    lines = tuple(
        InsatsLine(s.line, s.name, s.budget, s.outcome, s.budget - s.outcome)
        for s in statement.lines
        if s.kind == "cost" and s.line in insats_lines and (s.budget or s.outcome)
    )
    return InsatserTable(
        books.year,
        books.as_of,
        lines,
        sum(r.granted for r in lines),
        sum(r.used for r in lines),
        sum(r.unused for r in lines),
    )
