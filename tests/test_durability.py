"""The operator's durability setting for SQLite (issue 25 item 5, store/durability.py):
FULL unless FINSAM_SQLITE_SYNCHRONOUS=normal chooses NORMAL; anything else is refused in
one line before the store is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.application import FinsamApp
from store.durability import (
    CHECKPOINT_PAGES,
    SETTING,
    connection_level,
    connection_pragma,
    synchronous_level,
)
from tests.conftest import ON_POSTGRES, Finsam

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="a SQLite setting")

FULL, NORMAL = 2, 1  # SQLite's numbers for the levels (PRAGMA synchronous)
CREATE = (
    "forbund",
    "create",
    "solleftea",
    "--name",
    "Samordningsförbundet Sollefteå",
    "--member",
    "fk:state:50%",
    "--member",
    "solleftea:municipality:50%",
)


def test_the_default_is_full_and_every_spelling_of_the_two_levels_is_read() -> None:
    assert synchronous_level({}) == "FULL"
    assert synchronous_level({SETTING: ""}) == "FULL"
    assert synchronous_level({SETTING: " Normal "}) == "NORMAL"
    assert synchronous_level({SETTING: "FULL"}) == "FULL"


def test_a_store_opened_by_default_commits_with_full(tmp_path: Path) -> None:
    app = FinsamApp(str(tmp_path / "full.db"))
    assert connection_level(app.factory.datastore) == FULL  # type: ignore[attr-defined]


def test_normal_is_set_on_every_connection_the_store_writes_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SETTING, "normal")
    db = str(tmp_path / "normal.db")
    finsam = Finsam(db)
    finsam(*CREATE)
    app = FinsamApp(db)
    assert app.event_count() == Finsam(db).events() > 0
    # the pool's connections, the writer's among them, all carry the level
    pool = app.factory.datastore.pool  # type: ignore[attr-defined]
    held = [pool.get_connection(is_writer=False) for _ in range(3)]
    try:
        levels = {c._sqlite_conn.execute("PRAGMA synchronous").fetchone()[0] for c in held}
    finally:
        for c in held:
            pool.put_connection(c)
    assert levels == {NORMAL}


def test_an_unknown_level_is_refused_in_one_line_and_nothing_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SETTING, "off")
    db = tmp_path / "never.db"
    result = Finsam(str(db)).fails(*CREATE)
    message = result.output.strip()
    assert SETTING in message and "'off'" in message and "full or normal" in message
    assert len(message.splitlines()) == 1
    assert not db.exists()


def test_every_connection_checkpoints_the_log_every_eight_thousand_pages(tmp_path: Path) -> None:
    app = FinsamApp(str(tmp_path / "store.db"))
    datastore = app.factory.datastore  # type: ignore[attr-defined]
    assert connection_pragma(datastore, "wal_autocheckpoint") == CHECKPOINT_PAGES == 8000
    assert connection_level(datastore) == FULL  # durability as before
