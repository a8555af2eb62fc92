"""The anslag of a meeting's minutes as every face shows it: the minutes' ANSLAG/BEVIS
block, ``meetings``, ``procedures`` and the web read this one answer (finsam_es.posting)
so the last day of appeal is the same on each."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from finsam_es.deadlines import adjust_warnings
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
