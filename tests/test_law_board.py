"""Seats, roles and quorum as the law asks, through the `finsam` command.

Each test names the section it enforces: lag (2003:1210) om finansiell samordning av
rehabiliteringsinsatser (10 § seats, 17 § chair and vice chairs, 19 § the board's
meetings under kommunallagen) and kommunallagen (2017:725) 6:27 (quorum: more than half
of the ledamöter) and 6:28 (jäv: neither takes part nor is present).

The förbund is Sollefteå with its board at the start of 2024
(seeds/solleftea-arsredovisning-2024.txt), four members with one ledamot each unless a
test gives the municipality two seats by the charter.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import Finsam
from tests.test_governance_cli import BOARD, MEMBERS, assert_refused

MEETING = "2024-02-15"


def create(finsam: Finsam) -> Finsam:
    finsam("forbund", "create", "solleftea", "--name", "Sollefteå", *MEMBERS, "--on", "2005-11-01")
    return finsam


def appoint(finsam: Finsam, name: str, member: str, *flags: str, role: str = "ledamot") -> Any:
    return finsam(
        "board", "appoint", name, "--member", member, "--role", role, "--from", "2023-04-01", *flags
    )


def with_board(finsam: Finsam) -> Finsam:
    create(finsam)
    for name, member, flags in BOARD:
        appoint(finsam, name, member, *flags)
    return finsam


# -- seats (10 §) and roles (17 §) ----------------------------------------------------------


def test_a_member_the_charter_gives_two_seats_takes_two_ledamoter(finsam: Finsam) -> None:
    # Lag 2003:1210 10 §: the charter may give a member more than one ledamot.
    finsam(
        "forbund",
        "create",
        "solleftea",
        "--name",
        "Sollefteå",
        *MEMBERS,
        "--seats",
        "solleftea:2",
        "--on",
        "2005-11-01",
    )
    for name, member, flags in BOARD:
        appoint(finsam, name, member, *flags)
    appoint(finsam, "Anna Berg", "solleftea")
    board = finsam.json("board", "--as-of", MEETING)
    solleftea = next(m for m in board["members"] if m["id"] == "solleftea")
    assert (solleftea["ledamoter"], solleftea["ersattare"]) == (2, 2)
    assert solleftea["held_ledamoter"] == 2
    assert_refused(
        finsam,
        "board",
        "appoint",
        "Karl Ek",
        "--member",
        "solleftea",
        "--role",
        "ledamot",
        "--from",
        "2023-04-01",
        match="solleftea has 2 ledamot seats by the charter (lag 2003:1210 10 §)",
    )


def test_seats_that_are_not_a_member_or_a_number_are_refused(finsam: Finsam) -> None:
    args = ("forbund", "create", "s", "--name", "S", *MEMBERS)
    assert "no member 'kramfors'" in finsam.fails(*args, "--seats", "kramfors:2").output
    assert "wrong form" in finsam.fails(*args, "--seats", "solleftea:0").output


def test_two_vice_chairs_are_accepted_and_shown_with_the_chair(finsam: Finsam) -> None:
    # Lag 2003:1210 17 §: a chair and one or two vice chairs, among the ledamöter.
    create(finsam)
    appoint(finsam, "Birgitta Häggkvist", "solleftea", "--chair")
    appoint(finsam, "Patrik Lockner", "af", "--vice-chair")
    appoint(finsam, "Mikael Sjölund", "rvn", "--vice-chair")
    board = finsam.json("board", "--as-of", MEETING)
    assert board["chair"] == "Birgitta Häggkvist"
    assert board["vice_chairs"] == ["Patrik Lockner", "Mikael Sjölund"]
    assert_refused(
        finsam,
        "board",
        "appoint",
        "Lina Kempe",
        "--member",
        "fk",
        "--role",
        "ledamot",
        "--vice-chair",
        "--from",
        "2023-04-01",
        match="one or two vice chairs at a time (lag 2003:1210 17 §)",
    )


def test_the_board_warns_of_the_seats_a_member_lacks(finsam: Finsam) -> None:
    # Lag 2003:1210 10 §: one ledamot and one ersättare per member at least.
    with_board(finsam)
    result = finsam("board", "--as-of", MEETING)
    assert "warning: fk has 0 of its 1 ersättare seat on 2024-02-15" in result.stderr
    board = finsam.json("board", "--as-of", MEETING)
    assert len(board["warnings"]) == 4  # four members, none with an ersättare
    assert {m["id"]: m["held_ledamoter"] for m in board["members"]} == {
        "fk": 1,
        "af": 1,
        "rvn": 1,
        "solleftea": 1,
    }


def test_a_municipality_outside_a_region_pays_half(finsam: Finsam) -> None:
    # Lag 2003:1210 5 a §: where no region is a member, the municipality pays half.
    members = ("--member", "fk:state:25%", "--member", "af:state:25%")
    finsam(
        "forbund", "create", "gotland", "--name", "G", *members, "--member", "k:municipality:50%"
    )
    shown = finsam.json("forbund", "show")
    assert [m["share"] for m in shown["members"]] == [25, 25, 50]


# -- quorum (KL 6:27 through 19 §) ------------------------------------------------------------


def open_meeting(finsam: Finsam, *present: str) -> None:
    finsam("meeting", "open", MEETING, *(a for name in present for a in ("--present", name)))


def test_a_decision_with_half_the_ledamoter_present_is_refused(finsam: Finsam) -> None:
    # KL 6:27 through lag 2003:1210 19 §: two of four is not more than half (4 // 2 + 1 = 3).
    with_board(finsam)
    open_meeting(finsam, "Birgitta Häggkvist", "Lina Kempe")
    decision = ("--decision", "Styrelsen beslutar att fastställa delårsrapporten.")
    assert_refused(
        finsam,
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Delårsrapport",
        *decision,
        match="§1 (2024-02-15): no quorum: 2 of 4 ledamöter present, 3 needed",
    )
    # an information item decides nothing and needs no quorum
    finsam("paragraph", "add", MEETING, "--title", "Information från förbundschefen")
    assert finsam.json("paragraph", "show", "2024", "1")["quorum"] == {
        "present": 2,
        "required": 3,
        "seats": 4,
    }


def test_without_quorum_is_recorded_and_shown_everywhere(finsam: Finsam) -> None:
    # KL 6:27: a decision taken without quorum is recorded as such when the secretary
    # says so; the minutes, the log and the register of decisions show it.
    with_board(finsam)
    open_meeting(finsam, "Birgitta Häggkvist", "Lina Kempe")
    args = ("paragraph", "add", MEETING, "--title", "Delårsrapport")
    decision = ("--decision", "Styrelsen beslutar att fastställa delårsrapporten.")
    result = finsam(*args, *decision, "--without-quorum")
    assert "§1: decided without quorum: 2 of 4 ledamöter present, 3 needed" in result.stderr
    shown = finsam.json("paragraph", "show", "2024", "1")
    assert shown["without_quorum"] is True
    assert shown["quorum"] == {"present": 2, "required": 3, "seats": 4}
    text = finsam("minutes", MEETING).output
    assert "Beslutat utan att styrelsen var beslutför (2 av 3 ledamöter som krävs)" in text
    assert "(utan beslutförhet) Delårsrapport" in finsam("log").output
    shown_text = finsam("paragraph", "show", "2024", "1").output
    assert "Beslutförhet: 2 av 4 ledamöter närvarande, 3 krävs" in shown_text


def test_without_quorum_where_the_board_had_quorum_is_refused(finsam: Finsam) -> None:
    with_board(finsam)
    open_meeting(finsam, "Birgitta Häggkvist", "Lina Kempe", "Patrik Lockner")
    decision = ("--decision", "Styrelsen beslutar att fastställa delårsrapporten.")
    result = finsam.fails(
        "paragraph", "add", MEETING, "--title", "Delårsrapport", *decision, "--without-quorum"
    )
    assert "--without-quorum, but the board had quorum (3 of 4 ledamöter present)" in (
        result.output
    )


def test_quorum_is_checked_again_after_those_with_jav_leave(finsam: Finsam) -> None:
    # KL 6:28 and 6:27: a ledamot with jäv is not present for the §: three present, one
    # with jäv leaves, two of four remain, and the § cannot be decided.
    with_board(finsam)
    open_meeting(finsam, "Birgitta Häggkvist", "Lina Kempe", "Patrik Lockner")
    decision = ("--decision", "Styrelsen beslutar att bevilja medel.")
    args = ("paragraph", "add", MEETING, "--title", "Ansökan", *decision)
    finsam(*args)
    assert finsam.json("paragraph", "show", "2024", "1")["quorum"] == {
        "present": 3,
        "required": 3,
        "seats": 4,
    }
    assert_refused(
        finsam,
        *args,
        "--conflict",
        "Lina Kempe",
        match="§2 (2024-02-15): no quorum after jäv: 2 of 4 ledamöter present, 3 needed",
    )


def test_a_serving_ersattare_counts_for_her_ledamot(finsam: Finsam) -> None:
    # KL 6:27 with 19 §: an ersättare serving for an absent ledamot fills the seat.
    with_board(finsam)
    appoint(finsam, "Sandra Formgren", "rvn", role="ersattare")
    open_meeting(finsam, "Birgitta Häggkvist", "Lina Kempe", "Sandra Formgren")
    decision = ("--decision", "Styrelsen beslutar att fastställa delårsrapporten.")
    finsam("paragraph", "add", MEETING, "--title", "Delårsrapport", *decision)
    assert finsam.json("paragraph", "show", "2024", "1")["quorum"] == {
        "present": 3,
        "required": 3,
        "seats": 4,
    }


def test_a_charter_change_gives_a_member_a_second_seat(finsam: Finsam) -> None:
    # Lag 2003:1210 10 §: the charter may give a member more seats; a förbund created
    # with one of each gets the second ledamot once the charter says so.
    with_board(finsam)
    args = ("board", "appoint", "Anna Berg", "--member", "solleftea", "--role", "ledamot")
    assert "1 ledamot seat by the charter" in finsam.fails(*args, "--from", "2024-01-01").output
    finsam("forbund", "seats", "solleftea", "2", "--on", "2024-01-01")
    assert "solleftea: 2 ledamöter, 2 ersättare" in finsam("log").output
    finsam(*args, "--from", "2024-01-01")
    shown = finsam.json("forbund", "show")
    assert {m["id"]: m["ledamoter"] for m in shown["members"]}["solleftea"] == 2
    assert (
        "at least one ledamot"
        in finsam.fails("forbund", "seats", "fk", "0", "--on", "2024-01-01").output
    )
    lowered = finsam("forbund", "seats", "solleftea", "1", "--on", "2024-02-01")
    assert "solleftea holds 2 ledamot seats on 2024-02-01, more than the charter's 1" in (
        lowered.stderr
    )
