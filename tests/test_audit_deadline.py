"""Issue 26: `audit verify` never hangs. It reads in bounded batches, stops at its
--deadline in one line saying how far it came, shows each long step as a bar on
stderr (never in the JSON of stdout), and on PostgreSQL a read stuck behind another
session's lock ends at the deadline too (store/read_bound.py)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from finsam_es.errors import FinsamError
from projections import audit
from projections.deadline import Deadline
from store.application import FinsamApp
from store.view_file import view_path
from tests.conftest import EXAMPLES, ON_POSTGRES, Finsam, sqlite_only

EVENTS = 266  # the Sollefteå example stores 266 events (README's tour shows its log)


@pytest.fixture
def solleftea(finsam: Finsam) -> Finsam:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    assert finsam.events() == EVENTS
    return finsam


class Ticking:
    """A monotonic clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def without_statement_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks between batches alone: on PostgreSQL each connection handed out also
    reads the clock for its statement timeout (tested on its own below)."""

    @contextmanager
    def unbounded(app: FinsamApp, left: Callable[[], float]) -> Iterator[None]:
        yield

    monkeypatch.setattr("projections.queries.statement_bound", unbounded)


def test_the_chain_is_read_in_batches(solleftea: Finsam, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "BATCH", 50)
    steps: list[int] = []
    chain = audit.links(FinsamApp(solleftea.db), advance=steps.append)
    assert sorted(chain) == list(range(1, EVENTS + 1))
    assert steps == [50, 50, 50, 50, 50, 16]  # 5 x 50 + 16 = 266, never all at once


def test_verify_stops_at_its_deadline_in_one_line(
    solleftea: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each read of the clock is a second: made at 1, the deadline of 3 s ends at 4; the
    # batches of 50 links are checked at 2 (position 1), 3 (51) and 4 (101): none left.
    monkeypatch.setattr(audit, "BATCH", 50)
    monkeypatch.setattr("cli.audit.Deadline", lambda seconds: Deadline(seconds, Ticking()))
    without_statement_bounds(monkeypatch)
    result = solleftea.fails("audit", "verify", "--deadline", "3")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "error: audit verify stopped after 3 s while reading the hash chain at position 101: "
        "nothing is verified; give it more time with --deadline SECONDS"
    ]


def test_every_step_is_within_the_deadline(
    solleftea: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wherever the deadline passes, verify stops there in one line: the clock reads
    are counted on a clock that never moves, then each is made the last in turn."""
    without_statement_bounds(monkeypatch)
    app = FinsamApp(solleftea.db)
    reads = Ticking()
    counting = Deadline(10**6, reads)
    from projections.queries import Reader

    Reader(app).verify_audit(deadline=counting)
    stops = set()
    for last in range(2, int(reads.now) + 1):  # the first read makes the deadline
        with pytest.raises(FinsamError) as caught:
            Reader(app).verify_audit(deadline=Deadline(last - 1, Ticking()))
        message = str(caught.value)
        assert message.startswith(f"audit verify stopped after {last - 1} s while ")
        stops.add(message.split(" while ", 1)[1].split(":", 1)[0])
    assert {"reading the hash chain at position 1", "checking the hash chain at position 1",
            "replaying the log at position 1", "reading the view table fin_postings",
            "checking the signatures"} <= stops, stops  # fmt: skip


def test_a_deadline_that_does_not_pass_changes_nothing(solleftea: Finsam) -> None:
    out = solleftea("audit", "verify", "--deadline", "600").output
    assert out.splitlines()[-1] == "verified: the chain is whole and the view agrees with the log"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("0", "'0' is outside 1 to 604800"),
        ("-5", "'-5' is outside 1 to 604800"),
        ("9" * 5000, "(5000 characters)' is outside 1 to 604800"),
        ("١٠", "'١٠' is not a whole number"),
    ],
)
def test_a_bad_deadline_is_one_line_naming_the_option(
    solleftea: Finsam, value: str, says: str
) -> None:
    result = solleftea.fails("audit", "verify", "--deadline", value)
    assert result.exit_code == 2
    assert len(result.output.splitlines()) == 1
    assert "Invalid value for '--deadline'" in result.output
    assert says in result.output


def test_each_long_step_shows_its_progress_on_stderr_only(
    solleftea: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, int, int]] = []

    @contextmanager
    def bar(doing: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        done: list[int] = []
        yield done.append
        shown.append((doing, total or 0, sum(done)))

    monkeypatch.setattr("cli.audit.progress_bar", bar)
    result = solleftea("audit", "verify", "--format", "json")
    assert result.stdout.startswith("{") and '"problems":[]' in result.stdout
    assert shown[:2] == [
        ("reading the hash chain", EVENTS, EVENTS),
        ("checking the hash chain", EVENTS, EVENTS),
    ]
    assert shown[2][:2] == ("replaying the log", EVENTS)


@sqlite_only
def test_a_writer_holding_the_lock_is_answered_in_one_line(solleftea: Finsam) -> None:
    """On SQLite a reader never waits for a writer (the log is write-ahead), and what
    verify writes (the view it catches up, in its own file: store/view_file.py) waits at
    most SQLite's busy timeout: a writer that holds the view's lock for ever gets one
    line within seconds, never a hang."""
    writer = sqlite3.connect(view_path(solleftea.db), isolation_level=None)
    try:
        writer.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        result = solleftea.fails("audit", "verify", "--deadline", "60")
        assert time.monotonic() - started < 30
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.output.splitlines() == [
        f"error: the store at {solleftea.db} is busy (another command is writing); run it again"
    ]


@pytest.mark.skipif(not ON_POSTGRES, reason="a PostgreSQL session's lock")
def test_a_read_stuck_behind_a_lock_ends_at_the_deadline(solleftea: Finsam) -> None:
    """An ACCESS EXCLUSIVE lock (an administrator's, an attacker's) blocks every read of
    the table; finsam's writers take EXCLUSIVE, which readers pass."""
    import psycopg

    with psycopg.connect(solleftea.db) as locker:  # its password from PGPASSWORD
        locker.execute("LOCK TABLE finsam_events IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        result = solleftea.fails("audit", "verify", "--deadline", "3")
        took = time.monotonic() - started
        locker.rollback()
    assert result.output.splitlines() == [
        "error: audit verify stopped after 3 s while waiting for the database: nothing is "
        "verified; give it more time with --deadline SECONDS"
    ]
    assert took < 20
