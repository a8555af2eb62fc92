"""The line an insats is charged to (issue 19, item 7): by default the förbund's line
for insatser, the cost line its budget marks ``insats``, and a grant on a line the
budget gives no money is warned, naming the line.

The 2024 budget: 1 200 000 kr income, 1 000 000 kr on "insatser" (marked) and
200 000 kr on "kansli". An insats of 240 000 kr for 2024 charges 20 000 kr a month.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Finsam

KR = 100  # öre
MEMBERS = ("fk:state:25%", "af:state:25%", "rvn:region:25%", "solleftea:municipality:25%")


@pytest.fixture
def budgeted(finsam: Finsam) -> Finsam:
    members = [a for m in MEMBERS for a in ("--member", m)]
    finsam("forbund", "create", "s", "--name", "S", *members, "--on", "2005-11-01")
    finsam("meeting", "open", "2023-11-23")
    finsam(
        "budget", "adopt", "--year", "2024", "--meeting", "2023-11-23",
        "--line", "driftbidrag:income:1200000", "--line", "insatser:cost:1000000",
        "--line", "kansli:cost:200000", "--insats-line", "insatser",
    )  # fmt: skip
    return finsam


def receive(finsam: Finsam, insats: str, *extra: str) -> Any:
    return finsam(
        "application", "receive", insats, "--amount", "240000",
        "--start", "2024-01-01", "--end", "2024-12-31", "--on", "2023-12-01", *extra,
    )  # fmt: skip


def outcome(finsam: Finsam) -> dict[str, int]:
    report = finsam.json("report", "resultatrakning", "--year", "2024")
    return {x["line"]: x["outcome"] for x in report["lines"] if x["kind"] == "cost"}


def test_an_application_without_a_line_is_charged_to_the_line_for_insatser(
    budgeted: Finsam,
) -> None:
    receive(budgeted, "coach")
    budgeted("meeting", "open", "2023-12-14")
    granted = budgeted("grant", "coach", "--meeting", "2023-12-14")
    assert "no money" not in granted.output
    # 12 x 20 000 kr on the budget's line for insatser, no line of its own
    assert outcome(budgeted) == {"insatser": 240_000 * KR, "kansli": 0}


def test_a_grant_on_a_line_without_budget_warns_naming_it(budgeted: Finsam) -> None:
    receive(budgeted, "coach", "--line", "projekt")
    budgeted("meeting", "open", "2023-12-14")
    granted = budgeted("grant", "coach", "--meeting", "2023-12-14")
    assert (
        "coach: the grant is charged to the line 'projekt', which has no money in the budget "
        "of 2024 (the lines for insatser are insatser)"
    ) in " ".join(granted.output.split())
    assert outcome(budgeted)["projekt"] == 240_000 * KR


def test_of_several_lines_for_insatser_the_first_is_taken_and_named(finsam: Finsam) -> None:
    members = [a for m in MEMBERS for a in ("--member", m)]
    finsam("forbund", "create", "s", "--name", "S", *members, "--on", "2005-11-01")
    finsam("meeting", "open", "2023-11-23")
    finsam(
        "budget", "adopt", "--year", "2024", "--meeting", "2023-11-23",
        "--line", "driftbidrag:income:1200000", "--line", "individ:cost:600000",
        "--line", "struktur:cost:600000", "--insats-line", "individ", "--insats-line", "struktur",
    )  # fmt: skip
    received = " ".join(receive(finsam, "coach").output.split())
    assert "charged to 'individ', the first of the 2024 budget's lines for insatser" in received
