"""The rules a budget decision answers to beyond its own balance: the balanskrav in
the form the förbund has set, and money taken from equity within the equity there is.

Lag 2003:1210 21 § applies KL 11:5 (the budget's income exceeds its costs) to the
förbund; a deficit budgeted from equity is a decision that says so, and cannot take
more than the equity that exists as of the decision.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from finsam_es.accounting import RESULT_ACCOUNTS
from finsam_es.errors import Refused
from finsam_es.fiscal_year import FiscalYear, budget_totals
from finsam_es.forbund import Forbund
from finsam_es.values import format_kr
from projections.money_fold import fold_money, postings
from store.unit_of_work import UnitOfWork


def budget_rule_warnings(uow: UnitOfWork, f: Forbund, fy: FiscalYear, on: date) -> list[str]:
    """Check the year's budget as it now stands: refuse money from equity beyond the
    equity as of ``on``; warn where the balanskrav form asks a surplus and there is none."""
    warnings = equity_warnings(uow, f, fy, on)
    income, cost = budget_totals(fy.lines)
    rules = f.thresholds
    if rules.balanskrav == "surplus" and income + fy.from_equity <= cost:
        warnings.append(
            f"the {fy.year} budget's income ({format_kr(income)}) does not exceed its costs "
            f"({format_kr(cost)}); the balanskrav asks a surplus ({rules.balanskrav_source})"
        )
    return warnings


def equity_warnings(uow: UnitOfWork, f: Forbund, fy: FiscalYear, on: date) -> list[str]:
    if fy.from_equity <= 0:
        return []
    year_end = date(on.year - 1, 12, 31)
    equity = equity_at(uow, f, year_end, on) if f.opening is not None else None
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


def equity_at(uow: UnitOfWork, f: Forbund, year_end: date, on: date) -> int | None:
    """The equity at the last year end before a decision, with everything decided by the
    decision's date (a settlement of that year decided in February counts): the equity
    the board can take money from, not a year's periodised months so far."""
    state = fold_money(events_with_pending(uow), f.forbund, on)
    opening = state.opening
    if opening is None or opening[0] > year_end:
        return None
    return opening[1] - sum(
        p.amount
        for p in postings(state)
        if p.account in RESULT_ACCOUNTS and opening[0] < p.day <= year_end
    )


def events_with_pending(uow: UnitOfWork) -> list[tuple[int, Any]]:
    """The stored events and those this unit of work has not saved yet, in order."""
    stored = list(uow.app.read())
    last = stored[-1][0] if stored else 0
    pending = [e for a in uow.loaded.values() if a is not None for e in a.pending_events]
    return [*stored, *((last + i + 1, e) for i, e in enumerate(pending))]
