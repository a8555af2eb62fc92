"""The unit of work: the aggregates one command (or one journal) loads or creates, saved
together. ``UnitOfWork.commit`` stores all their new events in one transaction of the
store's recorder (all or nothing), with the actor and the store's own time for the hash
chain, and the snapshots its loads made due (store/snapshot_rows.py).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from finsam_es.base import FinsamAggregate
from finsam_es.errors import FinsamError
from finsam_es.forbund import Forbund
from finsam_es.formation import check_after_formation
from store.aggregate_cache import give_back, latest
from store.application import FinsamApp
from store.chain import EventFacts, micros
from store.loading import AggregateT, SnapshotsDue
from store.snapshot_rows import Snapshots


@lru_cache(maxsize=64)
def _micros(moment: datetime) -> int:
    """A recorded time in µs: the events of a unit of work share one or a few."""
    return micros(moment)


class UnitOfWork:
    """Aggregates loaded or created by one command (or one journal), saved together."""

    def __init__(self, app: FinsamApp, actor: str | None = None):
        self.app = app
        # who records: the CLI's --actor is the store's; the web names the signed-in
        # person per command, on one store shared by every request
        self.actor = app.actor if actor is None else actor
        self.at = app.clock()  # the recorded time handlers stamp events with
        self.stored_at = self.at  # the store's own time (``at`` may claim an earlier one)
        self.loaded: dict[UUID, FinsamAggregate | None] = {}
        self.receipts: list[str] = []  # what the command made, for its receipt
        # More for the recorder to write in the save's transaction, as keywords of
        # app.save (a journal's fingerprints: imported=Imported(...), store/imported.py).
        self.side: dict[str, Any] = {}
        # the snapshots loads made due, written in the save's transaction (snapshot_rows.py)
        self.snapshots = SnapshotsDue()
        # the version each aggregate's latest snapshot stands at (store/aggregate_cache.py)
        self.bases: dict[UUID, int] = {}

    def get(self, kind: type[AggregateT], aggregate_id: UUID) -> AggregateT | None:
        """The aggregate of this class and id (loaded once per unit of work), or None."""
        aggregate = self.loaded.get(aggregate_id, self)  # one lookup: hashing a UUID is slow
        if aggregate is self:
            loaded, self.bases[aggregate_id] = latest(self.app, kind, aggregate_id, self.snapshots)
            aggregate = self.loaded[aggregate_id] = loaded
        if aggregate is None or isinstance(aggregate, kind):
            return aggregate
        raise TypeError(f"{aggregate_id} is a {type(aggregate).__name__}, not a {kind.__name__}")

    def forbund_events(self, forbund: str, kinds: tuple[type, ...]) -> list[tuple[int, Any]]:
        """The förbund's stored events of these kinds (``FinsamApp.forbund_events``) and
        those this unit of work has not saved yet, in order: a rule sees the decision
        being taken beside what the store holds."""
        stored = self.app.forbund_events(forbund, kinds)
        last = max(self.app.event_count(), stored[-1][0] if stored else 0)
        pending = [
            e
            for a in self.loaded.values()
            if a is not None
            for e in a.pending_events
            if isinstance(e, kinds) and getattr(e, "forbund", None) == forbund
        ]
        return [*stored, *((last + i + 1, e) for i, e in enumerate(pending))]

    def add(self, aggregate: AggregateT) -> AggregateT:
        self.loaded[aggregate.id] = aggregate
        return aggregate

    def _formed(self, forbund: str) -> date | None:
        found = self.get(Forbund, Forbund.id_for(forbund))
        # a store an older finsam wrote: its snapshot may predate the attribute
        return getattr(found, "stated_formation", None) if found is not None else None

    def commit(self) -> int:
        touched = [a for a in self.loaded.values() if a is not None and a.pending_events]
        count = sum(len(a.pending_events) for a in touched)
        if touched:
            # the rule every door is held to, whatever it checked itself (a journal
            # names the entry; this names the event)
            check_after_formation(
                (e for a in touched for e in a.pending_events), self._formed, self.stored_at
            )
            # The recorder directly, as the library's save does (map, insert, in one
            # transaction) without its runtime protocol checks on every aggregate and
            # the receipts nothing here reads: both were a sixth of a commit's time.
            events = [e for a in touched for e in a.collect_events()]
            stored = [self.app.mapper.to_stored_event(e) for e in events]
            side: dict[str, Any] = {
                **self.side,
                # each link's förbund and recorded time, from the events themselves
                "facts": EventFacts(
                    tuple((getattr(e, "forbund", ""), _micros(e.timestamp)) for e in events)
                ),
            }
            table = getattr(self.app.snapshot_recorder, "events_table_name", None)
            if self.snapshots.rows and table:
                side["snapshots"] = Snapshots(table, tuple(self.snapshots.rows))
            try:
                self.app.recorder.insert_events(
                    stored, actor=self.actor, stored_at=self.stored_at, **side
                )
            except IntegrityError:
                raise FinsamError(
                    "the store changed while this command ran; run it again"
                ) from None
        # Saved: the aggregates are what their stored events give, for the next unit of
        # work (aggregate_cache.py); this one is done and holds none of them any more.
        saved = [(a, self.bases.get(a.id, 0)) for a in self.loaded.values() if a is not None]
        self.loaded = {}
        give_back(self.app, saved)
        return count
