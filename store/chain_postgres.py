"""The hash chain on PostgreSQL: the library's recorder, writing each event's link in
the same transaction (see store/chain.py). Imported only for a PostgreSQL store.

Inserts run without psycopg's pipeline mode. The library sends all of a save's events
in one statement inside ``conn.pipeline()``, and the links went by ``executemany``
(which pipelines too); with psycopg's pure-Python implementation a large pipelined
batch can deadlock (psycopg/psycopg#685: the client blocks sending while the server
blocks sending results back), and it does so holding the EXCLUSIVE lock on the events
table, so every other writer waited for ever. Here a save is one ordinary transaction
of statements of at most ``CHUNK`` rows each, each answered before the next is sent;
a writer waits at most the lock timeout for another's lock, and no statement runs
longer than the statement timeout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Literal

from store.anchor import ANCHOR_TABLE, write_anchors
from store.chain import (
    CHAIN_TABLE,
    CHAINED_TABLE,
    GENESIS,
    SELECT_HEAD,
    Link,
    guard,
    known_facts,
    link_rows,
    make_links,
    stored_at,
)
from store.credentials import write_credentials
from store.documents import write_documents
from store.imported import IMPORTED_TABLE, has_table, imported_rows
from store.snapshot_rows import write_snapshots


def _pg(statement: str) -> str:
    return statement.replace("?", "%s")


CHUNK = 1000  # rows per statement
STATEMENT_TIMEOUT_SECONDS = 120  # one statement of CHUNK rows takes well under a second
INSERT_LINKS = (
    "INSERT INTO finsam_chain SELECT * FROM unnest(%s::bigint[], %s::text[], %s::bigint[], "
    "%s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::text[])"
)
INSERT_IMPORTED = (
    "INSERT INTO finsam_imported SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[])"
)


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    """Links are inserted after the events, inside the same transaction and its table
    lock (which serialises writers, so reading a chain's head is safe)."""

    def __init__(self, datastore: PostgresDatastore, **kwargs: Any):
        super().__init__(datastore, **kwargs)
        self.sql_create_statements.append(SQL(CHAIN_TABLE).format())
        self.sql_create_statements.append(SQL(CHAINED_TABLE).format())
        self.sql_create_statements.append(SQL(ANCHOR_TABLE).format())

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        if not stored_events:
            return None
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            curs.execute(
                SQL("SET LOCAL statement_timeout = {0}").format(
                    Literal(f"{STATEMENT_TIMEOUT_SECONDS}s")
                )
            )
            self._lock_table(curs)  # SET LOCAL lock_timeout, then LOCK TABLE ... EXCLUSIVE
            self._notify_channel(curs)
            positions: list[int] = []
            for start in range(0, len(stored_events), CHUNK):
                chunk = stored_events[start : start + CHUNK]
                pg_events = [
                    self.construct_pg_stored_event(
                        e.originator_id, e.originator_version, e.topic, e.state
                    )
                    for e in chunk
                ]
                curs.execute(self.insert_events_statement, (pg_events,))
                positions.extend(int(row["notification_id"]) for row in curs.fetchall())
            links = self._chain(curs, stored_events, positions, **kwargs)
            imported = self._imported(curs, positions, **kwargs)
            table = bool(imported) or has_table(curs, True)
            write_anchors(curs, links, imported, table, "%s")  # store/anchor.py
            write_documents(curs, kwargs, postgres=True)  # a diarium entry's documents
            write_credentials(curs, kwargs, postgres=True)  # a password's hash
            write_snapshots(curs, kwargs, postgres=True)  # loads' snapshots (snapshot_rows.py)
            return positions

    def _imported(
        self, curs: Cursor[DictRow], positions: Sequence[int], **kwargs: Any
    ) -> list[tuple[str, str, int]]:
        """A journal's fingerprints (store/imported.py), in the same transaction."""
        rows = imported_rows(kwargs, positions)
        if not rows:
            return rows
        curs.execute(IMPORTED_TABLE)
        for start in range(0, len(rows), CHUNK):
            columns = [list(column) for column in zip(*rows[start : start + CHUNK], strict=True)]
            curs.execute(INSERT_IMPORTED, columns)
        return rows

    def _chain(
        self,
        curs: Cursor[DictRow],
        stored_events: Sequence[StoredEvent],
        positions: Sequence[int],
        **kwargs: Any,
    ) -> list[Link]:
        if not positions:
            return []
        guard(curs, self.events_table_name, "notification_id", positions[0], "%s")

        def head(forbund: str) -> tuple[int, str]:
            curs.execute(_pg(SELECT_HEAD), (forbund,))
            row = curs.fetchone()
            return (int(row["seq"]), str(row["hash"])) if row else (0, GENESIS)

        actor = str(kwargs.get("actor", ""))
        known = known_facts(kwargs, len(stored_events))
        links = make_links(stored_events, positions, actor, head, stored_at(kwargs), known)
        rows = link_rows(links)
        for start in range(0, len(rows), CHUNK):
            columns = [list(column) for column in zip(*rows[start : start + CHUNK], strict=True)]
            curs.execute(INSERT_LINKS, columns)
        return links
