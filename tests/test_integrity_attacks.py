"""Attacks on the store's own defences (issue 26, item 2 and 3): a snapshot forged ahead
of the log, a recorded time changed in the chain table. Each on both backends, with the
intruder's plain SQL of tests/test_audit_attacks.py."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from finsam_es.forbund import Forbund
from projections.view_sums import NAME
from store import snapshots
from store.application import FinsamApp
from store.chain import link_hash
from tests.conftest import Finsam
from tests.test_audit_attacks import Raw, RawPostgres, last_position, refused
from tests.test_audit_attacks import store as store  # the fixture: both backends

FORBUND = "harnosand-timra"


def _versions(raw: Raw, aggregate_id: UUID) -> list[int]:
    oid = aggregate_id if isinstance(raw, RawPostgres) else aggregate_id.hex
    rows = raw.execute(
        f"SELECT originator_version FROM {raw.events} WHERE originator_id = ? "
        "ORDER BY originator_version",
        (oid,),
    )
    return [int(r[0]) for r in rows]


def test_a_snapshot_forged_ahead_of_the_log_is_ignored_and_named(
    store: tuple[Finsam, Raw],
) -> None:
    finsam, raw = store
    app = FinsamApp(finsam.db)
    fid = Forbund.id_for(FORBUND)
    honest = app.load(Forbund, fid)
    assert honest is not None
    head = honest.version
    # the intruder writes a snapshot row 500 versions ahead, its state the förbund as
    # it stands and a well-formed event hash (of the förbund's last event)
    last = app.stored_event(fid, head)
    assert last is not None
    topic, state = snapshots.encode(honest, snapshots.event_hash(last.state))
    table = "finsam_snapshots" if isinstance(raw, RawPostgres) else "stored_snapshots"
    oid = fid if isinstance(raw, RawPostgres) else fid.hex
    raw.execute(
        f"INSERT INTO {table} (originator_id, originator_version, topic, state) "
        "VALUES (?, ?, ?, ?)",
        (oid, head + 500, topic, state),
    )
    # the next honest write to the förbund lands right after its last event
    finsam("forbund", "thresholds", "--on", "2018-12-31", "--source", "styrelsen 2018-09-20")
    assert _versions(raw, fid)[-2:] == [head, head + 1]
    line = refused(finsam)
    assert line == (
        f"error: the snapshot of {fid} at version {head + 500} is ahead of its events (the "
        f"log holds {head + 1}): a row forged in {table}; finsam ignores it (delete it from "
        "the table)"
    )
    raw.execute(f"DELETE FROM {table} WHERE originator_version = ?", (head + 500,))
    assert finsam.json("audit", "verify")["problems"] == []


def test_a_recorded_time_changed_in_the_chain_table(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    position = last_position(raw)
    # a day earlier: `audit checkpoint --known-at` would pin a head the event was not yet in
    raw.execute(
        "UPDATE finsam_chain SET recorded = recorded - 86400000000 WHERE position = ?",
        (position,),
    )
    version = int(
        raw.execute(
            f"SELECT originator_version FROM {raw.events} WHERE {raw.position} = ?", (position,)
        )[0][0]
    )
    assert refused(finsam) == (
        f"error: position {position} (FiscalYear.Booked v{version}): its recorded time in "
        "finsam_chain is not the one the event carries: the chain table was changed"
    )


def test_a_write_refuses_to_reseal_a_deleted_chain(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    count = finsam.events()
    raw.execute("DROP TABLE finsam_chain")  # the store opens it again, empty
    result = finsam.fails("book", "cost", "ovriga", "700", "--on", "2018-06-20", "--text", "Papper")
    assert result.stderr.strip().splitlines()[-1] == (  # after the password warning on CI
        "error: the hash chain is gone (finsam_chain is empty) but the log holds events up "
        f"to position {count}: the chain table was deleted; nothing was recorded (`finsam "
        "audit verify --checkpoint` with a checkpoint taken before shows what changed; "
        "`finsam audit seal` chains the store again once it is checked)"
    )
    assert finsam.events() == count
    assert "error: the store has no hash chain" in refused(finsam)


def test_a_write_refuses_to_extend_a_chain_that_ends_before_the_log(
    store: tuple[Finsam, Raw],
) -> None:
    finsam, raw = store
    count = finsam.events()
    raw.execute("DELETE FROM finsam_chain WHERE position > ?", (count - 2,))
    result = finsam.fails("book", "cost", "ovriga", "700", "--on", "2018-06-20", "--text", "Papper")
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: the hash chain ends at position {count - 2} but the log at {count}: the "
        "chain table does not match the log (edited behind finsam's back); nothing was "
        "recorded (`finsam audit verify` names where)"
    )
    assert finsam.events() == count


def _move_tracking_back(raw: Raw, to: int) -> None:
    table = "finsam_tracking" if isinstance(raw, RawPostgres) else "tracking"
    raw.view(
        f"UPDATE {table} SET notification_id = ? WHERE application_name = ?",
        (to, NAME),
    )


def test_a_tracking_position_moved_back_rebuilds_the_view(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    budget = finsam.json("budget", "--year", "2018")
    result = finsam.json("result", "--year", "2018")
    # back before the budget (only the förbund's creation read): catching up from there
    # would add the budget's rows a second time, and the postings' rows would be refused
    _move_tracking_back(raw, 1)
    assert finsam.json("budget", "--year", "2018") == budget
    assert finsam.json("result", "--year", "2018") == result
    assert finsam.json("audit", "verify")["problems"] == []


def test_a_tracking_position_moved_back_behind_postings_only(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    result = finsam.json("result", "--year", "2018")
    _move_tracking_back(raw, last_position(raw) - 1)  # the booking of 1 000 kr read again
    assert finsam.json("result", "--year", "2018") == result
    assert finsam.json("audit", "verify")["problems"] == []


def test_a_state_of_the_wrong_type_is_named_by_its_position(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    position = last_position(raw)  # the booking of 1 000 kr
    oid, version, topic, state = raw.execute(
        f"SELECT originator_id, originator_version, topic, state FROM {raw.events} "
        f"WHERE {raw.position} = ?",
        (position,),
    )[0]
    forged = bytes(state).replace(b'"amount":100000', b'"amount":"100000"')
    assert forged != bytes(state)
    # the intruder recomputes the link, so only reading the event shows the change
    forbund, seq, stored, actor, prev = raw.execute(
        "SELECT forbund, seq, stored, actor, prev FROM finsam_chain WHERE position = ?",
        (position,),
    )[0]
    if not prev:  # stored empty: the hash of the förbund's link before it (store/chain.py)
        prev = raw.execute(
            "SELECT hash FROM finsam_chain WHERE forbund = ? AND seq = ?", (forbund, seq - 1)
        )[0][0]
    digest = link_hash(
        prev, position, forbund, seq, stored, actor, UUID(str(oid)), version, topic, forged
    )
    raw.execute("UPDATE finsam_chain SET hash = ? WHERE position = ?", (digest, position))
    raw.execute(f"UPDATE {raw.events} SET state = ? WHERE {raw.position} = ?", (forged, position))
    assert refused(finsam) == (
        f"error: position {position} (FiscalYear.Booked v{version}) cannot be read as its "
        "event class: its state was changed after it was recorded"
    )
    if not isinstance(raw, RawPostgres):  # SQLite stores what it is given: text too
        raw.execute(
            f"UPDATE {raw.events} SET state = CAST(state AS TEXT) WHERE {raw.position} = ?",
            (position,),
        )
        assert refused(finsam) == (
            f"error: position {position} (FiscalYear.Booked v{version}) holds its state as "
            "str, not bytes: it was changed after it was recorded"
        )


# -- the bundle (item 4) -----------------------------------------------------------


def _export(finsam: Finsam, directory: Path) -> dict[str, Any]:
    finsam("audit", "export", str(directory), "--year", "2018")
    return dict(json.loads((directory / "manifest.json").read_bytes()))


def _refused_bundle(finsam: Finsam, directory: Path, *more: str) -> str:
    result = finsam.fails("audit", "verify", "--bundle", str(directory), *more)
    return result.stderr.strip().splitlines()[-1]


def _rewrite_events(directory: Path, change: Any) -> None:
    """Change the bundle's events and fix its manifest, as a careful forger would."""
    events = directory / "events.jsonl"
    lines = [change(json.loads(line)) for line in events.read_bytes().splitlines()]
    events.write_bytes(b"".join(json.dumps(item).encode() + b"\n" for item in lines))
    manifest = json.loads((directory / "manifest.json").read_bytes())
    manifest["files"]["events.jsonl"] = hashlib.sha256(events.read_bytes()).hexdigest()
    (directory / "manifest.json").write_bytes(json.dumps(manifest).encode())


def test_a_bundle_with_its_links_stripped_fails(store: tuple[Finsam, Raw], tmp_path: Path) -> None:
    finsam, _ = store
    _export(finsam, tmp_path / "b")
    first = json.loads((tmp_path / "b" / "events.jsonl").read_bytes().splitlines()[0])
    _rewrite_events(tmp_path / "b", lambda item: {**item, "link": None})
    assert _refused_bundle(finsam, tmp_path / "b") == (
        f"error: position {first['position']} has no link: the bundle proves nothing of it"
    )


def test_a_checkpoint_is_checked_against_the_bundles_own_chain(
    store: tuple[Finsam, Raw], tmp_path: Path
) -> None:
    finsam, _ = store
    head = finsam.json("audit", "checkpoint")["hash"]
    _export(finsam, tmp_path / "b")
    assert "verified" in finsam("audit", "verify", "--bundle", str(tmp_path / "b"),
                                "--checkpoint", head).stdout  # fmt: skip
    bogus = hashlib.sha256(b"no such link").hexdigest()
    assert _refused_bundle(finsam, tmp_path / "b", "--checkpoint", bogus) == (
        f"error: checkpoint {bogus} is not in the bundle's chain: the bundle does not extend "
        "it (forged, truncated or of another förbund)"
    )
    # a truncated bundle, its manifest fixed, no longer holds the store's head
    events = tmp_path / "b" / "events.jsonl"
    kept = events.read_bytes().splitlines()[:-1]
    last = json.loads(kept[-1])["link"]
    events.write_bytes(b"\n".join(kept) + b"\n")
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_bytes())
    manifest["files"]["events.jsonl"] = hashlib.sha256(events.read_bytes()).hexdigest()
    manifest["events"] = len(kept)
    manifest["checkpoints"] = [
        {"label": "head", "position": last["position"], "hash": last["hash"]}
    ]
    manifest["years"] = []
    manifest["files"] = {k: v for k, v in manifest["files"].items() if not k.startswith("reports")}
    (tmp_path / "b" / "manifest.json").write_bytes(json.dumps(manifest).encode())
    for report in (tmp_path / "b" / "reports").rglob("*.json"):
        report.unlink()
    assert "verified" in finsam("audit", "verify", "--bundle", str(tmp_path / "b")).stdout
    assert "is not in the bundle's chain" in _refused_bundle(
        finsam, tmp_path / "b", "--checkpoint", head
    )


def test_a_checkpoint_that_is_no_hash_is_refused_in_one_line(store: tuple[Finsam, Raw]) -> None:
    finsam, _ = store
    result = finsam.fails("audit", "verify", "--checkpoint", "3f5a...c2")
    lines = [line for line in result.stderr.strip().splitlines() if "password" not in line]
    assert result.exit_code == 2 and len(lines) == 1
    assert "--checkpoint" in lines[0] and "64 hexadecimal digits" in lines[0]


# -- the chain key (store/anchor.py) -------------------------------------------------


def test_a_forged_event_appended_with_a_valid_link_fails_with_the_chain_key(
    store: tuple[Finsam, Raw], monkeypatch: pytest.MonkeyPatch
) -> None:
    finsam, raw = store
    monkeypatch.setenv("FINSAM_CHAIN_KEY", "kanslichefens nyckel")
    finsam("audit", "seal")  # the store was written without the key: its heads anchored now
    finsam("book", "cost", "ovriga", "500", "--on", "2018-07-15", "--text", "Porto")
    assert finsam.json("audit", "verify")["problems"] == []
    position = last_position(raw)
    oid, version, topic, state = raw.execute(
        f"SELECT originator_id, originator_version, topic, state FROM {raw.events} "
        f"WHERE {raw.position} = ?",
        (position,),
    )[0]
    forged = bytes(state).replace(b"Porto", b"Konsultarvode")
    raw.execute(
        f"INSERT INTO {raw.events} (originator_id, originator_version, topic, state) "
        "VALUES (?, ?, ?, ?)",
        (oid, version + 1, topic, forged),
    )
    # the intruder links it as finsam would: the unkeyed chain alone holds
    forbund, seq, recorded, stored, actor, head = raw.execute(
        "SELECT forbund, seq, recorded, stored, actor, hash FROM finsam_chain WHERE position = ?",
        (position,),
    )[0]
    digest = link_hash(
        head, position + 1, forbund, seq + 1, stored, actor, UUID(str(oid)), version + 1,
        topic, forged,
    )  # fmt: skip
    raw.execute(
        "INSERT INTO finsam_chain VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (position + 1, forbund, seq + 1, recorded, stored, actor, head, digest),
    )
    monkeypatch.delenv("FINSAM_CHAIN_KEY")
    assert finsam.json("audit", "verify")["problems"] == []  # without the key: unseen
    monkeypatch.setenv("FINSAM_CHAIN_KEY", "kanslichefens nyckel")
    assert refused(finsam) == (
        f"error: the chain of '{FORBUND}' goes on after its anchored link at position "
        f"{position} to {position + 1}: events were added without the chain key"
    )


def test_the_chain_key_from_a_file(
    store: tuple[Finsam, Raw], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    finsam, _ = store
    key = tmp_path / "chain.key"
    key.write_text("en nyckel ur en fil\n")
    monkeypatch.setenv("FINSAM_CHAIN_KEY_FILE", str(key))
    finsam("audit", "seal")
    assert finsam.json("audit", "verify")["problems"] == []
    key.write_text("en annan nyckel\n")
    assert refused(finsam).endswith("is not made with this chain key: forged, or another key")
    monkeypatch.setenv("FINSAM_CHAIN_KEY_FILE", str(tmp_path / "missing.key"))
    result = finsam.fails("audit", "verify")
    assert [line for line in result.stderr.strip().splitlines() if "password" not in line] == [
        f"error: FINSAM_CHAIN_KEY_FILE names {tmp_path / 'missing.key'}, which cannot be "
        "read (No such file or directory)"
    ]


# -- the journal fingerprints (finsam_imported) ---------------------------------------


def test_a_fingerprint_added_or_deleted_is_named(store: tuple[Finsam, Raw]) -> None:
    finsam, raw = store
    rows = raw.execute(
        "SELECT forbund, fingerprint, position FROM finsam_imported ORDER BY fingerprint"
    )
    assert len(rows) == 16  # the example journal's entries, as its import reported
    anchored = int(
        raw.execute("SELECT position FROM finsam_anchor WHERE forbund = ?", (FORBUND,))[0][0]
    )
    # an intruder marks an entry of a journal to come as imported: a re-import skips it
    raw.execute("INSERT INTO finsam_imported VALUES (?, ?, ?)", (FORBUND, "f" * 64, rows[0][2]))
    assert refused(finsam) == (
        f"error: finsam_imported holds 17 journal fingerprints of '{FORBUND}', its writes up "
        f"to position {anchored} recorded 16: 1 was added (a re-import skips those entries)"
    )
    # and deletes two that were imported: a re-import imports those entries again
    raw.execute("DELETE FROM finsam_imported WHERE fingerprint IN (?, ?, ?)",
                ("f" * 64, rows[0][1], rows[1][1]))  # fmt: skip
    assert refused(finsam) == (
        f"error: finsam_imported holds 14 journal fingerprints of '{FORBUND}', its writes up "
        f"to position {anchored} recorded 16: 2 were deleted (a re-import imports those "
        "entries again)"
    )


def test_a_copy_keeps_the_anchors(
    store: tuple[Finsam, Raw], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    finsam, _ = store
    monkeypatch.setenv("FINSAM_CHAIN_KEY", "kanslichefens nyckel")
    finsam("audit", "seal")
    target = tmp_path / "kopia.db"
    finsam("copy", "--to", str(target))
    copied = Finsam(str(target))
    assert copied.json("audit", "verify")["problems"] == []
    # the copy's fingerprints are checked against the anchors it came with
    with sqlite3.connect(target) as conn:
        conn.execute(
            "DELETE FROM finsam_imported WHERE rowid = (SELECT MIN(rowid) FROM finsam_imported)"
        )
    assert "1 was deleted" in refused(copied)
