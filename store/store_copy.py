"""Copying a store with its history: ``finsam copy --from SRC --to DST``.

Every event is copied as stored (its log position, aggregate id and version, topic and
the bytes of its state), with its link of the hash chain (``finsam_chain``) and the
journal fingerprints (``finsam_imported``), so ``finsam audit verify`` passes on the copy
and a journal imported into the source imports nothing into the copy. SQLite and
PostgreSQL in either direction: positions are kept (PostgreSQL's may have gaps where a
transaction was rolled back; the copy keeps them, since each link's hash covers its
position), and PostgreSQL's position sequence continues after the last one copied.

The copy is one transaction on the target, all or nothing; the target must be empty.
The chain's anchors (store/anchor.py) are copied too: a keyed store's copy verifies
with the same key.
The source is read up to its last position when the copy starts (writers append in
position order under the events table's lock, so that is a consistent cut), a batch
at a time. The ledger view is derived: the caller rebuilds it on the target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

from finsam_es.errors import InvalidInput
from store.application import FinsamApp
from store.credentials import copy_credentials
from store.database import store_name
from store.documents import copy_documents
from store.imported import IMPORTED_TABLE, has_table

BATCH = 1000  # rows per statement

CHAIN_COLUMNS = "position, forbund, seq, recorded, stored, actor, prev, hash"
PG_EVENTS = (
    "INSERT INTO {table} (originator_id, originator_version, topic, state, notification_id) "
    "SELECT * FROM unnest(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[], %s::bigint[])"
)
PG_CHAIN = (
    "INSERT INTO finsam_chain SELECT * FROM unnest(%s::bigint[], %s::text[], %s::bigint[], "
    "%s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::text[])"
)
PG_IMPORTED = (
    "INSERT INTO finsam_imported SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[])"
)


# What a copy wrote into its target, in the copy's own transaction: how many events, the
# hash of the source's last link, and whether the copy is complete (its view rebuilt
# too, marked only at the very end). A re-run of a copy killed after its transaction
# committed finds it and finishes it instead of refusing a target that is "not empty".
COPY_TABLE = (
    "CREATE TABLE IF NOT EXISTS finsam_copy (events BIGINT NOT NULL, head TEXT NOT NULL, "
    "complete INTEGER NOT NULL)"
)


class _Side:
    """One store's database as the copy reads or writes it."""

    def __init__(self, app: FinsamApp):
        self.app = app
        self.datastore: Any = getattr(app.factory, "datastore", None)
        recorder: Any = app.recorder
        self.events = str(recorder.events_table_name)
        self.postgres = "postgres" in type(self.datastore).__module__
        self.mark = "%s" if self.postgres else "?"
        self.position = "notification_id" if self.postgres else "rowid"


def _rows(cursor: Any) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in cursor.fetchall()]


def _batches(
    side: _Side, columns: str, table: str, position: str, last: int
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of a table (``columns`` start with its ``position``) up to ``last``, in
    order, a batch at a time."""
    after, m = 0, side.mark
    while True:
        with side.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT {columns} FROM {table} WHERE {position} > {m} AND {position} <= {m} "
                f"ORDER BY {position} LIMIT {m}",
                (after, last, BATCH),
            )
            rows = _rows(c)
        if not rows:
            return
        yield rows
        after = int(rows[-1][0])


def _imported_batches(side: _Side, last: int) -> Iterator[list[tuple[Any, ...]]]:
    """The journal fingerprints up to ``last``, a batch at a time. An import's prints
    share its position, so the batches go by (position, förbund, fingerprint): paging by
    position alone dropped every print past the first batch of a large import."""
    after: tuple[Any, ...] = (0, "", "")
    m = side.mark
    while True:
        with side.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT position, forbund, fingerprint FROM finsam_imported WHERE "
                f"(position > {m} OR (position = {m} AND (forbund > {m} OR (forbund = {m} "
                f"AND fingerprint > {m})))) AND position <= {m} "
                f"ORDER BY position, forbund, fingerprint LIMIT {m}",
                (after[0], after[0], after[1], after[1], after[2], last, BATCH),
            )
            rows = _rows(c)
        if not rows:
            return
        yield rows
        after = tuple(rows[-1])


def _count(c: Any, side: _Side) -> int:
    c.execute(f"SELECT COUNT(*) FROM {side.events}")
    events = int(_rows(c)[0][0])
    c.execute("SELECT COUNT(*) FROM finsam_chain")
    return max(events, int(_rows(c)[0][0]))


def holds(app: FinsamApp) -> int:
    """How many events a store holds (0: empty)."""
    side = _Side(app)
    with side.datastore.transaction(commit=False) as c:
        return _count(c, side)


def copy_store(
    source: FinsamApp, target: FinsamApp, progress: Callable[[int], object] | None = None
) -> int:
    """Copy the source's events, chain and journal fingerprints into the empty target in
    one transaction; returns the number of events copied. ``progress(n)`` is told of
    every batch of n events."""
    src, dst = _Side(source), _Side(target)
    if found := holds(target):
        raise InvalidInput(
            f"the store at {store_name(target.db)} is not empty ({found} events): "
            "copy into a new file or an empty database"
        )
    last = source.event_count()
    with src.datastore.transaction(commit=False) as c:
        imported = has_table(c, src.postgres)
    with dst.datastore.transaction(commit=True) as c:
        if dst.postgres:
            c.execute(f"LOCK TABLE {dst.events} IN EXCLUSIVE MODE")
        if _count(c, dst):  # another writer came first
            raise InvalidInput(f"the store at {store_name(target.db)} is not empty")
        copied = 0
        columns = f"{src.position}, originator_id, originator_version, topic, state"
        for rows in _batches(src, columns, src.events, src.position, last):
            _insert_events(c, dst, rows)
            copied += len(rows)
            if progress:
                progress(len(rows))
        for rows in _batches(src, CHAIN_COLUMNS, "finsam_chain", "position", last):
            _insert(c, dst, "finsam_chain", PG_CHAIN, rows)
        if imported:
            c.execute(IMPORTED_TABLE)
            for rows in _imported_batches(src, last):
                moved = [(r[1], r[2], r[0]) for r in rows]
                _insert(c, dst, "finsam_imported", PG_IMPORTED, moved)
        copy_documents(src.datastore, src.postgres, c, dst.postgres)  # the diarium's files
        copy_credentials(src.datastore, src.postgres, c, dst.postgres)  # password hashes
        # the anchors (store/anchor.py) keep their positions, so their HMACs still hold
        columns = "position, forbund, hash, prints, digest, mac"
        for rows in _batches(src, columns, "finsam_anchor", "position", last):
            c.executemany(
                f"INSERT INTO finsam_anchor VALUES ({', '.join([dst.mark] * 6)})",
                [(r[1], r[0], r[2], r[3], r[4], r[5]) for r in rows],
            )
        c.execute(COPY_TABLE)
        c.execute(
            f"INSERT INTO finsam_copy VALUES ({dst.mark}, {dst.mark}, 0)",
            (copied, _head(src, last)),
        )
        if dst.postgres and last:
            c.execute(
                f"SELECT setval(pg_get_serial_sequence('{dst.events}', 'notification_id'), %s)",
                (last,),
            )
    return copied


def _head(side: _Side, last: int) -> str:
    """The hash of a store's last link up to a position ("" when it has none)."""
    with side.datastore.transaction(commit=False) as c:
        c.execute(
            f"SELECT hash FROM finsam_chain WHERE position <= {side.mark} "
            "ORDER BY position DESC LIMIT 1",
            (last,),
        )
        rows = _rows(c)
    return str(rows[0][0]) if rows else ""


def copied_before(source: FinsamApp, target: FinsamApp) -> tuple[int, bool] | None:
    """When the target holds a copy of the source made by `finsam copy` (the events it
    counted, the source's head then still in the source's chain, the target's chain
    ending there too): how many events and whether it was marked complete; else None."""
    src, dst = _Side(source), _Side(target)
    with dst.datastore.transaction(commit=False) as c:
        if dst.postgres:
            c.execute("SELECT to_regclass('finsam_copy') IS NOT NULL")
        else:
            c.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'finsam_copy'")
        if not _rows(c)[0][0]:
            return None
        c.execute("SELECT events, head, complete FROM finsam_copy")
        rows = _rows(c)
        held = _count(c, dst)
    if len(rows) != 1 or int(rows[0][0]) != held:
        return None
    events, head, complete = int(rows[0][0]), str(rows[0][1]), bool(rows[0][2])
    # the target's chain ends at that head, and so does the source's still (a source
    # written to since is not what the target copied: it is refused as not empty)
    if _head(dst, target.event_count()) != head or _head(src, source.event_count()) != head:
        return None
    return events, complete


def mark_complete(target: FinsamApp) -> None:
    """The copy is complete: its view is rebuilt (the last step of `finsam copy`)."""
    dst = _Side(target)
    with dst.datastore.transaction(commit=True) as c:
        c.execute("UPDATE finsam_copy SET complete = 1")


def _insert_events(c: Any, dst: _Side, rows: list[tuple[Any, ...]]) -> None:
    ids = [UUID(str(r[1])) for r in rows]
    if dst.postgres:
        columns = [ids, [int(r[2]) for r in rows], [str(r[3]) for r in rows],
                   [bytes(r[4]) for r in rows], [int(r[0]) for r in rows]]  # fmt: skip
        c.execute(PG_EVENTS.format(table=dst.events), columns)
    else:
        c.executemany(
            f"INSERT INTO {dst.events} (rowid, originator_id, originator_version, topic, state) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (int(r[0]), i.hex, int(r[2]), str(r[3]), bytes(r[4]))
                for r, i in zip(rows, ids, strict=True)
            ],
        )


def _insert(c: Any, dst: _Side, table: str, pg: str, rows: list[tuple[Any, ...]]) -> None:
    if dst.postgres:
        c.execute(pg, [list(column) for column in zip(*rows, strict=True)])
    else:
        c.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
