"""Meetings at a glance: every meeting of a förbund with its § range, whether its
minutes are adjusted and posted, and the deadlines missed or at risk."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from datetime import date

import msgspec

from finsam_es.deadlines import deadline_warnings
from finsam_es.minutes import MinutesBook


class MeetingRow(msgspec.Struct, frozen=True):
    date: _dt.date
    first: int | None  # the first § of the meeting
    last: int | None
    adjusted: _dt.date | None
    posted: _dt.date | None
    warnings: tuple[str, ...]
    extra: bool = False
    place: str = ""


def meeting_rows(books: Iterable[MinutesBook], today: date) -> list[MeetingRow]:
    """The meetings of the books, in date order; deadlines missed by ``today`` warn."""
    rows = []
    for book in books:
        for day, m in book.meetings.items():
            numbers = [p.number for p in book.paragraphs_of(day)]
            rows.append(
                MeetingRow(
                    date=day,
                    first=min(numbers, default=None),
                    last=max(numbers, default=None),
                    adjusted=m.adjusted,
                    posted=m.posted_up,
                    warnings=tuple(deadline_warnings(day, m.adjusted, m.posted_up, today)),
                    extra=m.extra,
                    place=m.place,
                )
            )
    return sorted(rows, key=lambda r: r.date)
