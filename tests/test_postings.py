"""Every money event's postings: accounts, amounts, dates, lines, insats and kind.

The ``kind`` of a posting says which act it comes from: ``opening`` (opening equity),
``allocation`` (a member's allocation, income of its months), ``booking`` (a cost or
income booked), ``payment_in`` (an allocation paid in), ``charge`` (a month of a grant),
``settlement`` (used minus charged at a year's settlement) and ``payment`` (paid to an
insats's owner). The view and the fold select on ``opening`` (equity) and ``payment``
(what an insats was paid), and an auditor tracing a figure reads them all; this file
holds each event to its kind, so a label cannot drift unnoticed.

Figures from Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt) and DOMAIN.md;
amounts in öre.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from finsam_es.accounting import (
    Posting,
    allocation_postings,
    booking_postings,
    charge_postings,
    opening_postings,
    payment_postings,
)
from finsam_es.budget import MemberAmount
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from finsam_es.membership import Member

KR = 100
AT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
QUARTER = "1/4"
MEMBERS = (
    Member("fk", "Försäkringskassan", "state", QUARTER),
    Member("af", "Arbetsförmedlingen", "state", QUARTER),
    Member("rvn", "Region Västernorrland", "region", QUARTER),
    Member("solleftea", "Sollefteå kommun", "municipality", QUARTER),
)


def last(agg: object) -> object:
    return agg.pending_events[-1]  # type: ignore[attr-defined]


def legs(postings: tuple[Posting, ...]) -> list[tuple[date, str, int, str, str, str]]:
    return [(p.day, p.account, p.amount, p.line, p.insats, p.kind) for p in postings]


def year_2024() -> FiscalYear:
    return FiscalYear.open_for("solleftea", 2024, AT)


def samcoach(amount: int = 775_000 * KR) -> Insats:
    """SamCoach, received 2023-09-29 on line 'samcoach', granted 2023-11-23 for 2024."""
    i = Insats.receive(
        "solleftea",
        "samcoach",
        "SamCoach",
        "individual",
        "solleftea",
        (),
        amount,
        date(2024, 1, 1),
        date(2024, 12, 31),
        "samcoach",
        date(2023, 9, 29),
        AT,
    )
    i.grant(None, None, None, "2023:50", date(2023, 11, 23), AT)
    return i


def test_opening_equity_is_money_in_the_bank_against_equity() -> None:
    # eget kapital 584 026 kr at 2023-12-31
    f = Forbund.register("solleftea", "Sollefteå", MEMBERS, "at_least_half", AT, date(2005, 11, 1))
    f.set_opening_equity(date(2023, 12, 31), 584_026 * KR, AT)
    assert legs(opening_postings(last(f))) == [  # type: ignore[arg-type]
        (date(2023, 12, 31), "bank", 584_026 * KR, "", "", "opening"),
        (date(2023, 12, 31), "equity", -584_026 * KR, "", "", "opening"),
    ]


def test_an_allocation_is_income_on_its_line_at_each_months_end() -> None:
    # FK's 708 000 kr (a quarter of 2 832 000) over November-December: 354 000 kr a month
    fy = year_2024()
    fy.set_allocation((MemberAmount("fk", 708_000 * KR, "staten"),), 11, 12, date(2024, 1, 1), AT)
    assert legs(allocation_postings(last(fy), 2024)) == [  # type: ignore[arg-type]
        (date(2024, 11, 30), "receivables", 354_000 * KR, "", "", "allocation"),
        (date(2024, 11, 30), "income", -354_000 * KR, "staten", "", "allocation"),
        (date(2024, 12, 31), "receivables", 354_000 * KR, "", "", "allocation"),
        (date(2024, 12, 31), "income", -354_000 * KR, "staten", "", "allocation"),
    ]


def test_an_allocation_posts_no_empty_months() -> None:
    # 1 öre over twelve months falls in December only (the rounding goes last)
    fy = year_2024()
    fy.set_allocation((MemberAmount("fk", 1),), 1, 12, date(2024, 1, 1), AT)
    assert legs(allocation_postings(last(fy), 2024)) == [  # type: ignore[arg-type]
        (date(2024, 12, 31), "receivables", 1, "", "", "allocation"),
        (date(2024, 12, 31), "income", -1, "driftbidrag", "", "allocation"),
    ]


def test_bookings_post_cost_income_and_allocation_paid_in() -> None:
    day = date(2024, 12, 31)
    fy = year_2024()
    # Kansli 161 957 kr (fourth quarter), Ränteintäkter 55 534 kr, half the allocation
    # paid in: 2 832 000 / 2 = 1 416 000 kr
    fy.book("cost", "kansli", 161_957 * KR, "kv 4", day, AT)
    cost = booking_postings(last(fy))  # type: ignore[arg-type]
    fy.book("income", "ranteintakter", 55_534 * KR, "ränta", day, AT)
    income = booking_postings(last(fy))  # type: ignore[arg-type]
    fy.book("allocation_payment", "driftbidrag", 1_416_000 * KR, "", day, AT)
    paid_in = booking_postings(last(fy))  # type: ignore[arg-type]
    assert legs(cost) == [
        (day, "cost", 161_957 * KR, "kansli", "", "booking"),
        (day, "bank", -161_957 * KR, "", "", "booking"),
    ]
    assert legs(income) == [
        (day, "bank", 55_534 * KR, "", "", "booking"),
        (day, "income", -55_534 * KR, "ranteintakter", "", "booking"),
    ]
    assert legs(paid_in) == [
        (day, "bank", 1_416_000 * KR, "", "", "payment_in"),
        (day, "receivables", -1_416_000 * KR, "", "", "payment_in"),
    ]


def test_a_grant_charges_each_month_on_its_line_against_accrued_costs() -> None:
    # 775 000 kr over 2024: floor(77 500 000 × (i+1) / 12) - floor(77 500 000 × i / 12);
    # January gets 6 458 333 öre
    postings = charge_postings(samcoach())
    assert len(postings) == 24
    assert legs(postings[:2]) == [
        (date(2024, 1, 31), "cost", 6_458_333, "samcoach", "samcoach", "charge"),
        (date(2024, 1, 31), "accrued_costs", -6_458_333, "", "samcoach", "charge"),
    ]
    assert sorted({p.day for p in postings}) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
        date(2024, 5, 31),
        date(2024, 6, 30),
        date(2024, 7, 31),
        date(2024, 8, 31),
        date(2024, 9, 30),
        date(2024, 10, 31),
        date(2024, 11, 30),
        date(2024, 12, 31),
    ]


def test_a_grant_posts_no_empty_months() -> None:
    # 1 öre over 2024 is charged in December only
    assert legs(charge_postings(samcoach(1))) == [
        (date(2024, 12, 31), "cost", 1, "samcoach", "samcoach", "charge"),
        (date(2024, 12, 31), "accrued_costs", -1, "", "samcoach", "charge"),
    ]


def test_a_settlement_posts_used_minus_charged_in_the_year_it_settles() -> None:
    # 775 000 kr charged, 700 000 kr used, settled on 2025-02-13 while 2024 is open:
    # 75 000 kr back, booked in 2024, the year the money was used (LKBR 4:4)
    i = samcoach()
    i.settle(2024, 700_000 * KR, "2025:4", date(2025, 2, 13), AT)
    assert legs(charge_postings(i)[-2:]) == [
        (date(2024, 12, 31), "cost", -75_000 * KR, "samcoach", "samcoach", "settlement"),
        (date(2024, 12, 31), "accrued_costs", 75_000 * KR, "", "samcoach", "settlement"),
    ]


def test_a_payment_clears_accrued_costs_from_the_bank() -> None:
    # SamCoach's first quarter: 775 000 / 4 = 193 750 kr on 2024-04-15
    i = samcoach()
    i.pay(193_750 * KR, "kv 1", date(2024, 4, 15), AT)
    assert legs(payment_postings(last(i), i)) == [  # type: ignore[arg-type]
        (date(2024, 4, 15), "accrued_costs", 193_750 * KR, "", "samcoach", "payment"),
        (date(2024, 4, 15), "bank", -193_750 * KR, "", "samcoach", "payment"),
    ]
