"""Re-import detection costs memory in proportion to the file, not to the history: the
fingerprints of imported journal entries live in the store's side table
(store/imported.py), written with the import's events, looked up for the file's
entries only; a store written before keeps its fingerprints in the förbund's events and
is still read (issue 10, item 8)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from commands.fingerprints import fingerprints
from commands.journal import decode, entries, import_journal
from finsam_es.forbund import Forbund
from store.application import FinsamApp
from store.imported import CHUNK, Imported
from store.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES, Clock, Finsam, sqlite_only

EXAMPLE = EXAMPLES / "solleftea-2024.toml"
GOLDEN = Path(__file__).resolve().parent / "golden"
BOOKING = """
[[bookings]]
kind = "allocation_payment"
line = "driftbidrag"
amount = 100
on = 2025-01-31
text = "Tillagd efter första importen"
"""


def prints_of(path: Path) -> list[str]:
    return fingerprints(entries(decode(path)))


def test_an_import_records_its_fingerprints_beside_its_events_not_in_the_forbund(
    app: FinsamApp,
) -> None:
    result = import_journal(app, EXAMPLE)
    prints = prints_of(EXAMPLE)
    assert result.new == len(prints) and result.events == app.event_count()
    assert app.already_imported("solleftea", prints) == set(prints)
    assert app.already_imported("another", prints) == set()
    kinds = {type(event).__qualname__ for _, event in app.read()}
    assert "Forbund.JournalEntriesImported" not in kinds
    forbund = app.load(Forbund, Forbund.id_for("solleftea"))
    assert forbund is not None and forbund.imported == frozenset()


def test_a_grown_journal_adds_only_its_new_entry_and_leaves_the_forbund_as_it_was(
    app: FinsamApp, tmp_path: Path
) -> None:
    import_journal(app, EXAMPLE)
    forbund = app.load(Forbund, Forbund.id_for("solleftea"))
    assert forbund is not None
    grown = tmp_path / "grown.toml"
    grown.write_text(EXAMPLE.read_text(encoding="utf-8") + BOOKING, encoding="utf-8")
    before = app.event_count()
    result = import_journal(app, grown)
    assert result.new == 1 and app.event_count() == before + result.events
    added = [type(event).__qualname__ for _, event in app.read(before + 1)]
    assert "Booked" in ",".join(added) and not [k for k in added if k.startswith("Forbund.")]
    after = app.load(Forbund, Forbund.id_for("solleftea"))
    assert after is not None and after.version == forbund.version
    again = import_journal(app, grown)
    assert (again.new, again.events) == (0, 0)


def test_lookups_go_a_chunk_at_a_time(app: FinsamApp) -> None:
    many = tuple(f"{i:032x}" for i in range(CHUNK * 2 + 7))
    app.record_imported(Imported("solleftea", many))
    asked = [*many[::3], "not-imported"]
    assert app.already_imported("solleftea", asked) == set(many[::3])


def test_a_store_without_the_table_has_imported_nothing_this_way(app: FinsamApp) -> None:
    assert app.already_imported("solleftea", ["a" * 32]) == set()


@sqlite_only
def test_a_store_written_before_keeps_its_fingerprints_and_grows_in_the_table(
    tmp_path: Path,
) -> None:
    # the golden store holds its fingerprints in JournalEntriesImported events only
    db = tmp_path / "store.sqlite"
    shutil.copyfile(GOLDEN / "store-v1.sqlite", db)
    journal = GOLDEN / "solleftea-2024.v1.toml"
    grown = tmp_path / "grown.toml"
    grown.write_text(journal.read_text(encoding="utf-8") + BOOKING, encoding="utf-8")
    app = FinsamApp(str(db), clock=Clock(), actor="test")
    forbund = app.load(Forbund, Forbund.id_for("solleftea"))
    assert forbund is not None and forbund.imported >= set(prints_of(journal))
    result = import_journal(app, grown)
    assert result.new == 1
    assert len(app.already_imported("solleftea", prints_of(grown))) == 1
    assert import_journal(app, grown).new == 0
    finsam = Finsam(str(db))
    assert "verified" in finsam("audit", "verify").stdout


def test_fingerprints_kept_the_old_way_are_still_read(app: FinsamApp) -> None:
    # a store as an older finsam left it: the fingerprints in the förbund's events only
    import_journal(app, EXAMPLE)
    datastore: Any = app.factory.datastore  # type: ignore[attr-defined]
    with datastore.transaction(commit=True) as c:
        c.execute("DELETE FROM finsam_imported")
    assert app.already_imported("solleftea", prints_of(EXAMPLE)) == set()
    uow = UnitOfWork(app)
    forbund = uow.get(Forbund, Forbund.id_for("solleftea"))
    assert forbund is not None
    forbund.mark_imported(tuple(prints_of(EXAMPLE)), uow.at)
    uow.commit()
    again = import_journal(app, EXAMPLE)
    assert (again.new, again.events) == (0, 0)
