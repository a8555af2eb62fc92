"""`finsam audit verify --forbund ID` (issue 25 item 6): one förbund's chain, anchor and
figures checked from its own events, read by the chain's index on förbund. A change to
one of its events is found; a change to another förbund's event is not its finding
(the whole `audit verify` finds it); the answer is the whole verify's for that förbund.
tests/test_forbund_reads.py counts the events it decodes on a store with 100 000
events of another förbund.
"""

from __future__ import annotations

import json
import sqlite3

from tests.conftest import EXAMPLES, Finsam, sqlite_only

pytestmark = sqlite_only  # the attack edits the SQLite file behind finsam's back


def positions_of(db: str, forbund: str) -> list[int]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT position FROM finsam_chain WHERE forbund = ? ORDER BY position", (forbund,)
        ).fetchall()
    return [int(r[0]) for r in rows]


def change_one_byte(db: str, position: int) -> None:
    """A stored event's state edited behind finsam's back: its amounts' digits."""
    with sqlite3.connect(db) as conn:
        (state,) = conn.execute(
            "SELECT state FROM stored_events WHERE rowid = ?", (position,)
        ).fetchone()
        forged = bytes(state).replace(b'"name":"', b'"name":"X', 1)
        assert forged != bytes(state)
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (forged, position))


def test_one_forbund_verifies_as_the_whole_store_does_for_it(finsam: Finsam) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("import", str(EXAMPLES / "harnosand-timra-2020.toml"))
    whole = finsam.json("audit", "verify")
    assert whole["problems"] == []
    for forbund in ("solleftea", "harnosand-timra"):
        one = finsam.json("audit", "verify", "--forbund", forbund)
        assert one["problems"] == []
        assert one["heads"] == {forbund: whole["heads"][forbund]}
        # every event of the förbund read, each with its link
        assert one["events"] == one["chained"] == len(positions_of(finsam.db, forbund))
        head = whole["heads"][forbund]["hash"]
        assert (
            finsam.json("audit", "verify", "--forbund", forbund, "--checkpoint", head)["checkpoint"]
            == whole["heads"][forbund]
        )
    # another förbund's head is not in this förbund's chain
    other = whole["heads"]["harnosand-timra"]["hash"]
    failed = finsam.fails("audit", "verify", "--forbund", "solleftea", "--checkpoint", other)
    assert "is not in the chain of 'solleftea'" in failed.stderr
    assert "kramfors" in finsam.fails("audit", "verify", "--forbund", "kramfors").stderr


def test_a_changed_event_is_found_in_its_forbund_only(finsam: Finsam) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("import", str(EXAMPLES / "harnosand-timra-2020.toml"))
    assert "verified" in finsam("audit", "verify").stdout
    named = [
        p for p in positions_of(finsam.db, "harnosand-timra") if b'"name":"' in _state(finsam.db, p)
    ]
    change_one_byte(finsam.db, named[0])
    failed = finsam.fails("audit", "verify", "--forbund", "harnosand-timra")
    assert f"position {named[0]}" in failed.stderr
    assert "does not match its hash" in failed.stderr or "cannot be read" in failed.stderr
    # Sollefteå's own events and figures are untouched: its part verifies
    assert finsam.json("audit", "verify", "--forbund", "solleftea")["problems"] == []
    assert f"position {named[0]}" in finsam.fails("audit", "verify").stderr


def _state(db: str, position: int) -> bytes:
    with sqlite3.connect(db) as conn:
        (state,) = conn.execute(
            "SELECT state FROM stored_events WHERE rowid = ?", (position,)
        ).fetchone()
    return bytes(state)


def test_the_group_forbund_does_not_narrow_the_whole_verify(finsam: Finsam) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("import", str(EXAMPLES / "harnosand-timra-2020.toml"))
    whole = json.loads(
        finsam("--forbund", "solleftea", "audit", "verify", "--format", "json").stdout
    )
    assert set(whole["heads"]) == {"", "solleftea", "harnosand-timra"}
