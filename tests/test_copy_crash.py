"""`finsam copy` and `finsam view rebuild` killed with SIGKILL at random moments (issue 26,
item 9): the target then holds the whole copy or nothing, `audit verify` passes, and the
command run again completes (a copy killed after its transaction committed is finished
and said to be complete). On SQLite, and on PostgreSQL when a server is given (the copy's
target, the rebuilt store).
Kept short: one store of a few thousand events, three kills each."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_import_crash import (
    BASE,
    BASE_EVENTS,
    backend,  # noqa: F401 - the fixture: both backends
    count,
    finsam,
    store,
    verified,
)
from tests.test_postgres_big_import import big_journal

BOOKINGS = 2000
KILLS = 2  # random kill points, and one after the copy's transaction committed

pytestmark = pytest.mark.slow


def _source(tmp_path: Path, db: str | None = None) -> str:
    db = db or str(tmp_path / "source.db")
    journal = tmp_path / "big.toml"
    big_journal(journal, BOOKINGS)
    assert finsam(db, "import", str(BASE)).returncode == 0
    assert finsam(db, "import", str(journal)).returncode == 0
    assert count(db) == BASE_EVENTS + BOOKINGS
    return db


def _copied(target: str) -> bool:
    """Whether the copy's transaction has committed (its record is in the target)."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            row = conn.execute("SELECT to_regclass('finsam_copy') IS NOT NULL").fetchone()
            return bool(row and row[0])
    if not os.path.exists(target):
        return False
    try:
        with sqlite3.connect(f"file:{target}?mode=ro", uri=True, timeout=0.1) as conn:
            return bool(conn.execute("SELECT COUNT(*) FROM finsam_copy").fetchone()[0])
    except sqlite3.Error:
        return False


def _has_events_table(target: str) -> bool:
    """Whether the killed copy got as far as opening the target (its tables made)."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            row = conn.execute("SELECT to_regclass('finsam_events') IS NOT NULL").fetchone()
            return bool(row and row[0])
    if not os.path.exists(target):
        return False
    with sqlite3.connect(target) as conn:
        found = conn.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('stored_events', 'finsam_chain')"
        ).fetchone()
        return bool(found[0] == 2)


def _run(db: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "finsam"), "--db", db, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_copy_killed_anywhere_is_all_or_nothing_and_completes(
    backend: str,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    source = _source(tmp_path)
    full = BASE_EVENTS + BOOKINGS
    started = time.monotonic()
    with store(backend, tmp_path, "reference") as reference:
        assert finsam(source, "copy", "--to", reference).returncode == 0
    took = time.monotonic() - started
    rng = random.Random(os.environ.get("FINSAM_CRASH_SEED", "26"))
    for point in range(KILLS + 1):
        with store(backend, tmp_path, f"killed{point}") as target:
            child = _run(source, "copy", "--to", target)
            if point < KILLS:
                time.sleep(rng.uniform(0.2, took * 1.1))
            else:  # after the commit, while its view is rebuilt
                while child.poll() is None and not _copied(target):
                    time.sleep(0.01)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
            holds = count(target) if _has_events_table(target) else 0
            assert holds in (0, full), f"kill {point}: {holds} events"
            again = finsam(source, "copy", "--to", target)
            assert again.returncode == 0, again.stderr
            if holds:
                assert f"is complete ({full} events)" in again.stderr + again.stdout
            assert verified(target) == full


def test_a_view_rebuild_killed_anywhere_leaves_a_view_that_verifies(
    backend: str,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    with store(backend, tmp_path, "rebuilt") as db:
        source = _source(tmp_path, db)
        started = time.monotonic()
        assert finsam(source, "view", "rebuild").returncode == 0
        took = time.monotonic() - started
        rng = random.Random(os.environ.get("FINSAM_CRASH_SEED", "26"))
        for _ in range(KILLS):
            child = _run(source, "view", "rebuild")
            time.sleep(rng.uniform(0.1, took * 1.1))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
            assert verified(source) == BASE_EVENTS + BOOKINGS  # the old view or the new one
        assert finsam(source, "view", "rebuild").returncode == 0
        assert verified(source) == BASE_EVENTS + BOOKINGS
