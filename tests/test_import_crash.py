"""A large journal import killed with SIGKILL at random moments, on each backend: the
store then holds all of that import or none of it, its hash chain verifies, and the
import run again completes (issue 10, item 7). Each finsam runs in a child process."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ON_POSTGRES, PG_URL, postgres_database
from tests.test_postgres_big_import import big_journal

BOOKINGS = 5000
BASE = EXAMPLES / "harnosand-timra-2018.toml"  # 16 entries, 28 events
# its one posting is an anslag on each of three boards (posting.py); its four applications
# are registered in the diarium on receipt: the year's diarium opened and four entries
BASE_EVENTS = 23 + 1 + 4
KILLS = 2  # random kill points per backend, and one in the middle of the commit

pytestmark = pytest.mark.slow

BACKENDS = ["sqlite", "postgres"]


def finsam(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "finsam"), "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def verified(db: str) -> int:
    """The number of events the store holds, after `audit verify` found its chain whole
    (positions on PostgreSQL may have gaps where a killed transaction took numbers)."""
    found = finsam(db, "audit", "verify", "--format", "json")
    assert found.returncode == 0, found.stdout + found.stderr
    report = json.loads(found.stdout)
    assert report["events"] == report["chained"]
    return int(report["events"])


def count(db: str) -> int:
    """The stored events and chain links, counted in the database (cheaper than verify)."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM finsam_events), (SELECT count(*) FROM finsam_chain)"
            ).fetchone()
    else:
        with sqlite3.connect(db) as conn:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM stored_events), (SELECT count(*) FROM finsam_chain)"
            ).fetchone()
    assert row is not None and row[0] == row[1]
    return int(row[0])


@contextmanager
def store(backend: str, tmp_path: Path, name: str) -> Iterator[str]:
    if backend == "postgres":
        with postgres_database() as url:
            yield url
    else:
        yield str(tmp_path / f"{name}.db")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    name = str(request.param)
    if name == "postgres":
        if not PG_URL:
            pytest.skip("no PostgreSQL server (tests/with_postgres.sh sets FINSAM_TEST_POSTGRES)")
        pytest.importorskip("psycopg")
    if ON_POSTGRES:
        pytest.skip("both backends run in the SQLite run of `make test`")
    return name


def test_an_import_killed_anywhere_leaves_all_or_nothing(backend: str, tmp_path: Path) -> None:
    journal = tmp_path / "big.toml"
    big_journal(journal, BOOKINGS)  # the base's 16 entries and BOOKINGS costs, one event each
    full = BASE_EVENTS + BOOKINGS
    # how long an uninterrupted import takes here, so the kills land all over it
    with store(backend, tmp_path, "reference") as db:
        assert finsam(db, "import", str(BASE)).returncode == 0
        started = time.monotonic()
        done = finsam(db, "import", str(journal))
        took = time.monotonic() - started
        assert done.returncode == 0, done.stderr
        assert count(db) == full
    rng = random.Random(os.environ.get("FINSAM_CRASH_SEED", "10"))
    outcomes = []
    for point in range(KILLS + 1):
        with store(backend, tmp_path, f"killed{point}") as db:
            assert finsam(db, "import", str(BASE)).returncode == 0
            child = subprocess.Popen(
                [str(Path(sys.executable).parent / "finsam"), "--db", db, "import", str(journal)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if point < KILLS:
                when = f"after {rng.uniform(0.2, took * 1.1):.2f} s"
                time.sleep(float(when.split()[1]))
            else:
                when = "while it wrote"
                assert writing(backend, db, child), "the import ended before it was seen writing"
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
            found = verified(db)
            assert found in (BASE_EVENTS, full), f"killed {when}: {found} events"
            outcomes.append(found == full)
            again = finsam(db, "import", str(journal))
            assert again.returncode == 0, again.stderr
            assert count(db) == full
    # which kills came before the commit and which after depends on the machine: shown
    print(f"{backend}: {sum(outcomes)} of {KILLS + 1} kills came after the commit")


def writing(backend: str, db: str, child: subprocess.Popen[bytes]) -> bool:
    """Wait until the import is writing its events (SQLite: its write-ahead log has grown
    past what opening the store writes; PostgreSQL: it holds the events table's lock)."""
    check = _postgres_writing(db) if backend == "postgres" else _sqlite_writing(db)
    while child.poll() is None:
        if check():
            return True
        time.sleep(0.005)
    return False


def _sqlite_writing(db: str) -> Callable[[], bool]:
    wal = Path(db + "-wal")
    return lambda: wal.exists() and wal.stat().st_size > 256 * 1024


def _postgres_writing(db: str) -> Callable[[], bool]:
    import psycopg

    conn = psycopg.connect(db, autocommit=True)

    def check() -> bool:
        row = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE relation = 'finsam_events'::regclass "
            "AND mode = 'ExclusiveLock' AND granted"
        ).fetchone()
        return bool(row and row[0])

    return check
