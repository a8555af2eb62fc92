"""The members of a förbund over time, as the förbund aggregate keeps them: who is a
member on a date with which share (5 §, 5 a §), joining, leaving and restating the
shares, and each member's part of a year's allocation by those shares.

``ForbundMembers`` holds the förbund's commands and questions on its members; the
events they record stay with the aggregate (``Forbund``, finsam_es/forbund.py), under
the topics they are stored with. The rules themselves are in finsam_es/membership.py
and finsam_es/shares.py.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from finsam_es import membership as ms
from finsam_es import shares as sh
from finsam_es.base import FinsamAggregate
from finsam_es.errors import InvalidInput, NotFound
from finsam_es.membership import History, Member, check_seat_counts
from finsam_es.seats import Seat
from finsam_es.values import format_kr


class ForbundMembers:
    """The members part of ``Forbund`` (a mixin: the aggregate's state and events)."""

    if TYPE_CHECKING:
        forbund: str
        members: tuple[Member, ...]
        history: History
        seats: tuple[Seat, ...]
        MembersChanged: ClassVar[type[FinsamAggregate.Event]]

        def record(
            self, event_class: type[FinsamAggregate.Event], at: datetime, **fields: Any
        ) -> None: ...

    def member(self, member_id: str) -> Member:
        """The member now, or as it last was if it has left."""
        for m in (*self.members, *ms.ever(self.history)):
            if m.id == member_id:
                return m
        known = ", ".join(m.id for m in self.members)
        raise NotFound(f"{self.forbund} has no member '{member_id}' (members: {known})")

    def members_on(self, day: date) -> tuple[Member, ...]:
        """The members and their shares in force on the day."""
        return ms.members_on(self.history, day)

    def share_changes_in(self, year: int) -> tuple[date, ...]:
        """The days within the year, after 1 January, from which the shares differ."""
        return tuple(
            d for d, _ in self.history[1:] if d.year == year and (d.month, d.day) != (1, 1)
        )

    # -- members over time (membership.py) ----------------------------------------

    def join(
        self,
        member: Member,
        share: sh.ShareInput,
        restated: dict[str, sh.ShareInput],
        on: date,
        decision: str,
        at: datetime,
    ) -> list[str]:
        """``member`` is a member from ``on``, every share from then as restated."""
        members = ms.joined(self.members_on(on), member, share, restated)
        check_seat_counts(members)
        return self._change_members(members, on, decision, at, joined=member.id)

    def change_shares(
        self, restated: dict[str, sh.ShareInput], on: date, decision: str, at: datetime
    ) -> list[str]:
        """The same members with new shares from ``on`` (by population, say)."""
        current = self.members_on(on)
        members = ms.restate(list(current), restated)
        if members == current:
            raise InvalidInput(f"the shares on {on} are already these")
        return self._change_members(members, on, decision, at)

    def leave_forbund(
        self,
        member_id: str,
        last_day: date,
        restated: dict[str, sh.ShareInput],
        decision: str,
        at: datetime,
    ) -> list[str]:
        """``member_id`` is a member to ``last_day``; the shares from the day after."""
        first_day = last_day + timedelta(days=1)
        members = ms.left(self.members_on(last_day), member_id, last_day, restated)
        warnings = self._change_members(members, first_day, decision, at, left=member_id)
        seated = [s.name for s in self.seats if s.member == member_id and s.holds_on(first_day)]
        if seated:
            warnings.append(
                f"{member_id} leaves after {last_day} but {', '.join(seated)} still hold a seat "
                f'for it: end it (finsam board leave "{seated[0]}" --on {last_day})'
            )
        return warnings

    def _change_members(
        self,
        members: tuple[Member, ...],
        first_day: date,
        decision: str,
        at: datetime,
        joined: str = "",
        left: str = "",
    ) -> list[str]:
        ms.check_decision(decision)
        ms.check_change_day(self.history, first_day)
        ms.check_restated(members)
        self.record(
            self.MembersChanged,
            at,
            effective=first_day,
            decision=decision,
            joined=joined,
            left=left,
            members=members,
        )
        return ms.mid_year_warning(first_day)

    # -- the members' allocation ------------------------------------------------

    def allocation_parts(
        self, total: int | None, given: tuple[tuple[str, int], ...], day: date | None = None
    ) -> dict[str, int]:
        """Each member's part of a year's allocation: the amounts given per member (they
        must add up to the total when one is given too), else the total split by the
        shares in force on ``day`` (the allocation's first day)."""
        if given:
            if total is not None and total != sum(amount for _, amount in given):
                raise InvalidInput(
                    f"the members' amounts add up to {format_kr(sum(a for _, a in given))}, "
                    f"not the total {format_kr(total)}"
                )
            parts = dict(given)
            for member_id in parts:
                self.member(member_id)
            return parts
        if total is not None:
            return self.split_by_shares(total, day)
        raise InvalidInput("an allocation needs --total or amounts per member (--member ID:AMOUNT)")

    def split_by_shares(self, total: int, day: date | None = None) -> dict[str, int]:
        """Each member's exact share of the total, to the öre by largest remainder
        (finsam_es/shares.py, docs/money.md); by the shares on ``day`` (default: now)."""
        members = self.members if day is None else self.members_on(day)
        return sh.split(total, ((m.id, m.fraction) for m in members))

    def share_deviations(self, parts: dict[str, int], day: date | None = None) -> list[str]:
        """A warning for each member whose part is more than 1 kr off its exact share of
        the whole, by the shares in force on ``day``; and when the shares change within
        the year (the allocation follows those of its first day)."""
        total = sum(parts.values())
        warnings = []
        for m in self.members if day is None else self.members_on(day):
            found = sh.deviation(m.id, parts.get(m.id, 0), total, m.fraction)
            if found:
                warnings.append(found)
        if day is not None:
            warnings += [
                f"the shares change on {changed}, mid-year; the allocation of {day.year} is "
                f"divided by those in force on {day}"
                for changed in self.share_changes_in(day.year)
            ]
        return warnings
