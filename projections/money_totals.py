"""The view's tables derived from a batch's postings, so that equity and the insatser
current on a date are answered without reading a förbund's whole history (issue 25
item 2): closed-year totals, the opening balances and each insats's first posting day.

Like every other table of the view, their rows are only ever appended, each with the
bitemporal keys of the postings it sums, so the same ``valid_from <= D AND recorded <= T``
admits exactly the postings' part. ``derived`` groups the postings one batch writes (the
view's catch-up and rebuild insert a batch per transaction); a key may therefore have
several rows, one per batch, and every question sums them. ``canonical`` is what the
rows mean whatever the batching, for ``audit verify`` to compare with the log.

Imports nothing of the domain: the quick read path reads the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

TOTALS = "fin_year_totals"
OPENINGS = "fin_openings"
FIRST_DAYS = "fin_insats_first"
DERIVED = (TOTALS, OPENINGS, FIRST_DAYS)
# with their number of columns, in the order they are inserted
DERIVED_WIDTHS = ((TOTALS, 6), (OPENINGS, 7), (FIRST_DAYS, 4))

# (``{clustered}``: WITHOUT ROWID on SQLite, as view_tables.statements makes it.) Each key
# ends in the last position of its batch's postings, so no two batches share one.
DERIVED_TABLES = (
    # the income and cost postings of one calendar year summed, per moment recorded and
    # day valid from (clamped: see ``derived``)
    f"CREATE TABLE IF NOT EXISTS {TOTALS} (forbund TEXT, year INTEGER, valid_from TEXT, "
    "recorded BIGINT, position BIGINT, amount BIGINT, "
    "PRIMARY KEY (forbund, year, valid_from, recorded, position)){clustered}",
    # the opening equity's postings as they are (a förbund has one or two)
    f"CREATE TABLE IF NOT EXISTS {OPENINGS} (forbund TEXT, day TEXT, position BIGINT, "
    "seq INTEGER, valid_from TEXT, recorded BIGINT, amount BIGINT, "
    "PRIMARY KEY (forbund, day, position, seq)){clustered}",
    # the first day an insats has a posting on, per batch
    f"CREATE TABLE IF NOT EXISTS {FIRST_DAYS} (forbund TEXT, insats TEXT, position BIGINT, "
    "day TEXT, PRIMARY KEY (forbund, insats, position)){clustered}",
)

Row = tuple[Any, ...]


def derived(postings: Sequence[Row]) -> dict[str, list[Row]]:
    """The derived tables' rows of a batch's postings (rows of ``fin_postings``:
    forbund, position, valid_from, recorded, day, account, line, insats, kind, amount,
    seq)."""
    totals: dict[tuple[str, int, str, int], list[int]] = {}
    openings: list[Row] = []
    first: dict[tuple[str, str], list[Any]] = {}
    for (
        forbund,
        position,
        valid,
        recorded,
        day,
        account,
        _line,
        insats,
        kind,
        amount,
        seq,
    ) in postings:
        if account in ("income", "cost"):
            year = int(day[:4])
            # A year's total is asked for only on a date in a later year (equity_sums),
            # i.e. on or after 1 January of the next: for such a date a valid_from
            # within the year or before it is always admitted, and one after it is
            # admitted exactly when it is itself. So the year's own postings, whatever
            # their day valid from, fall into one row per moment recorded.
            key = (forbund, year, max(valid, f"{year:04d}-12-31"), recorded)
            found = totals.setdefault(key, [position, 0])
            found[0] = max(found[0], position)
            found[1] += amount
        elif kind == "opening" and account == "equity":
            openings.append((forbund, day, position, seq, valid, recorded, amount))
        if insats:
            seen = first.setdefault((forbund, insats), [position, day])
            seen[0] = max(seen[0], position)
            seen[1] = min(seen[1], day)
    return {
        TOTALS: [(*key, position, amount) for key, (position, amount) in totals.items() if amount],
        OPENINGS: openings,
        FIRST_DAYS: [(f, i, position, day) for (f, i), (position, day) in first.items()],
    }


def canonical(table: str, rows: Iterable[Row]) -> list[Row]:
    """What a derived table's rows say, whatever batches wrote them: the totals summed
    per key (zeros left out), the openings as they are, each insats's first day."""
    if table == TOTALS:
        sums: dict[Row, int] = {}
        for forbund, year, valid, recorded, _position, amount in rows:
            key = (forbund, int(year), valid, int(recorded))
            sums[key] = sums.get(key, 0) + int(amount)
        return sorted((*key, amount) for key, amount in sums.items() if amount)
    if table == FIRST_DAYS:
        days: dict[Row, str] = {}
        for forbund, insats, _position, day in rows:
            days[(forbund, insats)] = min(day, days.get((forbund, insats), day))
        return sorted((*key, day) for key, day in days.items())
    return sorted(tuple(r) for r in rows)
