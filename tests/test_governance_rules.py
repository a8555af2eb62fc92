"""The förbund's and the minutes book's rules at their edges, through the command path:
ids and names, the board over time (a seat ends on its last day, a successor starts
the day after), quorum as the charter counts it, paragraph numbering, amendments,
adjustment and posting with the law's days, and the recorded moment of every event.

Figures and names: Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt, 1.4
Styrelsen; Mikael Sjölund replaced by Gudrun Sjödin during the year) and Härnösand-
Timrå 2020 (examples/harnosand-timra-2020.toml: five ledamöter, quorum "minst hälften").
Law: minutes adjusted within 14 days (KL 5:69), posted no later than the second day
after (19 §), three weeks of appeal (KL 13:5).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from commands import structs as c
from commands.bus import execute
from commands.journal import import_journal
from finsam_es.errors import Final, NotFound, Refused
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Clock, Refuse, Run, stored

A = c.Amount
KR = 100
MEETING = date(2024, 2, 15)
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="solleftea", kind="municipality", share="25%"),
)
# Sollefteå's ledamöter at the start of 2024 (mandate from 2023-04-01)
BOARD = (
    ("Birgitta Häggkvist", "solleftea"),
    ("Patrik Lockner", "af"),
    ("Mikael Sjölund", "rvn"),
    ("Lina Kempe", "fk"),
)


def seat(name: str, member: str, start: date, **more: Any) -> c.AppointBoardMember:
    return c.AppointBoardMember(name=name, member=member, role="ledamot", start=start, **more)


@pytest.fixture
def sollefteå(run: Run) -> None:
    run(c.CreateForbund(id="solleftea", name="Sollefteå", members=MEMBERS, on=date(2005, 11, 1)))
    for name, member in BOARD:
        run(seat(name, member, date(2023, 4, 1)))


@pytest.fixture
def meeting(sollefteå: None, run: Run) -> None:
    """The meeting of 2024-02-15 with §1 and §2."""
    run(
        c.OpenMeeting(
            meeting=c.MeetingDetails(date=MEETING, present=tuple(name for name, _ in BOARD))
        )
    )
    run(c.AddParagraph(meeting=MEETING, title="Mötets öppnande", text="Öppnat", decisions=("a",)))
    run(c.AddParagraph(meeting=MEETING, title="Val av justerare", text="Lina", decisions=("b",)))


def board(app: FinsamApp, day: date) -> set[str]:
    f = stored(app, Forbund, Forbund.id_for("solleftea"))
    return {s.name for s in f.board_on(day)}


def book(app: FinsamApp) -> MinutesBook:
    return app.repository.get(MinutesBook.id_for("solleftea", 2024))


# == the förbund ==================================================================================


def test_a_forbund_id_may_hold_dashes_and_underscores(app: FinsamApp, run: Run) -> None:
    run(c.CreateForbund(id="harnosand_timra-2", name="Härnösand Timrå", members=MEMBERS))
    assert app.repository.get(Forbund.id_for("harnosand_timra-2")).name == "Härnösand Timrå"


def test_a_forbund_needs_a_name_and_members(refused: Refuse) -> None:
    err = refused(c.CreateForbund(id="solleftea", name=" ", members=MEMBERS))
    assert str(err) == "a förbund needs a name (--name)"
    err = refused(c.CreateForbund(id="solleftea", name="Sollefteå", members=()))
    assert str(err) == "a förbund needs its members (--member ID:KIND:SHARE)"


def test_an_unknown_member_is_named_with_the_members_there_are(
    sollefteå: None, refused: Refuse
) -> None:
    err = refused(seat("Maria Åhlund", "kramfors", date(2024, 1, 1)))
    assert isinstance(err, NotFound)
    assert str(err) == "solleftea has no member 'kramfors' (members: fk, af, rvn, solleftea)"


def test_opening_equity_is_set_once_at_a_year_end(
    sollefteå: None, run: Run, refused: Refuse
) -> None:
    # eget kapital 584 026 kr at 2023-12-31
    err = refused(c.SetOpeningEquity(year_end=date(2023, 12, 30), equity=A(584_026 * KR)))
    assert str(err) == "opening equity is set at a year end (YYYY-12-31), not 2023-12-30"
    run(c.SetOpeningEquity(year_end=date(2023, 12, 31), equity=A(584_026 * KR)))
    err = refused(c.SetOpeningEquity(year_end=date(2024, 12, 31), equity=A(820_526 * KR)))
    assert str(err) == "solleftea already has its opening equity (584 026 kr on 2023-12-31)"


# == the board over time ==========================================================================


def test_a_seat_may_last_one_day(sollefteå: None, run: Run, app: FinsamApp) -> None:
    one_day = c.AppointBoardMember(
        name="Vikarie", member="rvn", role="ersattare", start=date(2024, 6, 1), end=date(2024, 6, 1)
    )
    run(one_day)
    assert "Vikarie" in board(app, date(2024, 6, 1))
    assert "Vikarie" not in board(app, date(2024, 6, 2))


def test_a_successor_starts_the_day_after_the_last_day(
    sollefteå: None, run: Run, refused: Refuse, app: FinsamApp
) -> None:
    # Region Västernorrland: Mikael Sjölund's last day 2024-05-31, Gudrun Sjödin from 06-01
    run(c.LeaveBoard(name="Mikael Sjölund", on=date(2024, 5, 31)))
    err = refused(seat("Gudrun Sjödin", "rvn", date(2024, 5, 31)))
    assert isinstance(err, Refused)
    assert str(err) == (
        "rvn has 1 ledamot seat by the charter (lag 2003:1210 10 §), held by Mikael Sjölund "
        'from 2023-04-01; end a seat first (finsam board leave "Mikael Sjölund" --on DATE) '
        "or give the member more seats in the charter"
    )
    run(seat("Gudrun Sjödin", "rvn", date(2024, 6, 1)))
    assert "Mikael Sjölund" in board(app, date(2024, 5, 31))
    assert board(app, date(2024, 6, 1)) == {
        "Birgitta Häggkvist",
        "Patrik Lockner",
        "Gudrun Sjödin",
        "Lina Kempe",
    }


def test_a_seat_ending_on_the_day_another_begins_overlaps_it(
    sollefteå: None, run: Run, refused: Refuse
) -> None:
    # Sandra Formgren, the region's ersättare from 2024-06-01; a stand-in until 06-01
    # would hold the same seat on that day.
    def ersattare(name: str, start: date, end: date | None = None) -> c.AppointBoardMember:
        return c.AppointBoardMember(name=name, member="rvn", role="ersattare", start=start, end=end)

    run(ersattare("Sandra Formgren", date(2024, 6, 1)))
    err = refused(ersattare("Vikarie", date(2024, 1, 1), date(2024, 6, 1)))
    assert "held by Sandra Formgren from 2024-06-01" in str(err)
    run(ersattare("Vikarie", date(2024, 1, 1), date(2024, 5, 31)))


def test_every_seat_is_checked_not_only_the_first_that_overlaps(
    sollefteå: None, run: Run, refused: Refuse
) -> None:
    # After the change, the region's first seat (Sjölund, ended) does not overlap July;
    # the second (Sjödin) does.
    run(c.LeaveBoard(name="Mikael Sjölund", on=date(2024, 5, 31)))
    run(seat("Gudrun Sjödin", "rvn", date(2024, 6, 1)))
    err = refused(seat("Sandra Formgren", "rvn", date(2024, 7, 1)))
    assert (
        "rvn has 1 ledamot seat by the charter (lag 2003:1210 10 §), held by Gudrun Sjödin from 2024-06-01"
        in str(err)
    )


def test_a_seat_ends_once_and_not_before_it_began(
    sollefteå: None, run: Run, refused: Refuse, app: FinsamApp
) -> None:
    run(
        c.AppointBoardMember(name="Vikarie", member="rvn", role="ersattare", start=date(2024, 6, 1))
    )
    err = refused(c.LeaveBoard(name="Vikarie", on=date(2024, 5, 31)))
    assert str(err) == "Vikarie took the seat on 2024-06-01; cannot leave on 2024-05-31"
    run(c.LeaveBoard(name="Vikarie", on=date(2024, 6, 1)))  # the first day is the last
    assert "Vikarie" in board(app, date(2024, 6, 1))
    err = refused(c.LeaveBoard(name="Vikarie", on=date(2024, 6, 1)))
    assert isinstance(err, NotFound)
    assert str(err) == "Vikarie holds no seat on the board of solleftea after 2024-06-01"


def test_quorum_more_than_half_of_five_ledamoter(run: Run) -> None:
    # Härnösand-Timrå: five ledamöter. The law (KL 6:27 through lag 2003:1210 19 §) asks
    # more than half, whatever the charter's "minst hälften" says: two of five is not
    # (2 × 2 < 5), three is (3 × 2 > 5).
    ht = (
        c.MemberSpec(id="fk", kind="state", share="25%"),
        c.MemberSpec(id="af", kind="state", share="25%"),
        c.MemberSpec(id="rvn", kind="region", share="25%"),
        c.MemberSpec(id="harnosand", kind="municipality", share="12.5%"),
        c.MemberSpec(id="timra", kind="municipality", share="12.5%"),
    )
    run(c.CreateForbund(id="ht", name="Härnösand Timrå", members=ht, quorum="at_least_half"))
    names = {
        "timra": "Lars Kempe",
        "harnosand": "Nina Skyttberg",
        "fk": "Anna Reinholdsson Lundberg",
        "af": "Mats Höglund",
        "rvn": "Hans Skimmermo",
    }
    for member, name in names.items():
        run(seat(name, member, date(2019, 4, 1)))
    two = run(
        c.OpenMeeting(
            meeting=c.MeetingDetails(
                date=date(2020, 8, 27), present=("Lars Kempe", "Nina Skyttberg")
            )
        )
    )
    assert two.warnings == [
        "quorum: 2 of 5 ledamöter present, 3 needed (more than half, KL 6:27 and "
        "lag 2003:1210 19 §) on 2020-08-27"
    ]
    present = ("Lars Kempe", "Nina Skyttberg", "Mats Höglund")
    assert (
        run(
            c.OpenMeeting(meeting=c.MeetingDetails(date=date(2020, 8, 28), present=present))
        ).warnings
        == []
    )


# == paragraphs ===================================================================================


def test_numbering_runs_on_from_earlier_meetings_not_within_one(meeting: None, run: Run) -> None:
    # §2 then §1 at the same meeting is the secretary's order, not a numbering error
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 3, 14))))
    assert run(c.AddParagraph(meeting=date(2024, 3, 14), title="B", number=5)).warnings == []
    assert run(c.AddParagraph(meeting=date(2024, 3, 14), title="A", number=4)).warnings == []
    # §3 in April comes after March's §4-§5
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 4, 18))))
    late = run(c.AddParagraph(meeting=date(2024, 4, 18), title="C", number=3))
    assert late.warnings == [
        "§3 comes after §5 of an earlier meeting in 2024; numbering runs on through the year"
    ]


def test_a_paragraph_needs_a_title(meeting: None, refused: Refuse) -> None:
    err = refused(c.AddParagraph(meeting=MEETING, title="  "))
    assert str(err) == "a paragraph needs a title (--title)"


def test_a_member_with_a_conflict_of_interest_listed_as_deciding_is_warned(
    meeting: None, run: Run
) -> None:
    deciding = ("Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund")
    conflict = ("Birgitta Häggkvist",)
    command = c.AddParagraph(
        meeting=MEETING, title="SamCoach", conflict=conflict, deciding=deciding
    )
    assert run(command).warnings == [
        "§3: Birgitta Häggkvist has a conflict of interest (jäv) but is listed as deciding; "
        "leave her out of --deciding"
    ]


def test_an_amendment_changes_only_what_it_names(meeting: None, run: Run, app: FinsamApp) -> None:
    run(c.AmendParagraph(year=2024, number=1, on=MEETING, title="Mötets öppnande och upprop"))
    run(c.AmendParagraph(year=2024, number=2, on=MEETING, text="Lina Kempe"))
    run(c.AmendParagraph(year=2024, number=2, on=MEETING, decisions=("c",)))
    first, second = book(app).paragraph(1), book(app).paragraph(2)
    assert (first.title, first.text, first.decisions) == (
        "Mötets öppnande och upprop",
        "Öppnat",
        ("a",),
    )
    assert (second.title, second.text, second.decisions) == (
        "Val av justerare",
        "Lina Kempe",
        ("c",),
    )


def test_adjusted_minutes_are_final(meeting: None, run: Run, refused: Refuse) -> None:
    run(c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)))
    err = refused(c.AddParagraph(meeting=MEETING, title="Sent"))
    assert isinstance(err, Final)
    assert str(err) == (
        "the minutes of 2024-02-15 were adjusted on 2024-02-20: they are final; record a "
        "correction at a later meeting (--corrects YEAR:N)"
    )
    final = (
        "§1 (2024) was adjusted on 2024-02-20: it is final and cannot be {}; record a "
        "correction at a later meeting (--corrects 2024:1)"
    )
    err = refused(c.AmendParagraph(year=2024, number=1, on=date(2024, 2, 21), title="X"))
    assert str(err) == final.format("changed")
    err = refused(c.RenumberParagraph(year=2024, number=1, to=9, on=date(2024, 2, 21)))
    assert str(err) == final.format("renumbered")


def test_a_paragraph_is_renumbered_to_a_positive_number_never_used(
    sollefteå: None, run: Run, refused: Refuse, app: FinsamApp
) -> None:
    # the book's first paragraph was typed in as §5; §1 has never been used
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=MEETING)))
    run(c.AddParagraph(meeting=MEETING, title="Mötets öppnande", number=5))
    err = refused(c.RenumberParagraph(year=2024, number=5, to=0, on=MEETING))
    assert str(err) == "§0 is not a paragraph number"
    run(c.RenumberParagraph(year=2024, number=5, to=1, on=MEETING))
    assert sorted(book(app).paragraphs) == [1]
    err = refused(c.RenumberParagraph(year=2024, number=1, to=5, on=MEETING))
    assert str(err) == "§5 is already used in 2024"


def test_a_meeting_is_closed_once(meeting: None, run: Run, refused: Refuse) -> None:
    run(c.CloseMeeting(date=MEETING))
    assert (
        str(refused(c.CloseMeeting(date=MEETING))) == "the meeting of 2024-02-15 is already closed"
    )


# == adjustment and posting =========================================================================


def test_kl_8_12_taken_down_on_the_last_day_of_appeal_is_too_early(
    meeting: None, run: Run, app: FinsamApp
) -> None:
    run(c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)))
    # KL 8:12: up until the time to appeal has run; the three weeks (KL 13:5) from Tuesday
    # 02-20 run through Tuesday 03-12, so the anslag may come down on 03-13
    early = run(c.PostMinutes(date=MEETING, up=date(2024, 2, 20), down=date(2024, 3, 12)))
    assert early.warnings == [
        "taken down from the notice board on 2024-03-12; it stays up until the time to "
        "appeal has run, through 2024-03-12 (KL 8:12): 2024-03-13 at the earliest"
    ]
    assert {(a.up, a.down) for a in book(app).anslag} == {(date(2024, 2, 20), date(2024, 3, 12))}


def test_kl_8_12_up_on_the_adjustment_day_and_down_the_day_after_appeal_is_in_time(
    meeting: None, run: Run
) -> None:
    run(c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)))
    ok = run(c.PostMinutes(date=MEETING, up=date(2024, 2, 20), down=date(2024, 3, 13)))
    assert ok.warnings == []


def test_posting_on_the_second_day_is_in_time_and_a_day_up_is_too_short(
    meeting: None, run: Run
) -> None:
    run(c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)))
    # up 2024-02-22 (the second day after), down the same day: the three weeks have not run
    posted = run(c.PostMinutes(date=MEETING, up=date(2024, 2, 22), down=date(2024, 2, 22)))
    assert posted.warnings == [
        "taken down from the notice board on 2024-02-22; it stays up until the time to "
        "appeal has run, through 2024-03-14 (KL 8:12): 2024-03-15 at the earliest"
    ]


def test_an_assignment_is_completed_on_its_meeting_day_at_the_earliest(
    meeting: None, run: Run, refused: Refuse, app: FinsamApp
) -> None:
    assignment = c.AssignmentSpec(who="Förbundschefen", what="rapport i maj")
    run(c.AddParagraph(meeting=MEETING, title="Uppdrag", assignments=(assignment,)))
    err = refused(c.CompleteAssignment(year=2024, number=3, on=date(2024, 2, 14)))
    assert str(err) == "an assignment given on 2024-02-15 cannot be completed on 2024-02-14"
    run(c.CompleteAssignment(year=2024, number=3, on=MEETING))
    assert book(app).paragraph(3).completed_on == (MEETING,)


# == the recorded moment =============================================================================


def test_every_governance_event_carries_its_commands_moment(
    app: FinsamApp, clock: Clock, tmp_path: Path
) -> None:
    """Each command reads the clock once; all its events carry that reading."""

    def stamped(command: c.Command) -> set[str]:
        first = app.event_count() + 1
        execute(app, command)
        events = [e for _, e in app.read(first)]
        assert {e.timestamp for e in events} == {clock.now}, type(command).__name__
        return {e.__class__.__qualname__ for e in events}

    stamped(c.CreateForbund(id="solleftea", name="S", members=MEMBERS, on=date(2005, 11, 1)))
    assert stamped(seat("Mikael Sjölund", "rvn", date(2023, 4, 1))) == {
        "Forbund.BoardMemberAppointed"
    }
    assert stamped(c.LeaveBoard(name="Mikael Sjölund", on=date(2024, 5, 31))) == {
        "Forbund.BoardMemberLeft"
    }
    stamped(c.SetOpeningEquity(year_end=date(2023, 12, 31), equity=A(584_026 * KR)))
    assert "MinutesBook.MeetingOpened" in stamped(
        c.OpenMeeting(meeting=c.MeetingDetails(date=MEETING))
    )
    assignment = c.AssignmentSpec(who="Förbundschefen", what="rapport")
    for command, name in (
        (c.AddParagraph(meeting=MEETING, title="A", assignments=(assignment,)), "ParagraphAdded"),
        (c.AmendParagraph(year=2024, number=1, on=MEETING, title="B"), "ParagraphAmended"),
        (c.RenumberParagraph(year=2024, number=1, to=2, on=MEETING), "ParagraphRenumbered"),
        (c.CloseMeeting(date=MEETING), "MeetingClosed"),
        (c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)), "MinutesAdjusted"),
        (
            c.PostMinutes(date=MEETING, up=date(2024, 2, 21), down=date(2024, 3, 14)),
            "AnslagPosted",
        ),
        (c.CompleteAssignment(year=2024, number=2, on=date(2024, 5, 16)), "AssignmentCompleted"),
    ):
        assert stamped(command) == {f"MinutesBook.{name}"}
    # a grant notes the insats's years in the förbund's index in the same moment
    stamped(
        c.ReceiveApplication(
            insats="bip",
            amount=A(120_000 * KR),
            start=date(2024, 1, 1),
            end=date(2024, 12, 31),
            on=date(2024, 1, 5),
        )
    )
    stamped(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2024, 3, 14))))
    grant = c.AddParagraph(
        meeting=date(2024, 3, 14), title="BIP", effects=(c.GrantFunds(insats="bip"),)
    )
    assert "Forbund.InsatsYearsNoted" in stamped(grant)
    # an imported journal marks its entries in the store's side table, not in the förbund
    other = FinsamApp(str(tmp_path / "import.db"), clock=clock)
    first = other.event_count() + 1
    import_journal(other, EXAMPLES / "harnosand-timra-2020.toml")
    marks = [e for _, e in other.read(first) if isinstance(e, Forbund.JournalEntriesImported)]
    assert marks == []


def test_the_insats_index_notes_a_year_once(app: FinsamApp, run: Run) -> None:
    # BIP granted 120 000 kr for 2024, then 30 000 kr more in the same year: 2024 is noted
    # once, at the first grant.
    run(c.CreateForbund(id="solleftea", name="S", members=MEMBERS, on=date(2005, 11, 1)))
    run(
        c.ReceiveApplication(
            insats="bip",
            amount=A(120_000 * KR),
            start=date(2024, 1, 1),
            end=date(2024, 12, 31),
            on=date(2023, 10, 16),
        )
    )
    run(c.OpenMeeting(meeting=c.MeetingDetails(date=date(2023, 11, 23))))
    for amount in (120_000, 30_000):
        grant = c.GrantFunds(insats="bip", amount=A(amount * KR))
        run(c.AddParagraph(meeting=date(2023, 11, 23), title="BIP", effects=(grant,)))
    noted = [e.years for _, e in app.read() if isinstance(e, Forbund.InsatsYearsNoted)]
    assert noted == [(2024,)]
