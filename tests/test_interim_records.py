"""Interim and balance-sheet records: a delredovisning of an insats before its
settlement, bookings naming a balance account, and a member's payment ahead of the
months it covers (prepaid income), on the Sollefteå 2024 example.

Figures: SamCoach's 775 000 kr grant is charged 64 583,33 kr a month (775 000 / 12);
its settlement says 775 000 kr used (seeds, 1.5). The
members pay 1 416 000 kr on 2024-01-31 (the example), when 236 000 kr of the
allocation is due (2 832 000 / 12): 1 180 000 kr is prepaid income.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from finsam_es.errors import Final
from tests.conftest import EXAMPLES, Finsam

SAMCOACH_SETTLEMENT = """[[settlements]]
insats = "samcoach"
year = 2024
used = 775000
on = 2024-12-31
"""


# paid 2024-12-18 and 2025-01-20: an insats's records go forward, so this test's October
# report comes first
SAMCOACH_Q4_PAYMENT = """[[payments]]
insats = "samcoach"
amount = 39266
on = 2024-12-18
text = "SamCoach kv 4 2024, del betald i december"

[[payments]]
insats = "samcoach"
amount = 154484
on = 2025-01-20
text = "SamCoach kv 4 2024, resten"
"""
# the 2024 annual report is adopted in March 2025; these tests book in 2024 first
ANNUAL_REPORT = '[[meetings.paragraphs.effects]]\ndo = "adopt_annual_report"\nyear = 2024\n'


def journal_without_samcoach_settlement(tmp: Path, extra: str = "") -> Path:
    text = (EXAMPLES / "solleftea-2024.toml").read_text(encoding="utf-8")
    for block in (SAMCOACH_SETTLEMENT, SAMCOACH_Q4_PAYMENT, ANNUAL_REPORT):
        assert block in text
        text = text.replace(block, "")
    path = tmp / "journal.toml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def lines(finsam: Finsam, *args: str) -> dict[str, Any]:
    r = finsam.json("report", "resultatrakning", "--year", "2024", *args)
    return {x["line"]: x for x in r["lines"]}


def liabilities(finsam: Finsam, day: str) -> dict[str, int]:
    sheet = finsam.json("report", "balansrakning", "--as-of", day)
    return {x["account"]: x["amount"] for x in sheet["liabilities"]}


def assets(finsam: Finsam, day: str) -> dict[str, int]:
    sheet = finsam.json("report", "balansrakning", "--as-of", day)
    return {x["account"]: x["amount"] for x in sheet["assets"]}


@pytest.fixture
def sol(tmp_path: Path) -> Finsam:
    finsam = Finsam(str(tmp_path / "s.db"))
    finsam("import", str(journal_without_samcoach_settlement(tmp_path)))
    return finsam


def test_an_interim_report_brings_the_cost_to_what_was_used_and_settlement_the_rest(
    sol: Finsam,
) -> None:
    def samcoach_by_october() -> int:
        outcome: int = lines(sol, "--as-of", "2024-10-31")["samcoach"]["outcome"]
        return outcome

    charged = samcoach_by_october()
    assert charged == pytest.approx(64_583_33 * 10, abs=10)  # ten months of 775 000 / 12
    owed = liabilities(sol, "2024-10-31")["accrued_costs"]
    # reported after the Q3 payment of 2024-10-15: an insats's records go forward
    sol("interim-use", "samcoach", "--year", "2024", "--used", "600000", "--on", "2024-10-31")
    assert samcoach_by_october() == 60_000_000
    # what is owed to the owner moves with the cost
    assert liabilities(sol, "2024-10-31")["accrued_costs"] - owed == 60_000_000 - charged
    # the rest of the year is charged monthly; the settlement settles the rest
    sol("settle", "samcoach", "--year", "2024", "--used", "775000", "--on", "2024-12-31")
    assert lines(sol)["samcoach"]["outcome"] == 77_500_000
    assert sol.json("equity", "--as-of", "2024-12-31")["equity"] == 82_052_600  # 820 526 kr
    assert sol.json("equity", "--as-of", "2024-12-31") == sol.json(
        "equity", "--as-of", "2024-12-31", "--fold"
    )


def test_an_interim_report_is_refused_at_year_end_and_behind_the_last_record(
    sol: Finsam,
) -> None:
    events = sol.events()
    at_end = sol.fails(
        "interim-use", "samcoach", "--year", "2024", "--used", "1", "--on", "2024-12-31"
    )
    assert "before 31 December" in at_end.output
    # SFI was settled at the end of 2024 and paid in January 2025
    behind = sol.fails("interim-use", "sfi", "--year", "2024", "--used", "1", "--on", "2024-06-30")
    assert "records of an insats go forward" in behind.output
    assert sol.events() == events


def test_bookings_on_balance_accounts_appear_in_the_balance_sheet(sol: Finsam) -> None:
    before = assets(sol, "2024-12-31")
    # Not 4 (seeds): a VAT receivable of 17 730 kr, paid from the bank
    sol("transfer", "other_receivables", "bank", "17730", "--on", "2024-12-31", "--text", "Moms")
    # a course for 2025 paid in December: a prepaid cost
    sol("transfer", "prepaid_costs", "bank", "12000", "--on", "2024-12-15")
    # the December board fees not yet paid: a cost and an other liability
    sol(
        "transfer", "cost", "other_liabilities", "9600", "--line", "styrelsen", "--on", "2024-12-31"
    )
    after = assets(sol, "2024-12-31")
    assert after["other_receivables"] - before["other_receivables"] == 1_773_000
    assert after["prepaid_costs"] == 1_200_000
    assert after["bank"] == before["bank"] - 1_773_000 - 1_200_000
    assert liabilities(sol, "2024-12-31")["other_liabilities"] == 960_000  # 2023's were paid
    assert lines(sol)["styrelsen"]["outcome"] == 10_230_000 + 960_000
    sheet = sol.json("report", "balansrakning", "--as-of", "2024-12-31")
    assert sheet == sol.json("report", "balansrakning", "--as-of", "2024-12-31", "--fold")
    assert sheet["total"] == sheet["equity"] + sum(x["amount"] for x in sheet["liabilities"])


def test_a_payment_ahead_of_the_months_it_covers_is_prepaid_income(sol: Finsam) -> None:
    assert liabilities(sol, "2024-01-31")["prepaid_income"] == 118_000_000  # 1 180 000 kr
    assert assets(sol, "2024-01-31")["receivables"] == 0
    assert liabilities(sol, "2024-06-30")["prepaid_income"] == 0  # Jan-Jun now due


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cost", "income", "100", "--line", "kansli"), "names no balance account"),
        (("cost", "bank", "100"), "names its budget line"),
        (("prepaid_costs", "bank", "100", "--line", "kansli"), "names no budget line"),
        (("bank", "bank", "100"), "to itself"),
    ],
)
def test_a_wrong_transfer_is_one_line_and_stores_nothing(
    sol: Finsam, args: tuple[str, ...], message: str
) -> None:
    events = sol.events()
    result = sol.fails("transfer", *args, "--on", "2024-05-31")
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert sol.events() == events


def test_the_journal_records_transfers_and_interim_reports(tmp_path: Path) -> None:
    extra = """
[[transfers]]
debit = "prepaid_costs"
credit = "bank"
amount = 12000
on = 2024-12-15
text = "Kursavgift februari 2025"

[[interim_reports]]
insats = "samcoach"
year = 2024
used = 600000
on = 2024-10-31
"""
    path = journal_without_samcoach_settlement(tmp_path, extra)
    finsam = Finsam(str(tmp_path / "j.db"))
    finsam("import", str(path))
    assert assets(finsam, "2024-12-31")["prepaid_costs"] == 1_200_000
    assert lines(finsam, "--as-of", "2024-10-31")["samcoach"]["outcome"] == 60_000_000
    events = finsam.events()
    assert "nothing new" in finsam("import", str(path)).output
    assert finsam.events() == events
    hledger = finsam("export", "hledger", "--as-of", "2024-12-31").stdout
    assert "SamCoach: delredovisning 2024" in hledger and "Kursavgift februari 2025" in hledger


def test_domain_refuses_an_interim_report_on_a_settled_year() -> None:
    from finsam_es.insats import Insats

    at = datetime(2025, 1, 1, tzinfo=UTC)
    insats = Insats.receive(
        "f",
        "x",
        "X",
        "individual",
        "",
        (),
        120_000,
        date(2024, 1, 1),
        date(2024, 12, 31),
        "x",
        date(2023, 10, 1),
        at,
    )
    insats.grant(120_000, date(2024, 1, 1), date(2024, 12, 31), "2023:1", date(2023, 11, 1), at)
    insats.settle(2024, 100_000, None, date(2024, 12, 31), at)
    with pytest.raises(Final, match="settled"):
        insats.report_interim(2024, 50_000, date(2024, 12, 31), at)
