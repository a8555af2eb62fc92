"""The year-end forecast on a date: the last forecast made by then, per budget line
beside the budget and the outcome so far, with the forecast result and equity.

A budget line the forecast leaves out is expected to end at its budget; a line
forecast outside the budget is shown with a budget of 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec

from finsam_es.forecast import Forecast
from projections.money_reports import EquityReport, ResultReport


class ForecastRow(msgspec.Struct, frozen=True):
    line: str
    kind: str
    name: str
    budget: int
    outcome: int  # so far, on the day asked
    forecast: int
    deviation: int  # forecast against budget: positive is better than budgeted


class ForecastReport(msgspec.Struct, frozen=True):
    year: int
    as_of: date
    made_on: date
    text: str
    lines: tuple[ForecastRow, ...]
    income: int
    costs: int
    result: int
    budget_result: int
    opening_equity: int  # equity at the end of the year before
    equity: int  # the opening equity and the forecast result
    # "Prognos eget kapital" against the förbund's own limit: the forecast equity as a
    # share of the year's allocation (None without one), the limit and where it comes from
    allocation: int = 0
    equity_ratio: float | None = None
    limit: float = 0.2
    limit_source: str = ""
    over_limit: bool = False


def last_made(events: Iterable[Any], as_of: date) -> Forecast.Made | None:
    """The last forecast made by the date (the later recorded of one day)."""
    found = None
    for e in events:
        later = found is None or e.effective >= found.effective
        if isinstance(e, Forecast.Made) and e.effective <= as_of and later:
            found = e
    return found


def forecast_report(
    made: Forecast.Made,
    year: int,
    as_of: date,
    outcome: ResultReport,
    opening_equity: int,
    equity: EquityReport,
) -> ForecastReport:
    """The forecast beside the budget and the outcome so far (``outcome``'s lines), its
    equity against the limit ``equity`` (the year's) carries."""
    given: dict[tuple[str, str], int] = {(x.kind, x.line): x.amount for x in made.lines}
    rows: list[ForecastRow] = []
    for r in outcome.lines:
        amount = given.pop((r.kind, r.line), r.budget)
        rows.append(_row(r.line, r.kind, r.name, r.budget, r.outcome, amount))
    for (kind, line), amount in sorted(given.items()):
        rows.append(_row(line, kind, "", 0, 0, amount))
    rows.sort(key=lambda x: 0 if x.kind == "income" else 1)
    income = sum(x.forecast for x in rows if x.kind == "income")
    costs = sum(x.forecast for x in rows if x.kind == "cost")
    forecast_equity = opening_equity + income - costs
    allocation = equity.allocation
    ratio = round(forecast_equity / allocation, 4) if allocation else None
    return ForecastReport(
        year,
        as_of,
        made.effective,
        made.text,
        tuple(rows),
        income,
        costs,
        income - costs,
        outcome.budget_result,
        opening_equity,
        forecast_equity,
        allocation,
        ratio,
        equity.limit,
        equity.limit_source,
        bool(allocation) and forecast_equity > equity.limit * allocation,
    )


def _row(line: str, kind: str, name: str, budget: int, outcome: int, amount: int) -> ForecastRow:
    deviation = amount - budget if kind == "income" else budget - amount
    return ForecastRow(line, kind, name, budget, outcome, amount, deviation)
