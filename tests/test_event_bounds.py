"""The stored events' bounds check: its quick pass (by exact type) and the walk that names
what is out of bounds must answer alike, wherever in an event the value sits."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import pytest

from finsam_es.budget import BudgetLine, LineAmount, PlanYear
from finsam_es.event_bounds import _check, out_of_bounds
from finsam_es.fiscal_year import FiscalYear
from finsam_es.insats import Insats
from finsam_es.schedule import YearAmount
from finsam_es.values import MAX_AMOUNT

AT = datetime(2024, 1, 2, tzinfo=UTC)
# the library's event dataclasses, built as the log builds them (mypy sees no fields)
ADOPTED: Any = FiscalYear.BudgetAdopted
GRANTED: Any = Insats.GrantAwarded


def adopted(
    amount: int = 100, plan_amount: int = 100, effective: date = date(2024, 1, 1)
) -> FiscalYear.BudgetAdopted:
    event: FiscalYear.BudgetAdopted = ADOPTED(
        originator_id=uuid4(),
        originator_version=2,
        timestamp=AT,
        forbund="f",
        effective=effective,
        paragraph="2024:1",
        lines=(BudgetLine("kansli", "cost", amount),),
        plan=(PlanYear(2025, (LineAmount("kansli", plan_amount),)),),
        from_equity=0,
    )
    return event


def granted(schedule_amount: int, end: date = date(2024, 12, 31)) -> Insats.GrantAwarded:
    event: Insats.GrantAwarded = GRANTED(
        originator_id=uuid4(),
        originator_version=2,
        timestamp=AT,
        forbund="f",
        effective=date(2024, 1, 1),
        paragraph=None,
        amount=100,
        start=date(2024, 1, 1),
        end=end,
        schedule=(YearAmount(2024, schedule_amount),),
    )
    return event


def named(event: Any) -> str | None:
    """The slow walk alone over every field, as the check ran before its quick pass."""
    for name, value in vars(event).items():
        if name in ("timestamp", "originator_id"):
            continue
        found = _check(value, name)
        if found:
            return found
    return None


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (adopted(), None),
        (adopted(amount=MAX_AMOUNT), None),
        (adopted(amount=-MAX_AMOUNT), None),
        (adopted(amount=MAX_AMOUNT + 1), "lines[0].amount = 100000000001 is beyond"),
        (adopted(amount=-MAX_AMOUNT - 1), "lines[0].amount = -100000000001 is beyond"),
        (adopted(plan_amount=10**22), "plan[0].lines[0].amount = 10000000000000000000000"),
        (adopted(effective=date(1, 1, 1)), "effective = 0001-01-01 is outside the dates"),
        (adopted(effective=date(2200, 1, 1)), "effective = 2200-01-01 is outside the dates"),
        (granted(100), None),
        (granted(10**20), "schedule[0].amount = 100000000000000000000 is beyond"),
        (granted(100, end=date(9999, 12, 31)), "end = 9999-12-31 is outside the dates"),
    ],
)
def test_the_quick_pass_and_the_naming_walk_agree(event: Any, expected: str | None) -> None:
    found = out_of_bounds(event)
    assert found == named(event)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.startswith(expected)


def test_a_datetime_or_a_subclass_of_int_is_checked_by_the_walk() -> None:
    """Types the quick pass does not know exactly still get their answer."""
    event = adopted()
    object.__setattr__(event, "effective", datetime(1, 1, 1, tzinfo=UTC))
    found = out_of_bounds(event)
    assert found is not None and found.startswith("effective = 0001-01-01T00:00:00+00:00")

    class Big(int):
        pass

    event = adopted()
    object.__setattr__(event, "from_equity", Big(MAX_AMOUNT + 1))
    assert (
        out_of_bounds(event)
        == "from_equity = 100000000001 is beyond the largest amount finsam accepts"
    )
