"""What the money view's tables answer with plain sums, importable without the domain:
the view's tracking name and the sums of the equity question. ``MoneyView`` asks them
through its connection (SQLite or PostgreSQL), the quick read path
(projections/quick_money.py) through a read-only SQLite connection, so the two cannot
answer differently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

# Bump when the rows change shape: a store whose view has an older name rebuilds it on
# first use (v4: postings clustered by förbund and day with a per-event seq, and an
# insats's summary written only when an event changes it; v5: a first grant's own
# period replaces the application's in the summary, so stored summaries are rebuilt;
# v6: postings without the paragraph column, which no posting ever set).
NAME = "finsam_money_view_v6"

Query = Callable[[str, tuple[Any, ...]], Sequence[Sequence[Any]]]
"""Runs a statement (``?`` placeholders) and returns its rows."""


def equity_sums(
    query: Query, forbund: str, as_of: date, known: int
) -> tuple[tuple[date, int] | None, int, int]:
    """The opening equity (its day and amount), the result since it and the year's
    allocation on ``as_of``, from rows recorded by ``known`` (µs since the epoch)."""
    day = as_of.isoformat()
    opening_rows = query(
        "SELECT day, CAST(-SUM(amount) AS BIGINT) AS equity FROM fin_postings WHERE forbund=? "
        "AND kind='opening' AND account='equity' AND valid_from<=? AND day<=? AND recorded<=? "
        "GROUP BY day",
        (forbund, day, day, known),
    )
    opening = (date.fromisoformat(opening_rows[0][0]), opening_rows[0][1]) if opening_rows else None
    start = opening[0].isoformat() if opening else "0000-00-00"
    result = query(
        "SELECT CAST(COALESCE(-SUM(amount), 0) AS BIGINT) FROM fin_postings WHERE forbund=? "
        "AND account IN ('income','cost') AND day>? AND day<=? AND valid_from<=? AND recorded<=?",
        (forbund, start, day, day, known),
    )[0][0]
    allocation = query(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM fin_allocation WHERE forbund=? "
        "AND year=? AND valid_from<=? AND recorded<=?",
        (forbund, as_of.year, day, known),
    )[0][0]
    return opening, int(result), int(allocation)
