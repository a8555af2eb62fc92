"""Who recorded what and when: the actor on every event, `finsam log` with its filters
and full-precision times, and --known-at (timestamps, position:N) on every query."""

from __future__ import annotations

import getpass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from commands import structs as c
from commands.bus import execute
from commands.journal import import_journal
from projections.clocks import known_at
from projections.money_fold import Fold
from projections.money_view import MoneyView
from projections.queries import Reader
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Clock, Finsam

SOLLEFTEA = EXAMPLES / "solleftea-2024.toml"
OPEN_YEAR = EXAMPLES / "harnosand-timra-2018.toml"  # 2018 is not closed: it takes bookings


@pytest.fixture
def imported(finsam: Finsam) -> Finsam:
    finsam("--actor", "sekreteraren", "import", str(SOLLEFTEA))
    return finsam


def test_every_event_names_who_recorded_it(imported: Finsam) -> None:
    events = imported.json("log")["events"]
    assert len(events) == imported.events()
    assert {e["actor"] for e in events} == {"sekreteraren"}


def test_the_actor_comes_from_the_environment_else_the_os_user(
    imported: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINSAM_ACTOR", "revisorn")
    imported("meeting", "open", "2025-05-01")
    monkeypatch.delenv("FINSAM_ACTOR")
    monkeypatch.setattr(getpass, "getuser", lambda: "kansliet")
    imported("meeting", "open", "2025-06-01")
    last = imported.json("log", "--limit", "2")["events"]
    assert [e["actor"] for e in last] == ["revisorn", "kansliet"]


def test_log_prints_recorded_times_that_known_at_takes_as_they_are(finsam: Finsam) -> None:
    imported = finsam
    imported("import", str(OPEN_YEAR))
    imported("book", "cost", "ovriga", "1000", "--on", "2018-06-15", "--text", "Sen faktura")
    last = imported.json("log", "--limit", "1")["events"][0]
    stamp = datetime.fromisoformat(last["recorded"])
    assert stamp.microsecond or last["recorded"].count(".") == 0  # microseconds when any
    query = ("equity", "--as-of", "2018-06-30")
    # the booking's own recorded time knows it; a microsecond before does not
    with_it = imported.json(*query, "--known-at", last["recorded"])["equity"]
    before = (stamp - timedelta(microseconds=1)).isoformat()
    without = imported.json(*query, "--known-at", before)["equity"]
    assert without - with_it == 100_000  # 1 000 kr cost, in öre


def test_log_shows_amount_content_and_paragraph(imported: Finsam) -> None:
    bookings = imported.json("log", "--type", "Booked")["events"]
    assert bookings and all(e["type"] == "FiscalYear.Booked" for e in bookings)
    first = bookings[0]
    # the first booking of the example: allocation payment of 1 416 000 kr on 2024-01-31
    assert first["amount"] == 141_600_000
    assert (
        first["event"]["text"] == "Driftbidrag första halvåret 2024 (FK, AF, RVN, Sollefteå kommun)"
    )
    assert first["content"].startswith("allocation_payment driftbidrag: Driftbidrag")
    assert len(first["hash"]) == 64
    table = imported("log", "--type", "Booked", "--limit", "1").stdout
    assert bookings[-1]["recorded"] in table  # whole, so it can be pasted into --known-at


def test_log_filters_by_paragraph_insats_and_recorded_time(imported: Finsam) -> None:
    some_paragraph = next(e["paragraph"] for e in imported.json("log")["events"] if e["paragraph"])
    by_paragraph = imported.json("log", "--paragraph", some_paragraph)["events"]
    assert by_paragraph and {e["paragraph"] for e in by_paragraph} == {some_paragraph}
    insats = next(
        e["event"]["insats"]
        for e in imported.json("log", "--type", "ApplicationReceived")["events"]
    )
    by_insats = imported.json("log", "--insats", insats)["events"]
    assert by_insats and by_insats[0]["type"] == "Insats.ApplicationReceived"
    assert {e["event"]["aggregate"] for e in by_insats} == {by_insats[0]["event"]["aggregate"]}
    everything = imported.json("log")["events"]
    assert imported.json("log", "--recorded-to", "2000-01-01")["events"] == []
    assert len(imported.json("log", "--recorded-from", "2000-01-01")["events"]) == len(everything)


def test_log_from_and_to_filter_on_the_effective_date(imported: Finsam) -> None:
    """--from/--to are the date an event takes effect, as for every other question (the
    example's whole journal was recorded in one moment, so a recorded-time filter could not
    tell these apart)."""
    everything = imported.json("log")["events"]
    august = imported.json("log", "--from", "2024-08-01", "--to", "2024-08-31")["events"]
    expected = [e for e in everything if "2024-08-01" <= e["effective"] <= "2024-08-31"]
    assert august == expected
    assert 0 < len(august) < len(everything)
    booked = imported.json("log", "--type", "Booked", "--from", "2024-08-01")["events"]
    assert booked and all(e["effective"] >= "2024-08-01" for e in booked)


def test_known_at_before_anything_was_recorded_says_so(imported: Finsam) -> None:
    result = imported("equity", "--as-of", "2024-06-30", "--known-at", "2000-01-01")
    assert "note: nothing was recorded by 2000-01-01T23:59:59.999999+00:00" in result.stderr


def test_known_at_a_log_position_on_governance_queries(finsam: Finsam) -> None:
    finsam(
        "forbund", "create", "demo", "--name", "Demo", "--member", "fk:state:25%",
        "--member", "af:state:25%", "--member", "rvn:region:25%", "--member", "k:municipality:25%",
    )  # fmt: skip
    finsam("board", "appoint", "Anna", "--member", "k", "--role", "ledamot", "--from", "2024-01-01")
    before = finsam.events()
    finsam("board", "appoint", "Bo", "--member", "fk", "--role", "ledamot", "--from", "2024-01-01")
    board_now = finsam.json("board", "--as-of", "2024-06-30")
    board_then = finsam.json("board", "--as-of", "2024-06-30", "--known-at", f"position:{before}")
    assert {s["name"] for s in board_now["seats"]} == {"Anna", "Bo"}
    assert {s["name"] for s in board_then["seats"]} == {"Anna"}
    result = finsam.fails("board", "--known-at", "position:999")
    assert f"no event at log position 999 (the log has {finsam.events()})" in result.stderr


def test_known_at_on_minutes_paragraphs_and_assignments(finsam: Finsam) -> None:
    finsam("import", str(EXAMPLES / "harnosand-timra-2020.toml"))
    early = "2000-01-01"
    later = finsam.json("log", "--limit", "1")["events"][0]["recorded"]
    assert finsam.json("assignments", "--as-of", "2020-12-31", "--known-at", later) == (
        finsam.json("assignments", "--as-of", "2020-12-31")
    )
    minutes = finsam.json("minutes", "2020-08-28")
    number = minutes["paragraphs"][0]["number"]
    assert finsam.json("paragraph", "show", "2020", str(number))["number"] == number
    # before the import the store knew no förbund at all
    refused = finsam.fails("minutes", "2020-08-28", "--known-at", early)
    assert "nothing was recorded by" in refused.stderr


def test_a_june_booking_recorded_in_august_changes_june_as_known_in_august(db: str) -> None:
    clock = Clock(datetime(2018, 7, 1, 9, 0, tzinfo=UTC))
    app = FinsamApp(db, clock=clock, actor="kansliet")
    import_journal(app, OPEN_YEAR)
    clock.now = datetime(2018, 8, 10, 9, 0, tzinfo=UTC)
    execute(
        app,
        c.Book(
            kind="cost",
            line="ovriga",
            amount=c.Amount(250_000),
            on=date(2018, 6, 20),
            text="Sen faktura",
        ),
    )
    june = date(2018, 6, 30)
    july, august = (
        datetime(2018, 7, 31, 23, 59, tzinfo=UTC),
        datetime(2018, 8, 31, 23, 59, tzinfo=UTC),
    )
    view = MoneyView(app)
    view.catch_up()
    fold = Fold(app.read())
    for money in (view, fold):
        as_known_in_july = money.equity("harnosand-timra", june, july).equity
        as_known_in_august = money.equity("harnosand-timra", june, august).equity
        # the 2 500 kr cost lowers the 30 June equity only once it is on record
        assert as_known_in_july - as_known_in_august == 250_000
        assert money.equity("harnosand-timra", june).equity == as_known_in_august
    # diff names the figure and the one event that changed it between July and August
    changed = Reader(app).diff(None, "equity", 2018, june, (july, august))
    assert [(c.figure, c.after - c.before) for c in changed.changes] == [("equity", -250_000)]
    assert [(e.amount, e.content) for e in changed.changes[0].events] == [
        (-250_000, "cost ovriga: Sen faktura")
    ]
    assert Reader(app).diff(None, "result", 2018, june, (july, july)).changes == ()
    events = Reader(app).log(only=None, limit=1)
    assert events[0].actor == "kansliet"
    assert events[0].recorded.startswith("2018-08-10T09:00")


def test_reader_governance_as_known_at_a_moment(db: str) -> None:
    clock = Clock(datetime(2024, 7, 1, 9, 0, tzinfo=UTC))
    app = FinsamApp(db, clock=clock)
    import_journal(app, EXAMPLES / "harnosand-timra-2020.toml")
    reader = Reader(app)
    moment: Any = app.recorded_at(1)
    assert moment == datetime(2024, 7, 1, 9, 0, 1, tzinfo=UTC)  # the clock's first tick
    assert known_at(app, 1) == (moment, None)
    year_end = date(2020, 12, 31)
    at_first = reader.at(year_end, moment).governance.board(None)
    assert at_first == reader.at(year_end).governance.board(None)


def test_the_head_as_of_an_adjustment_pins_the_minutes(finsam: Finsam) -> None:
    finsam(
        "forbund", "create", "demo", "--name", "Demo", "--member", "fk:state:25%",
        "--member", "af:state:25%", "--member", "rvn:region:25%", "--member", "k:municipality:25%",
    )  # fmt: skip
    finsam("meeting", "open", "2025-02-13")
    finsam("paragraph", "add", "2025-02-13", "--title", "Mötets öppnande")
    finsam("meeting", "close", "2025-02-13")
    finsam("meeting", "adjust", "2025-02-13", "--on", "2025-02-20")
    adjusted = finsam.json("audit", "checkpoint")
    finsam("meeting", "open", "2025-03-20")  # later events do not move the pinned head
    answers = Reader(FinsamApp(finsam.db)).at().audit
    head = answers.adjustment_head(None, date(2025, 2, 13))
    assert head is not None
    assert {"position": head.position, "hash": head.hash} == adjusted
    assert answers.adjustment_head(None, date(2025, 3, 20)) is None  # not adjusted yet
    assert finsam.json("audit", "checkpoint", "--known-at", f"position:{head.position}") == adjusted


def test_diff_needs_two_moments_and_names_changes(imported: Finsam) -> None:
    result = imported.fails("diff", "--known-at", "2000-01-01", "equity")
    assert "give --known-at twice" in result.stderr
    answer = imported.json(
        "diff", "--known-at", "2000-01-01", "--known-at", "2099-01-01", "equity",
        "--as-of", "2024-12-31",
    )  # fmt: skip
    (change,) = answer["changes"]
    # from nothing known to everything: 820 526 kr, the sum of the events that made it
    assert (change["figure"], change["before"], change["after"]) == ("equity", 0, 82_052_600)
    assert sum(e["amount"] for e in change["events"]) == 82_052_600
    assert (
        "equity"
        in imported("diff", "--known-at", "2000-01-01", "--known-at", "2099-01-01", "equity").stdout
    )
