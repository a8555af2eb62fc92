"""The snapshot table's check: the snapshots this code would load against the events
(``finsam audit verify``).

Snapshots are a cache beside the log (store/snapshots.py says how they are encoded and
read, store/snapshot_rows.py how a save writes them); ``FinsamApp.load`` reads them and
notes the ones due (``SNAPSHOT_EVERY`` in store/loading.py).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import PersistenceError

from store import snapshots
from store.application import FinsamApp


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
