"""Where a SQLite store's bytes go, per event, and what a compact chain link and compact
postings would save (issue 25 item 4), measured on a built store, never in unit tests:

    python benchmarks/store_bytes.py /tmp/bench/100k.db

Bytes are SQLite's own page accounting (the ``dbstat`` table: every page of every table
and index, free space inside pages included), so they do not depend on the machine's
load. The experiments copy the store to a temporary file and rewrite one table there:

- **compact chain link**: the link's hash as its 32 bytes instead of 64 hexadecimal
  characters, no ``prev`` column (a link's previous hash is the hash of the link before
  it in the förbund's chain, which the verifier has just read; the hash still covers
  it, so removing or moving an event still breaks the next link), and the log position
  as the table's own row key (``INTEGER PRIMARY KEY``) instead of a second index;
- **compact postings**: the view's days as day numbers, and the account and kind as
  one-byte codes, in the same clustered key.

Each is measured after ``VACUUM``, as is the store before them, so the three are
compared like for like.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from projections.view_tables import VIEW_TABLES, statements
from store.view_file import view_path

COMPACT_CHAIN = (
    "CREATE TABLE finsam_chain_compact (position INTEGER PRIMARY KEY, forbund TEXT NOT NULL, "
    "seq INTEGER NOT NULL, recorded INTEGER NOT NULL, stored INTEGER NOT NULL, "
    "actor TEXT NOT NULL, hash BLOB NOT NULL)",
    "INSERT INTO finsam_chain_compact SELECT position, forbund, seq, recorded, stored, actor, "
    "hash FROM finsam_chain ORDER BY position",
    "CREATE UNIQUE INDEX finsam_chain_compact_seq ON finsam_chain_compact (forbund, seq)",
)
# the hexadecimal hash as its bytes: SQLite 3.40 has no unhex(), so Python converts it
TO_BYTES = "UPDATE finsam_chain_compact SET hash = bytes_of(hash)"

ACCOUNTS = ("income", "cost", "equity", "accrued_costs", "bank", "receivables", "opening")
COMPACT_POSTINGS = (
    "CREATE TABLE fin_postings_compact (forbund TEXT, position INTEGER, valid_from INTEGER, "
    "recorded INTEGER, day INTEGER, account INTEGER, line TEXT, insats TEXT, kind INTEGER, "
    "amount INTEGER, seq INTEGER, PRIMARY KEY (forbund, day, position, seq)) WITHOUT ROWID",
    "INSERT INTO fin_postings_compact SELECT forbund, position, julianday(valid_from) - 2440588, "
    "recorded, julianday(day) - 2440588, code(account), line, insats, code(kind), amount, seq "
    "FROM fin_postings",
)


def table_bytes(db: str) -> dict[str, int]:
    """Bytes per table, its indexes counted with it (dbstat names each b-tree)."""
    con = sqlite3.connect(db)
    try:
        owner = dict(con.execute("SELECT name, tbl_name FROM sqlite_schema WHERE type != 'view'"))
        sizes: dict[str, int] = defaultdict(int)
        for name, size in con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            sizes[owner.get(name, name)] += int(size)
        return dict(sizes)
    finally:
        con.close()


def events_in(db: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] or 1)
    finally:
        con.close()


def vacuumed(db: str, where: Path) -> str:
    """A copy of the store (its WAL checkpointed into it) with the view's tables from the
    view's own file (store/view_file.py) made in it as the view makes them, vacuumed: the
    experiments rewrite tables of both in one file."""
    src = sqlite3.connect(db)
    copy = str(where / "copy.db")
    dst = sqlite3.connect(copy, isolation_level=None)
    src.backup(dst)
    src.close()
    if Path(view_path(db)).is_file():
        dst.execute("ATTACH DATABASE ? AS v", (view_path(db),))
        dst.execute("BEGIN")
        for statement in statements(False):
            dst.execute(statement)  # in the copy (main), the same shape and keys
        for table in VIEW_TABLES:
            dst.execute(f"INSERT INTO main.{table} SELECT * FROM v.{table}")
        dst.execute("COMMIT")
        dst.execute("DETACH DATABASE v")
    dst.execute("VACUUM")
    dst.close()
    return copy


def rewrite(db: str, statements: tuple[str, ...], drop: str, after: str = "") -> None:
    codes: dict[str, int] = {name: i for i, name in enumerate(ACCOUNTS)}
    con = sqlite3.connect(db)
    con.create_function("bytes_of", 1, lambda text: bytes.fromhex(text), deterministic=True)
    con.create_function(
        "code", 1, lambda text: codes.setdefault(text, len(codes)), deterministic=False
    )
    for statement in statements:
        con.execute(statement)
    if after:
        con.execute(after)
    con.execute(f"DROP TABLE {drop}")
    con.commit()
    con.execute("VACUUM")
    con.close()


def report(db: str) -> None:
    events = events_in(db)
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        base = vacuumed(db, where)
        before = table_bytes(base)
        chain = str(where / "chain.db")
        shutil.copyfile(base, chain)
        rewrite(chain, COMPACT_CHAIN, "finsam_chain", TO_BYTES)
        with_chain = table_bytes(chain)
        postings = str(where / "postings.db")
        shutil.copyfile(chain, postings)
        rewrite(postings, COMPACT_POSTINGS, "fin_postings")
        with_both = table_bytes(postings)

    def per_event(sizes: dict[str, int], view: bool) -> float:
        return sum(s for t, s in sizes.items() if t.startswith("fin_") == view) / events

    print(f"{db}: {events:,} events (vacuumed copies)\n")
    print("| table (with its indexes) | B/event |")
    print("| --- | ---: |")
    for table, size in sorted(before.items(), key=lambda item: -item[1]):
        print(f"| {table} | {size / events:,.1f} |")
    print("\n| store | log B/event | view B/event | log + view |")
    print("| --- | ---: | ---: | ---: |")
    for name, sizes in (
        ("as it is", before),
        ("compact chain link", with_chain),
        ("compact chain link and postings", with_both),
    ):
        log, view = per_event(sizes, False), per_event(sizes, True)
        print(f"| {name} | {log:,.0f} | {view:,.0f} | {log + view:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="a SQLite store built by benchmarks/bench.py")
    args = parser.parse_args()
    if not Path(args.db).is_file():
        sys.exit(f"error: no store at {args.db}")
    report(args.db)


if __name__ == "__main__":
    main()
