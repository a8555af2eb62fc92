"""Goals of a year's verksamhetsplan and their follow-up.

The board sets the year's goals with the verksamhetsplan (a paragraph): the förbund's
own goals (verksamhetsmål), its financial goals and each insats's goals, each with its
indicator and target. A paragraph that sets a goal again with the same id changes it.

A financial goal the ledger can judge names its ``measure`` (the equity limit, a
balanced result, costs within the budget): its assessment comes from the figures on
the day asked, never from a recorded opinion. Every other goal is assessed at a
follow-up: uppfylld, delvis or ej (uppfylld), with the reason; a reason alone (the
seed's reports often give one without a degree) is recorded with no degree.

One ``GoalBook`` per förbund and year; ids are the förbund's own short names.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.errors import InvalidInput, NotFound, Refused

Assessment = Literal["uppfylld", "delvis", "ej"]
# What the ledger judges: equity at most ``limit`` of the year's allocation, a result
# of zero or more, the year's costs within the budget's.
Measure = Literal["equity_at_most", "balanced_result", "within_budget"]

SCOPES = ("forbund", "financial")  # besides "insats:ID"
MAX_TEXT = 2000  # a goal or a reason is a paragraph of text, not a document


class Goal(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A goal as the paragraph sets it."""

    id: str
    scope: str  # "forbund", "financial" or "insats:ID"
    text: str
    indicator: str = ""
    target: str = ""
    measure: Measure | None = None
    limit: int | None = None  # parts per million, for "equity_at_most" (200 000 = 20 %)

    @property
    def insats(self) -> str | None:
        return self.scope.removeprefix("insats:") if self.scope.startswith("insats:") else None

    def checked(self) -> Goal:
        """The goal, refused when it cannot be one."""
        if not self.id.strip():
            raise InvalidInput("a goal needs an id (a short name, like 'eget-kapital')")
        if not self.text.strip():
            raise InvalidInput(f"goal '{self.id}': say what the goal is (text)")
        if len(self.text) > MAX_TEXT or len(self.target) > MAX_TEXT:
            raise InvalidInput(f"goal '{self.id}': the text is longer than {MAX_TEXT} characters")
        if self.scope not in SCOPES and not (self.insats or "").strip():
            raise InvalidInput(
                f"goal '{self.id}': scope is forbund, financial or insats:ID, not '{self.scope}'"
            )
        if self.measure is not None and self.scope != "financial":
            raise InvalidInput(
                f"goal '{self.id}': only a financial goal is judged from the ledger (measure)"
            )
        if (self.measure == "equity_at_most") != (self.limit is not None):
            raise InvalidInput(
                f"goal '{self.id}': the equity goal gives its limit (like 20%), no other does"
            )
        return self


class Assessed(msgspec.Struct, frozen=True):
    """A goal's assessment recorded at a follow-up."""

    assessment: Assessment | None
    reason: str
    on: date | None  # None: the ledger had no figures to judge by yet


class GoalBook(YearlyAggregate):
    """The goals of one förbund's year and their recorded assessments."""

    KEY = "goals"

    class Opened(FinsamAggregate.Created):
        label = "goals of a year opened"
        year: int

        def apply(self, aggregate: GoalBook) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.goals = {}
            aggregate.assessed = {}

    class GoalSet(FinsamAggregate.Decision):
        label = "goal set"
        goal: Goal

        @property
        def summary(self) -> str:
            return f"{self.goal.id} ({self.goal.scope}): {self.goal.text}"

        def apply(self, aggregate: GoalBook) -> None:
            aggregate.goals = {**aggregate.goals, self.goal.id: self.goal}

    class GoalAssessed(FinsamAggregate.Event):
        label = "goal assessed"
        goal: str
        assessment: Assessment | None
        reason: str

        @property
        def summary(self) -> str:
            return f"{self.goal}: {self.assessment or 'ingen grad'}. {self.reason}"

        def apply(self, aggregate: GoalBook) -> None:
            found = Assessed(self.assessment, self.reason, self.effective)
            aggregate.assessed = {**aggregate.assessed, self.goal: found}

    if TYPE_CHECKING:
        goals: dict[str, Goal]
        assessed: dict[str, Assessed]

    def set_goal(self, goal: Goal, paragraph: str, on: date, at: datetime) -> None:
        """Set (or change) a goal by the paragraph decided on ``on``."""
        goal = goal.checked()
        if on.year > self.year:
            raise Refused(f"goal '{goal.id}': {self.year}'s goals are set before {self.year} ends")
        self.record(self.GoalSet, at, effective=on, paragraph=paragraph, goal=goal)

    def assess(
        self, goal_id: str, assessment: Assessment | None, reason: str, on: date, at: datetime
    ) -> None:
        """Record a goal's assessment at a follow-up; the ledger judges its own goals."""
        goal = self.goals.get(goal_id)
        if goal is None:
            known = ", ".join(sorted(self.goals)) or "none"
            raise NotFound(f"{self.year} has no goal '{goal_id}' (its goals: {known})")
        if goal.measure is not None:
            raise Refused(
                f"goal '{goal_id}' is judged from the ledger ({goal.measure}); "
                "its assessment is not recorded"
            )
        if assessment is None and not reason.strip():
            raise InvalidInput(f"goal '{goal_id}': give an assessment, a reason or both")
        if len(reason) > MAX_TEXT:
            raise InvalidInput(f"goal '{goal_id}': the reason is longer than {MAX_TEXT} characters")
        self.record(
            self.GoalAssessed,
            at,
            effective=on,
            goal=goal_id,
            assessment=assessment,
            reason=reason.strip(),
        )
