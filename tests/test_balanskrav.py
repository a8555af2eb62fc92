"""The balanskravsutredning (issue 19, item 5; KL 11:12-13 through lag 2003:1210 21 §):
a negative balanskravsresultat, not negative equity, asks the board to restore the
deficit within three years or to decide that synnerliga skäl exist not to.

The förbund: opening equity 500 000 kr on 2023-12-31; allocation 1 000 000 kr a year;
one insats of 1 200 000 kr in 2024 and one of 900 000 kr in 2025. 2024: 1 000 000 -
1 200 000 = -200 000 kr (equity 300 000 kr, positive); 2025: 1 000 000 - 900 000 =
+100 000 kr, which restores 100 000 kr of 2024's deficit and leaves 100 000 kr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Finsam

KR = 100  # öre
MEMBERS = ("fk:state:25%", "af:state:25%", "rvn:region:25%", "solleftea:municipality:25%")


@pytest.fixture
def deficit(finsam: Finsam) -> Finsam:
    members = [a for m in MEMBERS for a in ("--member", m)]
    finsam("forbund", "create", "s", "--name", "S", *members, "--on", "2005-11-01")
    finsam("opening-equity", "--year-end", "2023-12-31", "--equity", "500000")
    for year in ("2024", "2025"):
        finsam("allocation", "set", "--year", year, "--total", "1000000")
    finsam("meeting", "open", "2023-11-23")
    for insats, amount, year in (("a", "1200000", "2024"), ("b", "900000", "2025")):
        finsam(
            "application", "receive", insats, "--amount", amount,
            "--start", f"{year}-01-01", "--end", f"{year}-12-31", "--on", "2023-10-01",
        )  # fmt: skip
        finsam("grant", insats, "--meeting", "2023-11-23")
    return finsam


def balanskrav(finsam: Finsam, year: int) -> Any:
    return finsam.json("report", "balanskrav", "--year", str(year))


def test_a_deficit_year_on_positive_equity_asks_the_question(deficit: Finsam) -> None:
    equity = deficit.json("equity", "--as-of", "2024-12-31")
    assert equity["equity"] == 300_000 * KR  # 500 000 - 200 000: positive
    report = balanskrav(deficit, 2024)
    assert report["balanskrav_result"] == -200_000 * KR
    assert report["deficits"] == [
        {
            "year": 2024,
            "deficit": 200_000 * KR,
            "restored": 0,
            "left": 200_000 * KR,
            "restore_by": 2027,
            "synnerliga_skal": "",
        }
    ]
    assert report["to_restore"] == 200_000 * KR
    assert report["findings"] == [
        "Balanskravsresultatet 2024 är negativt (-200 000 kr): underskottet ska återställas "
        "senast 2027, om inte styrelsen beslutar att synnerliga skäl finns att inte göra det "
        "(KL 11:12-13)."
    ]


def test_a_later_surplus_restores_the_deficit_the_oldest_first(deficit: Finsam) -> None:
    report = balanskrav(deficit, 2025)
    assert report["balanskrav_result"] == 100_000 * KR
    (d,) = report["deficits"]
    assert (d["restored"], d["left"]) == (100_000 * KR, 100_000 * KR)
    assert report["findings"] == [
        "Underskottet från 2024, 100 000 kr kvar, ska återställas senast 2027 (KL 11:12)."
    ]
    csv = deficit("report", "balanskrav", "--year", "2025", "--format", "csv").output
    assert "Utredning,Underskott kvar att återställa,-100000.00" in csv


def test_synnerliga_skal_decided_asks_nothing_more(deficit: Finsam) -> None:
    deficit("meeting", "open", "2025-03-20")
    deficit.fails("exempt-deficit", "--year", "2025", "--reason", "x", "--meeting", "2025-03-20")
    deficit(
        "exempt-deficit", "--year", "2024", "--reason", "Engångskostnad för ny lokal",
        "--meeting", "2025-03-20",
    )  # fmt: skip
    minutes = " ".join(deficit("minutes", "2025-03-20").output.split())
    assert (
        "Styrelsen beslutar att synnerliga skäl finns för att inte återställa det negativa "
        "balanskravsresultatet för 2024 (Engångskostnad för ny lokal)."
    ) in minutes
    report = balanskrav(deficit, 2024)
    (d,) = report["deficits"]
    assert (d["left"], d["synnerliga_skal"]) == (0, "2025:1")
    assert report["findings"] == [] and report["to_restore"] == 0
    # asked before the decision was recorded, the question stands
    before = deficit.json("report", "balanskrav", "--year", "2024", "--as-of", "2025-03-19")
    assert before["to_restore"] == 200_000 * KR
    again = deficit.fails(
        "exempt-deficit", "--year", "2024", "--reason", "igen", "--meeting", "2025-03-20"
    )
    assert "synnerliga skäl for 2024's deficit were decided on 2025-03-20" in again.output


JOURNAL = """
[forbund]
id = "f"
name = "F"
members = [
  {id = "fk", kind = "state", share = "25%"},
  {id = "af", kind = "state", share = "25%"},
  {id = "rvn", kind = "region", share = "25%"},
  {id = "k", kind = "municipality", share = "25%"},
]
created = 2005-01-01

[[meetings]]
date = 2025-03-20

[[meetings.paragraphs]]
title = "Balanskravsresultat 2024"

[[meetings.paragraphs.effects]]
do = "exempt_deficit"
year = 2024
reason = "Engångskostnad"
"""


def test_the_journal_carries_the_decision(tmp_path: Path) -> None:
    journal = tmp_path / "j.toml"
    journal.write_text(JOURNAL, encoding="utf-8")
    finsam = Finsam(str(tmp_path / "j.db"))
    finsam("import", str(journal))
    minutes = " ".join(finsam("minutes", "2025-03-20").output.split())
    assert "att inte återställa det negativa balanskravsresultatet för 2024" in minutes


def test_the_annual_report_holds_the_utredning(deficit: Finsam, tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    deficit("report", "annual", "--year", "2024", "--output", str(out))
    html = out.read_text(encoding="utf-8")
    assert "Balanskravsutredning 2024" in html
    assert "underskottet ska återställas senast 2027" in html


def test_solleftea_2024_restores_the_deficits_of_2021_and_2023(finsam: Finsam) -> None:
    # Årsredovisning 2024, 1.1 Översikt (examples/solleftea-2024.toml): results 2021
    # -125 937, 2022 +22 091, 2023 -117 094 kr; 2024 +236 500 kr. 2022 restores 22 091
    # of 2021's deficit; 2024 the other 103 846 and then 2023's 117 094 (236 500 -
    # 103 846 - 117 094 = 15 560 kr to spare): nothing is left to restore.
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    report = balanskrav(finsam, 2024)
    assert report["balanskrav_result"] == 236_500 * KR
    assert [(d["year"], d["deficit"], d["restored"], d["left"]) for d in report["deficits"]] == [
        (2021, 125_937 * KR, 125_937 * KR, 0),
        (2023, 117_094 * KR, 117_094 * KR, 0),
    ]
    assert report["to_restore"] == 0 and report["findings"] == []
    # in 2023 the deficit of 2021 was still 103 846 kr (125 937 - 22 091) to restore by
    # 2024 (the store keeps no books for 2023 itself: its statement is not the published)
    before = finsam.json("report", "balanskrav", "--year", "2023")
    assert before["findings"] == [
        "Underskottet från 2021, 103 846 kr kvar, ska återställas senast 2024 (KL 11:12)."
    ]
