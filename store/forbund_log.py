"""One förbund's stored events, read by the hash chain's index on förbund.

Every link of the chain (``finsam_chain``) names its event's förbund and is indexed on
it, so a förbund's events are found by joining its links to the events table on the
log position: a question about one förbund costs that förbund's history, never the
whole log's (issue 25 item 6). A store an older finsam wrote has no chain yet: these
functions say so (None) and the caller reads the log whole, or chains it first.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification


def _datastore(app: Any) -> tuple[Any, bool]:
    datastore: Any = getattr(app.factory, "datastore", None)
    return datastore, "postgres" in type(datastore).__module__


def has_chain(app: Any) -> bool:
    """Whether the store keeps a hash chain (an older finsam's store has none until its
    first write, or `finsam audit seal`, chains it)."""
    datastore, _postgres = _datastore(app)
    with datastore.transaction(commit=False) as c:
        c.execute("SELECT position FROM finsam_chain LIMIT 1")
        return c.fetchone() is not None


def forbund_notifications(app: Any, forbund: str) -> list[Notification] | None:
    """The förbund's stored events as the notification log holds them (position, id,
    version, topic, the stored bytes), in log order; None when the store has no chain
    and the log holds events (the caller reads it whole, or chains it first)."""
    if not has_chain(app) and (app.recorder.max_notification_id() or 0):
        return None
    datastore, postgres = _datastore(app)
    mark, position = ("%s", "notification_id") if postgres else ("?", "rowid")
    with datastore.transaction(commit=False) as c:
        c.execute(
            f"SELECT e.{position}, e.originator_id, e.originator_version, e.topic, e.state "
            f"FROM finsam_chain AS l JOIN {app.recorder.events_table_name} AS e "
            f"ON e.{position} = l.position WHERE l.forbund = {mark} ORDER BY l.position",
            (forbund,),
        )
        rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]
    return [
        Notification(UUID(str(originator)), int(version), topic, bytes(state), int(at))
        for at, originator, version, topic, state in rows
    ]
