"""The store: an eventsourcing Application on SQLite (default) or PostgreSQL.

``FinsamApp(db)`` opens the store: a file path means SQLite, a
``postgresql://user:password@host:port/dbname`` URL means PostgreSQL. The
application owns the clock used to stamp recorded times, so tests can pass one.
The unit of work that saves a command's events is in store/unit_of_work.py.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import EventSourcingError
from eventsourcing.persistence import (
    AggregateRecorder,
    InfrastructureFactory,
    PersistenceError,
    StoredEvent,
)
from eventsourcing.utils import Environment

from finsam_es.base import FinsamAggregate
from finsam_es.errors import FinsamError, InvalidInput
from finsam_es.forbund import Forbund
from finsam_es.registry import Registry
from store import snapshots
from store.anchor import Anchor, anchor_heads, chain_key, read_anchors, recount_prints
from store.chain import seal
from store.database import LOCK_TIMEOUT_SECONDS, is_postgres, probe_postgres, store_env, store_name
from store.durability import SETTING, apply_synchronous
from store.forbund_log import forbund_notifications
from store.imported import IMPORTED_TABLE, Imported, already_imported, has_table, imported_rows
from store.mapper import resolve_event_topic
from store.snapshots import event_hash
from store.topics import register_moved_topics
from store.view_file import copy_view, view_path

AggregateT = TypeVar("AggregateT", bound=FinsamAggregate)

DEFAULT_DB = "finsam.db"

# Long-lived aggregates get a snapshot every so many versions (store/snapshots.py):
# a förbund gains about ten events a year (a load replays at most 19 after its
# snapshot), the registry one per förbund in the store.
SNAPSHOT_EVERY: dict[type[FinsamAggregate], int] = {Forbund: 20, Registry: 50}


def utc_now() -> datetime:
    return datetime.now(UTC)


class FinsamApp(Application[UUID]):
    """The event store of finsam: aggregates, repository and notification log."""

    name = "finsam"
    is_snapshotting_enabled = False

    def __init__(
        self,
        db: str = DEFAULT_DB,
        clock: Callable[[], datetime] | None = None,
        actor: str = "",
    ):
        self.db = db
        self.clock = clock or utc_now
        self.actor = actor  # who records: passed in by the CLI, stored in the hash chain
        register_moved_topics()
        env = store_env(db)
        if is_postgres(db):
            probe_postgres(env)
        elif not os.path.exists(db):
            # A new store holds the board's affairs: readable by its owner only (SQLite
            # gives its -wal and -shm files the same mode).
            try:
                os.close(os.open(db, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as e:
                raise FinsamError(f"cannot open the store at {db}: {e.strerror}") from None
        try:
            super().__init__(env=env)
        except (EventSourcingError, OSError, sqlite3.Error) as e:
            where = store_name(db)  # never print a password
            if "concurrently" in str(e) or "locked" in str(e):
                raise FinsamError(
                    f"the store at {where} is busy (another command is writing); run it again"
                ) from None
            hint = ""
            if "psycopg" in str(e.__cause__ or e) or "psycopg" in repr(e.__cause__):
                hint = " (install the postgres extra: pip install -e '.[postgres]')"
            raise FinsamError(f"cannot open the store at {where}: {e}{hint}") from None
        self.snapshot_recorder = self._open_snapshots(env)
        self._readers = threading.local()  # SQLite: each thread's connection for loads

    def construct_factory(self, env: Environment) -> InfrastructureFactory:
        """The library's factory, with the operator's durability on every SQLite
        connection it opens (store/durability.py)."""
        factory = super().construct_factory(env)
        level = env.get(SETTING)
        if level:
            apply_synchronous(getattr(factory, "datastore", None), level)
        return factory

    def _open_snapshots(self, env: dict[str, str]) -> AggregateRecorder | None:
        """The table of snapshots (a cache beside the log), or None when this role cannot
        make a missing one (then every load replays the events, as before snapshots)."""
        try:
            recorder: Any = self.factory.aggregate_recorder(purpose="snapshots")
            if env.get("FINSAM_CREATE_SNAPSHOTS") == "y":
                recorder.create_table()  # the SQL recorders' (not in the base class)
        except PersistenceError:  # pragma: no cover - a role that may not create tables
            return None
        return recorder

    def load(
        self, kind: type[AggregateT], aggregate_id: UUID, known_at: datetime | None = None
    ) -> AggregateT | None:
        """The aggregate of this class stored under the id, or None when nothing is;
        with ``known_at``, as its events recorded by then leave it (None if none were).

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
            aggregate = self.replay(aggregate_id, kind in SNAPSHOT_EVERY)
            if aggregate is None:
                return None
        if isinstance(aggregate, kind):
            return aggregate
        raise TypeError(f"{aggregate_id} is a {type(aggregate).__name__}, not a {kind.__name__}")

    def replay(self, aggregate_id: UUID, snapshotted: bool) -> Any:
        """The aggregate as all its stored events leave it: from its latest usable snapshot
        when it has one, then the events after it. (The library's repository checks every
        event against a runtime protocol, a third of a write's time in profiles.)"""
        aggregate: Any = None
        rows: list[StoredEvent] | None = None
        found = self._snapshot(aggregate_id) if snapshotted else None
        if found is not None:
            # the events from the snapshot's own version on, in one read: the first must
            # be the event the snapshot was taken after, or the snapshot is ignored (a row
            # forged ahead of the log would make the next write skip versions)
            version, row = found
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
        to_event = self.mapper.to_domain_event
        event: Any
        if rows is None:
            rows = self._stored_events(aggregate_id, None)
        for stored in rows:
            event = to_event(stored)
            aggregate = event.mutate(aggregate)
        return aggregate

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

    def seal_chain(self) -> int:
        """Chain the events an older finsam stored (the first write does it too); returns
        how many were chained (0 when the chain already covers the store)."""
        datastore: Any = getattr(self.factory, "datastore", None)
        recorder: Any = self.recorder
        postgres = "postgres" in type(datastore).__module__
        key = chain_key()
        with datastore.transaction(commit=True) as c:
            if postgres:
                c.execute(f"LOCK TABLE {recorder.events_table_name} IN EXCLUSIVE MODE")
                count = seal(c, recorder.events_table_name, "notification_id", None, "%s")
            else:
                count = seal(c, recorder.events_table_name, "rowid", None)
            if key is not None:  # the operator vouches for the heads as they stand
                anchor_heads(c, key, has_table(c, postgres), "%s" if postgres else "?")
            return count

    def fingerprints(self) -> list[tuple[str, str, int]]:
        """Every journal fingerprint row (förbund, fingerprint, position) the store holds."""
        datastore: Any = getattr(self.factory, "datastore", None)
        postgres = "postgres" in type(datastore).__module__
        with datastore.transaction(commit=False) as c:
            if not has_table(c, postgres):
                return []
            c.execute("SELECT forbund, fingerprint, position FROM finsam_imported")
            rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]
        return [(str(f), str(p), int(n)) for f, p, n in rows]

    def anchors(self) -> list[Anchor]:
        """Each förbund's anchored head (store/anchor.py); none in a store never
        written with the chain key."""
        datastore: Any = getattr(self.factory, "datastore", None)
        with datastore.transaction(commit=False) as c:
            return read_anchors(c)

    def backup(self, target: str) -> int:
        """A consistent copy of this SQLite store at ``target`` (a new file, readable by its
        owner only), taken with SQLite's online backup while others may write; returns the
        number of events the copy holds. The view's file is copied first, beside the copy
        (store/view_file.py): at or behind the copied log, it catches up on first use."""
        if is_postgres(self.db):
            raise InvalidInput(
                "finsam backup copies a SQLite store; for PostgreSQL use pg_dump "
                "(or finsam copy into a SQLite file)"
            )
        if is_postgres(target) or os.path.exists(target):
            raise InvalidInput(f"{target} already exists or is no file: name a new file")
        made = [target] if os.path.exists(view_path(target)) else [target, view_path(target)]
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            copy_view(self.db, target)
            with sqlite3.connect(self.db) as source, sqlite3.connect(target) as copy:
                source.backup(copy)
            with sqlite3.connect(target) as copy:
                row = copy.execute("SELECT COUNT(*) FROM stored_events").fetchone()
        except (OSError, sqlite3.Error) as e:
            for path in made:
                with contextlib.suppress(OSError):
                    os.remove(path)
            raise FinsamError(f"cannot back up to {target}: {e}") from None
        return int(row[0])

    def last_recorded(self, forbund: str) -> datetime | None:
        """The latest recorded time of the förbund's events in the hash chain; None if none."""
        datastore: Any = getattr(self.factory, "datastore", None)
        mark = "%s" if "postgres" in type(datastore).__module__ else "?"
        with datastore.transaction(commit=False) as c:
            c.execute(f"SELECT MAX(recorded) FROM finsam_chain WHERE forbund = {mark}", (forbund,))
            row = c.fetchone()
        value = (tuple(row.values()) if isinstance(row, dict) else tuple(row))[0] if row else None
        return datetime.fromtimestamp(int(value) / 1_000_000, UTC) if value is not None else None

    def already_imported(self, forbund: str, prints: list[str]) -> set[str]:
        """Which of a journal's fingerprints the store records as imported for the förbund
        (the side table of store/imported.py; a store written before also has them in
        its förbund's events)."""
        datastore: Any = getattr(self.factory, "datastore", None)
        postgres = "postgres" in type(datastore).__module__
        with datastore.transaction(commit=False) as c:
            return already_imported(c, postgres, forbund, prints)

    def record_imported(self, imported: Imported) -> None:
        """Record fingerprints of entries whose commands stored no event (the import's
        events, when it has any, carry them: ``UnitOfWork.side``)."""
        datastore: Any = getattr(self.factory, "datastore", None)
        recorder: Any = self.recorder
        postgres = "postgres" in type(datastore).__module__
        mark = "%s" if postgres else "?"
        rows = imported_rows({"imported": imported}, [self.event_count()])
        with datastore.transaction(commit=True) as c:
            if postgres:
                c.execute(f"LOCK TABLE {recorder.events_table_name} IN EXCLUSIVE MODE")
            c.execute(IMPORTED_TABLE)
            for row in rows:
                c.execute(
                    f"INSERT INTO finsam_imported VALUES ({mark}, {mark}, {mark}) "
                    "ON CONFLICT DO NOTHING",
                    row,
                )
            recount_prints(c, imported.forbund, mark)  # the anchor covers them (anchor.py)

    def forbund_events(
        self, forbund: str, kinds: tuple[type, ...], seal: bool = True
    ) -> list[tuple[int, Any]]:
        """The stored events of one förbund that are instances of ``kinds``, in log order,
        with their positions. The hash chain's rows name each event's förbund (indexed by
        förbund), so only that förbund's rows are read, and only those of the kinds asked
        are decoded: a rule of one förbund costs that förbund's history, never the log's.

        A store an older finsam wrote has no chain to find them by: with ``seal`` it is
        chained first (as its next write would); without (a query, which records nothing)
        the log is read whole once and the förbund's events kept."""
        stored = forbund_notifications(self, forbund)
        if stored is None:
            if not seal:
                return [
                    (at, event)
                    for at, event in self.read()
                    if getattr(event, "forbund", "") == forbund and isinstance(event, kinds)
                ]
            self.seal_chain()
            stored = forbund_notifications(self, forbund) or []
        wanted: dict[str, bool] = {}  # per topic: an event of the kinds asked
        found = []
        for n in stored:
            if n.topic not in wanted:
                wanted[n.topic] = issubclass(resolve_event_topic(n.topic), kinds)
            if wanted[n.topic]:
                found.append((n.id, self.mapper.to_domain_event(n)))
        return found

    def position_of(self, aggregate_id: UUID, version: int) -> int | None:
        """The log position of one version of an aggregate (by the events table's own key),
        None when it is not stored: finding one event never reads the log."""
        datastore: Any = getattr(self.factory, "datastore", None)
        recorder: Any = self.recorder
        postgres = "postgres" in type(datastore).__module__
        mark, position = ("%s", "notification_id") if postgres else ("?", "rowid")
        key: Any = aggregate_id if postgres else aggregate_id.hex
        with datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT {position} FROM {recorder.events_table_name} "
                f"WHERE originator_id = {mark} AND originator_version = {mark}",
                (key, version),
            )
            row = c.fetchone()
        if row is None:
            return None
        return int((tuple(row.values()) if isinstance(row, dict) else tuple(row))[0])

    def event_count(self) -> int:
        return self.recorder.max_notification_id() or 0

    def stored_event(self, aggregate_id: UUID, version: int) -> StoredEvent | None:
        """An aggregate's stored event at a version; None when the log holds none there."""
        found = self.recorder.select_events(aggregate_id, gt=version - 1, lte=version)
        return found[0] if found else None

    def stored_version(self, aggregate_id: UUID) -> int:
        """The version of an aggregate's last stored event (0: none)."""
        found = self.recorder.select_events(aggregate_id, desc=True, limit=1)
        return found[0].originator_version if found else 0

    def recorded_at(self, position: int) -> datetime | None:
        """When the event at a log position was recorded; None when there is none."""
        found = self.recorder.select_notifications(start=position, limit=1)
        if not found or found[0].id != position:
            return None
        event: Any = self.mapper.to_domain_event(found[0])
        stamp: datetime = event.timestamp
        return stamp

    def read(self, start: int = 1, batch: int = 2000) -> Iterator[tuple[int, Any]]:
        """Every stored event in recorded order, with its position in the log."""
        position = start
        while True:
            notifications = self.recorder.select_notifications(start=position, limit=batch)
            if not notifications:
                return
            for n in notifications:
                yield n.id, self.mapper.to_domain_event(n)
            position = notifications[-1].id + 1
