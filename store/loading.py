"""How the store loads an aggregate: from its latest usable snapshot and the events
after it, or as its events recorded by a past moment leave it; and which kinds get
snapshots, how often (``SNAPSHOT_EVERY``). ``FinsamApp`` (store/application.py) is
built on it; a unit of work loads through the aggregate cache (aggregate_cache.py),
which falls back on these loads.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import AggregateRecorder, PersistenceError, StoredEvent

from finsam_es.base import FinsamAggregate
from finsam_es.forbund import Forbund
from finsam_es.registry import Registry
from store import snapshots
from store.database import LOCK_TIMEOUT_SECONDS, is_postgres
from store.snapshots import event_hash

if TYPE_CHECKING:
    from eventsourcing.application import EventStore
    from eventsourcing.persistence import ApplicationRecorder, Mapper

AggregateT = TypeVar("AggregateT", bound=FinsamAggregate)

# Long-lived aggregates get a snapshot every so many events (store/snapshots.py): a
# förbund gains ten to thirty events a year (one per insats granted), so a load from the
# store replays at most 99 events after its snapshot, about a millisecond and a half;
# the registry gains one per förbund in the store. A process that saves again and again
# takes the aggregate from its cache instead (aggregate_cache.py) and loads it from the
# store, noting the snapshot, once per interval: at 20 a förbund was loaded from the
# store on nearly every save of a journal import (issue 25).
SNAPSHOT_EVERY: dict[type[FinsamAggregate], int] = {Forbund: 100, Registry: 50}


class SnapshotsDue:
    """What loads note for the save to come: the snapshots they made due (their rows, for
    store/snapshot_rows.py) and, of the last load, the version its aggregate's latest
    snapshot stands at (the one it started from or the one it noted; 0: none), so the
    aggregate cache knows when the next one is due."""

    def __init__(self) -> None:
        self.rows: list[StoredEvent] = []
        self.base = 0


class Loading:
    """The loads of ``FinsamApp``: it provides the attributes declared here."""

    db: str
    snapshot_recorder: AggregateRecorder | None
    _readers: threading.local
    if TYPE_CHECKING:
        events: EventStore[UUID]
        mapper: Mapper[UUID]
        recorder: ApplicationRecorder

    def load(
        self,
        kind: type[AggregateT],
        aggregate_id: UUID,
        known_at: datetime | None = None,
        due: SnapshotsDue | None = None,
    ) -> AggregateT | None:
        """The aggregate of this class stored under the id, or None when nothing is;
        with ``known_at``, as its events recorded by then leave it (None if none were).
        ``due`` gets the snapshot the load made due, for the caller's save to write
        (``replay``; a unit of work's).

        An id of another kind of aggregate is a programming error (ids come from the
        classes' ``id_for``), not a user's: it raises TypeError.
        """
        aggregate: object = None
        if known_at is not None:
            # An aggregate's versions are recorded in order, so the admitted events
            # are a prefix of its history.
            event: Any
            for event in self.events.get(aggregate_id):
                if event.timestamp > known_at:
                    break
                aggregate = event.mutate(aggregate)
            if aggregate is None:
                return None
        else:
            aggregate = self.replay(aggregate_id, kind in SNAPSHOT_EVERY, due)
            if aggregate is None:
                return None
        if isinstance(aggregate, kind):
            return aggregate
        raise TypeError(f"{aggregate_id} is a {type(aggregate).__name__}, not a {kind.__name__}")

    def replay(self, aggregate_id: UUID, snapshotted: bool, due: SnapshotsDue | None = None) -> Any:
        """The aggregate as all its stored events leave it: from its latest usable snapshot
        when it has one, then the events after it. (The library's repository checks every
        event against a runtime protocol, a third of a write's time in profiles.)

        When it replayed at least its kind's ``SNAPSHOT_EVERY`` events, the snapshot of
        what it replayed is appended to ``due`` (store/snapshot_rows.py): taken here, from
        the stored events just folded and before any command changes the aggregate."""
        aggregate: Any = None
        rows: list[StoredEvent] | None = None
        base = 0
        found = self._snapshot(aggregate_id) if snapshotted else None
        if found is not None:
            # the events from the snapshot's own version on, in one read: the first must
            # be the event the snapshot was taken after, or the snapshot is ignored (a row
            # forged ahead of the log would make the next write skip versions)
            version, row = found
            base = version
            rows = self._stored_events(aggregate_id, version - 1)
            here = rows[0] if rows and rows[0].originator_version == version else None
            try:
                aggregate = snapshots.decode(
                    row.topic,
                    row.state,
                    aggregate_id,
                    version,
                    event_hash(here.state) if here else "",
                )
                rows = rows[1:]
            except snapshots.SnapshotUnusable:
                rows = None
        if rows is None:
            base, rows = 0, self._stored_events(aggregate_id, None)
        aggregate = self.fold(aggregate, rows)
        if due is not None:
            due.base = base
            if snapshotted and rows and self._note_snapshot(aggregate, rows[-1], len(rows), due):
                due.base = rows[-1].originator_version
        return aggregate

    def fold(self, aggregate: Any, rows: list[StoredEvent]) -> Any:
        """The aggregate (None: not yet created) with these stored events applied."""
        to_event = self.mapper.to_domain_event
        event: Any
        for stored in rows:
            event = to_event(stored)
            aggregate = event.mutate(aggregate)
        return aggregate

    def _note_snapshot(
        self, aggregate: Any, last: StoredEvent, replayed: int, due: SnapshotsDue
    ) -> bool:
        """Note the snapshot of a replayed aggregate when one is due; whether it was."""
        every = SNAPSHOT_EVERY.get(type(aggregate))
        if self.snapshot_recorder is None or every is None or replayed < every:
            return False
        try:
            topic, state = snapshots.encode(aggregate, event_hash(last.state))
        except snapshots.SnapshotUnusable:  # a state this code cannot snapshot: replayed
            return False
        due.rows.append(StoredEvent(aggregate.id, last.originator_version, topic, state))
        return True

    def snapshot_every(self, kind: type) -> int | None:
        """How many events of a kind come between its snapshots (None: it has none)."""
        return SNAPSHOT_EVERY.get(kind)

    def stored_after(self, aggregate_id: UUID, version: int) -> list[StoredEvent]:
        """An aggregate's stored events after a version (none when it is the latest)."""
        return self._stored_events(aggregate_id, version)

    def _stored_events(self, aggregate_id: UUID, after: int | None) -> list[StoredEvent]:
        """An aggregate's stored events after a version. On SQLite one statement on this
        thread's own connection (each is its own read transaction in WAL mode, as the
        library's are): the library's pool and explicit BEGIN and ROLLBACK around each
        load were two thirds of its cost, and a command loads a dozen aggregates."""
        if is_postgres(self.db):
            return list(self.recorder.select_events(aggregate_id, gt=after))
        conn: sqlite3.Connection | None = getattr(self._readers, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.db, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None)
            self._readers.conn = conn
        table = getattr(self.recorder, "events_table_name", "stored_events")
        rows = conn.execute(
            f"SELECT originator_version, topic, state FROM {table} "
            "WHERE originator_id = ? AND originator_version > ? ORDER BY originator_version",
            (aggregate_id.hex, after or 0),
        ).fetchall()
        return [StoredEvent(aggregate_id, version, topic, state) for version, topic, state in rows]

    def _snapshot(self, aggregate_id: UUID) -> tuple[int, StoredEvent] | None:
        """The aggregate's latest snapshot row and its version; None when it has none."""
        if self.snapshot_recorder is None:
            return None
        try:
            found = self.snapshot_recorder.select_events(aggregate_id, desc=True, limit=1)
        except PersistenceError:
            return None
        return (found[0].originator_version, found[0]) if found else None
