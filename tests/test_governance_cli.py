"""Governance end to end through the `finsam` command (the `finsam` fixture).

Queries are read with ``--format json``; warnings and errors are read from stderr.
The förbund is Sollefteå with its board at the start of 2024
(seeds/solleftea-arsredovisning-2024.txt); the mandate start 2023-04-01 and the
date Gudrun Sjödin replaced Mikael Sjölund (2024-06-01) are assumed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest

from cli.main import cli
from tests.conftest import Finsam

MEETING = "2024-02-15"
LATER = "2024-04-18"
PARAGRAPH_CONTRACT = {"year", "number", "meeting", "title", "decisions", "adjusted", "posted"}

MEMBERS = (
    "--member",
    "fk:state:25%:Försäkringskassan",
    "--member",
    "af:state:25%:Arbetsförmedlingen",
    "--member",
    "rvn:region:25%:Region Västernorrland",
    "--member",
    "solleftea:municipality:25%:Sollefteå kommun",
)
BOARD = (
    ("Birgitta Häggkvist", "solleftea", ("--chair",)),
    ("Patrik Lockner", "af", ("--vice-chair",)),
    ("Mikael Sjölund", "rvn", ()),
    ("Lina Kempe", "fk", ()),
)
PRESENT = tuple(a for name, _, _ in BOARD for a in ("--present", name))


@pytest.fixture
def solleftea(finsam: Any) -> Any:
    """Sollefteå with its 2024 board; returns the `finsam` runner."""
    finsam(
        "forbund",
        "create",
        "solleftea",
        "--name",
        "Samordningsförbundet Sollefteå",
        *MEMBERS,
        "--on",
        "2005-11-01",
    )
    for name, member, flags in BOARD:
        finsam(
            "board",
            "appoint",
            name,
            "--member",
            member,
            "--role",
            "ledamot",
            "--from",
            "2023-04-01",
            *flags,
        )
    return finsam


@pytest.fixture
def meeting(solleftea: Any) -> Any:
    """...and a meeting on 2024-02-15 with the whole board present."""
    solleftea(
        "meeting",
        "open",
        MEETING,
        "--place",
        "Sollefteå",
        "--time",
        "13.00-15.00",
        "--chair",
        "Birgitta Häggkvist",
        "--secretary",
        "Förbundschefen",
        "--adjuster",
        "Patrik Lockner",
        *PRESENT,
    )
    return solleftea


def show(finsam: Any, number: int, year: int = 2024) -> dict[str, Any]:
    return finsam.json("paragraph", "show", str(year), str(number))


def error_lines(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def assert_refused(finsam: Any, *args: str, match: str) -> None:
    """Exit code != 0, one line on stderr naming the reason, nothing stored."""
    before = finsam.events()
    result = finsam.fails(*args)
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:")
    assert match in lines[0]
    assert finsam.events() == before


# -- förbund -------------------------------------------------------------------------------------


def test_forbund_create_stores_and_shows_members(finsam: Any) -> None:
    result = finsam(
        "forbund", "create", "solleftea", "--name", "Samordningsförbundet Sollefteå", *MEMBERS
    )
    assert "förbund solleftea created" in result.stderr
    assert finsam.events() == 3
    shown = finsam.json("forbund", "show")
    assert shown["id"] == "solleftea"
    assert shown["quorum"] == "more_than_half"  # KL 6:27 through lag 2003:1210 19 §
    assert [(m["id"], m["kind"], m["share"]) for m in shown["members"]] == [
        ("fk", "state", 25),
        ("af", "state", 25),
        ("rvn", "region", 25),
        ("solleftea", "municipality", 25),
    ]
    assert shown["members"][2]["name"] == "Region Västernorrland"


def test_forbund_create_harnosand_timra_shares(finsam: Any) -> None:
    finsam(
        "forbund",
        "create",
        "harnosand-timra",
        "--name",
        "Samordningsförbundet Härnösand Timrå",
        "--member",
        "fk:state:25%",
        "--member",
        "af:state:25%",
        "--member",
        "rvn:region:25%",
        "--member",
        "harnosand:municipality:12.5%",
        "--member",
        "timra:municipality:12,5%",
    )
    shares = [m["share"] for m in finsam.json("forbund", "show")["members"]]
    assert shares == [25, 25, 25, 12.5, 12.5]


def test_forbund_create_with_unlawful_shares_is_refused_with_the_reason(finsam: Any) -> None:
    assert_refused(
        finsam,
        "forbund",
        "create",
        "x",
        "--name",
        "X",
        "--member",
        "fk:state:45%",
        "--member",
        "rvn:region:25%",
        "--member",
        "k:municipality:30%",
        match="state members (FK and AF) hold 45 %, the law says 50 %",
    )
    assert finsam.events() == 0


def test_forbund_create_with_a_bad_member_kind_is_refused(finsam: Any) -> None:
    assert_refused(
        finsam,
        "forbund",
        "create",
        "x",
        "--name",
        "X",
        "--member",
        "fk:staten:50%",
        match="member kind 'staten'",
    )


def test_forbund_list_shows_every_forbund(solleftea: Any) -> None:
    solleftea("forbund", "create", "harnosand-timra", "--name", "HT", *MEMBERS)
    assert solleftea.json("forbund", "list") == {"forbund": ["solleftea", "harnosand-timra"]}


def test_second_forbund_makes_forbund_option_necessary(solleftea: Any) -> None:
    solleftea("forbund", "create", "harnosand-timra", "--name", "HT", *MEMBERS)
    assert_refused(solleftea, "meeting", "open", MEETING, match="--forbund")
    solleftea("--forbund", "solleftea", "meeting", "open", MEETING)
    solleftea("meeting", "open", "2020-08-28", "--forbund", "harnosand-timra")
    board = solleftea.json("--forbund", "solleftea", "board", "--as-of", MEETING)
    assert board["forbund"] == "solleftea"


# -- board -------------------------------------------------------------------------------------


def test_board_as_of_json_lists_seats_chair_first(solleftea: Any) -> None:
    report = solleftea.json("board", "--as-of", "2024-01-01")
    assert report["as_of"] == "2024-01-01"
    seats = report["seats"]
    assert [s["name"] for s in seats][:2] == ["Birgitta Häggkvist", "Patrik Lockner"]
    assert seats[0]["chair"] is True and seats[1]["vice_chair"] is True
    assert {s["name"] for s in seats} == {name for name, _, _ in BOARD}
    mikael = next(s for s in seats if s["name"] == "Mikael Sjölund")
    assert mikael["member_name"] == "Region Västernorrland"
    assert (mikael["from"], mikael["to"]) == ("2023-04-01", None)


def test_board_leave_and_successor_as_of_before_and_after(solleftea: Any) -> None:
    solleftea("board", "leave", "Mikael Sjölund", "--on", "2024-05-31")
    solleftea(
        "board",
        "appoint",
        "Gudrun Sjödin",
        "--member",
        "rvn",
        "--role",
        "ledamot",
        "--from",
        "2024-06-01",
    )
    before = {s["name"]: s for s in solleftea.json("board", "--as-of", "2024-05-31")["seats"]}
    after = {s["name"]: s for s in solleftea.json("board", "--as-of", "2024-06-01")["seats"]}
    assert before["Mikael Sjölund"]["to"] == "2024-05-31"
    assert "Gudrun Sjödin" not in before
    assert "Mikael Sjölund" not in after
    assert after["Gudrun Sjödin"]["member"] == "rvn"


def test_board_appoint_second_ledamot_for_a_member_is_refused(solleftea: Any) -> None:
    assert_refused(
        solleftea,
        "board",
        "appoint",
        "Gudrun Sjödin",
        "--member",
        "rvn",
        "--role",
        "ledamot",
        "--from",
        "2024-06-01",
        match="rvn has 1 ledamot seat by the charter (lag 2003:1210 10 §), held by Mikael Sjölund",
    )


def test_board_appoint_an_ersattare_as_chair_is_refused(solleftea: Any) -> None:
    # Lag 2003:1210 17 §: the chair is chosen among the ledamöter.
    assert_refused(
        solleftea,
        "board",
        "appoint",
        "Susanne Lindahl",
        "--member",
        "solleftea",
        "--role",
        "ersattare",
        "--chair",
        "--from",
        "2024-01-01",
        match="the chair is chosen among the ledamöter (lag 2003:1210 17 §)",
    )


def test_board_leave_of_an_unknown_name_is_refused(solleftea: Any) -> None:
    assert_refused(
        solleftea,
        "board",
        "leave",
        "Gudrun Sjödin",
        "--on",
        "2024-05-31",
        match="holds no seat",
    )


# -- meetings -----------------------------------------------------------------------------------


def test_meeting_open_with_too_few_present_warns_on_stderr(solleftea: Any) -> None:
    result = solleftea("meeting", "open", MEETING, "--present", "Lina Kempe")
    assert "warning:" in result.stderr
    assert "quorum: 1 of 4 ledamöter present, 3 needed" in result.stderr
    assert "meeting 2024-02-15 opened" in result.stderr


def test_meeting_open_with_quorum_does_not_warn(meeting: Any) -> None:
    # KL 6:27: three of four ledamöter is more than half.
    present = ("--present", "Lina Kempe", "--present", "Mikael Sjölund")
    result = meeting("meeting", "open", LATER, *present, "--present", "Patrik Lockner")
    assert "warning" not in result.stderr


def test_meeting_open_twice_is_refused(meeting: Any) -> None:
    assert_refused(meeting, "meeting", "open", MEETING, match="already has a meeting on 2024-02-15")


def test_meeting_close_adjust_post_in_time_without_warnings(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Mötets öppnande")
    closed = meeting("meeting", "close", MEETING)
    adjusted = meeting("meeting", "adjust", MEETING, "--on", "2024-02-20")
    posted = meeting("meeting", "post", MEETING, "--up", "2024-02-21", "--down", "2024-03-14")
    for result in (closed, adjusted, posted):
        assert "warning" not in result.stderr
    doc = meeting.json("minutes", MEETING)
    assert (doc["closed"], doc["adjusted"], doc["posted_up"], doc["posted_down"]) == (
        MEETING,
        "2024-02-20",
        "2024-02-21",
        "2024-03-14",
    )


def test_late_adjustment_warns_on_stderr(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "A")
    result = meeting("meeting", "adjust", MEETING, "--on", "2024-03-01")
    assert "warning:" in result.stderr
    assert "adjusted 15 days after the meeting" in result.stderr


def test_late_posting_and_early_take_down_warn_on_stderr(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "A")
    meeting("meeting", "adjust", MEETING, "--on", "2024-02-20")
    result = meeting("meeting", "post", MEETING, "--up", "2024-02-26", "--down", "2024-03-04")
    # KL 8:12: due by Thursday 02-22; up through the appeal time, to 03-18 (KL 13:5)
    assert "after 2024-02-22: the adjustment on 2024-02-20" in result.stderr
    assert "through 2024-03-18 (KL 8:12)" in result.stderr


def test_posting_before_adjustment_is_refused(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "A")
    assert_refused(
        meeting,
        "meeting",
        "post",
        MEETING,
        "--up",
        "2024-02-21",
        "--down",
        "2024-03-14",
        match="not adjusted yet",
    )


def test_adjusting_a_meeting_that_does_not_exist_is_refused(meeting: Any) -> None:
    assert_refused(
        meeting,
        "meeting",
        "adjust",
        LATER,
        "--on",
        LATER,
        match="no meeting of solleftea on 2024-04-18",
    )


# -- paragraphs ---------------------------------------------------------------------------------


def test_paragraph_add_numbers_automatically_through_the_year(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Mötets öppnande")
    meeting("paragraph", "add", MEETING, "--title", "Val av justerare")
    meeting("meeting", "open", LATER)
    meeting("paragraph", "add", LATER, "--title", "Mötets öppnande")
    assert [show(meeting, n)["meeting"] for n in (1, 2, 3)] == [MEETING, MEETING, LATER]
    assert show(meeting, 3)["title"] == "Mötets öppnande"


def test_paragraph_add_with_number_and_next_continues_from_it(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Mötets öppnande", "--number", "22")
    meeting("paragraph", "add", MEETING, "--title", "Val av justerare")
    assert show(meeting, 23)["title"] == "Val av justerare"


def test_paragraph_add_with_a_used_number_is_refused(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "A", "--number", "5")
    assert_refused(
        meeting,
        "paragraph",
        "add",
        MEETING,
        "--title",
        "B",
        "--number",
        "5",
        match="§5 is already used in 2024",
    )


def test_paragraph_add_to_a_meeting_that_does_not_exist_is_refused(meeting: Any) -> None:
    meeting("meeting", "open", LATER)
    assert_refused(
        meeting,
        "paragraph",
        "add",
        "2024-04-19",
        "--title",
        "A",
        match="no meeting of solleftea on 2024-04-19",
    )


def test_paragraph_show_json_has_the_contract_keys_before_adjustment(meeting: Any) -> None:
    meeting(
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Delårsrapport",
        "--decision",
        "Styrelsen beslutar att fastställa delårsrapporten.",
    )
    view = show(meeting, 1)
    assert set(view) >= PARAGRAPH_CONTRACT
    assert view["year"] == 2024 and view["number"] == 1
    assert view["meeting"] == MEETING
    assert view["title"] == "Delårsrapport"
    assert view["decisions"] == ["Styrelsen beslutar att fastställa delårsrapporten."]
    assert view["adjusted"] is None
    assert view["posted"] is None


def test_paragraph_show_json_has_dates_after_adjustment_and_posting(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Delårsrapport")
    meeting("meeting", "adjust", MEETING, "--on", "2024-02-20")
    meeting("meeting", "post", MEETING, "--up", "2024-02-21", "--down", "2024-03-14")
    view = show(meeting, 1)
    assert set(view) >= PARAGRAPH_CONTRACT
    assert (view["adjusted"], view["posted"]) == ("2024-02-20", "2024-02-21")


def test_paragraph_show_of_a_missing_paragraph_is_refused(meeting: Any) -> None:
    result = meeting.fails("paragraph", "show", "2024", "9", "--format", "json")
    assert result.stdout == ""
    assert "§9 does not exist in 2024" in result.stderr


def test_paragraph_add_with_assignment_and_due(meeting: Any) -> None:
    meeting(
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Verksamhetsplan 2025",
        "--assign",
        "Förbundschefen: ta fram en plan för 2025",
        "--due",
        "2024-05-15",
    )
    [a] = show(meeting, 1)["assignments"]
    assert a == {
        "who": "Förbundschefen",
        "what": "ta fram en plan för 2025",
        "due": "2024-05-15",
        "done": False,
    }


def test_paragraph_add_with_a_malformed_assignment_is_refused(meeting: Any) -> None:
    assert_refused(
        meeting,
        "paragraph",
        "add",
        MEETING,
        "--title",
        "A",
        "--assign",
        "Förbundschefen",
        match="--assign",
    )


def test_paragraph_add_with_dissent(meeting: Any) -> None:
    result = meeting("paragraph", "add", MEETING, "--title", "Budget", "--dissent", "Lina Kempe")
    assert "warning" not in result.stderr
    assert show(meeting, 1)["dissent"] == ["Lina Kempe"]


def test_paragraph_add_with_conflict_takes_her_out_of_those_deciding(meeting: Any) -> None:
    # KL 6:28: one with jäv takes no part in the matter; --conflict alone says so, and
    # the § lists her among those with jäv, not among those deciding.
    result = meeting(
        "paragraph", "add", MEETING, "--title", "Bevilja medel", "--conflict", "Birgitta Häggkvist"
    )
    assert "jäv" not in result.stderr
    shown = show(meeting, 1)
    assert shown["conflict"] == ["Birgitta Häggkvist"]
    assert "Birgitta Häggkvist" not in shown["present"]


def test_paragraph_add_with_conflict_of_one_named_deciding_warns(meeting: Any) -> None:
    result = meeting(
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Bevilja medel",
        "--conflict",
        "Birgitta Häggkvist",
        "--deciding",
        "Birgitta Häggkvist",
        "--deciding",
        "Patrik Lockner",
    )
    assert "Birgitta Häggkvist has a conflict of interest (jäv)" in result.stderr
    assert "leave her out of --deciding" in result.stderr


def test_paragraph_add_with_conflict_and_deciding_does_not_warn(meeting: Any) -> None:
    result = meeting(
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Bevilja medel",
        "--conflict",
        "Birgitta Häggkvist",
        "--deciding",
        "Patrik Lockner",
        "--deciding",
        "Mikael Sjölund",
        "--deciding",
        "Lina Kempe",
    )
    assert "warning" not in result.stderr


def test_paragraph_add_corrects_an_adjusted_paragraph_at_a_later_meeting(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Budget")
    meeting("meeting", "adjust", MEETING, "--on", "2024-02-20")
    meeting("meeting", "open", LATER)
    meeting("paragraph", "add", LATER, "--title", "Rättelse av §1", "--corrects", "2024:1")
    assert show(meeting, 2)["corrects"] == "2024:1"
    assert show(meeting, 1)["corrected_by"] == ["2024:2"]


def test_paragraph_add_corrects_at_the_same_meeting_is_refused(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Budget")
    assert_refused(
        meeting,
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Rättelse",
        "--corrects",
        "2024:1",
        match="later meeting",
    )


def test_paragraph_add_corrects_with_a_bad_reference_is_refused(meeting: Any) -> None:
    assert_refused(
        meeting,
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Rättelse",
        "--corrects",
        "45",
        match="YEAR:N",
    )


def test_paragraph_amend_before_adjustment_changes_the_title(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Budget")
    meeting("paragraph", "amend", "2024", "1", "--title", "Budget 2025", "--on", MEETING)
    assert show(meeting, 1)["title"] == "Budget 2025"


def test_paragraph_renumber_before_adjustment_moves_it(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Budget")
    meeting("paragraph", "renumber", "2024", "1", "--to", "7", "--on", MEETING)
    assert show(meeting, 7)["title"] == "Budget"
    assert_refused(
        meeting,
        "paragraph",
        "add",
        MEETING,
        "--title",
        "B",
        "--number",
        "1",
        match="renumbered away",
    )


@pytest.fixture
def adjusted(meeting: Any) -> Any:
    meeting("paragraph", "add", MEETING, "--title", "Budget")
    meeting("meeting", "adjust", MEETING, "--on", "2024-02-20")
    return meeting


def test_paragraph_add_after_adjustment_is_refused(adjusted: Any) -> None:
    assert_refused(
        adjusted, "paragraph", "add", MEETING, "--title", "Övrigt", match="adjusted on 2024-02-20"
    )


def test_paragraph_amend_after_adjustment_is_refused(adjusted: Any) -> None:
    assert_refused(
        adjusted,
        "paragraph",
        "amend",
        "2024",
        "1",
        "--title",
        "X",
        match="was adjusted on 2024-02-20",
    )


def test_paragraph_renumber_after_adjustment_is_refused(adjusted: Any) -> None:
    assert_refused(
        adjusted,
        "paragraph",
        "renumber",
        "2024",
        "1",
        "--to",
        "9",
        match="was adjusted on 2024-02-20",
    )


def test_immediate_adjustment_of_one_paragraph_leaves_the_others_editable(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Mötets öppnande")
    meeting("paragraph", "add", MEETING, "--title", "Bevilja medel SamCoach")
    result = meeting("meeting", "adjust", MEETING, "--on", MEETING, "--paragraph", "2")
    assert "§2 adjusted on 2024-02-15" in result.stderr
    view = show(meeting, 2)
    assert view["adjusted"] == MEETING and view["immediately_adjusted"] is True
    assert show(meeting, 1)["adjusted"] is None
    assert_refused(meeting, "paragraph", "amend", "2024", "2", "--title", "X", match="adjusted")
    meeting("paragraph", "amend", "2024", "1", "--title", "Mötets öppnande och närvaro")
    assert show(meeting, 1)["title"] == "Mötets öppnande och närvaro"


# -- minutes ------------------------------------------------------------------------------------


@pytest.fixture
def posted(meeting: Any) -> Any:
    meeting(
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Mötets öppnande",
        "--decision",
        "Styrelsen förklarar sammanträdet öppnat.",
    )
    meeting("paragraph", "add", MEETING, "--title", "Delårsrapport", "--dissent", "Lina Kempe")
    meeting("meeting", "close", MEETING)
    meeting("meeting", "adjust", MEETING, "--on", "2024-02-20")
    meeting("meeting", "post", MEETING, "--up", "2024-02-21", "--down", "2024-03-14")
    return meeting


def test_minutes_text_has_the_protocol_header(posted: Any) -> None:
    text = posted("minutes", MEETING).stdout
    assert "PROTOKOLL" in text and "Samordningsförbundet Sollefteå" in text
    for label in ("Plats och tid", "Beslutande", "Utses att justera", "Paragrafer", "Justerare"):
        assert f"{label}:" in text
    assert "Sollefteå, 2024-02-15 kl. 13.00-15.00" in text
    assert "Birgitta Häggkvist (ordförande)" in text
    assert "§1–§2" in text
    assert "Datum då anslaget sätts upp:     2024-02-21" in text
    # 2024-02-21 + 3 weeks = Wednesday 2024-03-13, the last day to appeal
    assert "Datum då anslaget tas ned:       2024-03-14 (tidigast 2024-03-14)" in text
    assert "Sista dag för överklagande:      2024-03-13" in text
    assert "Reservation: Lina Kempe" in text


def test_minutes_markdown(posted: Any) -> None:
    text = posted("minutes", MEETING, "--format", "markdown").stdout
    assert text.startswith("# PROTOKOLL Samordningsförbundet Sollefteå")
    assert "**Plats och tid:**" in text
    assert "### §1 Mötets öppnande" in text
    assert "## Underskrifter" in text and "## ANSLAG/BEVIS" in text


def test_minutes_json(posted: Any) -> None:
    doc = posted.json("minutes", MEETING)
    assert doc["forbund"] == "solleftea"
    assert doc["date"] == MEETING
    assert doc["paragraphs_range"] == "§1–§2"
    assert doc["adjusters"] == ["Patrik Lockner"]
    assert "Förbundschefen (sekreterare)" in doc["others"]
    assert [p["number"] for p in doc["paragraphs"]] == [1, 2]
    assert all(p["posted"] == "2024-02-21" for p in doc["paragraphs"])


def test_minutes_of_a_day_without_meeting_is_refused(posted: Any) -> None:
    result = posted.fails("minutes", "2024-02-16")
    assert "no meeting of solleftea on 2024-02-16" in result.stderr


# -- assignments ---------------------------------------------------------------------------------


@pytest.fixture
def assigned(meeting: Any) -> Any:
    meeting(
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Verksamhetsplan 2025",
        "--assign",
        "Förbundschefen: ta fram en plan för 2025",
        "--due",
        "2024-05-15",
    )
    return meeting


def test_assignments_as_of_lists_open_and_overdue(assigned: Any) -> None:
    before_due = assigned.json("assignments", "--as-of", "2024-03-01")
    after_due = assigned.json("assignments", "--as-of", "2024-06-01")
    assert before_due["as_of"] == "2024-03-01"
    [row] = before_due["assignments"]
    assert (row["paragraph"], row["index"], row["who"], row["due"], row["overdue"]) == (
        "2024:1",
        1,
        "Förbundschefen",
        "2024-05-15",
        False,
    )
    assert after_due["assignments"][0]["overdue"] is True


def test_assignments_before_the_meeting_are_empty(assigned: Any) -> None:
    assert assigned.json("assignments", "--as-of", "2024-02-14")["assignments"] == []


def test_assignment_done_closes_it_from_that_date(assigned: Any) -> None:
    assigned("assignment", "done", "2024:1", "--on", "2024-05-17", "--note", "rapport §31")
    assert len(assigned.json("assignments", "--as-of", "2024-05-16")["assignments"]) == 1
    assert assigned.json("assignments", "--as-of", "2024-05-17")["assignments"] == []
    assert show(assigned, 1)["assignments"][0]["done"] is True


def test_assignment_done_twice_is_refused(assigned: Any) -> None:
    assigned("assignment", "done", "2024:1", "--on", "2024-05-17")
    assert_refused(
        assigned, "assignment", "done", "2024:1", "--on", "2024-05-18", match="already completed"
    )


# -- log, journal, help, bad input ----------------------------------------------------------------------


def test_log_json_rows_have_position_type_effective_recorded_paragraph(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Mötets öppnande")
    rows = meeting.json("log")["events"]
    assert rows
    for row in rows:
        assert {"position", "type", "effective", "recorded", "paragraph"} <= set(row)
    positions = [r["position"] for r in rows]
    assert positions == sorted(positions)
    added = [r for r in rows if r["type"] == "MinutesBook.ParagraphAdded"]
    assert [(r["effective"], r["paragraph"]) for r in added] == [(MEETING, "2024:1")]
    assert rows[-1] == added[-1]


def test_log_limit_gives_the_last_events(meeting: Any) -> None:
    all_rows = meeting.json("log")["events"]
    assert meeting.json("log", "--limit", "2")["events"] == all_rows[-2:]


def test_journal_schema_is_json_with_defs(finsam: Any) -> None:
    schema = json.loads(finsam("journal", "schema").stdout)
    assert "$defs" in schema
    assert "Journal" in schema["$defs"]


def test_import_of_a_journal_and_again_adds_nothing(finsam: Any, tmp_path: Path) -> None:
    path = Path(__file__).resolve().parent.parent / "examples" / "harnosand-timra-2020.toml"
    first = finsam("import", str(path))
    count = finsam.events()
    again = finsam("import", str(path))
    assert "imported" in first.stderr
    assert "nothing new" in again.stderr
    assert finsam.events() == count
    assert show(finsam, 33, year=2020)["adjusted"] == "2020-09-03"


def test_import_of_a_missing_file_is_refused(finsam: Any, tmp_path: Path) -> None:
    result = finsam.fails("import", str(tmp_path / "saknas.toml"))
    assert "no such file" in result.stderr


def walk(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    context = click.Context(group)
    for name in group.list_commands(context):  # the top group loads its commands on demand
        command = group.get_command(context, name)
        assert command is not None
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*path, name))


def test_help_of_every_command_has_an_example(finsam: Any) -> None:
    commands = [path for path, command in walk(cli) if not isinstance(command, click.Group)]
    assert len(commands) > 20
    missing = [
        " ".join(path) for path in commands if "Example" not in finsam(*path, "--help").stdout
    ]
    assert missing == []


def test_help_of_every_command_group_has_an_example(finsam: Any) -> None:
    groups = [path for path, command in walk(cli) if isinstance(command, click.Group)]
    assert "Example" in finsam("--help").stdout
    missing = [" ".join(path) for path in groups if "Example" not in finsam(*path, "--help").stdout]
    assert missing == []


@pytest.mark.parametrize(
    "args",
    [
        ("meeting", "open", "2024-13-01"),
        ("meeting", "adjust", MEETING, "--on", "20-02-2024"),
        ("board", "--as-of", "2024-02-30"),
        ("paragraph", "add", "15 februari", "--title", "A"),
        ("assignments", "--as-of", "igår"),
    ],
)
def test_bad_date_gives_a_clean_error(meeting: Any, args: tuple[str, ...]) -> None:
    before = meeting.events()
    result = meeting.fails(*args)
    assert "is not a date (write YYYY-MM-DD)" in result.stderr
    assert meeting.events() == before


def test_log_names_the_paragraph_of_an_immediate_adjustment(meeting: Any) -> None:
    meeting("paragraph", "add", MEETING, "--title", "Bevilja medel SamCoach")
    meeting("meeting", "adjust", MEETING, "--on", MEETING, "--paragraph", "1")
    [row] = [r for r in meeting.json("log")["events"] if r["type"] == "MinutesBook.MinutesAdjusted"]
    assert (row["effective"], row["paragraph"]) == (MEETING, "2024:1")


def test_log_of_one_forbund_leaves_out_the_others(solleftea: Any) -> None:
    solleftea("forbund", "create", "harnosand-timra", "--name", "HT", *MEMBERS)
    rows = solleftea.json("log", "--forbund", "harnosand-timra")["events"]
    assert sorted(r["type"] for r in rows) == ["Forbund.Registered", "Registry.ForbundAdded"]
    assert {r["forbund"] for r in rows} == {"harnosand-timra"}


def test_a_store_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    finsam = Finsam(str(tmp_path / "no" / "such" / "dir" / "finsam.db"))
    result = finsam.fails("log")
    assert result.stderr.startswith("error: cannot open the store at")
    assert len(result.stderr.strip().splitlines()) == 1


def test_brackets_in_user_text_are_printed_as_written(finsam: Finsam) -> None:
    result = finsam.fails(
        "forbund", "create", "x[y]", "--name", "[bold]X", "--member", "fk:state:50%"
    )
    assert "x[y]" in result.stderr


def test_usage_errors_are_one_line_with_where_to_look(finsam: Finsam) -> None:
    result = finsam.fails("minutes", "2024-13-01")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "is not a date" in lines[0] and "finsam minutes --help" in lines[0]


def test_receipt_names_the_paragraph_and_numbering_out_of_order_warns(finsam: Finsam) -> None:
    finsam(
        "forbund",
        "create",
        "s",
        "--name",
        "S",
        "--member",
        "fk:state:50%",
        "--member",
        "rvn:region:25%",
        "--member",
        "k:municipality:25%",
    )
    finsam("meeting", "open", "2024-02-15")
    first = finsam("paragraph", "add", "2024-02-15", "--title", "Öppnande")
    assert "§1 (2024)" in first.stderr
    finsam("paragraph", "add", "2024-02-15", "--title", "Dagordning", "--number", "13")
    finsam("meeting", "open", "2024-04-10")
    late = finsam("paragraph", "add", "2024-04-10", "--title", "Bakåt", "--number", "5")
    assert "numbering runs on through the year" in late.stderr


def test_log_honours_the_group_forbund_option(finsam: Finsam) -> None:
    for fid in ("a", "b"):
        finsam(
            "forbund",
            "create",
            fid,
            "--name",
            fid.upper(),
            "--member",
            "fk:state:50%",
            "--member",
            "rvn:region:25%",
            "--member",
            "k:municipality:25%",
        )
    events = json.loads(finsam("--forbund", "a", "log", "--format", "json").stdout)["events"]
    assert events and {e["forbund"] for e in events} == {"a"}
