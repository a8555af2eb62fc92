"""The members' allocation on the aggregates alone: given events, when a command, then
events, warnings or a refusal.

The förbund splits a total by the members' shares and warns when a part strays from
its share; the fiscal year decides which income line each part lands on. Figures:
Härnösand-Timrå (50/25/12.5/12.5; "Härnösand and Timrå pay 480.5 tkr each of 3 844 tkr",
DOMAIN.md) and Sollefteå 2024 (2 832 000 kr, a quarter each).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from finsam_es.budget import BudgetLine, MemberAmount
from finsam_es.errors import Final, InvalidInput, NotFound
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.membership import Member

KR = 100
AT = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)

FK = Member("fk", "Försäkringskassan", "state", "1/4")
AF = Member("af", "Arbetsförmedlingen", "state", "1/4")
RVN = Member("rvn", "Region Västernorrland", "region", "1/4")
HARNOSAND = Member("harnosand", "Härnösands kommun", "municipality", "1/8")
TIMRA = Member("timra", "Timrå kommun", "municipality", "1/8")
HT_MEMBERS = ("fk", "af", "rvn", "harnosand", "timra")
HT_TOTAL = 3_844_000 * KR


def harnosand_timra() -> Forbund:
    f = Forbund.register(
        "harnosand-timra", "Härnösand-Timrå", (FK, AF, RVN, HARNOSAND, TIMRA),
        "at_least_half", AT, date(2008, 1, 1),
    )  # fmt: skip
    f.collect_events()
    return f


def year(lines: tuple[BudgetLine, ...] = ()) -> FiscalYear:
    """Härnösand-Timrå's 2025, with its budget adopted when lines are given."""
    fy = FiscalYear.open_for("harnosand-timra", 2025, AT)
    if lines:
        fy.adopt_budget(lines, (), 0, "2024:60", date(2024, 11, 20), AT)
    fy.collect_events()
    return fy


def allocated(fy: FiscalYear) -> tuple[MemberAmount, ...]:
    (event,) = fy.collect_events()
    assert isinstance(event, FiscalYear.AllocationSet)
    return event.amounts


# -- the förbund: each member's part ----------------------------------------------------


def test_a_total_is_split_by_the_members_shares() -> None:
    parts = harnosand_timra().split_by_shares(HT_TOTAL)
    assert parts == {
        "fk": 961_000 * KR,
        "af": 961_000 * KR,
        "rvn": 961_000 * KR,
        "harnosand": 480_500 * KR,
        "timra": 480_500 * KR,
    }
    assert list(parts) == list(HT_MEMBERS)


def test_the_rounding_ore_of_a_split_go_to_the_first_members() -> None:
    # 3 öre more than a whole split: the first three members get one öre each.
    parts = harnosand_timra().split_by_shares(HT_TOTAL + 3)
    assert sum(parts.values()) == HT_TOTAL + 3
    assert [parts[m] - 961_000 * KR for m in ("fk", "af", "rvn")] == [1, 1, 1]
    assert parts["harnosand"] == parts["timra"] == 480_500 * KR


def test_parts_given_per_member_are_kept_as_given() -> None:
    given = (("timra", 480_500 * KR), ("fk", 961_000 * KR))
    parts = harnosand_timra().allocation_parts(None, given)
    assert list(parts.items()) == list(given)


def test_parts_given_must_add_up_to_the_total_given() -> None:
    given = (("fk", 961_000 * KR), ("af", 961_000 * KR))
    assert harnosand_timra().allocation_parts(1_922_000 * KR, given) == dict(given)
    with pytest.raises(InvalidInput) as refused:
        harnosand_timra().allocation_parts(HT_TOTAL, given)
    assert str(refused.value) == (
        "the members' amounts add up to 1 922 000 kr, not the total 3 844 000 kr"
    )


def test_a_part_for_a_member_the_forbund_lacks_is_refused() -> None:
    with pytest.raises(NotFound, match="has no member 'solleftea'"):
        harnosand_timra().allocation_parts(None, (("solleftea", 708_000 * KR),))


def test_an_allocation_needs_a_total_or_parts() -> None:
    with pytest.raises(InvalidInput) as refused:
        harnosand_timra().allocation_parts(None, ())
    assert str(refused.value) == (
        "an allocation needs --total or amounts per member (--member ID:AMOUNT)"
    )


def test_no_warning_when_the_parts_follow_the_shares() -> None:
    f = harnosand_timra()
    assert f.share_deviations(f.split_by_shares(HT_TOTAL)) == []
    # up to 1 kr off a share is rounding, not a deviation
    parts = {**f.split_by_shares(HT_TOTAL), "timra": 480_500 * KR + 100}
    assert f.share_deviations(parts) == []


def test_a_part_off_its_share_is_named_with_what_the_share_would_be() -> None:
    # Timrå gives 500 000 kr instead of 480 500: the whole is then 3 863 500 kr, of which
    # its 12.5 % is 482 937,50 kr; every other member is off by its share of the 19 500.
    f = harnosand_timra()
    parts = {**f.split_by_shares(HT_TOTAL), "timra": 500_000 * KR}
    warnings = f.share_deviations(parts)
    assert warnings[-1] == "timra gives 500 000 kr, its share of 3 863 500 kr is 482 937,50 kr"
    assert [w.split()[0] for w in warnings] == list(HT_MEMBERS)


def test_a_member_left_out_gives_nothing_of_its_share() -> None:
    f = harnosand_timra()
    parts = {m: a for m, a in f.split_by_shares(HT_TOTAL).items() if m != "rvn"}
    assert f.share_deviations(parts)[2] == (
        "rvn gives 0 kr, its share of 2 883 000 kr is 720 750 kr"
    )


# -- the fiscal year: which line each part lands on --------------------------------------

ROUTED = (
    BudgetLine("staten", "income", 1_922_000 * KR, members=("fk", "af")),
    BudgetLine("regionen", "income", 961_000 * KR, members=("rvn",)),
    BudgetLine("kommunerna", "income", 961_000 * KR, members=("harnosand", "timra")),
    BudgetLine("kansli", "cost", 3_844_000 * KR),
)


def test_each_part_lands_on_the_income_line_that_names_its_member() -> None:
    fy = year(ROUTED)
    parts = harnosand_timra().split_by_shares(HT_TOTAL)
    assert fy.allocate(parts, HT_MEMBERS, 1, 12, date(2025, 1, 1), AT) == []
    assert [(a.member, a.line) for a in allocated(fy)] == [
        ("fk", "staten"),
        ("af", "staten"),
        ("rvn", "regionen"),
        ("harnosand", "kommunerna"),
        ("timra", "kommunerna"),
    ]


def test_a_member_no_line_names_lands_on_driftbidrag() -> None:
    lines = (
        BudgetLine("driftbidrag", "income", HT_TOTAL),
        BudgetLine("kansli", "cost", HT_TOTAL),
    )
    fy = year(lines)
    assert fy.allocation_line("fk") == "driftbidrag"
    parts = harnosand_timra().split_by_shares(HT_TOTAL)
    assert fy.allocate(parts, HT_MEMBERS, 1, 12, date(2025, 1, 1), AT) == []
    assert {a.line for a in allocated(fy)} == {"driftbidrag"}


def test_parts_are_recorded_in_the_forbunds_order_of_members() -> None:
    fy = year(ROUTED)
    parts = {"timra": 480_500 * KR, "fk": 961_000 * KR}
    fy.allocate(parts, HT_MEMBERS, 1, 12, date(2025, 1, 1), AT)
    assert [a.member for a in allocated(fy)] == ["fk", "timra"]


def test_before_the_budget_the_allocation_lands_on_driftbidrag_with_a_warning() -> None:
    fy = year()
    parts = harnosand_timra().split_by_shares(HT_TOTAL)
    warnings = fy.allocate(parts, HT_MEMBERS, 1, 12, date(2025, 1, 1), AT)
    assert warnings == [
        "the 2025 budget is not adopted yet: the allocation lands on line 'driftbidrag'; "
        "set the allocation after the budget to route it to the members' income lines"
    ]
    assert {a.line for a in allocated(fy)} == {"driftbidrag"}


def test_a_part_on_a_line_the_budget_lacks_is_named_in_the_order_given() -> None:
    # The budget routes only the state; the rest would land on a 'driftbidrag' it lacks.
    lines = (
        BudgetLine("staten", "income", 1_922_000 * KR, members=("fk", "af")),
        BudgetLine("kansli", "cost", 1_922_000 * KR),
    )
    fy = year(lines)
    parts = {"timra": 480_500 * KR, "fk": 961_000 * KR, "rvn": 961_000 * KR}
    warnings = fy.allocate(parts, HT_MEMBERS, 1, 12, date(2025, 1, 1), AT)
    assert warnings == [
        f"{m}'s allocation lands on line 'driftbidrag', which is not in the 2025 budget "
        "(name the members of an income line with members = [...])"
        for m in ("timra", "rvn")
    ]
    assert [(a.member, a.line) for a in allocated(fy)] == [
        ("fk", "staten"),
        ("rvn", "driftbidrag"),
        ("timra", "driftbidrag"),
    ]


def test_an_allocation_in_a_closed_year_is_refused() -> None:
    fy = year(ROUTED)
    fy.adopt_annual_report("2026:5", date(2026, 3, 20), AT)
    with pytest.raises(Final, match="2025 is closed"):
        fy.allocate({"fk": 1}, HT_MEMBERS, 1, 12, date(2025, 1, 1), AT)
