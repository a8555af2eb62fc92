"""Handlers of the anslag: posting adjusted minutes on the notice boards the charter
names (one record per board), an announcement recorded as a procedure (the same record),
and the charter settings that choose the boards and the board's term."""

from __future__ import annotations

from datetime import date

import msgspec

from commands import structs as c
from commands.loading import minutes_book, resolve_forbund
from finsam_es.charter import Charter
from finsam_es.errors import InvalidInput
from finsam_es.forbund import Forbund
from finsam_es.posting import charter_boards, check_board
from store.unit_of_work import UnitOfWork


def post_minutes(uow: UnitOfWork, cmd: c.PostMinutes) -> list[str]:
    """``boards`` empty: every board the charter names that has no anslag yet."""
    f = resolve_forbund(uow, cmd.forbund)
    return post(uow, f, cmd.date, cmd.up, cmd.down, cmd.boards, cmd.paragraph)


def announce(uow: UnitOfWork, cmd: c.RecordProcedure) -> list[str]:
    """``procedure record announcement``: the anslag on the member's board, recorded in
    the minutes book like ``meeting post --board`` (its take-down date is not given)."""
    if cmd.meeting is None:
        raise InvalidInput("an announcement names the meeting whose minutes it made known")
    f = resolve_forbund(uow, cmd.forbund)
    return post(uow, f, cmd.meeting, cmd.on, None, (cmd.member,), None)


def post(
    uow: UnitOfWork,
    f: Forbund,
    day: date,
    up: date,
    down: date | None,
    boards: tuple[str, ...],
    number: int | None,
) -> list[str]:
    # the boards of the charter and the members on the meeting's day, as the minutes read
    charter, members = f.charter_on(day), f.members_on(day)
    boards = tuple(dict.fromkeys(boards))  # --board rvn --board rvn is one anslag
    for b in boards:
        check_board(b, charter, members)
    book = minutes_book(uow, f.forbund, day.year)
    named = charter_boards(charter, members)
    if not boards:
        done = {r.board for r in book.anslag if r.meeting == day and r.number == number}
        boards = tuple(b for b in named if b not in done and "" not in done) or named
    return book.post(day, up, down, uow.at, boards, number)


def set_charter(uow: UnitOfWork, cmd: c.SetCharter) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    given = {k: v for k, v in msgspec.structs.asdict(cmd).items() if v is not None}
    charter = msgspec.structs.replace(
        f.charter, **{k: v for k, v in given.items() if k in Charter.__struct_fields__}
    )
    f.change_charter(charter, cmd.on, uow.at)
    return []
