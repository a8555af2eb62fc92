"""Participation at a distance (lag 2003:1210 19 a §, issue 20 deliverable 6): allowed by
a decision of the board from its day, refused where none is in force, and the minutes
say who took part so."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from finsam_es.distance import DistanceRules
from finsam_es.errors import InvalidInput
from tests.conftest import Finsam

AT = datetime(2026, 1, 1, tzinfo=UTC)
FIRST, SECOND = "2024-02-01", "2024-03-14"


@pytest.fixture
def board(finsam: Finsam) -> Finsam:
    finsam("forbund", "create", "sol", "--name", "Sol", "--member", "fk:state:50%",
           "--member", "kommun:municipality:50%")  # fmt: skip
    finsam("board", "appoint", "Anna Berg", "--member", "kommun", "--role", "ledamot",
           "--from", "2024-01-01")  # fmt: skip
    finsam("board", "appoint", "Per Ek", "--member", "fk", "--role", "ledamot",
           "--from", "2024-01-01")  # fmt: skip
    for day in (FIRST, SECOND):
        finsam("meeting", "open", day, "--chair", "Anna Berg", "--present", "Anna Berg",
               "--present", "Per Ek")  # fmt: skip
    finsam("paragraph", "add", FIRST, "--title", "Deltagande på distans",
           "--decision", "Styrelsen beslutar att ledamöter får delta på distans.")  # fmt: skip
    return finsam


def test_refused_until_the_board_allows_it_then_in_the_minutes(board: Finsam) -> None:
    events = board.events()
    result = board.fails("meeting", "distance", SECOND, "Per Ek")
    assert result.output.strip() == (
        f"error: no decision of the board allows participation at a distance on {SECOND} "
        "(lag 2003:1210 19 a §): record it with `meeting allow-distance` first"
    )
    assert board.events() == events
    board("meeting", "allow-distance", "--from", FIRST, "--paragraph", "2024:1")
    board("meeting", "distance", SECOND, "Per Ek")
    doc = board.json("minutes", SECOND, "--format", "json")
    assert doc["distance"] == ["Per Ek"]
    assert "Deltar på distans" in board("minutes", SECOND).output
    # the decision stops from a day: a later meeting cannot record it
    board("meeting", "allow-distance", "--from", "2024-03-01", "--stop")
    result = board.fails("meeting", "distance", SECOND, "Anna Berg")
    assert "no decision of the board allows" in result.output
    board("meeting", "close", SECOND)
    board("meeting", "adjust", SECOND, "--on", "2024-03-20")
    result = board.fails("meeting", "distance", SECOND)
    assert result.output.strip() == (
        f"error: the minutes of {SECOND} are adjusted: who attended can no longer change"
    )


def test_only_those_at_the_meeting_and_a_real_paragraph(board: Finsam) -> None:
    result = board.fails("meeting", "allow-distance", "--from", FIRST, "--paragraph", "2024:7")
    assert result.output.strip() == "error: §7 does not exist in 2024 for sol"
    result = board.fails(
        "meeting", "allow-distance", "--from", "2024-01-01", "--paragraph", "2024:1"
    )
    assert result.output.strip() == (
        f"error: §1 (2024) was decided on {FIRST}: it allows participation at a distance "
        "from then, not from 2024-01-01"
    )
    board("meeting", "allow-distance", "--from", FIRST)
    result = board.fails("meeting", "distance", SECOND, "Eva Lund")
    assert result.output.strip() == (
        f"error: Eva Lund is not among those at the meeting of {SECOND}"
    )


def test_not_before_the_law() -> None:
    rules = DistanceRules.start("sol", AT)
    with pytest.raises(InvalidInput, match="from 2022-03-16"):
        rules.decide(True, date(2021, 1, 1), "", AT)
    rules.decide(True, date(2022, 6, 1), "2022:4", AT)
    rules.decide(False, date(2023, 1, 1), "2022:40", AT)
    assert (rules.allowing(date(2022, 5, 31)), rules.allowing(date(2022, 6, 1))) == (
        None,
        "2022:4",
    )
    assert rules.allowing(date(2023, 1, 1)) is None
