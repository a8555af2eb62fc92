"""The collector's pace a writing process sets (store/collector.py): the youngest
generation collected every YOUNG allocations, the older generations' pace and a
collector turned off left alone; and the `finsam` command sets it at start-up."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from benchmarks.bench import MEMBERS, A, year_commands
from cli.main import main
from commands import structs as c
from commands.bus import handle
from store.application import FinsamApp
from store.collector import YOUNG, pace_for_writing
from store.unit_of_work import UnitOfWork


@pytest.fixture
def threshold() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.mark.usefixtures("threshold")
def test_the_youngest_generation_is_collected_less_often_and_the_others_as_before() -> None:
    gc.set_threshold(700, 13, 17)
    pace_for_writing()
    assert gc.get_threshold() == (YOUNG, 13, 17)


@pytest.mark.usefixtures("threshold")
def test_a_slower_pace_already_set_is_kept() -> None:
    gc.set_threshold(YOUNG * 3, 10, 10)
    pace_for_writing()
    assert gc.get_threshold() == (YOUNG * 3, 10, 10)


@pytest.mark.usefixtures("threshold")
def test_a_collector_turned_off_by_threshold_stays_off() -> None:
    gc.set_threshold(0, 10, 10)
    pace_for_writing()
    assert gc.get_threshold() == (0, 10, 10)


def test_one_unit_of_work_keeps_fewer_objects_alive_than_the_pace_allows(tmp_path: Path) -> None:
    """The reason for YOUNG: writing a förbund's year (benchmarks' synthetic year, the
    shape a journal import writes) keeps well under YOUNG container objects alive at
    any moment, so no collection comes in the middle of one."""
    app = FinsamApp(str(tmp_path / "s.db"))
    uow = UnitOfWork(app)
    handle(uow, c.CreateForbund(id="f", name="F", members=MEMBERS, on=date(2005, 1, 1)))
    handle(uow, c.SetOpeningEquity(forbund="f", year_end=date(2014, 12, 31), equity=A(1)))
    uow.commit()
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        start, peak = gc.get_count()[0], 0
        uow = UnitOfWork(app)
        for command in year_commands("f", 2015):
            handle(uow, command)
            peak = max(peak, gc.get_count()[0] - start)
        uow.commit()
    finally:
        if was_enabled:
            gc.enable()
    assert 0 < peak < YOUNG // 5


@pytest.mark.usefixtures("threshold")
def test_the_finsam_command_sets_the_pace_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    gc.set_threshold(700, 10, 10)  # CPython's own pace, as a fresh process has it
    monkeypatch.setattr(sys, "argv", ["finsam", "--help"])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 0
    assert gc.get_threshold() == (YOUNG, 10, 10)
