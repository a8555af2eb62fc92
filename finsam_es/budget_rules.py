"""The rules a budget decision answers to beyond its own balance: the balanskrav in
the form the förbund has set, and money taken from equity within the equity there is.

Lag 2003:1210 21 § applies KL 11:5 (the budget's income exceeds its costs) to the
förbund; a deficit budgeted from equity is a decision that says so, and cannot take
more than the equity that exists as of the decision. Pure: the equity is computed
from the förbund's money events the unit of work hands in (``money_events_needed``
says when they are needed at all).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from finsam_es.accounting import RESULT_ACCOUNTS
from finsam_es.budget import budget_totals
from finsam_es.errors import Refused
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.money_state import fold_money, postings
from finsam_es.values import format_kr


def money_events_needed(f: Forbund, fy: FiscalYear) -> bool:
    """Only a budget that takes money from equity, of a förbund with an opening equity,
    is checked against the equity there is: the others need no history read."""
    return fy.from_equity > 0 and f.opening is not None


def budget_rule_warnings(
    f: Forbund, fy: FiscalYear, on: date, money_events: Iterable[tuple[int, Any]]
) -> list[str]:
    """Check the year's budget as it now stands: refuse money from equity beyond the
    equity as of ``on``; warn where the balanskrav form asks a surplus and there is none.
    ``money_events``: the förbund's money events, stored and pending, in log order."""
    warnings = equity_warnings(f, fy, on, money_events)
    income, cost = budget_totals(fy.lines)
    rules = f.thresholds
    if rules.balanskrav == "surplus" and income + fy.from_equity <= cost:
        warnings.append(
            f"the {fy.year} budget's income ({format_kr(income)}) does not exceed its costs "
            f"({format_kr(cost)}); the balanskrav asks a surplus ({rules.balanskrav_source})"
        )
    return warnings


def equity_warnings(
    f: Forbund, fy: FiscalYear, on: date, money_events: Iterable[tuple[int, Any]]
) -> list[str]:
    if fy.from_equity <= 0:
        return []
    year_end = date(on.year - 1, 12, 31)
    equity = equity_at(money_events, f.forbund, year_end, on) if f.opening is not None else None
    if equity is None:
        return [
            f"{format_kr(fy.from_equity)} of the {fy.year} budget comes from equity, but no "
            f"opening equity is recorded by {year_end}: it cannot be checked against the "
            "equity there is (finsam opening-equity)"
        ]
    if fy.from_equity > equity:
        raise Refused(
            f"the {fy.year} budget takes {format_kr(fy.from_equity)} from equity, but the "
            f"equity at {year_end} was {format_kr(equity)} as known on {on}; money from "
            "equity cannot exceed the equity there is (lag 2003:1210 21 §, KL 11:5)"
        )
    return []


def equity_at(
    money_events: Iterable[tuple[int, Any]], forbund: str, year_end: date, on: date
) -> int | None:
    """The equity at the last year end before a decision, with everything decided by the
    decision's date (a settlement of that year decided in February counts): the equity
    the board can take money from, not a year's periodised months so far."""
    state = fold_money(money_events, forbund, on)
    opening = state.opening
    if opening is None or opening[0] > year_end:
        return None
    return opening[1] - sum(
        p.amount
        for p in postings(state)
        if p.account in RESULT_ACCOUNTS and opening[0] < p.day <= year_end
    )
