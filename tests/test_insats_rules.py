"""The insats's rules through the public command path: applications, the board's
decisions on them, the period and its money, settlements, carries and payments.

Each test names the rule it holds; commands run through ``commands.bus.execute`` and
the answers come from the reference fold's report (``projections.money.Fold``), so
the tests survive rules moving between handlers and aggregates. A refusal leaves the
store unchanged and its one line names the insats, the dates and the sums.

Figures: Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt): SamCoach 775 000 kr,
SFI på modersmål 998 000 kr (referred back, completed, granted), the region's 160 000 kr
(withdrawn), BIP 120 000 kr (unused, carried), praktikinformatör 91 000 kr over twelve
months from October 2024; and DOMAIN.md's 240 000 kr for 2021 (20 000 kr a month).
Amounts in öre; KR converts kronor.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from commands import structs as c
from finsam_es.errors import Final, InvalidInput, Refused
from finsam_es.insats import Insats
from projections.money_fold import Fold
from projections.money_reports import InsatsRow
from store.application import FinsamApp
from tests.conftest import Refuse, Run

A = c.Amount
KR = 100
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="solleftea", kind="municipality", share="25%"),
)
BUDGET_MEETING = date(2023, 11, 23)
DECEMBER = date(2023, 12, 20)
MEETINGS = (
    date(2020, 11, 26),
    date(2020, 12, 10),
    date(2021, 1, 15),
    date(2021, 2, 1),
    date(2021, 6, 15),
    date(2021, 9, 16),
    BUDGET_MEETING,
    DECEMBER,
    date(2024, 9, 19),
    date(2025, 2, 13),
)


@pytest.fixture
def forbund(app: FinsamApp, run: Run) -> FinsamApp:
    run(c.CreateForbund(id="solleftea", name="Sollefteå", members=MEMBERS, on=date(2005, 11, 1)))
    for meeting in MEETINGS:
        run(c.OpenMeeting(meeting=c.MeetingDetails(date=meeting)))
    return app


def receive(
    insats: str,
    kr: int,
    start: date = date(2024, 1, 1),
    end: date = date(2024, 12, 31),
    on: date = date(2023, 9, 29),
    **more: Any,
) -> c.ReceiveApplication:
    return c.ReceiveApplication(
        insats=insats, amount=A(kr * KR), start=start, end=end, on=on, **more
    )


def decide(meeting: date, *effects: c.EffectType) -> c.AddParagraph:
    return c.AddParagraph(meeting=meeting, title="Beslut", effects=effects)


def row(app: FinsamApp, insats: str, as_of: date) -> InsatsRow:
    (found,) = [
        r for r in Fold(app.read()).insatser("solleftea", as_of).interventions if r.id == insats
    ]
    return found


def by_year(**kr: int) -> dict[str, int]:
    return {year.lstrip("y"): amount * KR for year, amount in kr.items()}


@pytest.fixture
def halso(forbund: FinsamApp, run: Run) -> FinsamApp:
    """DOMAIN.md: 240 000 kr for 2021 (20 000 kr a month), granted at §1 of 2020."""
    run(receive("halso", 240_000, date(2021, 1, 1), date(2021, 12, 31), date(2020, 10, 1)))
    run(decide(date(2020, 11, 26), c.GrantFunds(insats="halso")))
    return forbund


# == applications ==============================================================================


@pytest.mark.parametrize(
    ("insats", "message"),
    [
        ("a b", "'a b' is not an insats id (letters, digits, - and _)"),
        ("", "'' is not an insats id (letters, digits, - and _)"),
        ("-_", "'-_' is not an insats id (letters, digits, - and _)"),
    ],
)
def test_an_insats_id_is_letters_digits_dashes_and_underscores(
    forbund: FinsamApp, refused: Refuse, insats: str, message: str
) -> None:
    err = refused(receive(insats, 160_000))
    assert isinstance(err, InvalidInput)
    assert str(err) == message


def test_an_application_asks_for_a_positive_amount_over_a_period_of_a_day_or_more(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    err = refused(
        c.ReceiveApplication(
            insats="x",
            amount=A(0),
            start=date(2024, 1, 1),
            end=date(2024, 1, 1),
            on=date(2023, 9, 29),
        )
    )
    assert str(err) == "x: the amount applied for must be positive"
    err = refused(receive("x", 1, start=date(2024, 1, 2), end=date(2024, 1, 1)))
    assert str(err) == "x: the period ends 2024-01-01, before it starts 2024-01-02"
    # one öre for one day is an application
    run(
        c.ReceiveApplication(
            insats="rvn-ansokan_2",
            amount=A(1),
            start=date(2024, 1, 1),
            end=date(2024, 1, 1),
            on=date(2023, 9, 29),
        )
    )
    assert row(forbund, "rvn-ansokan_2", date(2023, 9, 29)).status == "received"


def test_an_application_is_named_and_booked_after_its_id_unless_told(
    forbund: FinsamApp, run: Run
) -> None:
    run(receive("samcoach", 775_000))
    run(receive("sfi", 998_000, name="SFI på modersmål", line="andra-insatser"))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="samcoach"), c.GrantFunds(insats="sfi")))
    assert row(forbund, "samcoach", BUDGET_MEETING).name == "samcoach"
    assert row(forbund, "sfi", BUDGET_MEETING).name == "SFI på modersmål"
    result = Fold(forbund.read()).result("solleftea", 2024, date(2024, 12, 31))
    outcome = {line.line: line.outcome for line in result.lines}
    assert outcome == {"samcoach": 775_000 * KR, "andra-insatser": 998_000 * KR}


def test_an_applicant_may_withdraw_an_application_referred_back(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    run(receive("sfi", 998_000))
    run(decide(BUDGET_MEETING, c.ReferBack(insats="sfi", reason="Komplettera")))
    run(c.WithdrawApplication(insats="sfi", on=date(2023, 12, 5), reason="Drar tillbaka"))
    assert row(forbund, "sfi", date(2023, 12, 5)).status == "withdrawn"
    err = refused(decide(DECEMBER, c.GrantFunds(insats="sfi")))
    assert str(err) == "sfi is withdrawn: it cannot be granted"
    err = refused(c.WithdrawApplication(insats="sfi", on=DECEMBER))
    assert str(err) == "sfi is withdrawn: it cannot be withdrawn"


def test_a_completed_application_may_be_referred_back_again(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    # SFI: referred back 2023-11-23, completed 2023-12-11; say the board refers it back
    # once more on 2023-12-20: then it must be completed again before a third referral.
    run(receive("sfi", 998_000))
    run(decide(BUDGET_MEETING, c.ReferBack(insats="sfi", reason="Komplettera")))
    err = refused(decide(BUDGET_MEETING, c.ReferBack(insats="sfi", reason="Igen")))
    assert str(err) == (
        "sfi is referred back: it cannot be referred back (it has not been completed since)"
    )
    run(c.CompleteApplication(insats="sfi", on=date(2023, 12, 11)))
    run(decide(DECEMBER, c.ReferBack(insats="sfi", reason="Målen behöver preciseras")))
    assert row(forbund, "sfi", DECEMBER).paragraphs == ("2023:1", "2023:2")
    err = refused(decide(DECEMBER, c.ReferBack(insats="sfi", reason="En tredje gång")))
    assert "it has not been completed since" in str(err)


def test_a_referral_back_gives_a_reason(forbund: FinsamApp, run: Run, refused: Refuse) -> None:
    run(receive("sfi", 998_000))
    err = refused(decide(BUDGET_MEETING, c.ReferBack(insats="sfi", reason=" \t")))
    assert isinstance(err, InvalidInput)
    assert str(err) == "sfi: a referral back (återremiss) must give a reason"


def test_only_an_application_referred_back_is_completed(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    run(receive("samcoach", 775_000))
    err = refused(c.CompleteApplication(insats="samcoach", on=date(2023, 10, 1)))
    assert str(err) == "samcoach is received: it cannot be completed and resubmitted"


def test_a_completion_keeps_amount_and_period_unless_it_changes_them(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    run(receive("sfi", 998_000))
    run(receive("bip", 120_000))
    for insats in ("sfi", "bip"):
        run(decide(BUDGET_MEETING, c.ReferBack(insats=insats, reason="Komplettera")))
    err = refused(
        c.CompleteApplication(insats="sfi", on=date(2023, 12, 11), start=date(2025, 1, 1))
    )
    assert str(err) == "sfi: the period ends 2024-12-31, before it starts 2025-01-01"
    # SFI completed as it was; BIP completed for 100 000 kr from April
    run(c.CompleteApplication(insats="sfi", on=date(2023, 12, 11)))
    run(
        c.CompleteApplication(
            insats="bip", on=date(2023, 12, 11), amount=A(100_000 * KR), start=date(2024, 4, 1)
        )
    )
    run(decide(DECEMBER, c.GrantFunds(insats="sfi"), c.GrantFunds(insats="bip")))
    sfi, bip = row(forbund, "sfi", DECEMBER), row(forbund, "bip", DECEMBER)
    assert (sfi.granted_by_year, sfi.start, sfi.end) == (
        by_year(y2024=998_000),
        date(2024, 1, 1),
        date(2024, 12, 31),
    )
    assert (bip.granted_by_year, bip.start, bip.end) == (
        by_year(y2024=100_000),
        date(2024, 4, 1),
        date(2024, 12, 31),
    )


def test_an_application_referred_back_may_be_rejected(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    run(receive("sfi", 998_000))
    run(decide(BUDGET_MEETING, c.ReferBack(insats="sfi", reason="Komplettera")))
    run(decide(DECEMBER, c.RejectApplication(insats="sfi", reason="Ryms inte")))
    assert row(forbund, "sfi", DECEMBER).status == "rejected"
    err = refused(decide(DECEMBER, c.GrantFunds(insats="sfi")))
    assert str(err) == "sfi is rejected: it cannot be granted"


# == grants ====================================================================================


def test_a_grant_is_what_was_asked_unless_the_board_says_otherwise(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    run(receive("samcoach", 775_000))
    err = refused(decide(BUDGET_MEETING, c.GrantFunds(insats="samcoach", amount=A(0))))
    assert str(err) == "samcoach: a grant must be a positive amount"
    err = refused(decide(BUDGET_MEETING, c.GrantFunds(insats="samcoach", end=date(2023, 12, 31))))
    assert str(err) == "samcoach: the grant period ends 2023-12-31, before it starts 2024-01-01"
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="samcoach")))
    assert row(forbund, "samcoach", BUDGET_MEETING).granted_by_year == by_year(y2024=775_000)


def test_a_second_grant_widens_the_period_and_never_narrows_it(
    forbund: FinsamApp, run: Run
) -> None:
    # SamCoach 775 000 kr for 2024, then 60 000 kr more for March-May 2024 (20 000 kr a
    # month) and 775 000 kr for 2025: the period runs 2024-01-01 - 2025-12-31.
    run(receive("samcoach", 775_000))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="samcoach")))
    more = c.GrantFunds(
        insats="samcoach", amount=A(60_000 * KR), start=date(2024, 3, 1), end=date(2024, 5, 31)
    )
    run(decide(DECEMBER, more))
    samcoach = row(forbund, "samcoach", DECEMBER)
    assert (samcoach.start, samcoach.end) == (date(2024, 1, 1), date(2024, 12, 31))
    next_year = c.GrantFunds(
        insats="samcoach", amount=A(775_000 * KR), start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    run(decide(date(2024, 9, 19), next_year))
    samcoach = row(forbund, "samcoach", date(2024, 9, 19))
    assert (samcoach.start, samcoach.end) == (date(2024, 1, 1), date(2025, 12, 31))
    assert samcoach.granted_by_year == by_year(y2024=835_000, y2025=775_000)
    # by 2024-03-31: three months of 775 000 / 12 = 193 750, plus March's 20 000
    assert row(forbund, "samcoach", date(2024, 3, 31)).charged == 213_750 * KR
    # one paragraph per decision, in order
    assert samcoach.paragraphs == ("2023:1", "2023:2", "2024:1")


def test_a_grant_cannot_change_a_settled_year(halso: FinsamApp, run: Run, refused: Refuse) -> None:
    run(
        c.SettleWithoutDecision(
            insats="halso", year=2021, used=A(240_000 * KR), on=date(2021, 12, 31)
        )
    )
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2022, 1, 10))))
    err = refused(decide(date(2022, 1, 10), c.GrantFunds(insats="halso", amount=A(10_000 * KR))))
    assert isinstance(err, Final)
    assert str(err) == "halso: 2021 is settled; its months cannot change"


def test_paragraphs_are_noted_once_and_acts_without_a_decision_add_none(
    halso: FinsamApp, run: Run
) -> None:
    # §1 (2020) granted; §2 (2020) extends and grants more in one paragraph
    run(
        decide(
            date(2020, 12, 10),
            c.ExtendPeriod(insats="halso", end=date(2022, 6, 30)),
            c.GrantFunds(insats="halso", amount=A(1_000 * KR)),
        )
    )
    run(c.PayOwner(insats="halso", amount=A(20_000 * KR), on=date(2021, 2, 5)))
    run(
        c.SettleWithoutDecision(
            insats="halso", year=2021, used=A(100_000 * KR), on=date(2021, 12, 31)
        )
    )
    assert row(halso, "halso", date(2022, 1, 1)).paragraphs == ("2020:1", "2020:2")


# == the period and its months ===================================================================


def test_a_start_is_postponed_within_the_period(
    halso: FinsamApp, run: Run, refused: Refuse
) -> None:
    on = date(2020, 12, 10)
    err = refused(decide(on, c.PostponeStart(insats="halso", start=date(2021, 1, 1))))
    assert str(err) == "halso starts 2021-01-01; 2021-01-01 does not postpone it"
    err = refused(decide(on, c.PostponeStart(insats="halso", start=date(2022, 1, 1))))
    assert str(err) == (
        "halso ends 2021-12-31; it cannot start after that (2022-01-01) unless the decision "
        "keeps the charge as decided (--keep-schedule) or moves amounts to later years "
        "(--move FROM:TO:AMOUNT), with a new end (--end)"
    )
    # to the very last day: December alone is charged, 20 000 kr
    run(decide(on, c.PostponeStart(insats="halso", start=date(2021, 12, 31))))
    halso_row = row(halso, "halso", date(2021, 12, 31))
    assert (halso_row.start, halso_row.charged) == (date(2021, 12, 31), 20_000 * KR)


def test_a_period_is_moved_until_its_first_month_is_charged(
    halso: FinsamApp, run: Run, refused: Refuse
) -> None:
    # January 2021's charge falls on 31 January: a move decided on 15 January is in time,
    # one decided on 1 February is not.
    err = refused(decide(date(2021, 2, 1), c.MovePeriod(insats="halso", start=date(2021, 4, 1))))
    assert str(err) == (
        "halso has been charged since 2021-01-01; postpone the start or end it early instead of "
        "moving the whole period"
    )
    err = refused(decide(date(2021, 1, 15), c.MovePeriod(insats="halso", start=date(2021, 1, 20))))
    assert str(err) == "halso already starts in 2021-01"
    run(decide(date(2021, 1, 15), c.MovePeriod(insats="halso", start=date(2021, 4, 1))))
    # three months later: April 2021 - March 2022, 9 × 20 000 in 2021 and 3 × 20 000 in 2022
    moved = row(halso, "halso", date(2021, 1, 15))
    assert (moved.start, moved.end) == (date(2021, 4, 1), date(2022, 3, 31))
    assert moved.granted_by_year == by_year(y2021=180_000, y2022=60_000)


def test_a_moved_period_keeps_month_ends_and_clamps_other_days(
    forbund: FinsamApp, run: Run
) -> None:
    # 30 January - 30 June 2024 moved one month on: 30 January has no 30 February, so the
    # start becomes 29 February; 30 June is a month's last day, so the end is 31 July.
    run(receive("kort", 60_000, date(2024, 1, 30), date(2024, 6, 30)))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="kort")))
    run(decide(DECEMBER, c.MovePeriod(insats="kort", start=date(2024, 2, 1))))
    moved = row(forbund, "kort", DECEMBER)
    assert (moved.start, moved.end) == (date(2024, 2, 29), date(2024, 7, 31))


def test_an_extension_spreads_what_is_left_from_its_decision_or_the_start(
    halso: FinsamApp, run: Run
) -> None:
    # Extended to 2022-06-30 on 2020-12-10, before the start: all 240 000 kr spread over
    # January 2021 - June 2022, 18 months: 2021 gets floor(24 000 000 öre × 12 / 18)
    # = 16 000 000 öre, 2022 the other 80 000 kr.
    run(decide(date(2020, 12, 10), c.ExtendPeriod(insats="halso", end=date(2022, 6, 30))))
    extended = row(halso, "halso", date(2020, 12, 10))
    assert extended.granted_by_year == by_year(y2021=160_000, y2022=80_000)
    assert (extended.start, extended.end) == (date(2021, 1, 1), date(2022, 6, 30))


def test_an_extension_ends_later_adds_no_less_and_reaches_its_decision_month(
    halso: FinsamApp, run: Run, refused: Refuse
) -> None:
    on = date(2021, 6, 15)
    err = refused(decide(on, c.ExtendPeriod(insats="halso", end=date(2021, 12, 31))))
    assert str(err) == "halso ends 2021-12-31; 2021-12-31 does not extend it"
    err = refused(decide(on, c.ExtendPeriod(insats="halso", end=date(2022, 6, 30), extra=A(-1))))
    assert str(err) == "an extension cannot take money away (end it early instead)"
    # ended early at 31 March, an extension decided 15 June must end in June or later
    run(decide(date(2021, 2, 1), c.EndEarly(insats="halso", end=date(2021, 3, 31))))
    err = refused(decide(on, c.ExtendPeriod(insats="halso", end=date(2021, 5, 31))))
    assert isinstance(err, Refused)
    assert str(err) == (
        "halso: an extension decided on 2021-06-15 spreads what is left over the months from "
        "then on; it must end in 2021-06 or later, not 2021-05-31"
    )
    # June itself is enough: 30 000 kr more, all charged in June
    run(decide(on, c.ExtendPeriod(insats="halso", end=date(2021, 6, 30), extra=A(30_000 * KR))))
    # 3 × 20 000 (January-March) + 30 000 = 90 000 kr
    assert row(halso, "halso", date(2021, 6, 30)).charged == 90_000 * KR


def test_an_early_end_falls_within_the_period(halso: FinsamApp, run: Run, refused: Refuse) -> None:
    on = date(2020, 12, 10)
    err = refused(decide(on, c.EndEarly(insats="halso", end=date(2021, 12, 31))))
    assert str(err) == "halso ends 2021-12-31; 2021-12-31 does not end it earlier"
    err = refused(decide(on, c.EndEarly(insats="halso", end=date(2020, 12, 31))))
    assert str(err) == "halso starts 2021-01-01; it cannot end before (2020-12-31)"
    # ending on its first day keeps January: 20 000 kr charged, 220 000 kr dropped
    run(decide(on, c.EndEarly(insats="halso", end=date(2021, 1, 1))))
    ended = row(halso, "halso", date(2021, 12, 31))
    assert (ended.charged, ended.unused, ended.end) == (20_000 * KR, 220_000 * KR, date(2021, 1, 1))


def test_changes_to_the_period_need_a_grant(forbund: FinsamApp, run: Run, refused: Refuse) -> None:
    run(receive("sfi", 998_000))
    on = BUDGET_MEETING
    for effect, what in (
        (c.PostponeStart(insats="sfi", start=date(2024, 4, 1)), "postponed"),
        (c.MovePeriod(insats="sfi", start=date(2024, 4, 1)), "moved"),
        (c.ExtendPeriod(insats="sfi", end=date(2025, 6, 30)), "extended"),
        (c.EndEarly(insats="sfi", end=date(2024, 6, 30)), "ended early"),
        (c.SettleYear(insats="sfi", year=2024, used=A(0)), "settled"),
    ):
        assert str(refused(decide(on, effect))) == f"sfi has no grant: it cannot be {what}"
    err = refused(c.PayOwner(insats="sfi", amount=A(1), on=on))
    assert str(err) == "sfi has no grant: it cannot be paid"


# == settlement, carry, payment ====================================================================


def test_a_year_is_settled_once_at_its_end_or_later(
    halso: FinsamApp, run: Run, refused: Refuse
) -> None:
    def settle(used: int, on: date) -> c.SettleWithoutDecision:
        return c.SettleWithoutDecision(insats="halso", year=2021, used=A(used), on=on)

    err = refused(settle(170_000 * KR, date(2021, 12, 30)))
    assert str(err) == "halso: 2021 is settled at its end or later, not on 2021-12-30"
    err = refused(settle(-1, date(2021, 12, 31)))
    assert str(err) == "used money cannot be negative"
    run(settle(170_000 * KR, date(2021, 12, 31)))
    err = refused(settle(240_000 * KR, date(2022, 1, 15)))
    assert str(err) == "halso: 2021 is already settled (170 000 kr used)"
    # used 170 000 of 240 000 charged: 70 000 kr unused, the cost of 2021 is what was used
    settled = row(halso, "halso", date(2021, 12, 31))
    assert (settled.charged, settled.unused) == (170_000 * KR, 70_000 * KR)


def test_a_year_in_which_nothing_was_used_is_settled(halso: FinsamApp, run: Run) -> None:
    run(c.SettleWithoutDecision(insats="halso", year=2021, used=A(0), on=date(2021, 12, 31)))
    assert row(halso, "halso", date(2021, 12, 31)).unused == 240_000 * KR


def test_unused_money_is_carried_to_the_krona_and_no_more(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    # BIP: 120 000 kr for 2024, nothing used, "medlen flyttas med till 2025" (2025-02-13).
    run(receive("bip", 120_000, on=date(2023, 10, 16)))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="bip")))
    on = date(2025, 2, 13)
    err = refused(decide(on, c.CarryUnused(insats="bip", from_year=2024)))
    assert str(err) == "bip: settle 2024 before carrying its unused money"
    run(c.SettleWithoutDecision(insats="bip", year=2024, used=A(0), on=date(2024, 12, 31)))
    err = refused(decide(on, c.CarryUnused(insats="bip", from_year=2024, amount=A(12_000_001))))
    assert str(err) == "bip: 120 000 kr of 2024 is unused; cannot carry 120 000,01 kr"
    err = refused(decide(on, c.CarryUnused(insats="bip", from_year=2024, amount=A(0))))
    assert str(err) == "bip: 120 000 kr of 2024 is unused; cannot carry 0 kr"
    backwards = c.CarryUnused(
        insats="bip", from_year=2024, start=date(2025, 2, 1), end=date(2025, 1, 31)
    )
    assert str(refused(decide(on, backwards))) == (
        "bip: the period ends 2025-01-31, before it starts 2025-02-01"
    )
    run(decide(on, c.CarryUnused(insats="bip", from_year=2024, amount=A(120_000 * KR))))
    carried = row(forbund, "bip", date(2025, 12, 31))
    # the whole of 2025 by default: 10 000 kr a month, all charged by the year's end
    assert (carried.granted_by_year, carried.charged) == (by_year(y2025=120_000), 120_000 * KR)
    assert (carried.start, carried.end) == (date(2024, 1, 1), date(2025, 12, 31))
    err = refused(decide(on, c.CarryUnused(insats="bip", from_year=2024)))
    assert str(err) == "bip: 0 kr of 2024 is unused; cannot carry 0 kr"


def test_a_carry_into_a_settled_year_is_refused(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    # 240 000 kr over 2024-2025; 2024 used 100 000 of 120 000, 2025 used all 120 000.
    run(receive("tvaar", 240_000, date(2024, 1, 1), date(2025, 12, 31)))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="tvaar")))
    for year, used in ((2024, 100_000), (2025, 120_000)):
        run(
            c.SettleWithoutDecision(
                insats="tvaar", year=year, used=A(used * KR), on=date(year, 12, 31)
            )
        )
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2026, 1, 15))))
    err = refused(decide(date(2026, 1, 15), c.CarryUnused(insats="tvaar", from_year=2024)))
    assert str(err) == "tvaar: 2025 is settled; its months cannot change"


def test_a_payment_of_nothing_is_refused(halso: FinsamApp, run: Run, refused: Refuse) -> None:
    err = refused(c.PayOwner(insats="halso", amount=A(0), on=date(2021, 1, 31)))
    assert str(err) == "a payment of 0 kr records nothing"
    run(c.PayOwner(insats="halso", amount=A(20_000 * KR), on=date(2021, 1, 31)))
    assert row(halso, "halso", date(2021, 1, 31)).paid == 20_000 * KR


def test_an_insats_counts_its_money_per_year() -> None:
    """The aggregate's own sums: what the schedule charges per year and what was granted
    per year (charged, dropped, less what was carried out). 240 000 kr over 2021-2022
    postponed to April 2021: 2021 charges 9 × 10 000 and drops 3 × 10 000."""
    at = datetime(2026, 1, 1, tzinfo=UTC)
    i = Insats.receive(
        "f",
        "x",
        "",
        "individual",
        "",
        (),
        240_000 * KR,
        date(2021, 1, 1),
        date(2022, 12, 31),
        "",
        date(2020, 10, 1),
        at,
    )
    i.grant(None, None, None, "2020:1", date(2020, 11, 26), at)
    i.postpone_start(date(2021, 4, 1), None, date(2021, 3, 15), at)
    assert i.charges_by_year() == {2021: 90_000 * KR, 2022: 120_000 * KR}
    assert i.granted_by_year() == {2021: 120_000 * KR, 2022: 120_000 * KR}
    assert (i.charged_in(2021), i.charged_in(2022), i.charged_in(2023)) == (
        90_000 * KR,
        120_000 * KR,
        0,
    )


# == dates, one-day periods, the smallest sums ======================================================


@pytest.fixture
def settled_halso(halso: FinsamApp, run: Run) -> FinsamApp:
    """halso's 2021 settled on 2022-01-20 with 170 000 kr used: its last record."""
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2022, 1, 20))))
    run(decide(date(2022, 1, 20), c.SettleYear(insats="halso", year=2021, used=A(170_000 * KR))))
    return halso


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (
            decide(date(2022, 1, 19), c.GrantFunds(insats="halso", start=date(2022, 1, 1))),
            "a grant",
        ),
        (
            decide(date(2022, 1, 19), c.PostponeStart(insats="halso", start=date(2022, 2, 1))),
            "a postponement",
        ),
        (
            decide(date(2022, 1, 19), c.MovePeriod(insats="halso", start=date(2022, 2, 1))),
            "a moved period",
        ),
        (
            decide(date(2022, 1, 19), c.ExtendPeriod(insats="halso", end=date(2022, 12, 31))),
            "an extension",
        ),
        (
            decide(date(2022, 1, 19), c.EndEarly(insats="halso", end=date(2021, 6, 30))),
            "ending early",
        ),
        (
            decide(date(2022, 1, 19), c.SettleYear(insats="halso", year=2022, used=A(0))),
            "a settlement",
        ),
        (
            decide(date(2022, 1, 19), c.CarryUnused(insats="halso", from_year=2021)),
            "carrying money",
        ),
        (c.PayOwner(insats="halso", amount=A(1), on=date(2022, 1, 19)), "a payment"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_each_decision_on_an_insats_is_dated_on_or_after_its_last_record(
    settled_halso: FinsamApp, run: Run, refused: Refuse, command: c.Command, what: str
) -> None:
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2022, 1, 19))))
    err = refused(command)
    assert isinstance(err, Refused)
    assert str(err) == (
        f"halso: {what} dated 2022-01-19 is before the last record of this insats (2022-01-20); "
        "records of an insats go forward in time"
    )


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (c.WithdrawApplication(insats="sfi", on=date(2023, 11, 22)), "withdrawal"),
        (decide(date(2023, 11, 22), c.ReferBack(insats="sfi", reason="x")), "referral back"),
        (decide(date(2023, 11, 22), c.RejectApplication(insats="sfi")), "rejection"),
        (c.CompleteApplication(insats="sfi", on=date(2023, 11, 22)), "completion"),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_each_act_on_an_application_is_dated_on_or_after_its_last_record(
    forbund: FinsamApp, run: Run, refused: Refuse, command: c.Command, what: str
) -> None:
    run(receive("sfi", 998_000))
    run(decide(BUDGET_MEETING, c.ReferBack(insats="sfi", reason="Komplettera")))
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2023, 11, 22))))
    err = refused(command)
    assert str(err) == (
        f"sfi: {what} dated 2023-11-22 is before the last record of this insats (2023-11-23); "
        "records of an insats go forward in time"
    )


def test_a_granted_application_is_neither_withdrawn_nor_rejected(
    halso: FinsamApp, refused: Refuse
) -> None:
    on = date(2020, 12, 10)
    err = refused(c.WithdrawApplication(insats="halso", on=on))
    assert str(err) == "halso is granted: it cannot be withdrawn"
    err = refused(decide(on, c.RejectApplication(insats="halso", reason="nej")))
    assert str(err) == "halso is granted: it cannot be rejected"
    err = refused(c.CompleteApplication(insats="halso", on=on))
    assert str(err) == "halso is granted: it cannot be completed and resubmitted"


def test_periods_of_a_single_day_are_periods(forbund: FinsamApp, run: Run) -> None:
    # Psykiatriveckan's day, 2024-11-04: applied for, completed, granted and carried on
    # single days. 60 000 kr granted for one day is charged in November.
    run(receive("psyk", 60_000, date(2024, 11, 4), date(2024, 11, 5)))
    run(decide(BUDGET_MEETING, c.ReferBack(insats="psyk", reason="Ett datum")))
    run(
        c.CompleteApplication(
            insats="psyk", on=DECEMBER, start=date(2024, 11, 4), end=date(2024, 11, 4)
        )
    )
    run(
        decide(
            DECEMBER, c.GrantFunds(insats="psyk", start=date(2024, 11, 4), end=date(2024, 11, 4))
        )
    )
    granted = row(forbund, "psyk", date(2024, 11, 30))
    assert (granted.start, granted.end, granted.charged) == (
        date(2024, 11, 4),
        date(2024, 11, 4),
        60_000 * KR,
    )
    run(c.SettleWithoutDecision(insats="psyk", year=2024, used=A(0), on=date(2024, 12, 31)))
    one_day = c.CarryUnused(
        insats="psyk", from_year=2024, start=date(2025, 2, 13), end=date(2025, 2, 13)
    )
    run(decide(date(2025, 2, 13), one_day))
    assert row(forbund, "psyk", date(2025, 2, 28)).charged == 60_000 * KR


def test_the_smallest_grant_and_carry_are_one_ore(forbund: FinsamApp, run: Run) -> None:
    run(receive("ore", 1))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="ore", amount=A(1))))
    run(c.SettleWithoutDecision(insats="ore", year=2024, used=A(0), on=date(2024, 12, 31)))
    run(decide(date(2025, 2, 13), c.CarryUnused(insats="ore", from_year=2024, amount=A(1))))
    assert row(forbund, "ore", date(2025, 12, 31)).granted_by_year == {"2025": 1}


def test_a_carry_runs_through_the_next_year_from_january(forbund: FinsamApp, run: Run) -> None:
    # BIP's 120 000 kr carried without a period: 10 000 kr a month from January 2025
    run(receive("bip", 120_000, on=date(2023, 10, 16)))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="bip")))
    run(c.SettleWithoutDecision(insats="bip", year=2024, used=A(0), on=date(2024, 12, 31)))
    run(decide(date(2025, 2, 13), c.CarryUnused(insats="bip", from_year=2024)))
    # as of the decision: January's month has ended, February's has not
    assert row(forbund, "bip", date(2025, 2, 13)).charged == 10_000 * KR


def test_nothing_is_carried_from_a_year_without_money(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    # praktikinformatör runs October 2024 - September 2025; 2023 held none of its money
    run(receive("praktik", 91_000, date(2024, 10, 1), date(2025, 9, 30), date(2023, 10, 1)))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="praktik")))
    run(c.SettleWithoutDecision(insats="praktik", year=2023, used=A(0), on=date(2023, 12, 31)))
    err = refused(decide(date(2024, 9, 19), c.CarryUnused(insats="praktik", from_year=2023)))
    assert str(err) == "praktik: 0 kr of 2023 is unused; cannot carry 0 kr"


def test_a_settled_later_year_does_not_freeze_an_earlier_one(forbund: FinsamApp, run: Run) -> None:
    # SamCoach for 2024 only; 2025 (no money) is settled first. Ending 2024 early touches
    # 2024 alone and is allowed: 6 months of 775 000 / 12 = 387 500 kr remain.
    run(receive("samcoach", 775_000))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="samcoach")))
    run(c.SettleWithoutDecision(insats="samcoach", year=2025, used=A(0), on=date(2025, 12, 31)))
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2026, 1, 15))))
    run(decide(date(2026, 1, 15), c.EndEarly(insats="samcoach", end=date(2024, 6, 30))))
    assert row(forbund, "samcoach", date(2026, 1, 15)).charged == 387_500 * KR


def test_a_postponement_cannot_reach_back_into_a_settled_year(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    # 240 000 kr over 2024-2025; 2024 settled; postponing the start into 2025 would drop
    # 2024's months after its settlement.
    run(receive("tvaar", 240_000, date(2024, 1, 1), date(2025, 12, 31)))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="tvaar")))
    run(
        c.SettleWithoutDecision(
            insats="tvaar", year=2024, used=A(120_000 * KR), on=date(2024, 12, 31)
        )
    )
    err = refused(
        decide(date(2025, 2, 13), c.PostponeStart(insats="tvaar", start=date(2025, 3, 1)))
    )
    assert isinstance(err, Final)
    assert str(err) == "tvaar: 2024 is settled; its months cannot change"


def test_a_moved_period_cannot_shift_money_out_of_a_settled_year(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    # 240 000 kr over 2024-2025, postponed in January 2024 to start in 2025: 2024's
    # 120 000 kr are dropped (never charged). 2024 is settled with nothing used. Moving
    # the period a year on in January 2025 (nothing charged since the new start yet)
    # would carry 2024's dropped months into 2025 and change the settled year's money.
    run(receive("tvaar", 240_000, date(2024, 1, 1), date(2025, 12, 31)))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="tvaar")))
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 1, 10))))
    run(decide(date(2024, 1, 10), c.PostponeStart(insats="tvaar", start=date(2025, 1, 1))))
    run(c.SettleWithoutDecision(insats="tvaar", year=2024, used=A(0), on=date(2024, 12, 31)))
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2025, 1, 10))))
    err = refused(decide(date(2025, 1, 10), c.MovePeriod(insats="tvaar", start=date(2026, 1, 1))))
    assert str(err) == "tvaar: 2024 is settled; its months cannot change"


def test_a_granted_application_cannot_be_referred_back(
    forbund: FinsamApp, run: Run, refused: Refuse
) -> None:
    # the "(it has not been completed since)" of a referred-back application is not the
    # reason a granted one cannot be referred back
    run(receive("halso", 240_000))
    run(decide(BUDGET_MEETING, c.GrantFunds(insats="halso")))
    err = refused(decide(BUDGET_MEETING, c.ReferBack(insats="halso", reason="Komplettera")))
    assert isinstance(err, Refused)
    assert str(err) == "halso is granted: it cannot be referred back"
