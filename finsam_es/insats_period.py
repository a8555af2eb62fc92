"""The grant of an insats and its period: the board's grant (evenly over the period's
months or by a schedule of yearly amounts), postponing the start, moving the period,
extending it and ending it early (finsam_es/schedule.py holds the schedule's rules).

``InsatsPeriod`` holds these decisions of the insats aggregate; the events they record
stay with the aggregate (``Insats``, finsam_es/insats.py), under their stored topics.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from finsam_es.base import FinsamAggregate
from finsam_es.errors import InvalidInput, Refused
from finsam_es.schedule import (
    YearAmount,
    YearMove,
    move_problem,
    postponed,
    postponement_problem,
    schedule_problem,
)
from finsam_es.values import month_end, month_index


class InsatsPeriod:
    """The grant and period part of ``Insats`` (a mixin: the aggregate's state and events)."""

    if TYPE_CHECKING:
        insats: str
        asked: int
        period: tuple[date, date]
        plan: dict[int, int]
        dropped: dict[int, int]
        EndedEarly: ClassVar[type[FinsamAggregate.Event]]
        GrantAwarded: ClassVar[type[FinsamAggregate.Event]]
        PeriodExtended: ClassVar[type[FinsamAggregate.Event]]
        PeriodMoved: ClassVar[type[FinsamAggregate.Event]]
        StartPostponed: ClassVar[type[FinsamAggregate.Event]]

        def record(
            self, event_class: type[FinsamAggregate.Event], at: datetime, **fields: Any
        ) -> None: ...

        def _dated(self, on: date, what: str) -> None: ...

        def _expect(self, allowed: tuple[str, ...], what: str) -> None: ...

        def _granted(self, what: str) -> None: ...

        def _not_settled(self, first_year: int, last_year: int) -> None: ...

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


def add_months(d: date, months: int) -> date:
    """The same day so many months later; a month's last day stays a last day."""
    year, month0 = divmod(month_index(d) + months, 12)
    last = month_end(year, month0 + 1)
    if d == month_end(d.year, d.month):
        return last
    return date(year, month0 + 1, min(d.day, last.day))
