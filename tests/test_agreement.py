"""The materialised view and the reference fold agree on random histories.

Hypothesis draws a history of money commands (budgets and changes, allocation,
applications, grants, postponements, extensions, early ends, settlements, carries,
payments, bookings) with dates moving forward; refused commands are skipped as a
user's would be. For random dates and recorded moments, every report the view
gives must equal the one the fold derives from the event log alone.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commands import structs as c
from commands.bus import execute
from finsam_es.application import FinsamApp
from finsam_es.errors import FinsamError
from finsam_es.fiscal_year import TransferAccount
from projections.money_fold import Fold
from projections.money_view import MoneyView
from tests.conftest import EXAMPLES_PER_PROPERTY, Clock

A = c.Amount
FID = "f"
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="k", kind="municipality", share="25%"),
)
INSATSER = ("a", "b", "c")
YEARS = (2024, 2025)

amounts = st.integers(min_value=1, max_value=50_000_000)
months = st.integers(min_value=0, max_value=23)


def month_date(index: int, last: bool = False) -> date:
    year, month = 2024 + index // 12, index % 12 + 1
    if not last:
        return date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def run(app: FinsamApp, command: c.Command) -> bool:
    try:
        execute(app, command)
    except FinsamError:
        return False
    return True


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[int, c.Command]]:
    """(day offset, command) pairs; offsets never decrease."""
    steps: list[tuple[int, c.Command]] = []
    for insats in INSATSER:
        first = draw(months)
        last = draw(st.integers(min_value=first, max_value=23))
        steps.append(
            (
                0,
                c.ReceiveApplication(
                    insats=insats,
                    amount=A(draw(amounts)),
                    start=month_date(first),
                    end=month_date(last, True),
                    on=date(2023, 10, 1),
                ),
            )
        )
    day = 0
    for _ in range(draw(st.integers(min_value=3, max_value=18))):
        day += draw(st.integers(min_value=0, max_value=60))
        on = date(2023, 11, 1) + timedelta(days=day)
        insats = draw(st.sampled_from(INSATSER))
        kind = draw(
            st.sampled_from(
                [
                    "grant",
                    "grant",
                    "postpone",
                    "extend",
                    "end",
                    "settle",
                    "carry",
                    "pay",
                    "book",
                    "transfer",
                    "interim",
                    "change",
                    "move",
                    "refer",
                ]
            )
        )
        effect: c.EffectType | None = None
        command: c.Command | None = None
        if kind == "grant":
            effect = c.GrantFunds(insats=insats, amount=A(draw(amounts)))
        elif kind == "postpone":
            effect = c.PostponeStart(insats=insats, start=month_date(draw(months)))
        elif kind == "move":
            effect = c.MovePeriod(insats=insats, start=month_date(draw(months)))
        elif kind == "extend":
            effect = c.ExtendPeriod(
                insats=insats,
                end=month_date(draw(months), True),
                extra=A(draw(st.sampled_from([0, 1_000_001]))),
            )
        elif kind == "end":
            effect = c.EndEarly(insats=insats, end=month_date(draw(months), True))
        elif kind == "refer":
            effect = c.ReferBack(insats=insats, reason="komplettera")
        elif kind == "settle":
            year = draw(st.sampled_from(YEARS))
            command = c.SettleWithoutDecision(
                insats=insats, year=year, used=A(draw(amounts)), on=max(on, date(year, 12, 31))
            )
        elif kind == "carry":
            effect = c.CarryUnused(insats=insats, from_year=2024)
        elif kind == "pay":
            command = c.PayOwner(insats=insats, amount=A(draw(amounts)), on=on)
        elif kind == "book":
            command = c.Book(
                kind=draw(st.sampled_from(["cost", "income", "allocation_payment"])),
                line="kansli",
                amount=A(draw(amounts)),
                on=on,
            )
        elif kind == "transfer":
            pairs: list[tuple[TransferAccount, TransferAccount, str]] = [
                ("prepaid_costs", "bank", ""),
                ("cost", "prepaid_costs", "kansli"),
                ("cost", "other_liabilities", "kansli"),
                ("other_liabilities", "bank", ""),
                ("other_receivables", "bank", ""),
                ("bank", "prepaid_income", ""),
                ("prepaid_income", "income", "driftbidrag"),
            ]
            debit, credit, line = draw(st.sampled_from(pairs))
            command = c.BookTransfer(
                debit=debit, credit=credit, amount=A(draw(amounts)), on=on, line=line
            )
        elif kind == "interim":
            command = c.ReportInterimUse(insats=insats, year=on.year, used=A(draw(amounts)), on=on)
        elif kind == "change":
            effect = c.ChangeBudget(
                year=draw(st.sampled_from(YEARS)),
                changes=(
                    c.LineChangeSpec(line="insatser", delta=A(-draw(st.integers(1, 100_000)))),
                    c.LineChangeSpec(line="kansli", delta=A(draw(st.integers(1, 100_000)))),
                ),
            )
        if effect is not None:
            command = c.AddParagraph(meeting=on, title=kind, effects=(effect,))
        assert command is not None
        steps.append((day, command))
    return steps


def build(app: FinsamApp, steps: list[tuple[int, c.Command]]) -> None:
    assert run(app, c.CreateForbund(id=FID, name="F", members=MEMBERS, on=date(2005, 1, 1)))
    assert run(app, c.SetOpeningEquity(year_end=date(2023, 12, 31), equity=A(58_402_600)))
    for year in YEARS:
        budget = c.AdoptBudget(
            year=year,
            lines=(
                c.BudgetLineSpec(line="driftbidrag", kind="income", amount=A(283_200_000)),
                c.BudgetLineSpec(line="insatser", kind="cost", amount=A(200_000_000), insats=True),
                c.BudgetLineSpec(line="kansli", kind="cost", amount=A(83_200_000)),
            ),
        )
        meeting = date(year - 1, 11, 20)
        run(app, c.OpenMeeting(meeting=c.MeetingDetails(date=meeting)))
        assert run(app, c.AddParagraph(meeting=meeting, title="Budget", effects=(budget,)))
        assert run(app, c.SetAllocation(year=year, total=A(283_200_000)))
    opened: set[date] = set()
    for _day, command in steps:
        if isinstance(command, c.AddParagraph) and command.meeting not in opened:
            run(app, c.OpenMeeting(meeting=c.MeetingDetails(date=command.meeting)))
            opened.add(command.meeting)
        run(app, command)


@settings(
    max_examples=EXAMPLES_PER_PROPERTY, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(steps=histories(), data=st.data())
def test_view_and_fold_agree_on_random_histories(
    steps: list[tuple[int, c.Command]], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        app = FinsamApp(str(Path(tmp) / "a.db"), clock=clock)
        build(app, steps)
        view = MoneyView(app)
        view.catch_up()
        fold = Fold(app.read())
        start, end = Clock().now, clock.now
        for _ in range(4):
            as_of = date(2023, 11, 1) + timedelta(days=data.draw(st.integers(0, 900)))
            known_at = data.draw(
                st.sampled_from([None, start + (end - start) * data.draw(st.floats(0, 1))])
            )
            year = data.draw(st.sampled_from((*YEARS, as_of.year)))
            assert view.budget(FID, year, as_of, known_at) == fold.budget(
                FID, year, as_of, known_at
            )
            assert view.result(FID, year, as_of, known_at) == fold.result(
                FID, year, as_of, known_at
            )
            assert view.equity(FID, as_of, known_at) == fold.equity(FID, as_of, known_at)
            assert view.insatser(FID, as_of, known_at) == fold.insatser(FID, as_of, known_at)
            # the statements (balansräkning, resultaträkning ...) are made of these postings
            assert view.postings(FID, as_of, known_at) == fold.postings(FID, as_of, known_at)


def test_view_catches_up_incrementally_and_rebuilds_the_same(app: FinsamApp) -> None:
    """Catching up after every command gives the same tables as one rebuild from scratch."""
    steps = [
        (
            0,
            c.ReceiveApplication(
                insats="a",
                amount=A(24_000_000),
                start=date(2024, 1, 1),
                end=date(2024, 12, 31),
                on=date(2023, 10, 1),
            ),
        ),
        (
            0,
            c.AddParagraph(
                meeting=date(2023, 11, 20), title="Bevilja", effects=(c.GrantFunds(insats="a"),)
            ),
        ),
        (
            1,
            c.AddParagraph(
                meeting=date(2024, 3, 15),
                title="Skjuta upp",
                effects=(c.PostponeStart(insats="a", start=date(2024, 4, 1)),),
            ),
        ),
        (
            2,
            c.SettleWithoutDecision(
                insats="a", year=2024, used=A(17_000_000), on=date(2024, 12, 31)
            ),
        ),
    ]
    incremental = MoneyView(app)
    build(app, [])
    incremental.catch_up()
    for _day, command in steps:
        if isinstance(command, c.AddParagraph):
            run(app, c.OpenMeeting(meeting=c.MeetingDetails(date=command.meeting)))
        assert run(app, command)
        incremental.catch_up()
    fresh = MoneyView(FinsamApp(app.db))
    fresh.rebuild()
    fold = Fold(app.read())
    for as_of in (date(2024, 2, 29), date(2024, 6, 30), date(2024, 12, 31)):
        expected = fold.insatser(FID, as_of)
        assert incremental.insatser(FID, as_of) == expected == fresh.insatser(FID, as_of)
    # DOMAIN.md: 240 000 kr for 2024 postponed to April charges 60 000 kr by 30 June
    (row,) = fold.insatser(FID, date(2024, 6, 30)).interventions
    assert row.charged == 6_000_000 and row.unused == 6_000_000
    # settled with 170 000 kr used: unused = 60 000 never charged + (180 000 - 170 000)
    (row,) = fold.insatser(FID, date(2024, 12, 31)).interventions
    assert row.charged == 17_000_000 and row.unused == 7_000_000
    assert datetime.now(UTC) > app.clock() - timedelta(days=365 * 10)


def test_two_processes_catching_up_at_once_do_not_double_count(app: FinsamApp) -> None:
    """The second writer of the same positions is refused by the tracking record and
    goes on from where the first left the view; nothing is counted twice."""
    build(app, [(0, c.Book(kind="cost", line="kansli", amount=A(100_000), on=date(2024, 3, 1)))])
    first, second = MoneyView(app), MoneyView(app)
    tracked = first.position
    reads = []

    def stale_once() -> int:  # the first read happens before the other process wrote
        reads.append(1)
        return 0 if len(reads) == 1 else tracked()

    first.position = stale_once  # type: ignore[method-assign]
    second.catch_up()
    first.catch_up()  # reads from position 1 again, is refused, goes on
    fold = Fold(app.read())
    day = date(2024, 12, 31)
    assert first.result(FID, 2024, day) == fold.result(FID, 2024, day)
    assert first.equity(FID, day) == fold.equity(FID, day)
