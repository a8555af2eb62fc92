"""A grant keeps its own period (issue 19, item 6): eight years asked, four granted.

8 000 000 kr asked for 2024-2031 (1 000 000 kr a year); the board grants 4 000 000 kr
for 2024-01-01 - 2027-12-31, spread evenly: 4 000 000 / 48 months = 83 333,33 kr a
month, 1 000 000 kr a year. Everything after the grant reads 2027-12-31 as its end.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Finsam

KR = 100  # öre
MEMBERS = ("fk:state:25%", "af:state:25%", "rvn:region:25%", "solleftea:municipality:25%")


@pytest.fixture
def shorter(finsam: Finsam) -> Finsam:
    members = [a for m in MEMBERS for a in ("--member", m)]
    finsam("forbund", "create", "s", "--name", "S", *members, "--on", "2005-11-01")
    finsam("meeting", "open", "2023-11-23")
    finsam(
        "application", "receive", "lang", "--amount", "8000000",
        "--start", "2024-01-01", "--end", "2031-12-31", "--on", "2023-10-01",
    )  # fmt: skip
    finsam("grant", "lang", "--amount", "4000000", "--end", "2027-12-31", "--meeting", "2023-11-23")
    return finsam


def row(finsam: Finsam, as_of: str) -> Any:
    answer = finsam.json("interventions", "--as-of", as_of)
    return next(r for r in answer["interventions"] if r["id"] == "lang")


def test_the_granted_period_is_the_insatss_period(shorter: Finsam) -> None:
    lang = row(shorter, "2026-06-30")
    assert (lang["start"], lang["end"]) == ("2024-01-01", "2027-12-31")
    assert lang["status"] == "running"
    assert lang["granted_by_year"] == {str(y): 1_000_000 * KR for y in range(2024, 2028)}
    # after the last granted month it is over, though the application ran to 2031
    after = row(shorter, "2028-06-30")
    assert after["status"] == "ended" and after["end"] == "2027-12-31"
    assert after["charged"] == 4_000_000 * KR


def test_the_decision_names_the_granted_period(shorter: Finsam) -> None:
    minutes = " ".join(shorter("minutes", "2023-11-23").output.split())  # unwrapped
    assert "bevilja 4 000 000 kr för insatsen lang för perioden 2024-01-01–2027-12-31" in minutes
    assert "2031" not in minutes
    register = shorter.json("decisions", "--year", "2023")
    assert "2031" not in str(register)


def test_extend_and_end_early_read_the_granted_end(shorter: Finsam) -> None:
    shorter("meeting", "open", "2025-05-15")
    # the application's end (2031) would refuse both of these
    shorter.fails("end-early", "lang", "--end", "2029-12-31", "--meeting", "2025-05-15")
    shorter("extend", "lang", "--end", "2028-12-31", "--meeting", "2025-05-15")
    assert row(shorter, "2028-06-30")["status"] == "running"
    assert row(shorter, "2028-06-30")["end"] == "2028-12-31"
