"""The money of an insats after its grant: interim reports (delredovisning), the
settlement of a year (LKBR 4:4 for a closed year), carrying unused money, payments to
the owner within the grant or beyond it by a decision, and its sums per year.

``InsatsMoney`` holds these commands and questions of the insats aggregate; the events
they record stay with the aggregate (``Insats``, finsam_es/insats.py), under their
stored topics.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from finsam_es.base import FinsamAggregate
from finsam_es.errors import Final, InvalidInput, Refused
from finsam_es.periodisation import charge_date
from finsam_es.schedule import by_year
from finsam_es.values import format_kr


class InsatsMoney:
    """The money part of ``Insats`` (a mixin: the aggregate's state and events)."""

    if TYPE_CHECKING:
        insats: str
        plan: dict[int, int]
        dropped: dict[int, int]
        settled: dict[int, tuple[int, int, date]]  # year -> (used, charged, day booked)
        carried_out: dict[int, int]
        paid: int
        charged_years: dict[int, int]  # kept by ``sums_changed``
        granted_years: dict[int, int]
        InterimReported: ClassVar[type[FinsamAggregate.Event]]
        PaymentMade: ClassVar[type[FinsamAggregate.Event]]
        UnusedCarried: ClassVar[type[FinsamAggregate.Event]]
        YearSettled: ClassVar[type[FinsamAggregate.Event]]

        def record(
            self, event_class: type[FinsamAggregate.Event], at: datetime, **fields: Any
        ) -> None: ...

        def _dated(self, on: date, what: str) -> None: ...

        def _granted(self, what: str) -> None: ...

    def _not_settled(self, first_year: int, last_year: int) -> None:
        for y in range(first_year, last_year + 1):
            if y in self.settled:
                raise Final(f"{self.insats}: {y} is settled; its months cannot change")

    def sums_changed(self) -> None:
        """Keep the sums per year of the plan and of the grant, which every payment,
        settlement and grant-capacity check reads: computed once when an event changes
        the plan, the dropped months or the carried money (each such ``apply`` ends
        with this), not on every read (tests/test_insats_sums.py)."""
        charged = by_year(self.plan)
        granted = dict(charged)
        for y, a in by_year(self.dropped).items():
            granted[y] = granted.get(y, 0) + a
        for y, a in self.carried_out.items():
            granted[y] = granted.get(y, 0) - a
        self.charged_years, self.granted_years = charged, granted

    def charged_in(self, year: int) -> int:
        return self.charged_years.get(year, 0)

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
        paid = self.paid + amount
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
        return sum(self.granted_years.values())

    # -- money views -------------------------------------------------------------

    def charges_by_year(self) -> dict[int, int]:
        """What the schedule charges per year (before settlement)."""
        return dict(self.charged_years)

    def money_years(self) -> tuple[int, ...]:
        """The years the insats has granted money in, in order."""
        return tuple(sorted(y for y, a in self.granted_years.items() if a))

    def granted_by_year(self) -> dict[int, int]:
        return dict(self.granted_years)
