"""The money view's tables: their schema in both dialects, and how a batch's rows go in.

``RowWriter`` (projections/money_rows.py) makes the rows each stored event writes;
these are the tables they go into, the tables derived from a batch's postings with them
(projections/money_totals.py), and the one function every writer of the view inserts a
batch with (the view's catch-up and rebuild, and a split rebuild's workers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from projections.money_totals import DERIVED, DERIVED_TABLES, DERIVED_WIDTHS, derived
from projections.view_numbers import DIARIUM, DIARIUM_TABLES, DIARIUM_WIDTH

VIEW_TABLES = (
    "fin_postings",
    "fin_budget",
    "fin_allocation",
    "fin_insats",
    "fin_years",
    "fin_plan",
    *DERIVED,
    DIARIUM,
)
# The view's tables. On SQLite the postings and the insats summaries are clustered on
# their key (WITHOUT ROWID): the key is the only index, not a copy of the rows' columns
# beside them (docs/performance.md: 100 bytes per event less).
CLUSTERED = "{clustered}"
TABLES = (
    "CREATE TABLE IF NOT EXISTS fin_postings (forbund TEXT, position BIGINT, valid_from TEXT, "
    "recorded BIGINT, day TEXT, account TEXT, line TEXT, insats TEXT, kind TEXT, "
    "amount BIGINT, seq INTEGER, PRIMARY KEY (forbund, day, position, seq))" + CLUSTERED,
    "CREATE TABLE IF NOT EXISTS fin_budget (forbund TEXT, year INTEGER, position BIGINT, seq INTEGER, "
    "valid_from TEXT, recorded BIGINT, line TEXT, kind TEXT, name TEXT, insats INTEGER, "
    "delta BIGINT, paragraph TEXT)",
    "CREATE INDEX IF NOT EXISTS fin_budget_year ON fin_budget (forbund, year)",
    "CREATE TABLE IF NOT EXISTS fin_allocation (forbund TEXT, year INTEGER, position BIGINT, "
    "valid_from TEXT, recorded BIGINT, amount BIGINT)",
    "CREATE TABLE IF NOT EXISTS fin_insats (forbund TEXT, insats TEXT, position BIGINT, "
    "valid_from TEXT, recorded BIGINT, summary TEXT, current_until TEXT, "
    "PRIMARY KEY (forbund, insats, position))" + CLUSTERED,
    "CREATE TABLE IF NOT EXISTS fin_years (id TEXT PRIMARY KEY, year INTEGER)",
    "CREATE TABLE IF NOT EXISTS fin_plan (forbund TEXT, year INTEGER, position BIGINT, seq INTEGER, "
    "valid_from TEXT, recorded BIGINT, plan_year INTEGER, line TEXT, amount BIGINT)",
    *DERIVED_TABLES,
    *DIARIUM_TABLES,
)
# tables with a primary key (a derived table's rows come with its batch's postings, which
# refuse a second time: money_view._applied_after need not ask them)
KEYED = ("fin_postings", "fin_insats", "fin_years", *DERIVED, DIARIUM)
INSERTED = (  # the tables rows are appended to, with their number of columns
    ("fin_postings", 11),
    ("fin_budget", 12),
    ("fin_allocation", 6),
    ("fin_insats", 7),
    ("fin_plan", 9),
    *DERIVED_WIDTHS,
    (DIARIUM, DIARIUM_WIDTH),
)


def statements(postgres: bool) -> tuple[str, ...]:
    """The tables and indexes in the store's dialect."""
    clustered = "" if postgres else " WITHOUT ROWID"
    return tuple(t.replace(CLUSTERED, clustered) for t in TABLES)


Rows = dict[str, list[tuple[Any, ...]]]


def no_rows() -> Rows:
    return {table: [] for table in VIEW_TABLES}


def finished(rows: Rows) -> Rows:
    """A batch's rows with those of the tables derived from its postings
    (projections/money_totals.py): whatever inserts a batch inserts these."""
    return {**rows, **derived(rows["fin_postings"])}


def insert_rows(
    c: Any, rows: Rows, suffix: str = "", sql: Callable[[str], str] = lambda s: s
) -> None:
    """Append rows to the view's tables (``suffix``: a rebuild's ``_next`` ones) through a
    cursor; ``sql`` turns the ``?`` placeholders into the driver's. The tables derived
    from the batch's postings (``finished``) go in with them."""
    rows = finished(rows)
    for table, width in INSERTED:
        if rows[table]:
            marks = ",".join("?" * width)
            c.executemany(sql(f"INSERT INTO {table}{suffix} VALUES ({marks})"), rows[table])
    if rows["fin_years"]:
        c.executemany(
            sql(f"INSERT INTO fin_years{suffix} VALUES (?,?) ON CONFLICT (id) DO NOTHING"),
            rows["fin_years"],
        )
