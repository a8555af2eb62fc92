"""Grants with a schedule of yearly amounts, a start moved past the grant's period, and
payments and settlements beyond a grant (issues 13 and 10).

The example is issue 13's: 3 800 000 kr over 36 months from April 2023 (April 2023 -
March 2026), with 870 000 kr in 2023, 1 300 000 kr in 2024 and in 2025 and 330 000 kr
in 2026: 870 000 + 1 300 000 + 1 300 000 + 330 000 = 3 800 000 kr. Spread evenly it
would charge 3 800 000 × 9 / 36 = 950 000 kr in 2023. Each year's amount is spread over
that year's months by the periodisation rule: month i of n gets
floor(a·(i+1)/n) − floor(a·i/n) öre. Amounts in öre; KR converts kronor.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from commands import structs as c
from commands.fingerprints import fingerprint
from commands.journal import import_journal
from finsam_es.errors import InvalidInput, Refused
from finsam_es.insats import Insats
from finsam_es.schedule import (
    YearAmount,
    YearMove,
    move_problem,
    postponed,
    schedule_plan,
    schedule_problem,
)
from finsam_es.values import month_index
from projections.event_log import log_row
from projections.money_fold import Fold
from projections.money_reports import InsatsRow
from store.application import FinsamApp
from tests.conftest import Finsam, Refuse, Run

A = c.Amount
KR = 100
APRIL_2023 = month_index(date(2023, 4, 1))
MARCH_2026 = month_index(date(2026, 3, 31))
SCHEDULE = (
    YearAmount(2023, 870_000 * KR),
    YearAmount(2024, 1_300_000 * KR),
    YearAmount(2025, 1_300_000 * KR),
    YearAmount(2026, 330_000 * KR),
)
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="k", kind="municipality", share="25%"),
)
GRANT_MEETING = date(2023, 2, 16)
MEETINGS = (date(2020, 11, 26), date(2021, 11, 18), GRANT_MEETING, date(2023, 6, 15))


def year_total(plan: dict[int, int], year: int) -> int:
    return sum(a for m, a in plan.items() if m // 12 == year)


# == the schedule's months (pure) =============================================================


def test_each_year_is_charged_its_amount_evenly_over_its_months_to_the_ore() -> None:
    plan = schedule_plan(SCHEDULE, APRIL_2023, MARCH_2026)
    # 2023: April - December, 9 months of 87 000 000 öre: 87 000 000 / 9 = 9 666 666.67, so
    # floor(87e6·1/9) = 9 666 666, floor(87e6·2/9) − 9 666 666 = 19 333 333 − 9 666 666
    # = 9 666 667, 29 000 000 − 19 333 333 = 9 666 667; the pattern repeats three times
    april = [plan[APRIL_2023 + i] for i in range(9)]
    assert april == [9_666_666, 9_666_667, 9_666_667] * 3
    assert year_total(plan, 2023) == 870_000 * KR
    # 2024: 12 months of 130 000 000 öre = 10 833 333.33 a month: 10 833 333, 10 833 333,
    # 10 833 334 (32 500 000 a quarter) four times
    january_2024 = month_index(date(2024, 1, 1))
    assert [plan[january_2024 + i] for i in range(12)] == [10_833_333, 10_833_333, 10_833_334] * 4
    assert year_total(plan, 2024) == year_total(plan, 2025) == 1_300_000 * KR
    # 2026: January - March, 33 000 000 / 3 = 11 000 000 öre (110 000 kr) each
    january_2026 = month_index(date(2026, 1, 1))
    assert [plan[january_2026 + i] for i in range(3)] == [11_000_000] * 3
    assert len(plan) == 36 and sum(plan.values()) == 3_800_000 * KR


def test_a_year_of_nothing_has_no_months() -> None:
    # 100 000 kr in 2024 only, though the period runs into 2025: no month of 2025 charged
    first, last = month_index(date(2024, 7, 1)), month_index(date(2025, 6, 30))
    plan = schedule_plan((YearAmount(2024, 100_000 * KR), YearAmount(2025, 0)), first, last)
    # 10 000 000 öre over July - December: 1 666 666, 1 666 667, 1 666 667 twice
    assert sorted(plan) == list(range(first, first + 6))
    assert list(plan.values()) == [1_666_666, 1_666_667, 1_666_667] * 2
    # ... and a year of nothing first: the later year is still charged
    plan = schedule_plan((YearAmount(2024, 0), YearAmount(2025, 60_000 * KR)), first, last)
    assert list(plan.values()) == [1_000_000] * 6  # January - June 2025, 10 000 kr each


def test_a_year_with_one_month_in_the_period_is_charged_in_it() -> None:
    # December 2023 - January 2024: one month in each year
    first, last = month_index(date(2023, 12, 1)), month_index(date(2024, 1, 31))
    schedule = (YearAmount(2023, 1_000 * KR), YearAmount(2024, 3_000 * KR))
    assert schedule_problem(schedule, 4_000 * KR, first, last) == ""
    assert schedule_plan(schedule, first, last) == {first: 100_000, last: 300_000}


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ((), "a schedule names at least one year"),
        (
            (*SCHEDULE[:3], YearAmount(2026, 329_999 * KR)),
            "the schedule sums to 3 799 999 kr, not the granted 3 800 000 kr",
        ),
        (
            SCHEDULE[:3],
            "the schedule does not name 2026, which is in the grant's period "
            "(write 2026:0 if nothing falls in it)",
        ),
        (
            (*SCHEDULE, YearAmount(2027, 0)),
            "the schedule names 2027, which is outside the grant's period",
        ),
        ((*SCHEDULE, YearAmount(2023, 0)), "the schedule names 2023 twice"),
        (
            (YearAmount(2023, -1), *SCHEDULE[1:]),
            "the schedule's amount for 2023 is negative",
        ),
    ],
)
def test_a_schedule_names_each_year_of_the_period_once_and_sums_to_the_grant(
    schedule: tuple[YearAmount, ...], message: str
) -> None:
    assert schedule_problem(schedule, 3_800_000 * KR, APRIL_2023, MARCH_2026) == message
    assert schedule_problem(SCHEDULE, 3_800_000 * KR, APRIL_2023, MARCH_2026) == ""


def test_a_postponement_drops_keeps_or_moves_the_months_before_the_new_start() -> None:
    plan = schedule_plan(SCHEDULE, APRIL_2023, MARCH_2026)
    july = month_index(date(2023, 7, 1))
    # plainly: April - June 2023 are dropped, 3 × 9 666 666.67 = 29 000 000 öre
    kept, dropped = postponed(plan, july, MARCH_2026)
    assert sum(dropped.values()) == 29_000_000 and year_total(kept, 2023) == 58_000_000
    # keeping the schedule: 2023's 87 000 000 öre over July - December, 14 500 000 a month
    kept, dropped = postponed(plan, july, MARCH_2026, keep=True)
    assert dropped == {} and [kept[july + i] for i in range(6)] == [14_500_000] * 6
    assert sorted(kept) == list(range(july, MARCH_2026 + 1))
    assert {m: a for m, a in kept.items() if m >= july + 6} == {
        m: a for m, a in plan.items() if m >= july + 6
    }
    # a year wholly before the new start keeps its months as decided
    april_2024 = month_index(date(2024, 4, 1))
    kept, dropped = postponed(plan, april_2024, MARCH_2026, keep=True)
    assert year_total(kept, 2023) == 87_000_000 and dropped == {}
    # 2024: January - March move onto April - December, 130 000 000 / 9 = 14 444 444.44
    assert year_total(kept, 2024) == 130_000_000
    assert [kept[april_2024 + i] for i in range(3)] == [14_444_444, 14_444_444, 14_444_445]
    # moving 200 000 kr of what is dropped (290 000 kr) to 2024: 20 000 000 öre over 12
    # months (1 666 666, 1 666 667, 1 666 667 four times) on top of 2024's own months
    moves = (YearMove(2023, 2024, 200_000 * KR),)
    assert move_problem(plan, july, MARCH_2026, moves) == ""
    moved, dropped = postponed(plan, july, MARCH_2026, moves=moves)
    # 290 000 − 200 000 = 90 000 kr dropped, the move taking the last months first: June
    # (9 666 667) and May (9 666 667) wholly, 666 666 öre of April's 9 666 666
    assert dropped == {APRIL_2023: 9_000_000, APRIL_2023 + 1: 0, APRIL_2023 + 2: 0}
    assert year_total(moved, 2024) == 150_000_000  # 1 300 000 + 200 000 kr
    january_2024 = month_index(date(2024, 1, 1))
    assert moved[january_2024] == 10_833_333 + 1_666_666


@pytest.mark.parametrize(
    ("move", "message"),
    [
        (YearMove(2023, 2024, 0), "an amount moved from 2023 must be positive"),
        (YearMove(2024, 2024, 1), "money moves to a later year, not from 2024 to 2024"),
        (YearMove(2023, 2027, 1), "2027 has no month in the period from the new start"),
        (
            YearMove(2023, 2024, 290_001 * KR),
            "the postponement drops 290 000 kr of 2023; 290 001 kr cannot be moved from it",
        ),
        (
            YearMove(2024, 2025, 1),
            "the postponement drops 0 kr of 2024; 0,01 kr cannot be moved from it",
        ),
    ],
)
def test_a_move_takes_what_the_postponement_drops_to_a_later_year_in_the_period(
    move: YearMove, message: str
) -> None:
    plan = schedule_plan(SCHEDULE, APRIL_2023, MARCH_2026)
    assert move_problem(plan, month_index(date(2023, 7, 1)), MARCH_2026, (move,)) == message


def test_moves_from_one_year_take_no_more_than_it_drops_in_all() -> None:
    plan = schedule_plan(SCHEDULE, APRIL_2023, MARCH_2026)
    july = month_index(date(2023, 7, 1))
    # April - June 2023 drop 290 000 kr: all of it may move, in one or two moves
    whole = (YearMove(2023, 2024, 290_000 * KR),)
    assert move_problem(plan, july, MARCH_2026, whole) == ""
    halves = (YearMove(2023, 2024, 145_000 * KR), YearMove(2023, 2025, 145_000 * KR))
    assert move_problem(plan, july, MARCH_2026, halves) == ""
    twice = (YearMove(2023, 2024, 200_000 * KR), YearMove(2023, 2025, 200_000 * KR))
    assert move_problem(plan, july, MARCH_2026, twice) == (
        "the postponement drops 90 000 kr of 2023; 200 000 kr cannot be moved from it"
    )


# == through the command path ================================================================


@pytest.fixture
def forbund(app: FinsamApp, run: Run) -> FinsamApp:
    run(c.CreateForbund(id="f", name="F", members=MEMBERS, on=date(2005, 1, 1)))
    for meeting in MEETINGS:
        run(c.OpenMeeting(meeting=c.MeetingDetails(date=meeting)))
    return app


def decide(meeting: date, *effects: c.EffectType) -> c.AddParagraph:
    return c.AddParagraph(meeting=meeting, title="Beslut", effects=effects)


def spec(schedule: tuple[YearAmount, ...]) -> tuple[c.YearAmountSpec, ...]:
    return tuple(c.YearAmountSpec(year=s.year, amount=A(s.amount)) for s in schedule)


def row(app: FinsamApp, insats: str, as_of: date) -> InsatsRow:
    (found,) = [r for r in Fold(app.read()).insatser("f", as_of).interventions if r.id == insats]
    return found


@pytest.fixture
def ungdom(forbund: FinsamApp, run: Run) -> FinsamApp:
    run(
        c.ReceiveApplication(
            insats="ungdom",
            amount=A(3_800_000 * KR),
            start=date(2023, 4, 1),
            end=date(2026, 3, 31),
            on=date(2023, 1, 10),
        )
    )
    run(decide(GRANT_MEETING, c.GrantFunds(insats="ungdom", schedule=spec(SCHEDULE))))
    return forbund


def test_a_scheduled_grant_charges_each_year_its_amount(ungdom: FinsamApp) -> None:
    fold = Fold(ungdom.read())
    for year, amount in ((2023, 870_000), (2024, 1_300_000), (2025, 1_300_000), (2026, 330_000)):
        result = fold.result("f", year, date(year, 12, 31))
        assert {line.line: line.outcome for line in result.lines} == {"ungdom": amount * KR}
    found = row(ungdom, "ungdom", date(2026, 12, 31))
    assert found.granted_by_year == {
        "2023": 870_000 * KR,
        "2024": 1_300_000 * KR,
        "2025": 1_300_000 * KR,
        "2026": 330_000 * KR,
    }
    assert (found.granted, found.charged) == (3_800_000 * KR, 3_800_000 * KR)
    # by 30 June 2023: April - June, 9 666 666 + 9 666 667 + 9 666 667 = 29 000 000 öre
    assert row(ungdom, "ungdom", date(2023, 6, 30)).charged == 29_000_000


def test_a_schedule_that_does_not_sum_to_the_grant_is_refused(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    run(
        c.ReceiveApplication(
            insats="ungdom",
            amount=A(3_800_000 * KR),
            start=date(2023, 4, 1),
            end=date(2026, 3, 31),
            on=date(2023, 1, 10),
        )
    )
    short = (*SCHEDULE[:3], YearAmount(2026, 300_000 * KR))
    err = refused(decide(GRANT_MEETING, c.GrantFunds(insats="ungdom", schedule=spec(short))))
    assert isinstance(err, InvalidInput)
    assert str(err) == "ungdom: the schedule sums to 3 770 000 kr, not the granted 3 800 000 kr"


def test_the_budget_check_of_a_year_uses_the_scheduled_amount(forbund: FinsamApp, run: Run) -> None:
    # The 2023 budget holds 900 000 kr for insatser: the schedule's 870 000 kr fits, the
    # even spread's 950 000 kr (3 800 000 × 9/36) does not.
    budget = c.AdoptBudget(
        year=2023,
        lines=(
            c.BudgetLineSpec(line="bidrag", kind="income", amount=A(900_000 * KR)),
            c.BudgetLineSpec(line="ungdom", kind="cost", amount=A(900_000 * KR), insats=True),
        ),
    )
    run(decide(date(2021, 11, 18), budget))
    for insats in ("even", "ungdom"):
        run(
            c.ReceiveApplication(
                insats=insats,
                amount=A(3_800_000 * KR),
                start=date(2023, 4, 1),
                end=date(2026, 3, 31),
                on=date(2023, 1, 10),
                line="ungdom",
            )
        )
    scheduled = run(decide(GRANT_MEETING, c.GrantFunds(insats="ungdom", schedule=spec(SCHEDULE))))
    assert not [w for w in scheduled.warnings if "2023" in w]
    even = run(decide(GRANT_MEETING, c.GrantFunds(insats="even")))
    # both: 870 000 + 950 000 = 1 820 000 kr granted for 2023
    assert (
        "grants for 2023 come to 1 820 000 kr, beyond the 900 000 kr the budget holds "
        "for insatser" in even.warnings
    )


def test_a_postponement_keeping_the_schedule_charges_each_year_its_amount(
    ungdom: FinsamApp, run: Run
) -> None:
    run(
        decide(
            date(2023, 6, 15),
            c.PostponeStart(insats="ungdom", start=date(2023, 7, 1), keep_schedule=True),
        )
    )
    found = row(ungdom, "ungdom", date(2026, 12, 31))
    assert found.granted_by_year["2023"] == 870_000 * KR  # July - December, 145 000 kr a month
    assert found.start == date(2023, 7, 1) and found.charged == 3_800_000 * KR


def test_extending_and_ending_early_act_on_a_scheduled_grant_as_on_an_even_one(
    ungdom: FinsamApp, run: Run
) -> None:
    # Ended early at 31 December 2025: 2026's 330 000 kr is dropped, never charged.
    run(decide(date(2023, 6, 15), c.EndEarly(insats="ungdom", end=date(2025, 12, 31))))
    ended = row(ungdom, "ungdom", date(2026, 12, 31))
    assert (ended.charged, ended.unused) == (3_470_000 * KR, 330_000 * KR)


def test_an_extension_spreads_what_is_left_of_a_schedule_evenly(
    ungdom: FinsamApp, run: Run
) -> None:
    # Extended on 15 June 2023 to 31 March 2027 with nothing more: what is left from June
    # 2023 (3 800 000 − April and May, 9 666 666 + 9 666 667 öre = 3 606 666,67 kr) is
    # spread evenly over June 2023 - March 2027, 46 months; the schedule's shape ends there.
    run(decide(date(2023, 6, 15), c.ExtendPeriod(insats="ungdom", end=date(2027, 3, 31))))
    found = row(ungdom, "ungdom", date(2027, 12, 31))
    left = 380_000_000 - 19_333_333
    # 2023 gets April and May plus 7 of the 46 months: floor(left × 7 / 46)
    assert found.granted_by_year["2023"] == 19_333_333 + left * 7 // 46
    assert sum(found.granted_by_year.values()) == 3_800_000 * KR


# == a start moved past the grant's period ==================================================


@pytest.fixture
def steg(forbund: FinsamApp, run: Run) -> FinsamApp:
    """A 2021 grant of 480 000 kr (40 000 kr a month) whose activity starts 2022-01-31."""
    run(
        c.ReceiveApplication(
            insats="steg",
            amount=A(480_000 * KR),
            start=date(2021, 1, 1),
            end=date(2021, 12, 31),
            on=date(2020, 10, 1),
        )
    )
    run(decide(date(2020, 11, 26), c.GrantFunds(insats="steg")))
    return forbund


def test_a_start_past_the_period_needs_the_decision_on_its_money(
    steg: FinsamApp, refused: Refuse
) -> None:
    on = date(2021, 11, 18)
    err = refused(decide(on, c.PostponeStart(insats="steg", start=date(2022, 1, 31))))
    assert str(err).startswith("steg ends 2021-12-31; it cannot start after that (2022-01-31)")
    keep = c.PostponeStart(insats="steg", start=date(2022, 1, 31), keep_schedule=True)
    err = refused(decide(on, keep))
    assert str(err) == (
        "steg: a start after the period's end (2022-01-31) needs a new end (--end) on or after it"
    )
    both = c.PostponeStart(
        insats="steg",
        start=date(2022, 1, 31),
        end=date(2022, 12, 31),
        keep_schedule=True,
        moves=(c.YearMoveSpec(from_year=2021, to_year=2022, amount=A(1)),),
    )
    err = refused(decide(on, both))
    assert str(err) == "steg: a postponement either keeps the schedule or moves money, not both"
    early_end = c.PostponeStart(insats="steg", start=date(2021, 3, 1), end=date(2022, 12, 31))
    err = refused(decide(date(2020, 11, 26), early_end))
    assert "a new end comes with a start after the period's end" in str(err)


def test_a_start_past_the_period_may_keep_the_charge_as_decided(steg: FinsamApp, run: Run) -> None:
    # decided 18 November 2021: 2021 keeps its 480 000 kr, charged January - December
    keep = c.PostponeStart(
        insats="steg", start=date(2022, 1, 31), end=date(2022, 12, 31), keep_schedule=True
    )
    run(decide(date(2021, 11, 18), keep))
    found = row(steg, "steg", date(2022, 12, 31))
    assert found.granted_by_year == {"2021": 480_000 * KR}
    assert (found.start, found.end, found.charged) == (
        date(2022, 1, 31),
        date(2022, 12, 31),
        480_000 * KR,
    )


def test_a_start_past_the_period_may_move_named_amounts_to_the_next_year(
    steg: FinsamApp, run: Run, refused: Refuse
) -> None:
    # decided 26 November 2020, before the start: the postponement drops all of 2021
    # (480 000 kr); 400 000 kr of it moves to 2022.
    move = c.PostponeStart(
        insats="steg",
        start=date(2022, 1, 31),
        end=date(2022, 12, 31),
        moves=(c.YearMoveSpec(from_year=2021, to_year=2022, amount=A(400_000 * KR)),),
    )
    run(decide(date(2020, 11, 26), move))
    found = row(steg, "steg", date(2022, 12, 31))
    # 400 000 kr over January - December 2022 (33 333,33 kr a month); 80 000 kr dropped
    assert found.granted_by_year == {"2021": 80_000 * KR, "2022": 400_000 * KR}
    assert (found.charged, found.unused) == (400_000 * KR, 80_000 * KR)
    too_much = c.PostponeStart(
        insats="steg",
        start=date(2022, 3, 1),
        moves=(c.YearMoveSpec(from_year=2022, to_year=2023, amount=A(1)),),
    )
    err = refused(decide(date(2021, 11, 18), too_much))
    assert str(err) == "steg: 2023 has no month in the period from the new start"


# == payments and settlements beyond a grant ================================================


def test_a_payment_beyond_the_grant_is_refused_unless_a_paragraph_decided_it(
    steg: FinsamApp, run: Run, refused: Refuse
) -> None:
    run(c.PayOwner(insats="steg", amount=A(400_000 * KR), on=date(2021, 3, 1)))
    # the largest payment any command may carry (values.MAX_AMOUNT) + 400 000 kr paid
    err = refused(c.PayOwner(insats="steg", amount=A(999_999_999 * KR), on=date(2021, 3, 2)))
    assert isinstance(err, Refused)
    assert str(err) == (
        "steg: a payment of 999 999 999 kr brings what is paid to 1 000 399 999 kr, beyond "
        "the grant of 480 000 kr; a decision paying more is named with --beyond-grant YEAR:§"
    )
    # 400 000 + 80 000 = 480 000 kr: the whole grant, and no more
    run(c.PayOwner(insats="steg", amount=A(80_000 * KR), on=date(2021, 3, 2)))
    err = refused(c.PayOwner(insats="steg", amount=A(1), on=date(2021, 3, 2)))
    assert "beyond the grant of 480 000 kr" in str(err)
    # the board decided 20 000 kr more on 18 November 2021 (§1 of 2021)
    run(decide(date(2021, 11, 18)))
    early = c.PayOwner(
        insats="steg", amount=A(20_000 * KR), on=date(2021, 11, 1), beyond_grant="2021:1"
    )
    err = refused(early)
    assert str(err) == (
        "§1 of 2021 is decided on 2021-11-18, after 2021-11-01: a decision beyond the grant "
        "comes first"
    )
    err = refused(
        c.PayOwner(
            insats="steg", amount=A(20_000 * KR), on=date(2021, 11, 20), beyond_grant="2021:7"
        )
    )
    assert str(err) == "§7 does not exist in 2021 for f"
    run(
        c.PayOwner(
            insats="steg", amount=A(20_000 * KR), on=date(2021, 11, 20), beyond_grant="2021 §1"
        )
    )
    assert row(steg, "steg", date(2021, 11, 20)).paid == 500_000 * KR
    # the log names the paragraph behind the payment beyond the grant
    *_, last = [log_row(p, e) for p, e in steg.read() if isinstance(e, Insats.PaymentMade)]
    assert (last.paragraph, last.content) == ("2021:1", "(utöver beviljat, §2021:1)")


def test_a_settlement_beyond_the_grant_is_refused_unless_decided(
    steg: FinsamApp, run: Run, refused: Refuse
) -> None:
    err = refused(
        c.SettleWithoutDecision(
            insats="steg", year=2021, used=A(99_999_999 * KR), on=date(2021, 12, 31)
        )
    )
    assert str(err) == (
        "steg: 99 999 999 kr used in 2021 brings what is used to 99 999 999 kr, beyond the "
        "grant of 480 000 kr; a decision using more is named with --beyond-grant YEAR:§"
    )
    # the board's own settlement says so: 500 000 kr used of the 480 000 kr granted
    settle = c.SettleYear(insats="steg", year=2021, used=A(500_000 * KR), beyond_grant=True)
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2022, 2, 10))))
    run(decide(date(2022, 2, 10), settle))
    # the 20 000 kr beyond the 480 000 kr charged is a cost of 2021 (booked on its last day)
    assert row(steg, "steg", date(2022, 2, 10)).charged == 500_000 * KR


# == journal fingerprints ====================================================================


def test_a_schedule_is_part_of_a_grants_fingerprint_and_its_absence_is_not() -> None:
    plain = decide(GRANT_MEETING, c.GrantFunds(insats="ungdom"))
    scheduled = decide(GRANT_MEETING, c.GrantFunds(insats="ungdom", schedule=spec(SCHEDULE)))
    assert fingerprint(plain) != fingerprint(scheduled)
    # the print of a plain grant is made without the field (as before it existed)
    # (computed by the code before the schedule existed)
    assert fingerprint(plain) == "470b17af223b5cf76993456a470be6b8"


# == on the command line ====================================================================


def test_grant_with_schedule_on_the_command_line(finsam: Finsam) -> None:
    finsam(
        "forbund", "create", "f", "--name", "F", "--member", "fk:state:25%",
        "--member", "af:state:25%", "--member", "rvn:region:25%",
        "--member", "k:municipality:25%", "--on", "2005-01-01",
    )  # fmt: skip
    finsam(
        "application", "receive", "ungdom", "--amount", "3800000", "--start", "2023-04-01",
        "--end", "2026-03-31", "--on", "2023-01-10",
    )  # fmt: skip
    finsam("meeting", "open", "2023-02-16")
    events = finsam.events()
    bad = finsam.fails(
        "grant", "ungdom", "--meeting", "2023-02-16", "--schedule", "2023:870000",
        "--schedule", "2024:1300000", "--schedule", "2025:1300000",
    )  # fmt: skip
    assert bad.output.strip() == (
        "error: ungdom: the schedule does not name 2026, which is in the grant's period "
        "(write 2026:0 if nothing falls in it)"
    )
    assert finsam.events() == events
    finsam(
        "grant", "ungdom", "--meeting", "2023-02-16", "--schedule", "2023:870000",
        "--schedule", "2024:1300000", "--schedule", "2025:1300000", "--schedule", "2026:330000",
    )  # fmt: skip
    report = finsam.json("interventions", "--as-of", "2026-12-31")
    (found,) = report["interventions"]
    assert found["granted_by_year"] == {
        "2023": 87_000_000,
        "2024": 130_000_000,
        "2025": 130_000_000,
        "2026": 33_000_000,
    }
    assert set(found) == set(InsatsRow.__struct_fields__)


JOURNAL = """
[forbund]
id = "f"
name = "F"
members = [
  {id = "fk", kind = "state", share = "25%"},
  {id = "af", kind = "state", share = "25%"},
  {id = "rvn", kind = "region", share = "25%"},
  {id = "k", kind = "municipality", share = "25%"},
]
created = 2005-01-01

[[applications]]
insats = "ungdom"
amount = "3 800 000"
start = 2023-04-01
end = 2026-03-31
on = 2023-01-10

[[applications]]
insats = "steg"
amount = "480 000"
start = 2021-01-01
end = 2021-12-31
on = 2020-10-01

[[meetings]]
date = 2020-11-26

[[meetings.paragraphs]]
title = "Steg"
effects = [{do = "grant", insats = "steg"}]

[[meetings.paragraphs]]
title = "Steg börjar 2022"

[[meetings.paragraphs.effects]]
do = "postpone_start"
insats = "steg"
start = 2022-01-31
end = 2022-12-31
moves = [{from_year = 2021, to_year = 2022, amount = "400 000"}]

[[meetings]]
date = 2023-02-16

[[meetings.paragraphs]]
title = "Ungdom"

[[meetings.paragraphs.effects]]
do = "grant"
insats = "ungdom"
schedule = [
  {year = 2023, amount = "870 000"},
  {year = 2024, amount = "1 300 000"},
  {year = 2025, amount = "1 300 000"},
  {year = 2026, amount = "330 000"},
]

[[meetings.paragraphs]]
title = "Steg: utbetalning utöver beviljade medel"
decisions = ["Steg får 10 000 kr utöver beviljade medel"]

[[payments]]
insats = "steg"
amount = "490 000"
on = 2023-03-01
beyond_grant = "2023:2"
"""


def test_a_journal_writes_schedules_moves_and_decisions_beyond_the_grant(
    app: FinsamApp, tmp_path: Path
) -> None:
    path = tmp_path / "f.toml"
    path.write_text(JOURNAL, encoding="utf-8")
    import_journal(app, path)
    ungdom = row(app, "ungdom", date(2026, 12, 31))
    assert ungdom.granted_by_year == {
        "2023": 870_000 * KR,
        "2024": 1_300_000 * KR,
        "2025": 1_300_000 * KR,
        "2026": 330_000 * KR,
    }
    steg = row(app, "steg", date(2023, 3, 1))
    # 400 000 kr moved to 2022, 80 000 kr of 2021 dropped; 480 000 + 10 000 kr paid as §2
    # of 2023 decided
    assert steg.granted_by_year == {"2021": 80_000 * KR, "2022": 400_000 * KR}
    assert steg.paid == 490_000 * KR
    events = app.event_count()
    assert import_journal(app, path).new == 0
    assert app.event_count() == events
    # without the paragraph the payment is refused and nothing of the file is stored
    fresh = FinsamApp(str(tmp_path / "fresh.db"))
    path.write_text(JOURNAL.replace('beyond_grant = "2023:2"\n', ""), encoding="utf-8")
    with pytest.raises(Refused, match="beyond the grant of 480 000 kr"):
        import_journal(fresh, path)
    assert fresh.event_count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("grant", "x", "--meeting", "2023-02-16", "--schedule", "2023:x"),
            "error: --schedule '2023:x': 'x' is not an amount (write it like 775 000 or "
            "22 750,50 kr)",
        ),
        (
            ("grant", "x", "--meeting", "2023-02-16", "--schedule", "2023"),
            "error: --schedule '2023' has the wrong form (write it like 2023:870000)",
        ),
        (
            (
                "postpone",
                "x",
                "--meeting",
                "2023-02-16",
                "--start",
                "2023-08-01",
                "--move",
                "a:b:1",
            ),
            "error: --move 'a:b:1' has the wrong form (write it like 2021:2022:400000)",
        ),
    ],
)
def test_a_malformed_schedule_or_move_names_its_option(
    finsam: Finsam, args: tuple[str, ...], message: str
) -> None:
    assert finsam.fails(*args).output.strip() == message
