"""The money view in a file of its own beside a SQLite store (store/view_file.py, issue 25
item 4): made beside the store, readable by its owner only, never answering for another
log than the one it read (a restored backup beside a newer view, a view file copied
beside another store), moved out of a store whose file still holds an older finsam's
view, and copied by `finsam backup`."""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cli.quick import answered
from projections.money_fold import Fold
from projections.money_view import MoneyView
from projections.view_sums import NAME
from projections.view_tables import VIEW_TABLES
from store.application import FinsamApp
from store.view_file import view_path
from tests.conftest import EXAMPLES, Finsam, sqlite_only

pytestmark = sqlite_only

EXAMPLE = EXAMPLES / "harnosand-timra-2018.toml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "store-v1.sqlite"
EQUITY = ("equity", "--as-of", "2018-12-31")
EQUITY_DAY = date(2018, 12, 31)


def store(path: Path, actor: str = "kansliet", kronor: str = "1000") -> Finsam:
    """The example imported, and one cost of ``kronor`` booked (the last event)."""
    finsam = Finsam(str(path))
    finsam("--actor", actor, "import", str(EXAMPLE))
    finsam("book", "cost", "ovriga", kronor, "--on", "2018-06-15", "--text", "Kontorsstol")
    return finsam


def copy_stopped(source: str, target: str) -> None:
    """A file copied as an operator copies one with finsam stopped: the in-process
    commands' connections closed (the last one folds SQLite's -wal into the file)."""
    gc.collect()
    assert not any(os.path.exists(p + "-wal") for p in (source, target))
    shutil.copyfile(source, target)


def quick_answers(finsam: Finsam) -> bool:
    """Whether the quick path answers equity (cli/quick.py) without the full path."""
    return answered(["--db", finsam.db, *EQUITY, "--format", "json"])


def tables(db: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        found = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    return found


def view_names(db: str) -> set[str]:
    """The names tracked in the file's library tracking table (none without one)."""
    if "tracking" not in tables(db):
        return set()
    with sqlite3.connect(db) as conn:
        found = {str(r[0]) for r in conn.execute("SELECT application_name FROM tracking")}
    conn.close()
    return found - {"__migration__"}


def equity_of_log(db: str) -> int:
    """Equity at the end of 2018 as the pure fold over the log gives it (no view)."""
    return Fold.of_log(FinsamApp(db)).equity("harnosand-timra", EQUITY_DAY).equity


def test_the_view_lives_beside_the_store_readable_by_its_owner_only(tmp_path: Path) -> None:
    finsam = store(tmp_path / "store.db")
    answer = finsam.json(*EQUITY)
    path = view_path(finsam.db)
    assert path == finsam.db + "-view"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # the store's file holds the log alone; the view's file the tables and the position
    assert not {t for t in tables(finsam.db) if t.startswith("fin_")}
    assert view_names(finsam.db) == set()
    assert set(VIEW_TABLES) <= tables(path)
    assert view_names(path) == {NAME}
    assert answer["equity"] == equity_of_log(finsam.db)
    assert quick_answers(finsam)


def test_a_missing_view_file_goes_the_full_path_which_makes_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam = store(tmp_path / "store.db")
    answer = finsam.json(*EQUITY)
    os.remove(view_path(finsam.db))
    capsys.readouterr()
    assert not quick_answers(finsam)
    assert finsam.json(*EQUITY) == answer  # the full path rebuilt the view from the log
    assert quick_answers(finsam)


def test_a_restored_older_backup_beside_a_newer_view_is_not_answered_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam = store(tmp_path / "store.db")
    older = str(tmp_path / "older.db")
    finsam("backup", older)
    before = finsam.json(*EQUITY)
    finsam("book", "cost", "ovriga", "5000", "--on", "2018-06-20", "--text", "Dator")
    after = finsam.json(*EQUITY)  # the view has read the 5 000 kr: its position is beyond
    assert after["equity"] == before["equity"] - 500_000
    # the log restored from the backup, the view's file left as it was
    copy_stopped(older, finsam.db)
    capsys.readouterr()
    assert not quick_answers(finsam)
    assert finsam.json(*EQUITY) == before
    assert quick_answers(finsam)  # rebuilt for this log: the quick path answers again


def test_a_view_file_copied_beside_another_store_is_not_answered_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the same events in number but not in content (the actor and the amount differ):
    # positions alone cannot tell the views apart, the chain's hashes do
    first = store(tmp_path / "first.db", actor="kansliet", kronor="1000")
    other = store(tmp_path / "other.db", actor="revisorn", kronor="3000")
    assert first.events() == other.events()
    first_answer, other_answer = first.json(*EQUITY), other.json(*EQUITY)
    assert other_answer["equity"] == first_answer["equity"] - 200_000
    copy_stopped(view_path(first.db), view_path(other.db))
    capsys.readouterr()
    assert not quick_answers(other)
    assert other.json(*EQUITY) == other_answer
    assert quick_answers(other)


def test_a_view_behind_another_log_is_rebuilt_not_caught_up(tmp_path: Path) -> None:
    """A view copied beside a longer log of other content: its position is within that
    log, but the link there is not the one it read; catching up from there would add
    the other log's rows to this one's."""
    first = store(tmp_path / "first.db", kronor="1000")
    other = store(tmp_path / "other.db", actor="revisorn", kronor="3000")
    other("book", "cost", "ovriga", "7000", "--on", "2018-06-20", "--text", "Dator")
    first.json(*EQUITY)
    expected = other.json(*EQUITY)
    copy_stopped(view_path(first.db), view_path(other.db))
    view = MoneyView(FinsamApp(other.db))
    assert view.position() == first.events() < other.events()
    assert view.catch_up() == other.events()  # the whole log read again
    assert other.json(*EQUITY) == expected


def test_a_store_with_its_view_in_its_own_file_moves_it_out(tmp_path: Path) -> None:
    """The golden store (tests/golden: an early finsam's) keeps an older view's tables
    and tracking row in its file: the first open drops them there, in one transaction,
    and builds the view in its own file."""
    db = str(tmp_path / "golden.sqlite")
    shutil.copyfile(GOLDEN, db)
    assert {"fin_postings", "fin_budget"} <= tables(db) and view_names(db)
    app = FinsamApp(db)
    view = MoneyView(app)
    assert not {t for t in tables(db) if t.startswith("fin_")}
    assert view_names(db) == set()
    view.catch_up()
    assert view.position() == app.event_count()
    fold = Fold.of_log(app)
    for day in (EQUITY_DAY, date(2024, 12, 31)):
        assert view.equity("solleftea", day) == fold.equity("solleftea", day)
    # opened again: nothing to move, nothing read again
    assert MoneyView(FinsamApp(db)).catch_up() == 0


def test_a_view_of_a_log_not_yet_chained_is_rebuilt_once_the_log_is(tmp_path: Path) -> None:
    """The golden store's log has no chain: its view can be checked for its position
    alone. Once the log is chained (its first write seals it) the view has no link to
    show for its position and is read again from the log, once."""
    db = str(tmp_path / "golden.sqlite")
    shutil.copyfile(GOLDEN, db)
    app = FinsamApp(db)
    view = MoneyView(app)
    view.catch_up()
    with sqlite3.connect(view_path(db)) as conn:
        bound = conn.execute("SELECT position, hash FROM finsam_view_bound").fetchall()
    conn.close()
    assert bound == [(app.event_count(), None)]
    assert app.seal_chain() == app.event_count()
    assert view.catch_up() == app.event_count()  # rebuilt, bound to the chain now
    assert view.catch_up() == 0
    fold = Fold.of_log(app)
    assert view.equity("solleftea", date(2024, 12, 31)) == fold.equity(
        "solleftea", date(2024, 12, 31)
    )


def test_the_backup_copies_the_view_which_answers_for_the_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam = store(tmp_path / "store.db")
    answer = finsam.json(*EQUITY)
    copy = Finsam(str(tmp_path / "copy.db"))
    finsam("backup", copy.db)
    assert stat.S_IMODE(os.stat(view_path(copy.db)).st_mode) == 0o600
    capsys.readouterr()
    assert quick_answers(copy)  # the copied view is at the copy's head: no rebuild
    assert copy.json(*EQUITY) == answer


def test_a_backup_refused_leaves_no_view_file(tmp_path: Path) -> None:
    finsam = store(tmp_path / "store.db")
    finsam.json(*EQUITY)
    taken = str(tmp_path / "taken.db")
    Path(taken).write_bytes(b"")
    result = finsam.fails("backup", taken)
    assert "already exists" in result.output
    assert not os.path.exists(view_path(taken))


def test_an_existing_view_file_is_never_opened_outside_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing a descriptor of a file drops every POSIX lock the process holds on it,
    SQLite's too: a second application on the same store (its first one's datastore not
    yet collected) must not open the view's file to make it, or a writer in another
    process fails with a disk I/O error (tests/test_rebuild_reads.py saw it)."""
    finsam = store(tmp_path / "store.db")
    finsam.json(*EQUITY)
    first = MoneyView(FinsamApp(finsam.db))
    opened: list[str] = []
    real = os.open

    def spy(path: Any, *args: Any, **kwargs: Any) -> int:
        descriptor = real(path, *args, **kwargs)  # O_EXCL on an existing file opens none
        opened.append(str(path))
        return descriptor

    monkeypatch.setattr(os, "open", spy)
    second = MoneyView(FinsamApp(finsam.db))
    assert view_path(finsam.db) not in opened
    assert second.position() == first.position() == finsam.events()
