"""The event log as rows: position, recorded time (to the microsecond) and who recorded
it, type, förbund, effective date, §, amount and a short line of content; and the
filters ``finsam log`` offers (förbund, §, insats, effective between, recorded between,
type)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import msgspec

from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from finsam_es.procedures import ProcedureBook
from finsam_es.values import paragraph_ref
from store.chain import Link


class LogRow(msgspec.Struct, frozen=True):
    position: int
    type: str
    forbund: str
    effective: date
    recorded: str  # ISO 8601 with microseconds: paste it into --known-at as it is
    paragraph: str | None
    stored: str = ""  # when this store wrote it; differs from recorded for migrated history
    claimed: bool = False  # recorded is a time a migrated journal entry claims
    actor: str = ""  # "" for events stored before finsam recorded who
    amount: int | None = None
    content: str = ""
    hash: str = ""
    event: dict[str, Any] = {}  # every field of the event (--format json)


class LogFilter(msgspec.Struct, frozen=True):
    """Which events ``finsam log`` shows; None means any."""

    forbund: str | None = None
    paragraph: str | None = None
    insats: str | None = None
    recorded_from: datetime | None = None
    recorded_to: datetime | None = None
    type: str | None = None
    # the date an event takes effect (a meeting's, a booking's): what --from/--to mean, as
    # for every other question; the recorded time has filters of its own
    effective_from: date | None = None
    effective_to: date | None = None

    def admits(self, event: Any) -> bool:
        forbund = getattr(event, "forbund", "")
        if self.forbund is not None and forbund != self.forbund:
            return False
        if self.paragraph is not None and paragraph_of(event) != self.paragraph:
            return False
        if self.insats is not None and event.originator_id != Insats.id_for(forbund, self.insats):
            return False
        if self.recorded_from is not None and event.timestamp < self.recorded_from:
            return False
        if self.recorded_to is not None and event.timestamp > self.recorded_to:
            return False
        if self.effective_from is not None and event.effective < self.effective_from:
            return False
        if self.effective_to is not None and event.effective > self.effective_to:
            return False
        name = type(event).__qualname__
        return self.type is None or self.type in (name, name.rsplit(".", 1)[-1])


def log_row(position: int, event: Any, link: Link | None = None) -> LogRow:
    fields = msgspec.to_builtins(
        {k: v for k, v in vars(event).items() if k not in ("originator_id", "originator_version")}
    )
    return LogRow(
        position=position,
        type=type(event).__qualname__,
        forbund=getattr(event, "forbund", ""),
        effective=event.effective,
        recorded=event.timestamp.isoformat(),
        paragraph=paragraph_of(event),
        stored=_iso(link.stored) if link else "",
        claimed=link is not None and link.stored != link.recorded,
        actor=link.actor if link else "",
        amount=amount_of(event),
        content=content_of(event),
        hash=link.hash if link else "",
        event={
            "aggregate": str(event.originator_id),
            "version": event.originator_version,
            **fields,
        },
    )


def _iso(micros: int) -> str:
    return datetime.fromtimestamp(micros / 1_000_000, UTC).isoformat()


def amount_of(event: Any) -> int | None:
    """The amount an event names, in öre (None when it names none)."""
    if isinstance(event, Forbund.OpeningEquitySet):
        return int(event.equity)
    if isinstance(event, FiscalYear.AllocationSet):
        return sum(a.amount for a in event.amounts)
    if isinstance(event, FiscalYear.BudgetAdopted):
        return sum(b.amount for b in event.lines if b.kind == "cost")
    if isinstance(event, FiscalYear.BudgetChanged):
        return sum(ch.delta for ch in event.changes)
    if isinstance(event, Insats.YearSettled):
        return event.used - event.charged
    amount = getattr(event, "amount", None)
    return amount if isinstance(amount, int) else None


def content_of(event: Any, width: int = 60) -> str:
    """One short line of what the event says: a booking's text, a paragraph's title ..."""
    if isinstance(event, MinutesBook.ParagraphAdded):
        text = event.paragraph.title
        if event.paragraph.without_quorum:
            text = f"(utan beslutförhet) {text}"
    elif isinstance(event, FiscalYear.Booked):
        text = f"{event.kind} {event.line}: {event.text}"
    elif isinstance(event, Insats.PaymentMade):
        text = event.text
        if event.beyond_grant:
            text = f"(utöver beviljat, §{event.beyond_grant}) {text}"
    elif isinstance(event, FiscalYear.BudgetChanged):
        text = ", ".join(f"{ch.line} {ch.delta:+}" for ch in event.changes)
    elif isinstance(event, Insats.ApplicationReceived):
        text = f"{event.insats}: {event.name}"
    elif isinstance(event, ProcedureBook.ProcedureRecorded):
        p = event.procedure
        text = " ".join(x for x in (p.kind, p.member, p.name or p.text) if x)
    elif isinstance(event, Forbund.SeatsChanged):
        text = f"{event.member}: {event.ledamoter} ledamöter, {event.ersattare} ersättare"
    else:
        # an event that says what it holds in a line of its own (goals, follow-ups, ...)
        said = getattr(event, "summary", "") or getattr(event, "reason", "")
        text = str(said or getattr(event, "name", "") or "")
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


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
    # a payment or a settlement beyond the grant names the paragraph that decided it
    paragraph = getattr(event, "paragraph", None) or getattr(event, "beyond_grant", None)
    return paragraph if isinstance(paragraph, str) else None
