"""The mini-formats of option values: what each parses into, and what a malformed one says."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, time

import pytest

from cli import parsers as p
from commands import structs as c
from finsam_es.errors import InvalidInput
from projections import clocks


def refused(message: str) -> AbstractContextManager[pytest.ExceptionInfo[InvalidInput]]:
    """Refused with exactly this one-line message."""
    assert "\n" not in message
    return pytest.raises(InvalidInput, match=f"^{re.escape(message)}$")


# -- --member ID:KIND:SHARE[:NAME] ------------------------------------------------------


def test_member_with_and_without_a_name() -> None:
    assert p.member("fk:state:25%") == c.MemberSpec(id="fk", kind="state", share="25%", name="")
    assert p.member(" rvn : region : 12,5 %:Region Västernorrland") == c.MemberSpec(
        id="rvn", kind="region", share="12,5 %", name="Region Västernorrland"
    )


def test_member_name_may_hold_a_colon() -> None:
    assert p.member("sk:municipality:25%:Kommun: Sollefteå").name == "Kommun: Sollefteå"


def test_member_of_the_wrong_form() -> None:
    with refused("--member 'fk:state' has the wrong form (write it like fk:state:25%)"):
        p.member("fk:state")


def test_member_of_an_unknown_kind() -> None:
    with refused("member kind 'county' is not state, region or municipality"):
        p.member("x:county:25%")


# -- allocation --member ID:AMOUNT and --months -------------------------------------------


def test_member_amount() -> None:
    assert p.member_amount("fk:708 000") == c.MemberAmountSpec(
        member="fk", amount=c.Amount(70_800_000)
    )


def test_member_amount_that_is_not_an_amount() -> None:
    with refused("'sju' is not an amount (write it like 775 000 or 22 750,50 kr)"):
        p.member_amount("fk:sju")


@pytest.mark.parametrize(("text", "months"), [("1-12", (1, 12)), ("7-12", (7, 12))])
def test_months(text: str, months: tuple[int, int]) -> None:
    assert p.months(text) == months


@pytest.mark.parametrize("text", ["x", "1-", "1-12-3", "7"])
def test_months_of_the_wrong_form(text: str) -> None:
    with refused(f"--months '{text}' has the wrong form (write it like 1-12)"):
        p.months(text)


# -- budget lines: ID:KIND:AMOUNT[:NAME[:PLAN,PLAN]] ---------------------------------------


def test_budget_line_shortest_form() -> None:
    assert p.budget_line("driftbidrag:income:2832000") == c.BudgetLineSpec(
        line="driftbidrag", kind="income", amount=c.Amount(283_200_000)
    )


def test_budget_line_with_name_plan_and_insatser() -> None:
    line = p.budget_line("insatser:cost:2 165 000:Insatser:2000000,1 900 000", ("insatser",))
    assert line == c.BudgetLineSpec(
        line="insatser",
        kind="cost",
        amount=c.Amount(216_500_000),
        name="Insatser",
        insats=True,
        plan=(c.Amount(200_000_000), c.Amount(190_000_000)),
    )


def test_budget_line_with_an_empty_plan() -> None:
    assert p.budget_line("kansli:cost:667000:Kansli:").plan == ()


@pytest.mark.parametrize("text", ["kansli:cost", "kansli:costs:667000", "kansli"])
def test_budget_line_of_the_wrong_form(text: str) -> None:
    with refused(f"--line '{text}' has the wrong form (write it like kansli:cost:667000[:Kansli])"):
        p.budget_line(text)


def test_new_line_of_a_budget_change() -> None:
    assert p.new_line("sam:cost:300000:SAM") == c.LineChangeSpec(
        line="sam", delta=c.Amount(30_000_000), kind="cost", name="SAM"
    )


def test_new_line_of_the_wrong_form_names_add_line() -> None:
    with refused(
        "--add-line 'sam:300000' has the wrong form (write it like kansli:cost:667000[:Kansli])"
    ):
        p.new_line("sam:300000")


# -- budget change: FROM:TO:AMOUNT and LINE:AMOUNT ----------------------------------------


def test_move_takes_from_one_line_and_gives_to_the_other() -> None:
    assert p.move("kompetenshojande:nya-projekt:10000") == (
        c.LineChangeSpec(line="kompetenshojande", delta=c.Amount(-1_000_000)),
        c.LineChangeSpec(line="nya-projekt", delta=c.Amount(1_000_000)),
    )


@pytest.mark.parametrize("text", ["insatser:kansli", "a:b:c:1"])
def test_move_of_the_wrong_form(text: str) -> None:
    with refused(f"--move '{text}' has the wrong form (write it like insatser:kansli:10000)"):
        p.move(text)


def test_line_delta() -> None:
    assert p.line_delta("kansli:-5 000") == c.LineChangeSpec(
        line="kansli", delta=c.Amount(-500_000)
    )
    assert p.line_delta("kansli:5000") == c.LineChangeSpec(line="kansli", delta=c.Amount(500_000))


def test_line_delta_that_is_not_an_amount() -> None:
    with refused("'+5000' is not an amount (write it like 775 000 or 22 750,50 kr)"):
        p.line_delta("kansli:+5000")


# -- --assign "WHO: WHAT" with --due ------------------------------------------------------


def test_assignments_take_the_due_dates_in_order() -> None:
    due = date(2024, 5, 15)
    assert p.assignments(("Förbundschefen: ta fram en plan", " Kansliet :rapportera "), (due,)) == (
        c.AssignmentSpec(who="Förbundschefen", what="ta fram en plan", due=due),
        c.AssignmentSpec(who="Kansliet", what="rapportera", due=None),
    )


def test_assignment_of_the_wrong_form() -> None:
    with refused("--assign 'Förbundschefen' has the wrong form (write \"WHO: WHAT\")"):
        p.assignments(("Förbundschefen",), ())


def test_more_due_dates_than_assignments() -> None:
    with refused(
        "--due gives the due date of the --assign before it; there are more --due than --assign"
    ):
        p.assignments((), (date(2024, 5, 15),))


# -- --known-at and paragraph references --------------------------------------------------


def test_moment_of_a_date_is_the_end_of_that_day_in_utc() -> None:
    assert clocks.moment("2024-07-15") == datetime.combine(date(2024, 7, 15), time.max, tzinfo=UTC)


def test_moment_of_a_timestamp_is_utc_unless_it_says_otherwise() -> None:
    assert clocks.moment("2024-07-15T13:30") == datetime(2024, 7, 15, 13, 30, tzinfo=UTC)
    assert clocks.moment("2024-07-15T13:30+02:00") == datetime(2024, 7, 15, 11, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["igår", "2024-13-01", "2024-07-15T25:00"])
def test_moment_that_is_not_one(text: str) -> None:
    with refused(
        f"'{text}' is not a date, timestamp or log position "
        "(YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS.ffffff or position:N)"
    ):
        clocks.moment(text)


def test_moment_keeps_the_microseconds_log_prints() -> None:
    stamp = "2026-11-22T23:55:10.123456+00:00"
    assert clocks.moment(stamp) == datetime(2026, 11, 22, 23, 55, 10, 123456, tzinfo=UTC)


def test_moment_of_a_log_position() -> None:
    assert clocks.moment("position:120") == clocks.LogPosition(120)
    assert isinstance(clocks.moment("position:120"), clocks.LogPosition)


@pytest.mark.parametrize("text", ["position:", "position:0", "position:x"])
def test_log_position_that_is_not_one(text: str) -> None:
    with refused(f"'{text}' names no log position (write it like position:120; at most {2**53})"):
        clocks.moment(text)


def test_log_from_a_date_starts_at_midnight_and_to_ends_at_its_end() -> None:
    assert p.timestamp("2024-08-01", start_of_day=True) == datetime(2024, 8, 1, tzinfo=UTC)
    assert p.timestamp("2024-08-01") == datetime.combine(date(2024, 8, 1), time.max, tzinfo=UTC)
    with refused("'position:3': write a date or timestamp here, not a log position"):
        p.timestamp("position:3")


@pytest.mark.parametrize("text", ["2024:12", "2024 §12", " 2024/12 "])
def test_paragraph_ref(text: str) -> None:
    assert p.paragraph_ref(text) == (2024, 12)


def test_paragraph_ref_that_is_not_one() -> None:
    with refused("'§12' is not a paragraph reference (write YEAR:N, like 2023:45)"):
        p.paragraph_ref("§12")
