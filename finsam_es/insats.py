"""The insats (intervention) aggregate: its events (all stored under finsam_es.insats
topics) and its application (received, referred back, completed, withdrawn, rejected).
The grant and its period are in finsam_es/insats_period.py, its money after the grant
(interim reports, settlements, carries, payments) in finsam_es/insats_money.py: parts
of the one aggregate, by concern.

An insats's records go forward in time (a rule of this aggregate); the materialised
view relies on it. Every event a decision caused names its paragraph.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from finsam_es.base import FinsamAggregate
from finsam_es.errors import InvalidInput, Refused
from finsam_es.insats_money import InsatsMoney
from finsam_es.insats_period import InsatsPeriod, add_months
from finsam_es.periodisation import spread_over
from finsam_es.schedule import YearAmount, YearMove, postponed, schedule_plan
from finsam_es.values import month_index, stable_id

InsatsKind = Literal["individual", "structural", "volume"]


class Insats(InsatsPeriod, InsatsMoney, FinsamAggregate):
    """An insats: its application, the board's decisions, its money month by month."""

    class Decision(FinsamAggregate.Decision):
        """A decision on the insats; each one's ``apply`` notes its paragraph first."""

        def note_paragraph(self, aggregate: Insats) -> None:
            if self.paragraph and self.paragraph not in aggregate.paragraphs:
                aggregate.paragraphs = (*aggregate.paragraphs, self.paragraph)

    class ApplicationReceived(FinsamAggregate.Created):
        insats: str
        name: str
        kind: InsatsKind
        owner: str
        co_applicants: tuple[str, ...]
        amount: int
        start: date
        end: date
        line: str

        def apply(self, aggregate: Insats) -> None:
            aggregate.forbund = self.forbund
            aggregate.insats = self.insats
            aggregate.name = self.name
            aggregate.kind = self.kind
            aggregate.owner = self.owner
            aggregate.co_applicants = self.co_applicants
            aggregate.asked = self.amount
            aggregate.period = (self.start, self.end)
            aggregate.line = self.line
            aggregate.status = "received"
            aggregate.completed = None
            aggregate.plan = {}
            aggregate.dropped = {}
            aggregate.settled = {}
            aggregate.corrections = {}
            aggregate.interim = {}
            aggregate.carried_out = {}
            aggregate.paragraphs = ()
            aggregate.received = self.effective
            aggregate.paid = 0
            aggregate.sums_changed()

    class ApplicationWithdrawn(FinsamAggregate.Event):
        reason: str

        def apply(self, aggregate: Insats) -> None:
            aggregate.status = "withdrawn"

    class ApplicationReferredBack(Decision):
        reason: str

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            aggregate.status = "referred_back"
            aggregate.completed = None

    class ApplicationCompleted(FinsamAggregate.Event):
        """The applicant completed a referred-back application (stored before as
        ``ApplicationResubmitted``)."""

        amount: int
        start: date
        end: date

        def apply(self, aggregate: Insats) -> None:
            # Still referred back until the board decides again; the completion is noted.
            aggregate.completed = self.effective
            aggregate.asked = self.amount
            aggregate.period = (self.start, self.end)

    class ApplicationRejected(Decision):
        reason: str

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            aggregate.status = "rejected"

    class GrantAwarded(Decision):
        amount: int
        start: date
        end: date
        # Since the schedule (finsam_es/schedule.py): the amount of each year; empty,
        # as grants stored before, spreads the amount evenly over the months.
        schedule: tuple[YearAmount, ...] = ()

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            aggregate.status = "granted"
            # asked before the plan fills: the first grant's period replaces the
            # application's (four years granted of eight asked end after four)
            again = aggregate.granted_once
            first, last = month_index(self.start), month_index(self.end)
            months = (
                schedule_plan(self.schedule, first, last)
                if self.schedule
                else spread_over(self.amount, first, last)
            )
            for m, part in months.items():
                aggregate.plan[m] = aggregate.plan.get(m, 0) + part
            if again:
                aggregate.period = (
                    min(aggregate.period[0], self.start),
                    max(aggregate.period[1], self.end),
                )
            else:
                aggregate.period = (self.start, self.end)
            aggregate.sums_changed()

    class StartPostponed(Decision):
        new_start: date
        # Since the schedule (defaults: the months before the new start are dropped, as
        # postponements stored before): the decision keeps each year's amount, or moves
        # named amounts of the dropped money to later years; a new end when the start
        # moves past the period.
        keep_schedule: bool = False
        moves: tuple[YearMove, ...] = ()
        new_end: date | None = None

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            end = self.new_end or aggregate.period[1]
            plan, dropped = postponed(
                aggregate.plan,
                month_index(self.new_start),
                month_index(end),
                keep=self.keep_schedule,
                moves=self.moves,
            )
            aggregate.plan = plan
            for m, a in dropped.items():
                aggregate.dropped[m] = aggregate.dropped.get(m, 0) + a
            aggregate.period = (self.new_start, end)
            aggregate.sums_changed()

    class PeriodMoved(Decision):
        months: int

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            aggregate.plan = {m + self.months: a for m, a in aggregate.plan.items()}
            aggregate.dropped = {m + self.months: a for m, a in aggregate.dropped.items()}
            start, end = aggregate.period
            aggregate.period = (add_months(start, self.months), add_months(end, self.months))
            aggregate.sums_changed()

    class PeriodExtended(Decision):
        new_end: date
        extra: int

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            start_from = max(month_index(self.effective), month_index(aggregate.period[0]))
            remainder = 0
            for m in [m for m in aggregate.plan if m >= start_from]:
                remainder += aggregate.plan.pop(m)
            for m, part in spread_over(
                remainder + self.extra, start_from, month_index(self.new_end)
            ).items():
                aggregate.plan[m] = aggregate.plan.get(m, 0) + part
            aggregate.period = (aggregate.period[0], self.new_end)
            aggregate.sums_changed()

    class EndedEarly(Decision):
        new_end: date

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            cut = month_index(self.new_end)
            for m in [m for m in sorted(aggregate.plan) if m > cut]:
                aggregate.dropped[m] = aggregate.dropped.get(m, 0) + aggregate.plan.pop(m)
            aggregate.period = (aggregate.period[0], self.new_end)
            aggregate.sums_changed()

    class YearSettled(Decision):
        """What an insats used of a year's money. The difference to what was charged is
        booked on ``booked``: the year's last day while the year is open (LKBR 4:4: the
        cost belongs to the year the money was used); None books it on the decision's
        date, as settlements stored before this rule were, and as a correction in the
        open year once the settled year is closed (``closed_year``)."""

        year: int
        used: int
        charged: int
        # Since v2 (defaults: stored settlements are booked on their date, as before)
        booked: date | None = None
        closed_year: bool = False
        # The paragraph ("2024:12") that decided using more than the grant, if any
        beyond_grant: str | None = None

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            day = self.booked or self.effective
            aggregate.settled[self.year] = (self.used, self.charged, day)
            if self.closed_year:
                aggregate.corrections = {**aggregate.corrections, self.year: day}

    class UnusedCarried(Decision):
        from_year: int
        to_year: int
        amount: int
        start: date
        end: date

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            aggregate.carried_out[self.from_year] = (
                aggregate.carried_out.get(self.from_year, 0) + self.amount
            )
            for m, part in spread_over(
                self.amount, month_index(self.start), month_index(self.end)
            ).items():
                aggregate.plan[m] = aggregate.plan.get(m, 0) + part
            aggregate.period = (aggregate.period[0], max(aggregate.period[1], self.end))
            aggregate.sums_changed()

    class PaymentMade(FinsamAggregate.Event):
        amount: int
        text: str
        # The paragraph ("2024:12") that decided paying beyond the grant, if any
        beyond_grant: str | None = None

        def apply(self, aggregate: Insats) -> None:
            aggregate.paid += self.amount

    class InterimReported(FinsamAggregate.Event):
        """A delredovisning: what the insats used of a year's money up to a day before the
        year is settled, against what its schedule had charged by then."""

        year: int
        used: int
        charged: int

        def apply(self, aggregate: Insats) -> None:
            reports = aggregate.interim.get(self.year, ())
            aggregate.interim[self.year] = (*reports, (self.used, self.charged, self.effective))

    if TYPE_CHECKING:
        insats: str
        name: str
        kind: InsatsKind
        owner: str
        received: date
        paragraphs: tuple[str, ...]
        co_applicants: tuple[str, ...]
        asked: int
        period: tuple[date, date]
        line: str
        status: str
        completed: date | None  # when a referred-back application was completed
        last: date
        plan: dict[int, int]
        dropped: dict[int, int]
        settled: dict[int, tuple[int, int, date]]  # year -> (used, charged, day booked)
        corrections: dict[int, date]  # closed year -> day its settlement was booked
        interim: dict[int, tuple[tuple[int, int, date], ...]]  # year -> (used, charged, day)
        carried_out: dict[int, int]
        paid: int

    @property
    def granted_once(self) -> bool:
        return bool(self.plan) or bool(self.dropped)

    @staticmethod
    def id_for(forbund: str, insats: str) -> UUID:
        return stable_id("insats", forbund, insats)

    @classmethod
    def receive(
        cls,
        forbund: str,
        insats: str,
        name: str,
        kind: InsatsKind,
        owner: str,
        co_applicants: tuple[str, ...],
        amount: int,
        start: date,
        end: date,
        line: str,
        on: date,
        at: datetime,
    ) -> Insats:
        if not insats or not insats.replace("-", "").replace("_", "").isalnum():
            raise InvalidInput(f"'{insats}' is not an insats id (letters, digits, - and _)")
        if amount <= 0:
            raise InvalidInput(f"{insats}: the amount applied for must be positive")
        if end < start:
            raise InvalidInput(f"{insats}: the period ends {end}, before it starts {start}")
        return cls._create(
            cls.ApplicationReceived,
            id=cls.id_for(forbund, insats),
            timestamp=at,
            forbund=forbund,
            effective=on,
            insats=insats,
            name=name or insats,
            kind=kind,
            owner=owner,
            co_applicants=co_applicants,
            amount=amount,
            start=start,
            end=end,
            line=line or insats,
        )

    # -- rules -----------------------------------------------------------------

    def _dated(self, on: date, what: str) -> None:
        if on < self.last:
            raise Refused(
                f"{self.insats}: {what} dated {on} is before the last record of this insats ({self.last}); "
                "records of an insats go forward in time"
            )

    def _expect(self, allowed: tuple[str, ...], what: str) -> None:
        if self.status not in allowed:
            raise Refused(f"{self.insats} is {self.status.replace('_', ' ')}: it cannot be {what}")

    def _granted(self, what: str) -> None:
        if not self.granted_once:
            raise Refused(f"{self.insats} has no grant: it cannot be {what}")

    def withdraw(self, reason: str, on: date, at: datetime) -> None:
        self._dated(on, "withdrawal")
        self._expect(("received", "referred_back"), "withdrawn")
        self.record(self.ApplicationWithdrawn, at, effective=on, reason=reason)

    def refer_back(self, reason: str, paragraph: str | None, on: date, at: datetime) -> None:
        self._dated(on, "referral back")
        if self.status == "referred_back" and not self.completed:
            raise Refused(
                f"{self.insats} is referred back: it cannot be referred back "
                "(it has not been completed since)"
            )
        self._expect(("received", "referred_back"), "referred back")
        if not reason.strip():
            raise InvalidInput(f"{self.insats}: a referral back (återremiss) must give a reason")
        self.record(
            self.ApplicationReferredBack, at, effective=on, paragraph=paragraph, reason=reason
        )

    def complete_application(
        self, amount: int | None, start: date | None, end: date | None, on: date, at: datetime
    ) -> None:
        self._dated(on, "completion")
        self._expect(("referred_back",), "completed and resubmitted")
        new_start, new_end = start or self.period[0], end or self.period[1]
        if new_end < new_start:
            raise InvalidInput(
                f"{self.insats}: the period ends {new_end}, before it starts {new_start}"
            )
        self.record(
            self.ApplicationCompleted,
            at,
            effective=on,
            amount=amount or self.asked,
            start=new_start,
            end=new_end,
        )

    def reject(self, reason: str, paragraph: str | None, on: date, at: datetime) -> None:
        self._dated(on, "rejection")
        self._expect(("received", "referred_back"), "rejected")
        self.record(self.ApplicationRejected, at, effective=on, paragraph=paragraph, reason=reason)
