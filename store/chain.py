"""The hash chain: who recorded each event, and a link that makes editing it evident.

Every stored event gets one row in ``finsam_chain``, written by the store's recorder in
the same transaction as the event itself: its log position, its förbund, its number in
that förbund's chain (``seq``), the recorded time the event carries (the one --known-at
uses: the store's, or the time a migrated journal entry claims it was first written),
the store's own time (``stored``), the actor who recorded it, the hash of the link
before it (stored empty since issue 25, and put back by the readers: ``fill_prev``) and
its own hash. A link's hash covers the previous hash and the
event exactly as stored (position, aggregate id and version, topic, the bytes of its
state), so changing one byte of an event, deleting one, swapping two or adding one
without its link breaks the chain at that event.

Why a side table and not fields in the events: an event's fields are its meaning and
are stored forever; the position is only known once the row is inserted; and old
events (written before the chain) keep their shape, their bytes and the journal
fingerprints unchanged. The recorder classes here are chosen with the library's
``APPLICATION_RECORDER_TOPIC`` (see ``store_env``); the PostgreSQL one is in
``store/chain_postgres.py`` so psycopg is only imported when it is used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from finsam_es.errors import FinsamError
from store.anchor import ANCHOR_TABLE, write_anchors
from store.credentials import write_credentials
from store.documents import write_documents
from store.imported import IMPORTED_TABLE, INSERT_IMPORTED, has_table, imported_rows
from store.snapshot_rows import write_snapshots

GENESIS = "0" * 64  # the "previous hash" of a chain's first link

CHAIN_TABLE = (
    "CREATE TABLE IF NOT EXISTS finsam_chain (position BIGINT PRIMARY KEY, forbund TEXT NOT NULL, "
    "seq BIGINT NOT NULL, recorded BIGINT NOT NULL, stored BIGINT NOT NULL, actor TEXT NOT NULL, "
    "prev TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (forbund, seq))"
)
# On SQLite the position is the table's own row key (a rowid alias), not a second index
# beside it: 15 bytes an event less (docs/performance.md). A store made before keeps its
# table as it is; both answer the same SQL.
SQLITE_CHAIN_TABLE = CHAIN_TABLE.replace(
    "position BIGINT PRIMARY KEY", "position INTEGER PRIMARY KEY"
)
INSERT_LINK = "INSERT INTO finsam_chain VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
# A link's ``prev`` is the hash of the link before it in its förbund's chain (GENESIS for
# the first): the reader has it already. Links written since issue 25 store it empty
# (64 of a link's 200 bytes) and ``fill_prev`` puts it back as they are read; the hash
# still covers it, so removing or moving an event breaks the next link as before. Links
# written earlier keep theirs, and are read as they are.
NO_PREV = ""
# Whether this store has ever kept a chain: an empty chain beside a non-empty log is then
# a deleted chain (refused), not a store an older finsam wrote (sealed on its first write).
CHAINED_TABLE = "CREATE TABLE IF NOT EXISTS finsam_chained (since BIGINT NOT NULL)"
SELECT_HEAD = "SELECT seq, hash FROM finsam_chain WHERE forbund = ? ORDER BY seq DESC LIMIT 1"


class Link(msgspec.Struct, frozen=True):
    """One row of the chain."""

    position: int
    forbund: str
    seq: int
    recorded: int  # the event's recorded time (claimed for migrated history), µs since the epoch
    stored: int  # when this store wrote it, µs since the epoch (its own clock)
    actor: str
    prev: str
    hash: str


class _Facts(msgspec.Struct):
    forbund: str = ""
    timestamp: str | None = None  # as stored; read once per distinct text (_recorded)


_facts = msgspec.json.Decoder(_Facts)
_encoder = msgspec.json.Encoder()
_recorded: dict[str, int] = {}  # a recorded time's text -> µs (a unit of work shares one)


def facts(state: bytes) -> tuple[str, int]:
    """The förbund and the recorded time (µs) of a stored event's state."""
    found = _facts.decode(state)
    if not found.timestamp:
        return found.forbund, 0
    recorded = _recorded.get(found.timestamp)
    if recorded is None:
        if len(_recorded) > 4096:
            _recorded.clear()
        recorded = micros(msgspec.convert(found.timestamp, datetime))
        _recorded[found.timestamp] = recorded
    return found.forbund, recorded


def micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


class EventFacts(msgspec.Struct, frozen=True):
    """What a link needs of each event being saved (its förbund, its recorded time in µs),
    in the events' order, as the unit of work has them from the domain events: reading
    them back out of each event's stored JSON (``facts``) was a twentieth of writing's
    time (issue 25). ``tests/test_chain_facts.py`` holds the two to the same values."""

    of_events: tuple[tuple[str, int], ...]


def known_facts(kwargs: dict[str, Any], count: int) -> Sequence[tuple[str, int]] | None:
    """The facts a save hands the recorder (``facts=EventFacts(...)``) when they cover
    its ``count`` events; None: read them from the stored states."""
    found = kwargs.get("facts")
    if isinstance(found, EventFacts) and len(found.of_events) == count:
        return found.of_events
    return None


def stored_at(kwargs: dict[str, Any]) -> datetime | None:
    """The store's own time, as ``app.save(..., stored_at=...)`` hands it to the recorder."""
    found = kwargs.get("stored_at")
    return found if isinstance(found, datetime) else None


def link_hash(
    prev: str,
    position: int,
    forbund: str,
    seq: int,
    stored: int,
    actor: str,
    originator_id: UUID | str,
    version: int,
    topic: str,
    state: bytes,
) -> str:
    """The hash of a link: SHA-256 over the previous hash and the event as stored."""
    oid = originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)
    state_hash = hashlib.sha256(state).hexdigest()
    body = [prev, position, forbund, seq, stored, actor, oid, version, topic, state_hash]
    return hashlib.sha256(_encoder.encode(body)).hexdigest()


def make_links(
    stored_events: Sequence[StoredEvent],
    positions: Sequence[int],
    actor: str,
    head: Callable[[str], tuple[int, str]],
    stored_at: datetime | None = None,
    known: Sequence[tuple[str, int]] | None = None,
) -> list[Link]:
    """The links of events just inserted at ``positions``; ``head(forbund)`` gives the
    last stored link's (seq, hash) of a förbund, (0, GENESIS) for a new chain;
    ``stored_at`` is the store's own time (default: the time the events carry);
    ``known`` each event's förbund and recorded time (default: read from its state)."""
    heads: dict[str, tuple[int, str]] = {}
    out = []
    store_time = micros(stored_at) if stored_at is not None else None
    for i, (stored, position) in enumerate(zip(stored_events, positions, strict=True)):
        forbund, recorded = known[i] if known is not None else facts(stored.state)
        own = store_time if store_time is not None else recorded
        if forbund not in heads:
            heads[forbund] = head(forbund)
        seq, prev = heads[forbund]
        digest = link_hash(
            prev,
            position,
            forbund,
            seq + 1,
            own,
            actor,
            stored.originator_id,
            stored.originator_version,
            stored.topic,
            stored.state,
        )
        out.append(Link(position, forbund, seq + 1, recorded, own, actor, prev, digest))
        heads[forbund] = (seq + 1, digest)
    return out


def link_rows(links: list[Link]) -> list[tuple[Any, ...]]:
    """The rows of new links, ``prev`` left for the reader to fill (``NO_PREV``)."""
    return [msgspec.structs.astuple(msgspec.structs.replace(k, prev=NO_PREV)) for k in links]


def fill_prev(
    links: dict[int, Link], stored_hash: Callable[[str, int], str | None]
) -> dict[int, Link]:
    """The links (by log position) with each stored-empty ``prev`` put back: GENESIS for a
    förbund's first link, else the hash of its link before, from these links or, when it
    is not among them, ``stored_hash(forbund, seq)`` (the table). A link whose link before
    is gone keeps ``prev`` empty: the verifier names the break there."""
    by_seq = {(k.forbund, k.seq): k.hash for k in links.values()}
    out = dict(links)
    for position, link in links.items():
        if link.prev != NO_PREV:
            continue
        if link.seq == 1:
            prev: str | None = GENESIS
        else:
            prev = by_seq.get((link.forbund, link.seq - 1))
            if prev is None:
                prev = stored_hash(link.forbund, link.seq - 1)
        if prev is not None:
            out[position] = msgspec.structs.replace(link, prev=prev)
    return out


def seal(cursor: Any, events_table: str, position: str, before: int | None, mark: str = "?") -> int:
    """Chain the events a store holds from before it kept a chain, as they stand now:
    when the chain is empty, every event before position ``before`` (None: all) gets a
    link, in position order, with no actor. Runs inside the caller's transaction (the
    first write of a newer finsam, or `finsam audit seal`); returns how many it chained."""
    cursor.execute("SELECT position FROM finsam_chain LIMIT 1")
    if cursor.fetchone() is not None:
        return 0
    where = f" WHERE {position} < {mark}" if before is not None else ""
    cursor.execute(
        f"SELECT {position}, originator_id, originator_version, topic, state FROM {events_table}"
        f"{where} ORDER BY {position}",
        (before,) if before is not None else (),
    )
    rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in cursor.fetchall()]
    if not rows:
        return 0
    stored = [StoredEvent(r[1], int(r[2]), str(r[3]), bytes(r[4])) for r in rows]
    links = make_links(stored, [int(r[0]) for r in rows], "", lambda _f: (0, GENESIS))
    cursor.executemany(INSERT_LINK.replace("?", mark), link_rows(links))
    return len(links)


class ChainBroken(FinsamError):
    """A write refused: the chain table does not cover the log up to where it extends."""


def guard(cursor: Any, events_table: str, position: str, first: int, mark: str = "?") -> None:
    """Before a write's links, inside its transaction (and table lock): the chain must
    end where the log did before this write's first event at ``first``. A store that
    never kept a chain is sealed as it stands (an older finsam wrote it); a chain that
    was deleted or ends elsewhere is refused, so an honest write never re-seals a log
    edited behind finsam's back. (An operator who has checked the store may still seal
    it again with `finsam audit seal`; a checkpoint taken before shows that.)"""
    cursor.execute(
        f"SELECT (SELECT MAX(position) FROM finsam_chain) AS chain_end, (SELECT MAX({position}) "
        f"FROM {events_table} WHERE {position} < {mark}) AS log_end, "
        "(SELECT COUNT(*) FROM finsam_chained) AS chained",  # named: PostgreSQL rows are dicts
        (first,),
    )
    row = cursor.fetchone()
    chain_end, log_end, chained = tuple(row.values()) if isinstance(row, dict) else tuple(row)
    if log_end is None or chain_end == log_end:
        if not chained:
            cursor.execute(f"INSERT INTO finsam_chained VALUES ({mark})", (first,))
        return
    if chain_end is None and not chained:
        seal(cursor, events_table, position, first, mark)
        cursor.execute(f"INSERT INTO finsam_chained VALUES ({mark})", (first,))
        return
    if chain_end is None:
        raise ChainBroken(
            f"the hash chain is gone (finsam_chain is empty) but the log holds events up to "
            f"position {log_end}: the chain table was deleted; nothing was recorded "
            "(`finsam audit verify --checkpoint` with a checkpoint taken before shows what "
            "changed; `finsam audit seal` chains the store again once it is checked)"
        )
    raise ChainBroken(
        f"the hash chain ends at position {chain_end} but the log at {log_end}: the chain "
        "table does not match the log (edited behind finsam's back); nothing was recorded "
        "(`finsam audit verify` names where)"
    )


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, writing each event's link in the same transaction.

    The actor comes as the ``actor`` keyword of ``app.save`` (the library hands save's
    keywords to the recorder)."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            SQLITE_CHAIN_TABLE,
            CHAINED_TABLE,
            ANCHOR_TABLE,
        ]

    def _insert_stored(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent]) -> list[int]:
        """Insert the events with one ``executemany`` and give their positions (issue 25:
        the library inserts them one ``execute`` at a time to read each row id, a twentieth
        of writing). The positions are consecutive: the events table's implicit row id is
        the largest so far plus one, and this transaction holds the store's write lock
        from its first insert to its commit, so no other writer's row comes between. The
        first event's row id is read back as a check of that, one indexed lookup."""
        if not stored_events:
            return []
        params = [
            (
                s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id,
                s.originator_version,
                s.topic,
                s.state,
            )
            for s in stored_events
        ]
        c.executemany(self.insert_events_statement, params)
        c.execute("SELECT last_insert_rowid()")
        last = int(c.fetchone()[0])
        first = last - len(params) + 1
        c.execute(
            f"SELECT rowid FROM {self.events_table_name} "
            "WHERE originator_id = ? AND originator_version = ?",
            params[0][:2],
        )
        found = c.fetchone()
        if found is None or int(found[0]) != first:  # never seen; refuse rather than misplace
            raise ChainBroken(
                f"the events just written are not at positions {first} to {last}: nothing "
                "was recorded"
            )
        return list(range(first, last + 1))

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = self._insert_stored(c, stored_events)
        if not positions:
            return positions
        guard(c, self.events_table_name, "rowid", positions[0])

        def head(forbund: str) -> tuple[int, str]:
            c.execute(SELECT_HEAD, (forbund,))
            row = c.fetchone()
            return (int(row[0]), str(row[1])) if row else (0, GENESIS)

        actor = str(kwargs.get("actor", ""))
        known = known_facts(kwargs, len(stored_events))
        links = make_links(stored_events, positions, actor, head, stored_at(kwargs), known)
        c.executemany(INSERT_LINK, link_rows(links))
        imported = imported_rows(kwargs, positions)  # a journal's fingerprints (imported.py)
        if imported:
            c.execute(IMPORTED_TABLE)
            c.executemany(INSERT_IMPORTED, imported)
        write_documents(c, kwargs, postgres=False)  # a diarium entry's documents
        write_credentials(c, kwargs, postgres=False)  # a password's hash (credentials.py)
        write_snapshots(c, kwargs, postgres=False)  # loads' snapshots (snapshot_rows.py)
        write_anchors(c, links, imported, bool(imported) or has_table(c, False))  # anchor.py
        return positions
