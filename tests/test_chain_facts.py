"""A link's förbund and recorded time come from the domain events as the unit of work
saves them (store/chain.py ``EventFacts``); they must be what the stored state says, as
``facts`` reads it back (the verifier's way). Held on every link of every example."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from commands.journal import import_journal
from store.application import FinsamApp
from store.chain import facts
from tests.conftest import EXAMPLES, Clock

JOURNALS = sorted(EXAMPLES.glob("*.toml"))


@pytest.mark.parametrize("journal", JOURNALS, ids=lambda p: p.stem)
def test_each_link_holds_the_facts_its_stored_event_states(tmp_path: Path, journal: Path) -> None:
    db = tmp_path / "store.db"
    app = FinsamApp(str(db), clock=Clock())
    import_journal(app, journal)
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT l.forbund, l.recorded, e.state FROM finsam_chain l "
            "JOIN stored_events e ON e.rowid = l.position ORDER BY l.position"
        ).fetchall()
    assert len(rows) == app.event_count() > 0
    assert [(f, r) for f, r, _ in rows] == [facts(state) for _, _, state in rows]
