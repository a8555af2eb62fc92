"""The snapshot table's upkeep: taking the snapshots a save made due, and checking the
ones this code would load against the events (``finsam audit verify``).

Snapshots are a cache beside the log (store/snapshots.py says how they are written and
read); ``FinsamApp.load`` reads them, and these are the two things done to the table
besides. ``SNAPSHOT_EVERY`` stays in store/application.py beside the loads that use it.
"""

from __future__ import annotations

import sqlite3
from typing import Any
from uuid import UUID

from eventsourcing.persistence import PersistenceError, StoredEvent

from finsam_es.base import FinsamAggregate
from store import application, snapshots
from store.application import FinsamApp


def take_snapshots(app: FinsamApp, saved: list[tuple[FinsamAggregate, int]]) -> None:
    """Snapshot each saved aggregate (with its version before the save) whose versions
    passed a multiple of its kind's interval, as its stored events leave it."""
    if app.snapshot_recorder is None:
        return
    for aggregate, before in saved:
        every = application.SNAPSHOT_EVERY.get(type(aggregate))
        if every is None or aggregate.version // every == before // every:
            continue
        # After the commit: a snapshot that cannot be taken (another writer took it, a
        # state we cannot snapshot, a busy store) is left out, never the command's error.
        try:
            stored = app.replay(aggregate.id, snapshotted=True)
            at = app.stored_event(aggregate.id, stored.version)
            if at is None:
                continue
            topic, state = snapshots.encode(stored, snapshots.event_hash(at.state))
            row = StoredEvent(aggregate.id, stored.version, topic, state)
            app.snapshot_recorder.insert_events([row])
        except (snapshots.SnapshotUnusable, PersistenceError, sqlite3.Error):
            continue


def snapshot_problems(app: FinsamApp) -> list[str]:
    """Every snapshot this code would load that is not what its aggregate's events
    give at its version (the snapshot table edited behind finsam's back); for
    ``finsam audit verify``. Snapshots other code wrote are ignored by loads, and here."""
    if app.snapshot_recorder is None:
        return []
    datastore: Any = getattr(app.factory, "datastore", None)
    table = getattr(app.snapshot_recorder, "events_table_name", "")
    try:
        with datastore.transaction(commit=False) as c:
            c.execute(f"SELECT DISTINCT originator_id FROM {table}")
            ids = [next(iter(r.values())) if isinstance(r, dict) else r[0] for r in c.fetchall()]
    except PersistenceError:  # pragma: no cover - a role that may not read the table
        return []
    problems = []
    for found in sorted(str(i) for i in ids):
        aggregate_id = UUID(found)
        for row in app.snapshot_recorder.select_events(aggregate_id):
            at = app.stored_event(aggregate_id, row.originator_version)
            if at is None:
                head = app.stored_version(aggregate_id)
                problems.append(
                    f"the snapshot of {aggregate_id} at version {row.originator_version} is "
                    f"ahead of its events (the log holds {head}): a row forged in {table}; "
                    "finsam ignores it (delete it from the table)"
                )
                continue
            try:
                state = snapshots.decode(row.topic, row.state, aggregate_id, row.originator_version)
            except snapshots.SnapshotUnusable:
                continue
            replayed: Any = None
            event: Any
            for event in app.events.get(aggregate_id, lte=row.originator_version):
                replayed = event.mutate(replayed)
            if replayed is None or vars(replayed) != vars(state):
                name = f"{type(state).__name__} {state.forbund or aggregate_id}".strip()
                problems.append(
                    f"the snapshot of {name} at version {row.originator_version} is not "
                    "what its events give: the snapshot table was edited (it is a cache: "
                    f"delete its rows from {table} and finsam takes them again)"
                )
    return problems
