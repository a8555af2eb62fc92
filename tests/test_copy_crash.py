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

from tests.conftest import ON_POSTGRES
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


SPLIT_BOOKINGS = 10_000  # enough for the workers to run a while after their files appear


def _workers(pid: int) -> list[int]:
    """The processes a process has started (Linux's list of a task's children)."""
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


def _running(pid: int) -> bool:
    """Whether a process still runs (a zombie no init has reaped yet has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_split_view_rebuild_killed_while_its_workers_run_leaves_a_view_that_verifies(
    tmp_path: Path,
) -> None:
    """`view rebuild --workers 2` (projections/rebuild_parts.py) killed while its workers
    write their scratch files: the view is the old one and verifies, the workers stop
    when they find their parent gone, and the rebuild run again completes. Interrupted
    (Ctrl-C) it says so once and leaves no scratch file."""
    if ON_POSTGRES:
        pytest.skip("the split is SQLite's; this runs in the SQLite run of `make test`")
    db = str(tmp_path / "split.db")
    journal = tmp_path / "big.toml"
    big_journal(journal, SPLIT_BOOKINGS)
    assert finsam(db, "import", str(journal)).returncode == 0
    full = verified(db)
    scratch = tmp_path / "scratch"  # where the rebuild's scratch files are made
    scratch.mkdir()
    environment = {**os.environ, "TMPDIR": str(scratch)}
    rng = random.Random(os.environ.get("FINSAM_CRASH_SEED", "26"))
    command = [str(Path(sys.executable).parent / "finsam"), "--db", db]
    for _ in range(KILLS):
        child = subprocess.Popen(
            [*command, "view", "rebuild", "--workers", "2"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not list(scratch.glob("finsam-rebuild-*/part*.db")):
            assert child.poll() is None and time.monotonic() < deadline, "no worker started"
            time.sleep(0.005)
        workers = _workers(child.pid)
        time.sleep(rng.uniform(0, 0.2))
        assert len(workers) == 2
        assert child.poll() is None and any(_running(pid) for pid in workers), "killed too late"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        deadline = time.monotonic() + 30
        while any(_running(pid) for pid in workers):  # between two of their batches
            assert time.monotonic() < deadline, "a worker outlived its rebuild"
            time.sleep(0.05)
        assert verified(db) == full  # the old view
        for left in scratch.iterdir():  # a killed parent cannot remove them: TMPDIR's
            for part in left.iterdir():
                part.unlink()
            left.rmdir()
    # Ctrl-C, which reaches the whole process group: said once, as for one process
    child = subprocess.Popen(
        [*command, "view", "rebuild", "--workers", "2"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    while not list(scratch.glob("finsam-rebuild-*/part*.db")):
        assert child.poll() is None, "no worker started"
        time.sleep(0.005)
    os.killpg(child.pid, signal.SIGINT)
    _, said = child.communicate(timeout=60)
    assert (child.returncode, said.decode().strip()) == (1, "Aborted!")
    assert not list(scratch.iterdir()), "the interrupted rebuild removed its scratch files"
    assert verified(db) == full
    again = subprocess.run(
        [*command, "view", "rebuild", "--workers", "2"], env=environment, check=False
    )
    assert again.returncode == 0
    assert verified(db) == full
    assert not list(scratch.iterdir())
