"""The view's row writer keeps each insats's charges by money year and writes only what
an event changed: the rows must be those of the whole charges recomputed, whether the
writer keeps every insats in memory or loads them again from the log."""

from __future__ import annotations

import copy
import tempfile
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from hypothesis import HealthCheck, given, settings

from finsam_es import accounting
from finsam_es.insats import Insats
from projections.money_rows import RowWriter
from projections.view_tables import Rows, no_rows
from store.application import FinsamApp
from tests.conftest import Clock
from tests.test_agreement import EXAMPLES_PER_PROPERTY, Step, build, histories

AT = datetime(2024, 1, 2, tzinfo=UTC)


def rows_of(app: FinsamApp, kept: int | None) -> Rows:
    writer = RowWriter(
        lambda oid, version: app.repository.get(oid, version=version),
        lambda _fiscal_year: None,
        kept,
    )
    rows = no_rows()
    for position, event in app.read():
        writer.write(position, event, rows)
    return rows


def charges_by_insats(rows: Rows) -> Counter[tuple[Any, ...]]:
    """The charge postings summed per insats, day, account and kind (zeros left out)."""
    out: Counter[tuple[Any, ...]] = Counter()
    for row in rows["fin_postings"]:
        if row[8] in ("charge", "interim", "settlement", "correction"):
            out[(row[7], row[4], row[5], row[8])] += row[9]
    return +out


@settings(
    max_examples=max(EXAMPLES_PER_PROPERTY // 4, 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=histories())
def test_rows_by_money_year_add_up_to_the_whole_charges(steps: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = FinsamApp(str(Path(tmp) / "a.db"), clock=Clock())
        build(app, steps)
        kept_all = rows_of(app, None)
        # one insats in memory: every other event loads its insats again from the log
        assert rows_of(app, 1) == kept_all
        # the charges written, event by event, add up to each insats's whole charges
        expected: Counter[tuple[Any, ...]] = Counter()
        insatser: dict[Any, Insats] = {}
        for _position, event in app.read():
            if isinstance(event, Insats.ApplicationReceived):
                insatser[event.originator_id] = event.mutate(None)
            elif isinstance(event, Insats.Event):
                event.mutate(insatser[event.originator_id])
        for agg in insatser.values():
            for p in accounting.charge_postings(agg):
                expected[(p.insats, p.day.isoformat(), p.account, p.kind)] += p.amount
        assert charges_by_insats(kept_all) == +expected


def test_a_payment_changes_only_what_is_paid() -> None:
    """The writer leaves an insats's charges and summary as they were on a payment
    (money_rows.py): that holds while a payment's ``apply`` changes nothing they read."""
    received: Any = Insats.ApplicationReceived  # the library's dataclass, built as the log does
    paid: Any = Insats.PaymentMade
    insats = received(
        originator_id=uuid4(),
        originator_version=1,
        originator_topic="finsam_es.insats:Insats",
        timestamp=AT,
        forbund="f",
        effective=date(2024, 1, 1),
        insats="a",
        name="A",
        kind="individual",
        owner="kommun",
        co_applicants=(),
        amount=100,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        line="insatser",
    ).mutate(None)
    before = copy.deepcopy(vars(insats))
    paid(
        originator_id=insats.id,
        originator_version=2,
        timestamp=AT,
        forbund="f",
        effective=date(2024, 2, 1),
        amount=5,
        text="utbetalning",
    ).apply(insats)
    after = vars(insats)
    assert {k for k in after if after[k] != before.get(k)} == {"paid"}
    assert after["paid"] == before["paid"] + 5
