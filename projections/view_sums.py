"""What the money view's tables answer with plain sums, importable without the domain:
the view's tracking name, the sums of the equity question and the budget, result and
insatser answers. ``MoneyView`` asks them through its connection (SQLite or
PostgreSQL), the quick read path (projections/quick_money.py) through a read-only
SQLite connection, so the two cannot answer differently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import msgspec

from projections.money_shapes import (
    BudgetReport,
    BudgetRow,
    InsatserReport,
    InsatsSummary,
    ResultReport,
    budget_report,
    insats_row,
    result_report,
)

# Bump when the rows change shape: a store whose view has an older name rebuilds it on
# first use (v4: postings clustered by förbund and day with a per-event seq, and an
# insats's summary written only when an event changes it; v5: a first grant's own
# period replaces the application's in the summary, so stored summaries are rebuilt;
# v6: postings without the paragraph column, which no posting ever set; v7: closed-year
# totals, the openings and each insats's first posting day in tables of their own
# (projections/money_totals.py), the day each insats summary is current until, and the
# diaria's entries for the applications' diarienummer, projections/view_numbers.py).
NAME = "finsam_money_view_v7"

Query = Callable[[str, tuple[Any, ...]], Sequence[Sequence[Any]]]
"""Runs a statement (``?`` placeholders) and returns its rows."""


def equity_sums(
    query: Query, forbund: str, as_of: date, known: int
) -> tuple[tuple[date, int] | None, int, int]:
    """The opening equity (its day and amount), the result since it and the year's
    allocation on ``as_of``, from rows recorded by ``known`` (µs since the epoch).

    The result is the opening year's postings after its day, the totals of the whole
    years between (fin_year_totals), and the postings of as_of's year up to it: at any
    length of history, at most two years of postings are read."""
    day = as_of.isoformat()
    opening_rows = query(
        "SELECT day, CAST(-SUM(amount) AS BIGINT) AS equity FROM fin_openings WHERE forbund=? "
        "AND valid_from<=? AND day<=? AND recorded<=? GROUP BY day ORDER BY day",
        (forbund, day, day, known),
    )
    opening = (date.fromisoformat(opening_rows[0][0]), opening_rows[0][1]) if opening_rows else None
    start = opening[0].isoformat() if opening else "0000-00-00"
    first_year = opening[0].year if opening else 0  # the opening's (partial) year
    if as_of.year == first_year:  # one span of postings; no whole year, no second span
        spans = ((start, day), (day, day))
    else:  # after the opening, in its year; and as_of's year up to as_of
        spans = ((start, f"{first_year:04d}-12-31"), (f"{as_of.year - 1:04d}-12-31", day))
    postings = (
        "SELECT SUM(amount) AS part FROM fin_postings WHERE forbund=? "
        "AND account IN ('income','cost') AND day>? AND day<=? AND valid_from<=? AND recorded<=?"
    )
    result = query(
        f"SELECT CAST(COALESCE(-SUM(part), 0) AS BIGINT) FROM ({postings} UNION ALL {postings} "
        "UNION ALL SELECT SUM(amount) AS part FROM fin_year_totals WHERE forbund=? AND year>? "
        "AND year<? AND valid_from<=? AND recorded<=?) parts",
        (
            *(forbund, *spans[0], day, known),
            *(forbund, *spans[1], day, known),
            *(forbund, first_year, as_of.year, day, known),
        ),
    )[0][0]
    allocation = query(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM fin_allocation WHERE forbund=? "
        "AND year=? AND valid_from<=? AND recorded<=?",
        (forbund, as_of.year, day, known),
    )[0][0]
    return opening, int(result), int(allocation)


def budget_rows(
    query: Query, forbund: str, year: int, as_of: date, known: int
) -> tuple[list[BudgetRow], int]:
    """The budget's lines of ``year`` as decided by ``as_of`` (deltas summed per line, in
    the order they were decided) and what it takes from equity."""
    rows = query(
        "SELECT line, kind, name, insats, delta, paragraph FROM fin_budget WHERE forbund=? "
        "AND year=? AND valid_from<=? AND recorded<=? ORDER BY position, seq",
        (forbund, year, as_of.isoformat(), known),
    )
    lines: dict[str, dict[str, Any]] = {}
    from_equity = 0
    for line, kind, name, insats, delta, paragraph in rows:
        if kind == "equity":
            from_equity += delta
            continue
        entry = lines.setdefault(
            line,
            {"kind": kind, "name": name, "insats": bool(insats), "amount": 0, "paragraphs": []},
        )
        entry["amount"] += delta
        if paragraph:
            entry["paragraphs"].append(paragraph)
    return [
        BudgetRow(line, e["kind"], e["amount"], tuple(e["paragraphs"]), e["name"], e["insats"])
        for line, e in lines.items()
    ], from_equity


def budget(query: Query, forbund: str, year: int, as_of: date, known: int) -> BudgetReport:
    """The budget of ``year`` on ``as_of`` with the plan years adopted with it."""
    rows, from_equity = budget_rows(query, forbund, year, as_of, known)
    plan: dict[str, dict[str, int]] = {}
    for plan_year, line, amount in query(
        "SELECT plan_year, line, amount FROM fin_plan WHERE forbund=? AND year=? "
        "AND valid_from<=? AND recorded<=? ORDER BY position, seq",
        (forbund, year, as_of.isoformat(), known),
    ):
        plan.setdefault(str(plan_year), {})[line] = amount
    return budget_report(year, as_of, rows, from_equity, plan)


def result(query: Query, forbund: str, year: int, as_of: date, known: int) -> ResultReport:
    """Income and costs per line of ``year`` up to ``as_of`` against its budget."""
    rows, _ = budget_rows(query, forbund, year, as_of, known)
    sums = query(
        "SELECT account, line, CAST(SUM(amount) AS BIGINT) AS total FROM fin_postings "
        "WHERE forbund=? AND account IN ('income','cost') AND day>=? AND day<=? "
        "AND valid_from<=? AND recorded<=? GROUP BY account, line",
        (
            forbund,
            f"{year}-01-01",
            min(as_of, date(year, 12, 31)).isoformat(),
            as_of.isoformat(),
            known,
        ),
    )
    outcome = {(a, line): (s if a == "cost" else -s) for a, line, s in sums}
    return result_report(year, as_of, rows, outcome)


_summary_decoder = msgspec.json.Decoder(InsatsSummary)


def insatser(
    query: Query, forbund: str, as_of: date, known: int, current_only: bool = False
) -> InsatserReport:
    """Every insats of the förbund on ``as_of``: its last summary by then, with the money
    charged to it and paid for it. ``current_only``: only the insatser current on
    ``as_of`` (exactly ``money_shapes.current`` of the whole answer), without decoding
    the others' summaries nor reading their postings."""
    day = as_of.isoformat()
    latest = (
        "SELECT i.summary FROM (SELECT insats, MAX(position) AS p FROM fin_insats "
        "WHERE forbund=? AND valid_from<=? AND recorded<=? GROUP BY insats) latest "
        "JOIN fin_insats i ON i.forbund=? AND i.insats=latest.insats AND i.position=latest.p"
    )
    if current_only:  # a summary is current on as_of exactly when this holds (current_until)
        found = query(f"{latest} WHERE i.current_until>=?", (forbund, day, known, forbund, day))
    else:
        found = query(latest, (forbund, day, known, forbund))
    summaries = [_summary_decoder.decode(blob) for (blob,) in found]
    if current_only:
        money = _money_of(query, forbund, day, known, [s.id for s in summaries])
    else:
        money = _money(query, forbund, "0000-00-00", day, known, ())
    rows = []
    for summary in summaries:
        charged, paid = money.get(summary.id, (0, 0))
        rows.append(insats_row(summary, as_of, charged, paid))
    return InsatserReport(as_of, tuple(sorted(rows, key=lambda r: r.id)))


# At most this many insatser are named in one statement's IN (...); with more, every
# insats's postings are summed and the others' left aside.
NAMED = 500


def _money_of(
    query: Query, forbund: str, day: str, known: int, ids: list[str]
) -> dict[str, tuple[int, int]]:
    """The money of the insatser ``ids`` only, from the first day any of them has a
    posting on. That day is the least over every row of fin_insats_first, recorded at
    any moment, so it is at or before the first posting any date or moment admits:
    a bound that leaves out only postings of other insatser or none at all."""
    if not ids:
        return {}
    if len(ids) > NAMED:
        return _money(query, forbund, "0000-00-00", day, known, ())
    marks = ",".join("?" * len(ids))
    first = query(
        f"SELECT MIN(day) FROM fin_insats_first WHERE forbund=? AND insats IN ({marks})",
        (forbund, *ids),
    )
    if not first or first[0][0] is None:  # none of them has a posting
        return {}
    return _money(query, forbund, first[0][0], day, known, tuple(ids))


def _money(
    query: Query, forbund: str, since: str, day: str, known: int, ids: tuple[str, ...]
) -> dict[str, tuple[int, int]]:
    """Charged and paid per insats from the postings on ``since`` to ``day``, of the
    insatser ``ids`` (none: of every insats)."""
    named = f" AND insats IN ({','.join('?' * len(ids))})" if ids else ""
    return {
        insats: (int(charged), int(paid))
        for insats, charged, paid in query(
            "SELECT insats, "
            "CAST(SUM(CASE WHEN account='cost' THEN amount ELSE 0 END) AS BIGINT) AS charged, "
            "CAST(SUM(CASE WHEN kind='payment' AND account='accrued_costs' THEN amount ELSE 0 END) "
            "AS BIGINT) AS paid FROM fin_postings WHERE forbund=? AND insats != '' AND day>=? "
            f"AND day<=?{named} AND valid_from<=? AND recorded<=? GROUP BY insats",
            (forbund, since, day, *ids, day, known),
        )
    }
