"""The anslag of adjusted minutes: one record per notice board the charter names, and the
one last day of appeal derived from them.

The förbundsordning chooses where announcements are made (lag 2003:1210 9 § p. 7): the
members' notice boards, the förbund's own digital anslagstavla, or both. The state
members (Försäkringskassan, Arbetsförmedlingen) keep no anslagstavla for a förbund.
KL 8:12: the adjustment is made known on the anslagstavla within two days of it and
stays up until the time to appeal has run; that time (lag 2003:1210 28 § with KL 13 kap.,
three weeks, KL 13:5) counts from the day the anslag was made, so with several boards
from the day the last of them had it. Periods ending on a day off move to the next
weekday (lag 1930:173, ``finsam_es.deadlines``).

A paragraph adjusted at once (omedelbar justering) is posted on its own, before the rest
of the minutes; posting the minutes needs the minutes adjusted, and posting a paragraph
on its own needs that paragraph adjusted at once: the one cannot stand for the other.

Stores recorded before boards were named keep their answers by a read rule: an old
``MinutesPosted`` is a record on board "" that stands for every board the charter names
without a record of its own, and an old announcement procedure (``procedure record
announcement``) is a record on that member's board (``from_procedure``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import msgspec

from finsam_es.charter import OWN_BOARD, Charter
from finsam_es.deadlines import appeal_last_day, post_by, take_down_earliest
from finsam_es.errors import InvalidInput, NotFound, Refused
from finsam_es.meeting import Meeting
from finsam_es.membership import Member
from finsam_es.paragraph import Paragraph
from finsam_es.procedures import Procedure


class BoardPosting(msgspec.Struct, frozen=True, kw_only=True):
    """The anslag of a meeting's minutes on one board, from ``up`` to ``down``."""

    meeting: date
    board: str  # a member's id, OWN_BOARD, or "" (recorded before boards were named)
    up: date
    down: date | None = None  # not known for an old announcement procedure
    number: int | None = None  # the § adjusted at once, posted on its own


class Posted(msgspec.Struct, frozen=True):
    """The anslag of one meeting's minutes (or of one § adjusted at once)."""

    adjusted: date | None
    boards: tuple[BoardPosting, ...]  # the records, one per board
    missing: tuple[str, ...]  # boards the charter names that have no anslag
    up: date | None  # the day the last named board had it: the appeal time counts from it
    down: date | None  # the first day one of them was taken down
    appeal_last_day: date | None
    take_down_earliest: date | None
    warnings: tuple[str, ...]


def charter_boards(charter: Charter, members: Iterable[Member]) -> tuple[str, ...]:
    """The boards the charter names, the members' (those that keep one) before its own."""
    theirs = tuple(m.id for m in members if m.kind != "state")
    if charter.notice_boards == "members":
        return theirs
    if charter.notice_boards == "own":
        return (OWN_BOARD,)
    return (*theirs, OWN_BOARD)


def check_board(board: str, charter: Charter, members: Sequence[Member]) -> None:
    """Refuse an anslag on a board the charter does not name (9 § p. 7)."""
    named = charter_boards(charter, members)
    if board in named:
        return
    where = ", ".join(board_label(b) for b in named)
    if board == OWN_BOARD:
        raise Refused(
            f"the charter names the members' notice boards ({where}), not the förbund's own "
            "(lag 2003:1210 9 § p. 7); change it with finsam forbund charter"
        )
    member = next((m for m in members if m.id == board), None)
    if member is None:
        raise NotFound(f"no notice board '{board}': give a member's id or '{OWN_BOARD}' (its own)")
    if member.kind == "state":
        raise Refused(
            f"{member.name} keeps no notice board for the förbund's anslag; the charter "
            f"names {where} (lag 2003:1210 9 § p. 7)"
        )
    raise Refused(
        f"the charter names {where} for the anslag, not {member.name}'s notice board "
        "(lag 2003:1210 9 § p. 7)"
    )


def board_label(board: str) -> str:
    if board == OWN_BOARD:
        return "the förbund's own anslagstavla"
    return f"{board}'s notice board" if board else "the notice board"


def check_post(
    meeting: date,
    adjusted: date | None,
    number: int | None,
    paragraph_adjusted: date | None,
    immediately: bool,
) -> date:
    """The adjustment an anslag makes known; refuses posting what is not adjusted, and a
    § on its own unless it was adjusted at once."""
    if number is None:
        if adjusted is None:
            raise Refused(
                f"the minutes of {meeting} are not adjusted yet; adjust them before posting "
                "(anslag, KL 8:12); a § adjusted at once is posted on its own (--paragraph)"
            )
        return adjusted
    if paragraph_adjusted is None or not immediately:
        raise Refused(
            f"§{number} was not adjusted at once (omedelbar justering); it is posted with "
            f"the rest of the minutes of {meeting} (finsam meeting post {meeting})"
        )
    return paragraph_adjusted


def check_dates(adjusted: date, up: date, down: date | None) -> None:
    if up < adjusted:
        raise InvalidInput(f"posted {up}, before the adjustment on {adjusted}")
    if down is not None and down < up:
        raise InvalidInput(f"taken down {down}, before it was posted {up}")


def check_not_posted(records: Iterable[BoardPosting], new: BoardPosting) -> None:
    for old in records:
        same_board = old.board == new.board or "" in (old.board, new.board)
        if old.meeting == new.meeting and old.number == new.number and same_board:
            what = f"§{new.number} was" if new.number else f"the minutes of {new.meeting} were"
            raise Refused(f"{what} already posted on {board_label(old.board)} on {old.up}")


def from_procedure(p: Procedure) -> BoardPosting | None:
    """An announcement recorded as a procedure before the anslag had its own records."""
    if p.kind != "announcement" or p.meeting is None:
        return None
    return BoardPosting(meeting=p.meeting, board=p.member, up=p.on)


def posted(
    meeting: date,
    adjusted: date | None,
    records: Iterable[BoardPosting],
    boards: Sequence[str],
    number: int | None = None,
    today: date | None = None,
) -> Posted:
    """The anslag of a meeting's minutes (``number``: of the § adjusted at once) on the
    boards the charter names; with ``today``, the boards still missing it warn too."""
    mine = [r for r in records if r.meeting == meeting and r.number == number]
    general = next((r for r in mine if not r.board), None)
    own = {r.board: r for r in mine if r.board}
    named: list[BoardPosting] = []
    for b in boards or ("",):
        r = own.get(b)
        if r is None and general is not None:
            r = msgspec.structs.replace(general, board=b)
        elif r is not None and r.down is None and general is not None:
            r = msgspec.structs.replace(r, down=general.down)
        if r is not None:
            named.append(r)
    missing = tuple(b for b in boards if b not in {r.board for r in named})
    others = [r for b, r in own.items() if b not in boards]
    up = max((r.up for r in named), default=None) if named and not missing else None
    last = appeal_last_day(up) if up else None
    earliest = take_down_earliest(up) if up else None
    down = min((r.down for r in named if r.down), default=None)
    warnings = []
    due = post_by(adjusted) if adjusted else None
    for r in named:
        if due is not None and adjusted is not None and r.up > due:
            warnings.append(
                f"posted on {board_label(r.board)} on {r.up}, after {due}: the adjustment on "
                f"{adjusted} is made known within two days (KL 8:12; lag 1930:173)"
            )
        if r.down is not None and r.down < take_down_earliest(up or r.up):
            ends = appeal_last_day(up or r.up)
            warnings.append(
                f"taken down from {board_label(r.board)} on {r.down}; it stays up until the "
                f"time to appeal has run, through {ends} (KL 8:12): "
                f"{take_down_earliest(up or r.up)} at the earliest"
            )
    if today is not None and due is not None and today > due:
        if not named:
            warnings.append(f"not posted; due by {due}")
        else:
            warnings += [f"not posted on {board_label(b)}; due by {due} (KL 8:12)" for b in missing]
    return Posted(adjusted, (*named, *others), missing, up, down, last, earliest, tuple(warnings))


def plan(
    m: Meeting,
    p: Paragraph | None,
    anslag: tuple[BoardPosting, ...],
    up: date,
    down: date | None,
    boards: tuple[str, ...],
) -> tuple[list[BoardPosting], list[str]]:
    """The anslag to record for posting a meeting's adjusted minutes (or its § ``p``
    adjusted at once) on each of ``boards``, and the warnings: refused when not
    adjusted, dated out of order or already posted on a board (MinutesBook.post)."""
    day = m.date
    number = None if p is None else p.number
    if p is not None and p.meeting != day:
        raise InvalidInput(f"§{number} belongs to the meeting of {p.meeting}, not {day}")
    own = (p.adjusted, p.immediately) if p is not None else (None, False)
    adjusted = check_post(day, m.adjusted, number, *own)
    check_dates(adjusted, up, down)
    new = [BoardPosting(meeting=day, board=b, up=up, down=down, number=number) for b in boards]
    for a in new:
        check_not_posted(anslag, a)
    # the same dates on each board: warn once, naming the board when there is one
    probe = new if len(new) == 1 else [msgspec.structs.replace(new[0], board="")]
    done = posted(day, adjusted, probe, [a.board for a in probe], number)
    return new, list(done.warnings)
