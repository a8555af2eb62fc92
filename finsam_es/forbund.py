"""The förbund: its members and their shares by law, the board over time, the
opening equity, and the indexes its commands keep (insats years, imported journal
entries).

Command methods check the rules and raise a FinsamError, or record events and
return warnings (rules the board should hear about but that do not block).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

import msgspec

from finsam_es import membership as ms
from finsam_es import shares as sh
from finsam_es.base import FinsamAggregate
from finsam_es.charter import Charter, check_charter
from finsam_es.errors import InvalidInput, NotFound, Refused
from finsam_es.membership import (
    KIND_LABEL,
    KIND_SHARE,
    History,
    Member,
    MemberKind,
    Role,
    check_seat_counts,
    check_shares,
    law_shares,
)
from finsam_es.quorum import (
    Quorum,
    QuorumRule,
    ledamot_seats_filled,
    quorum_warning,
    required_for,
)
from finsam_es.roles import (
    MAX_VICE_CHAIRS,
    RoleName,
    Roles,
    RoleTerm,
    Rotation,
    check_rotation,
    check_term,
    end_term,
    terms_held,
    turns_on,
)
from finsam_es.seats import (
    Seat,
    check_appointment,
    seat_shortfalls,
    seat_term,
    term_warnings,
)
from finsam_es.thresholds import BalanskravForm, EquityBasis, Thresholds
from finsam_es.values import WHOLE, format_kr, format_share, stable_id

__all__ = [  # the förbund's vocabulary, also importable from here
    "KIND_LABEL",
    "KIND_SHARE",
    "MAX_VICE_CHAIRS",
    "BalanskravForm",
    "EquityBasis",
    "Member",
    "MemberKind",
    "Quorum",
    "QuorumRule",
    "Role",
    "Roles",
    "Seat",
    "Thresholds",
    "check_seat_counts",
    "check_shares",
    "law_shares",
    "ledamot_seats_filled",
    "required_for",
]


class Forbund(FinsamAggregate):
    """A samordningsförbund: members and their shares, the board over time."""

    class Registered(FinsamAggregate.Created):
        label = "förbund created"
        name: str
        members: tuple[Member, ...]
        quorum: QuorumRule
        # v2 (issue 13): a member's share is exact, "p/q"; v1 stored parts per million
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            for m in state["members"]:
                m["share"] = sh.to_text(sh.from_ppm(m["share"]))

        def apply(self, aggregate: Forbund) -> None:
            aggregate.forbund = self.forbund
            aggregate.name = self.name
            aggregate.members = self.members
            aggregate.quorum = self.quorum
            aggregate.formed = self.effective
            aggregate.history = ((self.effective, self.members),)
            aggregate.changes = ()
            aggregate.elected = ()
            aggregate.rotations = ()
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
            def seats(members: tuple[Member, ...]) -> tuple[Member, ...]:
                return tuple(
                    msgspec.structs.replace(m, ledamoter=self.ledamoter, ersattare=self.ersattare)
                    if m.id == self.member
                    else m
                    for m in members
                )

            aggregate.members = seats(aggregate.members)
            aggregate.history = tuple((day, seats(ms_)) for day, ms_ in aggregate.history)

    class MembersChanged(FinsamAggregate.Event):
        """A member joins or leaves by decision (the members' own, as the changed
        förbundsordning): the members and every share from ``effective``, their first
        day."""

        label = "members changed"
        decision: str
        joined: str
        left: str
        members: tuple[Member, ...]

        def apply(self, aggregate: Forbund) -> None:
            aggregate.history = (*aggregate.history, (self.effective, self.members))
            aggregate.members = self.members
            change = ms.Change(self.effective, self.joined, self.left, self.decision)
            aggregate.changes = (*aggregate.changes, change)

    class RoleElected(FinsamAggregate.Event):
        """A chair or vice chair elected for a term of its own (17 §)."""

        label = "role elected"
        term: RoleTerm

        def apply(self, aggregate: Forbund) -> None:
            aggregate.elected = (*aggregate.elected, self.term)

    class RoleEnded(FinsamAggregate.Event):
        """A role's term ends on ``last_day`` (the seat goes on). A role held with a seat
        (``--chair`` on `board appoint`) becomes a term of its own that ends then."""

        label = "role ended"
        name: str
        role: RoleName
        last_day: date

        def apply(self, aggregate: Forbund) -> None:
            for t in aggregate.elected:
                if t.name == self.name and t.role == self.role and t.holds_on(self.last_day):
                    ended = msgspec.structs.replace(t, end=self.last_day)
                    aggregate.elected = tuple(ended if x is t else x for x in aggregate.elected)
                    return
            for seat in aggregate.seats:
                term = seat_term(seat)
                if (
                    term
                    and (term.name, term.role) == (self.name, self.role)
                    and term.holds_on(self.last_day)
                ):
                    plain = msgspec.structs.replace(seat, chair=False, vice_chair=False)
                    aggregate.seats = tuple(plain if s is seat else s for s in aggregate.seats)
                    ended = msgspec.structs.replace(term, end=self.last_day)
                    aggregate.elected = (*aggregate.elected, ended)
                    return

    class RotationSet(FinsamAggregate.Event):
        label = "rotating seat set"
        rotation: Rotation

        def apply(self, aggregate: Forbund) -> None:
            aggregate.rotations = (*aggregate.rotations, self.rotation)

    class ThresholdsSet(FinsamAggregate.Event):
        label = "thresholds set"
        thresholds: Thresholds

        def apply(self, aggregate: Forbund) -> None:
            aggregate.set_thresholds = self.thresholds

    class CharterSet(FinsamAggregate.Event):
        label = "charter set"
        charter: Charter

        def apply(self, aggregate: Forbund) -> None:
            # dated: a posting or a seat is read against the charter of its day
            earlier = getattr(aggregate, "charters", ())
            aggregate.charters = (*earlier, (self.effective, self.charter))

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
        formed: date
        history: History
        changes: tuple[ms.Change, ...]
        elected: tuple[RoleTerm, ...]
        rotations: tuple[Rotation, ...]
        quorum: QuorumRule
        imported: frozenset[str]
        seats: tuple[Seat, ...]
        opening: tuple[date, int] | None
        insats_years: dict[str, frozenset[int]]
        insatser_by_year: dict[int, frozenset[str]]
        set_thresholds: Thresholds
        charters: tuple[tuple[date, Charter], ...]

    @property
    def thresholds(self) -> Thresholds:
        """The thresholds last set, else the defaults (förbund stored before had none)."""
        found = getattr(self, "set_thresholds", None)
        return found if isinstance(found, Thresholds) else Thresholds()

    @property
    def charter(self) -> Charter:
        """The charter's settings last set, else the defaults (finsam's rules before)."""
        found = getattr(self, "charters", ())
        return found[-1][1] if found else Charter()

    def charter_on(self, day: date) -> Charter:
        """The charter's settings in force on a day (the defaults before any was set)."""
        found = [c for since, c in getattr(self, "charters", ()) if since <= day]
        return found[-1] if found else Charter()

    def change_charter(self, charter: Charter, on: date, at: datetime) -> None:
        check_charter(charter, self.charter)
        self.record(self.CharterSet, at, effective=on, charter=charter)

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

    def appoint(self, seat: Seat, at: datetime) -> None:
        member = self.member(seat.member)
        if not any(m.id == seat.member for m in self.members_on(seat.start)):
            raise Refused(f"{seat.member} is not a member of {self.forbund} on {seat.start}")
        check_appointment(seat, member, self.seats)
        term = seat_term(seat)
        if term is not None:
            check_term(term, self.role_terms())
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

    # -- roles with terms of their own, rotating seats (roles.py) ---------------------

    def role_terms(self) -> tuple[RoleTerm, ...]:
        """Every term of chair and vice chair: those held with a seat and those elected."""
        from_seats = (t for t in map(seat_term, self.seats) if t is not None)
        return (*from_seats, *self.elected)

    def elect(self, term: RoleTerm, at: datetime) -> list[str]:
        """Elect a ledamot chair or vice chair for a term, independent of the seat."""
        seats = [s for s in self.seats if s.name == term.name and s.role == "ledamot"]
        if not any(s.holds_on(term.start) for s in seats):
            raise Refused(
                f"{term.name} holds no ledamot seat on {term.start}: the chair and vice chairs "
                "are chosen among the ledamöter (lag 2003:1210 17 §)"
            )
        check_term(term, self.role_terms())
        self.record(self.RoleElected, at, effective=term.start, term=term)
        seat = next(s for s in seats if s.holds_on(term.start))
        if seat.end is not None and (term.end is None or term.end > seat.end):
            return [
                f"{term.name}'s seat ends {seat.end}, before the term as {term.role} "
                f"({'open' if term.end is None else 'to ' + str(term.end)}): the role is "
                "vacant after the seat ends"
            ]
        return []

    def end_role(self, name: str, role: RoleName, last_day: date, at: datetime) -> None:
        term = end_term(self.role_terms(), name, role, last_day)
        if last_day < term.start:  # pragma: no cover - end_term finds terms held that day
            raise InvalidInput(f"{name} became {role} on {term.start}")
        self.record(self.RoleEnded, at, effective=last_day, name=name, role=role, last_day=last_day)

    def set_rotation(self, rotation: Rotation, at: datetime) -> None:
        check_rotation(rotation, (m.id for m in self.members_on(rotation.start)))
        for other in self.rotations:
            if other.name == rotation.name and (other.end is None or other.end >= rotation.start):
                raise Refused(
                    f"rotating seat '{rotation.name}' already runs from {other.start}; "
                    "give it an end (--to) or another name"
                )
        self.record(self.RotationSet, at, effective=rotation.start, rotation=rotation)

    def roles_on(self, day: date) -> Roles:
        """The chair and the vice chairs on a date (their terms, held by a ledamot on the
        board that day) and whose turn each rotating seat is."""
        ledamot = {s.name for s in self.board_on(day) if s.role == "ledamot"}
        held = terms_held(self.role_terms(), ledamot, day)
        chair = next((t.name for t in held if t.role == "chair"), None)
        vice = tuple(t.name for t in held if t.role == "vice-chair")
        return Roles(chair, vice, held, turns_on(self.rotations, day))

    def seat_warnings(self, day: date) -> list[str]:
        """What the board lacks on a date against the law and the charter: a member with
        fewer ledamöter or ersättare than its seats (10 §), no chair (17 §), a seat past
        its term (12 §)."""
        board = self.board_on(day)
        warnings = seat_shortfalls(board, self.members_on(day), day)
        warnings += term_warnings(board, day, self.charter_on(day).term_years)
        if board and self.roles_on(day).chair is None:
            warnings.append(f"the board has no chair on {day} (lag 2003:1210 17 §)")
        return warnings

    def set_opening_equity(self, year_end: date, equity: int, at: datetime) -> list[str]:
        if self.opening is not None:
            raise Refused(
                f"{self.forbund} already has its opening equity ({format_kr(self.opening[1])} on {self.opening[0]})"
            )
        if (year_end.month, year_end.day) != (12, 31):
            raise InvalidInput(f"opening equity is set at a year end (YYYY-12-31), not {year_end}")
        self.record(self.OpeningEquitySet, at, effective=year_end, equity=equity)
        if equity < 0:
            return [
                f"the opening equity on {year_end} is negative ({format_kr(equity)}): the "
                "deficit is to be restored within three years (balanskrav, KL 11:12 through "
                "lag 2003:1210 21 §)"
            ]
        return []

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

    def quorum_warning(
        self, day: date, present: tuple[str, ...], served: tuple[str, ...] | None = None
    ) -> str | None:
        """A warning when fewer ledamöter than the law asks are present on the day: more
        than half (KL 6:27 through lag 2003:1210 19 §), or the charter's stricter rule.

        With ``served`` (the ledamöter an ersättare serves for) the seats filled are
        counted: the ledamöter present and those served for. Without, the members
        represented by anyone present."""
        return quorum_warning(self.board_on(day), self.quorum, day, present, served)
