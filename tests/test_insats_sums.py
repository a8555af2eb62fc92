"""An insats keeps its sums per year (``InsatsMoney.sums_changed``) instead of summing its
months on every payment and grant check: after every event the kept sums must be what
the months give, on the agreement test's random histories (grants with schedules,
postponements that keep or move money, moves, extensions, early ends, carried money)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from finsam_es.insats import Insats
from store.application import FinsamApp
from tests.conftest import Clock
from tests.test_agreement import EXAMPLES_PER_PROPERTY, Step, build, histories


def summed(months: dict[int, int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for month, amount in months.items():
        out[month // 12] = out.get(month // 12, 0) + amount
    return out


def granted(agg: Insats) -> dict[int, int]:
    """The money granted per year: the plan's months, the months a postponement or an
    early end dropped (the board granted them), less what was carried out of a year."""
    out = summed(agg.plan)
    for year, amount in summed(agg.dropped).items():
        out[year] = out.get(year, 0) + amount
    for year, amount in agg.carried_out.items():
        out[year] = out.get(year, 0) - amount
    return out


@settings(
    max_examples=max(EXAMPLES_PER_PROPERTY // 4, 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=histories())
def test_the_kept_sums_per_year_are_what_the_months_give(steps: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = FinsamApp(str(Path(tmp) / "a.db"), clock=Clock())
        build(app, steps)
        insatser: dict[Any, Insats] = {}
        for _position, event in app.read():
            if isinstance(event, Insats.ApplicationReceived):
                insatser[event.originator_id] = event.mutate(None)
            elif isinstance(event, Insats.Event):
                agg = insatser[event.originator_id]
                event.mutate(agg)
            else:
                continue
            agg = insatser[event.originator_id]
            assert agg.charges_by_year() == summed(agg.plan), type(event).__name__
            assert agg.granted_by_year() == granted(agg), type(event).__name__
            assert agg.granted_total() == sum(granted(agg).values())
            assert agg.money_years() == tuple(sorted(y for y, a in granted(agg).items() if a))
        for oid, agg in insatser.items():  # as the write side loads it
            loaded = app.load(Insats, oid)
            assert loaded is not None
            assert loaded.granted_by_year() == granted(agg) == granted(loaded)
