"""The year's goals on a date: each as its last paragraph set it, with its assessment.

A goal the ledger judges (``Goal.measure``) is assessed from the figures on the day
asked (at most the year's end), so the annual report and the goal table can never
disagree with the statements; every other goal carries the last assessment recorded
by then at a follow-up, or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

import msgspec

from finsam_es.goals import Assessed, Assessment, Goal, GoalBook
from finsam_es.values import format_kr, format_share
from projections.money_reports import EquityReport, ResultReport

AssessedBy = Literal["ledger", "recorded"]

ASSESSMENT_WORDS: dict[str, str] = {
    "uppfylld": "Uppfylld",
    "delvis": "Delvis uppfylld",
    "ej": "Ej uppfylld",
}


class GoalRow(msgspec.Struct, frozen=True):
    id: str
    scope: str
    text: str
    indicator: str
    target: str
    assessment: Assessment | None
    reason: str
    assessed_by: AssessedBy
    paragraph: str | None
    set_on: date
    assessed_on: date | None


class Ledger(msgspec.Struct, frozen=True):
    """The figures a ledger-judged goal is assessed by, on the day asked."""

    on: date
    equity: EquityReport
    result: ResultReport
    budget_costs: int


def admitted(events: Iterable[Any], as_of: date) -> list[Any]:
    """The events effective by the date (the opening event always)."""
    return [e for e in events if isinstance(e, GoalBook.Opened) or e.effective <= as_of]


def goal_rows(events: Iterable[Any], as_of: date, ledger: Ledger | None) -> list[GoalRow]:
    """The goals set by ``as_of`` in the order first set, with their assessments."""
    goals: dict[str, tuple[Goal, str | None, date]] = {}
    assessed: dict[str, Assessed] = {}
    for e in admitted(events, as_of):
        if isinstance(e, GoalBook.GoalSet):
            goals[e.goal.id] = (e.goal, e.paragraph, e.effective)
        elif isinstance(e, GoalBook.GoalAssessed):
            assessed[e.goal] = Assessed(e.assessment, e.reason, e.effective)
    rows = []
    for goal, paragraph, set_on in goals.values():
        by: AssessedBy = "recorded" if goal.measure is None else "ledger"
        found = assessed.get(goal.id)
        if goal.measure is not None:
            assessment, reason = judged(goal, ledger)
            found = Assessed(assessment, reason, ledger.on if ledger else None)
        rows.append(
            GoalRow(
                goal.id,
                goal.scope,
                goal.text,
                goal.indicator,
                goal.target,
                found.assessment if found else None,
                found.reason if found else "",
                by,
                paragraph,
                set_on,
                found.on if found else None,
            )
        )
    return rows


def judged(goal: Goal, ledger: Ledger | None) -> tuple[Assessment | None, str]:
    """A financial goal's assessment from the figures, with the reason in Swedish."""
    if ledger is None:
        return None, "året har inte börjat"
    on = ledger.on.isoformat()
    if goal.measure == "equity_at_most":
        eq, limit = ledger.equity, goal.limit or 0
        if not eq.allocation:
            return None, f"ingen tilldelning att jämföra med ({on})"
        # exact: equity / allocation <= limit ppm / 1 000 000
        met = eq.equity * 1_000_000 <= limit * eq.allocation
        percent = round(100 * eq.equity / eq.allocation)
        return ("uppfylld" if met else "ej"), (
            f"Eget kapital {format_kr(eq.equity)} är {percent} % av årets medlemsbidrag "
            f"{format_kr(eq.allocation)} ({on}); målet är högst {format_share(limit)}"
        )
    if goal.measure == "balanced_result":
        result = ledger.result.result
        word = "överskott" if result > 0 else "underskott" if result < 0 else "nollresultat"
        return ("uppfylld" if result >= 0 else "ej"), (
            f"Resultatet är {format_kr(result)} ({word}, {on})"
        )
    costs = ledger.result.costs
    return ("uppfylld" if costs <= ledger.budget_costs else "ej"), (
        f"Kostnaderna {format_kr(costs)} mot budgeterade {format_kr(ledger.budget_costs)} ({on})"
    )
