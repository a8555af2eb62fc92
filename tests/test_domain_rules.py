"""Rules that live in the domain (finsam_es/), tested as pure functions: given the
state an aggregate holds, the rule answers or refuses (issue 18 item 2)."""

from __future__ import annotations

from datetime import date

import pytest

from finsam_es.attendance import Deciding, paragraph_quorum_warnings
from finsam_es.closed_year import changed_years
from finsam_es.errors import InvalidInput, Refused
from finsam_es.meeting import Meeting
from finsam_es.membership import Member
from finsam_es.procedures import check_auditor_appointer
from finsam_es.seats import Seat

# A förbund whose state members carry ids of its own choosing: the rule must go by
# the members' kind, not by the ids "fk" and "af".
MEMBERS = (
    Member("kassan", "Försäkringskassan", "state", "1/4"),
    Member("formedlingen", "Arbetsförmedlingen", "state", "1/4"),
    Member("regionen", "Regionen", "region", "1/4"),
    Member("kommunen", "Kommunen", "municipality", "1/4"),
)


def test_25_paragraph_the_first_state_member_appoints_the_joint_auditor() -> None:
    # Lag 2003:1210 25 §: Försäkringskassan appoints one auditor for itself and
    # Arbetsförmedlingen; the region and the municipality each appoint their own.
    for member in ("kassan", "regionen", "kommunen"):
        check_auditor_appointer(MEMBERS, member)
    with pytest.raises(Refused) as refused:
        check_auditor_appointer(MEMBERS, "formedlingen")
    assert str(refused.value) == (
        "Arbetsförmedlingen appoints no auditor of its own: Försäkringskassan appoints one "
        "jointly for both (lag 2003:1210 25 §); record it for kassan"
    )


def test_25_paragraph_a_lone_state_member_appoints_its_auditor() -> None:
    # A förbund with Försäkringskassan as its only state member (the 50 % seeds).
    alone = (MEMBERS[0], *MEMBERS[2:])
    check_auditor_appointer(alone, "kassan")


# Four ledamöter (one per member): more than half is three (KL 6:27).
START = date(2024, 1, 1)
BOARD = tuple(
    Seat(name, member.id, "ledamot", START)
    for name, member in zip(("Anna", "Bo", "Cia", "Dan"), MEMBERS, strict=True)
)
MEETING = Meeting(date=date(2024, 3, 1), present=("Anna", "Bo", "Cia"))


def paragraph(conflict: tuple[str, ...] = (), without_quorum: bool = False) -> Deciding:
    return Deciding(
        number=4, deciding=(), conflict=conflict, decides=True, without_quorum=without_quorum
    )


def test_kl_6_27_three_of_four_ledamoter_decide() -> None:
    assert paragraph_quorum_warnings(BOARD, "more_than_half", MEETING, paragraph()) == []


def test_kl_6_28_jav_leaves_two_of_four_and_no_quorum() -> None:
    # Cia has jäv and leaves: 2 of 4 present, 3 needed.
    with pytest.raises(Refused) as refused:
        paragraph_quorum_warnings(BOARD, "more_than_half", MEETING, paragraph(("Cia",)))
    assert str(refused.value) == (
        "§4 (2024-03-01): no quorum after jäv: 2 of 4 ledamöter present, 3 needed (more than "
        "half, KL 6:27 and lag 2003:1210 19 §); the board cannot decide (record it as "
        "decided anyway with --without-quorum)"
    )
    recorded = paragraph(("Cia",), without_quorum=True)
    assert paragraph_quorum_warnings(BOARD, "more_than_half", MEETING, recorded) == [
        "§4: decided without quorum after jäv: 2 of 4 ledamöter present, 3 needed (more "
        "than half, KL 6:27 and lag 2003:1210 19 §)"
    ]


def test_kl_6_27_without_quorum_is_refused_when_the_board_had_quorum() -> None:
    with pytest.raises(InvalidInput) as wrong:
        paragraph_quorum_warnings(BOARD, "more_than_half", MEETING, paragraph(without_quorum=True))
    assert (
        str(wrong.value)
        == "§4: --without-quorum, but the board had quorum (3 of 4 ledamöter present)"
    )


def test_lkbr_4_4_the_years_an_insats_decision_changes() -> None:
    # A postponement moves 100 kr from 2024 to 2025; 2023 is untouched.
    before = {2023: 500, 2024: 300}
    after = {2023: 500, 2024: 200, 2025: 100}
    assert changed_years(before, after) == (2024, 2025)
    assert changed_years(before, dict(before)) == ()
