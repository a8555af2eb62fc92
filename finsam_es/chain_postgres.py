"""The hash chain on PostgreSQL: the library's recorder, writing each event's link in
the same transaction (see finsam_es/chain.py). Imported only for a PostgreSQL store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL

from finsam_es.chain import (
    CHAIN_TABLE,
    GENESIS,
    INSERT_LINK,
    SELECT_HEAD,
    link_rows,
    make_links,
    seal,
    stored_at,
)


def _pg(statement: str) -> str:
    return statement.replace("?", "%s")


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    """Links are inserted after the events, inside the library's transaction and its
    table lock (which serialises writers, so reading a chain's head is safe)."""

    def __init__(self, datastore: PostgresDatastore, **kwargs: Any):
        super().__init__(datastore, **kwargs)
        self.sql_create_statements.append(SQL(CHAIN_TABLE).format())

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if not positions:
            return positions
        if positions[0] > 1:  # a store an older finsam wrote: chain what it holds first
            seal(curs, self.events_table_name, "notification_id", positions[0], "%s")

        def head(forbund: str) -> tuple[int, str]:
            curs.execute(_pg(SELECT_HEAD), (forbund,))
            row = curs.fetchone()
            return (int(row["seq"]), str(row["hash"])) if row else (0, GENESIS)

        actor = str(kwargs.get("actor", ""))
        links = make_links(stored_events, positions, actor, head, stored_at(kwargs))
        curs.executemany(_pg(INSERT_LINK), link_rows(links))
        return positions
