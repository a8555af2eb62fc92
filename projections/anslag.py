"""The anslag of a meeting's minutes as every face shows it: the minutes' ANSLAG/BEVIS
block, ``meetings``, ``procedures`` and the web read this one answer (finsam_es.posting)
so the last day of appeal is the same on each."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

import msgspec

from finsam_es.charter import OWN_BOARD
from finsam_es.deadlines import adjust_warnings, take_down_earliest
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.posting import BoardPosting, Posted, charter_boards, from_procedure, posted
from finsam_es.procedures import Procedure


def old_announcements(procedures: Iterable[Procedure]) -> tuple[BoardPosting, ...]:
    """The announcements recorded as procedures before the anslag had its own records."""
    found = (from_procedure(p) for p in procedures)
    return tuple(a for a in found if a is not None)


def meeting_anslag(
    f: Forbund,
    book: MinutesBook,
    day: date,
    old: Iterable[BoardPosting] = (),
    number: int | None = None,
    today: date | None = None,
) -> Posted:
    """The anslag of the minutes of ``day`` (``number``: of that § adjusted at once) on
    the boards the charter names."""
    boards = charter_boards(f.charter_on(day), f.members_on(day))
    m, p = book.meetings[day], None if number is None else book.paragraphs[number]
    adjusted = m.adjusted if p is None else p.adjusted
    return posted(day, adjusted, (*book.anslag, *old), boards, number, today)


def meeting_warnings(
    f: Forbund,
    book: MinutesBook,
    day: date,
    old: Iterable[BoardPosting] = (),
    today: date | None = None,
) -> tuple[str, ...]:
    """The deadlines the minutes of ``day`` missed (given today: are missing)."""
    a = meeting_anslag(f, book, day, old, today=today)
    return (*adjust_warnings(day, book.meetings[day].adjusted, today), *a.warnings)


def paragraph_anslag(
    f: Forbund, book: MinutesBook, number: int, old: Iterable[BoardPosting] = ()
) -> Posted:
    """A § adjusted at once and posted on its own has its own anslag and its own last day
    of appeal; every other § is made known with the minutes of its meeting."""
    p = book.paragraphs[number]
    if p.immediately and any(a.number == number for a in book.anslag):
        return meeting_anslag(f, book, p.meeting, old, number)
    return meeting_anslag(f, book, p.meeting, old)


ORGAN = "Styrelsen"  # a samordningsförbund's one organ (lag 2003:1210 10 §)
STORAGE = "Förbundets kansli"  # where the protokoll is kept, as the minutes' bevis says
HOW_TO_APPEAL = (
    "Beslutet kan överklagas genom laglighetsprövning hos förvaltningsrätten (lag 2003:1210 "
    "om finansiell samordning av rehabiliteringsinsatser 28 § med kommunallagen 13 kap.). "
    "Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den dag då "
    "anslaget om protokollets justering sattes upp (KL 13:5)."
)


def organ(f: Forbund) -> str:
    return f"{ORGAN}, {f.name}"


class Notice(msgspec.Struct, frozen=True, kw_only=True):
    """One notice on the förbund's own anslagstavla, up from ``up`` until the day before
    ``down``. A justering's notice holds what its anslag record holds (the minutes'
    bevis and ``meetings`` read the same ``Posted``); a kungörelse (a public meeting,
    made known by the förbund) has no adjustment and no appeal."""

    kind: Literal["justering", "kungorelse"]
    key: str  # stable across reads: the feed's entry id and the page's anchor
    title: str
    organ: str
    meeting: date
    up: date
    down: date  # the day it goes from the board
    number: int | None = None  # a § adjusted at once, posted on its own
    adjusted: date | None = None
    take_down_earliest: date | None = None
    appeal_last_day: date | None = None
    storage: str = STORAGE
    how_to_appeal: str = ""

    def current(self, day: date) -> bool:
        return self.up <= day < self.down


def justering_notice(
    f: Forbund, posted: Posted, meeting: date, number: int | None
) -> Notice | None:
    """The notice of one anslag on the förbund's own board when the charter names it (its
    own record's dates), else the anslag on the members' boards that the förbund's site
    shows too (the day the last of them had it). Without a recorded day it came down, a
    digital board takes it down itself on the first day it may (the appeal time has run,
    KL 8:12)."""
    own = next((b for b in posted.boards if b.board == OWN_BOARD and b.number == number), None)
    named_own = OWN_BOARD in charter_boards(f.charter_on(meeting), f.members_on(meeting))
    up, down = (own.up, own.down) if named_own and own else (posted.up, posted.down)
    if (named_own and own is None) or up is None:
        return None
    down = down or posted.take_down_earliest or take_down_earliest(up)
    which = f" §{number}" if number is not None else ""
    return Notice(
        kind="justering",
        key=f"justering-{meeting.isoformat()}" + (f"-p{number}" if number is not None else ""),
        title=f"Justering av protokoll{which} från sammanträdet {meeting.isoformat()}",
        organ=organ(f),
        meeting=meeting,
        number=number,
        up=up,
        down=down,
        adjusted=posted.adjusted,
        take_down_earliest=posted.take_down_earliest,
        appeal_last_day=posted.appeal_last_day,
        how_to_appeal=HOW_TO_APPEAL,
    )


def justering_notices(
    f: Forbund, books: Iterable[MinutesBook], old: Iterable[BoardPosting] = ()
) -> list[Notice]:
    """Every anslag of the books' minutes, and of each § adjusted at once and posted on
    its own, as notices (current or not)."""
    old = tuple(old)
    found = []
    for book in books:
        for day in book.meetings:
            found.append(justering_notice(f, meeting_anslag(f, book, day, old), day, None))
        for number in sorted({r.number for r in book.anslag if r.number is not None}):
            day = book.paragraphs[number].meeting
            a = meeting_anslag(f, book, day, old, number)
            found.append(justering_notice(f, a, day, number))
    return [n for n in found if n is not None]
