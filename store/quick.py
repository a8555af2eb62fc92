"""A SQLite store read with the standard library alone, for the quick read path.

``FinsamApp`` opens a store through the eventsourcing library, whose import (and the
domain's event classes the mapper resolves) is most of a query's time (issue 25: ~140
of 147 ms). A question the materialised view answers needs none of it when the view
has read the whole log: ``QuickStore`` opens the file read-only, reads in one
transaction (so the log's head, the view's position and the answer are one snapshot)
and answers the few facts that decide whether the view may answer alone. Whatever it
cannot tell, it leaves to the full path: ``open`` gives None, a method a value that
sends the question there.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote
from uuid import UUID

from store.database import LOCK_TIMEOUT_SECONDS


class QuickStore:
    """A read transaction on a SQLite store; close it when done."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @classmethod
    def open(cls, db: str) -> QuickStore | None:
        """The store at a file path in one read transaction; None for a URL, a missing
        file or one SQLite cannot read (the full path says why)."""
        if "://" in db or not os.path.isfile(db):
            return None
        try:
            conn = sqlite3.connect(
                f"file:{quote(os.path.abspath(db))}?mode=ro",
                uri=True,
                timeout=LOCK_TIMEOUT_SECONDS,
                isolation_level=None,
            )
            conn.execute("BEGIN")
        except sqlite3.Error:
            return None
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> Sequence[Sequence[Any]]:
        return self.conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def head(self) -> int:
        """The log's last position (0: an empty log)."""
        return int(self._one("SELECT MAX(rowid) FROM stored_events") or 0)

    def tracked(self, name: str) -> int | None:
        """The position a projection tracked under ``name`` has read up to; None if none."""
        found = self._one(
            "SELECT MAX(notification_id) FROM tracking WHERE application_name = ?", (name,)
        )
        return None if found is None else int(found)

    def chained(self) -> int:
        """The last position the hash chain links (its rows name each event's förbund)."""
        return int(self._one("SELECT MAX(position) FROM finsam_chain") or 0)

    def has_forbund(self, forbund: str) -> bool:
        """Whether any event of the förbund is chained (its registration is one): by the
        chain's index on förbund."""
        return self._one("SELECT 1 FROM finsam_chain WHERE forbund = ? LIMIT 1", (forbund,)) == 1

    def only_forbund(self) -> str | None:
        """The förbund when the chain names exactly one (the store's own registry's events
        name none); None when it names none or several. Two probes of the chain's index
        on förbund, whatever the log's size."""
        first = self._one(
            "SELECT forbund FROM finsam_chain WHERE forbund > '' ORDER BY forbund LIMIT 1"
        )
        last = self._one(
            "SELECT forbund FROM finsam_chain WHERE forbund > '' ORDER BY forbund DESC LIMIT 1"
        )
        return str(first) if first is not None and first == last else None

    def last_state(self, aggregate_id: UUID, topics: tuple[str, ...]) -> bytes | None:
        """The stored state of an aggregate's last event under one of ``topics`` (by the
        events table's key on the aggregate); None when it has none."""
        marks = ", ".join("?" * len(topics))
        found = self._one(
            "SELECT state FROM stored_events WHERE originator_id = ? "
            f"AND topic IN ({marks}) ORDER BY originator_version DESC LIMIT 1",
            (aggregate_id.hex, *topics),
        )
        return None if found is None else bytes(found)
