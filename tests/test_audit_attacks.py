"""Attacks on the store, each detected and named by `finsam audit verify`: one byte of
one stored event changed, an event deleted, two swapped, a forged event appended, the
log truncated, the view's tables edited. A clean store verifies. On SQLite always, on
PostgreSQL when FINSAM_TEST_POSTGRES names a database made for these tests."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store.view_file import view_path
from tests.conftest import EXAMPLES, Finsam, without_password

PG_URL = os.environ.get("FINSAM_TEST_POSTGRES", "")
EXAMPLE = EXAMPLES / "harnosand-timra-2018.toml"


class Raw:
    """Plain SQL on the store behind finsam's back, as an intruder would write it."""

    events = "stored_events"
    position = "rowid"

    def __init__(self, db: str):
        self.db = db

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db) as conn:
            return list(conn.execute(sql, params).fetchall())

    def view(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Plain SQL on the money view's file (store/view_file.py)."""
        with sqlite3.connect(view_path(self.db)) as conn:
            return list(conn.execute(sql, params).fetchall())

    def state(self, position: int) -> bytes:
        rows = self.execute(
            f"SELECT state FROM {self.events} WHERE {self.position} = ?", (position,)
        )
        return bytes(rows[0][0])


class RawPostgres(Raw):
    events = "finsam_events"
    position = "notification_id"

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.db, autocommit=True) as conn:
            cursor = conn.execute(sql.replace("?", "%s"), params)
            return list(cursor.fetchall()) if cursor.description else []

    def view(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """PostgreSQL keeps the view's tables in the store's own database."""
        return self.execute(sql, params)


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres", marks=pytest.mark.skipif(not PG_URL, reason="set FINSAM_TEST_POSTGRES")
    ),
]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Finsam, Raw]]:
    if request.param == "sqlite":
        db = str(tmp_path / "attacked.db")
        raw: Raw = Raw(db)
    else:
        psycopg = pytest.importorskip("psycopg")
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        db = without_password(PG_URL)  # the password from FINSAM_DB_PASSWORD (conftest)
        raw = RawPostgres(PG_URL)
    finsam = Finsam(db)
    finsam("--actor", "kansliet", "import", str(EXAMPLE))
    finsam("book", "cost", "ovriga", "1000", "--on", "2018-06-15", "--text", "Kontorsstol")
    clean = finsam("audit", "verify")  # the view is caught up before the attack
    assert "verified" in clean.stdout
    yield finsam, raw


def refused(finsam: Finsam) -> str:
    """The last line of a failed `audit verify`: its first problem."""
    result = finsam.fails("audit", "verify")
    assert result.exit_code == 1
    return result.stderr.strip().splitlines()[-1]


def last_position(raw: Raw) -> int:
    return int(raw.execute(f"SELECT MAX({raw.position}) FROM {raw.events}")[0][0])


def test_a_clean_store_verifies(store: tuple[Finsam, Raw]) -> None:
    finsam, _ = store
    report = finsam.json("audit", "verify")
    assert report["problems"] == []
    assert report["chained"] == report["events"] == finsam.events()


def test_one_byte_of_one_event_changed(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    position = last_position(raw)  # the booking of 1 000 kr: 100000 öre in its state
    state = raw.state(position)
    assert b"100000" in state
    forged = state.replace(b"100000", b"900000", 1)
    raw.execute(f"UPDATE {raw.events} SET state = ? WHERE {raw.position} = ?", (forged, position))
    assert refused(finsam) == (
        f"error: position {position} (FiscalYear.Booked v{_version(raw, position)}) does not "
        "match its hash: it was changed after it was recorded"
    )


def _version(raw: Raw, position: int) -> int:
    rows = raw.execute(
        f"SELECT originator_version FROM {raw.events} WHERE {raw.position} = ?", (position,)
    )
    return int(rows[0][0])


def test_an_event_deleted(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    raw.execute(f"DELETE FROM {raw.events} WHERE {raw.position} = ?", (20,))
    line = refused(finsam)
    assert "position 20" in line and "the event is gone: deleted" in line


def test_two_events_swapped(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    a, b = 20, 21
    raw.execute(f"UPDATE {raw.events} SET {raw.position} = ? WHERE {raw.position} = ?", (-1, a))
    raw.execute(f"UPDATE {raw.events} SET {raw.position} = ? WHERE {raw.position} = ?", (a, b))
    raw.execute(f"UPDATE {raw.events} SET {raw.position} = ? WHERE {raw.position} = ?", (b, -1))
    line = refused(finsam)
    assert line.startswith(f"error: position {a} (") and "does not match its hash" in line


def test_a_forged_event_appended(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    position = last_position(raw)
    oid, version, topic, state = raw.execute(
        f"SELECT originator_id, originator_version, topic, state FROM {raw.events} "
        f"WHERE {raw.position} = ?",
        (position,),
    )[0]
    raw.execute(
        f"INSERT INTO {raw.events} (originator_id, originator_version, topic, state) "
        "VALUES (?, ?, ?, ?)",
        (oid, version + 1, topic, bytes(state).replace(b"Kontorsstol", b"Konsultarvode")),
    )
    assert refused(finsam) == (
        f"error: position {position + 1} (FiscalYear.Booked v{version + 1}) has no link in the "
        "chain: added outside finsam"
    )


def test_the_log_truncated(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    head = finsam.json("audit", "checkpoint")
    count = finsam.events()
    keep = count - 3
    raw.execute(f"DELETE FROM {raw.events} WHERE {raw.position} > ?", (keep,))
    raw.execute("DELETE FROM finsam_chain WHERE position > ?", (keep,))
    assert refused(finsam) == (
        f"error: the log ends at position {keep} but the view has read up to {count}: "
        "events were removed from the end of the log"
    )
    # even with the view rebuilt to hide it, the checkpoint taken before proves it
    finsam("view", "rebuild")
    finsam("audit", "verify")
    result = finsam.fails("audit", "verify", "--checkpoint", head["hash"])
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: checkpoint {head['hash']} is not in the chain: the log no longer extends "
        "it (truncated or rewritten since)"
    )


def test_the_view_tables_edited(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    position = last_position(raw)
    raw.view(
        "UPDATE fin_postings SET amount = amount + 100 WHERE position = ? AND account = 'cost'",
        (position,),
    )
    result = finsam.fails("audit", "verify")
    # the figure it changed is named too: 1 000 kr cost on 2018-06-15 is in 2018's result
    assert (
        "problem: the view's result:2018 of harnosand-timra on 2018-12-31 is not what the log "
        "gives" in result.stderr
    )
    line = result.stderr.strip().splitlines()[-1]
    assert line == (
        f"error: the view table fin_postings disagrees with the log at position {position} "
        "(2 rows differ): it was edited or is stale; finsam view rebuild writes it again from "
        "the log"
    )
    finsam("view", "rebuild")
    assert "verified" in finsam("audit", "verify").stdout


def test_a_checkpoint_the_log_extends(store: tuple[Finsam, Raw]) -> None:
    finsam, _ = store
    head = finsam.json("audit", "checkpoint")
    assert head["position"] == finsam.events() and len(head["hash"]) == 64
    finsam("book", "cost", "ovriga", "500", "--on", "2018-07-15")
    later = finsam("audit", "verify", "--checkpoint", head["hash"]).stdout
    assert f"the log extends checkpoint {head['hash']} (position {head['position']})" in later
    assert finsam.json("audit", "checkpoint", "--known-at", f"position:{head['position']}") == head


# -- stores an older finsam wrote (the golden store of tests/golden/) -----------------


def golden_copy(tmp_path: Path) -> Finsam:
    db = tmp_path / "v1.sqlite"
    shutil.copyfile(Path(__file__).parent / "golden" / "store-v1.sqlite", db)
    return Finsam(str(db))


def test_a_store_an_older_finsam_wrote_does_not_verify_until_sealed(tmp_path: Path) -> None:
    finsam = golden_copy(tmp_path)
    count = finsam.events()
    assert refused(finsam) == (
        f"error: the store has no hash chain: its {count} events were stored by an older "
        "finsam; `finsam audit seal` (or any command that records) chains them as they "
        "stand now"
    )
    assert f"{count} events chained" in finsam("audit", "seal").stderr
    assert "already covers" in finsam("audit", "seal").stderr
    report = finsam.json("audit", "verify")
    assert report["problems"] == [] and report["chained"] == count


def test_the_first_write_to_an_older_store_chains_what_it_holds(tmp_path: Path) -> None:
    finsam = golden_copy(tmp_path)
    count = finsam.events()
    finsam("--actor", "kansliet", "--forbund", "solleftea", "meeting", "open", "2026-01-15")
    report = finsam.json("audit", "verify")
    assert report["problems"] == [] and report["chained"] == finsam.events() > count
    actors = [e["actor"] for e in finsam.json("log")["events"]]
    assert actors[:count] == [""] * count  # nobody is named for what an older finsam stored
    assert set(actors[count:]) == {"kansliet"}


def test_the_chain_wiped_and_sealed_again(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    head = finsam.json("audit", "checkpoint")
    raw.execute("DELETE FROM finsam_chain")
    assert "error: the store has no hash chain" in refused(finsam)
    # sealing again makes a chain that vouches for the store only as it stands now:
    # the checkpoint pinned before is not in it, so the wipe is still evident
    finsam("audit", "seal")
    assert finsam.json("audit", "verify")["problems"] == []
    result = finsam.fails("audit", "verify", "--checkpoint", head["hash"])
    assert "is not in the chain" in result.stderr.strip().splitlines()[-1]
