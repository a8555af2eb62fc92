"""Quorum against the charter's seats, service per paragraph and who chairs it, on the
domain alone (finsam_es/quorum.py, finsam_es/service.py, finsam_es/attendance.py).

Lag (2003:1210) 9 § p. 3 and 10 § (the charter's seats per member), KL 6:27 through 19 §
(more than half of the ledamöter), KL 6:28 (jäv), 17 § (chair and vice chairs). The
board is Sollefteå's in 2024 (tests/test_attendance.py, from the seeds).
"""

from __future__ import annotations

import pytest

from finsam_es.attendance import paragraph_quorum
from finsam_es.errors import InvalidInput, Refused
from finsam_es.meeting import Meeting, Serving
from finsam_es.membership import Member
from finsam_es.quorum import charter_seats, seats_filled, vacancies
from finsam_es.service import paragraph_chair, paragraph_servings
from tests.test_attendance import ALL, BOARD, DAY

MEMBERS = (
    Member("fk", "Försäkringskassan", "state", "1/4"),
    Member("af", "Arbetsförmedlingen", "state", "1/4"),
    Member("rvn", "Region Västernorrland", "region", "1/4"),
    Member("solleftea", "Sollefteå kommun", "municipality", "1/4", ledamoter=2, ersattare=2),
)


def test_the_charter_counts_every_seat_and_a_vacancy_is_a_seat() -> None:
    # 9 § p. 3 and 10 §: 1 + 1 + 1 + 2 ledamot seats; four held, Sollefteå's second vacant.
    assert charter_seats(MEMBERS) == 5
    assert vacancies(BOARD, MEMBERS) == {"solleftea": 1}


def test_five_seats_two_vacant_two_present_is_no_quorum() -> None:
    # KL 6:27: more than half of five is three; a vacancy never lowers the bar.
    board = tuple(s for s in BOARD if s.name not in {"Lina Kempe"})  # fk's seat vacant too
    meeting = Meeting(date=DAY, present=("Birgitta Häggkvist", "Patrik Lockner"))
    q = paragraph_quorum(board, "more_than_half", meeting, (), (), MEMBERS)
    assert q is not None
    assert (q.present, q.required, q.seats, q.reached) == (2, 3, 5, False)


def test_an_ersattare_serving_for_one_paragraph_fills_the_seat_of_one_with_jav() -> None:
    # KL 6:28: Mikael Sjölund has jäv; Sandra Formgren (rvn) serves for him in the §.
    meeting = Meeting(date=DAY, present=ALL)
    conflict = ("Mikael Sjölund",)
    without = paragraph_quorum(BOARD, "more_than_half", meeting, (), conflict, MEMBERS)
    own = (Serving("Sandra Formgren", "Mikael Sjölund"),)
    served = paragraph_quorum(BOARD, "more_than_half", meeting, (), conflict, MEMBERS, own)
    assert without is not None and served is not None
    assert (without.present, served.present, served.required) == (3, 4, 3)


def test_a_paragraph_serving_is_checked_against_the_member() -> None:
    deciding = tuple(n for n in ALL if n != "Lina Kempe")
    ok = (Serving("Camilla Steen", "Lina Kempe"),)
    assert paragraph_servings(BOARD, MEMBERS, DAY, (), deciding, ok) == ok
    with pytest.raises(Refused, match="Sandra Formgren is an ersättare for rvn"):
        paragraph_servings(
            BOARD, MEMBERS, DAY, (), deciding, (Serving("Sandra Formgren", "Lina Kempe"),)
        )
    with pytest.raises(Refused, match="Lina Kempe's seat is filled"):
        paragraph_servings(BOARD, MEMBERS, DAY, (), ALL, ok)
    with pytest.raises(InvalidInput, match="Lina Kempe is not an ersättare"):
        paragraph_servings(
            BOARD, MEMBERS, DAY, (), deciding, (Serving("Lina Kempe", "Lina Kempe"),)
        )


def test_an_ersattare_fills_her_members_vacant_seat_once() -> None:
    # 10 §: Sollefteå's second seat is vacant; Susanne Lindahl (solleftea) serves in it.
    vacant = (Serving("Susanne Lindahl", "solleftea"),)
    assert paragraph_servings(BOARD, MEMBERS, DAY, (), ALL, vacant) == vacant
    assert seats_filled(BOARD, MEMBERS, ALL, ("solleftea",)) == 5
    assert seats_filled(BOARD, MEMBERS, ALL, ("solleftea", "solleftea")) == 5  # one vacancy
    with pytest.raises(Refused, match="she cannot serve in a seat of solleftea"):
        paragraph_servings(BOARD, MEMBERS, DAY, (), ALL, (Serving("Camilla Steen", "solleftea"),))


def test_the_first_vice_chair_chairs_when_the_chair_has_jav() -> None:
    # 17 §: the vice chairs in order; one with jäv is passed over (KL 6:28).
    vice = ("Patrik Lockner", "Mikael Sjölund")
    chair = "Birgitta Häggkvist"
    assert paragraph_chair(chair, vice, ALL, (chair,), "", 4) == ("Patrik Lockner", [])
    both = (chair, "Patrik Lockner")
    assert paragraph_chair(chair, vice, ALL, both, "", 4) == ("Mikael Sjölund", [])
    assert paragraph_chair(chair, vice, ALL, (), "", 4) == ("", [])
    nobody, warnings = paragraph_chair(chair, (), ALL, (chair,), "", 4)
    assert nobody == ""
    assert warnings == [
        "§4: the chair Birgitta Häggkvist has jäv and no vice chair without jäv decides the "
        'matter; name who chairs it with --chaired-by "NAME"'
    ]
    assert paragraph_chair(chair, vice, ALL, (chair,), "Lina Kempe", 4) == ("Lina Kempe", [])
