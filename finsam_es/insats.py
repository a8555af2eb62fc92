"""The insats (intervention): its application, the board's decisions on it, its
money month by month, settlements, carries and payments.

An insats's records go forward in time (a rule of this aggregate); the materialised
view relies on it. Every event a decision caused names its paragraph.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from finsam_es.base import FinsamAggregate
from finsam_es.errors import Final, InvalidInput, Refused
from finsam_es.periodisation import charge_date, spread_over
from finsam_es.schedule import (
    YearAmount,
    YearMove,
    by_year,
    move_problem,
    postponed,
    postponement_problem,
    schedule_plan,
    schedule_problem,
)
from finsam_es.values import format_kr, month_end, month_index, stable_id

InsatsKind = Literal["individual", "structural", "volume"]


class Insats(FinsamAggregate):
    """An insats: its application, the board's decisions, its money month by month."""

    class Decision(FinsamAggregate.Decision):
        """A decision on the insats; each one's ``apply`` notes its paragraph first."""

        def note_paragraph(self, aggregate: Insats) -> None:
            if self.paragraph and self.paragraph not in aggregate.paragraphs:
                aggregate.paragraphs = (*aggregate.paragraphs, self.paragraph)

    class ApplicationReceived(FinsamAggregate.Created):
        label = "application received"
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

    class ApplicationWithdrawn(FinsamAggregate.Event):
        label = "application withdrawn"
        reason: str

        def apply(self, aggregate: Insats) -> None:
            aggregate.status = "withdrawn"

    class ApplicationReferredBack(Decision):
        label = "referred back"
        reason: str

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            aggregate.status = "referred_back"
            aggregate.completed = None

    class ApplicationCompleted(FinsamAggregate.Event):
        """The applicant completed a referred-back application (stored before as
        ``ApplicationResubmitted``)."""

        label = "application completed"
        amount: int
        start: date
        end: date

        def apply(self, aggregate: Insats) -> None:
            # Still referred back until the board decides again; the completion is noted.
            aggregate.completed = self.effective
            aggregate.asked = self.amount
            aggregate.period = (self.start, self.end)

    class ApplicationRejected(Decision):
        label = "rejected"
        reason: str

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            aggregate.status = "rejected"

    class GrantAwarded(Decision):
        label = "grant awarded"
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

    class StartPostponed(Decision):
        label = "start postponed"
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

    class PeriodMoved(Decision):
        label = "period moved"
        months: int

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            aggregate.plan = {m + self.months: a for m, a in aggregate.plan.items()}
            aggregate.dropped = {m + self.months: a for m, a in aggregate.dropped.items()}
            start, end = aggregate.period
            aggregate.period = (_add_months(start, self.months), _add_months(end, self.months))

    class PeriodExtended(Decision):
        label = "period extended"
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

    class EndedEarly(Decision):
        label = "ended early"
        new_end: date

        def apply(self, aggregate: Insats) -> None:
            self.note_paragraph(aggregate)
            cut = month_index(self.new_end)
            for m in [m for m in sorted(aggregate.plan) if m > cut]:
                aggregate.dropped[m] = aggregate.dropped.get(m, 0) + aggregate.plan.pop(m)
            aggregate.period = (aggregate.period[0], self.new_end)

    class YearSettled(Decision):
        """What an insats used of a year's money. The difference to what was charged is
        booked on ``booked``: the year's last day while the year is open (LKBR 4:4: the
        cost belongs to the year the money was used); None books it on the decision's
        date, as settlements stored before this rule were, and as a correction in the
        open year once the settled year is closed (``closed_year``)."""

        label = "year settled"
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
                corrections = getattr(aggregate, "corrections", {})
                aggregate.corrections = {**corrections, self.year: day}

    class UnusedCarried(Decision):
        label = "unused carried"
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

    class PaymentMade(FinsamAggregate.Event):
        label = "payment to owner"
        amount: int
        text: str
        # The paragraph ("2024:12") that decided paying beyond the grant, if any
        beyond_grant: str | None = None

        def apply(self, aggregate: Insats) -> None:
            aggregate.paid = getattr(aggregate, "paid", 0) + self.amount

    class InterimReported(FinsamAggregate.Event):
        """A delredovisning: what the insats used of a year's money up to a day before the
        year is settled, against what its schedule had charged by then."""

        label = "interim use reported"
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

    def grant(
        self,
        amount: int | None,
        start: date | None,
        end: date | None,
        paragraph: str | None,
        on: date,
        at: datetime,
        schedule: tuple[YearAmount, ...] = (),
    ) -> None:
        """Grant money: spread evenly over the period's months, or by ``schedule`` the
        amount of each year over that year's months (finsam_es/schedule.py)."""
        self._dated(on, "a grant")
        self._expect(("received", "referred_back", "granted"), "granted")
        amount = self.asked if amount is None else amount
        start, end = start or self.period[0], end or self.period[1]
        if amount <= 0:
            raise InvalidInput(f"{self.insats}: a grant must be a positive amount")
        if end < start:
            raise InvalidInput(
                f"{self.insats}: the grant period ends {end}, before it starts {start}"
            )
        if schedule:
            problem = schedule_problem(schedule, amount, month_index(start), month_index(end))
            if problem:
                raise InvalidInput(f"{self.insats}: {problem}")
        self._not_settled(start.year, end.year)
        extra = {"schedule": schedule} if schedule else {}
        self.record(
            self.GrantAwarded,
            at,
            effective=on,
            paragraph=paragraph,
            amount=amount,
            start=start,
            end=end,
            **extra,
        )

    def postpone_start(
        self,
        new_start: date,
        paragraph: str | None,
        on: date,
        at: datetime,
        *,
        keep_schedule: bool = False,
        moves: tuple[YearMove, ...] = (),
        new_end: date | None = None,
    ) -> None:
        """Postpone the start: the months before it are dropped, unless the decision keeps
        the schedule or moves named amounts to later years (finsam_es/schedule.py)."""
        self._dated(on, "a postponement")
        self._granted("postponed")
        problem = postponement_problem(
            self.insats, self.period, new_start, keep_schedule, moves, new_end
        )
        if problem:
            raise InvalidInput(problem)
        end = new_end or self.period[1]
        problem = move_problem(self.plan, month_index(new_start), month_index(end), moves)
        if problem:
            raise InvalidInput(f"{self.insats}: {problem}")
        plan, _ = postponed(
            self.plan, month_index(new_start), month_index(end), keep=keep_schedule, moves=moves
        )
        changed = [m // 12 for m in set(plan) | set(self.plan) if plan.get(m) != self.plan.get(m)]
        if changed:
            self._not_settled(min(changed), max(changed))
        extra: dict[str, object] = {}
        if keep_schedule:
            extra["keep_schedule"] = True
        if moves:
            extra["moves"] = moves
        if new_end is not None:
            extra["new_end"] = new_end
        self.record(
            self.StartPostponed,
            at,
            effective=on,
            paragraph=paragraph,
            new_start=new_start,
            **extra,
        )

    def move_period(self, new_start: date, paragraph: str | None, on: date, at: datetime) -> None:
        self._dated(on, "a moved period")
        self._granted("moved")
        months = month_index(new_start) - month_index(self.period[0])
        if months == 0:
            raise InvalidInput(f"{self.insats} already starts in {new_start:%Y-%m}")
        # every month the plan holds (dropped ones too) moves: neither where it was nor
        # where it goes may be a settled year
        moved = [*self.plan, *self.dropped]
        touched = [m // 12 for m in moved] + [(m + months) // 12 for m in moved]
        if touched:
            self._not_settled(min(touched), max(touched))
        charged_months = [m for m in self.plan if m < month_index(on)]
        if charged_months:
            raise Refused(
                f"{self.insats} has been charged since {self.period[0]}; postpone the start or end it "
                "early instead of moving the whole period"
            )
        self.record(self.PeriodMoved, at, effective=on, paragraph=paragraph, months=months)

    def extend(
        self, new_end: date, extra: int, paragraph: str | None, on: date, at: datetime
    ) -> None:
        self._dated(on, "an extension")
        self._granted("extended")
        if new_end <= self.period[1]:
            raise InvalidInput(f"{self.insats} ends {self.period[1]}; {new_end} does not extend it")
        if extra < 0:
            raise InvalidInput("an extension cannot take money away (end it early instead)")
        if month_index(new_end) < max(month_index(on), month_index(self.period[0])):
            raise Refused(
                f"{self.insats}: an extension decided on {on} spreads what is left over the months "
                f"from then on; it must end in {on:%Y-%m} or later, not {new_end}"
            )
        self._not_settled(on.year, new_end.year)
        self.record(
            self.PeriodExtended, at, effective=on, paragraph=paragraph, new_end=new_end, extra=extra
        )

    def end_early(self, new_end: date, paragraph: str | None, on: date, at: datetime) -> None:
        self._dated(on, "ending early")
        self._granted("ended early")
        if new_end >= self.period[1]:
            raise InvalidInput(
                f"{self.insats} ends {self.period[1]}; {new_end} does not end it earlier"
            )
        if new_end < self.period[0]:
            raise InvalidInput(
                f"{self.insats} starts {self.period[0]}; it cannot end before ({new_end})"
            )
        self._not_settled(new_end.year, self.period[1].year)
        self.record(self.EndedEarly, at, effective=on, paragraph=paragraph, new_end=new_end)

    def _not_settled(self, first_year: int, last_year: int) -> None:
        for y in range(first_year, last_year + 1):
            if y in self.settled:
                raise Final(f"{self.insats}: {y} is settled; its months cannot change")

    def charged_in(self, year: int) -> int:
        return by_year(self.plan).get(year, 0)

    def report_interim(self, year: int, used: int, on: date, at: datetime) -> None:
        """Record a delredovisning: the money used of a year up to ``on``; the final
        settlement of the year then settles the rest."""
        self._dated(on, "an interim report")
        self._granted("reported on")
        if year in self.settled:
            raise Final(f"{self.insats}: {year} is settled; an interim report comes before that")
        if on.year != year or on >= date(year, 12, 31):
            raise InvalidInput(
                f"{self.insats}: an interim report on {year} is dated in {year} before 31 "
                f"December, not {on}; at the year's end, settle it"
            )
        if used < 0:
            raise InvalidInput("used money cannot be negative")
        charged = sum(a for m, a in self.plan.items() if m // 12 == year and charge_date(m) <= on)
        self.record(self.InterimReported, at, effective=on, year=year, used=used, charged=charged)

    def settle(
        self,
        year: int,
        used: int,
        paragraph: str | None,
        on: date,
        at: datetime,
        *,
        year_open: bool = True,
        beyond_grant: str | None = None,
    ) -> None:
        """Settle a year: book what was used against what was charged. While the year is
        open the difference belongs to it (LKBR 4:4) and is booked on its last day; once
        it is closed, on ``on`` in the open year, as a correction naming the closed year."""
        self._dated(on, "a settlement")
        self._granted("settled")
        if year in self.settled:
            raise Refused(
                f"{self.insats}: {year} is already settled ({format_kr(self.settled[year][0])} used)"
            )
        if on < date(year, 12, 31):
            raise InvalidInput(f"{self.insats}: {year} is settled at its end or later, not on {on}")
        if used < 0:
            raise InvalidInput("used money cannot be negative")
        used_before = sum(u for u, _charged, _day in self.settled.values())
        what = f"{format_kr(used)} used in {year} brings what is used"
        self._within_grant(used_before + used, what, "using", beyond_grant)
        self.record(
            self.YearSettled,
            at,
            effective=on,
            paragraph=paragraph,
            year=year,
            used=used,
            charged=self.charged_in(year),
            booked=date(year, 12, 31) if year_open and on > date(year, 12, 31) else None,
            closed_year=not year_open,
            beyond_grant=beyond_grant,
        )

    def carry(
        self,
        from_year: int,
        amount: int | None,
        start: date | None,
        end: date | None,
        paragraph: str | None,
        on: date,
        at: datetime,
    ) -> int:
        self._dated(on, "carrying money")
        if from_year not in self.settled:
            raise Refused(f"{self.insats}: settle {from_year} before carrying its unused money")
        used = self.settled[from_year][0]
        unused = self.granted_by_year().get(from_year, 0) - used
        amount = unused if amount is None else amount
        if amount <= 0 or amount > unused:
            raise Refused(
                f"{self.insats}: {format_kr(unused)} of {from_year} is unused; cannot carry {format_kr(amount)}"
            )
        to_year = from_year + 1
        start, end = start or date(to_year, 1, 1), end or date(to_year, 12, 31)
        self._not_settled(start.year, end.year)
        if end < start:
            raise InvalidInput(f"{self.insats}: the period ends {end}, before it starts {start}")
        self.record(
            self.UnusedCarried,
            at,
            effective=on,
            paragraph=paragraph,
            from_year=from_year,
            to_year=to_year,
            amount=amount,
            start=start,
            end=end,
        )
        return amount

    def pay(
        self, amount: int, text: str, on: date, at: datetime, beyond_grant: str | None = None
    ) -> None:
        """Pay the owner; beyond the grant only when a decision (``beyond_grant``, its
        paragraph "2024:12") says so."""
        self._dated(on, "a payment")
        self._granted("paid")
        if amount == 0:
            raise InvalidInput("a payment of 0 kr records nothing")
        paid = getattr(self, "paid", 0) + amount
        what = f"a payment of {format_kr(amount)} brings what is paid"
        self._within_grant(paid, what, "paying", beyond_grant)
        self.record(
            self.PaymentMade,
            at,
            effective=on,
            amount=amount,
            text=text,
            beyond_grant=beyond_grant,
        )

    def _within_grant(self, total: int, what: str, doing: str, beyond: str | None) -> None:
        """Refuse a total beyond the grant unless a decision (``beyond``) says so."""
        if total > self.granted_total() and beyond is None:
            raise Refused(
                f"{self.insats}: {what} to {format_kr(total)}, beyond the grant of "
                f"{format_kr(self.granted_total())}; a decision {doing} more is named with "
                "--beyond-grant YEAR:§"
            )

    def granted_total(self) -> int:
        """All the money granted (months dropped by a postponement or an early end
        included: the board granted them)."""
        return sum(self.granted_by_year().values())

    # -- money views -------------------------------------------------------------

    def charges_by_year(self) -> dict[int, int]:
        """What the schedule charges per year (before settlement)."""
        return by_year(self.plan)

    def money_years(self) -> tuple[int, ...]:
        """The years the insats has granted money in, in order."""
        return tuple(sorted(y for y, a in self.granted_by_year().items() if a))

    def granted_by_year(self) -> dict[int, int]:
        years = by_year(self.plan)
        for y, a in by_year(self.dropped).items():
            years[y] = years.get(y, 0) + a
        for y, a in self.carried_out.items():
            years[y] = years.get(y, 0) - a
        return years


def _add_months(d: date, months: int) -> date:
    """The same day so many months later; a month's last day stays a last day."""
    year, month0 = divmod(month_index(d) + months, 12)
    last = month_end(year, month0 + 1)
    if d == month_end(d.year, d.month):
        return last
    return date(year, month0 + 1, min(d.day, last.day))
