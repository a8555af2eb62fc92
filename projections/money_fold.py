"""The reference fold for money: rebuild the money aggregates from the events a
question admits, derive their postings, and answer budget, result, equity and
intervention questions.

``as_of=D`` admits events effective on or before D (creation events always, they
carry no money); ``known_at=T`` admits events recorded at or before T. Periodised
postings (allocation and grant months) count when their month has ended by D.
This is the audit reference; ``projections.money_view`` answers the same questions
from materialised tables and a property test holds the two to agreement.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple
from uuid import UUID

import msgspec
from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteAggregateRecorder

from finsam_es.accounting import RESULT_ACCOUNTS, Posting
from finsam_es.insats import Insats
from finsam_es.money_state import MONEY_TYPES, MoneyState, fold_money, postings
from projections.money_reports import (
    BudgetReport,
    BudgetRow,
    EquityReport,
    InsatserReport,
    InsatsSummary,
    ResultReport,
    budget_report,
    canonical,
    equity_report,
    insats_row,
    result_report,
)
from projections.money_shapes import current
from store.mapper import resolve_event_topic

if TYPE_CHECKING:
    from store.application import FinsamApp


class _Owner(msgspec.Struct):
    """The one field of a stored event's state the fold looks at before decoding it."""

    forbund: str = ""


_owner = msgspec.json.Decoder(_Owner)


def money_events(app: FinsamApp, forbund: str, batch: int = 5000) -> Iterator[tuple[int, Any]]:
    """The money events of one förbund in log order. Each stored event's topic and its
    förbund are looked at first, so only these events are decoded into the library's
    event classes: the fold reads a million-event log near the speed of its rows, and
    holds one förbund's events, not the whole log."""
    mapper = app.mapper
    money: dict[str, bool] = {}  # per topic: an event the fold needs
    # Stored as they are (no cipher, no compression), the state of an event of this
    # förbund holds its id verbatim when the id has no character JSON may escape: the
    # database then passes on only the rows holding it (a superset, checked below).
    plain = not mapper.cipher and not mapper.compressor and _VERBATIM.fullmatch(forbund)
    holding = forbund.encode() if plain else None
    position = 1
    while True:
        rows = _log_rows(app, position, batch, holding)
        if not rows:
            return
        for n in rows:
            wanted = money.get(n.topic)
            if wanted is None:
                wanted = money[n.topic] = issubclass(resolve_event_topic(n.topic), MONEY_TYPES)
            if not wanted:
                continue
            data = n.state
            if mapper.cipher:
                data = mapper.cipher.decrypt(data)
            if mapper.compressor:
                data = mapper.compressor.decompress(data)
            if _owner.decode(data).forbund == forbund:
                stored = StoredEvent(
                    UUID(str(n.originator_id)), n.originator_version, n.topic, n.state
                )
                yield n.id, mapper.to_domain_event(stored)
        position = rows[-1].id + 1


class _Row(NamedTuple):
    """A stored event as the log's table holds it (the originator id still text)."""

    id: int
    originator_id: UUID | str
    originator_version: int
    topic: str
    state: bytes


_VERBATIM = re.compile(r"[A-Za-z0-9_.-]+")


def _log_rows(app: FinsamApp, start: int, limit: int, holding: bytes | None) -> list[_Row]:
    """A batch of the log from a position (on SQLite only rows whose state holds the
    bytes ``holding``, when given). On SQLite the rows are read as they are (the
    library's reader makes a UUID of every row's originator id: a third of the time of
    reading the log); on PostgreSQL through the library."""
    recorder: Any = app.recorder
    if not isinstance(recorder, SQLiteAggregateRecorder):
        return [
            _Row(n.id, n.originator_id, n.originator_version, n.topic, n.state)
            for n in recorder.select_notifications(start=start, limit=limit)
        ]
    where = "rowid>=?" if holding is None else "rowid>=? AND instr(state, ?) > 0"
    params = (start, limit) if holding is None else (start, holding, limit)
    with recorder.datastore.transaction(commit=False) as c:
        c.execute(
            "SELECT rowid, originator_id, originator_version, topic, state "
            f"FROM {recorder.events_table_name} WHERE {where} ORDER BY rowid LIMIT ?",
            params,
        )
        return [_Row(*row) for row in c.fetchall()]


# -- primitives ----------------------------------------------------------------------


def budget_rows(state: MoneyState, year: int) -> tuple[list[BudgetRow], int]:
    fy = state.years.get(year)
    if fy is None or fy.adopted is None:
        return [], 0
    rows = [
        BudgetRow(
            b.line,
            b.kind,
            b.amount,
            tuple(p for p in state.line_paragraphs.get((year, b.line), []) if p),
            b.name,
            b.insats,
        )
        for b in fy.lines.values()
    ]
    return rows, fy.from_equity


def plan_of(state: MoneyState, year: int) -> dict[str, dict[str, int]]:
    fy = state.years.get(year)
    if fy is None or fy.adopted is None:
        return {}
    return {str(p.year): {a.line: a.amount for a in p.lines} for p in fy.plan}


def outcome(state: MoneyState, year: int) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for p in postings(state):
        if p.account in RESULT_ACCOUNTS and p.day.year == year:
            key = (p.account, p.line)
            out[key] = out.get(key, 0) + (p.amount if p.account == "cost" else -p.amount)
    return out


def result_since(state: MoneyState, start: date | None) -> int:
    return -sum(
        p.amount
        for p in postings(state)
        if p.account in RESULT_ACCOUNTS and (start is None or p.day > start)
    )


def allocation_total(state: MoneyState, year: int) -> int:
    allocation = state.allocations.get(year)
    return sum(a.amount for a in allocation.amounts) if allocation else 0


def summarise(agg: Insats) -> InsatsSummary:
    granted = agg.granted_by_year()
    return InsatsSummary(
        id=agg.insats,
        name=agg.name,
        kind=agg.kind,
        owner=agg.owner,
        line=agg.line,
        received=agg.received,
        base_status=agg.status,
        start=agg.period[0],
        end=agg.period[1],
        granted_by_year={str(y): a for y, a in sorted(granted.items()) if a},
        dropped=sum(agg.dropped.values()),
        settled_unused=sum(charged - used for used, charged, _ in agg.settled.values()),
        carried=sum(agg.carried_out.values()),
        money_years=tuple(sorted({m // 12 for m, a in agg.plan.items() if a})),
        settled_years=tuple(sorted(agg.settled)),
        paragraphs=agg.paragraphs,
    )


def insats_money(state: MoneyState) -> dict[str, tuple[int, int]]:
    """Charged and paid per insats up to the state's date."""
    out: dict[str, tuple[int, int]] = {}
    for p in postings(state):
        if not p.insats:
            continue
        charged, paid = out.get(p.insats, (0, 0))
        if p.account == "cost":
            charged += p.amount
        elif p.kind == "payment" and p.account == "accrued_costs":
            paid += p.amount
        out[p.insats] = (charged, paid)
    return out


# -- reports -------------------------------------------------------------------------


class Fold:
    """Answers money questions from the event log alone (the audit reference): from
    events given (every förbund's, in log order), or with ``Fold.of_log(app)`` from the
    store's log, read once per förbund asked about (``money_events``)."""

    def __init__(self, events: Iterable[tuple[int, Any]]):
        given = list(events)
        self._source: Callable[[str], Iterable[tuple[int, Any]]] = lambda _forbund: given
        self._read: dict[str, list[tuple[int, Any]]] = {}
        self.decided_by: date | None = None  # see ``deciding_later``

    @classmethod
    def of_log(cls, app: FinsamApp) -> Fold:
        fold = cls(())
        fold._source = lambda forbund: money_events(app, forbund)
        return fold

    def events_of(self, forbund: str) -> list[tuple[int, Any]]:
        if forbund not in self._read:
            self._read[forbund] = list(self._source(forbund))
        return self._read[forbund]

    def deciding_later(self) -> Fold:
        """The same events, answering on each date with everything decided later for it
        (a year's figures on 31 December with a settlement decided in February)."""
        later = copy.copy(self)
        later.decided_by = date.max
        return later

    def state(self, forbund: str, as_of: date, known_at: datetime | None) -> MoneyState:
        return fold_money(self.events_of(forbund), forbund, as_of, known_at, self.decided_by)

    def postings(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> tuple[Posting, ...]:
        return canonical(postings(self.state(forbund, as_of, known_at)))

    def budget(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> BudgetReport:
        state = self.state(forbund, as_of, known_at)
        rows, from_equity = budget_rows(state, year)
        return budget_report(year, as_of, rows, from_equity, plan_of(state, year))

    def result(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> ResultReport:
        state = self.state(forbund, as_of, known_at)
        rows, _ = budget_rows(state, year)
        return result_report(year, as_of, rows, outcome(state, year))

    def equity(self, forbund: str, as_of: date, known_at: datetime | None = None) -> EquityReport:
        state = self.state(forbund, as_of, known_at)
        start = state.opening[0] if state.opening else None
        return equity_report(
            as_of, state.opening, result_since(state, start), allocation_total(state, as_of.year)
        )

    def insatser(
        self,
        forbund: str,
        as_of: date,
        known_at: datetime | None = None,
        current_only: bool = False,
    ) -> InsatserReport:
        state = self.state(forbund, as_of, known_at)
        money = insats_money(state)
        rows = []
        for agg in state.insatser.values():
            summary = summarise(agg)
            charged, paid = money.get(agg.insats, (0, 0))
            rows.append(insats_row(summary, as_of, charged, paid))
        report = InsatserReport(as_of, tuple(sorted(rows, key=lambda r: r.id)))
        return current(report) if current_only else report
