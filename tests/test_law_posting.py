"""The anslag and the board's terms as the law asks, through the `finsam` command.

Each test names the section it enforces: kommunallagen (2017:725) 8:12 (the adjustment
made known on the anslagstavla within two days, up until the time to appeal has run),
13 kap. with lag (2003:1210) 28 § (the appeal, three weeks from the anslag: KL 13:5),
lag 2003:1210 9 § p. 7 (the charter chooses the boards), 12 § (the board's term), and
lag (1930:173) om beräkning av lagstadgad tid (a period ending on a day off ends on the
next weekday).

The förbund is Sollefteå with its board at the start of 2024
(seeds/solleftea-arsredovisning-2024.txt): four members, one ledamot each, appointed
from 2023-04-01; the meeting is 2024-02-15 (a Thursday).
"""

from __future__ import annotations

from datetime import date

from commands.loading import minutes_book, opened
from finsam_es.minutes import MinutesBook
from finsam_es.procedures import Procedure, ProcedureBook
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork
from tests.conftest import Finsam
from tests.test_governance_cli import BOARD, MEMBERS

MEETING = "2024-02-15"


def sollefteå(finsam: Finsam, *flags: str) -> Finsam:
    finsam("forbund", "create", "solleftea", "--name", "Sollefteå", *MEMBERS, "--on", "2005-11-01")
    for name, member, more in BOARD:
        finsam("board", "appoint", name, "--member", member, "--role", "ledamot",
               "--from", "2023-04-01", *more, *flags)  # fmt: skip
    return finsam


def with_minutes(finsam: Finsam) -> Finsam:
    sollefteå(finsam)
    present = [a for name, _, _ in BOARD for a in ("--present", name)]
    finsam("meeting", "open", MEETING, "--chair", "Birgitta Häggkvist", *present)
    finsam("paragraph", "add", MEETING, "--title", "Mötets öppnande")
    finsam("paragraph", "add", MEETING, "--title", "Brådskande beslut", "--decision", "att X")
    return finsam


def test_12_a_seat_past_its_term_warns(finsam: Finsam) -> None:
    # 12 §: the term runs four years from 1 April after the 2022 election: 2023-04-01
    # to 2027-03-31; a seat still held after it warns
    sollefteå(finsam)
    assert not [w for w in finsam.json("board", "--as-of", "2027-03-31")["warnings"] if "12 §" in w]
    past = [w for w in finsam.json("board", "--as-of", "2027-04-01")["warnings"] if "12 §" in w]
    assert past[0] == (
        "Birgitta Häggkvist's seat for solleftea (from 2023-04-01) runs past its term, which "
        "ended 2027-03-31 (lag 2003:1210 12 §)"
    )
    assert len(past) == len(BOARD)


def test_12_the_charters_shorter_term_and_a_seat_appointed_past_it(finsam: Finsam) -> None:
    # 12 §: "unless the charter says shorter": two years from 2023-04-01 end 2025-03-31
    sollefteå(finsam)
    finsam("forbund", "charter", "--on", "2023-01-01", "--term-years", "2",
           "--source", "förbundsordningen 8 §")  # fmt: skip
    past = [w for w in finsam.json("board", "--as-of", "2025-04-01")["warnings"] if "12 §" in w]
    assert len(past) == len(BOARD) and "which ended 2025-03-31" in past[0]
    charter = finsam.json("forbund", "show")["charter"]
    assert (charter["term_years"], charter["source"]) == (2, "förbundsordningen 8 §")
    finsam("board", "leave", "Lina Kempe", "--on", "2024-03-31")
    finsam("board", "appoint", "Eva Ek", "--member", "fk", "--role", "ledamot",
           "--from", "2024-04-01", "--to", "2026-03-31")  # fmt: skip
    ahead = [w for w in finsam.json("board", "--as-of", "2024-04-01")["warnings"] if "Eva" in w]
    assert ahead == [
        "Eva Ek's seat for fk is appointed to 2026-03-31, past its term ending 2025-03-31 "
        "(lag 2003:1210 12 §)"
    ]
    refused = finsam.fails("forbund", "charter", "--on", "2023-01-01", "--term-years", "5")
    assert "a term is one to four years (lag 2003:1210 12 §" in refused.output


def test_lag_1930_173_adjusted_on_a_thursday_posted_on_monday_is_in_time(finsam: Finsam) -> None:
    # KL 8:12: two days from Thursday 2024-02-22 end on Saturday, so on Monday 02-26
    with_minutes(finsam)
    finsam("meeting", "adjust", MEETING, "--on", "2024-02-22")
    posted = finsam("meeting", "post", MEETING, "--up", "2024-02-26", "--down", "2024-03-19")
    assert "warning" not in posted.stderr
    [row] = finsam.json("meetings", "--year", "2024")
    # 13:5: three weeks from 02-26 is Monday 03-18, the last day of appeal
    assert (row["posted"], row["appeal_last_day"], row["warnings"]) == (
        "2024-02-26",
        "2024-03-18",
        [],
    )


def test_kl_8_12_taken_down_on_the_last_day_of_appeal_warns_in_the_bevis(
    finsam: Finsam,
) -> None:
    # KL 8:12: up until the time to appeal has run; 02-26 + 21 days = 03-18 is the last
    # day of appeal, so the anslag comes down on 03-19 at the earliest
    with_minutes(finsam)
    finsam("meeting", "adjust", MEETING, "--on", "2024-02-22")
    posted = finsam("meeting", "post", MEETING, "--up", "2024-02-26", "--down", "2024-03-18")
    assert "through 2024-03-18 (KL 8:12): 2024-03-19 at the earliest" in posted.stderr
    [row] = finsam.json("meetings", "--year", "2024")
    assert [w for w in row["warnings"] if "taken down" in w] == [
        "taken down from rvn's notice board on 2024-03-18; it stays up until the time to "
        "appeal has run, through 2024-03-18 (KL 8:12): 2024-03-19 at the earliest",
        "taken down from solleftea's notice board on 2024-03-18; it stays up until the "
        "time to appeal has run, through 2024-03-18 (KL 8:12): 2024-03-19 at the earliest",
    ]
    text = finsam("minutes", MEETING).stdout
    assert "2024-03-18 (tidigast 2024-03-19)" in text
    assert "Anslagstavla rvn: tas ned 2024-03-18, före 2024-03-19" in text
    html = finsam("minutes", MEETING, "--format", "html").stdout
    assert "Anslagstavla solleftea: tas ned 2024-03-18, före 2024-03-19" in html


def test_kl_8_12_a_paragraph_adjusted_at_once_has_its_own_anslag(finsam: Finsam) -> None:
    # §2 adjusted at once on the meeting day and posted the next day: its appeal runs
    # from 2024-02-16 (a Friday) to 2024-03-08; the rest of the minutes from their own
    with_minutes(finsam)
    finsam("meeting", "adjust", MEETING, "--on", MEETING, "--paragraph", "2")
    early = finsam.fails("meeting", "post", MEETING, "--up", "2024-02-16", "--down", "2024-03-11")
    assert "a § adjusted at once is posted on its own (--paragraph)" in early.output
    finsam("meeting", "post", MEETING, "--paragraph", "2", "--up", "2024-02-16",
           "--down", "2024-03-11")  # fmt: skip
    assert finsam.json("paragraph", "show", "2024", "2")["appeal_last_day"] == "2024-03-08"
    assert finsam.json("paragraph", "show", "2024", "1")["appeal_last_day"] is None
    not_at_once = finsam.fails("meeting", "post", MEETING, "--paragraph", "1",
                               "--up", "2024-02-16", "--down", "2024-03-11")  # fmt: skip
    assert "§1 was not adjusted at once (omedelbar justering)" in not_at_once.output
    finsam("meeting", "adjust", MEETING, "--on", "2024-02-22")
    finsam("meeting", "post", MEETING, "--up", "2024-02-23", "--down", "2024-03-18")
    doc = finsam.json("minutes", MEETING)
    assert doc["anslag"]["appeal_last_day"] == "2024-03-15"  # 02-23 + 21 days
    assert [p["appeal_last_day"] for p in doc["paragraphs"]] == ["2024-03-15", "2024-03-08"]
    assert [(b["board"], b["number"]) for b in doc["anslag"]["boards"]] == [
        ("rvn", None),
        ("solleftea", None),
        ("rvn", 2),
        ("solleftea", 2),
    ]


def record_the_old_way(db: str, up: date, down: date, announced: dict[str, date]) -> None:
    """A posting as an earlier finsam stored it: one MinutesPosted for the minutes, and
    announcements recorded as procedures, one per member's board."""
    uow = UnitOfWork(FinsamApp(db))
    day = date.fromisoformat(MEETING)
    book = minutes_book(uow, "solleftea", 2024)
    book.record(MinutesBook.MinutesPosted, uow.at, effective=up, meeting=day, up=up, down=down)
    procedures = opened(uow, ProcedureBook, "solleftea", 2024)
    for member, on in announced.items():
        told = Procedure(kind="announcement", on=on, member=member, meeting=day)
        procedures.record_procedure(told, uow.at)
    uow.commit()


def test_28_a_store_posted_the_old_way_keeps_its_last_day_of_appeal(finsam: Finsam) -> None:
    # the old MinutesPosted alone: 2024-02-23 + 21 days = 2024-03-15, as it answered
    with_minutes(finsam)
    finsam("meeting", "adjust", MEETING, "--on", "2024-02-22")
    record_the_old_way(finsam.db, date(2024, 2, 23), date(2024, 3, 18), {})
    doc = finsam.json("minutes", MEETING)
    assert (doc["posted_up"], doc["posted_down"]) == ("2024-02-23", "2024-03-18")
    assert doc["anslag"]["appeal_last_day"] == "2024-03-15"
    assert finsam.json("procedures", "--year", "2024")["announced"][0]["appeal_ends"] == (
        "2024-03-15"
    )


def test_28_old_posting_and_announcements_give_one_last_day_of_appeal(finsam: Finsam) -> None:
    # as in the issue (2024-03-01 against 2024-03-04): meeting post on Friday 02-23
    # answered 02-23 + 21 days = 2024-03-15, the announcement on rvn's board on Monday
    # 02-26 answered 2024-03-18 for the same minutes; the appeal counts from the last
    # board's anslag, so 03-18 on every face
    with_minutes(finsam)
    finsam("meeting", "adjust", MEETING, "--on", "2024-02-22")
    up, down = date(2024, 2, 23), date(2024, 3, 19)
    record_the_old_way(finsam.db, up, down, {"solleftea": up, "rvn": date(2024, 2, 26)})
    doc = finsam.json("minutes", MEETING)
    assert (doc["posted_up"], doc["anslag"]["appeal_last_day"]) == ("2024-02-26", "2024-03-18")
    [announced] = finsam.json("procedures", "--year", "2024")["announced"]
    assert announced["appeal_ends"] == "2024-03-18"
    [row] = finsam.json("meetings", "--year", "2024")
    assert row["appeal_last_day"] == "2024-03-18"
    assert finsam.json("paragraph", "show", "2024", "1")["appeal_last_day"] == "2024-03-18"
    # the old posting's take-down date stands for the announcement's board too
    assert {b["board"]: b["down"] for b in doc["anslag"]["boards"]} == {
        "rvn": "2024-03-19",
        "solleftea": "2024-03-19",
    }


def test_9_p_7_a_meeting_is_posted_on_the_boards_of_the_charter_of_its_day(
    finsam: Finsam,
) -> None:
    # the charter moves the anslag to the förbund's own anslagstavla from 2024-03-01:
    # the minutes of 2024-02-15 still go on the members' boards (rvn, solleftea)
    with_minutes(finsam)
    finsam("forbund", "charter", "--on", "2024-03-01", "--notice-boards", "own",
           "--source", "förbundsordningen 14 §")  # fmt: skip
    finsam("meeting", "adjust", MEETING, "--on", "2024-02-22")
    own = finsam.fails("meeting", "post", MEETING, "--board", "forbund", "--up", "2024-02-23",
                       "--down", "2024-03-18")  # fmt: skip
    assert "the charter names the members' notice boards" in own.output
    finsam("meeting", "post", MEETING, "--up", "2024-02-23", "--down", "2024-03-18")
    doc = finsam.json("minutes", MEETING)
    assert [b["board"] for b in doc["anslag"]["boards"]] == ["rvn", "solleftea"]
    assert doc["anslag"]["appeal_last_day"] == "2024-03-15"  # 02-23 + 21 days
