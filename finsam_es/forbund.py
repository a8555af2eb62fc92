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
# The charter's rule of when the board may decide. The law (KL 6:27 through lag 2003:1210
# 19 §) asks more than half of the ledamöter present whatever the charter says:
# "at_least_half" is weaker and so never applies (förbund stored with it keep it as
# written); "two_thirds" is stricter and applies.
QuorumRule = Literal["at_least_half", "more_than_half", "two_thirds"]
MAX_VICE_CHAIRS = 2  # lag 2003:1210 17 §: one or two vice chairs

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
    # The seats the charter gives the member (lag 2003:1210 10 §: at least one of each,
    # as many ersättare as ledamöter). Since v2; members stored before have one of each.
    ledamoter: int = 1
    ersattare: int = 1

    def seats(self, role: Role) -> int:
        return self.ledamoter if role == "ledamot" else self.ersattare


def check_seat_counts(members: tuple[Member, ...]) -> None:
    """Lag 2003:1210 10 §: each member at least one ledamot and one ersättare, and as
    many ersättare as ledamöter."""
    for m in members:
        if m.ledamoter < 1 or m.ersattare < 1:
            raise InvalidInput(
                f"member '{m.id}': the law asks at least one ledamot and one ersättare per "
                f"member (lag 2003:1210 10 §), not {m.ledamoter} and {m.ersattare}"
            )
        if m.ledamoter != m.ersattare:
            raise InvalidInput(
                f"member '{m.id}': {m.ledamoter} ledamöter and {m.ersattare} ersättare; the law "
                "asks as many ersättare as ledamöter (lag 2003:1210 10 §)"
            )


BalanskravForm = Literal["balanced", "surplus"]
EquityBasis = Literal["allocation"]


class Thresholds(msgspec.Struct, frozen=True, kw_only=True):
    """The limits the förbund's board lives by, each with where it comes from.

    ``balanskrav``: "balanced" lets a budget whose income equals its costs pass (as
    finsam always checked it); "surplus" asks income to exceed costs, as KL 11:5 (through
    lag 2003:1210 21 §) words it. ``equity_limit``: the most equity should be of the
    ``equity_basis`` (the year's allocation), in parts per million; Nationella rådet's
    recommendation is a staircase that differs between years, the seeds state it as
    20 %."""

    balanskrav: BalanskravForm = "balanced"
    balanskrav_source: str = "KL 11:5 through lag 2003:1210 21 §, a balanced budget passing"
    equity_limit: int = 200_000  # parts per million of the basis
    equity_basis: EquityBasis = "allocation"
    equity_source: str = "Nationella rådets rekommendation as the seeds state it (20 %)"


class Roles(msgspec.Struct, frozen=True):
    """Who holds the board's roles on a date: the chair and the vice chairs (17 §)."""

    chair: str | None
    vice_chairs: tuple[str, ...]


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
    law = law_shares(members)
    for kind, required in law.items():
        if not any(m.kind == kind for m in members):
            raise Refused(
                f"the shares do not follow the law: no {kind} member ({KIND_LABEL[kind]} hold {format_share(required)})"
            )
    for kind, required in law.items():
        held = sum(m.share for m in members if m.kind == kind)
        if held != required:
            without = " where no region is a member (5 a §)" if "region" not in law else ""
            raise Refused(
                f"the shares do not follow the law: {KIND_LABEL[kind]} hold {format_share(held)}, "
                f"the law says {format_share(required)}{without}"
            )
    if total != WHOLE:  # pragma: no cover - implied by the three checks above
        raise Refused(f"the shares add up to {format_share(total)}, not 100 %")


def law_shares(members: tuple[Member, ...]) -> dict[str, int]:
    """The law's split (lag 2003:1210 5 §): state half, region a quarter, municipalities a
    quarter; where no region is a member, the municipalities pay the other half (5 a §)."""
    if any(m.kind == "region" for m in members) or not any(
        m.kind == "municipality" for m in members
    ):
        return dict(KIND_SHARE)
    return {"state": WHOLE // 2, "municipality": WHOLE // 2}


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
            aggregate.insatser_by_year = {}
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

    class SeatsChanged(FinsamAggregate.Event):
        """The charter gives a member another number of seats (10 §)."""

        label = "charter seats changed"
        member: str
        ledamoter: int
        ersattare: int

        def apply(self, aggregate: Forbund) -> None:
            aggregate.members = tuple(
                msgspec.structs.replace(m, ledamoter=self.ledamoter, ersattare=self.ersattare)
                if m.id == self.member
                else m
                for m in aggregate.members
            )

    class ThresholdsSet(FinsamAggregate.Event):
        label = "thresholds set"
        thresholds: Thresholds

        def apply(self, aggregate: Forbund) -> None:
            aggregate.set_thresholds = self.thresholds

    class InsatsYearsNoted(FinsamAggregate.Event):
        """The years an insats has granted money in (an index for the budget check)."""

        label = "insats years noted"
        insats: str
        years: tuple[int, ...]

        def apply(self, aggregate: Forbund) -> None:
            # In place: the dict belongs to this aggregate object alone, and copying it
            # for every event made replaying a long history quadratic.
            noted = aggregate.insats_years.get(self.insats, frozenset())
            aggregate.insats_years[self.insats] = noted | set(self.years)
            by_year = aggregate.insatser_by_year  # the same index by year: a grant reads its own
            for year in self.years:
                by_year[year] = by_year.get(year, frozenset()) | {self.insats}

    class JournalEntriesImported(FinsamAggregate.Event):
        """Fingerprints of imported journal entries and SIE verifications, as stores
        written before finsam_es/imported.py hold them (new imports write its table)."""

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
        insatser_by_year: dict[int, frozenset[str]]
        set_thresholds: Thresholds

    @property
    def thresholds(self) -> Thresholds:
        """The thresholds last set, else the defaults (förbund stored before had none)."""
        found = getattr(self, "set_thresholds", None)
        return found if isinstance(found, Thresholds) else Thresholds()

    def change_seats(self, member_id: str, seats: int, on: date, at: datetime) -> list[str]:
        """Record the charter's new seat count for a member: ``seats`` ledamöter and as
        many ersättare (10 §); warns when more seats are held on ``on`` than it gives."""
        member = msgspec.structs.replace(self.member(member_id), ledamoter=seats, ersattare=seats)
        check_seat_counts((member,))
        if member == self.member(member_id):
            raise InvalidInput(f"{member_id} already has {seats} seats of each kind")
        self.record(
            self.SeatsChanged, at, effective=on, member=member_id, ledamoter=seats, ersattare=seats
        )
        held = [s for s in self.board_on(on) if s.member == member_id and s.role == "ledamot"]
        if len(held) > seats:
            return [
                f"{member_id} holds {len(held)} ledamot seats on {on}, more than the charter's "
                f"{seats}: end a seat (finsam board leave)"
            ]
        return []

    def change_thresholds(self, thresholds: Thresholds, on: date, at: datetime) -> None:
        if not 0 < thresholds.equity_limit <= WHOLE:
            raise InvalidInput(
                f"an equity limit is a share above 0 and at most 100 %, not "
                f"{format_share(thresholds.equity_limit)}"
            )
        if not thresholds.equity_source.strip() or not thresholds.balanskrav_source.strip():
            raise InvalidInput("a threshold needs its source (--source, --balanskrav-source)")
        if thresholds == self.thresholds:
            raise InvalidInput(f"the thresholds of {self.forbund} are already these")
        self.record(self.ThresholdsSet, at, effective=on, thresholds=thresholds)

    def mark_imported(self, fingerprints: tuple[str, ...], at: datetime) -> None:
        """The old way of keeping fingerprints (tests build older stores with it)."""
        self.record(self.JournalEntriesImported, at, effective=at.date(), fingerprints=fingerprints)

    def record_insats_years(self, insats: str, years: tuple[int, ...], at: datetime) -> None:
        """Record the years of ``years`` not yet noted for the insats (none: no event)."""
        new = tuple(y for y in years if y not in self.insats_years.get(insats, frozenset()))
        if new:
            self.record(self.InsatsYearsNoted, at, effective=at.date(), insats=insats, years=new)

    def insatser_with_money_in(self, year: int) -> tuple[str, ...]:
        """The insatser noted as having granted money in the year."""
        return tuple(sorted(self.insatser_by_year.get(year, ())))

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
        check_seat_counts(members)
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
        member = self.member(seat.member)
        if seat.end is not None and seat.end < seat.start:
            raise InvalidInput(f"{seat.name}: --to {seat.end} is before --from {seat.start}")
        if seat.chair and seat.vice_chair:
            raise InvalidInput(f"{seat.name} cannot be both chair and vice chair")
        if (seat.chair or seat.vice_chair) and seat.role != "ledamot":
            what = "chair" if seat.chair else "vice chair"
            raise Refused(
                f"{seat.name} is an ersättare: the {what} is chosen among the ledamöter "
                "(lag 2003:1210 17 §)"
            )
        overlapping = [o for o in self.seats if _overlaps(seat, o)]
        for other in overlapping:
            if other.name == seat.name and other.member == seat.member:
                raise Refused(
                    f"{seat.name} already holds a seat for {seat.member} from {other.start}; "
                    f'end it first (finsam board leave "{seat.name}" --on DATE)'
                )
        same = [o for o in overlapping if o.member == seat.member and o.role == seat.role]
        allowed = member.seats(seat.role)
        if _most_at_once(seat, same) >= allowed:
            held = ", ".join(f"{o.name} from {o.start}" for o in same)
            raise Refused(
                f"{seat.member} has {allowed} {_role_word(seat.role, allowed)} by the charter "
                f"(lag 2003:1210 10 §), held by {held}; end a seat first "
                f'(finsam board leave "{same[0].name}" --on DATE) or give the member more seats '
                "in the charter"
            )
        if seat.chair:
            chairs = [o for o in overlapping if o.chair]
            if chairs:
                raise Refused(
                    f"{chairs[0].name} is chair from {chairs[0].start}; a förbund has one chair "
                    "at a time (lag 2003:1210 17 §)"
                )
        if seat.vice_chair:
            vice = [o for o in overlapping if o.vice_chair]
            if _most_at_once(seat, vice) >= MAX_VICE_CHAIRS:
                names = " and ".join(o.name for o in vice)
                raise Refused(
                    f"{names} are vice chairs then; a förbund has one or two vice chairs at a "
                    "time (lag 2003:1210 17 §)"
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

    def roles_on(self, day: date) -> Roles:
        """The chair and the vice chairs on a date. Today the roles go with the seat they
        were appointed with; terms of their own (issue 13) would be read here too."""
        board = self.board_on(day)
        chair = next((s.name for s in board if s.chair), None)
        return Roles(chair, tuple(s.name for s in board if s.vice_chair))

    def seat_warnings(self, day: date) -> list[str]:
        """What the board lacks on a date against the law and the charter: a member with
        fewer ledamöter or ersättare than its seats (10 §), no chair (17 §)."""
        board = self.board_on(day)
        warnings = []
        for m in self.members:
            for role in ("ledamot", "ersattare"):
                held = sum(1 for s in board if s.member == m.id and s.role == role)
                if held < m.seats(role):
                    warnings.append(
                        f"{m.id} has {held} of its {m.seats(role)} "
                        f"{_role_word(role, m.seats(role))} on {day} (lag 2003:1210 10 §)"
                    )
        if board and self.roles_on(day).chair is None:
            warnings.append(f"the board has no chair on {day} (lag 2003:1210 17 §)")
        return warnings

    def set_opening_equity(self, year_end: date, equity: int, at: datetime) -> None:
        if self.opening is not None:
            raise Refused(
                f"{self.forbund} already has its opening equity ({format_kr(self.opening[1])} on {self.opening[0]})"
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
        """A warning when fewer ledamöter than the law asks are present on the day: more
        than half (KL 6:27 through lag 2003:1210 19 §), or the charter's stricter rule.

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
            count = len(ledamot_seats_filled(board, present, served))
        count_ = Quorum(present=count, required=required_for(seats, self.quorum), seats=seats)
        if not count_.reached:
            return f"quorum: {count_.describe()} on {day}"
        return None


def ledamot_seats_filled(
    board: tuple[Seat, ...], deciding: tuple[str, ...], served: tuple[str, ...]
) -> set[str]:
    """The ledamot seats filled: the ledamöter deciding and those an ersättare serves for."""
    return {s.name for s in board if s.role == "ledamot" and s.name in deciding} | set(served)


class Quorum(msgspec.Struct, frozen=True):
    """Ledamot seats filled against the number the law (or a stricter charter) asks."""

    present: int
    required: int
    seats: int

    @property
    def reached(self) -> bool:
        return self.present >= self.required

    def describe(self) -> str:
        return (
            f"{self.present} of {self.seats} ledamöter present, {self.required} needed "
            "(more than half, KL 6:27 and lag 2003:1210 19 §)"
        )


def required_for(seats: int, rule: QuorumRule) -> int:
    """How many ledamöter must be present: more than half by law; the charter's rule
    only where it asks more."""
    law = seats // 2 + 1
    if rule == "two_thirds":
        return max(law, -(-2 * seats // 3))
    return law


def _role_word(role: str, n: int) -> str:
    if role == "ledamot":
        return "ledamot seat" if n == 1 else "ledamot seats"
    return "ersättare seat" if n == 1 else "ersättare seats"


def _most_at_once(seat: Seat, others: list[Seat]) -> int:
    """The most of ``others`` holding a seat on one day within ``seat``'s period."""
    days = [seat.start, *(o.start for o in others if o.start > seat.start)]
    return max((sum(1 for o in others if o.holds_on(d)) for d in days), default=0)


def _overlaps(a: Seat, b: Seat) -> bool:
    a_end = a.end or date.max
    b_end = b.end or date.max
    return a.start <= b_end and b.start <= a_end
