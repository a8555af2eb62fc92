"""The money view rebuilt per förbund in worker processes (issue 25 item 3): the tables
are the one-process rebuild's row for row, the split is taken only where the store
allows it, and a worker that fails or is killed leaves the view as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commands import bounds
from commands import structs as c
from commands.bus import execute
from finsam_es.errors import FinsamError
from projections import rebuild_parts as parts
from projections.money_rows import RowWriter
from projections.money_totals import DERIVED, canonical
from projections.money_view import MoneyView
from projections.view_sums import NAME
from projections.view_tables import VIEW_TABLES, no_rows
from store.application import FinsamApp
from store.forbund_log import forbund_notifications
from store.view_file import view_path
from tests.conftest import ON_POSTGRES, Clock, Finsam
from tests.test_agreement import (
    BUDGET_MEETINGS,
    EXAMPLES_PER_PROPERTY,
    Step,
    build,
    histories,
    run,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# three förbund and the store's own registry (events of no förbund)
IMPORTS = ("solleftea-2024.toml", "harnosand-timra-2018.toml", "sex-kommuner.toml")
SQLITE_ONLY = pytest.mark.skipif(ON_POSTGRES, reason="reads and changes the SQLite file itself")


@pytest.fixture
def several(make_finsam: Any) -> Finsam:
    """A store of three förbund, imported from the examples."""
    finsam: Finsam = make_finsam("several")
    for name in IMPORTS:
        finsam("import", str(EXAMPLES / name))
    return finsam


Tables = dict[str, list[tuple[Any, ...]]]


def tables(view: MoneyView) -> Tables:
    """Every table's rows; the tables derived from a batch's postings by what they say
    (their rows depend on how the postings were batched: money_totals.canonical)."""
    return {
        t: canonical(t, view.table_rows(t))
        if t in DERIVED
        else sorted(view.table_rows(t), key=repr)
        for t in VIEW_TABLES
    }


class Spy:
    """Counts the splits ``MoneyView.rebuild`` takes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.taken = 0
        write_parts = parts.write_parts

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.taken += 1
            return write_parts(*args, **kwargs)

        monkeypatch.setattr(parts, "write_parts", counted)


def rebuilt(db: str, workers: int | None) -> tuple[Tables, int, list[tuple[int, str]], int]:
    """The view's tables, tracked position and refused events after a rebuild, and how
    many events the rebuild read."""
    view = MoneyView(FinsamApp(db))
    done = view.rebuild(workers=workers)
    return tables(view), view.position(), view.writer.refused, done


def test_the_split_writes_the_rows_of_one_process(
    several: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = Spy(monkeypatch)
    one = rebuilt(several.db, 1)
    assert spy.taken == 0
    assert all(one[0][t] for t in VIEW_TABLES), "every table has rows to compare"
    split = rebuilt(several.db, 2)
    assert spy.taken == (0 if ON_POSTGRES else 1)  # PostgreSQL keeps one process
    assert split == one
    assert one[3] == several.events()  # every event read, once


def test_events_of_no_forbund_write_no_rows(several: Finsam) -> None:
    """The registry's events (chain rows of förbund '') go to a worker of their own;
    they write nothing the view holds."""
    app = FinsamApp(several.db)
    registry = forbund_notifications(app, "")
    assert registry, "the store's own events are chained under no förbund"
    writer = RowWriter(lambda oid, v: app.repository.get(oid, version=v), lambda _y: None)
    rows = no_rows()
    for n in registry:
        writer.write(n.id, app.mapper.to_domain_event(n), rows)
    assert rows == no_rows() and not writer.refused


@SQLITE_ONLY
def test_the_forbund_are_dealt_largest_first_to_the_least_loaded(several: Finsam) -> None:
    split = parts.split_for(FinsamApp(several.db), 2)
    assert split is not None and split.head == several.events()
    # the chain's sizes of the examples: solleftea 265, sexkommuner 49, harnosand 27, '' 1
    assert split.parts == [["solleftea"], ["sexkommuner", "harnosand-timra", ""]]
    assert parts.deal({"a": 5, "b": 4, "c": 3, "d": 3}, 2) == [["a", "d"], ["b", "c"]]


@SQLITE_ONLY
def test_a_chain_that_does_not_reach_the_head_keeps_one_process(
    several: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An event without a link would be missed by a worker (they read by the chain)."""
    one = rebuilt(several.db, 1)
    with sqlite3.connect(several.db) as raw:  # as an older finsam left it: not chained yet
        raw.execute("DELETE FROM finsam_chain WHERE position > ?", (several.events() - 3,))
    raw.close()
    assert parts.split_for(FinsamApp(several.db), 2) is None
    spy = Spy(monkeypatch)
    assert rebuilt(several.db, 2) == one
    assert spy.taken == 0


@SQLITE_ONLY
def test_auto_splits_only_a_big_store_on_several_cores(
    several: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = FinsamApp(several.db)
    monkeypatch.setattr(parts, "cores", lambda: 2)
    assert parts.split_for(app, None) is None  # 342 events: below the threshold
    monkeypatch.setattr(parts, "THRESHOLD", several.events())
    found = parts.split_for(app, None)
    assert found is not None and len(found.parts) == 2
    monkeypatch.setattr(parts, "cores", lambda: 1)
    assert parts.split_for(app, None) is None
    assert parts.split_for(app, 3) is not None  # asked for: whatever the cores
    assert parts.split_for(app, 1) is None


@SQLITE_ONLY
def test_the_environment_sets_the_default(several: Finsam, monkeypatch: pytest.MonkeyPatch) -> None:
    app = FinsamApp(several.db)
    monkeypatch.setenv(parts.ENV, "2")
    assert parts.split_for(app, None) is not None
    assert parts.split_for(app, 1) is None  # the option wins
    monkeypatch.setenv(parts.ENV, "1")
    assert parts.split_for(app, None) is None
    monkeypatch.setenv(parts.ENV, "two")
    with pytest.raises(FinsamError, match="FINSAM_REBUILD_WORKERS='two': give auto or a number"):
        parts.split_for(app, None)
    monkeypatch.setenv(parts.ENV, "2")
    result = several("view", "rebuild")  # the CLI's default is the environment's
    assert f"rebuilt from {several.events()} events" in result.output
    assert several.fails("view", "rebuild", "--workers", "0").output.count("\n") == 1


@SQLITE_ONLY
def test_events_beyond_the_bounds_come_back_from_the_workers(
    several: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        m.setattr(bounds, "check", lambda command: None)  # as an older finsam wrote them
        app = FinsamApp(several.db)
        written = []
        for forbund, amount in (("sexkommuner", 10**22), ("solleftea", 10**21)):
            booking = c.Book(
                forbund=forbund,
                kind="cost",
                line="kansli",
                amount=c.Amount(amount),
                on=date(2025, 3, 1),
                text="stor",
            )
            execute(app, booking)
            written.append(app.event_count())  # the booking: the last event it stored
    one = rebuilt(several.db, 1)
    assert [p for p, _why in one[2]] == written
    assert rebuilt(several.db, 2) == one


@SQLITE_ONLY
def test_a_split_rebuild_verifies(several: Finsam) -> None:
    several("view", "rebuild", "--workers", "2")
    for forbund in ("solleftea", "harnosand-timra", "sexkommuner"):
        several("view", "verify", "--forbund", forbund, "--as-of", "2024-12-31")


def _failing(monkeypatch: pytest.MonkeyPatch, fail: Any) -> None:
    """Every worker's writer fails at its first money event (the fork copies the patch)."""
    write = RowWriter.write

    def failing(self: RowWriter, position: int, event: Any, rows: Any) -> None:
        if getattr(event, "forbund", ""):
            fail()
        write(self, position, event, rows)

    monkeypatch.setattr(RowWriter, "write", failing)


def _raise() -> None:
    raise ValueError("a row the writer cannot make\nand a second line")


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("fail", "said"),
    [
        (
            _raise,
            "error: the view's rebuild failed: ValueError: a row the writer cannot make; "
            "the view is unchanged",
        ),
        (
            _killed,
            "error: a process of the view's rebuild stopped (killed by signal 9) before it "
            "finished; the view is unchanged: run finsam view rebuild again",
        ),
    ],
)
def test_a_failing_worker_fails_the_rebuild_and_changes_nothing(
    several: Finsam, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fail: Any, said: str
) -> None:
    view = MoneyView(FinsamApp(several.db))
    before = tables(view), view.position()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    _failing(monkeypatch, fail)
    result = several.fails("view", "rebuild", "--workers", "2")
    assert result.output.splitlines() == [said]
    assert (tables(view), view.position()) == before
    assert not list(scratch.iterdir()), "the scratch files are removed"


@settings(
    max_examples=max(EXAMPLES_PER_PROPERTY // 8, 3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=histories(), data=st.data())
def test_a_split_rebuild_then_catch_up_writes_the_rows_of_one_process(
    steps: list[Step], data: st.DataObject
) -> None:
    """After a split the parent's writer knows no insats: the next catch-up loads them
    from the log (as after a restart), and must write what one process would have."""
    if ON_POSTGRES:  # the split is SQLite's; PostgreSQL's rebuild is the other tests'
        return
    cut = data.draw(st.integers(0, len(steps)))
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "a.db")
        app = FinsamApp(db, clock=Clock())
        build(app, steps[:cut])
        view = MoneyView(app)
        assert parts.split_for(app, 2) is not None
        view.rebuild(workers=2)
        assert view.position() == app.event_count()
        build_rest(app, steps[:cut], steps[cut:])
        view.catch_up()
        caught_up = tables(view), view.position()
        one = MoneyView(FinsamApp(db))
        one.rebuild(workers=1)
        assert caught_up == (tables(one), one.position())


def build_rest(app: FinsamApp, done: list[Step], steps: list[Step]) -> None:
    """The rest of a history's steps on a store ``build`` began with ``done``: the
    meetings it opened are the budgets' and those of the paragraphs it added."""
    opened = set(BUDGET_MEETINGS.values())
    opened |= {command.meeting for _k, command in done if isinstance(command, c.AddParagraph)}
    for _kind, command in steps:
        if isinstance(command, c.AddParagraph) and command.meeting not in opened:
            assert run(app, c.OpenMeeting(meeting=c.MeetingDetails(date=command.meeting)))
            opened.add(command.meeting)
        run(app, command)


@SQLITE_ONLY
def test_a_repair_inside_a_query_rebuilds_in_one_process(
    several: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tracking position moved back behind rows the view holds makes the catch-up
    rebuild (money_view.py); a query may run in the web's threaded server, where a fork
    could copy a lock another thread holds, so that rebuild never splits."""
    monkeypatch.setenv(parts.ENV, "2")  # what would split any other rebuild
    view = MoneyView(FinsamApp(several.db))
    view.rebuild()
    before = tables(view)
    with sqlite3.connect(view_path(several.db)) as raw:
        raw.execute("UPDATE tracking SET notification_id = 1 WHERE application_name = ?", (NAME,))
    raw.close()
    spy = Spy(monkeypatch)
    assert view.catch_up() == several.events()  # the whole log read again
    assert spy.taken == 0
    assert tables(view) == before
