"""Snapshot rows written in the save's own transaction.

A load that replays at least its kind's ``SNAPSHOT_EVERY`` events after the latest
usable snapshot (or from the first event) notes a snapshot of the state it replayed:
the aggregate as its stored events leave it, encoded before the command changes it
(``FinsamApp.replay``). The unit of work hands the noted rows to the recorder as the
``snapshots`` keyword of its save (``uow.side``-like, as documents and credentials are),
and the recorder writes them beside the events, in the same transaction, deleting the
aggregate's older snapshots (a load reads only the latest one).

Before issue 25 a snapshot was taken after the commit: the aggregate replayed once
more and written in a transaction of its own, a second commit for every unit of work
that crossed an interval (an eighth of writing's time), and every snapshot was kept
(at 100 years of history a tenth of the log's bytes). A unit of work that writes no
event writes no snapshot: the next one that writes takes it again.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import StoredEvent


class Snapshots(msgspec.Struct, frozen=True):
    """The snapshot rows one save writes, and the table they go to (the snapshot
    recorder's: ``stored_snapshots`` on SQLite, ``finsam_snapshots`` on PostgreSQL)."""

    table: str
    rows: tuple[StoredEvent, ...]


def write_snapshots(cursor: Any, kwargs: dict[str, Any], postgres: bool) -> None:
    """Write the snapshots a save carries (none: nothing) and drop the older ones of the
    same aggregates, inside the save's transaction. A row already at the same version is
    replaced: it is another writer's of the same state, or one this code cannot use
    (other code's, or edited), which would otherwise make every load replay."""
    found = kwargs.get("snapshots")
    if not isinstance(found, Snapshots) or not found.rows:
        return
    if postgres:
        insert = (
            f"INSERT INTO {found.table} VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (originator_id, originator_version) "
            "DO UPDATE SET topic = EXCLUDED.topic, state = EXCLUDED.state"
        )
        older = f"DELETE FROM {found.table} WHERE originator_id = %s AND originator_version < %s"
    else:
        insert = f"INSERT OR REPLACE INTO {found.table} VALUES (?, ?, ?, ?)"
        older = f"DELETE FROM {found.table} WHERE originator_id = ? AND originator_version < ?"
    for row in found.rows:
        oid = row.originator_id
        key = oid if postgres or not isinstance(oid, UUID) else oid.hex
        cursor.execute(insert, (key, row.originator_version, row.topic, row.state))
        cursor.execute(older, (key, row.originator_version))
