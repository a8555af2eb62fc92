"""A bound on how long any one statement may run while a long read is under way.

`audit verify` reads the whole log; on PostgreSQL one of its statements could wait for
ever behind another session's lock (an ``ACCESS EXCLUSIVE`` lock an administrator or an
attacker holds on a table: finsam's own writers take ``EXCLUSIVE``, which readers pass).
Inside ``statement_bound`` every connection the store hands out, to the library's
reads as to finsam's own, carries the time left as its ``statement_timeout`` and has
it reset when returned to the pool. A statement cancelled so raises the library's
``OperationalError`` naming the statement timeout (``timed_out`` tells it apart).
SQLite needs no bound: its log is write-ahead, and a reader never waits for a writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from store.application import FinsamApp


@contextmanager
def statement_bound(app: FinsamApp, left: Callable[[], float]) -> Iterator[None]:
    """While inside, each statement on the store may run at most ``left()`` seconds
    (read when its connection is handed out)."""
    datastore: Any = getattr(app.factory, "datastore", None)
    if "postgres" not in type(datastore).__module__:
        yield
        return
    handed_out = datastore.get_connection  # the library's, bound to this datastore

    @contextmanager
    def bounded() -> Iterator[Any]:
        with handed_out() as conn:
            milliseconds = max(1, int(left() * 1000))
            conn.execute(f"SET statement_timeout = {milliseconds}")
            try:
                yield conn
            finally:
                if not conn.closed and not conn.broken:  # autocommit: nothing left open
                    conn.execute("RESET statement_timeout")

    # the instance's attribute stands for the method while inside: every read of this
    # store (the recorder's, the view's, finsam's own) gets its connection through it
    datastore.get_connection = bounded
    try:
        yield
    finally:
        del datastore.get_connection


def timed_out(error: BaseException) -> bool:
    """Whether a database error is a statement cancelled by its timeout."""
    return "statement timeout" in str(error)
