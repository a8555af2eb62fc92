"""Shared fixtures: a temporary store with a controllable clock, and the CLI."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from uuid import UUID

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from cli.main import cli
from commands import structs as c
from commands.bus import Outcome, execute
from finsam_es.errors import FinsamError
from store.application import FinsamApp
from store.loading import AggregateT

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


class Clock:
    """A clock that advances one second each time it is read (recorded times stay distinct)."""

    def __init__(self, start: datetime = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)):
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


# The store backend. `make test` runs the suite twice: on SQLite, then with
# FINSAM_TEST_BACKEND=postgres, where every `db` (and `make_finsam`) store is a new
# database on the throw-away server tests/with_postgres.sh started and named in
# FINSAM_TEST_POSTGRES. Tests that open the store's file themselves use tmp_path.
# Every aggregate a save leaves for the next one is checked against a replay of its
# events (store/aggregate_cache.py): the whole suite holds apply and replay to one state.
os.environ.setdefault("FINSAM_CHECK_CACHE", "1")
PG_URL = os.environ.get("FINSAM_TEST_POSTGRES", "")
ON_POSTGRES = os.environ.get("FINSAM_TEST_BACKEND") == "postgres"
if ON_POSTGRES and not PG_URL:
    raise RuntimeError("FINSAM_TEST_BACKEND=postgres needs FINSAM_TEST_POSTGRES (a server URL)")
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="opens the SQLite file itself")
_databases = itertools.count(1)


def without_password(url: str) -> str:
    """The URL with its password left out: finsam takes it from FINSAM_DB_PASSWORD, as a
    secretary gives it (a password in --db is warned about: `ps` shows it)."""
    parts = urlsplit(url)
    netloc = f"{parts.username}@{parts.hostname}:{parts.port}" if parts.username else parts.netloc
    return urlunsplit(parts._replace(netloc=netloc))


if PG_URL:  # the test server's password, for every store the tests open on it, through
    # finsam (FINSAM_DB_PASSWORD) and through psycopg where a test looks at a store itself
    os.environ.setdefault("FINSAM_DB_PASSWORD", urlsplit(PG_URL).password or "")
    os.environ.setdefault("PGPASSWORD", urlsplit(PG_URL).password or "")


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new empty database on the test server (dropped afterwards); its URL, without
    the password (FINSAM_DB_PASSWORD holds it)."""
    import psycopg

    base = without_password(PG_URL).rsplit("/", 1)[0]
    name = f"finsam_test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    if ON_POSTGRES:
        with postgres_database() as url:
            yield url
    else:
        yield str(tmp_path / "finsam.db")


@pytest.fixture
def app(db: str, clock: Clock) -> FinsamApp:
    return FinsamApp(db, clock=clock)


Run = Callable[[c.Command], Outcome]
Refuse = Callable[[c.Command], FinsamError]


@pytest.fixture
def run(app: FinsamApp) -> Run:
    """Run a command through the command bus, as the CLI and the journal do."""
    return lambda command: execute(app, command)


@pytest.fixture
def refused(app: FinsamApp) -> Refuse:
    """Run a command that must be refused; the store must not change."""

    def refuse(command: c.Command) -> FinsamError:
        events = app.event_count()
        with pytest.raises(FinsamError) as caught:
            execute(app, command)
        assert app.event_count() == events
        return caught.value

    return refuse


def stored(app: FinsamApp, kind: type[AggregateT], aggregate_id: UUID) -> AggregateT:
    """The aggregate as the store holds it; the test fails when there is none."""
    aggregate = app.load(kind, aggregate_id)
    assert aggregate is not None, f"no {kind.__name__} stored under {aggregate_id}"
    return aggregate


class Finsam:
    """Runs `finsam --db DB ...` in-process and parses --format json output."""

    def __init__(self, db: str):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, ok: bool = True) -> Result:
        result = self.runner.invoke(cli, ["--db", self.db, *args], catch_exceptions=False)
        if ok and result.exit_code != 0:
            raise AssertionError(
                f"finsam {' '.join(args)} failed ({result.exit_code}):\n{result.output}"
            )
        return result

    def json(self, *args: str) -> Any:
        result = self(*args, "--format", "json")
        return json.loads(result.stdout)

    def fails(self, *args: str) -> Result:
        result = self(*args, ok=False)
        assert result.exit_code != 0, (
            f"finsam {' '.join(args)} should have failed:\n{result.output}"
        )
        assert "Traceback" not in result.output
        return result

    def events(self) -> int:
        return FinsamApp(self.db).event_count()


@pytest.fixture
def finsam(db: str) -> Finsam:
    return Finsam(db)


@pytest.fixture
def make_finsam(tmp_path: Path) -> Iterator[Callable[[str], Finsam]]:
    if not ON_POSTGRES:
        yield lambda name: Finsam(str(tmp_path / f"{name}.db"))
        return
    databases: list[Any] = []

    def make(name: str) -> Finsam:
        database = postgres_database()
        databases.append(database)
        return Finsam(database.__enter__())

    yield make
    for database in reversed(databases):
        database.__exit__(None, None, None)


# CI runs the property tests on a fixed set of examples (no flaky landings); a
# developer's run explores new ones each time. FINSAM_EXAMPLES=400 explores more.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
EXAMPLES_PER_PROPERTY = int(os.environ.get("FINSAM_EXAMPLES", "40"))
