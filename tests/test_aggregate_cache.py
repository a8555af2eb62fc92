"""The aggregate cache (store/aggregate_cache.py): a unit of work takes what the last
save in this process left, as current as a load from the store; what another process
wrote is folded on, a unit of work that never saved leaves nothing behind, and the
suite's check holds every aggregate given back to a replay of its events."""

from __future__ import annotations

from datetime import date

import pytest

from commands import structs as c
from commands.bus import execute, handle
from commands.journal import import_journal
from finsam_es.base import FinsamAggregate
from finsam_es.forbund import Forbund
from store.aggregate_cache import CHECK, AggregateCache
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork
from tests.conftest import EXAMPLES, Clock

FID = Forbund.id_for("solleftea")


def thresholds(source: str) -> c.SetThresholds:
    return c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source=source)


@pytest.fixture
def app(db: str) -> FinsamApp:
    app = FinsamApp(db, clock=Clock())
    import_journal(app, EXAMPLES / "solleftea-2024.toml")
    return app


def test_a_saved_aggregate_is_taken_by_the_next_unit_of_work(app: FinsamApp) -> None:
    execute(app, thresholds("beslut 1"))
    held = app.aggregates.take(FID)
    assert held is not None
    cached, _since = held
    loaded = app.load(Forbund, FID)
    assert loaded is not None and vars(cached) == vars(loaded)
    app.aggregates.give(cached, 0)
    uow = UnitOfWork(app)
    assert uow.get(Forbund, FID) is cached
    assert app.aggregates.take(FID) is None  # out while the unit of work holds it


def test_what_another_process_wrote_is_folded_on(app: FinsamApp, db: str) -> None:
    execute(app, thresholds("beslut 1"))  # the förbund is in this process's cache
    other = FinsamApp(db, clock=Clock())
    execute(other, thresholds("beslut 2"))  # written beside it, by another "process"
    uow = UnitOfWork(app)
    forbund = uow.get(Forbund, FID)
    assert forbund is not None
    assert forbund.thresholds.equity_source == "beslut 2"
    assert forbund.version == other.stored_version(FID)


def test_a_unit_of_work_that_did_not_save_leaves_nothing_behind(app: FinsamApp) -> None:
    execute(app, thresholds("beslut 1"))
    uow = UnitOfWork(app)
    handle(uow, thresholds("never saved"))
    forbund = uow.get(Forbund, FID)
    assert forbund is not None and forbund.thresholds.equity_source == "never saved"
    del uow  # dropped: a refused journal, a dry run
    again = UnitOfWork(app).get(Forbund, FID)
    assert again is not None
    assert again.thresholds.equity_source == "beslut 1"
    assert again.version == app.stored_version(FID)


def test_the_check_names_a_state_no_replay_gives(
    app: FinsamApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHECK, "1")
    uow = UnitOfWork(app)
    forbund = uow.get(Forbund, FID)
    assert forbund is not None
    forbund.name = "Ändrad utan händelse"  # a change no event made
    with pytest.raises(AssertionError, match="is not what its stored events give"):
        uow.commit()


def test_the_least_recently_saved_is_dropped_first(app: FinsamApp) -> None:
    ids = list(dict.fromkeys(event.originator_id for _, event in app.read()))[:3]
    loaded = [app.load(FinsamAggregate, i) for i in ids]
    first, second, third = (a for a in loaded if a is not None)
    cache = AggregateCache(size=2)
    for aggregate in (first, second, third):
        cache.give(aggregate, 0)
    assert cache.take(first.id) is None
    assert [cache.take(a.id) is not None for a in (second, third)] == [True, True]


def test_a_later_version_given_back_is_kept(app: FinsamApp) -> None:
    execute(app, thresholds("beslut 1"))
    newer = app.load(Forbund, FID)
    older = app.load(Forbund, FID)
    assert newer is not None and older is not None
    execute(app, thresholds("beslut 2"))
    newest = app.load(Forbund, FID)
    assert newest is not None
    cache = AggregateCache()
    cache.give(newest, 0)
    cache.give(older, 0)  # another thread's earlier version: not over the later one
    held = cache.take(FID)
    assert held is not None and held[0] is newest
