"""The rules of a published year's figures, on the domain object (fast enough for
mutation testing): what is refused, what is warned, and that a record replaces."""

from __future__ import annotations

from datetime import UTC, date, datetime

import msgspec
import pytest

from finsam_es.errors import InvalidInput
from finsam_es.published_year import Outcome, OutcomeLine, PublishedYear
from finsam_es.values import MAX_AMOUNT

AT = datetime(2025, 1, 1, tzinfo=UTC)


def outcome(**changes: object) -> Outcome:
    # the Sollefteå seed's 2023 in öre: 2 832 000 kr, costs 2 983 378, result -117 094
    seed = Outcome(
        source="Årsredovisning 2024",
        allocation=283_200_000,
        costs=298_337_800,
        result=-11_709_400,
        equity=58_402_600,
    )
    return msgspec.structs.replace(seed, **changes)


def test_sound_figures_pass_as_they_are() -> None:
    o = outcome(total_assets=1, other_income=0, lines=(OutcomeLine("a", "cost", 0),))
    assert o.checked() is o


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source": " \t"}, "say where the figures come from (--source)"),
        ({"allocation": -1}, "allocation is written as a positive amount"),
        ({"other_income": -1}, "other income is written as a positive amount"),
        ({"costs": -1}, "costs is written as a positive amount"),
        ({"equity": MAX_AMOUNT + 1}, "beyond what finsam records"),
        ({"result": -MAX_AMOUNT - 1}, "beyond what finsam records"),
        ({"lines": (OutcomeLine("a", "cost", -MAX_AMOUNT - 1),)}, "beyond what finsam records"),
        ({"total_assets": 0}, "total assets (balansomslutning) are positive when given"),
        ({"lines": (OutcomeLine(" ", "cost", 1),)}, "an outcome line has an empty line id"),
        (
            {"lines": (OutcomeLine("a", "cost", 1), OutcomeLine("a", "cost", 2))},
            "the cost line 'a' is given twice",
        ),
    ],
)
def test_figures_that_cannot_be_a_year_are_refused(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        outcome(**changes).checked()
    assert message in str(refused.value)


def test_the_edges_are_accepted() -> None:
    at_edge = outcome(equity=MAX_AMOUNT, result=-MAX_AMOUNT, allocation=0, costs=0)
    assert at_edge.checked() is at_edge
    # the same line id may be both an income and a cost line
    both = (OutcomeLine("a", "cost", 1), OutcomeLine("a", "income", 1))
    assert outcome(lines=both, result=0).checked().lines == both


def test_lines_that_give_the_result_say_nothing_and_others_warn() -> None:
    # income 10 - costs 4 = 6
    lines = (OutcomeLine("i", "income", 10), OutcomeLine("c", "cost", 4))
    assert outcome(lines=lines, result=6).warnings(2023) == []
    assert outcome(lines=lines, result=7).warnings(2023) == [
        "2023: the lines' income less costs is 6 öre, the stated result 7 öre"
    ]
    assert outcome(result=7).warnings(2023) == []  # no lines: nothing to compare


def test_recording_again_replaces_and_is_dated_at_the_year_end() -> None:
    year = PublishedYear.open_for("sol", 2023, AT)
    assert year.outcome is None and year.year == 2023 and year.forbund == "sol"
    year.record_outcome(outcome(result=1), AT)
    year.record_outcome(outcome(result=2), AT)
    events = year.collect_events()
    recorded = [e for e in events if isinstance(e, PublishedYear.Recorded)]
    assert [e.effective for e in recorded] == [date(2023, 12, 31)] * 2
    assert year.outcome is not None and year.outcome.result == 2
    with pytest.raises(InvalidInput):
        year.record_outcome(outcome(source=""), AT)
    assert year.outcome.result == 2
