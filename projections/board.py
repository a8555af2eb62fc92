"""The board (styrelse) on a date: who holds a seat, for which member, in which role."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec

from finsam_es.forbund import Forbund
from finsam_es.roles import Roles, RotatingTurn
from finsam_es.seats import Seat


class SeatRow(msgspec.Struct, frozen=True):
    name: str
    member: str
    member_name: str
    role: str
    chair: bool
    vice_chair: bool
    start: date = msgspec.field(name="from")
    end: date | None = msgspec.field(name="to")


class MemberSeats(msgspec.Struct, frozen=True):
    """A member's seats by the charter (lag 2003:1210 10 §) and those held on the date."""

    id: str
    name: str
    ledamoter: int
    ersattare: int
    held_ledamoter: int
    held_ersattare: int


class BoardReport(msgspec.Struct, frozen=True):
    forbund: str
    as_of: date
    seats: tuple[SeatRow, ...]
    # added in v2: the roles (17 §), each member's seats (10 §), what the board lacks
    chair: str | None = None
    vice_chairs: tuple[str, ...] = ()
    members: tuple[MemberSeats, ...] = ()
    warnings: tuple[str, ...] = ()
    # added in v3 (issue 13): the roles' terms held that day, whose turn each rotating
    # seat is
    roles: tuple[RoleRow, ...] = ()
    rotating: tuple[RotatingTurn, ...] = ()


class RoleRow(msgspec.Struct, frozen=True):
    name: str
    role: str  # chair or vice-chair
    start: date = msgspec.field(name="from")
    end: date | None = msgspec.field(name="to")
    paragraph: str | None = None


def board(f: Forbund, as_of: date) -> BoardReport:
    names = {m.id: m.name for m in f.members_on(as_of)} | {m.id: m.name for m in f.members}
    order = {m.id: i for i, m in enumerate(f.members_on(as_of))}
    roles = f.roles_on(as_of)
    seats = sorted(
        (with_roles(s, roles) for s in f.board_on(as_of)),
        key=lambda s: (
            not s.chair,
            not s.vice_chair,
            s.role != "ledamot",
            order.get(s.member, 99),
            s.name,
        ),
    )
    held = f.board_on(as_of)

    def count(member: str, role: str) -> int:
        return sum(1 for s in held if s.member == member and s.role == role)

    return BoardReport(
        f.forbund,
        as_of,
        tuple(
            SeatRow(
                s.name,
                s.member,
                names.get(s.member, s.member),
                s.role,
                s.chair,
                s.vice_chair,
                s.start,
                s.end,
            )
            for s in seats
        ),
        chair=roles.chair,
        vice_chairs=roles.vice_chairs,
        members=tuple(
            MemberSeats(
                m.id,
                m.name,
                m.ledamoter,
                m.ersattare,
                count(m.id, "ledamot"),
                count(m.id, "ersattare"),
            )
            for m in f.members_on(as_of)
        ),
        warnings=tuple(f.seat_warnings(as_of)),
        roles=tuple(RoleRow(t.name, t.role, t.start, t.end, t.paragraph) for t in roles.terms),
        rotating=roles.rotating,
    )


def with_roles(seat: Seat, roles: Roles) -> Seat:
    """The seat with the roles its holder has on the day (by a term of its own or with
    the seat)."""
    if seat.role != "ledamot":
        return seat
    chair = seat.name == roles.chair
    vice = seat.name in roles.vice_chairs
    return msgspec.structs.replace(seat, chair=chair, vice_chair=vice)


def board_changes(f: Forbund) -> tuple[date, ...]:
    """Every date the board changed: a seat or a role's term began, or the day after one
    ended."""
    days = {s.start for s in f.seats} | {s.end + timedelta(days=1) for s in f.seats if s.end}
    terms = f.elected
    days |= {t.start for t in terms} | {t.end + timedelta(days=1) for t in terms if t.end}
    return tuple(sorted(days))


def seat_label(role: str, chair: bool, vice_chair: bool) -> str:
    if chair:
        return "ordförande"
    if vice_chair:
        return "vice ordförande"
    return "ledamot" if role == "ledamot" else "ersättare"
