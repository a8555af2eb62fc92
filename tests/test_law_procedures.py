"""The procedures lag (2003:1210) asks beside the minutes, through the `finsam` command:
each missing one is a warning of `finsam procedures`, never a refusal.

Sollefteå's members (seeds/solleftea-arsredovisning-2024.txt): FK and AF (state), Region
Västernorrland (rvn) and Sollefteå kommun. Dates are made up.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Finsam
from tests.test_governance_cli import MEMBERS

MEETING = "2024-02-15"


@pytest.fixture
def solleftea(finsam: Finsam) -> Finsam:
    finsam("forbund", "create", "solleftea", "--name", "S", *MEMBERS, "--on", "2005-11-01")
    return finsam


def record(finsam: Finsam, kind: str, *args: str, year: str = "2024") -> Any:
    return finsam("procedure", "record", kind, "--year", year, *args)


def warnings(finsam: Finsam, year: str = "2024") -> list[str]:
    report: list[str] = finsam.json("procedures", "--year", year)["warnings"]
    return report


def test_an_empty_year_warns_of_delegation_and_auditors(solleftea: Finsam) -> None:
    # 10 §: a delegation order; 25 §: auditors, FK's jointly for FK and AF.
    assert warnings(solleftea) == [
        "no delegation order is recorded by 2024 (lag 2003:1210 10 §)",
        "no auditor for 2024 is recorded for fk and af (jointly, by Försäkringskassan), "
        "rvn, solleftea (lag 2003:1210 25 §)",
    ]


def test_fk_appoints_the_auditor_for_fk_and_af(solleftea: Finsam) -> None:
    # 25 §: Försäkringskassan appoints one auditor jointly for itself and AF.
    on = ("--on", "2024-01-01")
    record(solleftea, "auditor", "--member", "fk", "--name", "Anna Revisor", *on)
    record(solleftea, "auditor", "--member", "rvn", "--name", "Bo Revisor", *on)
    record(solleftea, "auditor", "--member", "solleftea", "--name", "Cia Revisor", *on)
    refused = solleftea.fails(
        "procedure", "record", "auditor", "--year", "2024", "--member", "af", "--name", "X", *on
    )
    assert "Försäkringskassan appoints one jointly for both (lag 2003:1210 25 §)" in (
        refused.output
    )
    record(solleftea, "delegation", "--on", "2024-01-01", "--text", "mål, inriktning, omfattning")
    assert warnings(solleftea) == [
        "no report of delegated decisions to the board is recorded in 2024 (lag 2003:1210 10 §)"
    ]
    record(solleftea, "delegated_report", "--on", "2024-02-15", "--text", "beslut 1-3")
    assert warnings(solleftea) == []
    assert "auditor fk Anna Revisor" in solleftea("log").output


def test_kl_8_12_one_anslag_per_board_and_one_last_day_of_appeal(solleftea: Finsam) -> None:
    # KL 8:12: the adjustment on the boards the charter names (lag 2003:1210 9 § p. 7;
    # by default the members' that keep one: rvn, solleftea) within two days; the appeal
    # (28 § with KL 13 kap.) runs three weeks from the last anslag: 2024-02-26 + 21 days
    solleftea("meeting", "open", MEETING)
    solleftea("paragraph", "add", MEETING, "--title", "Mötets öppnande")
    solleftea("meeting", "adjust", MEETING, "--on", "2024-02-21")
    missing = [w for w in warnings(solleftea) if "notice board" in w]
    assert missing == [
        f"the minutes of {MEETING} are not recorded as posted on {m}'s notice board (KL 8:12)"
        for m in ("rvn", "solleftea")
    ]
    meeting = ("--meeting", MEETING)
    record(solleftea, "announcement", "--member", "solleftea", *meeting, "--on", "2024-02-22")
    solleftea("meeting", "post", MEETING, "--board", "rvn", "--up", "2024-02-26",
              "--down", "2024-03-19")  # fmt: skip
    report = solleftea.json("procedures", "--year", "2024")
    [announced] = report["announced"]
    assert announced["appeal_ends"] == "2024-03-18"
    late = [w for w in report["warnings"] if "notice board" in w]
    assert late == [
        f"the minutes of {MEETING}: posted on rvn's notice board on 2024-02-26, after "
        "2024-02-23: the adjustment on 2024-02-21 is made known within two days "
        "(KL 8:12; lag 1930:173)"
    ]
    # the same last day in the minutes and in `meetings`
    doc = solleftea.json("minutes", MEETING)
    assert (doc["posted_up"], doc["anslag"]["appeal_last_day"]) == ("2024-02-26", "2024-03-18")
    [row] = solleftea.json("meetings", "--year", "2024")
    assert row["appeal_last_day"] == "2024-03-18"


def test_9_p_7_no_anslag_on_a_board_the_charter_does_not_name(solleftea: Finsam) -> None:
    solleftea("meeting", "open", MEETING)
    solleftea("paragraph", "add", MEETING, "--title", "Mötets öppnande")
    solleftea("meeting", "adjust", MEETING, "--on", "2024-02-21")
    fk = solleftea.fails("meeting", "post", MEETING, "--board", "fk", "--up", "2024-02-22",
                         "--down", "2024-03-15")  # fmt: skip
    assert "keeps no notice board for the förbund's anslag" in fk.output
    solleftea("forbund", "charter", "--on", "2024-01-01", "--notice-boards", "own",
              "--source", "förbundsordningen 14 §")  # fmt: skip
    theirs = solleftea.fails("meeting", "post", MEETING, "--board", "rvn", "--up",
                             "2024-02-22", "--down", "2024-03-15")  # fmt: skip
    assert "the charter names the förbund's own anslagstavla" in theirs.output
    solleftea("meeting", "post", MEETING, "--up", "2024-02-22", "--down", "2024-03-15")
    doc = solleftea.json("minutes", MEETING)
    assert [b["board"] for b in doc["anslag"]["boards"]] == ["forbund"]
    assert doc["anslag"]["appeal_last_day"] == "2024-03-14"  # 02-22 + 21 days, a Thursday


def test_the_budget_needs_the_members_consulted_before_it(solleftea: Finsam) -> None:
    # 23 §: the budget is adopted after consulting the members.
    record(solleftea, "consultation", "--member", "fk", "--on", "2024-10-01", year="2025")
    solleftea("meeting", "open", "2024-11-20")
    solleftea(
        "budget", "adopt", "--year", "2025", "--meeting", "2024-11-20",
        "--line", "driftbidrag:income:100000", "--line", "kansli:cost:100000",
    )  # fmt: skip
    consult = [w for w in warnings(solleftea, "2025") if "23 §" in w]
    assert consult == [
        "the 2025 budget was adopted on 2024-11-20 with no consultation of af, rvn, "
        "solleftea recorded before it (lag 2003:1210 23 §)"
    ]


def test_each_member_decides_on_discharge(solleftea: Finsam) -> None:
    # 26 §: once the annual report is adopted, each member decides on discharge.
    solleftea("meeting", "open", "2025-03-20")
    solleftea("annual-report", "adopt", "--year", "2024", "--meeting", "2025-03-20")
    for member in ("fk", "af", "rvn"):
        record(solleftea, "discharge", "--member", member, "--granted", "--on", "2025-05-01")
    assert [w for w in warnings(solleftea) if "26 §" in w] == [
        "no decision on discharge for 2024 is recorded for solleftea (lag 2003:1210 26 §)"
    ]
    twice = solleftea.fails(
        "procedure", "record", "discharge", "--year", "2024", "--member", "fk", "--refused",
        "--on", "2025-06-01",
    )  # fmt: skip
    assert "fk already decided on discharge for 2024" in twice.output
    missing = solleftea.fails(
        "procedure", "record", "discharge", "--year", "2024", "--member", "solleftea",
        "--on", "2025-06-01",
    )  # fmt: skip
    assert "granted or refused" in missing.output


def test_a_journal_records_thresholds_and_procedures(finsam: Finsam, tmp_path: Any) -> None:
    # 25 § (auditors) and 21 § with KL 11:5 (the balanskrav form) from a journal file.
    journal = tmp_path / "j.toml"
    journal.write_text(
        """
[forbund]
id = "s"
name = "S"
created = 2005-11-01
members = [
  { id = "fk", kind = "state", share = "25%" },
  { id = "af", kind = "state", share = "25%" },
  { id = "rvn", kind = "region", share = "25%", ledamoter = 2, ersattare = 2 },
  { id = "k", kind = "municipality", share = "25%" },
]

[[thresholds]]
on = 2024-01-01
balanskrav = "surplus"
balanskrav_source = "förbundsordningen 12 §"

[[procedures]]
year = 2024
kind = "auditor"
member = "fk"
name = "Anna Revisor"
on = 2024-01-01
""",
        encoding="utf-8",
    )
    finsam("import", str(journal))
    shown = finsam.json("forbund", "show")
    assert shown["thresholds"]["balanskrav"] == "surplus"
    procedures = finsam.json("procedures", "--year", "2024")["procedures"]
    assert [(p["kind"], p["member"], p["name"]) for p in procedures] == [
        ("auditor", "fk", "Anna Revisor")
    ]
    board = finsam.json("board", "--as-of", "2024-01-01")
    assert {m["id"]: m["ledamoter"] for m in board["members"]}["rvn"] == 2
    again = finsam("import", str(journal))
    assert "nothing new" in again.stderr
