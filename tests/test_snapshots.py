"""Snapshots (store/snapshots.py): a cache of long-lived aggregates' states that
loads exactly what replaying their events gives, never a newer state for a past
recorded time, and is ignored when other code (or anyone else) wrote it."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import msgspec
import pytest
from eventsourcing.persistence import StoredEvent

import store.loading as loading
from commands import structs as c
from commands.bus import execute, handle
from commands.journal import import_journal
from finsam_es.base import FinsamAggregate
from finsam_es.forbund import Forbund
from finsam_es.registry import Registry
from finsam_es.values import stable_id
from store import snapshots
from store.application import FinsamApp
from store.snapshot_table import snapshot_problems
from store.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES, Clock, Finsam, sqlite_only

FUTURE = datetime(9999, 1, 1, tzinfo=UTC)  # as known at: every event, replayed (no snapshot)


def kinds(cls: type[FinsamAggregate] = FinsamAggregate) -> list[type[FinsamAggregate]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *kinds(sub)]
    return found


def every_aggregate(app: FinsamApp) -> dict[UUID, type[FinsamAggregate]]:
    ids = {event.originator_id for _, event in app.read()}
    found: dict[UUID, type[FinsamAggregate]] = {}
    for i in ids:
        agg = app.load(FinsamAggregate, i, known_at=FUTURE)
        assert agg is not None
        found[i] = type(agg)
    return found


@pytest.fixture
def snapshot_often(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind of aggregate snapshotted every two versions, so the examples' stores
    have snapshots of every kind of state, and events after them."""
    monkeypatch.setattr(loading, "SNAPSHOT_EVERY", {k: 2 for k in kinds()})


@pytest.mark.usefixtures("snapshot_often")
def test_an_aggregate_loads_from_its_snapshot_as_its_events_leave_it(db: str) -> None:
    app = FinsamApp(db, clock=Clock())
    import_journal(app, EXAMPLES / "harnosand-timra-2020.toml")
    import_journal(app, EXAMPLES / "solleftea-2024.toml")
    # A load notes the snapshot of what it replayed; a save writes the ones noted.
    uow = UnitOfWork(app)
    for aggregate_id, kind in every_aggregate(app).items():
        uow.get(kind, aggregate_id)
    handle(uow, c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source="x"))
    uow.commit()
    for n in range(3):  # more events after the snapshots
        source = f"beslut {n}"
        execute(
            app, c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source=source)
        )
    assert app.snapshot_recorder is not None
    snapshotted = after = 0
    for aggregate_id, kind in every_aggregate(app).items():
        replayed = app.load(kind, aggregate_id, known_at=FUTURE)
        assert replayed is not None
        found = app.snapshot_recorder.select_events(aggregate_id, desc=True, limit=1)
        if found:
            snapshotted += 1
            after += found[0].originator_version < replayed.version
            from_snapshot = snapshots.decode(
                found[0].topic, found[0].state, aggregate_id, found[0].originator_version
            )
            replayed_then = app.load(kind, aggregate_id, known_at=from_snapshot.modified_on)
            assert vars(from_snapshot) == vars(replayed_then)
        loaded = app.load(kind, aggregate_id)
        assert loaded is not None
        assert vars(loaded) == vars(replayed), kind.__name__
    assert snapshotted > 10
    assert after > 0  # some loads replayed events recorded after their snapshot


def test_the_forbund_is_snapshotted_every_twenty_versions_and_the_latest_kept(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    every: dict[type[FinsamAggregate], int] = {**loading.SNAPSHOT_EVERY, Forbund: 20}
    monkeypatch.setattr(loading, "SNAPSHOT_EVERY", every)  # the interval, kept short
    app = FinsamApp(db, clock=Clock())
    import_journal(app, EXAMPLES / "solleftea-2024.toml")  # the förbund at version 17
    fid = Forbund.id_for("solleftea")
    assert app.snapshot_recorder is not None
    assert app.snapshot_recorder.select_events(fid) == []
    imported = app.load(Forbund, fid)
    assert imported is not None and imported.version < 20
    taken = []
    for n in range(40):  # one event each: versions 18 to 57
        source = f"beslut {n}"
        execute(
            app, c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source=source)
        )
        taken.append([s.originator_version for s in app.snapshot_recorder.select_events(fid)])
    # the command making version 21 loaded 20 replayed events: the snapshot at 20 was
    # written with its event; the one making 41 replayed 20 after it: 40 replaced it
    assert taken[:3] == [[], [], []]  # versions 18, 19, 20 written: no load replayed 20
    assert taken[3] == [20]  # version 21 written
    assert taken[22] == [20] and taken[23] == [40]  # versions 40 and 41 written
    assert taken[-1] == [40]
    assert app.snapshot_recorder.select_events(Registry.ID) == []  # at version 2
    loaded = app.load(Forbund, fid)
    assert loaded is not None and loaded.version == imported.version + 40
    assert loaded.thresholds.equity_source == "beslut 39"


@pytest.mark.usefixtures("snapshot_often")
def test_a_past_recorded_time_never_loads_a_newer_snapshot(db: str) -> None:
    clock = Clock()
    app = FinsamApp(db, clock=clock)
    import_journal(app, EXAMPLES / "solleftea-2024.toml")
    between = clock.now
    for n in range(4):  # snapshots newer than `between`
        source = f"beslut {n}"
        execute(
            app, c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source=source)
        )
    fid = Forbund.id_for("solleftea")
    assert app.snapshot_recorder is not None
    latest = app.snapshot_recorder.select_events(fid, desc=True, limit=1)[0].originator_version
    now = app.load(Forbund, fid)
    then = app.load(Forbund, fid, known_at=between)
    assert now is not None and then is not None
    assert then.version < latest <= now.version
    assert then.modified_on <= between
    events: list[Any] = list(app.events.get(fid))
    assert then.version == len([e for e in events if e.timestamp <= between])


def put(app: FinsamApp, aggregate_id: UUID, version: int, topic: str, state: Any) -> None:
    assert app.snapshot_recorder is not None
    data = state if isinstance(state, bytes) else snapshots._encoder.encode(state)
    app.snapshot_recorder.insert_events([StoredEvent(aggregate_id, version, topic, data)])


@pytest.mark.usefixtures("snapshot_often")
def test_a_snapshot_other_code_or_anyone_else_wrote_is_ignored(db: str) -> None:
    app = FinsamApp(db, clock=Clock())
    import_journal(app, EXAMPLES / "solleftea-2024.toml")
    fid = Forbund.id_for("solleftea")
    replayed = app.load(Forbund, fid, known_at=FUTURE)
    assert replayed is not None
    topic = snapshots.get_topic(Forbund)
    code = snapshots.code_fingerprint()
    bad: list[tuple[str, Any]] = [
        (topic, {"code": "other code", "state": {"name": "Edited"}}),
        ("os:system", {"code": code, "state": {}}),
        ("finsam_es.values:stable_id", {"code": code, "state": {}}),
        ("finsam_es.nowhere:Thing", {"code": code, "state": {}}),
        (topic, {"code": code, "state": {"x": {"S": ["subprocess:Popen", {}]}}}),
        (topic, {"code": code, "state": {"x": {"S": ["finsam_es.forbund:Forbund", {}]}}}),
        (topic, {"code": code, "state": {"x": {"?": 1}}}),
        (topic, {"code": code}),
        (topic, b"not json"),
    ]
    for n, (wrong_topic, state) in enumerate(bad, start=1):
        put(app, fid, replayed.version + 1000 * n, wrong_topic, state)
        loaded = app.load(Forbund, fid)
        assert loaded is not None
        assert vars(loaded) == vars(replayed), wrong_topic


def test_state_values_keep_their_types() -> None:
    from finsam_es.membership import Member

    member = Member(id="fk", name="Försäkringskassan", kind="state", share="1/4")
    value = {
        "t": (1, "a", None, True, 1.5),
        "l": [date(2024, 1, 2), datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=UTC)],
        "d": {2024: frozenset({1, 2}), ("a", 1): {"x"}},
        "u": stable_id("x"),
        "s": (member,),
        "empty": ((), [], {}, frozenset()),
    }
    assert (
        snapshots.unpack(msgspec.json.decode(msgspec.json.encode(snapshots.pack(value)))) == value
    )
    index = {"sfi": frozenset({2023, 2024})}  # a förbund's years per insats: typed apart
    assert not snapshots._sets_of({"sfi": frozenset({2023, True})}, str, int)
    assert snapshots._sets_of(index, str, int) and not snapshots._sets_of(index, int, str)
    with pytest.raises(snapshots.SnapshotUnusable, match="cannot snapshot a complex"):
        snapshots.pack(1j)


@pytest.mark.usefixtures("snapshot_often")
def test_audit_verify_names_a_snapshot_edited_behind_finsams_back(db: str) -> None:
    app = FinsamApp(db, clock=Clock())
    import_journal(app, EXAMPLES / "solleftea-2024.toml")
    finsam = Finsam(db)
    assert finsam.json("audit", "verify")["problems"] == []
    assert snapshot_problems(app) == []
    fid = Forbund.id_for("solleftea")
    assert app.snapshot_recorder is not None
    taken = {s.originator_version for s in app.snapshot_recorder.select_events(fid)}
    version = min(set(range(1, 18)) - taken)  # the förbund is at version 17
    forged: Any = None
    event: Any
    for event in app.events.get(fid, lte=version):
        forged = event.mutate(forged)
    forged.name = "Samordningsförbundet Förfalskat"
    at = app.stored_event(fid, version)
    assert at is not None  # the forger computes the hash of the event at that version
    put(app, fid, version, *snapshots.encode(forged, snapshots.event_hash(at.state)))
    message = (
        f"the snapshot of Forbund solleftea at version {version} is not what its events "
        "give: the snapshot table was edited"
    )
    assert [p.split(" (")[0] for p in snapshot_problems(app)] == [message]
    result = finsam.fails("audit", "verify")
    assert message in result.stderr


def test_a_snapshot_that_cannot_be_taken_is_left_out_and_the_command_stands(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = FinsamApp(db, clock=Clock())
    import_journal(app, EXAMPLES / "solleftea-2024.toml")  # the förbund at version 17
    fid = Forbund.id_for("solleftea")
    imported = app.load(Forbund, fid)
    assert imported is not None and imported.version == 17

    def refuse(_aggregate: FinsamAggregate, _event: str) -> tuple[str, bytes]:
        raise snapshots.SnapshotUnusable("cannot snapshot a complex")

    monkeypatch.setattr(snapshots, "encode", refuse)
    for n in range(4):  # versions 18 to 21: one would be snapshotted at 20
        source = f"beslut {n}"
        outcome = execute(
            app, c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source=source)
        )
        assert outcome.events == 1
    assert app.snapshot_recorder is not None
    assert app.snapshot_recorder.select_events(fid) == []
    loaded = app.load(Forbund, fid)
    assert loaded is not None and loaded.version == 21


# Written by the code before the store moved out of finsam_es/ (make_snapshots_v1.py):
# the Sollefteå example and three thresholds, so the förbund (at version 20) has one
# snapshot, under that code's fingerprint.
SNAPSHOTS_V1 = Path(__file__).parent / "golden" / "snapshots-v1.sqlite"


@sqlite_only
def test_a_snapshot_written_before_the_store_moved_is_ignored_then_taken_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every: dict[type[FinsamAggregate], int] = {**loading.SNAPSHOT_EVERY, Forbund: 20}
    monkeypatch.setattr(loading, "SNAPSHOT_EVERY", every)  # the interval it was taken at
    db = tmp_path / "store.db"
    shutil.copy(SNAPSHOTS_V1, db)
    app = FinsamApp(str(db), clock=Clock())
    fid = Forbund.id_for("solleftea")
    assert app.snapshot_recorder is not None
    (old,) = app.snapshot_recorder.select_events(fid)
    # the aggregate's topic as it was stored: the class did not move, so it still resolves
    assert (old.originator_version, old.topic) == (20, snapshots.get_topic(Forbund))
    assert old.topic == "finsam_es.forbund:Forbund"
    stored = msgspec.json.decode(old.state)
    assert stored["code"] != snapshots.code_fingerprint()
    with pytest.raises(snapshots.SnapshotUnusable, match="written by other code"):
        snapshots.decode(old.topic, old.state, fid, old.originator_version)

    # Were the old snapshot read, a state it holds that the events do not give would show.
    replayed = app.load(Forbund, fid, known_at=FUTURE)
    assert replayed is not None and replayed.version == 20
    stored["state"]["name"] = "Samordningsförbundet Förfalskat"
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE stored_snapshots SET state = ? WHERE originator_id = ?",
            (msgspec.json.encode(stored), fid.hex),
        )
    loaded = app.load(Forbund, fid)
    assert loaded is not None
    assert vars(loaded) == vars(replayed)
    assert loaded.name == "Samordningsförbundet Sollefteå"  # examples/solleftea-2024.toml
    assert snapshot_problems(app) == []  # audit verify leaves other code's snapshots alone

    # The next write's load replayed the 20 events and today's code takes its own
    # snapshot at 20 in the old one's place; the one making 41 takes 40 and drops it.
    for n in range(21):  # versions 21 to 41
        source = f"beslut {n + 3}"
        execute(
            app, c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source=source)
        )
        if n == 0:
            (found,) = app.snapshot_recorder.select_events(fid)
            assert found.originator_version == 20
            again = snapshots.decode(found.topic, found.state, fid, 20)
            assert vars(again)["name"] == "Samordningsförbundet Sollefteå"
    (found,) = app.snapshot_recorder.select_events(fid)
    assert found.originator_version == 40
    new = snapshots.decode(found.topic, found.state, fid, 40)
    replayed = app.load(Forbund, fid, known_at=FUTURE)
    assert replayed is not None and replayed.version == 41
    replayed_40: Any = None
    event: Any
    for event in app.events.get(fid, lte=40):
        replayed_40 = event.mutate(replayed_40)
    assert vars(new) == vars(replayed_40)
    assert snapshot_problems(app) == []
