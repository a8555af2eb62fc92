"""Board seats: who holds a ledamot or ersättare seat for a member, from when to when,
and the checks an appointment must pass against the seats already held and the
charter's number of seats per member (lag 2003:1210 10 §, 17 §)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import msgspec

from finsam_es.charter import TERM_YEARS
from finsam_es.errors import InvalidInput, Refused
from finsam_es.membership import Member, Role
from finsam_es.roles import RoleName, RoleTerm


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


def check_appointment(seat: Seat, member: Member, seats: Iterable[Seat]) -> None:
    """Refuse a seat that cannot be held: an end before its start, chair and vice chair at
    once, a role for an ersättare, the same person twice for the member, or more seats at
    once than the charter gives the member."""
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
    overlapping = [o for o in seats if overlaps(seat, o)]
    for other in overlapping:
        if other.name == seat.name and other.member == seat.member:
            raise Refused(
                f"{seat.name} already holds a seat for {seat.member} from {other.start}; "
                f'end it first (finsam board leave "{seat.name}" --on DATE)'
            )
    same = [o for o in overlapping if o.member == seat.member and o.role == seat.role]
    allowed = member.seats(seat.role)
    if most_at_once(seat, same) >= allowed:
        held = ", ".join(f"{o.name} from {o.start}" for o in same)
        raise Refused(
            f"{seat.member} has {allowed} {role_word(seat.role, allowed)} by the charter "
            f"(lag 2003:1210 10 §), held by {held}; end a seat first "
            f'(finsam board leave "{same[0].name}" --on DATE) or give the member more seats '
            "in the charter"
        )


def seat_shortfalls(board: tuple[Seat, ...], members: Iterable[Member], day: date) -> list[str]:
    """A member with fewer ledamöter or ersättare on the board than its seats (10 §)."""
    warnings = []
    for m in members:
        for role in ("ledamot", "ersattare"):
            held = sum(1 for s in board if s.member == m.id and s.role == role)
            if held < m.seats(role):
                warnings.append(
                    f"{m.id} has {held} of its {m.seats(role)} "
                    f"{role_word(role, m.seats(role))} on {day} (lag 2003:1210 10 §)"
                )
    return warnings


def role_word(role: str, n: int) -> str:
    if role == "ledamot":
        return "ledamot seat" if n == 1 else "ledamot seats"
    return "ersättare seat" if n == 1 else "ersättare seats"


def most_at_once(seat: Seat, others: list[Seat]) -> int:
    """The most of ``others`` holding a seat on one day within ``seat``'s period."""
    days = [seat.start, *(o.start for o in others if o.start > seat.start)]
    return max((sum(1 for o in others if o.holds_on(d)) for d in days), default=0)


def seat_term(seat: Seat) -> RoleTerm | None:
    """The role a seat was appointed with (``--chair``/``--vice-chair``) as a term."""
    if not (seat.chair or seat.vice_chair):
        return None
    role: RoleName = "chair" if seat.chair else "vice-chair"
    return RoleTerm(name=seat.name, role=role, start=seat.start, end=seat.end)


def overlaps(a: Seat, b: Seat) -> bool:
    a_end = a.end or date.max
    b_end = b.end or date.max
    return a.start <= b_end and b.start <= a_end


def term_end(start: date, years: int = TERM_YEARS) -> date:
    """The last day of the term a seat taken on ``start`` belongs to: terms run four years
    from 1 April after the year of the general election (2018, 2022, ...: the year after
    is 2019, 2023, ...), or the charter's shorter term within those four years
    (lag 2003:1210 12 §)."""
    first = start.year if start >= date(start.year, 4, 1) else start.year - 1
    period = first - (first - 2019) % TERM_YEARS  # the 1 April the four years begin
    begin = period + (first - period) // years * years
    return date(min(begin + years, period + TERM_YEARS), 3, 31)


def term_warnings(seats: Iterable[Seat], day: date, years: int = TERM_YEARS) -> list[str]:
    """Seats held on ``day`` beyond their term, and seats appointed to run past it."""
    out = []
    for s in seats:
        ends = term_end(s.start, years)
        if s.holds_on(day) and day > ends:
            out.append(
                f"{s.name}'s seat for {s.member} (from {s.start}) runs past its term, which "
                f"ended {ends} (lag 2003:1210 12 §)"
            )
        elif s.end is not None and s.end > ends and s.start <= day <= ends:
            out.append(
                f"{s.name}'s seat for {s.member} is appointed to {s.end}, past its term ending "
                f"{ends} (lag 2003:1210 12 §)"
            )
    return out
