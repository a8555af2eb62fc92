"""A SQLite store read with the standard library alone, for the quick read path.

``FinsamApp`` opens a store through the eventsourcing library, whose import (and the
domain's event classes the mapper resolves) is most of a query's time (issue 25: ~140
of 147 ms). A question the materialised view answers needs none of it when the view
has read the whole log: ``QuickStore`` opens the log's file and the view's
(store/view_file.py) read-only, each in one read transaction, the view's first (so the
view's position and the answer are one snapshot, and the log's head one taken after it),
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
from store.view_file import SELECT_BOUND, SELECT_LINK, view_path


def _read_only(path: str) -> sqlite3.Connection:
    """A read transaction on the SQLite file (begun: it reads its snapshot at its first
    statement)."""
    conn = sqlite3.connect(
        f"file:{quote(os.path.abspath(path))}?mode=ro",
        uri=True,
        timeout=LOCK_TIMEOUT_SECONDS,
        isolation_level=None,
    )
    conn.execute("BEGIN")
    return conn


class QuickStore:
    """A read transaction on a SQLite store's log and one on its view; close it when
    done. The view's questions (``query``) go to the view's file, the log's facts to
    the log's (one connection may be both: a test's database in memory)."""

    def __init__(self, log: sqlite3.Connection, view: sqlite3.Connection | None = None):
        self.log = log
        self.view = log if view is None else view

    @classmethod
    def open(cls, db: str) -> QuickStore | None:
        """The store at a file path; None for a URL, a missing file or view file, or one
        SQLite cannot read (the full path says why, or makes the view)."""
        if "://" in db or not os.path.isfile(db) or not os.path.isfile(view_path(db)):
            return None
        try:
            view = _read_only(view_path(db))
        except sqlite3.Error:
            return None
        try:
            log = _read_only(db)
        except sqlite3.Error:
            view.close()
            return None
        return cls(log, view)

    def close(self) -> None:
        self.log.close()
        if self.view is not self.log:
            self.view.close()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> Sequence[Sequence[Any]]:
        """A question to the view's tables."""
        return self.view.execute(sql, params).fetchall()

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """A fact of the log."""
        row = self.log.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _view_row(self, sql: str, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        row = self.view.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    def head(self) -> int:
        """The log's last position (0: an empty log)."""
        return int(self._one("SELECT MAX(rowid) FROM stored_events") or 0)

    def tracked(self, name: str) -> tuple[int, Any] | None:
        """The position the view tracked under ``name`` has read up to and the log's link
        hash it recorded there (store/view_file.py); None when it has none, or the two
        disagree (a position moved by hand)."""
        found = self._view_row(
            "SELECT MAX(notification_id) FROM tracking WHERE application_name = ?", (name,)
        )
        bound = self._view_row(SELECT_BOUND, (name,))
        if found is None or found[0] is None or bound is None or bound[0] != found[0]:
            return None
        return int(found[0]), bound[1]

    def link(self, position: int) -> Any:
        """The hash of the log's chain link at a position; None when it has none."""
        return self._one(SELECT_LINK, (position,))

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
