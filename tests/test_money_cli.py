"""The money commands end to end through the `finsam` CLI, Sollefteå 2024.

Figures from seeds/solleftea-arsredovisning-2024.txt (amounts in the JSON are öre):
allocation 2 832 000 kr (a quarter per member), equity 584 026 kr at 2023-12-31,
result 2024 236 500 kr, equity 820 526 kr at 2024-12-31 (29 % of the allocation);
SamCoach 775 000 kr granted at the budget meeting, SFI på modersmål 998 000 kr
referred back, completed in December and granted 20 December; one application
(160 000 kr, Region Västernorrland) withdrawn before the decision; "Från BIP till
reflexiv praktik" 120 000 kr unused in 2024 and carried into 2025 (course start
February 2025); praktikinformatör 91 000 kr over twelve months from October 2024,
22 750 kr of it in 2024 ("Nya projekt under året").
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest

KR = 100

# The 2024 budget (driftredovisning, budget column, tkr): income driftbidrag 2 832;
# costs 775 + 998 + 120 + 60 + 10 + 30 + 50 + 10 + 10 + 20 + 12 (Verksamhet 2 095)
# + Styrelsen 65 + Kansli 667 + Bankkostnader 5 = 2 832: budgeted result 0.
BUDGET_2024 = {
    "driftbidrag": ("income", 2_832_000),
    "samcoach": ("cost", 775_000),
    "sfi": ("cost", 998_000),
    "bip": ("cost", 120_000),
    "psykiatriveckan": ("cost", 60_000),
    "samverkansfrukost": ("cost", 10_000),
    "loksam": ("cost", 30_000),
    "folkhalsa": ("cost", 50_000),
    "beredningsgruppen": ("cost", 10_000),
    "lansgemensamt": ("cost", 10_000),
    "kompetens": ("cost", 20_000),
    "nya_projekt": ("cost", 12_000),
    "styrelsen": ("cost", 65_000),
    "kansli": ("cost", 667_000),
    "bankkostnader": ("cost", 5_000),
}
INSATS_LINES = (
    "samcoach",
    "sfi",
    "bip",
    "psykiatriveckan",
    "samverkansfrukost",
    "loksam",
    "folkhalsa",
    "beredningsgruppen",
    "lansgemensamt",
    "kompetens",
    "nya_projekt",
)
# Outcome 2024 booked directly (driftredovisning, outcome column, tkr): Psykiatriveckan
# 44, Samverkansfrukost 3, Loksam 11, Folkhälsa 22, Beredningsgruppen 8,
# Länsgemensamt 10, Kompetenshöjande 6, Styrelsen 102, Bankkostnader 1; income
# Ränteintäkter 56.
# The grants charge SamCoach 775 000, SFI 998 000, praktik 22 750 and BIP 0 (postponed
# to December, then settled with nothing used). Income 2 832 000 + 56 000 = 2 888 000;
# for the year's result of 236 500 the costs are 2 888 000 - 236 500 = 2 651 500, so
# Kansli is 2 651 500 - (775 000 + 998 000 + 22 750 + 44 000 + 3 000 + 11 000
# + 22 000 + 8 000 + 10 000 + 6 000 + 102 000 + 1 000) = 2 651 500 - 2 002 750
# = 648 750 kr (the report's tkr columns show 648).
COSTS_2024 = {
    "psykiatriveckan": 44_000,
    "samverkansfrukost": 3_000,
    "loksam": 11_000,
    "folkhalsa": 22_000,
    "beredningsgruppen": 8_000,
    "lansgemensamt": 10_000,
    "kompetens": 6_000,
    "styrelsen": 102_000,
    "bankkostnader": 1_000,
    "kansli": 648_750,
}
INTEREST_2024 = 56_000
# Budget change at the September meeting: the praktik grant charges 22 750 kr to
# "Nya projekt" which held 12 000 kr; 22 750 - 12 000 = 10 750 kr are moved there from
# "Kompetenshöjande" (20 000 kr).
MOVED = 10_750

MEMBERS = ("fk:state:25%", "af:state:25%", "rvn:region:25%", "solleftea:municipality:25%")


def line_args(budget: dict[str, tuple[str, int]]) -> list[str]:
    args = []
    for line, (kind, amount) in budget.items():
        args += ["--line", f"{line}:{kind}:{amount}"]
    for line in INSATS_LINES:
        if line in budget:
            args += ["--insats-line", line]
    return args


def create(finsam: Any) -> None:
    finsam(
        "forbund", "create", "solleftea", "--name", "Samordningsförbundet Sollefteå",
        *[a for m in MEMBERS for a in ("--member", m)], "--on", "2005-11-01",
    )  # fmt: skip
    finsam("opening-equity", "--year-end", "2023-12-31", "--equity", "584026")


def setup_2023(finsam: Any) -> None:
    """Applications, the budget meeting of 23 November 2023 and the December meeting."""
    create(finsam)
    for insats, amount in (("samcoach", 775_000), ("sfi", 998_000), ("bip", 120_000)):
        finsam(
            "application", "receive", insats, "--amount", str(amount),
            "--start", "2024-01-01", "--end", "2024-12-31", "--on", "2023-10-01",
        )  # fmt: skip
    finsam(
        "application", "receive", "rvn", "--owner", "rvn", "--co-applicant", "fk",
        "--amount", "160 000", "--start", "2024-01-01", "--end", "2024-12-31",
        "--on", "2023-10-01",
    )  # fmt: skip
    finsam("application", "withdraw", "rvn", "--on", "2023-11-10", "--reason", "FK kan inte delta")
    finsam("meeting", "open", "2023-11-23")
    finsam("budget", "adopt", "--year", "2024", "--meeting", "2023-11-23", *line_args(BUDGET_2024))
    finsam("grant", "samcoach", "--meeting", "2023-11-23", "--amount", "775 000")
    finsam("grant", "bip", "--meeting", "2023-11-23")
    finsam(
        "refer-back", "sfi", "--meeting", "2023-11-23", "--reason", "Komplettera med mål och budget"
    )
    finsam("application", "complete", "sfi", "--on", "2023-12-11")
    finsam("meeting", "open", "2023-12-20")
    finsam("grant", "sfi", "--meeting", "2023-12-20", "--amount", "998000")
    finsam("allocation", "set", "--year", "2024", "--total", "2832000")


def run_2024(finsam: Any) -> None:
    """The year 2024 and its closing in 2025."""
    # allocation paid in halves (no effect on the result): 2 832 000 / 2 = 1 416 000
    finsam("book", "allocation-payment", "driftbidrag", "1416000", "--on", "2024-01-31")
    finsam("book", "allocation-payment", "driftbidrag", "1416000", "--on", "2024-07-31")
    # SamCoach paid quarterly: 775 000 / 4 = 193 750 kr
    for day in ("2024-04-15", "2024-07-15", "2024-10-15"):
        finsam("pay", "samcoach", "193750", "--on", day)
    finsam(
        "application", "receive", "praktik", "--name", "Praktikinformatör",
        "--kind", "structural", "--amount", "91000", "--start", "2024-10-01",
        "--end", "2025-09-30", "--line", "nya_projekt", "--on", "2024-08-20",
    )  # fmt: skip
    finsam("meeting", "open", "2024-09-12")
    finsam("grant", "praktik", "--meeting", "2024-09-12")
    finsam(
        "budget", "change", "--year", "2024", "--meeting", "2024-09-12",
        "--move", f"kompetens:nya_projekt:{MOVED}",
    )  # fmt: skip
    # The BIP course opened for registration only in late summer (the start of
    # 1 December is this test's choice; the end stays 2024-12-31).
    finsam("postpone", "bip", "--start", "2024-12-01", "--meeting", "2024-09-12")
    for line, amount in COSTS_2024.items():
        finsam("book", "cost", line, str(amount), "--on", "2024-12-31")
    finsam("book", "income", "ranteintakter", str(INTEREST_2024), "--on", "2024-12-31")
    finsam("settle", "samcoach", "--year", "2024", "--used", "775000")
    finsam("settle", "bip", "--year", "2024", "--used", "0")
    finsam("pay", "samcoach", "193750", "--on", "2025-01-15")  # the fourth quarter
    finsam("meeting", "open", "2025-02-13")
    finsam("settle", "sfi", "--year", "2024", "--used", "998000", "--on", "2025-02-13")
    finsam(
        "carry", "bip", "--from-year", "2024", "--start", "2025-02-01", "--end", "2025-12-31",
        "--meeting", "2025-02-13",
    )  # fmt: skip
    finsam("meeting", "open", "2025-03-20")
    finsam("annual-report", "adopt", "--year", "2024", "--meeting", "2025-03-20")


@pytest.fixture
def solleftea(finsam: Any) -> Any:
    setup_2023(finsam)
    run_2024(finsam)
    return finsam


# -- JSON contracts ---------------------------------------------------------------------


def test_equity_at_year_end(solleftea: Any) -> None:
    report = solleftea.json("equity", "--as-of", "2024-12-31")
    assert {"as_of", "equity", "allocation", "ratio", "over_limit"} <= set(report)
    assert report["as_of"] == "2024-12-31"
    # 584 026 + 236 500 = 820 526 kr
    assert report["equity"] == 820_526 * KR
    assert report["allocation"] == 2_832_000 * KR
    # 820 526 / 2 832 000 = 0.28973... : 29 %, over the 20 % recommendation
    assert report["ratio"] == pytest.approx(0.2897)
    assert report["over_limit"] is True


def test_equity_at_the_opening_and_mid_year(solleftea: Any) -> None:
    opening = solleftea.json("equity", "--as-of", "2023-12-31")
    assert opening["equity"] == 584_026 * KR
    # 2023 has no allocation in this store: no ratio
    assert opening["allocation"] == 0
    assert opening["ratio"] is None
    assert opening["over_limit"] is False
    # By 2024-06-30: half the allocation, 1 416 000 kr, is income; costs are half of
    # SamCoach (387 500), half of SFI (499 000) and, as the decisions stood then (the
    # postponement came in September), half of BIP (60 000): result
    # 1 416 000 - 387 500 - 499 000 - 60 000 = 469 500; equity 584 026 + 469 500.
    mid = solleftea.json("equity", "--as-of", "2024-06-30")
    assert mid["equity"] == (584_026 + 469_500) * KR


def test_result_of_2024(solleftea: Any) -> None:
    report = solleftea.json("result", "--year", "2024", "--as-of", "2024-12-31")
    assert {"year", "as_of", "income", "costs", "result", "lines"} <= set(report)
    assert report["year"] == 2024
    assert report["as_of"] == "2024-12-31"
    assert report["income"] == 2_888_000 * KR
    assert report["costs"] == 2_651_500 * KR
    assert report["result"] == 236_500 * KR
    lines = {r["line"]: r for r in report["lines"]}
    for r in report["lines"]:
        assert {"line", "budget", "outcome"} <= set(r)
    outcome = {line: r["outcome"] for line, r in lines.items()}
    assert outcome == {
        "driftbidrag": 2_832_000 * KR,
        "ranteintakter": INTEREST_2024 * KR,
        "samcoach": 775_000 * KR,
        "sfi": 998_000 * KR,
        "bip": 0,
        "nya_projekt": 22_750 * KR,
        **{line: amount * KR for line, amount in COSTS_2024.items()},
    }
    assert lines["kompetens"]["budget"] == (20_000 - MOVED) * KR
    assert lines["nya_projekt"]["budget"] == (12_000 + MOVED) * KR
    assert lines["ranteintakter"]["budget"] == 0
    assert lines["driftbidrag"]["budget"] == 2_832_000 * KR


def test_result_at_the_half_year(solleftea: Any) -> None:
    # half the allocation and half of each grant (see test_equity_at_the_opening_and_mid_year)
    report = solleftea.json("result", "--year", "2024", "--as-of", "2024-06-30")
    assert report["income"] == 1_416_000 * KR
    assert report["costs"] == (387_500 + 499_000 + 60_000) * KR
    assert report["result"] == 469_500 * KR


def test_budget_report(solleftea: Any) -> None:
    report = solleftea.json("budget", "--year", "2024", "--as-of", "2024-12-31")
    assert {"year", "as_of", "income_total", "cost_total", "balance", "lines"} <= set(report)
    assert report["year"] == 2024
    assert report["as_of"] == "2024-12-31"
    assert report["income_total"] == 2_832_000 * KR
    assert report["cost_total"] == 2_832_000 * KR
    assert report["balance"] == 0
    for r in report["lines"]:
        assert {"line", "kind", "amount", "paragraphs"} <= set(r)
    lines = {r["line"]: r for r in report["lines"]}
    assert set(lines) == set(BUDGET_2024)
    assert {line: r["kind"] for line, r in lines.items()} == {
        line: kind for line, (kind, _) in BUDGET_2024.items()
    }
    # the budget was adopted as the first paragraph of 2023 in this store (§1); the
    # September meeting's change is §2 of 2024 (§1 granted praktik).
    assert lines["samcoach"]["paragraphs"] == ["2023:1"]
    assert lines["kompetens"]["paragraphs"] == ["2023:1", "2024:2"]
    assert lines["nya_projekt"]["paragraphs"] == ["2023:1", "2024:2"]
    assert lines["kompetens"]["amount"] == (20_000 - MOVED) * KR
    assert lines["nya_projekt"]["amount"] == (12_000 + MOVED) * KR


def test_budget_before_and_after_the_change(solleftea: Any) -> None:
    before = solleftea.json("budget", "--year", "2024", "--as-of", "2024-09-11")
    after = solleftea.json("budget", "--year", "2024", "--as-of", "2024-09-12")
    old = {r["line"]: r["amount"] for r in before["lines"]}
    new = {r["line"]: r["amount"] for r in after["lines"]}
    assert old == {line: amount * KR for line, (_, amount) in BUDGET_2024.items()}
    assert new["kompetens"] == old["kompetens"] - MOVED * KR
    assert new["nya_projekt"] == old["nya_projekt"] + MOVED * KR
    assert {k: v for k, v in new.items() if k not in ("kompetens", "nya_projekt")} == {
        k: v for k, v in old.items() if k not in ("kompetens", "nya_projekt")
    }
    assert before["cost_total"] == after["cost_total"] == 2_832_000 * KR
    # before the budget meeting there is no budget
    none = solleftea.json("budget", "--year", "2024", "--as-of", "2023-11-22")
    assert none["lines"] == []
    assert none["income_total"] == none["cost_total"] == none["balance"] == 0


def test_interventions_at_year_end(solleftea: Any) -> None:
    report = solleftea.json("interventions", "--as-of", "2024-12-31")
    assert report["as_of"] == "2024-12-31"
    rows = {r["id"]: r for r in report["interventions"]}
    assert list(rows) == ["bip", "praktik", "rvn", "samcoach", "sfi"]
    for r in report["interventions"]:
        assert {
            "id", "name", "status", "granted", "granted_by_year", "charged", "paid", "unused",
        } <= set(r)  # fmt: skip
        assert r["granted"] == sum(r["granted_by_year"].values())
        assert all(len(y) == 4 and y.isdigit() for y in r["granted_by_year"])
    summary = {
        i: (r["status"], r["granted_by_year"], r["charged"], r["paid"], r["unused"])
        for i, r in rows.items()
    }
    assert summary == {
        # BIP: Dec 2024 charged 120 000 / 12 = 10 000, settled with 0 used (-10 000);
        # unused: Jan-Nov dropped 11 × 10 000 = 110 000 + 10 000 settled back.
        "bip": ("running", {"2024": 120_000 * KR}, 0, 0, 120_000 * KR),
        # praktik: 91 000 over Oct 2024 - Sep 2025: 22 750 in 2024, 68 250 in 2025.
        "praktik": (
            "running",
            {"2024": 22_750 * KR, "2025": 68_250 * KR},
            22_750 * KR,
            0,
            0,
        ),
        "rvn": ("withdrawn", {}, 0, 0, 0),
        # SamCoach: three quarters paid by year end: 3 × 193 750 = 581 250.
        "samcoach": ("running", {"2024": 775_000 * KR}, 775_000 * KR, 581_250 * KR, 0),
        "sfi": ("running", {"2024": 998_000 * KR}, 998_000 * KR, 0, 0),
    }
    assert rows["sfi"]["name"] == "sfi"
    assert rows["praktik"]["name"] == "Praktikinformatör"


def test_interventions_after_the_carry(solleftea: Any) -> None:
    report = solleftea.json("interventions", "--as-of", "2025-03-31", "--all")
    rows = {r["id"]: r for r in report["interventions"]}
    bip = rows["bip"]
    # the 120 000 kr move from 2024 to 2025 (Feb-Dec 2025, 11 months): Feb and Mar
    # charge floor(12 000 000 × 2 / 11) = 2 181 818 öre by 2025-03-31.
    assert bip["granted_by_year"] == {"2025": 120_000 * KR}
    assert bip["granted"] == 120_000 * KR
    assert bip["charged"] == 2_181_818
    assert bip["unused"] == 0  # 110 000 dropped + 10 000 settled back - 120 000 carried
    assert bip["status"] == "running"
    assert rows["samcoach"]["paid"] == 775_000 * KR  # the fourth quarter paid 2025-01-15
    assert rows["samcoach"]["status"] == "closed"  # 2024 settled, no other year with money
    # praktik 2025: 68 250 kr over nine months; Jan-Mar charge floor(9 100 000 × 6 / 12)
    # - 2 275 000 = 2 275 000 öre, so 22 750 + 22 750 by 2025-03-31.
    assert rows["praktik"]["charged"] == 45_500 * KR


def test_status_transitions_of_sfi(solleftea: Any) -> None:
    def status(day: str) -> str:
        report = solleftea.json("interventions", "--as-of", day, "--all")
        return {r["id"]: r["status"] for r in report["interventions"]}["sfi"]

    assert status("2023-10-15") == "received"
    assert status("2023-11-23") == "referred_back"
    assert status("2023-12-11") == "referred_back"  # completed, awaiting a new decision
    assert status("2023-12-19") == "referred_back"
    assert status("2023-12-20") == "granted"  # before its start on 2024-01-01
    assert status("2024-01-01") == "running"
    assert status("2024-12-31") == "running"
    assert status("2025-01-01") == "ended"  # 2024 not settled yet
    assert status("2025-02-13") == "closed"  # settled on 2025-02-13
    # settled, it is no longer among the insatser current on the date
    current = solleftea.json("interventions", "--as-of", "2025-02-13")["interventions"]
    assert "sfi" not in {r["id"] for r in current}
    assert "sfi" not in {
        r["id"] for r in solleftea.json("interventions", "--as-of", "2023-09-30")["interventions"]
    }


# -- fold, view, known-at -----------------------------------------------------------------

QUERIES = (
    ("equity", "--as-of", "2024-12-31"),
    ("equity", "--as-of", "2024-06-30"),
    ("result", "--year", "2024", "--as-of", "2024-12-31"),
    ("result", "--year", "2024", "--as-of", "2024-09-30"),
    ("budget", "--year", "2024", "--as-of", "2024-12-31"),
    ("budget", "--year", "2024", "--as-of", "2024-06-30"),
    ("interventions", "--as-of", "2024-12-31"),
    ("interventions", "--as-of", "2025-03-31"),
    ("interventions", "--as-of", "2023-12-15"),
)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: "-".join(q).replace("--", ""))
def test_fold_gives_the_same_json_as_the_view(solleftea: Any, query: tuple[str, ...]) -> None:
    view = solleftea(*query, "--format", "json").stdout
    fold = solleftea(*query, "--fold", "--format", "json").stdout
    assert json.loads(view) == json.loads(fold)
    assert view == fold


def test_view_verify_and_rebuild(solleftea: Any) -> None:
    for day in ("2024-06-30", "2024-12-31", "2025-03-31"):
        result = solleftea("view", "verify", "--as-of", day)
        assert result.exit_code == 0
    before = [solleftea.json(*q) for q in QUERIES]
    events = solleftea.events()
    rebuilt = solleftea("view", "rebuild")
    assert rebuilt.exit_code == 0
    assert f"rebuilt from {events} events" in rebuilt.stderr
    assert [solleftea.json(*q) for q in QUERIES] == before
    assert solleftea("view", "verify", "--as-of", "2024-12-31").exit_code == 0
    assert solleftea.events() == events


def test_known_at_shows_the_records_as_they_stood(finsam: Any) -> None:
    setup_2023(finsam)
    finsam("meeting", "open", "2024-09-12")
    time.sleep(0.01)
    moment = datetime.now(UTC)
    time.sleep(0.01)
    finsam(
        "budget", "change", "--year", "2024", "--meeting", "2024-09-12",
        "--move", f"kompetens:nya_projekt:{MOVED}",
    )  # fmt: skip
    query = ("budget", "--year", "2024", "--as-of", "2024-12-31")
    now = {r["line"]: r["amount"] for r in finsam.json(*query)["lines"]}
    then_view = finsam.json(*query, "--known-at", moment.isoformat())
    then_fold = finsam.json(*query, "--known-at", moment.isoformat(), "--fold")
    assert then_view == then_fold
    then = {r["line"]: r["amount"] for r in then_view["lines"]}
    assert then["kompetens"] == 20_000 * KR
    assert then["nya_projekt"] == 12_000 * KR
    assert now["kompetens"] == (20_000 - MOVED) * KR
    assert now["nya_projekt"] == (12_000 + MOVED) * KR
    # a moment before anything was recorded knows no budget at all
    empty = finsam.json(*query, "--known-at", "2000-01-01T00:00:00+00:00")
    assert empty["lines"] == []


# -- refusals ------------------------------------------------------------------------------


def one_line_error(result: Any) -> str:
    err = result.stderr.strip()
    assert err, "expected an error message"
    assert "\n" not in err, err
    assert "Traceback" not in result.output
    return err


@pytest.mark.parametrize(
    "args",
    [
        ("book", "cost", "kansli", "12x", "--on", "2024-05-01"),
        ("book", "cost", "kansli", "1.234", "--on", "2024-05-01"),
        ("allocation", "set", "--year", "2025", "--total", "två miljoner"),
        ("pay", "samcoach", "50 öre,5", "--on", "2024-05-01"),
        (
            "application",
            "receive",
            "x",
            "--amount",
            "abc",
            "--start",
            "2024-01-01",
            "--end",
            "2024-12-31",
            "--on",
            "2024-01-01",
        ),
    ],
)
def test_bad_amount_text_is_refused(finsam: Any, args: tuple[str, ...]) -> None:
    setup_2023(finsam)
    events = finsam.events()
    result = finsam.fails(*args)
    assert "is not an amount" in result.stderr
    assert finsam.events() == events


def test_unbalanced_budget_is_refused(finsam: Any) -> None:
    setup_2023(finsam)
    finsam("meeting", "open", "2024-09-12")
    events = finsam.events()
    # 2025: the allocation asked for is 2 816 tkr; a budget with 2024's costs of
    # 2 832 000 kr would run a deficit of 2 832 000 - 2 816 000 = 16 000 kr.
    budget_2025 = {**BUDGET_2024, "driftbidrag": ("income", 2_816_000)}
    result = finsam.fails(
        "budget", "adopt", "--year", "2025", "--meeting", "2024-09-12", *line_args(budget_2025)
    )
    err = one_line_error(result)
    # the deficit is named as a positive sum (income 2 816 000 - costs 2 832 000 = -16 000)
    assert (
        "the 2025 budget does not balance: costs 2 832 000 kr exceed income 2 816 000 kr by "
        "16 000 kr; a planned deficit must say it uses equity (--from-equity)"
    ) in err
    assert finsam.events() == events
    assert finsam.json("budget", "--year", "2025", "--as-of", "2025-12-31")["lines"] == []
    # the same budget with the deficit taken from equity on purpose is adopted
    finsam(
        "budget", "adopt", "--year", "2025", "--meeting", "2024-09-12",
        *line_args(budget_2025), "--from-equity", "16000",
    )  # fmt: skip
    adopted = finsam.json("budget", "--year", "2025", "--as-of", "2025-12-31")
    assert adopted["balance"] == -16_000 * KR
    assert adopted["from_equity"] == 16_000 * KR


def test_budget_change_leaving_a_deficit_is_refused(finsam: Any) -> None:
    setup_2023(finsam)
    finsam("meeting", "open", "2024-09-12")
    events = finsam.events()
    result = finsam.fails(
        "budget", "change", "--year", "2024", "--meeting", "2024-09-12",
        "--line", f"nya_projekt:{MOVED}",
    )  # fmt: skip
    # 2 832 000 + 10 750 = 2 842 750 kr of costs against 2 832 000 kr of income
    assert (
        "the 2024 budget does not balance: costs 2 842 750 kr exceed income 2 832 000 kr by "
        "10 750 kr"
    ) in one_line_error(result)
    assert finsam.events() == events


def test_booking_in_a_closed_year_is_refused(solleftea: Any) -> None:
    events = solleftea.events()
    result = solleftea.fails("book", "cost", "kansli", "1000", "--on", "2024-12-31")
    err = one_line_error(result)
    assert (
        "2024 is closed: its annual report was adopted on 2025-03-20 (§2025:2); a booking "
        "dated in 2024 is refused, book the correction in an open year"
    ) in err
    assert solleftea.events() == events
    result = solleftea.fails("pay", "praktik", "22750", "--on", "2024-12-31")
    assert (
        "2024 is closed: its annual report was adopted on 2025-03-20 (§2025:2)"
        in one_line_error(result)
    )
    assert solleftea.events() == events
    # the result of the closed year stands
    assert solleftea.json("result", "--year", "2024", "--as-of", "2025-12-31")["result"] == (
        236_500 * KR
    )
    # 2025 is open
    solleftea("book", "cost", "kansli", "1000", "--on", "2025-01-31")
    assert solleftea.events() == events + 2  # the year 2025 opened and the booking


def test_decision_refusals_leave_the_store_unchanged(finsam: Any) -> None:
    setup_2023(finsam)
    finsam("meeting", "open", "2024-09-12")
    events = finsam.events()
    # the withdrawn application cannot be granted
    err = one_line_error(finsam.fails("grant", "rvn", "--meeting", "2024-09-12"))
    assert "rvn is withdrawn: it cannot be granted" in err
    # a referral back must give a reason
    finsam(
        "application", "receive", "praktik", "--amount", "91000", "--start", "2024-10-01",
        "--end", "2025-09-30", "--on", "2024-08-20",
    )  # fmt: skip
    events = finsam.events()
    err = one_line_error(
        finsam.fails("refer-back", "praktik", "--meeting", "2024-09-12", "--reason", " ")
    )
    assert "praktik: a referral back (återremiss) must give a reason" in err
    # settling twice is refused
    finsam("settle", "samcoach", "--year", "2024", "--used", "775000")
    events = finsam.events()
    err = one_line_error(finsam.fails("settle", "samcoach", "--year", "2024", "--used", "1"))
    assert "samcoach: 2024 is already settled (775 000 kr used)" in err
    # carrying more than is unused: SamCoach used all of its 775 000 kr
    finsam("meeting", "open", "2025-02-13")
    events = finsam.events()
    err = one_line_error(
        finsam.fails("carry", "samcoach", "--from-year", "2024", "--meeting", "2025-02-13")
    )
    assert "samcoach: 0 kr of 2024 is unused; cannot carry 0 kr" in err
    # records of an insats go forward in time: a grant dated before the application
    err = one_line_error(finsam.fails("grant", "praktik", "--meeting", "2023-12-20"))
    assert (
        "praktik: a grant dated 2023-12-20 is before the last record of this insats "
        "(2024-08-20); records of an insats go forward in time"
    ) in err
    assert finsam.events() == events


def test_a_grant_into_a_closed_year_is_refused(solleftea: Any) -> None:
    # After the 2024 annual report (2025-03-20) a grant whose months lie in 2024 would
    # charge the closed year: 12 000 kr over 2024 would turn the adopted result of
    # 236 500 kr into 224 500 kr. Once adopted the year is closed (DOMAIN.md).
    solleftea(
        "application", "receive", "sen", "--amount", "12000", "--start", "2024-01-01",
        "--end", "2024-12-31", "--on", "2025-04-01",
    )  # fmt: skip
    solleftea("meeting", "open", "2025-04-10")
    events = solleftea.events()
    result = solleftea.fails("grant", "sen", "--meeting", "2025-04-10")
    # the annual report is §2 of 2025 in this store (§1 carried BIP's money)
    assert (
        "2024 is closed: its annual report was adopted on 2025-03-20 (§2025:2)"
        in one_line_error(result)
    )
    assert solleftea.events() == events
    assert solleftea.json("result", "--year", "2024", "--as-of", "2025-12-31")["result"] == (
        236_500 * KR
    )


def test_a_payment_recorded_late_keeps_view_and_fold_in_agreement(solleftea: Any) -> None:
    """Records are often typed in later (DOMAIN.md "Time"). Praktikinformatör's October-
    December 2024 (22 750 kr) is paid on 2025-01-15 but typed in after everything else,
    after the 2024 annual report: as of 2025-01-20 the view and the fold both count it,
    and as known before it was typed in, neither does."""
    before_typing = datetime.now(UTC)
    time.sleep(0.01)
    solleftea("pay", "praktik", "22750", "--on", "2025-01-15")
    query = ("interventions", "--as-of", "2025-01-20")
    view, fold = solleftea.json(*query), solleftea.json(*query, "--fold")
    assert view == fold
    assert {r["id"]: r["paid"] for r in fold["interventions"]}["praktik"] == 22_750 * KR
    known = (*query, "--known-at", before_typing.isoformat())
    then_view, then_fold = solleftea.json(*known), solleftea.json(*known, "--fold")
    assert then_view == then_fold
    assert {r["id"]: r["paid"] for r in then_fold["interventions"]}["praktik"] == 0
    assert solleftea("view", "verify", "--as-of", "2025-01-20").exit_code == 0


def test_a_payment_dated_before_the_insats_last_record_is_refused(solleftea: Any) -> None:
    """SFI's 2024 was settled on 2025-02-13; a payment dated 2025-01-15 typed in after that
    would go back in the insats's records, which only go forward in time."""
    events = solleftea.events()
    err = one_line_error(solleftea.fails("pay", "sfi", "998000", "--on", "2025-01-15"))
    assert (
        "sfi: a payment dated 2025-01-15 is before the last record of this insats (2025-02-13); "
        "records of an insats go forward in time"
    ) in err
    assert solleftea.events() == events
