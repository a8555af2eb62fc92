"""The board (styrelse) on a date: who holds a seat, for which member, in which role."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec

from finsam_es.forbund import Forbund


class SeatRow(msgspec.Struct, frozen=True):
    name: str
    member: str
    member_name: str
    role: str
    chair: bool
    vice_chair: bool
    start: date = msgspec.field(name="from")
    end: date | None = msgspec.field(name="to")


class BoardReport(msgspec.Struct, frozen=True):
    forbund: str
    as_of: date
    seats: tuple[SeatRow, ...]


def board(f: Forbund, as_of: date) -> BoardReport:
    names = {m.id: m.name for m in f.members}
    order = {m.id: i for i, m in enumerate(f.members)}
    seats = sorted(
        f.board_on(as_of),
        key=lambda s: (
            not s.chair,
            not s.vice_chair,
            s.role != "ledamot",
            order.get(s.member, 99),
            s.name,
        ),
    )
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
    )


def board_changes(f: Forbund) -> tuple[date, ...]:
    """Every date the board changed: a seat began, or the day after one ended."""
    days = {s.start for s in f.seats} | {s.end + timedelta(days=1) for s in f.seats if s.end}
    return tuple(sorted(days))


def seat_label(role: str, chair: bool, vice_chair: bool) -> str:
    if chair:
        return "ordförande"
    if vice_chair:
        return "vice ordförande"
    return "ledamot" if role == "ledamot" else "ersättare"
