"""How durable a SQLite commit is: the operator's choice, FULL unless they choose NORMAL.

SQLite in WAL mode with ``synchronous=FULL`` (its default, and finsam's) waits for the
disk at every commit, so a commit that returned survives a power cut. With ``NORMAL`` it
waits only at checkpoints: a process that crashes loses nothing, and the store is never
corrupted, but a power cut or an operating-system crash may roll back the transactions
committed since the last checkpoint (by default up to about 1 000 pages of the WAL,
some thousands of events). Those events and their links in the hash chain go together (one
transaction each), so the chain stays whole; what is lost is the tail. An anchor or
checkpoint printed from that tail would then name a head the store no longer has
(docs/performance.md, "The durability setting", measures the gain and states this
window). ``FINSAM_SQLITE_SYNCHRONOUS=normal`` chooses it; anything else but ``full`` is
refused in one line.

The setting is per connection and cannot change inside a transaction, so it is set on
each connection as the library's pool opens it (its ``_create_connection``: the one
place every connection is made; the library has no hook of its own for it).

The same connections checkpoint the write-ahead log less often than SQLite's default
(``CHECKPOINT_PAGES`` instead of 1 000): the index pages a journal import writes again
and again are then copied into the store's file once per checkpoint rather than once
per few transactions. Nothing about durability changes (each commit still waits for
the disk under FULL); the -wal file grows to about 32 MB before it is reused. Measured
on 266 000 events written quietly: 37.3–37.7 µs per event against 39.1–41.5, and a
sixth fewer bytes written (issue 25).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from finsam_es.errors import InvalidInput

SETTING = "FINSAM_SQLITE_SYNCHRONOUS"
CHECKPOINT_PAGES = 8000  # 4 KiB pages: a checkpoint per ~32 MB of log written
LEVELS = {"full": "FULL", "normal": "NORMAL"}
DEFAULT = "full"


def synchronous_level(environ: Mapping[str, str]) -> str:
    """The level the operator chose (``FULL`` by default), or a one-line refusal."""
    chosen = environ.get(SETTING, "").strip().lower() or DEFAULT
    if chosen not in LEVELS:
        raise InvalidInput(
            f"{SETTING} must be full or normal, not {chosen[:20]!r} "
            "(docs/performance.md: the durability setting)"
        )
    return LEVELS[chosen]


def apply_synchronous(datastore: Any, level: str) -> None:
    """Every connection the SQLite datastore's pool opens from now on gets ``level`` and
    the store's checkpoint interval."""
    pool = datastore.pool
    opened: Callable[[], Any] = pool._create_connection

    def create_connection() -> Any:
        connection = opened()
        raw: sqlite3.Connection = connection._sqlite_conn
        if level != LEVELS[DEFAULT]:  # else SQLite's own default: nothing to set
            raw.execute(f"PRAGMA synchronous={level}")
        raw.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        return connection

    pool._create_connection = create_connection


def connection_level(datastore: Any) -> int:
    """The synchronous level (SQLite's number: 2 FULL, 1 NORMAL) of a pooled connection,
    for the tests and the operator's check."""
    return connection_pragma(datastore, "synchronous")


def connection_pragma(datastore: Any, name: str) -> int:
    """A pooled connection's value of an integer pragma, for the tests."""
    with datastore.transaction(commit=False) as c:
        c.execute(f"PRAGMA {name}")
        return int(c.fetchone()[0])
