"""The auditor's registers of a year: the verifikationslista (every booking and payment,
numbered in date order) and the register of decisions (every paragraph with a money
effect, what it decided and how much its events moved)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec

from finsam_es.fiscal_year import FiscalYear
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from finsam_es.values import paragraph_ref
from projections.event_log import amount_of, paragraph_of


class BookingRow(msgspec.Struct, frozen=True):
    number: int  # verifikationsnummer: 1, 2, ... in date order, ties in recorded order
    date: date
    kind: str  # cost, income, allocation_payment, payment (to an insats's owner)
    line: str
    insats: str
    amount: int
    text: str
    paragraph: str | None
    recorded: str


class BookingList(msgspec.Struct, frozen=True):
    forbund: str
    year: int
    bookings: tuple[BookingRow, ...]


class DecisionRow(msgspec.Struct, frozen=True):
    paragraph: str
    meeting: date
    title: str
    effects: tuple[str, ...]
    amount: int | None  # the sum the paragraph's money events name; None when none does
    events: tuple[str, ...]  # their types
    without_quorum: bool = False  # recorded as decided without quorum (KL 6:27)


class DecisionList(msgspec.Struct, frozen=True):
    forbund: str
    year: int
    decisions: tuple[DecisionRow, ...]


def booking_list(
    forbund: str, year: int, booked: Iterable[Any], payments: Iterable[tuple[Insats, Any]]
) -> BookingList:
    """``booked``: the fiscal year's events; ``payments``: (insats, PaymentMade) pairs."""
    found: list[tuple[date, str, dict[str, Any]]] = []
    for event in booked:
        if isinstance(event, FiscalYear.Booked):
            found.append(
                (
                    event.effective,
                    event.timestamp.isoformat(),
                    {"kind": event.kind, "line": event.line, "insats": "", "event": event},
                )
            )
    for insats, event in payments:
        if event.effective.year == year:
            found.append(
                (
                    event.effective,
                    event.timestamp.isoformat(),
                    {
                        "kind": "payment",
                        "line": insats.line,
                        "insats": insats.insats,
                        "event": event,
                    },
                )
            )
    rows = []
    for number, (day, recorded, f) in enumerate(sorted(found, key=lambda x: x[:2]), start=1):
        event = f["event"]
        rows.append(
            BookingRow(
                number,
                day,
                f["kind"],
                f["line"],
                f["insats"],
                event.amount,
                event.text,
                paragraph_of(event),
                recorded,
            )
        )
    return BookingList(forbund, year, tuple(rows))


def decision_list(
    forbund: str, year: int, book: MinutesBook | None, money_events: Iterable[Any]
) -> DecisionList:
    """Paragraphs of the year's minutes with a money effect; ``money_events`` are the
    förbund's events that name a paragraph (any year's aggregate: a budget for next year
    is decided this year)."""
    by_paragraph: dict[str, list[Any]] = {}
    for event in money_events:
        ref = paragraph_of(event)
        if ref and not isinstance(event, MinutesBook.Event):
            by_paragraph.setdefault(ref, []).append(event)
    rows = []
    for p in sorted(book.paragraphs.values(), key=lambda p: p.number) if book else ():
        ref = paragraph_ref(year, p.number)
        events = by_paragraph.get(ref, [])
        if not p.effects and not events:
            continue
        amounts = [a for a in (amount_of(e) for e in events) if a is not None]
        rows.append(
            DecisionRow(
                ref,
                p.meeting,
                p.title,
                p.effects,
                sum(amounts) if amounts else None,
                tuple(type(e).__qualname__ for e in events),
                p.without_quorum,
            )
        )
    return DecisionList(forbund, year, tuple(rows))
