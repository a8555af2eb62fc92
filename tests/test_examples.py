"""The example journals against the figures published in the seeds (test oracles).

Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt): equity 584 026 kr at
2023-12-31, result 2024 236 500 kr, equity 820 526 kr at 2024-12-31 (29 % of the
2 832 000 kr allocation); SFI på modersmål referred back at the budget meeting and
granted on 2023-12-20; the praktikinformatör grant of 91 000 kr over twelve months
from October 2024 charges 22 750 kr to 2024; BIP's 120 000 kr unused and carried.
Härnösand-Timrå 2018 (seeds/harnosand-timra-verksamhetsplan-2018.txt): applications
of 4 015 000 kr against 2 911 000 kr for insatser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from finsam_es.insats import Insats
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam, stored

KR = 100


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("sol") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def test_opening_equity_is_the_published_584_026_kr(solleftea: Finsam) -> None:
    equity = solleftea.json("equity", "--as-of", "2023-12-31")
    assert equity["equity"] == 58_402_600


def test_result_2024_is_236_500_kr(solleftea: Finsam) -> None:
    result = solleftea.json("result", "--year", "2024", "--as-of", "2024-12-31")
    assert result["result"] == 23_650_000
    assert result["income"] - result["costs"] == result["result"]
    # Driftredovisning: driftbidrag 2 832 tkr, SamCoach 775 tkr, SFI 998 tkr, BIP 0 tkr
    lines = {line["line"]: line for line in result["lines"]}
    assert lines["driftbidrag"]["outcome"] == 283_200_000
    assert lines["samcoach"]["outcome"] == 77_500_000
    assert lines["sfi"]["outcome"] == 99_800_000
    assert lines["bip"]["outcome"] == 0
    assert lines["bip"]["budget"] == 12_000_000


def test_outcome_per_line_rounds_to_the_published_tkr(solleftea: Finsam) -> None:
    """Every line of the Driftredovisning's "Utfall 2024" column, in tkr."""
    published = {
        "psykiatriveckan": 44,
        "samverkansfrukost": 3,
        "loksam": 11,
        "folkhalsa": 22,
        "beredningsgruppen": 8,
        "lansgemensamt": 10,
        "kompetenshojande": 6,
        "nya-projekt": 23,
        "styrelsen": 102,
        "kansli": 648,
        "bankkostnader": 1,
        "ranteintakter": 56,
    }
    lines = {
        line["line"]: line
        for line in solleftea.json("result", "--year", "2024", "--as-of", "2024-12-31")["lines"]
    }
    for line, tkr in published.items():
        assert (lines[line]["outcome"] + 50_000) // 100_000 == tkr, line


def test_equity_at_year_end_is_820_526_kr_and_29_percent(solleftea: Finsam) -> None:
    equity = solleftea.json("equity", "--as-of", "2024-12-31")
    assert equity["equity"] == 82_052_600  # 584 026 + 236 500
    assert equity["allocation"] == 283_200_000
    assert round(equity["ratio"] * 100) == 29
    assert equity["over_limit"] is True


def test_equity_warns_above_twenty_percent(solleftea: Finsam) -> None:
    # 820 526 / 2 832 000 = 0.2897: 29 %, against the 20 % the seed states as the limit
    result = solleftea("equity", "--as-of", "2024-12-31")
    assert (
        "equity is 29 % of the 2024 allocation; the limit is 20 % (Nationella rådets "
        "rekommendation 2013-10-02, 20 % som förbundens rapporter anger; över gränsen kan "
        "nästa års statliga medel minska)" in result.stderr
    )


def test_half_year_shows_exactly_half_the_allocation(solleftea: Finsam) -> None:
    result = solleftea.json("result", "--year", "2024", "--as-of", "2024-06-30")
    lines = {line["line"]: line for line in result["lines"]}
    assert lines["driftbidrag"]["outcome"] == 283_200_000 // 2


def status_of(finsam: Finsam, as_of: str, insats: str) -> dict[str, Any]:
    # --all: a settled insats is listed too (by default only those current on the date)
    rows = finsam.json("interventions", "--as-of", as_of, "--all")["interventions"]
    return next(r for r in rows if r["id"] == insats)


def test_sfi_is_referred_back_before_20_december_and_granted_from_then(solleftea: Finsam) -> None:
    assert status_of(solleftea, "2023-12-19", "sfi")["status"] == "referred_back"  # completed 12-11
    assert status_of(solleftea, "2023-12-01", "sfi")["status"] == "referred_back"
    granted = status_of(solleftea, "2023-12-20", "sfi")
    assert granted["status"] == "granted"
    assert granted["granted_by_year"] == {"2024": 99_800_000}
    assert status_of(solleftea, "2024-06-30", "sfi")["status"] == "running"


def interventions(finsam: Finsam, as_of: str) -> dict[str, dict[str, Any]]:
    rows = finsam.json("interventions", "--as-of", as_of, "--all")["interventions"]
    return {r["id"]: r for r in rows}


def test_regions_application_was_withdrawn(solleftea: Finsam) -> None:
    """Region Västernorrland's application (rvn-ansokan, 160 000 kr, co-applicant FK) was
    withdrawn on 2023-11-10, before the budget meeting (annual report 1.2: "En ansökan (om
    160 tkr) ... återtogs dock innan beslut"). It is the only withdrawn application."""
    assert interventions(solleftea, "2023-11-09")["rvn-ansokan"]["status"] == "received"
    rows = interventions(solleftea, "2023-12-31")
    withdrawn = {
        i: (r["owner"], r["granted"], r["granted_by_year"], r["charged"], r["paragraphs"])
        for i, r in rows.items()
        if r["status"] == "withdrawn"
    }
    assert withdrawn == {"rvn-ansokan": ("rvn", 0, {}, 0, [])}
    # "3 ansökningar ... om sammanlagt 1 933 tkr": SamCoach 775 + SFI 998 + the region's 160
    app = FinsamApp(solleftea.db)
    asked = {
        i: stored(app, Insats, Insats.id_for("solleftea", i)).asked
        for i in ("samcoach", "sfi", "rvn-ansokan")
    }
    assert asked["rvn-ansokan"] == 160_000 * KR
    assert sum(asked.values()) == 1_933_000 * KR


def test_praktikinformator_charges_22_750_kr_to_2024(solleftea: Finsam) -> None:
    row = status_of(solleftea, "2024-12-31", "praktikinformator")
    assert row["charged"] == 2_275_000  # 91 000 kr * 3/12
    assert row["granted"] == 9_100_000
    assert row["granted_by_year"] == {"2024": 2_275_000, "2025": 6_825_000}


def test_bip_unused_in_2024_is_carried_into_2025(solleftea: Finsam) -> None:
    at_year_end = status_of(solleftea, "2024-12-31", "bip")
    assert at_year_end["charged"] == 0 and at_year_end["unused"] == 12_000_000
    carried = status_of(solleftea, "2025-03-31", "bip")
    assert carried["granted_by_year"] == {"2025": 12_000_000}  # 2024 keeps nothing
    assert carried["unused"] == 0


def test_samcoach_is_paid_and_granted_in_full(solleftea: Finsam) -> None:
    """Paid quarterly in arrears, 775 000 / 4 = 193 750 kr: three quarters and 39 266 kr
    of the fourth by 2024-12-31, the rest on 2025-01-20 (the example's [[payments]])."""
    row = status_of(solleftea, "2024-12-31", "samcoach")
    assert row["granted"] == row["charged"] == 77_500_000
    assert row["paid"] == 3 * 19_375_000 + 3_926_600
    assert status_of(solleftea, "2025-01-20", "samcoach")["paid"] == 77_500_000


def test_view_agrees_with_the_event_log(solleftea: Finsam) -> None:
    for day in ("2023-11-30", "2023-12-31", "2024-06-30", "2024-12-31", "2025-03-31"):
        solleftea("view", "verify", "--as-of", day)


def test_a_closed_year_refuses_bookings(solleftea: Finsam) -> None:
    before = solleftea.events()
    result = solleftea.fails("book", "cost", "kansli", "100", "--on", "2024-12-30")
    # the annual report 2024 is adopted on 2025-03-20 in §13 of 2025
    assert (
        "2024 is closed: its annual report was adopted on 2025-03-20 (§2025:13); a booking "
        "dated in 2024 is refused, book the correction in an open year"
    ) in result.stderr
    assert solleftea.events() == before


def test_reimport_adds_nothing(solleftea: Finsam) -> None:
    before = solleftea.events()
    result = solleftea("import", str(EXAMPLES / "solleftea-2024.toml"))
    assert "nothing new" in result.stderr
    assert solleftea.events() == before


def test_board_change_in_2024(solleftea: Finsam) -> None:
    """The board at the start of 2024 (annual report 1.4); Region Västernorrland replaced
    Mikael Sjölund by Gudrun Sjödin during the year (dated 2024-06-01 in the example)."""
    early = {s["name"] for s in solleftea.json("board", "--as-of", "2024-03-01")["seats"]}
    late = {s["name"] for s in solleftea.json("board", "--as-of", "2024-12-31")["seats"]}
    at_start = {
        "Birgitta Häggkvist",
        "Susanne Lindahl",
        "Patrik Lockner",
        "Fredrik Berglund",
        "Mikael Sjölund",
        "Sandra Formgren",
        "Lina Kempe",
        "Camilla Steen",
    }
    assert early == at_start
    assert late == at_start - {"Mikael Sjölund"} | {"Gudrun Sjödin"}


def test_harnosand_timra_2020_minutes(make_finsam: Callable[[str], Finsam]) -> None:
    finsam = make_finsam("ht2020")
    result = finsam("import", str(EXAMPLES / "harnosand-timra-2020.toml"))
    assert "warning" not in result.stderr
    minutes = finsam("minutes", "2020-08-28").stdout
    assert "Delårsredovisning 2020-01-01–2020-06-30" in minutes
    doc = finsam.json("minutes", "2020-08-28")
    # the example's dates: adjusted 2020-09-03, posted 2020-09-04 to 2020-09-28
    assert (doc["adjusted"], doc["posted_up"], doc["posted_down"]) == (
        "2020-09-03",
        "2020-09-04",
        "2020-09-28",
    )
    assert [p["number"] for p in doc["paragraphs"]] == [30, 31, 32, 33, 34, 35]
    # signed by the chair, the vice chair and three members ("Härnösand 200828")
    assert doc["deciding"] == [
        "Lars Kempe (ordförande)",
        "Nina Skyttberg (vice ordförande)",
        "Anna Reinholdsson Lundberg (ledamot)",
        "Mats Höglund (ledamot)",
        "Hans Skimmermo (ledamot)",
    ]


def test_granting_all_2018_applications_warns(make_finsam: Callable[[str], Finsam]) -> None:
    """4 015 000 kr applied for against 2 911 000 kr for insatser in the 2018 budget."""
    finsam = make_finsam("ht2018")
    finsam("import", str(EXAMPLES / "harnosand-timra-2018.toml"))
    budget = finsam.json("budget", "--year", "2018", "--as-of", "2018-01-01")
    assert budget["income_total"] == budget["cost_total"] == 384_400_000
    assert budget["plan"]["2019"]["insatser"] == 291_100_000
    finsam("meeting", "open", "2017-12-14")
    stderr = ""
    for insats in ("amt-timra", "amt-harnosand", "syv", "friskare"):
        stderr += finsam("grant", insats, "--meeting", "2017-12-14").stderr
    assert (
        "grants for 2018 come to 4 015 000 kr, beyond the 2 911 000 kr the budget holds for "
        "insatser"
    ) in stderr


def test_budget_before_and_after_the_change_of_20_december(solleftea: Finsam) -> None:
    """SFI's 998 000 kr waits on "Andra insatser" until it is granted (§71, 2023-12-20)."""
    before = {
        r["line"]: r
        for r in solleftea.json("budget", "--year", "2024", "--as-of", "2023-12-19")["lines"]
    }
    after = {
        r["line"]: r
        for r in solleftea.json("budget", "--year", "2024", "--as-of", "2023-12-20")["lines"]
    }
    assert before["andra-insatser"]["amount"] == 99_800_000 and "sfi" not in before
    assert after["andra-insatser"]["amount"] == 0
    assert after["sfi"]["amount"] == 99_800_000 and after["sfi"]["paragraphs"] == ["2023:71"]
    total = solleftea.json("budget", "--year", "2024", "--as-of", "2024-12-31")
    assert total["income_total"] == total["cost_total"] == 283_200_000
