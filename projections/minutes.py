"""Minutes read models: a meeting's minutes as a document, one paragraph with the
paragraphs that correct it, and the assignments still open on a date. Pure functions
over minutes books.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec

from finsam_es.forbund import Forbund
from finsam_es.minutes import Meeting, MinutesBook, Paragraph
from finsam_es.values import paragraph_ref
from projections.board import seat_label


class ParagraphView(msgspec.Struct, frozen=True):
    year: int
    number: int
    meeting: date
    title: str
    decisions: tuple[str, ...]
    adjusted: date | None
    posted: date | None
    text: str
    effects: tuple[str, ...]
    dissent: tuple[str, ...]
    conflict: tuple[str, ...]
    assignments: tuple[dict[str, Any], ...]
    corrects: str | None
    corrected_by: tuple[str, ...]
    immediately_adjusted: bool


def paragraph_view(
    book: MinutesBook, p: Paragraph, corrected_by: tuple[str, ...] = ()
) -> ParagraphView:
    meeting = book.meetings[p.meeting]
    adjusted = p.adjusted or meeting.adjusted
    return ParagraphView(
        year=book.year,
        number=p.number,
        meeting=p.meeting,
        title=p.title,
        decisions=p.decisions or tuple(f"Styrelsen beslutar att {e}" for e in p.effects),
        adjusted=adjusted,
        posted=meeting.posted_up,
        text=p.text,
        effects=p.effects,
        dissent=p.dissent,
        conflict=p.conflict,
        assignments=tuple(
            {"who": a.who, "what": a.what, "due": a.due, "done": (i + 1) in p.completed}
            for i, a in enumerate(p.assignments)
        ),
        corrects=p.corrects,
        corrected_by=corrected_by,
        immediately_adjusted=p.immediately,
    )


def corrections(books: Iterable[MinutesBook]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for book in books:
        for p in book.paragraphs.values():
            if p.corrects:
                out.setdefault(p.corrects, []).append(paragraph_ref(book.year, p.number))
    return {k: tuple(v) for k, v in out.items()}


class MinutesDocument(msgspec.Struct, frozen=True):
    forbund: str
    forbund_name: str
    date: _dt.date
    extra: bool
    place: str
    time: str
    chair: str
    secretary: str
    deciding: tuple[str, ...]
    others: tuple[str, ...]
    adjusters: tuple[str, ...]
    paragraphs_range: str
    closed: _dt.date | None
    adjusted: _dt.date | None
    posted_up: _dt.date | None
    posted_down: _dt.date | None
    paragraphs: tuple[ParagraphView, ...]


def minutes(
    f: Forbund, book: MinutesBook, meeting: Meeting, corrected: dict[str, tuple[str, ...]]
) -> MinutesDocument:
    seats = {s.name: s for s in f.board_on(meeting.date)}
    deciding = []
    others = []
    for name in meeting.present:
        seat = seats.get(name)
        if seat is None:
            others.append(name)
        else:
            deciding.append(f"{name} ({seat_label(seat.role, seat.chair, seat.vice_chair)})")
    if meeting.secretary and meeting.secretary not in meeting.present:
        others.append(f"{meeting.secretary} (sekreterare)")
    paragraphs = book.paragraphs_of(meeting.date)
    numbers = [p.number for p in paragraphs]
    span = (
        ""
        if not numbers
        else (f"§{numbers[0]}" if len(numbers) == 1 else f"§{numbers[0]}–§{numbers[-1]}")
    )
    return MinutesDocument(
        forbund=f.forbund,
        forbund_name=f.name,
        date=meeting.date,
        extra=meeting.extra,
        place=meeting.place,
        time=meeting.time,
        chair=meeting.chair,
        secretary=meeting.secretary,
        deciding=tuple(deciding),
        others=tuple(others),
        adjusters=meeting.adjusters,
        paragraphs_range=span,
        closed=meeting.closed,
        adjusted=meeting.adjusted,
        posted_up=meeting.posted_up,
        posted_down=meeting.posted_down,
        paragraphs=tuple(
            paragraph_view(book, p, corrected.get(paragraph_ref(book.year, p.number), ()))
            for p in paragraphs
        ),
    )


class OpenAssignment(msgspec.Struct, frozen=True):
    paragraph: str
    index: int
    meeting: date
    who: str
    what: str
    due: date | None
    overdue: bool


def open_assignments(books: Iterable[MinutesBook], as_of: date) -> list[OpenAssignment]:
    """Assignments given on or before the date and not reported done by then."""
    out = []
    for book in books:
        for p in sorted(book.paragraphs.values(), key=lambda p: p.number):
            if p.meeting > as_of:
                continue
            done = {
                i: day for i, day in zip(p.completed, p.completed_on, strict=False) if day <= as_of
            }
            ref = paragraph_ref(book.year, p.number)
            for i, a in enumerate(p.assignments, start=1):
                if i not in done:
                    overdue = a.due is not None and a.due < as_of
                    out.append(OpenAssignment(ref, i, p.meeting, a.who, a.what, a.due, overdue))
    return out
