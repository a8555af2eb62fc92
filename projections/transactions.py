"""The ledger as transactions (verifikationer): the postings grouped as the events
that made them, each with a day, a text and the § behind it, for the books
(SIE, hledger, beancount).

Made from the reference fold's state (``projections.money_fold``): the texts live in
the events (a booking's text, a payment's), not in the view's rows. ``series`` tells
the books what kind of record a transaction is: ``B`` a booking (bank against a
result line or a member's receivable), ``U`` a payment to an insats's owner, ``D`` an
entry derived from decisions (the allocation's months, an insats's monthly charge or
its settlement), ``I`` the opening equity.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import msgspec

from finsam_es.accounting import (
    Posting,
    allocation_postings,
    booking_postings,
    charge_postings,
    opening_postings,
    payment_postings,
    transfer_postings,
)
from finsam_es.money_state import MoneyState

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


class Transaction(msgspec.Struct, frozen=True):
    day: date
    series: str
    text: str
    paragraphs: tuple[str, ...]
    legs: tuple[Posting, ...]

    @property
    def note(self) -> str:
        """The text with the § behind it, as the books show it."""
        refs = ", ".join(f"§{p}" for p in self.paragraphs)
        return f"{self.text} ({refs})" if refs else self.text


def _grouped(postings: Iterable[Posting]) -> dict[tuple[date, str], list[Posting]]:
    out: dict[tuple[date, str], list[Posting]] = {}
    for p in postings:
        out.setdefault((p.day, p.kind), []).append(p)
    return out


def transactions(state: MoneyState) -> list[Transaction]:
    """Every transaction the admitted events imply up to the state's date, by day."""
    out: list[Transaction] = []
    if state.opening_event is not None:
        out.append(
            Transaction(
                state.opening_event.effective,
                "I",
                "Ingående eget kapital",
                (),
                opening_postings(state.opening_event),
            )
        )
    for year, allocation in sorted(state.allocations.items()):
        for (day, _), legs in sorted(_grouped(allocation_postings(allocation, year)).items()):
            text = f"Medelstilldelning {MONTHS[day.month - 1]} {day.year}"
            out.append(Transaction(day, "D", text, (), tuple(legs)))
    for booking in state.bookings:
        out.append(Transaction(booking.effective, "B", booking.text, (), booking_postings(booking)))
    for transfer in state.transfers:
        out.append(
            Transaction(transfer.effective, "B", transfer.text, (), transfer_postings(transfer))
        )
    for agg in sorted(state.insatser.values(), key=lambda a: a.insats):
        for (day, kind), legs in sorted(_grouped(charge_postings(agg)).items()):
            what = {"settlement": "slutredovisning", "interim": "delredovisning"}.get(
                kind, MONTHS[day.month - 1]
            )
            text = f"{agg.name}: {what} {day.year}"
            if kind == "correction":  # a settlement of a closed year, booked in the open one
                closed = sorted(y for y, d in agg.corrections.items() if d == day)
                text = f"{agg.name}: rättelse, slutredovisning {', '.join(map(str, closed))}"
            out.append(Transaction(day, "D", text, agg.paragraphs, tuple(legs)))
    for agg, payment in state.payments:
        text = payment.text or f"Utbetalning {agg.name}"
        out.append(
            Transaction(
                payment.effective, "U", text, agg.paragraphs, payment_postings(payment, agg)
            )
        )
    kept = [t for t in out if t.day <= state.as_of]
    order = {"I": 0, "D": 1, "B": 2, "U": 3}
    return sorted(kept, key=lambda t: (t.day, order[t.series]))
