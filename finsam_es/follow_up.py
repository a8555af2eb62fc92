"""An insats's participants as its report (interim or final) states them: counts only.

The annual report and Försäkringskassan's Uppföljning Finsam ask, per insats and year,
how many took part, how many were new and how many finished during the period, women,
men and other or unknown, and how many each member referred. finsam keeps the counts
and never a person. A report whose parts do not add up is refused: women, men and
other make the total, as do the named parts of the insats (SFI's two groups), and no
more can be new, finished or referred than took part.

One ``ParticipantBook`` per förbund and year. An insats's report for the same period
recorded again replaces the earlier (which stays in the log).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.errors import InvalidInput

ReportKind = Literal["interim", "final"]
MAX_COUNT = 1_000_000  # more than any insats has participants: a typo, not a count


class Count(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A count under a name: a member's referrals, or a part of the insats."""

    name: str
    count: int


class Participants(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    total: int
    new: int | None = None
    finished: int | None = None
    women: int = 0
    men: int = 0
    other: int = 0  # other or unknown sex
    referred_by: tuple[Count, ...] = ()  # per member id
    parts: tuple[Count, ...] = ()  # per part of the insats, when it reports them

    def checked(self, insats: str) -> Participants:
        """The counts, refused when they do not add up."""
        where = f"{insats}'s participants"
        counts = [self.total, self.women, self.men, self.other, self.new, self.finished]
        counts += [c.count for c in (*self.referred_by, *self.parts)]
        if any(n is not None and not 0 <= n <= MAX_COUNT for n in counts):
            raise InvalidInput(f"{where}: a count is between 0 and {MAX_COUNT}")
        if self.women + self.men + self.other != self.total:
            raise InvalidInput(
                f"{where}: women {self.women} + men {self.men} + other {self.other} "
                f"= {self.women + self.men + self.other}, not the total {self.total}"
            )
        for name, n in (("new", self.new), ("finished", self.finished)):
            if n is not None and n > self.total:
                raise InvalidInput(f"{where}: {n} {name} of {self.total} in all")
        referred = sum(c.count for c in self.referred_by)
        if referred > self.total:
            raise InvalidInput(f"{where}: {referred} referred by the members, {self.total} in all")
        if self.parts and sum(c.count for c in self.parts) != self.total:
            parts = " + ".join(str(c.count) for c in self.parts)
            raise InvalidInput(f"{where}: the parts {parts} do not make the total {self.total}")
        for named in (self.referred_by, self.parts):
            names = [c.name for c in named]
            if len(set(names)) != len(names) or not all(n.strip() for n in names):
                raise InvalidInput(f"{where}: each member or part is named once")
        return self


class Report(msgspec.Struct, frozen=True, kw_only=True):
    """An insats's participants in a period, from its interim or final report."""

    insats: str
    start: date
    end: date
    kind: ReportKind
    participants: Participants
    source: str = ""


class ParticipantBook(YearlyAggregate):
    """The participants of one förbund's insatser in a year, as their reports state them."""

    KEY = "participants"

    class Opened(FinsamAggregate.Created):
        label = "participants of a year opened"
        year: int

        def apply(self, aggregate: ParticipantBook) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year

    class Reported(FinsamAggregate.Event):
        label = "participants reported"
        report: Report

        @property
        def summary(self) -> str:
            r, p = self.report, self.report.participants
            return f"{r.insats} {r.start}–{r.end} ({r.kind}): {p.total} deltagare"

    if TYPE_CHECKING:
        year: int

    def report(self, report: Report, on: date, at: datetime) -> None:
        """Record an insats's participants in a period of this year, reported on ``on``."""
        if report.start > report.end:
            raise InvalidInput(f"{report.insats}: the period ends ({report.end}) before it starts")
        if report.start.year != self.year or report.end.year != self.year:
            raise InvalidInput(
                f"{report.insats}: the period {report.start} - {report.end} is not within "
                f"{self.year} (report each year on its own)"
            )
        if on < report.end and report.kind == "final":
            raise InvalidInput(
                f"{report.insats}: a final report of a period to {report.end} comes after it"
            )
        checked = msgspec.structs.replace(
            report, participants=report.participants.checked(report.insats)
        )
        self.record(self.Reported, at, effective=on, report=checked)
