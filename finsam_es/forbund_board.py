"""The board of a förbund over time, as the förbund aggregate keeps it: the seats the
charter gives each member and who holds them (10 §), the chair and vice chairs with
terms of their own and the seats members hold in turn (17 §), and whether a meeting's
presence reaches quorum (KL 6:27 through lag 2003:1210 19 §).

``ForbundBoard`` holds the förbund's commands and questions on its board; the events
they record stay with the aggregate (``Forbund``, finsam_es/forbund.py), under the
topics they are stored with.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

import msgspec

from finsam_es.base import FinsamAggregate
from finsam_es.charter import Charter
from finsam_es.errors import InvalidInput, NotFound, Refused
from finsam_es.membership import Member, check_seat_counts
from finsam_es.quorum import QuorumRule, quorum_warning
from finsam_es.roles import (
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
from finsam_es.seats import Seat, check_appointment, seat_shortfalls, seat_term, term_warnings


class ForbundBoard:
    """The board part of ``Forbund`` (a mixin: the aggregate's state and events)."""

    if TYPE_CHECKING:
        forbund: str
        seats: tuple[Seat, ...]
        elected: tuple[RoleTerm, ...]
        rotations: tuple[Rotation, ...]
        quorum: QuorumRule
        SeatsChanged: ClassVar[type[FinsamAggregate.Event]]
        BoardMemberAppointed: ClassVar[type[FinsamAggregate.Event]]
        BoardMemberLeft: ClassVar[type[FinsamAggregate.Event]]
        RoleElected: ClassVar[type[FinsamAggregate.Event]]
        RoleEnded: ClassVar[type[FinsamAggregate.Event]]
        RotationSet: ClassVar[type[FinsamAggregate.Event]]

        def charter_on(self, day: date) -> Charter: ...

        def record(
            self, event_class: type[FinsamAggregate.Event], at: datetime, **fields: Any
        ) -> None: ...

        def member(self, member_id: str) -> Member: ...

        def members_on(self, day: date) -> tuple[Member, ...]: ...

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

    def quorum_warning(
        self, day: date, present: tuple[str, ...], served: tuple[str, ...] | None = None
    ) -> str | None:
        """A warning when fewer ledamöter than the law asks are present on the day: more
        than half (KL 6:27 through lag 2003:1210 19 §), or the charter's stricter rule.

        With ``served`` (the ledamöter an ersättare serves for) the seats filled are
        counted: the ledamöter present and those served for. Without, the members
        represented by anyone present."""
        board = self.board_on(day)
        return quorum_warning(board, self.quorum, day, present, served, self.members_on(day))
