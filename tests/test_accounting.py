"""Double entry: every money event's postings balance, on the right accounts.

Events are built through the aggregates (no store) and turned into postings by the
pure functions of finsam_es.accounting. Figures from Sollefteå 2024
(seeds/solleftea-arsredovisning-2024.txt) and DOMAIN.md; amounts in öre.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_es.accounting import (
    ACCOUNTS,
    RESULT_ACCOUNTS,
    Posting,
    allocation_postings,
    balance,
    booking_postings,
    charge_postings,
    entry,
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
SOLLEFTEA_MEMBERS = (
    Member("fk", "Försäkringskassan", "state", QUARTER),
    Member("af", "Arbetsförmedlingen", "state", QUARTER),
    Member("rvn", "Region Västernorrland", "region", QUARTER),
    Member("solleftea", "Sollefteå kommun", "municipality", QUARTER),
)
# Sollefteå 2024: 2 832 000 kr, a quarter each = 708 000 kr (Not 2: staten 1 416,
# kommunen 708, regionen 708 tkr).
ALLOCATION_2024 = 2_832_000 * KR
PER_MEMBER = ALLOCATION_2024 // 4


def result(postings: list[Posting] | tuple[Posting, ...]) -> int:
    """Result = income - costs = -(sum of income and cost legs)."""
    return -sum(p.amount for p in postings if p.account in RESULT_ACCOUNTS)


def assert_balanced(postings: tuple[Posting, ...] | list[Posting]) -> None:
    assert postings, "expected postings"
    assert balance(postings) == 0
    assert all(p.account in ACCOUNTS for p in postings)
    # every entry is two legs on the same day with opposite amounts
    assert len(postings) % 2 == 0
    for debit, credit in zip(postings[::2], postings[1::2], strict=True):
        assert debit.day == credit.day
        assert debit.amount == -credit.amount


def last(agg: object) -> object:
    return agg.pending_events[-1]  # type: ignore[attr-defined]


def solleftea_2024() -> FiscalYear:
    return FiscalYear.open_for("solleftea", 2024, AT)


def allocation_event() -> FiscalYear.AllocationSet:
    fy = solleftea_2024()
    amounts = tuple(MemberAmount(m.id, PER_MEMBER) for m in SOLLEFTEA_MEMBERS)
    fy.set_allocation(amounts, 1, 12, date(2024, 1, 1), AT)
    event = last(fy)
    assert isinstance(event, FiscalYear.AllocationSet)
    return event


def granted(
    insats: str = "samcoach",
    amount: int = 775_000 * KR,
    start: date = date(2024, 1, 1),
    end: date = date(2024, 12, 31),
) -> Insats:
    """Received 1 October and granted 23 November of the year before the start."""
    i = Insats.receive(
        "solleftea", insats, "", "individual", "solleftea", (), amount, start, end, "",
        date(start.year - 1, 10, 1), AT,
    )  # fmt: skip
    i.grant(None, None, None, f"{start.year - 1}:50", date(start.year - 1, 11, 23), AT)
    return i


# -- each event's postings balance ------------------------------------------------------


def test_opening_equity_postings_balance() -> None:
    # Sollefteå: eget kapital 584 026 kr at 2023-12-31.
    f = Forbund.register("solleftea", "Sollefteå", SOLLEFTEA_MEMBERS, "at_least_half", AT,
                         date(2005, 11, 1))  # fmt: skip
    f.set_opening_equity(date(2023, 12, 31), 584_026 * KR, AT)
    event = last(f)
    assert isinstance(event, Forbund.OpeningEquitySet)
    postings = opening_postings(event)
    assert_balanced(postings)
    by_account = {p.account: p.amount for p in postings}
    assert by_account == {"bank": 584_026 * KR, "equity": -584_026 * KR}
    assert {p.day for p in postings} == {date(2023, 12, 31)}
    assert result(postings) == 0


def test_allocation_postings_balance_and_are_income() -> None:
    postings = allocation_postings(allocation_event(), 2024)
    assert_balanced(postings)
    # 4 members × 12 months × 2 legs
    assert len(postings) == 4 * 12 * 2
    assert {p.account for p in postings} == {"receivables", "income"}
    assert result(postings) == ALLOCATION_2024
    assert {p.line for p in postings if p.account == "income"} == {"driftbidrag"}
    assert {p.line for p in postings if p.account == "receivables"} == {""}


def test_half_the_allocation_is_income_by_30_june() -> None:
    # A half-year report shows half the year's allocation: 2 832 000 / 2 = 1 416 000 kr
    # (708 000 / 12 = 59 000 kr per member and month; 4 × 6 × 59 000 = 1 416 000).
    postings = allocation_postings(allocation_event(), 2024)
    by_june = [p for p in postings if p.day <= date(2024, 6, 30)]
    assert result(by_june) == 1_416_000 * KR
    assert balance(by_june) == 0
    assert result(postings) - result(by_june) == 1_416_000 * KR
    # each month's income falls on its last day
    assert sorted({p.day for p in postings})[:2] == [date(2024, 1, 31), date(2024, 2, 29)]


def test_allocation_of_some_months_only() -> None:
    # months 7-12: the whole allocation falls in the second half year.
    fy = solleftea_2024()
    fy.set_allocation((MemberAmount("fk", PER_MEMBER),), 7, 12, date(2024, 6, 1), AT)
    postings = allocation_postings(last(fy), 2024)  # type: ignore[arg-type]
    assert_balanced(postings)
    assert min(p.day for p in postings) == date(2024, 7, 31)
    assert result(postings) == PER_MEMBER


@pytest.mark.parametrize(
    ("kind", "line", "amount", "accounts", "effect_on_result"),
    [
        # Sollefteå 2024 driftredovisning: Kansli 648 tkr outcome (a cost).
        ("cost", "kansli", 648_000 * KR, {"cost": 1, "bank": -1}, -648_000 * KR),
        # Ränteintäkter 56 tkr (income).
        ("income", "ranteintakter", 56_000 * KR, {"bank": 1, "income": -1}, 56_000 * KR),
        # Half the allocation paid in: 1 416 000 kr (no effect on the result).
        (
            "allocation_payment",
            "driftbidrag",
            1_416_000 * KR,
            {"bank": 1, "receivables": -1},
            0,
        ),
    ],
)
def test_booking_postings_balance(
    kind: str, line: str, amount: int, accounts: dict[str, int], effect_on_result: int
) -> None:
    fy = solleftea_2024()
    fy.book(kind, line, amount, "", date(2024, 12, 31), AT)  # type: ignore[arg-type]
    event = last(fy)
    assert isinstance(event, FiscalYear.Booked)
    postings = booking_postings(event)
    assert_balanced(postings)
    assert {p.account: p.amount for p in postings} == {a: s * amount for a, s in accounts.items()}
    assert result(postings) == effect_on_result
    assert all(p.day == date(2024, 12, 31) for p in postings)


def test_a_negative_booking_balances_too() -> None:
    # a correction: a cost booked back (kansli -648 000 kr)
    fy = solleftea_2024()
    fy.book("cost", "kansli", -648_000 * KR, "rättelse", date(2024, 12, 31), AT)
    postings = booking_postings(last(fy))  # type: ignore[arg-type]
    assert_balanced(postings)
    assert result(postings) == 648_000 * KR


def test_charge_postings_balance_and_cost_the_grant() -> None:
    # SamCoach 775 000 kr over 2024.
    i = granted()
    postings = charge_postings(i)
    assert_balanced(postings)
    assert {p.account for p in postings} == {"cost", "accrued_costs"}
    assert result(postings) == -775_000 * KR
    assert {p.insats for p in postings} == {"samcoach"}
    assert {p.kind for p in postings} == {"charge"}
    assert {p.line for p in postings if p.account == "cost"} == {"samcoach"}
    assert len({p.day for p in postings}) == 12


def test_postponed_months_are_never_charged() -> None:
    # DOMAIN.md: 240 000 kr for 2021 postponed to 1 April: 180 000 kr charged in the year,
    # 60 000 kr by 30 June (April-June, 3 × 20 000).
    i = granted("halso", 240_000 * KR, date(2021, 1, 1), date(2021, 12, 31))
    i.postpone_start(date(2021, 4, 1), None, date(2021, 3, 15), AT)
    postings = charge_postings(i)
    assert_balanced(postings)
    assert result(postings) == -180_000 * KR
    assert result([p for p in postings if p.day <= date(2021, 6, 30)]) == -60_000 * KR
    assert min(p.day for p in postings) == date(2021, 4, 30)


def test_settlement_postings_balance_and_book_the_difference() -> None:
    # Sollefteå 2024: "Från BIP till reflexiv praktik" 120 tkr granted, nothing used.
    bip = granted("bip", 120_000 * KR)
    bip.settle(2024, 0, "2025:3", date(2024, 12, 31), AT)
    postings = charge_postings(bip)
    assert_balanced(postings)
    settlement = [p for p in postings if p.kind == "settlement"]
    assert_balanced(settlement)
    # used - charged = 0 - 120 000 kr: the cost is booked back
    assert {p.account: p.amount for p in settlement} == {
        "cost": -120_000 * KR,
        "accrued_costs": 120_000 * KR,
    }
    assert result(postings) == 0  # 120 000 charged, 120 000 settled back


def test_settlement_with_more_used_than_charged() -> None:
    # Sollefteå 2024: Nya projekt: 22 750 kr charged to 2024 of a 91 000 kr grant
    # (Oct 2024 - Sep 2025); say the insats reports 23 000 kr used (the outcome
    # column rounds to 23 tkr): 23 000 - 22 750 = 250 kr more cost.
    i = granted("praktik", 91_000 * KR, date(2024, 10, 1), date(2025, 9, 30))
    i.settle(2024, 23_000 * KR, None, date(2024, 12, 31), AT)
    postings = charge_postings(i)
    assert_balanced(postings)
    in_2024 = [p for p in postings if p.day.year == 2024]
    assert result(in_2024) == -23_000 * KR
    assert result(postings) == -(91_000 * KR + 250 * KR)


def test_no_settlement_posting_when_used_equals_charged() -> None:
    # SamCoach 2024: förbrukade medel 775 000 kr = beviljade.
    i = granted()
    i.settle(2024, 775_000 * KR, None, date(2024, 12, 31), AT)
    postings = charge_postings(i)
    assert not [p for p in postings if p.kind == "settlement"]
    assert result(postings) == -775_000 * KR


def test_payment_postings_balance_and_clear_accrued_costs() -> None:
    # SamCoach 775 000 kr paid quarterly: 775 000 / 4 = 193 750 kr.
    i = granted()
    i.pay(193_750 * KR, "Q1", date(2024, 4, 15), AT)
    event = last(i)
    assert isinstance(event, Insats.PaymentMade)
    postings = payment_postings(event, i)
    assert_balanced(postings)
    assert {p.account: p.amount for p in postings} == {
        "accrued_costs": 193_750 * KR,
        "bank": -193_750 * KR,
    }
    assert result(postings) == 0
    assert {p.insats for p in postings} == {"samcoach"}
    assert {p.kind for p in postings} == {"payment"}


def test_a_year_of_sollefteå_balances_and_leaves_the_accrued_liability() -> None:
    # Opening 584 026 kr; allocation 2 832 000 kr; SamCoach 775 000 kr charged, three
    # quarters paid (3 × 193 750 = 581 250 kr): accrued costs 775 000 - 581 250
    # = 193 750 kr remain a liability.
    f = Forbund.register("solleftea", "Sollefteå", SOLLEFTEA_MEMBERS, "at_least_half", AT,
                         date(2005, 11, 1))  # fmt: skip
    f.set_opening_equity(date(2023, 12, 31), 584_026 * KR, AT)
    samcoach = granted()
    payments: list[Posting] = []
    for day in (date(2024, 4, 15), date(2024, 7, 15), date(2024, 10, 15)):
        samcoach.pay(193_750 * KR, "", day, AT)
        payments.extend(payment_postings(last(samcoach), samcoach))  # type: ignore[arg-type]
    everything = [
        *opening_postings(last(f)),  # type: ignore[arg-type]
        *allocation_postings(allocation_event(), 2024),
        *charge_postings(samcoach),
        *payments,
    ]
    assert balance(everything) == 0
    accrued = sum(p.amount for p in everything if p.account == "accrued_costs")
    assert accrued == -193_750 * KR  # a credit balance: a liability
    equity = -sum(p.amount for p in everything if p.account == "equity")
    assert equity + result(everything) == 584_026 * KR + 2_832_000 * KR - 775_000 * KR


@given(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.sampled_from(list(ACCOUNTS)),
    st.sampled_from(list(ACCOUNTS)),
)
def test_entry_always_balances(amount: int, debit: str, credit: str) -> None:
    legs = entry(date(2024, 1, 31), debit, credit, amount, line="x", insats="y", kind="k")
    assert balance(legs) == 0
    # only an income or cost leg carries the budget line
    for leg in legs:
        assert leg.line == ("x" if leg.account in RESULT_ACCOUNTS else "")


@given(
    st.lists(st.integers(min_value=0, max_value=10_000_000 * KR), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=12),
)
def test_any_allocation_balances_and_is_income_in_full(
    amounts: list[int], first: int, last_month: int
) -> None:
    first, last_month = min(first, last_month), max(first, last_month)
    fy = solleftea_2024()
    fy.set_allocation(
        tuple(MemberAmount(f"m{i}", a) for i, a in enumerate(amounts)),
        first,
        last_month,
        date(2024, 1, 1),
        AT,
    )
    postings = allocation_postings(last(fy), 2024)  # type: ignore[arg-type]
    assert balance(postings) == 0
    assert result(postings) == sum(amounts)
    assert all(date(2024, first, 1) <= p.day <= date(2024, 12, 31) for p in postings)
