"""The förbund: its members and their shares by law, the board over time, the
opening equity, and the indexes its commands keep (insats years, imported journal
entries).

Command methods check the rules and raise a FinsamError, or record events and
return warnings (rules the board should hear about but that do not block).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from uuid import UUID

import msgspec

from finsam_es.base import FinsamAggregate
from finsam_es.errors import InvalidInput, NotFound, Refused
from finsam_es.values import WHOLE, format_kr, format_share, stable_id

MemberKind = Literal["state", "region", "municipality"]
Role = Literal["ledamot", "ersattare"]
QuorumRule = Literal["at_least_half", "more_than_half"]

KIND_SHARE = {"state": WHOLE // 2, "region": WHOLE // 4, "municipality": WHOLE // 4}
KIND_LABEL = {
    "state": "state members (FK and AF)",
    "region": "the region",
    "municipality": "the municipalities",
}


class Member(msgspec.Struct, frozen=True):
    id: str
    name: str
    kind: MemberKind
    share: int  # parts per million


class Seat(msgspec.Struct, frozen=True):
    name: str
    member: str
    role: Role
    start: date
    end: date | None = None
    chair: bool = False
    vice_chair: bool = False

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def check_shares(members: tuple[Member, ...]) -> None:
    """The law's split: state 50 %, region 25 %, municipalities 25 %, 100 % in all."""
    if not members:
        raise InvalidInput("a förbund needs its members (--member ID:KIND:SHARE)")
    ids = [m.id for m in members]
    for member_id in ids:
        if ids.count(member_id) > 1:
            raise InvalidInput(f"member '{member_id}' is named twice")
    total = sum(m.share for m in members)
    for kind, required in KIND_SHARE.items():
        if not any(m.kind == kind for m in members):
            raise Refused(
                f"the shares do not follow the law: no {kind} member ({KIND_LABEL[kind]} hold {format_share(required)})"
            )
    for kind, required in KIND_SHARE.items():
        held = sum(m.share for m in members if m.kind == kind)
        if held != required:
            raise Refused(
                f"the shares do not follow the law: {KIND_LABEL[kind]} hold {format_share(held)}, "
                f"the law says {format_share(required)}"
            )
    if total != WHOLE:  # pragma: no cover - implied by the three checks above
        raise Refused(f"the shares add up to {format_share(total)}, not 100 %")


class Forbund(FinsamAggregate):
    """A samordningsförbund: members and their shares, the board over time."""

    class Registered(FinsamAggregate.Created):
        label = "förbund created"
        name: str
        members: tuple[Member, ...]
        quorum: QuorumRule

        def apply(self, aggregate: Forbund) -> None:
            aggregate.forbund = self.forbund
            aggregate.name = self.name
            aggregate.members = self.members
            aggregate.quorum = self.quorum
            aggregate.seats = ()
            aggregate.opening = None
            aggregate.insats_years = {}
            aggregate.imported = frozenset()

    class BoardMemberAppointed(FinsamAggregate.Event):
        label = "board member appointed"
        seat: Seat

        def apply(self, aggregate: Forbund) -> None:
            aggregate.seats = (*aggregate.seats, self.seat)

    class BoardMemberLeft(FinsamAggregate.Event):
        label = "board member left"
        name: str
        member: str
        role: Role
        last_day: date

        def apply(self, aggregate: Forbund) -> None:
            aggregate.seats = tuple(
                msgspec.structs.replace(s, end=self.last_day)
                if s.name == self.name
                and s.member == self.member
                and s.role == self.role
                and (s.end is None or s.end > self.last_day)
                and s.start <= self.last_day
                else s
                for s in aggregate.seats
            )

    class OpeningEquitySet(FinsamAggregate.Event):
        label = "opening equity"
        equity: int

        def apply(self, aggregate: Forbund) -> None:
            aggregate.opening = (self.effective, self.equity)

    class InsatsYearsNoted(FinsamAggregate.Event):
        """The years an insats has granted money in (an index for the budget check)."""

        label = "insats years noted"
        insats: str
        years: tuple[int, ...]

        def apply(self, aggregate: Forbund) -> None:
            noted = aggregate.insats_years.get(self.insats, frozenset())
            aggregate.insats_years = {
                **aggregate.insats_years,
                self.insats: noted | set(self.years),
            }

    class JournalEntriesImported(FinsamAggregate.Event):
        label = "journal imported"
        fingerprints: tuple[str, ...]

        def apply(self, aggregate: Forbund) -> None:
            aggregate.imported = aggregate.imported | set(self.fingerprints)

    if TYPE_CHECKING:
        name: str
        members: tuple[Member, ...]
        quorum: QuorumRule
        imported: frozenset[str]
        seats: tuple[Seat, ...]
        opening: tuple[date, int] | None
        insats_years: dict[str, frozenset[int]]

    def mark_imported(self, fingerprints: tuple[str, ...], at: datetime) -> None:
        self.record(self.JournalEntriesImported, at, effective=at.date(), fingerprints=fingerprints)

    def record_insats_years(self, insats: str, years: tuple[int, ...], at: datetime) -> None:
        """Record the years of ``years`` not yet noted for the insats (none: no event)."""
        new = tuple(y for y in years if y not in self.insats_years.get(insats, frozenset()))
        if new:
            self.record(self.InsatsYearsNoted, at, effective=at.date(), insats=insats, years=new)

    def insatser_with_money_in(self, year: int) -> tuple[str, ...]:
        """The insatser noted as having granted money in the year."""
        return tuple(i for i, noted in self.insats_years.items() if year in noted)

    @staticmethod
    def id_for(forbund: str) -> UUID:
        return stable_id("forbund", forbund)

    @classmethod
    def register(
        cls,
        forbund: str,
        name: str,
        members: tuple[Member, ...],
        quorum: QuorumRule,
        at: datetime,
        effective: date,
    ) -> Forbund:
        if not forbund or not forbund.replace("-", "").replace("_", "").isalnum():
            raise InvalidInput(f"'{forbund}' is not a förbund id (letters, digits, - and _)")
        if not name.strip():
            raise InvalidInput("a förbund needs a name (--name)")
        check_shares(members)
        return cls._create(
            cls.Registered,
            id=cls.id_for(forbund),
            timestamp=at,
            forbund=forbund,
            effective=effective,
            name=name,
            members=members,
            quorum=quorum,
        )

    def member(self, member_id: str) -> Member:
        for m in self.members:
            if m.id == member_id:
                return m
        known = ", ".join(m.id for m in self.members)
        raise NotFound(f"{self.forbund} has no member '{member_id}' (members: {known})")

    def appoint(self, seat: Seat, at: datetime) -> None:
        self.member(seat.member)
        if seat.end is not None and seat.end < seat.start:
            raise InvalidInput(f"{seat.name}: --to {seat.end} is before --from {seat.start}")
        if seat.chair and seat.vice_chair:
            raise InvalidInput(f"{seat.name} cannot be both chair and vice chair")
        for other in self.seats:
            if not _overlaps(seat, other):
                continue
            if other.member == seat.member and other.role == seat.role:
                raise Refused(
                    f"{seat.member} already has a {seat.role} from {other.start}: {other.name}; "
                    f'end that seat first (finsam board leave "{other.name}" --on DATE)'
                )
            if seat.chair and other.chair:
                raise Refused(
                    f"{other.name} is chair from {other.start}; a förbund has one chair at a time"
                )
            if seat.vice_chair and other.vice_chair:
                raise Refused(
                    f"{other.name} is vice chair from {other.start}; there is one vice chair at a time"
                )
        self.record(self.BoardMemberAppointed, at, effective=seat.start, seat=seat)

    def leave(self, name: str, last_day: date, at: datetime) -> None:
        open_seats = [
            s for s in self.seats if s.name == name and (s.end is None or s.end > last_day)
        ]
        if not open_seats:
            raise NotFound(f"{name} holds no seat on the board of {self.forbund} after {last_day}")
        for seat in open_seats:
            if last_day < seat.start:
                raise InvalidInput(
                    f"{name} took the seat on {seat.start}; cannot leave on {last_day}"
                )
            self.record(
                self.BoardMemberLeft,
                at,
                effective=last_day,
                name=name,
                member=seat.member,
                role=seat.role,
                last_day=last_day,
            )

    def board_on(self, day: date) -> tuple[Seat, ...]:
        return tuple(s for s in self.seats if s.holds_on(day))

    def set_opening_equity(self, year_end: date, equity: int, at: datetime) -> None:
        if self.opening is not None:
            raise Refused(
                f"{self.forbund} already has its opening equity ({self.opening[1]} öre on {self.opening[0]})"
            )
        if (year_end.month, year_end.day) != (12, 31):
            raise InvalidInput(f"opening equity is set at a year end (YYYY-12-31), not {year_end}")
        self.record(self.OpeningEquitySet, at, effective=year_end, equity=equity)

    # -- the members' allocation ------------------------------------------------

    def allocation_parts(
        self, total: int | None, given: tuple[tuple[str, int], ...]
    ) -> dict[str, int]:
        """Each member's part of a year's allocation: the amounts given per member (they
        must add up to the total when one is given too), else the total split by shares."""
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
            return self.split_by_shares(total)
        raise InvalidInput("an allocation needs --total or amounts per member (--member ID:AMOUNT)")

    def split_by_shares(self, total: int) -> dict[str, int]:
        """Each member's share of the total; the rounding öre go to the first members."""
        parts = {m.id: total * m.share // WHOLE for m in self.members}
        rest = total - sum(parts.values())
        for m in self.members[:rest]:
            parts[m.id] += 1
        return parts

    def share_deviations(self, parts: dict[str, int]) -> list[str]:
        """A warning for each member whose part is more than 1 kr off its share of the whole."""
        total = sum(parts.values())
        warnings = []
        for m in self.members:
            expected = total * m.share // WHOLE
            if abs(parts.get(m.id, 0) - expected) > 100:
                warnings.append(
                    f"{m.id} gives {format_kr(parts.get(m.id, 0))}, its share of {format_kr(total)} is {format_kr(expected)}"
                )
        return warnings

    def quorum_warning(
        self, day: date, present: tuple[str, ...], served: tuple[str, ...] | None = None
    ) -> str | None:
        """'fewer than half of the seats present' as the förbund's charter counts it.

        With ``served`` (the ledamöter an ersättare serves for) the seats filled are
        counted: the ledamöter present and those served for. Without, the members
        represented by anyone present."""
        board = self.board_on(day)
        seats = sum(1 for s in board if s.role == "ledamot")
        if seats == 0:
            return f"no board seats are registered on {day}: quorum cannot be checked"
        if served is None:
            count = len({s.member for s in board if s.name in present})
        else:
            filled = {s.name for s in board if s.role == "ledamot" and s.name in present}
            count = len(filled | set(served))
        short = count * 2 <= seats if self.quorum == "more_than_half" else count * 2 < seats
        if short:
            rule = "more than half" if self.quorum == "more_than_half" else "at least half"
            return f"quorum: {count} of {seats} seats present on {day}; the charter asks {rule}"
        return None


def _overlaps(a: Seat, b: Seat) -> bool:
    a_end = a.end or date.max
    b_end = b.end or date.max
    return a.start <= b_end and b.start <= a_end
