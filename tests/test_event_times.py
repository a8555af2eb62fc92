"""The two clocks on every money event: the moment it was recorded and the date it
takes effect (DOMAIN.md "Time: two clocks"), and the paragraph of the decision behind it.

Each command runs through the command bus on a store whose clock the test holds
(tests/conftest.py: it advances one second per reading, and a command reads it
once). Every event a command stores must carry that reading as its recorded time,
and the date the decision, booking or record names as its effective date: an
auditor's "as known at" and "as of" both stand on these two stamps.

Figures follow Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from commands import structs as c
from commands.bus import execute
from store.application import FinsamApp
from tests.conftest import Clock

A = c.Amount
KR = 100
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="solleftea", kind="municipality", share="25%"),
)
BUDGET_MEETING = date(2023, 11, 23)
Stamp = tuple[date, str | None]  # effective date, paragraph (None: no decision)


def stamped(app: FinsamApp, clock: Clock, command: c.Command) -> dict[str, Stamp]:
    """Run one command; check every event it stored carries the command's clock reading
    and return the money events' effective dates and paragraphs by event name."""
    first = app.event_count() + 1
    execute(app, command)
    events: list[Any] = [e for _, e in app.read(first)]
    assert events, f"{type(command).__name__} stored nothing"
    assert {e.timestamp for e in events} == {clock.now}, type(command).__name__
    money = ("FiscalYear.", "Insats.", "Forbund.OpeningEquitySet")
    return {
        e.__class__.__qualname__: (e.effective, getattr(e, "paragraph", None))
        for e in events
        if e.__class__.__qualname__.startswith(money)
    }


def paragraph(meeting: date, *effects: c.EffectType) -> c.AddParagraph:
    return c.AddParagraph(meeting=meeting, title="Beslut", effects=effects)


def test_fiscal_year_events_carry_the_recorded_moment_and_their_date(
    app: FinsamApp, clock: Clock
) -> None:
    execute(app, c.CreateForbund(id="solleftea", name="S", members=MEMBERS, on=date(2005, 11, 1)))
    # eget kapital 584 026 kr at 2023-12-31
    assert stamped(
        app, clock, c.SetOpeningEquity(year_end=date(2023, 12, 31), equity=A(584_026 * KR))
    ) == {"Forbund.OpeningEquitySet": (date(2023, 12, 31), None)}
    execute(app, c.OpenMeeting(meeting=c.MeetingDetails(date=BUDGET_MEETING)))
    budget = c.AdoptBudget(
        year=2024,
        lines=(
            c.BudgetLineSpec(line="driftbidrag", kind="income", amount=A(2_832_000 * KR)),
            c.BudgetLineSpec(line="kansli", kind="cost", amount=A(2_832_000 * KR)),
        ),
    )
    # the year opens on 1 January; the budget takes effect on the meeting's date
    assert stamped(app, clock, paragraph(BUDGET_MEETING, budget)) == {
        "FiscalYear.Opened": (date(2024, 1, 1), None),
        "FiscalYear.BudgetAdopted": (BUDGET_MEETING, "2023:1"),
    }
    allocation = c.SetAllocation(year=2024, total=A(2_832_000 * KR), on=date(2024, 1, 10))
    assert stamped(app, clock, allocation) == {
        "FiscalYear.AllocationSet": (date(2024, 1, 10), None)
    }
    # Kansli 647 807 kr over the year; one quarter's 161 950 kr booked at its end
    booking = c.Book(kind="cost", line="kansli", amount=A(161_950 * KR), on=date(2024, 3, 31))
    assert stamped(app, clock, booking) == {"FiscalYear.Booked": (date(2024, 3, 31), None)}
    execute(app, c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 9, 19))))
    change = c.ChangeBudget(
        year=2024,
        changes=(c.LineChangeSpec(line="styrelsen", delta=A(65_000 * KR), kind="cost"),),
        from_equity=A(65_000 * KR),
    )
    assert stamped(app, clock, paragraph(date(2024, 9, 19), change)) == {
        "FiscalYear.BudgetChanged": (date(2024, 9, 19), "2024:1")
    }
    execute(app, c.OpenMeeting(meeting=c.MeetingDetails(date=date(2025, 3, 20))))
    report = c.AdoptAnnualReport(year=2024)
    assert stamped(app, clock, paragraph(date(2025, 3, 20), report)) == {
        "FiscalYear.AnnualReportAdopted": (date(2025, 3, 20), "2025:1")
    }


def test_insats_events_carry_the_recorded_moment_and_their_date(
    app: FinsamApp, clock: Clock
) -> None:
    execute(app, c.CreateForbund(id="solleftea", name="S", members=MEMBERS, on=date(2005, 11, 1)))

    def receive(insats: str, amount: int, on: date) -> dict[str, Stamp]:
        command = c.ReceiveApplication(
            insats=insats,
            amount=A(amount * KR),
            start=date(2024, 1, 1),
            end=date(2024, 12, 31),
            on=on,
        )
        return stamped(app, clock, command)

    # the three applications for 2024 (775 + 998 + 160 = 1 933 tkr) and BIP (120 tkr)
    assert receive("samcoach", 775_000, date(2023, 9, 29)) == {
        "Insats.ApplicationReceived": (date(2023, 9, 29), None)
    }
    receive("sfi", 998_000, date(2023, 9, 29))
    receive("rvn", 160_000, date(2023, 9, 29))
    receive("bip", 120_000, date(2023, 10, 16))
    withdraw = c.WithdrawApplication(insats="rvn", on=date(2023, 11, 10), reason="FK")
    assert stamped(app, clock, withdraw) == {
        "Insats.ApplicationWithdrawn": (date(2023, 11, 10), None)
    }
    execute(app, c.OpenMeeting(meeting=c.MeetingDetails(date=BUDGET_MEETING)))
    steps: list[tuple[c.Command, dict[str, Stamp]]] = [
        (
            paragraph(BUDGET_MEETING, c.GrantFunds(insats="samcoach")),
            {"Insats.GrantAwarded": (BUDGET_MEETING, "2023:1")},
        ),
        (
            paragraph(BUDGET_MEETING, c.ReferBack(insats="sfi", reason="Komplettera")),
            {"Insats.ApplicationReferredBack": (BUDGET_MEETING, "2023:2")},
        ),
        (
            paragraph(BUDGET_MEETING, c.GrantFunds(insats="bip")),
            {"Insats.GrantAwarded": (BUDGET_MEETING, "2023:3")},
        ),
        (
            c.CompleteApplication(insats="sfi", on=date(2023, 12, 11)),
            {"Insats.ApplicationCompleted": (date(2023, 12, 11), None)},
        ),
        (c.OpenMeeting(meeting=c.MeetingDetails(date=date(2023, 12, 20))), {}),
        (
            paragraph(date(2023, 12, 20), c.RejectApplication(insats="sfi", reason="nej")),
            {"Insats.ApplicationRejected": (date(2023, 12, 20), "2023:4")},
        ),
        (
            c.PayOwner(insats="samcoach", amount=A(193_750 * KR), on=date(2024, 4, 15)),
            {"Insats.PaymentMade": (date(2024, 4, 15), None)},
        ),
        (c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 9, 19))), {}),
        (
            paragraph(date(2024, 9, 19), c.PostponeStart(insats="bip", start=date(2024, 12, 1))),
            {"Insats.StartPostponed": (date(2024, 9, 19), "2024:1")},
        ),
        (
            paragraph(date(2024, 9, 19), c.ExtendPeriod(insats="bip", end=date(2025, 1, 31))),
            {"Insats.PeriodExtended": (date(2024, 9, 19), "2024:2")},
        ),
        (
            paragraph(date(2024, 9, 19), c.EndEarly(insats="bip", end=date(2024, 12, 31))),
            {"Insats.EndedEarly": (date(2024, 9, 19), "2024:3")},
        ),
        (
            c.SettleWithoutDecision(
                insats="samcoach", year=2024, used=A(775_000 * KR), on=date(2024, 12, 31)
            ),
            {"Insats.YearSettled": (date(2024, 12, 31), None)},
        ),
        (c.OpenMeeting(meeting=c.MeetingDetails(date=date(2025, 2, 13))), {}),
        (
            paragraph(date(2025, 2, 13), c.SettleYear(insats="bip", year=2024, used=A(0))),
            {"Insats.YearSettled": (date(2025, 2, 13), "2025:1")},
        ),
        (
            paragraph(date(2025, 2, 13), c.CarryUnused(insats="bip", from_year=2024)),
            {"Insats.UnusedCarried": (date(2025, 2, 13), "2025:2")},
        ),
    ]
    for command, expected in steps:
        got = stamped(app, clock, command)
        assert {k: v for k, v in got.items() if k.startswith("Insats.")} == expected, command
    # the carry without a period of its own runs through the next year
    (carry,) = [e for _, e in app.read() if e.__class__.__qualname__ == "Insats.UnusedCarried"]
    assert (carry.from_year, carry.to_year, carry.start, carry.end) == (
        2024,
        2025,
        date(2025, 1, 1),
        date(2025, 12, 31),
    )
    # the reasons given are kept with the events
    reasons = {e.__class__.__qualname__: e.reason for _, e in app.read() if hasattr(e, "reason")}
    assert reasons == {
        "Insats.ApplicationWithdrawn": "FK",
        "Insats.ApplicationReferredBack": "Komplettera",
        "Insats.ApplicationRejected": "nej",
    }


def test_a_moved_period_is_stamped_with_its_decision(app: FinsamApp, clock: Clock) -> None:
    """Praktikinformatör (91 000 kr, October 2024 - September 2025) moved before it starts."""
    execute(app, c.CreateForbund(id="solleftea", name="S", members=MEMBERS, on=date(2005, 11, 1)))
    execute(
        app,
        c.ReceiveApplication(
            insats="praktik",
            amount=A(91_000 * KR),
            start=date(2024, 10, 1),
            end=date(2025, 9, 30),
            on=date(2024, 8, 20),
        ),
    )
    execute(app, c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 9, 19))))
    execute(app, paragraph(date(2024, 9, 19), c.GrantFunds(insats="praktik")))
    move = c.MovePeriod(insats="praktik", start=date(2024, 11, 1))
    got = stamped(app, clock, paragraph(date(2024, 9, 19), move))
    assert got["Insats.PeriodMoved"] == (date(2024, 9, 19), "2024:2")
