"""The compact chain link (issue 25 item 4, store/chain.py): a link written now stores
its ``prev`` empty (the hash of the link before it, which every reader has just read)
and, on SQLite, its position as the table's own row key; links an older finsam wrote
keep theirs. Both verify, side by side in one store; the tamper evidence is the same."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.application import FinsamApp
from store.chain import GENESIS, NO_PREV, Link, fill_prev
from tests.conftest import EXAMPLES, ON_POSTGRES, Finsam
from tests.test_audit_attacks import Raw

EXAMPLE = EXAMPLES / "harnosand-timra-2018.toml"

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="reads the SQLite file behind finsam")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Finsam, Raw]]:
    db = str(tmp_path / "compact.db")
    finsam = Finsam(db)
    finsam("--actor", "kansliet", "import", str(EXAMPLE))
    finsam("book", "cost", "ovriga", "1000", "--on", "2018-06-15", "--text", "Kontorsstol")
    yield finsam, Raw(db)


def refused(finsam: Finsam) -> list[str]:
    result = finsam.fails("audit", "verify")
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_a_new_link_stores_no_prev_and_its_position_is_the_row_key(
    store: tuple[Finsam, Raw],
) -> None:
    _finsam, raw = store
    assert raw.execute("SELECT COUNT(*) FROM finsam_chain WHERE prev != ''") == [(0,)]
    schema = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'finsam_chain'")[0][0]
    assert "position INTEGER PRIMARY KEY" in schema
    # no second index on the position beside the table (only the (forbund, seq) one)
    indexes = raw.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'finsam_chain'"
    )
    assert indexes == [(1,)]


def test_the_reader_puts_back_the_hash_of_the_link_before(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    from projections import audit

    chain = audit.links(FinsamApp(finsam.db))
    for link in chain.values():
        if link.seq == 1:
            assert link.prev == GENESIS
        else:
            before = raw.execute(
                "SELECT hash FROM finsam_chain WHERE forbund = ? AND seq = ?",
                (link.forbund, link.seq - 1),
            )
            assert link.prev == before[0][0]
    # one link read alone (a förbund's link at a position) gets it from the table
    position = max(chain)
    alone = audit.forbund_links(FinsamApp(finsam.db), chain[position].forbund, position)
    assert alone[position].prev == chain[position].prev != NO_PREV


def test_links_an_older_finsam_wrote_and_new_ones_verify_in_one_store(
    store: tuple[Finsam, Raw],
) -> None:
    finsam, raw = store
    from projections import audit

    chain = audit.links(FinsamApp(finsam.db))
    half = sorted(chain)[: len(chain) // 2]
    for position in half:  # as an older finsam stored them: prev written out
        raw.execute(
            "UPDATE finsam_chain SET prev = ? WHERE position = ?", (chain[position].prev, position)
        )
    assert raw.execute("SELECT COUNT(*) FROM finsam_chain WHERE prev != ''") == [(len(half),)]
    finsam("book", "cost", "ovriga", "500", "--on", "2018-06-16", "--text", "Lampa")
    assert finsam.json("audit", "verify")["problems"] == []


def test_an_event_deleted_with_its_link_breaks_the_chain_at_the_next_link(
    store: tuple[Finsam, Raw],
) -> None:
    finsam, raw = store
    forbund, seq = raw.execute("SELECT forbund, seq FROM finsam_chain WHERE position = 20")[0]
    after = raw.execute(
        "SELECT position FROM finsam_chain WHERE forbund = ? AND seq = ?", (forbund, seq + 1)
    )[0][0]
    raw.execute("DELETE FROM stored_events WHERE rowid = 20")
    raw.execute("DELETE FROM finsam_chain WHERE position = 20")
    problems = refused(finsam)
    named = [line for line in problems if f"position {after} " in line]
    assert named and "breaks here" in named[0], problems
    # the link after cannot be rehashed without the hash it was made on: not called changed
    assert not any("does not match its hash" in line for line in named), problems


def test_a_prev_written_into_a_new_link_is_found(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    raw.execute("UPDATE finsam_chain SET prev = ? WHERE position = 21", ("ab" * 32,))
    report = finsam.fails("audit", "verify", "--format", "json")
    found = [p["message"] for p in json.loads(report.stdout)["problems"] if p["position"] == 21]
    assert any("breaks here" in message for message in found), found


def test_fill_prev_leaves_a_link_whose_link_before_is_gone_empty() -> None:
    first = Link(5, "f", 1, 0, 0, "", NO_PREV, "a" * 64)
    third = Link(9, "f", 3, 0, 0, "", NO_PREV, "c" * 64)
    filled = fill_prev({5: first, 9: third}, lambda _f, _seq: None)
    assert filled[5].prev == GENESIS
    assert filled[9].prev == NO_PREV
    told = fill_prev({9: third}, lambda f, seq: "b" * 64 if (f, seq) == ("f", 2) else None)
    assert told[9].prev == "b" * 64
    kept = Link(9, "f", 3, 0, 0, "", "d" * 64, "c" * 64)  # an older finsam's link
    assert fill_prev({9: kept}, lambda _f, _seq: None)[9].prev == "d" * 64
