"""The Sollefteå example's meeting of 2023-11-23 is recorded from its agenda (issue 20,
item 8): called with its ten ärenden on 2023-11-09 as a public meeting, opened from the
agenda as §58-§67, each ärende decided as proposed; the SFI ärende's förslag carries its
återremiss and becomes it. The money is what the paragraphs decided before: the budget
(2 832 000 kr of income, årsredovisningen's column "Budget 2024"), SamCoach 775 000 kr,
BIP 120 000 kr, SFI referred back. The applications have their diarienummer from
receipt, in the order they came in (2023-09-29: SamCoach, SFI, Region Västernorrland;
2023-10-16: BIP)."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, Finsam

DAY = "2023-11-23"


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("agenda") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def test_the_meeting_was_called_with_its_ten_arenden(solleftea: Finsam) -> None:
    doc = solleftea.json("agenda", "show", DAY, "--as-of", DAY)
    assert (doc["sent"], doc["public"], len(doc["items"])) == ("2023-11-09", True, 10)
    assert doc["late"] is None  # 14 days before, the default notice period is 7
    effects = {i["number"]: [e["do"] for e in i["effects"]] for i in doc["items"] if i["effects"]}
    assert effects == {6: ["adopt_budget"], 7: ["grant"], 8: ["refer_back"], 9: ["grant"]}
    dnr = {i["number"]: i["diarienummer"] for i in doc["items"] if i["diarienummer"]}
    assert dnr == {5: "2023/3", 7: "2023/1", 8: "2023/2", 9: "2023/4"}


def test_the_sfi_förslag_became_its_återremiss(solleftea: Finsam) -> None:
    p = solleftea.json("paragraph", "show", "2023", "65")
    assert p["decisions"] == [
        "Styrelsen beslutar att återremittera ansökan till Sollefteå kommun för komplettering."
    ]
    assert p["proposal"] == p["decisions"][0]  # decided as proposed
    assert p["diarienummer"] == "2023/2"
    assert p["effects"][0].startswith("återremittera ansökan om medel för insatsen SFI")
    sfi = next(
        i
        for i in solleftea.json("interventions", "--as-of", DAY)["interventions"]
        if i["id"] == "sfi"
    )
    assert (sfi["status"], sfi["paragraphs"], sfi["diarienummer"]) == (
        "referred_back", ["2023:65"], "2023/2",
    )  # fmt: skip


def test_the_money_is_what_the_paragraphs_decided(solleftea: Finsam) -> None:
    register = solleftea.json("decisions", "--year", "2023")["decisions"]
    amounts = {d["paragraph"]: d["amount"] for d in register if d["meeting"] == DAY}
    assert amounts["2023:64"] == 775_000 * 100  # SamCoach
    assert amounts["2023:66"] == 120_000 * 100  # BIP
    budget = solleftea.json("budget", "--year", "2024", "--as-of", DAY)
    assert budget["income_total"] == 2_832_000 * 100 == budget["cost_total"]
    meetings = solleftea.json("meetings", "--year", "2023")
    first = next(m for m in meetings if m["date"] == DAY)
    assert (first["first"], first["last"]) == (58, 67)


def test_importing_it_again_adds_nothing(solleftea: Finsam) -> None:
    out = solleftea("import", str(EXAMPLES / "solleftea-2024.toml")).output
    assert "nothing new" in out
