"""Equity by closed-year totals and the insatser current on a date, from the view without
reading a förbund's whole history (issue 25 item 2; projections/money_totals.py,
projections/view_sums.py).

Equity is held to the postings summed one by one (the sum the view made before the
totals), on rows drawn at random and written in random batches: openings on 1 January
or 31 December or none, dates in the opening's year, several rows of one key, postings
valid from after their day. The insatser current on a date are held to the whole answer
filtered by ``money_shapes.current`` and to the reference fold, on random histories and
the example stores. No timings here: docs/performance.md has them.
"""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections import view_sums as sums
from projections.money_fold import Fold
from projections.money_shapes import current
from projections.money_totals import DERIVED, canonical
from projections.money_view import MoneyView
from projections.view_numbers import DIARIUM
from projections.view_sums import equity_sums
from projections.view_tables import finished, no_rows, statements
from store.application import FinsamApp
from store.view_file import view_path
from tests.conftest import EXAMPLES, EXAMPLES_PER_PROPERTY, Clock, Finsam, sqlite_only
from tests.test_agreement import FID, Step, build, histories
from tests.test_quick_reads import EXAMPLE_FILES, quick, same_as_full

FIRST, LAST = date(2015, 1, 1), date(2025, 12, 31)
# the days where a year's totals begin and end are drawn more often than the others
days = st.one_of(
    st.dates(FIRST, LAST),
    st.sampled_from([date(y, m, d) for y in (2016, 2019, 2020) for m, d in ((1, 1), (12, 31))]),
)
postings = st.lists(
    st.tuples(
        days,  # the posting's day
        days,  # the day its event is valid from
        st.integers(1, 6),  # the moment it was recorded
        st.sampled_from(["income", "cost", "bank", "receivables"]),
        st.integers(-1_000_000, 1_000_000),
    ),
    max_size=40,
)
# an opening's day, valid from and recorded; none at all: the result from the beginning
openings = st.lists(st.tuples(days, days, st.integers(1, 6)), max_size=2)


def _store(rows: list[tuple[Any, ...]], cuts: list[int]) -> sqlite3.Connection:
    """An in-memory view whose postings (with their derived rows) were written in the
    batches ``cuts`` makes of them."""
    con = sqlite3.connect(":memory:")
    for statement in statements(False):
        con.execute(statement)
    bounds = [0, *sorted({c % (len(rows) + 1) for c in cuts}), len(rows)]
    for a, b in itertools.pairwise(bounds):
        batch = no_rows()
        batch["fin_postings"] = rows[a:b]
        for table, found in finished(batch).items():
            if found:
                marks = ",".join("?" * len(found[0]))
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", found)
    return con


@settings(max_examples=EXAMPLES_PER_PROPERTY * 5, deadline=None)
@given(
    drawn=postings,
    opened=openings,
    cuts=st.lists(st.integers(0, 100), max_size=4),
    as_of=days,
    known=st.integers(0, 7),
)
def test_equity_from_year_totals_is_the_postings_summed(
    drawn: list[tuple[date, date, int, str, int]],
    opened: list[tuple[date, date, int]],
    cuts: list[int],
    as_of: date,
    known: int,
) -> None:
    rows: list[tuple[Any, ...]] = []
    for day, valid, recorded in opened:
        rows.append(
            (
                "f",
                len(rows),
                valid.isoformat(),
                recorded,
                day.isoformat(),
                "equity",
                "",
                "",
                "opening",
                -5_000,
                0,
            )
        )
    for day, valid, recorded, account, amount in drawn:
        rows.append(
            (
                "f",
                len(rows),
                valid.isoformat(),
                recorded,
                day.isoformat(),
                account,
                "x",
                "",
                "booking",
                amount,
                0,
            )
        )
    con = _store(rows, cuts)

    def query(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return con.execute(sql, params).fetchall()

    admitted = [
        r for r in rows if r[2] <= as_of.isoformat() and r[3] <= known and r[4] <= as_of.isoformat()
    ]
    opening_days = sorted({r[4] for r in admitted if r[8] == "opening"})
    start = opening_days[0] if opening_days else "0000-00-00"
    expected_opening = (
        (
            date.fromisoformat(start),
            -sum(r[9] for r in admitted if r[8] == "opening" and r[4] == start),
        )
        if opening_days
        else None
    )
    expected_result = -sum(r[9] for r in admitted if r[5] in ("income", "cost") and r[4] > start)
    assert equity_sums(query, "f", as_of, known) == (expected_opening, expected_result, 0)
    assert equity_sums(query, "other", as_of, known) == (None, 0, 0)


def test_a_year_total_is_one_row_per_moment_recorded_whatever_its_days() -> None:
    """The store stays small: a year's postings written at one moment are one row, their
    days valid from within the year folded into its last day (money_totals.derived)."""
    rows = [
        ("f", p, f"2020-{m:02d}-15", 7, f"2020-{m:02d}-28", "cost", "x", "", "booking", 100, 0)
        for p, m in enumerate(range(1, 13))
    ] + [("f", 12, "2021-02-01", 7, "2020-12-31", "income", "x", "", "booking", -50, 0)]
    con = _store(rows, [])
    assert con.execute("SELECT * FROM fin_year_totals ORDER BY valid_from").fetchall() == [
        ("f", 2020, "2020-12-31", 7, 11, 1200),
        ("f", 2020, "2021-02-01", 7, 12, -50),
    ]


def _answers(view: MoneyView, fold: Fold, as_of: date, known_at: Any) -> None:
    """The insatser current on ``as_of`` are the whole answer filtered, and the fold's;
    equity is the fold's."""
    whole = view.insatser(FID, as_of, known_at)
    only = view.insatser(FID, as_of, known_at, current_only=True)
    assert only == current(whole) == fold.insatser(FID, as_of, known_at, current_only=True)
    assert view.equity(FID, as_of, known_at) == fold.equity(FID, as_of, known_at)


@settings(
    max_examples=max(EXAMPLES_PER_PROPERTY // 4, 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=histories(), data=st.data())
def test_the_current_insatser_on_random_histories(steps: list[Step], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        app = FinsamApp(str(Path(tmp) / "a.db"), clock=clock)
        build(app, steps)
        view = MoneyView(app)
        view.catch_up()
        fold = Fold(app.read())
        start, end = Clock().now, clock.now
        moments = [
            (
                date(2023, 11, 1) + timedelta(days=data.draw(st.integers(0, 900))),
                data.draw(
                    st.sampled_from([None, start + (end - start) * data.draw(st.floats(0, 1))])
                ),
            )
            for _ in range(4)
        ]
        for as_of, known_at in moments:
            _answers(view, fold, as_of, known_at)
        # written again in batches of three events: other rows of the derived tables,
        # which say the same and answer the same
        before = {t: canonical(t, view.table_rows(t)) for t in DERIVED}
        view.rebuild(batch=3)
        assert {t: canonical(t, view.table_rows(t)) for t in DERIVED} == before
        for as_of, known_at in moments:
            _answers(view, fold, as_of, known_at)


@pytest.mark.parametrize("named", [sums.NAMED, 1])  # 1: more insatser than an IN names
def test_the_current_insatser_on_the_examples(
    make_finsam: Callable[[str], Finsam], monkeypatch: pytest.MonkeyPatch, named: int
) -> None:
    monkeypatch.setattr(sums, "NAMED", named)
    for example in EXAMPLE_FILES:
        finsam = make_finsam(example)
        finsam("import", str(EXAMPLES / f"{example}.toml"))
        app = FinsamApp(finsam.db)
        view = MoneyView(app)
        view.catch_up()
        fold = Fold(app.read())
        for fid in _forbund_ids(app):
            for year in range(2019, 2028):
                for as_of in (date(year, 1, 1), date(year, 6, 30), date(year, 12, 31)):
                    whole = view.insatser(fid, as_of)
                    only = view.insatser(fid, as_of, current_only=True)
                    assert only == current(whole) == fold.insatser(fid, as_of, current_only=True)
                    assert view.equity(fid, as_of) == fold.equity(fid, as_of)
        app.close()


def _forbund_ids(app: FinsamApp) -> list[str]:
    return sorted({str(r[0]) for r in MoneyView(app).table_rows("fin_postings")})


@sqlite_only
def test_a_store_whose_view_is_v6_answers_the_same_after_the_upgrade(
    finsam: Finsam, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    questions = (
        ("equity", "--as-of", "2025-12-31"),
        ("interventions", "--as-of", "2025-12-31"),
        ("interventions", "--as-of", "2024-06-30", "--all"),
    )
    answers = [finsam.json(*q) for q in questions]
    # the view as finsam_money_view_v6 left it: no derived tables nor diaria, the
    # summaries without the day they are current until, its position under the old name
    con = sqlite3.connect(view_path(finsam.db))
    with con:
        for table in (*DERIVED, DIARIUM):
            con.execute(f"DROP TABLE {table}")
        con.execute("ALTER TABLE fin_insats DROP COLUMN current_until")
        con.execute(
            "UPDATE tracking SET application_name='finsam_money_view_v6' "
            "WHERE application_name='finsam_money_view_v7'"
        )
    con.close()
    # the quick path does not read a view of another name: the full command answers
    call = ("--forbund", "solleftea", *questions[1], "--format", "json")
    assert not quick(finsam, capsys, *call)[0]
    assert [finsam.json(*q) for q in questions] == answers
    same_as_full(finsam, capsys, *call)  # the view rebuilt by the full command: both read it
    con = sqlite3.connect(view_path(finsam.db))
    names = {r[0] for r in con.execute("SELECT application_name FROM tracking")}
    rows = con.execute("SELECT COUNT(*) FROM fin_year_totals").fetchone()[0]
    con.close()
    assert "finsam_money_view_v7" in names and rows > 0
