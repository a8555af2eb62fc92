"""`finsam copy`: a store with its history, SQLite to PostgreSQL and back, answers every
query as the original, its hash chain verifies, a journal imported before imports
nothing into the copy; a non-empty target, the same store and a missing source are
refused in one line; a failed copy leaves nothing; a password is never printed (issue 10,
item 8). The PostgreSQL leg needs the test server (tests/with_postgres.sh)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store import store_copy
from store.application import FinsamApp
from tests.conftest import EXAMPLES, ON_POSTGRES, PG_URL, Finsam, postgres_database

EXAMPLE = EXAMPLES / "solleftea-2024.toml"
QUERIES = (
    ("budget", "--year", "2024", "--as-of", "2024-12-31"),
    ("result", "--year", "2024", "--as-of", "2024-12-31"),
    ("equity", "--as-of", "2024-12-31"),
    ("equity", "--as-of", "2024-12-31", "--known-at", "position:60"),  # the log at 60
    ("interventions", "--as-of", "2024-12-31"),
    ("board", "--as-of", "2024-12-31"),
    ("minutes", "2023-11-23"),
    ("log",),
)


def answers(finsam: Finsam) -> dict[str, Any]:
    out = {" ".join(q): finsam.json(*q) for q in QUERIES}
    out["audit verify"] = finsam("audit", "verify").stdout
    return out


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Finsam, dict[str, Any]]:
    db = tmp_path_factory.mktemp("original") / "solleftea.db"
    finsam = Finsam(str(db))
    finsam("import", str(EXAMPLE))
    return finsam, answers(finsam)


@pytest.fixture
def postgres() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("no PostgreSQL server (tests/with_postgres.sh sets FINSAM_TEST_POSTGRES)")
    pytest.importorskip("psycopg")
    with postgres_database() as url:
        yield url


def copy(finsam: Finsam, source: str, target: str, ok: bool = True) -> Any:
    return finsam("copy", "--from", source, "--to", target, ok=ok)


def test_sqlite_to_postgresql_and_back_answers_the_same(
    original: tuple[Finsam, dict[str, Any]], postgres: str, tmp_path: Path
) -> None:
    finsam, expected = original
    receipt = copy(finsam, finsam.db, postgres).output
    assert f"copied {finsam.events()} events" in receipt
    on_server = Finsam(postgres)
    assert answers(on_server) == expected
    back = str(tmp_path / "back.db")
    copy(finsam, postgres, back)
    assert answers(Finsam(back)) == expected
    # the fingerprints came along: the journal imports nothing into either copy
    assert "nothing new" in on_server("import", str(EXAMPLE)).output
    assert "nothing new" in Finsam(back)("import", str(EXAMPLE)).output
    # the copies go on: the next event continues each chain
    for copied in (on_server, Finsam(back)):
        copied("meeting", "open", "2025-03-01")
        assert "verified" in copied("audit", "verify").stdout
        assert copied.json("log", "--limit", "1")["events"][0]["position"] > finsam.events()


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite leg; the PostgreSQL one is above")
def test_sqlite_to_sqlite_answers_the_same(
    original: tuple[Finsam, dict[str, Any]], tmp_path: Path
) -> None:
    finsam, expected = original
    target = tmp_path / "copy.db"
    copy(finsam, finsam.db, str(target))
    assert answers(Finsam(str(target))) == expected
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_a_store_that_holds_events_is_refused(
    original: tuple[Finsam, dict[str, Any]], finsam: Finsam
) -> None:
    source, _ = original
    finsam("forbund", "create", "x", "--name", "X", "--member", "fk:state:50%",
           "--member", "k:municipality:50%")  # fmt: skip
    before = finsam.events()
    result = finsam.fails("copy", "--from", source.db, "--to", finsam.db)
    assert result.output.splitlines() == [
        f"error: the store at {store_label(finsam.db)} is not empty ({before} events): "
        "copy into a new file or an empty database"
    ]
    assert finsam.events() == before


def store_label(db: str) -> str:
    from store.database import store_name

    return store_name(db)


def test_the_same_store_and_a_missing_source_are_one_line(
    original: tuple[Finsam, dict[str, Any]], tmp_path: Path
) -> None:
    finsam, _ = original
    same = finsam.fails("copy", "--to", finsam.db)
    assert same.output.splitlines() == [f"error: --from and --to name the same store ({finsam.db})"]
    missing = finsam.fails("copy", "--from", str(tmp_path / "none.db"), "--to", "x.db")
    assert missing.output.splitlines() == [f"error: no store at {tmp_path / 'none.db'} to copy"]


def test_a_failed_copy_leaves_nothing(
    original: tuple[Finsam, dict[str, Any]],
    db: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    finsam, _ = original
    monkeypatch.setattr(store_copy, "BATCH", 50)
    real = store_copy._insert

    def fail(*args: Any) -> None:  # the events are in, the chain fails
        real(*args)
        raise store_copy.InvalidInput("the disk is full (test)")

    monkeypatch.setattr(store_copy, "_insert", fail)
    result = finsam.fails("copy", "--to", db)
    assert result.output.splitlines() == ["error: the disk is full (test)"]
    if ON_POSTGRES:
        assert Finsam(db).events() == 0
    else:
        assert not Path(db).exists()


def test_a_password_is_never_printed(original: tuple[Finsam, dict[str, Any]]) -> None:
    finsam, _ = original
    secret = "hemligt-ord-42"
    result = finsam.fails("copy", "--to", f"postgresql://finsam:{secret}@127.0.0.1:1/kopia")
    assert secret not in result.output
    assert "127.0.0.1:1/kopia" in result.output


def test_a_copy_killed_after_its_events_committed_is_finished_by_a_rerun(
    original: tuple[Finsam, dict[str, Any]], finsam: Finsam
) -> None:
    source, expected = original
    # what a copy killed between its transaction and its view's rebuild leaves behind
    copied = store_copy.copy_store(FinsamApp(source.db), FinsamApp(finsam.db))
    assert copied == source.events() == finsam.events()
    again = copy(source, source.db, finsam.db).output
    assert again.strip().splitlines()[-1] == (
        f"✓ the copy of {store_label(source.db)} in {store_label(finsam.db)} is complete "
        f"({copied} events); its ledger view is rebuilt"
    )
    assert answers(finsam) == expected
    assert copy(source, source.db, finsam.db).output.strip().splitlines()[-1] == (
        f"✓ the copy of {store_label(source.db)} in {store_label(finsam.db)} is complete "
        f"({copied} events)"
    )
    assert finsam.events() == copied


def test_an_import_larger_than_a_batch_keeps_every_fingerprint(
    original: tuple[Finsam, dict[str, Any]], tmp_path: Path, monkeypatch: Any
) -> None:
    """An import's fingerprints share its position: copying them a batch at a time by
    position alone kept the first batch and dropped the rest, so a re-import of the
    journal into the copy imported those entries again."""
    finsam, _ = original
    monkeypatch.setattr(store_copy, "BATCH", 7)  # the example's import holds far more
    target = tmp_path / "copy.db"
    copy(finsam, finsam.db, str(target))
    copied = Finsam(str(target))
    assert copied("audit", "verify").exit_code == 0
    assert sorted(FinsamApp(str(target)).fingerprints()) == sorted(
        FinsamApp(finsam.db).fingerprints()
    )
    again = copied("import", str(EXAMPLE))
    assert "(0 events stored)" in again.output or "nothing" in again.output.lower()
    assert copied.events() == finsam.events()
