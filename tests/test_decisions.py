"""Every money effect a paragraph can carry, through the store: the line the minutes
record of it, the warnings the board hears, and the refusals.

The texts were produced by the code before the handlers were split by concept
(commands/decisions.py); they are what the stored minutes say, so they must not drift.
"""

from __future__ import annotations

from datetime import date

import pytest

from commands import structs as c
from commands.bus import execute
from finsam_es.errors import Final, FinsamError, NotFound, Refused
from finsam_es.minutes import MinutesBook
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork

A = c.Amount
MEMBERS = (
    c.MemberSpec("fk", "state", "25%"),
    c.MemberSpec("af", "state", "25%"),
    c.MemberSpec("rg", "region", "25%"),
    c.MemberSpec("k1", "municipality", "25%"),
)
GRANTS_2025 = "grants for 2025 come to {} kr, beyond the {} kr the budget holds for insatser"
NO_BUDGET_2026 = (
    "no budget for 2026 is adopted: the grant cannot be checked against what the budget "
    "holds for insatser"
)


def run(app: FinsamApp, command: c.Command) -> list[str]:
    return execute(app, command).warnings


def paragraph(app: FinsamApp, meeting: date, title: str, *effects: c.EffectType) -> list[str]:
    return run(app, c.AddParagraph(meeting=meeting, title=title, effects=effects))


def effects(app: FinsamApp, year: int, number: int) -> tuple[str, ...]:
    book = UnitOfWork(app).get(MinutesBook, MinutesBook.id_for("prov", year))
    assert book is not None
    return book.paragraph(number).effects


def open_meeting(app: FinsamApp, day: date) -> None:
    run(app, c.OpenMeeting(meeting=c.MeetingDetails(date=day)))


@pytest.fixture
def prov(app: FinsamApp) -> FinsamApp:
    """A förbund with its 2025 budget (3 000 000 kr for insatser) and six applications."""
    run(app, c.CreateForbund(id="prov", name="Prov", members=MEMBERS, on=date(2020, 1, 1)))
    # equity enough for the 100 000 + 50 000 kr the budgets take from it (21 §, KL 11:5)
    run(app, c.SetOpeningEquity(year_end=date(2023, 12, 31), equity=A(20_000_000)))
    open_meeting(app, date(2024, 11, 20))
    lines = (
        c.BudgetLineSpec("driftbidrag", "income", A(400_000_000), members=("fk", "af", "rg", "k1")),
        c.BudgetLineSpec("kansli", "cost", A(110_000_000)),
        c.BudgetLineSpec("insatser", "cost", A(300_000_000), insats=True),
    )
    budget = c.AdoptBudget(year=2025, lines=lines, from_equity=A(10_000_000))
    assert paragraph(app, date(2024, 11, 20), "Budget", budget) == []
    for insats, kr in (("alfa", 1_200_000), ("beta", 600_000), ("gamma", 240_000),
                       ("delta", 300_000), ("eps", 100_000), ("zeta", 2_500_000)):  # fmt: skip
        application = c.ReceiveApplication(
            insats=insats, amount=A(kr * 100), start=date(2025, 1, 1), end=date(2025, 12, 31),
            on=date(2024, 12, 1),
        )  # fmt: skip
        run(app, application)
    return app


def test_a_budget_adopted_with_money_from_equity(prov: FinsamApp) -> None:
    assert effects(prov, 2024, 1) == (
        "fastställa verksamhetsplan och budget för 2025 med 100 000 kr ur eget kapital",
    )


def test_grants_and_rejections_and_the_grant_capacity(prov: FinsamApp) -> None:
    open_meeting(prov, date(2024, 12, 12))
    warnings = paragraph(
        prov, date(2024, 12, 12), "Ansökningar",
        c.GrantFunds(insats="alfa"),
        c.GrantFunds(insats="beta", amount=A(48_000_000)),
        c.GrantFunds(insats="gamma"),
        c.RejectApplication(insats="delta", reason="Ryms inte"),
        c.RejectApplication(insats="eps"),
        c.GrantFunds(insats="zeta", start=date(2025, 2, 1)),
    )  # fmt: skip
    assert warnings == [GRANTS_2025.format("4 420 000", "3 000 000")]
    assert effects(prov, 2024, 2) == (
        # the insatser here have no owner; names, not ids, would follow "bevilja"
        "bevilja 1 200 000 kr för insatsen alfa under 2025",
        "bevilja 480 000 kr för insatsen beta under 2025",
        "bevilja 240 000 kr för insatsen gamma under 2025",
        "avslå ansökan om medel för insatsen delta: Ryms inte",
        "avslå ansökan om medel för insatsen eps",
        # the grant's own period: from February, not the application's January (issue 19)
        "bevilja 2 500 000 kr för insatsen zeta för perioden 2025-02-01–2025-12-31",
    )
    # a period moved into 2026 is money in a year without a budget
    warnings = paragraph(
        prov, date(2024, 12, 12), "Period", c.MovePeriod(insats="gamma", start=date(2025, 3, 1))
    )
    assert warnings == [GRANTS_2025.format("4 380 000", "3 000 000"), NO_BUDGET_2026]
    assert effects(prov, 2024, 3) == ("flytta perioden för gamma till start 2025-03-01",)


def test_changes_to_periods_and_the_budget(prov: FinsamApp) -> None:
    test_grants_and_rejections_and_the_grant_capacity(prov)
    open_meeting(prov, date(2025, 4, 10))
    changes = (
        c.LineChangeSpec(line="insatser", delta=A(-5_000_000)),
        c.LineChangeSpec(line="utv", delta=A(10_000_000), kind="cost", name="Utveckling"),
    )
    warnings = paragraph(
        prov, date(2025, 4, 10), "Ändringar",
        c.PostponeStart(insats="alfa", start=date(2025, 5, 1)),
        c.ExtendPeriod(insats="beta", end=date(2026, 6, 30), extra=A(6_000_000)),
        c.ExtendPeriod(insats="zeta", end=date(2026, 3, 31)),
        c.ChangeBudget(year=2025, changes=changes, from_equity=A(5_000_000)),
        c.EndEarly(insats="gamma", end=date(2025, 10, 31)),
    )  # fmt: skip
    assert warnings == [
        GRANTS_2025.format("4 272 000", "3 000 000"),
        NO_BUDGET_2026,
        GRANTS_2025.format("3 760 636,36", "3 000 000"),
        NO_BUDGET_2026,
        GRANTS_2025.format("3 760 636,36", "2 950 000"),
    ]
    assert effects(prov, 2025, 1) == (
        "skjuta upp starten av alfa till 2025-05-01",
        "förlänga beta till 2026-06-30 och bevilja ytterligare 60 000 kr",
        "förlänga zeta till 2026-03-31",
        # line names where the budget gives them ("insatser" has none), the minus a true one
        "ändra budgeten för 2025: insatser −50 000 kr, Utveckling +100 000 kr "
        "(50 000 kr ur eget kapital)",
        "avsluta gamma i förtid den 2025-10-31",
    )


def test_settling_carrying_and_closing_the_year(prov: FinsamApp) -> None:
    test_changes_to_periods_and_the_budget(prov)
    open_meeting(prov, date(2026, 2, 12))
    warnings = paragraph(
        prov, date(2026, 2, 12), "Förbrukat",
        c.SettleYear(insats="alfa", year=2025, used=A(50_000_000), on=date(2025, 12, 31)),
        c.CarryUnused(insats="alfa", from_year=2025, amount=A(5_000_000)),
        c.AdoptAnnualReport(year=2025),
    )  # fmt: skip
    assert warnings == [NO_BUDGET_2026]
    assert effects(prov, 2026, 1) == (
        "fastställa förbrukade medel för alfa 2025: 500 000 kr",
        "flytta 50 000 kr ej förbrukade medel för alfa från 2025 till 2026",
        "fastställa årsredovisningen för 2025",
    )
    # settled on the meeting's date (2026 is open); 2025's months are settled now
    settle = c.SettleYear(insats="beta", year=2025, used=A(1))
    assert paragraph(prov, date(2026, 2, 12), "Sent", settle) == []
    assert effects(prov, 2026, 2) == ("fastställa förbrukade medel för beta 2025: 0,01 kr",)
    with pytest.raises(Final, match=r"^beta: 2025 is settled; its months cannot change$"):
        paragraph(
            prov, date(2026, 2, 12), "Sent", c.EndEarly(insats="beta", end=date(2025, 11, 30))
        )
    with pytest.raises(Final) as closed:
        run(prov, c.PayOwner(insats="alfa", amount=A(100), on=date(2025, 6, 1)))
    assert str(closed.value) == (
        "2025 is closed: its annual report was adopted on 2026-02-12 (§2026:1); a change to "
        "2025's money dated in 2025 is refused, book the correction in an open year"
    )


@pytest.mark.parametrize(
    ("command", "error", "message"),
    [
        (
            c.ReceiveApplication(
                insats="alfa", amount=A(1), start=date(2025, 1, 1), end=date(2025, 12, 31),
                on=date(2024, 12, 1),
            ),
            Refused,
            "prov already has an application 'alfa'",
        ),
        (
            c.WithdrawApplication(insats="okand", on=date(2024, 12, 2)),
            NotFound,
            "prov has no application or insats 'okand'",
        ),
        (
            c.AddParagraph(
                meeting=date(2024, 11, 20), title="Fel", effects=(c.GrantFunds(insats="okand"),)
            ),
            NotFound,
            "prov has no application or insats 'okand'",
        ),
    ],
)  # fmt: skip
def test_an_application_is_named_once_and_must_exist(
    prov: FinsamApp, command: c.Command, error: type[FinsamError], message: str
) -> None:
    with pytest.raises(error) as refused:
        run(prov, command)
    assert str(refused.value) == message


def test_money_from_equity_beyond_the_equity_there_is_is_refused(prov: FinsamApp) -> None:
    # Lag 2003:1210 21 § with KL 11:5: a deficit budgeted from equity cannot take more
    # than the equity as of the decision: 200 000 kr, of which the 2025 budget already
    # takes 100 000 kr; 100 000 + 150 000 = 250 000 kr is too much.
    open_meeting(prov, date(2025, 3, 1))
    changes = (c.LineChangeSpec("kansli", A(15_000_000)),)
    change = c.ChangeBudget(year=2025, changes=changes, from_equity=A(15_000_000))
    with pytest.raises(
        Refused, match=r"takes 250 000 kr from equity, but the equity at 2024-12-31 was 200 000 kr"
    ):
        paragraph(prov, date(2025, 3, 1), "Budgetändring", change)
