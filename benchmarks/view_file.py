"""Experiment (issue 25 item 4): the money view in a file of its own beside the log.

The view is a cache, rebuilt from the log, never evidence: in a file of its own the
store's file holds the log alone, and each is reported apart. This measures that on a
built store, on copies (the store is never written): the view's tables and its tracking
row are moved into a second SQLite file (the tracking row with them, so a catch-up would
write its rows and its position in one file, in one transaction, as now), both files are
vacuumed, and the questions are asked again with the view file ATTACHed to the log's
connection: SQLite resolves the view's unqualified table names in the attached file, so
the view's SQL (``projections/view_sums.py``) runs unchanged. Prints bytes per event of
each file and whether every answer is the same as from the one file.

    python benchmarks/view_file.py STORE.db [--forbund f000] [--as-of 2034-06-30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from projections import view_sums
from projections.view_sums import NAME
from projections.view_tables import VIEW_TABLES, statements

FOREVER = 2**62


def answers(conn: sqlite3.Connection, forbund: str, as_of: date) -> list[Any]:
    """Every question the quick path answers, as plain values."""

    def query(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]

    return [
        view_sums.equity_sums(query, forbund, as_of, FOREVER),
        view_sums.budget(query, forbund, as_of.year, as_of, FOREVER),
        view_sums.result(query, forbund, as_of.year, as_of, FOREVER),
        view_sums.insatser(query, forbund, as_of, FOREVER),
        view_sums.insatser(query, forbund, as_of, FOREVER, current_only=True),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--forbund", default="f000")
    parser.add_argument("--as-of", default="2034-06-30", type=date.fromisoformat)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="view-file-"))
    one, log, view = tmp / "one.db", tmp / "log.db", tmp / "view.db"
    shutil.copy(args.db, one)
    with sqlite3.connect(one) as conn:
        conn.execute("VACUUM")
        events = conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
        tracked = conn.execute(
            "SELECT notification_id FROM tracking WHERE application_name = ?", (NAME,)
        ).fetchone()
        assert tracked, f"the store's view is not {NAME}: run finsam view rebuild first"
        before = answers(conn, args.forbund, args.as_of)
    shutil.copy(one, log)
    with sqlite3.connect(log, isolation_level=None) as conn:
        conn.execute("ATTACH DATABASE ? AS v", (str(view),))
        conn.execute("BEGIN")
        for statement in statements(False):
            # the same tables, made in the view's file
            conn.execute(statement.replace("EXISTS ", "EXISTS v.", 1))
        for table in VIEW_TABLES:
            conn.execute(f"INSERT INTO v.{table} SELECT * FROM main.{table}")
            conn.execute(f"DROP TABLE main.{table}")
        conn.execute("CREATE TABLE v.tracking AS SELECT * FROM main.tracking")
        conn.execute("DELETE FROM main.tracking WHERE application_name = ?", (NAME,))
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE v")
        conn.execute("VACUUM")
    with sqlite3.connect(view) as conn:
        conn.execute("VACUUM")
    with sqlite3.connect(log) as conn:
        conn.execute("ATTACH DATABASE ? AS v", (str(view),))
        after = answers(conn, args.forbund, args.as_of)
    sizes = {name: os.path.getsize(path) / events for name, path in (("one", one), ("log", log),
             ("view", view))}  # fmt: skip
    print(f"{events:,} events (vacuumed files), bytes per event:")
    print(f"  one file (log and view): {sizes['one']:.0f}")
    print(f"  the log's file alone:    {sizes['log']:.0f}")
    print(f"  the view's file:         {sizes['view']:.0f}")
    print("answers: the same from the two files" if after == before else "answers: DIFFERENT")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
