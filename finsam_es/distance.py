"""Participation at a distance (lag 2003:1210 19 a §, from 16 March 2022): a ledamot may
take part in a board meeting at a distance, and then counts as present, where the board
has decided to allow it, in a paragraph of its minutes or its reglemente, from a date
(and until it decides otherwise).

``DistanceRules`` (one per förbund) holds the board's decisions; ``Distance`` (per
förbund and year, beside the minutes book) holds who took part at a distance in each
meeting. Both are refused where the law does not allow them: no distance participation
before the law allowed it, or on a day no decision of the board allows it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.errors import InvalidInput, Refused
from finsam_es.values import stable_id

IN_FORCE = date(2022, 3, 16)  # lag 2003:1210 19 a § (SFS 2022:143)


class DistanceRules(FinsamAggregate):
    """The board's decisions allowing (or no longer allowing) participation at a distance."""

    class Started(FinsamAggregate.Created):
        label = "distance rules started"

        def apply(self, aggregate: DistanceRules) -> None:
            aggregate.forbund = self.forbund
            aggregate.decisions = []

    class Decided(FinsamAggregate.Event):
        label = "participation at a distance decided"
        allowed: bool
        paragraph: str  # "2024:3", or "" for a reglemente

        @property
        def summary(self) -> str:
            what = "allowed" if self.allowed else "no longer allowed"
            return f"participation at a distance {what} from {self.effective} ({self.paragraph})"

        def apply(self, aggregate: DistanceRules) -> None:
            aggregate.decisions.append((self.effective, self.allowed, self.paragraph))

    if TYPE_CHECKING:
        decisions: list[tuple[date, bool, str]]

    @staticmethod
    def id_for(forbund: str) -> UUID:
        return stable_id("distance-rules", forbund)

    @classmethod
    def start(cls, forbund: str, at: datetime) -> Self:
        return cls._create(
            cls.Started, id=cls.id_for(forbund), timestamp=at, forbund=forbund, effective=IN_FORCE
        )

    def decide(self, allowed: bool, on: date, paragraph: str, at: datetime) -> None:
        if allowed and on < IN_FORCE:
            raise InvalidInput(
                f"participation at a distance can be allowed from {IN_FORCE} (lag 2003:1210 "
                f"19 a §), not {on}"
            )
        self.record(self.Decided, at, effective=on, allowed=allowed, paragraph=paragraph)

    def allowing(self, day: date) -> str | None:
        """The decision in force on ``day`` that allows it (its § or "reglemente"), or None."""
        found: tuple[date, bool, str] | None = None
        for decision in sorted(self.decisions, key=lambda d: d[0]):
            if decision[0] <= day:
                found = decision
        if found is None or not found[1]:
            return None
        return found[2] or "reglemente"


class Distance(YearlyAggregate):
    """Who took part at a distance in each meeting of a year."""

    KEY = "distance"

    class Opened(FinsamAggregate.Created):
        label = "distance participation of a year opened"
        year: int

        def apply(self, aggregate: Distance) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year

    class Recorded(FinsamAggregate.Event):
        label = "participation at a distance recorded"
        names: tuple[str, ...]
        allowed_by: str

        @property
        def summary(self) -> str:
            return f"{self.effective}: {', '.join(self.names) or 'nobody'} at a distance"

    if TYPE_CHECKING:
        year: int

    def record_distance(
        self,
        meeting: date,
        names: tuple[str, ...],
        attending: tuple[str, ...],
        allowed_by: str | None,
        at: datetime,
    ) -> None:
        """Record who took part in the meeting at a distance (replacing what was recorded
        before); each must be among those attending it."""
        if names and allowed_by is None:
            raise Refused(
                f"no decision of the board allows participation at a distance on {meeting} "
                "(lag 2003:1210 19 a §): record it with `meeting allow-distance` first"
            )
        strangers = [n for n in names if n not in attending]
        if strangers:
            raise InvalidInput(
                f"{', '.join(strangers)} is not among those at the meeting of {meeting}"
            )
        self.record(self.Recorded, at, effective=meeting, names=names, allowed_by=allowed_by or "")
