"""The store refuses what it cannot keep, in one line and with nothing written: amounts
beyond the documented maximum, memory stores, impossible years and log positions,
files that are no SQLite store; PostgreSQL URLs and connection failures never show the
password, and fail within the connect timeout (issue 10)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from finsam_es.errors import FinsamError
from finsam_es.values import MAX_AMOUNT, parse_amount
from store.application import FinsamApp
from store.database import store_env
from tests.conftest import EXAMPLES, ON_POSTGRES, PG_URL, Finsam, sqlite_only

EXAMPLE = EXAMPLES / "harnosand-timra-2018.toml"
SECRET = "hemligt-ord-42"


@pytest.fixture
def imported(finsam: Finsam) -> Finsam:
    finsam("import", str(EXAMPLE))
    return finsam


# -- amounts --------------------------------------------------------------------------


def test_the_largest_amount_is_accepted_and_one_ore_more_refused() -> None:
    # MAX_AMOUNT is 1 000 000 000 kr = 10^11 öre; 2^63 / 10^11 > 92 million such amounts
    # fit in a 64-bit sum.
    assert MAX_AMOUNT == 100_000_000_000
    assert (2**63 - 1) // MAX_AMOUNT > 92_000_000
    assert parse_amount("1 000 000 000") == MAX_AMOUNT
    assert parse_amount(-1_000_000_000) == -MAX_AMOUNT
    for text in ("1 000 000 000,01", "1000001 tkr", "100000000001 öre"):
        with pytest.raises(FinsamError, match="beyond the largest amount"):
            parse_amount(text)


def test_a_booking_beyond_64_bits_is_refused_and_queries_keep_working(
    imported: Finsam,
) -> None:
    before = imported.events()
    # the reproduction: 92 233 720 368 547 759 kr is 2^63 öre rounded up
    result = imported.fails("book", "cost", "ovriga", "92233720368547759", "--on", "2018-02-01")
    assert "beyond the largest amount finsam accepts (1 000 000 000 kr)" in result.output
    assert imported.events() == before
    # two bookings at the maximum: their sum 2 × 10^11 öre stays exact
    for _ in range(2):
        imported("book", "cost", "ovriga", "1 000 000 000", "--on", "2018-02-01")
    costs = imported.json("result", "--year", "2018")
    assert "Traceback" not in str(costs)
    imported("view", "verify", "--year", "2018")


def test_a_journal_amount_beyond_the_maximum_is_refused(tmp_path: Path, finsam: Finsam) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("amount = 900000", "amount = 92233720368547759", 1)
    journal = tmp_path / "big.toml"
    journal.write_text(text, encoding="utf-8")
    result = finsam.fails("import", str(journal))
    assert "beyond the largest amount" in result.output
    assert len(result.output.strip().splitlines()) == 1


# -- years and log positions ----------------------------------------------------------


@pytest.mark.parametrize(("year", "bound"), [(0, ">= 1900"), (99999, "<= 2199")])
def test_an_allocation_year_out_of_range_is_one_line(
    tmp_path: Path, finsam: Finsam, year: int, bound: str
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("year = 2018", f"year = {year}", 1)
    journal = tmp_path / "year.toml"
    journal.write_text(text, encoding="utf-8")
    result = finsam.fails("import", str(journal))
    assert result.output.strip().splitlines() == [
        f"error: {journal}: allocations[0].year: Expected `int` {bound}"
    ]


def test_log_since_beyond_any_position_is_a_usage_error(imported: Finsam) -> None:
    result = imported.fails("log", "--since", "99999999999999999999")
    assert "is not in the range" in result.output


def test_log_limit_reads_only_the_last_rows(imported: Finsam, monkeypatch: Any) -> None:
    starts: list[int] = []
    read = FinsamApp.read

    def spy(self: FinsamApp, start: int = 1, batch: int = 2000) -> Any:
        starts.append(start)
        return read(self, start, batch)

    monkeypatch.setattr(FinsamApp, "read", spy)
    total = imported.events()
    rows = imported.json("log", "--limit", "3")["events"]
    assert [row["position"] for row in rows] == [total - 2, total - 1, total]
    assert starts == [total - 2]


# -- store files ----------------------------------------------------------------------


@pytest.mark.parametrize("db", [":memory:", "file:finsam?mode=memory", "file::memory:"])
def test_memory_stores_are_refused(db: str) -> None:
    with pytest.raises(FinsamError, match="memory store: it keeps nothing"):
        store_env(db)
    result = Finsam(db).fails("import", str(EXAMPLE))
    assert "keeps nothing" in result.output


def test_a_file_that_is_no_store_is_one_line(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_bytes(b"Styrelsens anteckningar\n" * 200)
    result = Finsam(str(other)).fails("board")
    assert (
        result.output.strip() == f"error: cannot open the store at {other}: file is not a database"
    )
    assert other.read_bytes() == b"Styrelsens anteckningar\n" * 200


def test_a_directory_as_store_is_one_line(tmp_path: Path) -> None:
    result = Finsam(str(tmp_path)).fails("board")
    assert result.output.startswith(f"error: cannot open the store at {tmp_path}")
    assert len(result.output.strip().splitlines()) == 1


@sqlite_only
def test_a_failed_import_leaves_no_store_file(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    journal = tmp_path / "bad.toml"
    journal.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("year = 2018", "year = 0", 1),
        encoding="utf-8",
    )
    Finsam(str(db)).fails("import", str(journal))
    assert list(tmp_path.iterdir()) == [journal]


@sqlite_only
def test_a_new_store_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Finsam(str(db))("import", str(EXAMPLE))
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


# -- PostgreSQL URLs and connections --------------------------------------------------


def _after_the_warning(output: str) -> str:
    """The output after the warning a password in the URL gives (cli/secrets.py)."""
    first, _, rest = output.partition("\n")
    assert first.startswith("warning: --db carries a password"), output
    return rest.strip()


def test_a_url_without_database_never_prints_the_password() -> None:
    result = Finsam(f"postgresql://kansliet:{SECRET}@127.0.0.1:5432").fails("board")
    assert SECRET not in result.output
    assert _after_the_warning(result.output) == (
        "error: the PostgreSQL URL for 127.0.0.1:5432 names no database "
        "(postgresql://user@host:port/dbname)"
    )


def test_a_port_out_of_range_is_one_line() -> None:
    result = Finsam(f"postgresql://kansliet:{SECRET}@127.0.0.1:99999/finsam").fails("board")
    assert SECRET not in result.output
    assert "no valid port" in result.output
    assert len(_after_the_warning(result.output).splitlines()) == 1


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_closed_port_fails_at_once_naming_host_port_and_database() -> None:
    pytest.importorskip("psycopg")
    port = _closed_port()
    started = time.monotonic()
    result = Finsam(f"postgresql://kansliet:{SECRET}@127.0.0.1:{port}/finsam").fails("board")
    assert time.monotonic() - started < 5
    assert SECRET not in result.output
    assert _after_the_warning(result.output) == (
        f"error: cannot connect to PostgreSQL at 127.0.0.1:{port}/finsam: Connection refused"
    )


needs_server = pytest.mark.skipif(not PG_URL, reason="set FINSAM_TEST_POSTGRES")


def _url(password: str | None, dbname: str = "finsam") -> str:
    from urllib.parse import urlparse

    url = urlparse(PG_URL)
    auth = (url.username or "") + (f":{password}" if password is not None else "")
    return f"postgresql://{auth}@{url.hostname}:{url.port}/{dbname}"


@needs_server
def test_a_wrong_password_fails_within_five_seconds_without_showing_it() -> None:
    pytest.importorskip("psycopg")
    started = time.monotonic()
    result = Finsam(_url(SECRET)).fails("board")
    assert time.monotonic() - started < 5
    assert SECRET not in result.output
    # a password in the URL is warned about first (cli/secrets.py), then the one error
    warning, error = result.output.splitlines()
    assert warning.startswith("warning: --db carries a password")
    assert error.startswith("error: cannot connect to PostgreSQL at 127.0.0.1:")
    assert "password authentication failed" in result.output


@needs_server
def test_an_unknown_database_is_named() -> None:
    pytest.importorskip("psycopg")
    from urllib.parse import urlparse

    result = Finsam(_url(urlparse(PG_URL).password, "ingen_sadan")).fails("board")
    assert "/ingen_sadan: " in result.output
    assert 'database "ingen_sadan" does not exist' in result.output


@needs_server
@pytest.mark.parametrize("variable", ["FINSAM_DB_PASSWORD", "PGPASSWORD"])
def test_the_password_comes_from_the_environment(monkeypatch: Any, variable: str) -> None:
    pytest.importorskip("psycopg")
    from urllib.parse import urlparse

    monkeypatch.delenv("FINSAM_DB_PASSWORD", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    Finsam(_url(None)).fails("log")  # no password anywhere: refused
    monkeypatch.setenv(variable, urlparse(PG_URL).password or "")
    Finsam(_url(None))("log")


@needs_server
def test_the_password_comes_from_pgpass(monkeypatch: Any, tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    from urllib.parse import urlparse

    url = urlparse(PG_URL)
    monkeypatch.delenv("FINSAM_DB_PASSWORD", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    pgpass = tmp_path / ".pgpass"
    pgpass.write_text(f"{url.hostname}:{url.port}:*:{url.username}:{url.password}\n")
    os.chmod(pgpass, 0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    Finsam(_url(None))("log")


def test_backend_of_this_run_is_the_one_asked_for(db: str) -> None:
    assert db.startswith("postgresql://") == ON_POSTGRES


# -- topics ---------------------------------------------------------------------------


@sqlite_only
def test_a_stored_topic_naming_another_module_is_not_imported(tmp_path: Path) -> None:
    import sqlite3
    import sys

    db = tmp_path / "forged.db"
    finsam = Finsam(str(db))
    finsam("import", str(EXAMPLE))
    with sqlite3.connect(db) as conn:  # an intruder's row: importing `this` prints a poem
        row = conn.execute("SELECT originator_id, state FROM stored_events LIMIT 1").fetchone()
        conn.execute(
            "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
            "VALUES (?, 99, 'this:Event', ?)",
            row,
        )
    assert "this" not in sys.modules
    result = finsam.fails("log")
    assert "this" not in sys.modules
    assert result.output.strip().endswith(
        "a stored event names the topic 'this:Event', which is not finsam's"
    )
