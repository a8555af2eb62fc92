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
from typing import Any
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

from finsam_es.errors import FinsamError, InvalidInput
from store.aggregate_cache import AggregateCache
from store.anchor import Anchor, anchor_heads, chain_key, read_anchors, recount_prints
from store.chain import seal
from store.database import is_postgres, probe_postgres, store_env, store_name
from store.durability import SETTING, apply_synchronous
from store.forbund_log import forbund_notifications
from store.imported import IMPORTED_TABLE, Imported, already_imported, has_table, imported_rows
from store.loading import Loading
from store.mapper import resolve_event_topic
from store.topics import register_moved_topics
from store.view_file import copy_view, view_path

DEFAULT_DB = "finsam.db"


def utc_now() -> datetime:
    return datetime.now(UTC)


class FinsamApp(Loading, Application[UUID]):
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
        # the aggregates this process saved last, for the next save (aggregate_cache.py)
        self.aggregates = AggregateCache()

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
