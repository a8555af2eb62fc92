"""The money aggregates on their own (no store): FiscalYear and Insats.

Figures: Härnösand-Timrå 2021 (seeds/harnosand-timra-delarsrapport-2021.txt),
Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt) and the examples in
DOMAIN.md. All amounts are öre; KR converts kronor.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from finsam_es.budget import BudgetLine, LineChange, MemberAmount, budget_totals
from finsam_es.errors import Final, InvalidInput, NotFound, Refused
from finsam_es.fiscal_year import FiscalYear
from finsam_es.insats import Insats
from finsam_es.values import month_index

KR = 100
AT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

# -- Härnösand-Timrå 2021 ---------------------------------------------------------------
# "För 2021 års verksamhet får förbundet 3 754 000 i driftsbidrag" and "I 2021 års budget
# var det planerat för ett underskott på 227 000 kr": costs = 3 754 000 + 227 000
# = 3 981 000 kr. Of the costs the report names Psykiatridagar (30 000 kr) and
# Insatskatalogen (159 000 kr); the rest is 3 981 000 - 30 000 - 159 000 = 3 792 000 kr.
HT_ALLOCATION = 3_754_000 * KR
HT_DEFICIT = 227_000 * KR
HT_LINES = (
    BudgetLine("driftbidrag", "income", HT_ALLOCATION, "Driftbidrag"),
    BudgetLine("psykiatridagar", "cost", 30_000 * KR, "Psykiatridagar", insats=True),
    BudgetLine("insatskatalogen", "cost", 159_000 * KR, "Insatskatalogen", insats=True),
    BudgetLine("ovrigt", "cost", 3_792_000 * KR, "Övriga kostnader"),
)
# The spring decisions "från det egna kapitalet" turned the planned deficit of 227 tkr
# into about 835 tkr: 835 000 - 227 000 = 608 000 kr more from equity.
HT_SPRING_FROM_EQUITY = 608_000 * KR

# -- Sollefteå 2024 (driftredovisning, budget column, tkr) ------------------------------
# Income: driftbidrag 2 832. Costs: Samcoach 775, SFI 998, BIP 120, Psykiatriveckan 60,
# Samverkansfrukost 10, Loksam 30, Folkhälsa 50, Beredningsgruppen 10, Länsgemensamt 10,
# Kompetenshöjande 20, Nya projekt 12 (= Verksamhet 2 095), Styrelsen 65, Kansli 667,
# Bankkostnader 5: 2 095 + 65 + 667 + 5 = 2 832, budgeted result 0.
SOL_LINES = (
    BudgetLine("driftbidrag", "income", 2_832_000 * KR),
    BudgetLine("samcoach", "cost", 775_000 * KR, insats=True),
    BudgetLine("sfi", "cost", 998_000 * KR, insats=True),
    BudgetLine("bip", "cost", 120_000 * KR, insats=True),
    BudgetLine("psykiatriveckan", "cost", 60_000 * KR, insats=True),
    BudgetLine("samverkansfrukost", "cost", 10_000 * KR, insats=True),
    BudgetLine("loksam", "cost", 30_000 * KR, insats=True),
    BudgetLine("folkhalsa", "cost", 50_000 * KR, insats=True),
    BudgetLine("beredningsgruppen", "cost", 10_000 * KR, insats=True),
    BudgetLine("lansgemensamt", "cost", 10_000 * KR, insats=True),
    BudgetLine("kompetens", "cost", 20_000 * KR, insats=True),
    BudgetLine("nya_projekt", "cost", 12_000 * KR, insats=True),
    BudgetLine("styrelsen", "cost", 65_000 * KR),
    BudgetLine("kansli", "cost", 667_000 * KR),
    BudgetLine("bankkostnader", "cost", 5_000 * KR),
)


def ht_2021() -> FiscalYear:
    return FiscalYear.open_for("harnosand-timra", 2021, AT)


def sol_2024(adopt: bool = True) -> FiscalYear:
    fy = FiscalYear.open_for("solleftea", 2024, AT)
    if adopt:
        fy.adopt_budget(SOL_LINES, (), 0, "2023:50", date(2023, 11, 23), AT)
    return fy


def last_event(agg: object) -> object:
    return agg.pending_events[-1]  # type: ignore[attr-defined]


# == FiscalYear: budget =================================================================


def test_sollefteas_2024_budget_balances_with_result_zero() -> None:
    fy = sol_2024()
    assert budget_totals(fy.lines) == (2_832_000 * KR, 2_832_000 * KR)
    assert fy.adopted == (date(2023, 11, 23), "2023:50")
    assert isinstance(last_event(fy), FiscalYear.BudgetAdopted)


def test_budget_with_a_deficit_is_refused_without_equity() -> None:
    fy = ht_2021()
    with pytest.raises(Refused, match="does not balance"):
        fy.adopt_budget(HT_LINES, (), 0, "2020:45", date(2020, 11, 26), AT)
    assert fy.adopted is None
    assert len(fy.pending_events) == 1  # only Opened


def test_budget_with_a_deficit_is_refused_when_equity_does_not_cover_it() -> None:
    fy = ht_2021()
    with pytest.raises(Refused, match="does not balance"):
        fy.adopt_budget(HT_LINES, (), HT_DEFICIT - 1, "2020:45", date(2020, 11, 26), AT)
    assert fy.adopted is None


def test_planned_deficit_adopted_when_equity_covers_it() -> None:
    fy = ht_2021()
    warnings = fy.adopt_budget(HT_LINES, (), HT_DEFICIT, "2020:45", date(2020, 11, 26), AT)
    assert warnings == []
    income, cost = budget_totals(fy.lines)
    assert cost - income == HT_DEFICIT
    assert fy.from_equity == HT_DEFICIT
    event = last_event(fy)
    assert isinstance(event, FiscalYear.BudgetAdopted)
    assert event.from_equity == HT_DEFICIT
    assert event.paragraph == "2020:45"


def test_adopting_twice_is_refused() -> None:
    fy = sol_2024()
    with pytest.raises(Refused, match="already adopted on 2023-11-23"):
        fy.adopt_budget(SOL_LINES, (), 0, "2023:60", date(2023, 11, 28), AT)
    assert fy.adopted == (date(2023, 11, 23), "2023:50")


def test_budget_lines_must_be_well_formed() -> None:
    with pytest.raises(InvalidInput, match="no lines"):
        sol_2024(adopt=False).adopt_budget((), (), 0, None, date(2023, 11, 23), AT)
    twice = (*SOL_LINES, SOL_LINES[1])
    with pytest.raises(InvalidInput, match="named twice"):
        sol_2024(adopt=False).adopt_budget(twice, (), 0, None, date(2023, 11, 23), AT)
    negative = (*SOL_LINES, BudgetLine("minus", "cost", -1))
    with pytest.raises(InvalidInput, match="negative"):
        sol_2024(adopt=False).adopt_budget(negative, (), 0, None, date(2023, 11, 23), AT)
    with pytest.raises(InvalidInput, match="from-equity"):
        sol_2024(adopt=False).adopt_budget(SOL_LINES, (), -1, None, date(2023, 11, 23), AT)


def test_warning_when_budget_is_adopted_after_30_november() -> None:
    late = sol_2024(adopt=False).adopt_budget(SOL_LINES, (), 0, None, date(2023, 12, 1), AT)
    assert len(late) == 1
    assert "2023-11-30" in late[0]
    on_time = sol_2024(adopt=False).adopt_budget(SOL_LINES, (), 0, None, date(2023, 11, 30), AT)
    assert on_time == []


def test_budget_change_moves_money_between_lines() -> None:
    # Sollefteå 2024: "Nya projekt under året" had 12 tkr; the praktikinformatör grant
    # charged 22 750 kr to 2024, so 22 750 - 12 000 = 10 750 kr are moved to it from
    # "Kompetenshöjande insatser" (budget 20 tkr, outcome 6 tkr).
    fy = sol_2024()
    moved = 10_750 * KR
    fy.change_budget(
        (LineChange("kompetens", -moved), LineChange("nya_projekt", moved)),
        0,
        "2024:40",
        date(2024, 9, 12),
        AT,
    )
    assert fy.lines["kompetens"].amount == 9_250 * KR  # 20 000 - 10 750
    assert fy.lines["nya_projekt"].amount == 22_750 * KR  # 12 000 + 10 750
    assert budget_totals(fy.lines) == (2_832_000 * KR, 2_832_000 * KR)
    assert isinstance(last_event(fy), FiscalYear.BudgetChanged)


def test_budget_change_cannot_take_more_than_a_line_holds() -> None:
    fy = sol_2024()
    with pytest.raises(Refused, match="cannot give"):
        fy.change_budget(
            (LineChange("kompetens", -20_001 * KR), LineChange("nya_projekt", 20_001 * KR)),
            0,
            None,
            date(2024, 9, 12),
            AT,
        )
    assert fy.lines["kompetens"].amount == 20_000 * KR


def test_budget_change_adds_a_line_and_takes_from_equity() -> None:
    fy = ht_2021()
    fy.adopt_budget(HT_LINES, (), HT_DEFICIT, "2020:45", date(2020, 11, 26), AT)
    fy.change_budget(
        (LineChange("nya_insatser", HT_SPRING_FROM_EQUITY, kind="cost", name="Våren 2021"),),
        HT_SPRING_FROM_EQUITY,
        "2021:20",
        date(2021, 4, 22),
        AT,
    )
    assert fy.lines["nya_insatser"] == BudgetLine(
        "nya_insatser", "cost", HT_SPRING_FROM_EQUITY, "Våren 2021"
    )
    income, cost = budget_totals(fy.lines)
    # the planned deficit is now 227 000 + 608 000 = 835 000 kr, all from equity
    assert cost - income == 835_000 * KR
    assert fy.from_equity == 835_000 * KR


def test_budget_change_that_leaves_a_deficit_is_refused() -> None:
    fy = ht_2021()
    fy.adopt_budget(HT_LINES, (), HT_DEFICIT, "2020:45", date(2020, 11, 26), AT)
    before = dict(fy.lines)
    with pytest.raises(Refused, match="does not balance"):
        fy.change_budget(
            (LineChange("nya_insatser", HT_SPRING_FROM_EQUITY, kind="cost"),),
            0,
            "2021:20",
            date(2021, 4, 22),
            AT,
        )
    assert fy.lines == before
    assert fy.from_equity == HT_DEFICIT
    assert not any(isinstance(e, FiscalYear.BudgetChanged) for e in fy.pending_events)


def test_budget_change_needs_an_adopted_budget_and_known_lines() -> None:
    with pytest.raises(Refused, match="not adopted"):
        sol_2024(adopt=False).change_budget(
            (LineChange("kansli", 1),), 0, None, date(2024, 3, 14), AT
        )
    with pytest.raises(NotFound, match="no line 'okand'"):
        sol_2024().change_budget((LineChange("okand", 1),), 0, None, date(2024, 3, 14), AT)
    with pytest.raises(InvalidInput):
        sol_2024().change_budget((), 0, None, date(2024, 3, 14), AT)


# == FiscalYear: allocation, bookings, closing ===========================================


def test_allocation_is_set_once() -> None:
    # Sollefteå 2024: 2 832 000 kr, a quarter each: 2 832 000 / 4 = 708 000 kr.
    fy = sol_2024()
    quarter = 708_000 * KR
    amounts = tuple(MemberAmount(m, quarter) for m in ("fk", "af", "rvn", "solleftea"))
    fy.set_allocation(amounts, 1, 12, date(2024, 1, 1), AT)
    assert sum(a.amount for a in fy.allocation) == 2_832_000 * KR
    assert fy.allocation_months == (1, 12)
    with pytest.raises(Refused, match="already set"):
        fy.set_allocation(amounts, 1, 12, date(2024, 1, 1), AT)
    with pytest.raises(InvalidInput, match="within a year"):
        sol_2024().set_allocation(amounts, 7, 13, date(2024, 1, 1), AT)


def test_booking_belongs_to_its_year_and_warns_on_an_unknown_line() -> None:
    fy = sol_2024()
    # Sollefteå 2024 bank costs: 1 tkr outcome (driftredovisning "Bankkostnader -1").
    assert fy.book("cost", "bankkostnader", 1_000 * KR, "", date(2024, 12, 31), AT) == []
    warnings = fy.book("cost", "okand", 1_000 * KR, "", date(2024, 12, 31), AT)
    assert warnings and "'okand'" in warnings[0]
    with pytest.raises(InvalidInput, match="does not belong to 2024"):
        fy.book("cost", "kansli", 1_000 * KR, "", date(2025, 1, 2), AT)
    with pytest.raises(InvalidInput, match="0 kr"):
        fy.book("cost", "kansli", 0, "", date(2024, 6, 30), AT)


def test_annual_report_closes_the_year() -> None:
    fy = sol_2024()
    assert fy.adopt_annual_report("2025:8", date(2025, 3, 20), AT) == []
    assert fy.closed == (date(2025, 3, 20), "2025:8")
    # Ränteintäkter 2024: 56 tkr (driftredovisning); too late now.
    with pytest.raises(Final, match="2024 is closed"):
        fy.book("income", "ranteintakter", 56_000 * KR, "", date(2024, 12, 31), AT)
    with pytest.raises(Final):
        fy.change_budget((LineChange("kansli", 1),), 1, None, date(2025, 3, 21), AT)
    with pytest.raises(Final):
        fy.adopt_annual_report("2025:9", date(2025, 3, 21), AT)
    assert sum(isinstance(e, FiscalYear.Booked) for e in fy.pending_events) == 0


def test_annual_report_after_year_end_and_warned_after_31_march() -> None:
    with pytest.raises(InvalidInput, match="after the year ends"):
        sol_2024().adopt_annual_report(None, date(2024, 12, 31), AT)
    late = sol_2024().adopt_annual_report(None, date(2025, 4, 1), AT)
    assert len(late) == 1 and "2025-03-31" in late[0]


# == Insats ========================================================================


def application(
    insats: str = "halso",
    amount: int = 240_000 * KR,
    start: date = date(2021, 1, 1),
    end: date = date(2021, 12, 31),
    on: date = date(2020, 10, 1),
) -> Insats:
    return Insats.receive(
        "harnosand-timra", insats, "", "individual", "timra", (), amount, start, end, "", on, AT
    )


def granted_240000_for_2021() -> Insats:
    # DOMAIN.md: 240 000 kr for 2021 (20 000 kr a month).
    i = application()
    i.grant(None, None, None, "2020:45", date(2020, 11, 26), AT)
    return i


def test_received_application_has_its_defaults() -> None:
    i = application()
    assert i.status == "received"
    assert i.asked == 240_000 * KR
    assert i.line == "halso" and i.name == "halso"
    assert not i.granted_once


@pytest.mark.parametrize(
    ("insats", "amount", "start", "end", "match"),
    [
        ("a b", 1, date(2021, 1, 1), date(2021, 12, 31), "not an insats id"),
        ("x", 0, date(2021, 1, 1), date(2021, 12, 31), "must be positive"),
        ("x", 1, date(2021, 12, 31), date(2021, 1, 1), "before it starts"),
    ],
)
def test_application_input_is_checked(
    insats: str, amount: int, start: date, end: date, match: str
) -> None:
    with pytest.raises(InvalidInput, match=match):
        application(insats, amount, start, end)


def test_grant_spreads_the_amount_over_the_period() -> None:
    i = granted_240000_for_2021()
    assert i.status == "granted"
    assert i.charged_in(2021) == 240_000 * KR
    assert i.granted_by_year() == {2021: 240_000 * KR}
    assert set(i.plan.values()) == {20_000 * KR}
    assert i.paragraphs == ("2020:45",)


def test_grant_of_another_amount_than_applied_for() -> None:
    # Sollefteå 2024: SamCoach 775 tkr over 2024 is 775 000 / 12 = 64 583,33 kr a month.
    i = application("samcoach", 775_000 * KR, date(2024, 1, 1), date(2024, 12, 31))
    i.grant(775_000 * KR, None, None, "2023:50", date(2023, 11, 23), AT)
    assert sum(i.plan.values()) == 775_000 * KR
    assert max(i.plan.values()) - min(i.plan.values()) <= 1
    i2 = application("sfi", 998_000 * KR, date(2024, 1, 1), date(2024, 12, 31))
    with pytest.raises(InvalidInput, match="positive"):
        i2.grant(0, None, None, None, date(2023, 11, 23), AT)


def test_referral_back_needs_a_reason() -> None:
    i = application()
    with pytest.raises(InvalidInput, match="must give a reason"):
        i.refer_back("  ", "2020:45", date(2020, 11, 26), AT)
    assert i.status == "received"


def test_refer_back_complete_and_grant() -> None:
    # Sollefteå 2024: SFI på modersmål (998 tkr) referred back at the budget meeting,
    # completed in December, granted on 20 December.
    i = application("sfi", 998_000 * KR, date(2024, 1, 1), date(2024, 12, 31), date(2023, 10, 1))
    i.refer_back("Komplettera", "2023:51", date(2023, 11, 23), AT)
    assert i.status == "referred_back"
    with pytest.raises(Refused, match="referred back: it cannot be referred back"):
        i.refer_back("igen", None, date(2023, 11, 24), AT)
    i.complete_application(None, None, None, date(2023, 12, 11), AT)
    # still referred back until the board decides again; the completion is noted
    assert i.status == "referred_back"
    assert i.completed == date(2023, 12, 11)
    i.grant(998_000 * KR, None, None, "2023:60", date(2023, 12, 20), AT)
    assert i.status == "granted"
    assert i.granted_by_year() == {2024: 998_000 * KR}
    assert i.paragraphs == ("2023:51", "2023:60")


def test_resubmission_can_change_amount_and_period() -> None:
    i = application()
    i.refer_back("Komplettera", None, date(2020, 11, 26), AT)
    i.complete_application(180_000 * KR, date(2021, 4, 1), None, date(2020, 12, 10), AT)
    assert i.asked == 180_000 * KR
    assert i.period == (date(2021, 4, 1), date(2021, 12, 31))
    with pytest.raises(InvalidInput, match="before it starts"):
        j = application()
        j.refer_back("Komplettera", None, date(2020, 11, 26), AT)
        j.complete_application(None, date(2022, 1, 1), None, date(2020, 12, 10), AT)


def test_withdrawn_application_cannot_be_granted() -> None:
    # Sollefteå 2024: one application (160 tkr) was withdrawn before the decision.
    i = application("rvn", 160_000 * KR, date(2024, 1, 1), date(2024, 12, 31), date(2023, 10, 1))
    i.withdraw("FK kan inte delta", date(2023, 11, 10), AT)
    assert i.status == "withdrawn"
    with pytest.raises(Refused, match="withdrawn: it cannot be granted"):
        i.grant(None, None, None, "2023:50", date(2023, 11, 23), AT)
    with pytest.raises(Refused):
        i.withdraw("igen", date(2023, 11, 11), AT)
    assert not i.granted_once


def test_rejected_application_cannot_be_granted() -> None:
    i = application()
    i.reject("Ryms inte i budgeten", "2020:46", date(2020, 11, 26), AT)
    assert i.status == "rejected"
    with pytest.raises(Refused, match="rejected: it cannot be granted"):
        i.grant(None, None, None, "2020:50", date(2020, 12, 10), AT)
    with pytest.raises(Refused):
        i.withdraw("", date(2020, 12, 10), AT)
    with pytest.raises(Refused):
        i.reject("", None, date(2020, 12, 10), AT)


def test_granted_application_cannot_be_withdrawn_or_rejected() -> None:
    i = granted_240000_for_2021()
    with pytest.raises(Refused):
        i.withdraw("", date(2020, 12, 1), AT)
    with pytest.raises(Refused):
        i.reject("", None, date(2020, 12, 1), AT)
    with pytest.raises(Refused):
        i.refer_back("x", None, date(2020, 12, 1), AT)


def test_records_of_an_insats_go_forward_in_time() -> None:
    i = application(on=date(2020, 10, 1))
    with pytest.raises(Refused, match="go forward in time"):
        i.grant(None, None, None, "2020:30", date(2020, 9, 30), AT)
    i.grant(None, None, None, "2020:45", date(2020, 11, 26), AT)
    with pytest.raises(Refused, match="go forward in time"):
        i.postpone_start(date(2021, 4, 1), None, date(2020, 11, 25), AT)
    with pytest.raises(Refused, match="go forward in time"):
        i.extend(date(2022, 6, 30), 0, None, date(2020, 11, 1), AT)
    # the same day is allowed
    i.postpone_start(date(2021, 4, 1), None, date(2020, 11, 26), AT)
    assert i.last == date(2020, 11, 26)


def test_changes_to_the_period_need_a_grant() -> None:
    i = application()
    with pytest.raises(Refused, match="has no grant"):
        i.postpone_start(date(2021, 4, 1), None, date(2020, 11, 26), AT)
    with pytest.raises(Refused, match="has no grant"):
        i.extend(date(2022, 6, 30), 0, None, date(2020, 11, 26), AT)
    with pytest.raises(Refused, match="has no grant"):
        i.end_early(date(2021, 9, 30), None, date(2020, 11, 26), AT)
    with pytest.raises(Refused, match="has no grant"):
        i.settle(2021, 0, None, date(2021, 12, 31), AT)
    with pytest.raises(Refused, match="has no grant"):
        i.pay(1, "", date(2021, 1, 31), AT)


def test_domain_postponement_example() -> None:
    # DOMAIN.md: 240 000 kr for 2021 (20 000 kr a month) postponed to start on 1 April
    # charges 180 000 kr in the year (9 months × 20 000); Jan-Mar (3 × 20 000 = 60 000 kr)
    # are never charged.
    i = granted_240000_for_2021()
    i.postpone_start(date(2021, 4, 1), "2021:12", date(2021, 3, 15), AT)
    assert i.charged_in(2021) == 180_000 * KR
    jan, mar = month_index(date(2021, 1, 1)), month_index(date(2021, 3, 1))
    assert sorted(i.dropped) == list(range(jan, mar + 1))
    assert sum(i.dropped.values()) == 60_000 * KR
    assert i.period == (date(2021, 4, 1), date(2021, 12, 31))
    # the monthly charge stays 20 000 kr
    assert {i.plan[m] for m in i.plan if m not in i.dropped} == {20_000 * KR}
    # by 30 June: April, May, June = 3 × 20 000 = 60 000 kr
    june = month_index(date(2021, 6, 1))
    assert sum(a for m, a in i.plan.items() if m <= june and m not in i.dropped) == 60_000 * KR


def test_postponement_must_postpone_within_the_period() -> None:
    i = granted_240000_for_2021()
    with pytest.raises(InvalidInput, match="does not postpone"):
        i.postpone_start(date(2021, 1, 1), None, date(2020, 12, 1), AT)
    with pytest.raises(InvalidInput, match="cannot start after"):
        i.postpone_start(date(2022, 1, 1), None, date(2020, 12, 1), AT)


def test_move_period_moves_the_charges() -> None:
    # the whole 240 000 kr moves three months: April 2021 - March 2022,
    # 9 months × 20 000 = 180 000 kr in 2021 and 3 × 20 000 = 60 000 kr in 2022.
    i = granted_240000_for_2021()
    i.move_period(date(2021, 4, 1), "2020:50", date(2020, 12, 10), AT)
    assert i.period == (date(2021, 4, 1), date(2022, 3, 31))
    assert i.granted_by_year() == {2021: 180_000 * KR, 2022: 60_000 * KR}
    assert i.dropped == {}


def test_move_period_refused_once_charged() -> None:
    i = granted_240000_for_2021()
    with pytest.raises(Refused, match="has been charged"):
        i.move_period(date(2021, 9, 1), None, date(2021, 5, 20), AT)


def test_extension_respreads_what_is_not_yet_charged() -> None:
    # 240 000 kr for 2021, extended on 2021-06-15 to 2022-06-30 with no extra money.
    # Charged by then: Jan-May, 5 × 20 000 = 100 000 kr (June's charge falls on 30 June).
    # Not yet charged: Jun-Dec, 7 × 20 000 = 140 000 kr, now spread over Jun 2021 -
    # Jun 2022 = 13 months: 7 months in 2021 get floor(140 000 00 × 7 / 13) =
    # 7 538 461 öre; 2022 gets 14 000 000 - 7 538 461 = 6 461 539 öre.
    i = granted_240000_for_2021()
    i.extend(date(2022, 6, 30), 0, "2021:30", date(2021, 6, 15), AT)
    assert i.period == (date(2021, 1, 1), date(2022, 6, 30))
    assert i.charged_in(2021) == 100_000 * KR + 7_538_461
    assert i.charged_in(2022) == 6_461_539
    assert sum(i.granted_by_year().values()) == 240_000 * KR
    may = month_index(date(2021, 5, 1))
    assert all(i.plan[m] == 20_000 * KR for m in i.plan if m <= may)


def test_extension_with_extra_money() -> None:
    # As above with 120 000 kr more: 140 000 + 120 000 = 260 000 kr over 13 months
    # = exactly 20 000 kr a month, so 2022 gets 6 × 20 000 = 120 000 kr.
    i = granted_240000_for_2021()
    i.extend(date(2022, 6, 30), 120_000 * KR, "2021:30", date(2021, 6, 15), AT)
    assert i.granted_by_year() == {2021: 240_000 * KR, 2022: 120_000 * KR}
    assert set(i.plan.values()) == {20_000 * KR}


def test_extension_must_extend_and_cannot_take_money_away() -> None:
    i = granted_240000_for_2021()
    with pytest.raises(InvalidInput, match="does not extend"):
        i.extend(date(2021, 12, 31), 0, None, date(2021, 6, 15), AT)
    with pytest.raises(InvalidInput, match="cannot take money away"):
        i.extend(date(2022, 6, 30), -1, None, date(2021, 6, 15), AT)


def test_end_early_drops_the_later_months() -> None:
    # 240 000 kr for 2021 ended on 2021-09-30: Oct-Dec (3 × 20 000 = 60 000 kr) dropped,
    # 9 × 20 000 = 180 000 kr charged in 2021.
    i = granted_240000_for_2021()
    i.end_early(date(2021, 9, 30), "2021:40", date(2021, 9, 16), AT)
    assert i.period == (date(2021, 1, 1), date(2021, 9, 30))
    assert i.charged_in(2021) == 180_000 * KR
    oct_, dec = month_index(date(2021, 10, 1)), month_index(date(2021, 12, 1))
    assert sorted(i.dropped) == list(range(oct_, dec + 1))
    assert sum(i.dropped.values()) == 60_000 * KR
    with pytest.raises(InvalidInput, match="does not end it earlier"):
        i.end_early(date(2021, 12, 31), None, date(2021, 9, 17), AT)
    with pytest.raises(InvalidInput, match="cannot end before"):
        i.end_early(date(2020, 12, 31), None, date(2021, 9, 17), AT)


def test_settle_records_used_and_charged_and_is_refused_twice() -> None:
    # postponed as in DOMAIN.md: 180 000 kr charged; the insats reports 170 000 kr used.
    i = granted_240000_for_2021()
    i.postpone_start(date(2021, 4, 1), None, date(2021, 3, 15), AT)
    with pytest.raises(InvalidInput, match="at its end or later"):
        i.settle(2021, 170_000 * KR, None, date(2021, 12, 30), AT)
    i.settle(2021, 170_000 * KR, "2022:5", date(2021, 12, 31), AT)
    event = last_event(i)
    assert isinstance(event, Insats.YearSettled)
    assert (event.used, event.charged) == (170_000 * KR, 180_000 * KR)
    assert i.settled[2021] == (170_000 * KR, 180_000 * KR, date(2021, 12, 31))
    with pytest.raises(Refused, match="already settled"):
        i.settle(2021, 180_000 * KR, None, date(2022, 1, 15), AT)
    with pytest.raises(InvalidInput, match="negative"):
        i.settle(2022, -1, None, date(2022, 12, 31), AT)


def test_settled_year_cannot_change() -> None:
    i = granted_240000_for_2021()
    i.settle(2021, 240_000 * KR, None, date(2021, 12, 31), AT)
    with pytest.raises(Final, match="2021 is settled"):
        i.end_early(date(2021, 9, 30), None, date(2022, 1, 10), AT)
    with pytest.raises(Final, match="2021 is settled"):
        i.grant(10_000 * KR, date(2021, 1, 1), date(2021, 12, 31), None, date(2022, 1, 10), AT)


def test_carry_moves_unused_money_to_the_next_year() -> None:
    # Sollefteå: "Från BIP till reflexiv praktik" 120 tkr for 2024, nothing used,
    # "medlen flyttas med till 2025".
    bip = application("bip", 120_000 * KR, date(2024, 1, 1), date(2024, 12, 31), date(2023, 10, 1))
    bip.grant(None, None, None, "2023:50", date(2023, 11, 23), AT)
    assert bip.granted_by_year() == {2024: 120_000 * KR}
    with pytest.raises(Refused, match="settle 2024 before"):
        bip.carry(2024, None, None, None, "2025:4", date(2025, 2, 13), AT)
    bip.settle(2024, 0, None, date(2024, 12, 31), AT)
    with pytest.raises(Refused, match="cannot carry"):
        bip.carry(2024, 120_000 * KR + 1, None, None, "2025:4", date(2025, 2, 13), AT)
    carried = bip.carry(2024, None, None, None, "2025:4", date(2025, 2, 13), AT)
    assert carried == 120_000 * KR
    assert bip.granted_by_year() == {2024: 0, 2025: 120_000 * KR}
    assert sum(bip.granted_by_year().values()) == 120_000 * KR
    # spread over 2025: 120 000 / 12 = 10 000 kr a month
    assert bip.charged_in(2025) == 120_000 * KR
    assert bip.period[1] == date(2025, 12, 31)
    # nothing is left to carry
    with pytest.raises(Refused, match="cannot carry"):
        bip.carry(2024, 1, None, None, "2025:5", date(2025, 2, 14), AT)


def test_carry_part_of_the_unused_money() -> None:
    # 240 000 kr for 2021, 170 000 kr used: 70 000 kr unused; carry 50 000 kr into
    # 2022 and 20 000 kr stay unused.
    i = granted_240000_for_2021()
    i.settle(2021, 170_000 * KR, None, date(2021, 12, 31), AT)
    with pytest.raises(Refused, match="70 000 kr of 2021 is unused"):
        i.carry(2021, 70_000 * KR + 1, None, None, None, date(2022, 2, 1), AT)
    i.carry(2021, 50_000 * KR, date(2022, 1, 1), date(2022, 6, 30), None, date(2022, 2, 1), AT)
    assert i.granted_by_year() == {2021: 190_000 * KR, 2022: 50_000 * KR}
    assert i.carried_out == {2021: 50_000 * KR}


def test_payment_records_the_amount() -> None:
    # Sollefteå: SamCoach 775 000 kr for 2024 paid quarterly: 775 000 / 4 = 193 750 kr.
    i = application("samcoach", 775_000 * KR, date(2024, 1, 1), date(2024, 12, 31))
    i.grant(None, None, None, "2023:50", date(2023, 11, 23), AT)
    i.pay(193_750 * KR, "Q1", date(2024, 4, 15), AT)
    event = last_event(i)
    assert isinstance(event, Insats.PaymentMade)
    assert event.amount == 193_750 * KR
    with pytest.raises(InvalidInput, match="0 kr"):
        i.pay(0, "", date(2024, 4, 16), AT)


def charged_or_dropped(i: Insats) -> int:
    return sum(i.charged_in(y) for y in i.granted_by_year()) + sum(i.dropped.values())


def test_money_granted_after_ending_early_is_charged() -> None:
    # 240 000 kr for 2021 ended early at 2021-09-30 (Oct-Dec, 60 000 kr dropped); on
    # 2021-09-20 the board grants 30 000 kr more for Oct-Dec 2021 (3 × 10 000 kr).
    # Charged in 2021: 9 × 20 000 + 30 000 = 210 000 kr; granted 240 000 + 30 000
    # = 270 000 kr = 210 000 charged + 60 000 dropped.
    i = granted_240000_for_2021()
    i.end_early(date(2021, 9, 30), "2021:40", date(2021, 9, 16), AT)
    i.grant(30_000 * KR, date(2021, 10, 1), date(2021, 12, 31), "2021:41", date(2021, 9, 20), AT)
    assert i.granted_by_year() == {2021: 270_000 * KR}
    assert i.charged_in(2021) == 210_000 * KR
    assert charged_or_dropped(i) == 270_000 * KR


def test_extension_after_ending_early_charges_the_extra_money() -> None:
    # 240 000 kr for 2021 ended early at 2021-09-30 (Oct-Dec, 60 000 kr dropped); on
    # 2021-10-15 extended to 2022-06-30 with 90 000 kr more. Nothing of the original
    # grant is left to charge after September, so the 90 000 kr spread over Oct 2021 -
    # Jun 2022 (9 months, 10 000 kr a month): 2021 gets 3 × 10 000 = 30 000 kr, 2022
    # 6 × 10 000 = 60 000 kr. Granted 330 000 = 270 000 charged + 60 000 dropped.
    i = granted_240000_for_2021()
    i.end_early(date(2021, 9, 30), "2021:40", date(2021, 9, 16), AT)
    i.extend(date(2022, 6, 30), 90_000 * KR, "2021:45", date(2021, 10, 15), AT)
    assert sum(i.granted_by_year().values()) == 330_000 * KR
    assert i.charged_in(2021) == 180_000 * KR + 30_000 * KR
    assert i.charged_in(2022) == 60_000 * KR
    assert charged_or_dropped(i) == 330_000 * KR


def test_carry_into_a_settled_year_is_refused() -> None:
    # 240 000 kr over 2024-2025 (120 000 kr a year); 2024 settled with 100 000 kr used
    # (20 000 kr unused), 2025 settled with 120 000 kr used. Carrying 2024's 20 000 kr
    # into 2025 would change the months of a settled year: the cost of 2025 would
    # become 120 000 + 20 000 = 140 000 kr although 120 000 kr were used.
    i = application("tvaar", 240_000 * KR, date(2024, 1, 1), date(2025, 12, 31), date(2023, 10, 1))
    i.grant(None, None, None, "2023:50", date(2023, 11, 23), AT)
    assert i.granted_by_year() == {2024: 120_000 * KR, 2025: 120_000 * KR}
    i.settle(2024, 100_000 * KR, None, date(2024, 12, 31), AT)
    i.settle(2025, 120_000 * KR, None, date(2025, 12, 31), AT)
    with pytest.raises(Final, match="2025 is settled"):
        i.carry(2024, None, None, None, "2026:3", date(2026, 1, 15), AT)
    assert i.granted_by_year() == {2024: 120_000 * KR, 2025: 120_000 * KR}
