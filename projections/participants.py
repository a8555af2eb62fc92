"""Each insats's participants in a year: the report covering most of the year by a date.

Of an insats's reports effective by the day asked, the one whose period ends last
answers (a final report over an interim one for the same period; the later recorded
among equals): what the insats last said of the year.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec

from finsam_es.follow_up import ParticipantBook, Report


class ParticipantRow(msgspec.Struct, frozen=True):
    insats: str
    name: str
    report: str  # interim | final
    start: date
    end: date
    total: int
    new: int | None
    finished: int | None
    women: int
    men: int
    other: int
    referred_by: dict[str, int]
    parts: dict[str, int]
    reported_on: date
    source: str


def participant_rows(
    events: Iterable[Any], as_of: date, names: dict[str, str]
) -> list[ParticipantRow]:
    """The participants of each insats reported by ``as_of``, in the order of their ids."""
    latest: dict[str, tuple[Report, date]] = {}
    for e in events:
        if not isinstance(e, ParticipantBook.Reported) or e.effective > as_of:
            continue
        r: Report = e.report
        before = latest.get(r.insats)
        rank = (r.end, r.kind == "final")
        if before is None or rank >= (before[0].end, before[0].kind == "final"):
            latest[r.insats] = (r, e.effective)
    return [row(r, on, names.get(r.insats, r.insats)) for _, (r, on) in sorted(latest.items())]


def row(r: Report, on: date, name: str) -> ParticipantRow:
    p = r.participants
    return ParticipantRow(
        r.insats,
        name,
        r.kind,
        r.start,
        r.end,
        p.total,
        p.new,
        p.finished,
        p.women,
        p.men,
        p.other,
        {c.name: c.count for c in p.referred_by},
        {c.name: c.count for c in p.parts},
        on,
        r.source,
    )
