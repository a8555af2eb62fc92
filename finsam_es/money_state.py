"""The money of one förbund as its events leave it: the money aggregates rebuilt from
the events a question admits, and the postings (double entry) they imply.

Pure: it reads events handed to it. The reference fold (``projections.money_fold``)
answers reports from it, and the budget's equity rule (``finsam_es.equity``) the equity
at a year end, so the write side never reads through the read side.

``as_of=D`` admits events effective on or before D (creation events always, they
carry no money); ``known_at=T`` admits events recorded at or before T.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from finsam_es.accounting import (
    Posting,
    allocation_postings,
    booking_postings,
    charge_postings,
    opening_postings,
    payment_postings,
    transfer_postings,
)
from finsam_es.base import FinsamAggregate
from finsam_es.event_bounds import out_of_bounds
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats

MONEY_TYPES = (Forbund.OpeningEquitySet, FiscalYear.Event, Insats.Event)


class MoneyState:
    """The money aggregates of one förbund as the admitted events leave them."""

    def __init__(self, forbund: str, as_of: date, decided: date | None = None):
        self.forbund = forbund
        self.as_of = as_of
        # events effective up to ``decided`` are admitted, postings cut at ``as_of``
        self.decided = max(as_of, decided or as_of)
        self.opening: tuple[date, int] | None = None
        self.opening_event: Forbund.OpeningEquitySet | None = None
        self.years: dict[int, FiscalYear] = {}
        self.insatser: dict[UUID, Insats] = {}
        self.line_paragraphs: dict[tuple[int, str], list[str]] = {}
        self.allocations: dict[int, FiscalYear.AllocationSet] = {}
        self.bookings: list[FiscalYear.Booked] = []
        self.transfers: list[FiscalYear.Transferred] = []
        self.payments: list[tuple[Insats, Insats.PaymentMade]] = []


def admitted(event: Any, forbund: str, as_of: date, known_at: datetime | None) -> bool:
    if getattr(event, "forbund", None) != forbund:
        return False
    if known_at is not None and event.timestamp > known_at:
        return False
    return isinstance(event, FinsamAggregate.Created) or event.effective <= as_of


def fold_money(
    events: Iterable[tuple[int, Any]],
    forbund: str,
    as_of: date,
    known_at: datetime | None = None,
    decided_by: date | None = None,
) -> MoneyState:
    state = MoneyState(forbund, as_of, decided_by)
    for _position, event in events:
        if not isinstance(event, MONEY_TYPES) or not admitted(
            event, forbund, state.decided, known_at
        ):
            continue
        if out_of_bounds(event):  # left out as the view leaves it out (money_rows.py)
            continue
        _evolve(state, event)
    return state


def _evolve(state: MoneyState, event: Any) -> None:
    oid = event.originator_id
    if isinstance(event, Forbund.OpeningEquitySet):
        state.opening = (event.effective, event.equity)
        state.opening_event = event
    elif isinstance(event, FiscalYear.Opened):
        state.years[event.year] = event.mutate(None)
    elif isinstance(event, FiscalYear.Event):
        fy = next(y for y in state.years.values() if y.id == oid)
        event.apply(fy)
        if isinstance(event, FiscalYear.Booked):
            state.bookings.append(event)
        elif isinstance(event, FiscalYear.Transferred):
            state.transfers.append(event)
        elif isinstance(event, FiscalYear.AllocationSet):
            state.allocations[fy.year] = event
        elif isinstance(event, FiscalYear.BudgetAdopted):
            for b in event.lines:
                state.line_paragraphs.setdefault((fy.year, b.line), []).append(
                    event.paragraph or ""
                )
        elif isinstance(event, FiscalYear.BudgetChanged):
            for ch in event.changes:
                state.line_paragraphs.setdefault((fy.year, ch.line), []).append(
                    event.paragraph or ""
                )
    elif isinstance(event, Insats.ApplicationReceived):
        if event.effective <= state.as_of:
            state.insatser[oid] = event.mutate(None)
    elif oid in state.insatser:
        agg = state.insatser[oid]
        event.apply(agg)
        if isinstance(event, Insats.PaymentMade):
            state.payments.append((agg, event))


def postings(state: MoneyState) -> list[Posting]:
    """Every posting the admitted events imply up to the state's date."""
    out: list[Posting] = []
    if state.opening_event is not None:
        out.extend(opening_postings(state.opening_event))
    for year, allocation in state.allocations.items():
        out.extend(allocation_postings(allocation, year))
    for booking in state.bookings:
        out.extend(booking_postings(booking))
    for transfer in state.transfers:
        out.extend(transfer_postings(transfer))
    for agg in state.insatser.values():
        out.extend(charge_postings(agg))
    for agg, payment in state.payments:
        out.extend(payment_postings(payment, agg))
    return [p for p in out if p.day <= state.as_of]
