"""Meetings at a glance: every meeting of a förbund with its § range, whether its
minutes are adjusted and posted, and the deadlines missed or at risk."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from datetime import date

import msgspec

from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.posting import BoardPosting
from projections.anslag import meeting_anslag, meeting_warnings
from projections.signing import SignatureView


class MeetingRow(msgspec.Struct, frozen=True):
    date: _dt.date
    first: int | None  # the first § of the meeting
    last: int | None
    adjusted: _dt.date | None
    posted: _dt.date | None
    warnings: tuple[str, ...]
    extra: bool = False
    place: str = ""
    appeal_last_day: _dt.date | None = None
    signatures: tuple[SignatureView, ...] = ()  # digital justering (projections/signing.py)


def meeting_rows(
    f: Forbund, books: Iterable[MinutesBook], today: date, old: tuple[BoardPosting, ...] = ()
) -> list[MeetingRow]:
    """The meetings of the books, in date order; deadlines missed by ``today`` warn.
    ``posted``: the day the last board the charter names had the anslag (the day the
    time to appeal counts from); ``appeal_last_day`` the last day to appeal."""
    rows = []
    for book in books:
        for day, m in book.meetings.items():
            numbers = [p.number for p in book.paragraphs_of(day)]
            a = meeting_anslag(f, book, day, old, today=today)
            rows.append(
                MeetingRow(
                    date=day,
                    first=min(numbers, default=None),
                    last=max(numbers, default=None),
                    adjusted=m.adjusted,
                    posted=a.up,
                    warnings=meeting_warnings(f, book, day, old, today),
                    extra=m.extra,
                    place=m.place,
                    appeal_last_day=a.appeal_last_day,
                )
            )
    return sorted(rows, key=lambda r: r.date)
