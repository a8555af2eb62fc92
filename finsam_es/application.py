"""The store: an eventsourcing Application on SQLite (default) or PostgreSQL.

``FinsamApp(db)`` opens the store: a file path means SQLite, a
``postgresql://user:password@host:port/dbname`` URL means PostgreSQL. The
application owns the clock used to stamp recorded times, so tests can pass one.
``UnitOfWork`` collects the aggregates a command touches and saves their events
in one transaction (all or nothing).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import unquote, urlparse
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import EventSourcingError
from eventsourcing.persistence import (
    AggregateRecorder,
    IntegrityError,
    PersistenceError,
    StoredEvent,
)

from finsam_es import snapshots
from finsam_es.base import FinsamAggregate
from finsam_es.chain import seal
from finsam_es.errors import FinsamError, InvalidInput
from finsam_es.forbund import Forbund
from finsam_es.imported import IMPORTED_TABLE, Imported, already_imported, imported_rows
from finsam_es.mapper import resolve_event_topic
from finsam_es.registry import Registry
from finsam_es.topics import register_moved_topics

AggregateT = TypeVar("AggregateT", bound=FinsamAggregate)

DEFAULT_DB = "finsam.db"
LOCK_TIMEOUT_SECONDS = 30

# Long-lived aggregates get a snapshot every so many versions (finsam_es/snapshots.py):
# a förbund gains about ten events a year (a load replays at most 19 after its
# snapshot), the registry one per förbund in the store.
SNAPSHOT_EVERY: dict[type[FinsamAggregate], int] = {Forbund: 20, Registry: 50}


def is_postgres(db: str) -> bool:
    return db.startswith(("postgres://", "postgresql://"))


def store_name(db: str) -> str:
    """The store as errors name it: a file path, or host:port/dbname (never a password)."""
    if not is_postgres(db):
        return db
    try:
        url = urlparse(db)
        port = url.port or 5432
    except ValueError:
        return "the PostgreSQL URL given"
    return f"{url.hostname or 'localhost'}:{port}/{url.path.strip('/')}"


def postgres_password(given: str) -> str:
    """The URL's password, else FINSAM_DB_PASSWORD, else PGPASSWORD; empty leaves it to
    libpq's password file (~/.pgpass or PGPASSFILE), as PostgreSQL users expect."""
    return given or os.environ.get("FINSAM_DB_PASSWORD") or os.environ.get("PGPASSWORD") or ""


def store_env(db: str) -> dict[str, str]:
    """The library's environment for a database path or URL."""
    env = {"MAPPER_TOPIC": "finsam_es.mapper:MsgspecMapper", "CREATE_TABLE": "y"}
    recorder = "finsam_es.chain:ChainedSQLiteRecorder"
    if is_postgres(db):
        url = urlparse(db)
        try:
            port = url.port or 5432
        except ValueError:
            raise InvalidInput(
                "the PostgreSQL URL has no valid port (a number from 1 to 65535)"
            ) from None
        if not url.path.strip("/"):
            raise InvalidInput(
                f"the PostgreSQL URL for {url.hostname or 'localhost'}:{port} names no "
                "database (postgresql://user@host:port/dbname)"
            )
        env.update(
            PERSISTENCE_MODULE="eventsourcing.postgres",
            POSTGRES_DBNAME=url.path.strip("/"),
            POSTGRES_HOST=url.hostname or "localhost",
            POSTGRES_PORT=str(port),
            POSTGRES_USER=unquote(url.username or ""),
            POSTGRES_PASSWORD=postgres_password(unquote(url.password or "")),
            POSTGRES_CONNECT_TIMEOUT="5",
            # A writer waits at most this long for another's lock on the events table.
            POSTGRES_LOCK_TIMEOUT=str(LOCK_TIMEOUT_SECONDS),
        )
        recorder = "finsam_es.chain_postgres:ChainedPostgresRecorder"
    else:
        if db == ":memory:" or db.startswith("file:") or "mode=memory" in db:
            raise InvalidInput(
                f"'{db}' is a memory store: it keeps nothing after the command (give a file path)"
            )
        env.update(PERSISTENCE_MODULE="eventsourcing.sqlite", SQLITE_DBNAME=db)
    # Every event's link in the hash chain (and its actor) is written by the recorder
    # in the event's own transaction: finsam_es/chain.py.
    env["APPLICATION_RECORDER_TOPIC"] = recorder
    return env


def probe_postgres(env: dict[str, str]) -> None:
    """Connect once, so a wrong password, an unknown database or a closed port is one
    line within the connect timeout (the library's pool would wait 30 s and say only
    that it got no connection). The message names host, port and database, never the
    password."""
    where = f"{env['POSTGRES_HOST']}:{env['POSTGRES_PORT']}/{env['POSTGRES_DBNAME']}"
    try:
        import psycopg
    except ImportError:
        raise FinsamError(
            f"cannot open the store at {where}: PostgreSQL needs the postgres extra "
            "(pip install -e '.[postgres]')"
        ) from None
    password = env["POSTGRES_PASSWORD"]
    try:
        with psycopg.connect(
            host=env["POSTGRES_HOST"],
            port=int(env["POSTGRES_PORT"]),
            dbname=env["POSTGRES_DBNAME"],
            user=env["POSTGRES_USER"] or None,
            password=password or None,
            connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"]),
        ) as conn:
            row = conn.execute(
                "SELECT to_regclass('finsam_events') IS NOT NULL "
                "AND to_regclass('finsam_chain') IS NOT NULL, "
                "has_schema_privilege(current_schema(), 'CREATE'), "
                "to_regclass('finsam_snapshots') IS NOT NULL"
            ).fetchone()
    except psycopg.Error as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        reason = first.rsplit(" failed: ", 1)[-1].removeprefix("connection failed: ").strip()
        if password:
            reason = reason.replace(password, "***")
        raise FinsamError(f"cannot connect to PostgreSQL at {where}: {reason}") from None
    if row and row[0]:
        # The store's tables exist: do not create them again. The library's statements
        # replace its insert function each time, and several processes opening one store
        # at once then fail with "tuple concurrently updated"; and a read-only role (an
        # auditor's, see README) may not create anything.
        env["CREATE_TABLE"] = "n"
        if not row[2] and row[1]:
            # A store from before snapshots: its snapshot table is made on opening.
            env["FINSAM_CREATE_SNAPSHOTS"] = "y"


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
            aggregate = self._replay(aggregate_id, kind in SNAPSHOT_EVERY)
            if aggregate is None:
                return None
        if isinstance(aggregate, kind):
            return aggregate
        raise TypeError(f"{aggregate_id} is a {type(aggregate).__name__}, not a {kind.__name__}")

    def _replay(self, aggregate_id: UUID, snapshotted: bool) -> Any:
        """The aggregate as all its stored events leave it: from its latest usable snapshot
        when it has one, then the events after it. (The library's repository checks every
        event against a runtime protocol, a third of a write's time in profiles.)"""
        aggregate: Any = self._snapshot(aggregate_id) if snapshotted else None
        after = aggregate.version if aggregate is not None else None
        to_event = self.mapper.to_domain_event
        event: Any
        for stored in self._stored_events(aggregate_id, after):
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

    def _snapshot(self, aggregate_id: UUID) -> FinsamAggregate | None:
        """The aggregate from its latest snapshot; None when it has none this code can use."""
        if self.snapshot_recorder is None:
            return None
        try:
            found = self.snapshot_recorder.select_events(aggregate_id, desc=True, limit=1)
            if not found:
                return None
            row = found[0]
            return snapshots.decode(row.topic, row.state, aggregate_id, row.originator_version)
        except (snapshots.SnapshotUnusable, PersistenceError):
            return None

    def take_snapshots(self, saved: list[tuple[FinsamAggregate, int]]) -> None:
        """Snapshot each saved aggregate (with its version before the save) whose versions
        passed a multiple of its kind's interval, as its stored events leave it."""
        if self.snapshot_recorder is None:
            return
        for aggregate, before in saved:
            every = SNAPSHOT_EVERY.get(type(aggregate))
            if every is None or aggregate.version // every == before // every:
                continue
            # After the commit: a snapshot that cannot be taken (another writer took it, a
            # state we cannot snapshot, a busy store) is left out, never the command's error.
            try:
                stored = self._replay(aggregate.id, snapshotted=True)
                topic, state = snapshots.encode(stored)
                row = StoredEvent(aggregate.id, stored.version, topic, state)
                self.snapshot_recorder.insert_events([row])
            except (snapshots.SnapshotUnusable, PersistenceError, sqlite3.Error):
                continue

    def snapshot_problems(self) -> list[str]:
        """Every snapshot this code would load that is not what its aggregate's events
        give at its version (the snapshot table edited behind finsam's back); for
        ``finsam audit verify``. Snapshots other code wrote are ignored by loads, and here."""
        if self.snapshot_recorder is None:
            return []
        datastore: Any = getattr(self.factory, "datastore", None)
        table = getattr(self.snapshot_recorder, "events_table_name", "")
        try:
            with datastore.transaction(commit=False) as c:
                c.execute(f"SELECT DISTINCT originator_id FROM {table}")
                ids = [
                    next(iter(r.values())) if isinstance(r, dict) else r[0] for r in c.fetchall()
                ]
        except PersistenceError:  # pragma: no cover - a role that may not read the table
            return []
        problems = []
        for found in sorted(str(i) for i in ids):
            aggregate_id = UUID(found)
            for row in self.snapshot_recorder.select_events(aggregate_id):
                try:
                    state = snapshots.decode(
                        row.topic, row.state, aggregate_id, row.originator_version
                    )
                except snapshots.SnapshotUnusable:
                    continue
                replayed: Any = None
                event: Any
                for event in self.events.get(aggregate_id, lte=row.originator_version):
                    replayed = event.mutate(replayed)
                if replayed is None or vars(replayed) != vars(state):
                    name = f"{type(state).__name__} {state.forbund or aggregate_id}".strip()
                    problems.append(
                        f"the snapshot of {name} at version {row.originator_version} is not "
                        "what its events give: the snapshot table was edited (it is a cache: "
                        f"delete its rows from {table} and finsam takes them again)"
                    )
        return problems

    def seal_chain(self) -> int:
        """Chain the events an older finsam stored (the first write does it too); returns
        how many were chained (0 when the chain already covers the store)."""
        datastore: Any = getattr(self.factory, "datastore", None)
        recorder: Any = self.recorder
        postgres = "postgres" in type(datastore).__module__
        with datastore.transaction(commit=True) as c:
            if postgres:
                c.execute(f"LOCK TABLE {recorder.events_table_name} IN EXCLUSIVE MODE")
                return seal(c, recorder.events_table_name, "notification_id", None, "%s")
            return seal(c, recorder.events_table_name, "rowid", None)

    def backup(self, target: str) -> int:
        """A consistent copy of this SQLite store at ``target`` (a new file, readable by its
        owner only), taken with SQLite's online backup while others may write; returns the
        number of events the copy holds."""
        if is_postgres(self.db):
            raise InvalidInput(
                "finsam backup copies a SQLite store; for PostgreSQL use pg_dump "
                "(or finsam copy into a SQLite file)"
            )
        if is_postgres(target) or os.path.exists(target):
            raise InvalidInput(f"{target} already exists or is no file: name a new file")
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            with sqlite3.connect(self.db) as source, sqlite3.connect(target) as copy:
                source.backup(copy)
            with sqlite3.connect(target) as copy:
                row = copy.execute("SELECT COUNT(*) FROM stored_events").fetchone()
        except (OSError, sqlite3.Error) as e:
            with contextlib.suppress(OSError):
                os.remove(target)
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
        (the side table of finsam_es/imported.py; a store written before also has them in
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

    def forbund_events(self, forbund: str, kinds: tuple[type, ...]) -> list[tuple[int, Any]]:
        """The stored events of one förbund that are instances of ``kinds``, in log order,
        with their positions. The hash chain's rows name each event's förbund (indexed by
        förbund), so only that förbund's rows are read, and only those of the kinds asked
        are decoded: a rule of one förbund costs that förbund's history, never the log's."""
        datastore: Any = getattr(self.factory, "datastore", None)
        recorder: Any = self.recorder
        postgres = "postgres" in type(datastore).__module__
        mark, position = ("%s", "notification_id") if postgres else ("?", "rowid")
        with datastore.transaction(commit=False) as c:
            c.execute("SELECT position FROM finsam_chain LIMIT 1")
            chained = c.fetchone() is not None
        if not chained and self.event_count():
            self.seal_chain()  # a store an older finsam wrote: its next write chains it too
        with datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT e.{position}, e.originator_id, e.originator_version, e.topic, e.state "
                f"FROM finsam_chain AS l JOIN {recorder.events_table_name} AS e "
                f"ON e.{position} = l.position WHERE l.forbund = {mark} ORDER BY l.position",
                (forbund,),
            )
            rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]
        wanted: dict[str, bool] = {}  # per topic: an event of the kinds asked
        found = []
        for at, originator, version, topic, state in rows:
            if topic not in wanted:
                wanted[topic] = issubclass(resolve_event_topic(topic), kinds)
            if wanted[topic]:
                stored = StoredEvent(UUID(str(originator)), int(version), topic, bytes(state))
                found.append((int(at), self.mapper.to_domain_event(stored)))
        return found

    def event_count(self) -> int:
        return self.recorder.max_notification_id() or 0

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


class UnitOfWork:
    """Aggregates loaded or created by one command (or one journal), saved together."""

    def __init__(self, app: FinsamApp):
        self.app = app
        self.at = app.clock()  # the recorded time handlers stamp events with
        self.stored_at = self.at  # the store's own time (``at`` may claim an earlier one)
        self.loaded: dict[UUID, FinsamAggregate | None] = {}
        self.receipts: list[str] = []  # what the command made, for its receipt
        # More for the recorder to write in the save's transaction, as keywords of
        # app.save (a journal's fingerprints: imported=Imported(...), finsam_es/imported.py).
        self.side: dict[str, Any] = {}

    def get(self, kind: type[AggregateT], aggregate_id: UUID) -> AggregateT | None:
        """The aggregate of this class and id (loaded once per unit of work), or None."""
        aggregate = self.loaded.get(aggregate_id, self)  # one lookup: hashing a UUID is slow
        if aggregate is self:
            aggregate = self.loaded[aggregate_id] = self.app.load(kind, aggregate_id)
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

    def commit(self) -> int:
        touched = [a for a in self.loaded.values() if a is not None and a.pending_events]
        count = sum(len(a.pending_events) for a in touched)
        if touched:
            before = [(a, a.version - len(a.pending_events)) for a in touched]
            # The recorder directly, as the library's save does (map, insert, in one
            # transaction) without its runtime protocol checks on every aggregate and
            # the receipts nothing here reads: both were a sixth of a commit's time.
            events = [e for a in touched for e in a.collect_events()]
            stored = [self.app.mapper.to_stored_event(e) for e in events]
            try:
                self.app.recorder.insert_events(
                    stored, actor=self.app.actor, stored_at=self.stored_at, **self.side
                )
            except IntegrityError:
                raise FinsamError(
                    "the store changed while this command ran; run it again"
                ) from None
            self.app.take_snapshots(before)
        return count
