"""The quick pass of commands/bounds.py (``_within``, no field paths built) never lets
through what the full walk refuses: ``check`` must refuse exactly what ``_walk`` refuses,
on values drawn at and around every bound (issue 25 made the pass; issue 26 set the
bounds)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commands import bounds
from commands import structs as c
from finsam_es.errors import InvalidInput
from finsam_es.values import FIRST_DATE, LAST_DATE, MAX_AMOUNT

TEXTS = st.sampled_from(
    [
        "kansli",
        "Förbund 7",
        "rad ett\nrad två\tflik",  # a newline and a tab are text: not printable, yet fine
        "a\x1b[2Jb",  # an escape: refused
        "nul\x00",
        "x" * bounds.MAX_ID,
        "x" * (bounds.MAX_ID + 1),  # too long for an id, fine as other text
        "y" * (bounds.MAX_TEXT + 1),
        "",
    ]
)
AMOUNTS = st.sampled_from(
    [0, 1, -1, MAX_AMOUNT, MAX_AMOUNT + 1, -MAX_AMOUNT, -MAX_AMOUNT - 1, 10**20]
).map(c.Amount)
YEARS = st.sampled_from(
    [FIRST_DATE.year - 1, FIRST_DATE.year, 2024, LAST_DATE.year, LAST_DATE.year + 1]
)
DAYS = st.sampled_from(
    [FIRST_DATE - timedelta(days=1), FIRST_DATE, date(2024, 3, 15), LAST_DATE, date(2200, 1, 1)]
)


def refused(command: c.Command, check: object) -> str | None:
    try:
        check(command)  # type: ignore[operator]
    except InvalidInput as e:
        return str(e)
    return None


def same_verdict(command: c.Command) -> None:
    walked = refused(command, lambda cmd: bounds._walk(cmd, "", ""))
    assert refused(command, bounds.check) == walked
    if bounds._within(command, ""):
        assert walked is None


@given(forbund=TEXTS, line=TEXTS, text=TEXTS, amount=AMOUNTS, on=DAYS)
def test_a_booking_is_refused_by_the_quick_pass_as_by_the_walk(
    forbund: str, line: str, text: str, amount: c.Amount, on: date
) -> None:
    same_verdict(c.Book(forbund=forbund, kind="cost", line=line, amount=amount, on=on, text=text))


@given(year=YEARS, amount=AMOUNTS, line=TEXTS, meeting=DAYS, title=TEXTS)
def test_a_paragraph_with_a_budget_is_refused_by_the_quick_pass_as_by_the_walk(
    year: int, amount: c.Amount, line: str, meeting: date, title: str
) -> None:
    lines = (c.BudgetLineSpec(line=line, kind="cost", amount=amount),)
    budget = c.AdoptBudget(year=year, lines=lines, from_equity=amount)
    same_verdict(
        c.AddParagraph(forbund="f", meeting=meeting, title=title, effects=(budget,), number=None)
    )


@pytest.mark.parametrize("number", [0, 1, 10_000, -3])
def test_a_paragraph_number_goes_to_the_full_checks(number: int) -> None:
    command = c.AddParagraph(forbund="f", meeting=date(2024, 3, 15), title="t", number=number)
    assert not bounds._within(command, "")
    same_verdict(command)
