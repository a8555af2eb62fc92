"""The fiscal year's rules through the public command path: balanskrav, budget changes,
the members' allocation, bookings and the annual report that closes the year.

Each test names the rule it holds. Commands run through ``commands.bus.execute`` so
the tests survive rules moving between handlers and aggregates; a refusal must leave
the store unchanged and say, in one line, the figure the secretary acts on.

Figures: Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt, driftredovisning)
and Härnösand-Timrå 2021 (seeds/harnosand-timra-delarsrapport-2021.txt). Amounts in
öre; KR converts kronor.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commands import structs as c
from finsam_es.budget import BudgetLine, MemberAmount
from finsam_es.errors import Final, InvalidInput, NotFound, Refused
from finsam_es.fiscal_year import FiscalYear
from projections.money_fold import Fold
from store.application import FinsamApp
from tests.conftest import Refuse, Run

A = c.Amount
KR = 100
AT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="solleftea", kind="municipality", share="25%"),
)
BUDGET_MEETING = date(2023, 11, 23)
SEPTEMBER = date(2024, 9, 19)

# Sollefteå 2024, in kronor (driftredovisning, budget column): income 2 832 000; costs
# 2 095 000 for insatser (of them Kompetenshöjande 20 000 and Nya projekt 12 000), Styrelsen
# 65 000, Kansli 667 000 and Bankkostnader 5 000: 2 095 000 + 65 000 + 667 000 + 5 000
# = 2 832 000. The insats lines other than the two named are one line here.
SOLLEFTEA_2024 = (
    ("driftbidrag", "income", 2_832_000),
    ("ranteintakter", "income", 0),
    ("insatser", "cost", 2_095_000 - 20_000 - 12_000),
    ("kompetens", "cost", 20_000),
    ("nya_projekt", "cost", 12_000),
    ("styrelsen", "cost", 65_000),
    ("kansli", "cost", 667_000),
    ("bankkostnader", "cost", 5_000),
)

# Härnösand-Timrå 2021: driftbidrag 3 754 000 kr; "planerat för ett underskott på
# 227 000 kr", so costs 3 754 000 + 227 000 = 3 981 000 kr.
HT_2021 = (("driftbidrag", "income", 3_754_000), ("kostnader", "cost", 3_981_000))


def lines(spec: tuple[tuple[str, str, int], ...]) -> tuple[c.BudgetLineSpec, ...]:
    return tuple(
        c.BudgetLineSpec(line=line, kind=kind, amount=A(kr * KR))  # type: ignore[arg-type]
        for line, kind, kr in spec
    )


def decide(meeting: date, *effects: c.EffectType) -> c.AddParagraph:
    return c.AddParagraph(meeting=meeting, title="Beslut", effects=effects)


@pytest.fixture
def forbund(app: FinsamApp, run: Run) -> FinsamApp:
    run(c.CreateForbund(id="solleftea", name="Sollefteå", members=MEMBERS, on=date(2005, 11, 1)))
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=BUDGET_MEETING)))
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=SEPTEMBER)))
    return app


@pytest.fixture
def sollefteå(forbund: FinsamApp, run: Run) -> FinsamApp:
    """Sollefteå with its 2024 budget adopted at the budget meeting (§1 of 2023)."""
    run(decide(BUDGET_MEETING, c.AdoptBudget(year=2024, lines=lines(SOLLEFTEA_2024))))
    return forbund


def budget(app: FinsamApp, year: int, as_of: date) -> dict[str, int]:
    report = Fold(app.read()).budget("solleftea", year, as_of)
    return {row.line: row.amount for row in report.lines}


# == balanskrav ============================================================================


def test_a_deficit_is_refused_naming_what_equity_does_not_cover(
    forbund: FinsamApp, refused: Refuse
) -> None:
    # Härnösand-Timrå 2021 with 27 000 kr of its 227 000 kr deficit from equity:
    # 3 981 000 - 3 754 000 - 27 000 = 200 000 kr remain uncovered.
    err = refused(
        decide(
            BUDGET_MEETING,
            c.AdoptBudget(year=2021, lines=lines(HT_2021), from_equity=A(27_000 * KR)),
        )
    )
    assert isinstance(err, Refused)
    assert str(err) == (
        "the 2021 budget does not balance: costs 3 981 000 kr exceed income 3 754 000 kr "
        "by 200 000 kr; a planned deficit must say it uses equity (--from-equity)"
    )


def test_a_deficit_covered_by_equity_to_the_krona_is_adopted(forbund: FinsamApp, run: Run) -> None:
    adopt = c.AdoptBudget(year=2021, lines=lines(HT_2021), from_equity=A(227_000 * KR))
    run(decide(BUDGET_MEETING, adopt))
    report = Fold(forbund.read()).budget("solleftea", 2021, BUDGET_MEETING)
    assert (report.income_total, report.cost_total) == (3_754_000 * KR, 3_981_000 * KR)
    assert report.from_equity == 227_000 * KR


def test_a_budget_change_counts_the_equity_already_decided(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    # Härnösand-Timrå spring 2021: three more projects for 608 000 kr "från det egna
    # kapitalet" on top of the 227 000 kr already planned. Taking only 600 000 kr more
    # leaves 227 000 + 608 000 - 227 000 - 600 000 = 8 000 kr uncovered.
    run(
        decide(
            BUDGET_MEETING,
            c.AdoptBudget(year=2021, lines=lines(HT_2021), from_equity=A(227_000 * KR)),
        )
    )
    new_projects = (c.LineChangeSpec(line="nya", delta=A(608_000 * KR), kind="cost"),)
    err = refused(
        decide(
            SEPTEMBER, c.ChangeBudget(year=2021, changes=new_projects, from_equity=A(600_000 * KR))
        )
    )
    assert "costs 4 589 000 kr exceed income 3 754 000 kr by 8 000 kr;" in str(err)
    run(
        decide(
            SEPTEMBER, c.ChangeBudget(year=2021, changes=new_projects, from_equity=A(608_000 * KR))
        )
    )
    report = Fold(forbund.read()).budget("solleftea", 2021, SEPTEMBER)
    assert report.from_equity == 835_000 * KR  # "ett underskott på ca 835 tkr"


def test_adopting_a_budget_twice_names_the_first_decision(
    sollefteå: FinsamApp, refused: Refuse
) -> None:
    err = refused(decide(SEPTEMBER, c.AdoptBudget(year=2024, lines=lines(SOLLEFTEA_2024))))
    assert str(err) == (
        "the 2024 budget was already adopted on 2023-11-23 (§2023:1); change it with a budget change"
    )


def test_a_budget_adopted_without_a_paragraph_names_only_its_date() -> None:
    """Not reachable through a command (a budget is adopted in a paragraph)."""
    fy = FiscalYear.open_for("solleftea", 2024, AT)
    budget = (BudgetLine("driftbidrag", "income", 1), BudgetLine("kansli", "cost", 1))
    fy.adopt_budget(budget, (), 0, None, BUDGET_MEETING, AT)
    with pytest.raises(Refused) as caught:
        fy.adopt_budget(budget, (), 0, None, BUDGET_MEETING, AT)
    assert str(caught.value) == (
        "the 2024 budget was already adopted on 2023-11-23; change it with a budget change"
    )


def test_a_budget_line_of_zero_and_no_equity_are_allowed(sollefteå: FinsamApp) -> None:
    # Ränteintäkter are budgeted at 0 kr (driftredovisning); nothing is taken from equity.
    assert budget(sollefteå, 2024, BUDGET_MEETING)["ranteintakter"] == 0


def test_a_budget_has_lines_each_named_once_none_negative_and_no_negative_equity(
    forbund: FinsamApp, refused: Refuse
) -> None:
    def adopt(spec: tuple[tuple[str, str, int], ...], from_equity: int = 0) -> str:
        effect = c.AdoptBudget(year=2024, lines=lines(spec), from_equity=A(from_equity))
        err = refused(decide(BUDGET_MEETING, effect))
        assert isinstance(err, InvalidInput)
        return str(err)

    assert adopt(()) == "the 2024 budget has no lines"
    twice = (*SOLLEFTEA_2024, ("kansli", "cost", 1))
    assert adopt(twice) == "budget line 'kansli' is named twice"
    negative = (*SOLLEFTEA_2024, ("rattelse", "cost", -1))
    assert adopt(negative) == "budget line 'rattelse' has a negative amount"
    assert adopt(SOLLEFTEA_2024, -1) == "--from-equity cannot be negative"


def test_a_budget_is_due_by_30_november_of_the_year_before(forbund: FinsamApp, run: Run) -> None:
    on_time = run(decide(BUDGET_MEETING, c.AdoptBudget(year=2024, lines=lines(SOLLEFTEA_2024))))
    assert on_time.warnings == []
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 12, 1))))
    late = run(decide(date(2024, 12, 1), c.AdoptBudget(year=2025, lines=lines(SOLLEFTEA_2024))))
    assert late.warnings == [
        "the 2025 budget is adopted on 2024-12-01; the law asks for it by 2024-11-30"
    ]


# == budget changes =========================================================================


def test_a_line_may_give_all_it_holds_and_no_more(
    sollefteå: FinsamApp, run: Run, refused: Refuse
) -> None:
    # Kompetenshöjande insatser holds 20 000 kr.
    too_much = (
        c.LineChangeSpec(line="kompetens", delta=A(-20_001 * KR)),
        c.LineChangeSpec(line="kansli", delta=A(20_001 * KR)),
    )
    err = refused(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=too_much)))
    assert isinstance(err, Refused)
    assert str(err) == "line 'kompetens' holds 20 000 kr; it cannot give 20 001 kr"
    all_of_it = (
        c.LineChangeSpec(line="kompetens", delta=A(-20_000 * KR)),
        c.LineChangeSpec(line="kansli", delta=A(20_000 * KR)),
    )
    run(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=all_of_it)))
    after = budget(sollefteå, 2024, SEPTEMBER)
    assert (after["kompetens"], after["kansli"]) == (0, 687_000 * KR)  # 667 000 + 20 000


def test_a_line_may_grow_by_more_than_it_holds(sollefteå: FinsamApp, run: Run) -> None:
    # The praktikinformatör charges 22 750 kr to "Nya projekt" (12 000 kr): 22 750 kr more
    # is moved there from the other insatser, almost twice what the line held.
    move = (
        c.LineChangeSpec(line="insatser", delta=A(-22_750 * KR)),
        c.LineChangeSpec(line="nya_projekt", delta=A(22_750 * KR)),
    )
    run(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=move)))
    assert budget(sollefteå, 2024, SEPTEMBER)["nya_projekt"] == 34_750 * KR  # 12 000 + 22 750


def test_a_budget_change_is_dated_on_or_after_the_last_budget_decision(
    sollefteå: FinsamApp, run: Run, refused: Refuse
) -> None:
    move = (
        c.LineChangeSpec(line="kompetens", delta=A(-1_000 * KR)),
        c.LineChangeSpec(line="kansli", delta=A(1_000 * KR)),
    )
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2023, 11, 22))))
    err = refused(decide(date(2023, 11, 22), c.ChangeBudget(year=2024, changes=move)))
    assert str(err) == (
        "the 2024 budget was last decided on 2023-11-23; a change dated 2023-11-22 must come "
        "after that"
    )
    run(decide(BUDGET_MEETING, c.ChangeBudget(year=2024, changes=move)))  # the same day
    run(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=move)))
    err = refused(decide(BUDGET_MEETING, c.ChangeBudget(year=2024, changes=move)))
    assert "last decided on 2024-09-19" in str(err)
    assert budget(sollefteå, 2024, SEPTEMBER)["kompetens"] == 18_000 * KR  # 20 000 - 2 × 1 000


def test_a_budget_change_may_take_from_equity_alone(
    sollefteå: FinsamApp, run: Run, refused: Refuse
) -> None:
    err = refused(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=())))
    assert isinstance(err, InvalidInput)
    assert str(err) == "a budget change needs at least one line change"
    run(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=(), from_equity=A(10_000 * KR))))
    report = Fold(sollefteå.read()).budget("solleftea", 2024, SEPTEMBER)
    assert report.from_equity == 10_000 * KR


def test_a_budget_change_needs_an_adopted_budget(forbund: FinsamApp, refused: Refuse) -> None:
    change = (c.LineChangeSpec(line="kansli", delta=A(1)),)
    err = refused(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=change)))
    assert str(err) == "the 2024 budget is not adopted yet; adopt it before changing it"


def test_a_new_line_needs_its_kind_and_starts_at_zero_or_more(
    sollefteå: FinsamApp, run: Run, refused: Refuse
) -> None:
    unknown = (c.LineChangeSpec(line="okand", delta=A(1_000 * KR)),)
    err = refused(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=unknown)))
    assert isinstance(err, NotFound)
    assert str(err) == (
        "the 2024 budget has no line 'okand' (lines: bankkostnader, driftbidrag, insatser, "
        "kansli, kompetens, nya_projekt, ranteintakter, styrelsen); a new line needs its kind "
        "(income or cost)"
    )
    negative = (c.LineChangeSpec(line="ny", delta=A(-1), kind="income"),)
    err = refused(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=negative)))
    assert str(err) == "new line 'ny' cannot start negative"
    empty = (c.LineChangeSpec(line="ny", delta=A(0), kind="income", name="Ny rad"),)
    run(decide(SEPTEMBER, c.ChangeBudget(year=2024, changes=empty)))
    report = Fold(sollefteå.read()).budget("solleftea", 2024, SEPTEMBER)
    (row,) = [r for r in report.lines if r.line == "ny"]
    assert (row.kind, row.amount, row.name) == ("income", 0, "Ny rad")


# == allocation ===============================================================================


def test_an_allocation_is_set_once_over_months_within_the_year(
    sollefteå: FinsamApp, run: Run, refused: Refuse
) -> None:
    total = A(2_832_000 * KR)
    for first, last in ((0, 12), (1, 13), (7, 6)):
        err = refused(c.SetAllocation(year=2024, total=total, first_month=first, last_month=last))
        assert str(err) == f"months {first}-{last} are not a period within a year"
    run(c.SetAllocation(year=2024, total=total, first_month=12, last_month=12))
    err = refused(c.SetAllocation(year=2024, total=total))
    assert str(err) == "the 2024 allocation is already set"
    # all of it is income of December: 2 832 000 kr, nothing by 30 November
    fold = Fold(sollefteå.read())
    assert fold.result("solleftea", 2024, date(2024, 11, 30)).income == 0
    assert fold.result("solleftea", 2024, date(2024, 12, 31)).income == 2_832_000 * KR


def test_an_allocation_of_one_whole_year_is_accepted(sollefteå: FinsamApp, run: Run) -> None:
    run(c.SetAllocation(year=2024, total=A(2_832_000 * KR), first_month=1, last_month=12))
    # by 31 January: one month of 2 832 000 kr = 236 000 kr
    result = Fold(sollefteå.read()).result("solleftea", 2024, date(2024, 1, 31))
    assert result.income == 236_000 * KR


def test_an_allocation_refuses_a_negative_member_amount(
    sollefteå: FinsamApp, refused: Refuse
) -> None:
    members = (
        c.MemberAmountSpec(member="fk", amount=A(708_000 * KR)),
        c.MemberAmountSpec(member="af", amount=A(-708_000 * KR)),
    )
    err = refused(c.SetAllocation(year=2024, members=members))
    assert isinstance(err, InvalidInput)
    assert str(err) == "an allocation needs an amount per member, none negative"


def test_an_allocation_needs_members() -> None:
    """Not reachable through a command (the handler always names the members); the
    fiscal year holds the rule itself."""
    fy = FiscalYear.open_for("solleftea", 2024, AT)
    with pytest.raises(
        InvalidInput, match="an allocation needs an amount per member, none negative"
    ):
        fy.set_allocation((), 1, 12, date(2024, 1, 1), AT)
    fy.set_allocation((MemberAmount("fk", 1),), 1, 12, date(2024, 1, 1), AT)
    assert fy.allocation == (MemberAmount("fk", 1),)


# == bookings ====================================================================================


def test_a_booking_on_a_line_outside_the_budget_is_warned_but_a_payment_in_is_not(
    sollefteå: FinsamApp, run: Run, refused: Refuse
) -> None:
    # Bankkostnader 1 300 kr; the allocation is paid in on no budget line of its own.
    on = date(2024, 12, 31)
    assert (
        run(c.Book(kind="cost", line="bankkostnader", amount=A(1_300 * KR), on=on)).warnings == []
    )
    warned = run(c.Book(kind="cost", line="okand", amount=A(1_300 * KR), on=on))
    assert warned.warnings == ["line 'okand' is not in the 2024 budget"]
    paid_in = run(c.Book(kind="allocation_payment", line="inbetalning", amount=A(1), on=on))
    assert paid_in.warnings == []
    err = refused(c.Book(kind="cost", line="kansli", amount=A(0), on=on))
    assert str(err) == "a booking of 0 kr records nothing"


def test_a_booking_belongs_to_the_year_of_its_date() -> None:
    """Not reachable through a command (the handler picks the year from the date)."""
    fy = FiscalYear.open_for("solleftea", 2024, AT)
    with pytest.raises(InvalidInput) as caught:
        fy.book("cost", "kansli", 1, "", date(2025, 1, 1), AT)
    assert str(caught.value) == "a booking on 2025-01-01 does not belong to 2024"
    assert fy.book("cost", "kansli", -1, "", date(2024, 1, 1), AT) == [
        "line 'kansli' is not in the 2024 budget"
    ]


# == the annual report =============================================================================


def test_the_annual_report_is_adopted_after_the_year_and_due_by_31_march(
    sollefteå: FinsamApp, run: Run, refused: Refuse
) -> None:
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 12, 31))))
    err = refused(decide(date(2024, 12, 31), c.AdoptAnnualReport(year=2024)))
    assert str(err) == "the 2024 annual report is adopted after the year ends, not on 2024-12-31"
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2025, 3, 31))))
    assert run(decide(date(2025, 3, 31), c.AdoptAnnualReport(year=2024))).warnings == []


def test_lag_2003_1210_an_annual_report_adopted_late_is_warned(
    sollefteå: FinsamApp, run: Run
) -> None:
    # the Finsam law's own rule: the annual report within three months of the year's end
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2025, 4, 1))))
    late = run(decide(date(2025, 4, 1), c.AdoptAnnualReport(year=2024)))
    assert late.warnings == [
        "the 2024 annual report is adopted on 2025-04-01; it is due by 2025-03-31 "
        "(lag 2003:1210: within three months of the year's end)"
    ]


def test_a_closed_year_refuses_every_change_naming_the_adopting_paragraph(
    sollefteå: FinsamApp, run: Run, refused: Refuse
) -> None:
    # Sollefteå adopted its annual report 2024 on 2025-03-20; here it is §1 of 2025.
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2025, 3, 20))))
    run(decide(date(2025, 3, 20), c.AdoptAnnualReport(year=2024)))
    closed = "2024 is closed: its annual report was adopted on 2025-03-20 (§2025:1); "
    err = refused(
        c.Book(kind="income", line="ranteintakter", amount=A(55_534 * KR), on=date(2024, 12, 31))
    )
    assert isinstance(err, Final)
    assert str(err) == closed + (
        "a booking dated in 2024 is refused, book the correction in an open year"
    )
    change = (c.LineChangeSpec(line="kansli", delta=A(1)),)
    err = refused(
        decide(date(2025, 3, 20), c.ChangeBudget(year=2024, changes=change, from_equity=A(1)))
    )
    assert str(err) == closed + (
        "a budget change dated in 2024 is refused, book the correction in an open year"
    )
    err = refused(decide(date(2025, 3, 20), c.AdoptAnnualReport(year=2024)))
    assert str(err).startswith(closed + "adopting the annual report again dated in 2024")
    err = refused(c.SetAllocation(year=2024, total=A(2_832_000 * KR)))
    assert str(err).startswith(closed + "an allocation dated in 2024")


def test_a_closed_year_without_a_paragraph_names_only_its_date() -> None:
    fy = FiscalYear.open_for("solleftea", 2024, AT)
    fy.adopt_annual_report(None, date(2025, 3, 20), AT)
    with pytest.raises(Final) as caught:
        fy.check_open("a booking")
    assert str(caught.value).startswith(
        "2024 is closed: its annual report was adopted on 2025-03-20; a booking dated in 2024"
    )


def test_a_budget_for_a_closed_year_is_refused() -> None:
    fy = FiscalYear.open_for("solleftea", 2024, AT)
    fy.adopt_annual_report("2025:1", date(2025, 3, 20), AT)
    with pytest.raises(Final, match="a budget dated in 2024 is refused"):
        fy.adopt_budget((), (), 0, None, date(2025, 3, 21), AT)
