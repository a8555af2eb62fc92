"""The money view's own SQLite file beside the store's (issue 25 item 4).

The view is a cache, rebuilt from the log, never evidence: for a SQLite store at path P
it lives in ``P-view`` (a sibling, as SQLite's own -wal and -shm are), so the store's
file holds the log alone and each is measured apart (docs/performance.md). The view's
rows and its tracked position are written in that one file, in one transaction: SQLite
in WAL mode does not make a transaction across attached files atomic, so nothing here
relies on one.

A view file must never answer for another log than the one it read (a restored backup
beside a newer view, a store file replaced, a view file copied beside another store):
with each tracked position it keeps the hash of the log's chain link at that position
(``finsam_view_bound``), and ``bound_to`` tells whether the log still has that link. PostgreSQL
keeps the view's tables in the store's own database, as before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import weakref
from typing import Any

from finsam_es.errors import FinsamError
from store.durability import LEVELS, apply_synchronous

SUFFIX = "-view"
# The position the view has read up to, per view name, and the hash of the log's chain
# link there (None when the log had none: an older finsam's store, not yet chained). Kept
# beside the library's tracking row, in the same transaction.
BOUND_TABLE = (
    "CREATE TABLE IF NOT EXISTS finsam_view_bound (application_name TEXT PRIMARY KEY, "
    "position INTEGER NOT NULL, hash) WITHOUT ROWID"
)
PUT_BOUND = (
    "INSERT INTO finsam_view_bound VALUES (?, ?, ?) ON CONFLICT (application_name) "
    "DO UPDATE SET position = excluded.position, hash = excluded.hash"
)
SELECT_BOUND = "SELECT position, hash FROM finsam_view_bound WHERE application_name = ?"
SELECT_LINK = "SELECT hash FROM finsam_chain WHERE position = ?"
# The names the view's tracking row has had in the store's own file (view_sums.NAME and
# the ones before it), and its tables' prefix: what ``drop_in_file_view`` removes. fin_ is
# the view's own (projections/view_tables.py): no table of the log begins so
# (tests/test_view_file.py holds a written store's file to it).
OLD_NAMES = "finsam_money_view%"
TABLES_LIKE = r"fin\_%"
# A cache: NORMAL waits for the disk only at checkpoints. A power cut may roll the view's
# last transactions back, rows and tracked position together (one file): the view is
# then behind its log and catches up, or, behind a log rolled back further, no longer
# bound to it and rebuilt. An fsync per catch-up would buy nothing the log does not keep.
LEVEL = LEVELS["normal"]

_opened: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def view_path(db: str) -> str:
    """The view's file of the SQLite store at ``db``."""
    return db + SUFFIX


def create_private(path: str) -> None:
    """The file made readable by its owner only, as the store's (the view holds the
    board's figures); nothing is done when it exists. Never opened then: closing any
    descriptor of a file drops every POSIX lock this process holds on it, SQLite's
    included (another application's datastore on the same file, not yet collected),
    and a writer elsewhere then fails with a disk I/O error."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return
    except OSError as e:
        raise FinsamError(f"cannot open the view's file {path}: {e.strerror}") from None


def view_datastore(app: Any) -> Any:
    """The library's ``SQLiteDatastore`` on the view's file of a SQLite store's
    application, one per application (its pool, lock timeout and WAL mode as the
    store's); the file made if missing."""
    # imported here: the quick read path (store/quick.py) reads this module's names
    # without importing the library
    from eventsourcing.sqlite import SQLiteDatastore

    found = _opened.get(app)
    if found is None:
        path = view_path(app.db)
        create_private(path)
        # the store's own wait for a lock (the library's default unless store_env sets
        # one), so a locked view is refused as a locked store is
        log = getattr(app.factory, "datastore", None)
        waits = getattr(getattr(log, "pool", None), "lock_timeout", None)
        found = SQLiteDatastore(path, lock_timeout=waits)
        apply_synchronous(found, LEVEL)
        _opened[app] = found
    return found


def put_bound(c: Any, name: str, position: int, link: Any) -> None:
    """Record, in the view's transaction ``c``, the log's link hash at the tracked position."""
    c.execute(PUT_BOUND, (name, position, link))


def bound_to(view: Any, log: Any, name: str, tracked: int, head: int) -> bool:
    """Whether the view's rows (tracked up to ``tracked``) were read from this log (its
    last position ``head``), given a cursor on each file: the position is within the log
    and the log's link there is the one the view recorded with it. A log with no link
    there (an older finsam's store, not yet chained) can only be checked for the
    position; its first write chains it, and the view is rebuilt once after."""
    if tracked > head:
        return False
    view.execute(SELECT_BOUND, (name,))
    row = view.fetchone()
    if row is None or int(row[0]) != tracked:
        return False  # a tracked position moved without its link (by hand): rebuild
    log.execute(SELECT_LINK, (tracked,))
    link = log.fetchone()
    if link is None:
        return row[1] is None
    return bool(row[1] == link[0])


def drop_in_file_view(log: Any) -> bool:
    """Remove, in one transaction on the log's datastore, the view an older finsam kept in
    the store's own file (its ``fin_`` tables and its tracking rows); whether there was
    one. A process still using it then fails on a missing table or rebuilds it, never
    answers from half of it. SQLite reuses the freed pages for the log; `VACUUM` gives
    them back to the disk (docs/performance.md)."""
    with log.transaction(commit=False) as c:
        c.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'",
            (TABLES_LIKE,),
        )
        tables = [str(r[0]) for r in c.fetchall()]
        c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tracking'")
        tracking = c.fetchone() is not None
        if tracking:
            c.execute("SELECT 1 FROM tracking WHERE application_name LIKE ? LIMIT 1", (OLD_NAMES,))
            tracking = c.fetchone() is not None
    if not tables and not tracking:
        return False
    with log.transaction(commit=True) as c:
        for table in tables:
            c.execute(f'DROP TABLE IF EXISTS "{table}"')
        if tracking:
            c.execute("DELETE FROM tracking WHERE application_name LIKE ?", (OLD_NAMES,))
    return True


def copy_view(db: str, target: str) -> None:
    """The view's file of the store at ``db`` copied beside the store ``target`` with
    SQLite's online backup, readable by its owner only; nothing when it has none. The
    backup copies it before the log, so the copy's view is at or behind its log and
    catches up (any other order would be caught by ``bound_to`` and rebuilt)."""
    source_path, copy_path = view_path(db), view_path(target)
    if not os.path.isfile(source_path):
        return
    create_private(copy_path)
    os.chmod(copy_path, 0o600)
    # a file left there (a backup deleted without its view) is overwritten whole
    with (
        contextlib.closing(sqlite3.connect(source_path)) as source,
        contextlib.closing(sqlite3.connect(copy_path)) as copy,
    ):
        source.backup(copy)
