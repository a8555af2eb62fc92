"""The money rules of the law through the `finsam` command.

Lag (2018:597) om kommunal bokföring och redovisning (LKBR) 4:4: income and costs belong
to the year they concern whatever the date of payment or report, so a settlement decided
in February for the year before belongs to that year while it is open; once its annual
report is adopted (the year is closed), a difference found later is booked in the open
year as a correction naming the closed year.

The figures are small and made up; each is derived in a comment.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Finsam

KR = 100  # öre
MEMBERS = ("fk:state:25%", "af:state:25%", "rvn:region:25%", "solleftea:municipality:25%")


def outcome(finsam: Finsam, year: int, as_of: str, line: str) -> Any:
    report = finsam.json("result", "--year", str(year), "--as-of", as_of)
    return {r["line"]: r["outcome"] for r in report["lines"]}.get(line, 0)


@pytest.fixture
def granted(finsam: Finsam) -> Finsam:
    """A förbund with a 2024 budget of 120 000 kr for one insats granted 120 000 kr for
    2024 (10 000 kr a month) and the same for 2025."""
    members = [a for m in MEMBERS for a in ("--member", m)]
    finsam("forbund", "create", "s", "--name", "S", *members, "--on", "2005-11-01")
    finsam("meeting", "open", "2023-11-23")
    for year in ("2024", "2025"):
        finsam(
            "budget", "adopt", "--year", year, "--meeting", "2023-11-23",
            "--line", "driftbidrag:income:120000", "--line", "insatser:cost:120000",
            "--insats-line", "insatser",
        )  # fmt: skip
    finsam(
        "application", "receive", "coach", "--amount", "120000", "--line", "insatser",
        "--start", "2024-01-01", "--end", "2024-12-31", "--on", "2023-10-01",
    )  # fmt: skip
    finsam("grant", "coach", "--meeting", "2023-11-23")
    return finsam


def test_a_settlement_decided_in_february_lands_in_the_year_it_settles(granted: Finsam) -> None:
    # LKBR 4:4: 100 000 kr used of the 120 000 kr charged to 2024; the 20 000 kr
    # difference is 2024's, though the settlement is decided on 2025-02-13.
    granted("meeting", "open", "2025-02-13")
    granted("settle", "coach", "--year", "2024", "--used", "100000", "--meeting", "2025-02-13")
    assert outcome(granted, 2024, "2025-02-28", "insatser") == 100_000 * KR
    assert outcome(granted, 2025, "2025-12-31", "insatser") == 0  # nothing lands in 2025
    # as of 2024-12-31 the settlement was not decided yet: the charge stands
    assert outcome(granted, 2024, "2024-12-31", "insatser") == 120_000 * KR


def test_after_closing_a_settlement_is_a_correction_in_the_open_year(granted: Finsam) -> None:
    # LKBR 4:4 with the year closed by its annual report: the 20 000 kr difference is
    # booked on the decision's date in 2025, named as a correction of 2024.
    granted("meeting", "open", "2025-03-20")
    granted("annual-report", "adopt", "--year", "2024", "--meeting", "2025-03-20")
    granted("settle", "coach", "--year", "2024", "--used", "100000", "--on", "2025-04-10")
    assert outcome(granted, 2024, "2025-12-31", "insatser") == 120_000 * KR  # 2024 as closed
    assert outcome(granted, 2025, "2025-12-31", "insatser") == -20_000 * KR
    ledger = granted("export", "hledger", "--as-of", "2025-12-31").output
    assert "rättelse, slutredovisning 2024" in ledger


def test_an_insats_paid_ahead_is_a_prepaid_cost_not_netted(granted: Finsam) -> None:
    # LKBR 4:4 p6: a cost paid before its period is a prepaid cost (an asset), and
    # assets are not netted against liabilities. Coach (10 000 kr a month) is paid
    # 60 000 kr on 2024-01-15: by 2024-01-31 10 000 kr is charged, so 50 000 kr is
    # paid ahead. Team (60 000 kr over 2024, 5 000 kr a month) is unpaid: 5 000 kr
    # accrued. Netted, the balance sheet would show 45 000 kr of prepaid costs.
    granted(
        "application", "receive", "team", "--amount", "60000", "--line", "insatser",
        "--start", "2024-01-01", "--end", "2024-12-31", "--on", "2023-10-01",
    )  # fmt: skip
    granted("grant", "team", "--meeting", "2023-11-23")
    granted("pay", "coach", "60000", "--on", "2024-01-15")
    sheet = granted.json("report", "balansrakning", "--as-of", "2024-01-31")
    assets = {r["account"]: r["amount"] for r in sheet["assets"]}
    liabilities = {r["account"]: r["amount"] for r in sheet["liabilities"]}
    assert assets["prepaid_costs"] == 50_000 * KR
    assert liabilities["accrued_costs"] == 5_000 * KR
    # the bank paid 60 000 kr; 15 000 kr of costs are charged: equity -15 000 kr
    assert sheet["equity"] == -15_000 * KR
    assert sheet["total"] == assets["prepaid_costs"] + assets["bank"]


# -- thresholds as settings (21 § with KL 11:5; Nationella rådet's recommendation) ---------


def test_thresholds_are_settings_with_their_sources(granted: Finsam) -> None:
    shown = granted.json("forbund", "show")["thresholds"]
    assert shown["equity_limit"] == 200_000  # 20 % in parts per million, the seeds' figure
    assert "Nationella rådets rekommendation" in shown["equity_source"]
    granted(
        "forbund", "thresholds", "--on", "2024-01-01", "--equity-limit", "15%",
        "--source", "Nationella rådet 2024, steget för 3-5 MSEK",
    )  # fmt: skip
    shown = granted.json("forbund", "show")["thresholds"]
    assert (shown["equity_limit"], shown["equity_source"]) == (
        150_000,
        "Nationella rådet 2024, steget för 3-5 MSEK",
    )
    assert (
        "needs its source"
        in granted.fails("forbund", "thresholds", "--on", "2024-01-01", "--source", " ").output
    )


def test_the_equity_limit_is_the_forbunds_own(granted: Finsam) -> None:
    # Opening equity 20 000 kr against an allocation of 120 000 kr: 20 000 / 120 000 =
    # 16.7 %: within the seeds' 20 %, over a limit of 15 %.
    granted("opening-equity", "--year-end", "2023-12-31", "--equity", "20000")
    granted("allocation", "set", "--year", "2024", "--total", "120000")
    before = granted.json("equity", "--as-of", "2024-01-01")
    assert (before["over_limit"], before["limit"]) == (False, 0.2)
    granted("forbund", "thresholds", "--on", "2024-01-01", "--equity-limit", "15%", "--source", "X")
    after = granted.json("equity", "--as-of", "2024-01-01")
    assert (after["over_limit"], after["limit"], after["limit_source"]) == (True, 0.15, "X")
    assert "the limit is 15 % (X)" in granted("equity", "--as-of", "2024-01-01").stderr


def test_a_surplus_balanskrav_warns_of_a_budget_that_only_balances(granted: Finsam) -> None:
    # KL 11:5 through 21 §: "intäkterna överstiger kostnaderna"; 120 000 kr income
    # against 120 000 kr costs does not exceed them.
    granted(
        "forbund", "thresholds", "--on", "2024-01-01", "--balanskrav", "surplus",
        "--balanskrav-source", "förbundsordningen",
    )  # fmt: skip
    granted("meeting", "open", "2024-11-20")
    result = granted(
        "budget", "adopt", "--year", "2026", "--meeting", "2024-11-20",
        "--line", "driftbidrag:income:120000", "--line", "insatser:cost:120000",
    )  # fmt: skip
    assert "the 2026 budget's income (120 000 kr) does not exceed its costs" in result.stderr


def test_money_from_equity_is_checked_against_the_equity_there_is(granted: Finsam) -> None:
    # 21 § with KL 11:5: equity at 2023-12-31 is 20 000 kr; a 2025 change taking
    # 30 000 kr from it on 2024-06-01 is refused, 20 000 kr is accepted.
    granted("opening-equity", "--year-end", "2023-12-31", "--equity", "20000")
    granted("meeting", "open", "2024-06-01")
    change = ("budget", "change", "--year", "2025", "--meeting", "2024-06-01")
    err = granted.fails(*change, "--add-line", "extra:cost:30000", "--from-equity", "30000")
    assert "takes 30 000 kr from equity, but the equity at 2023-12-31 was 20 000 kr" in (err.output)
    granted(*change, "--add-line", "extra:cost:20000", "--from-equity", "20000")
