"""The event log as rows: position, type, förbund, effective date, recorded time, §."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from finsam_es.minutes import MinutesBook
from finsam_es.values import paragraph_ref


class LogRow(msgspec.Struct, frozen=True):
    position: int
    type: str
    forbund: str
    effective: date
    recorded: str
    paragraph: str | None


def log_row(position: int, event: Any) -> LogRow:
    return LogRow(
        position=position,
        type=type(event).__qualname__,
        forbund=getattr(event, "forbund", ""),
        effective=event.effective,
        recorded=event.timestamp.isoformat(timespec="seconds"),
        paragraph=paragraph_of(event),
    )


def paragraph_of(event: Any) -> str | None:
    if isinstance(event, MinutesBook.ParagraphAdded):
        return paragraph_ref(event.effective.year, event.paragraph.number)
    if isinstance(
        event,
        MinutesBook.ParagraphAmended
        | MinutesBook.ParagraphRenumbered
        | MinutesBook.AssignmentCompleted,
    ):
        return paragraph_ref(event.year, event.number)
    if isinstance(event, MinutesBook.MinutesAdjusted) and event.immediately and event.numbers:
        return paragraph_ref(event.meeting.year, event.numbers[0])
    paragraph = getattr(event, "paragraph", None)
    return paragraph if isinstance(paragraph, str) else None
