"""Chair and vice chairs with terms of their own, and seats rotating between members
(finsam_es/roles.py), through the command path and `board --as-of`.

Names: Sollefteå's ledamöter 2024 (seeds/solleftea-arsredovisning-2024.txt, 1.4
Styrelsen), with Birgitta Häggkvist chair. Law: one chair and one or two vice chairs,
chosen among the ledamöter (lag 2003:1210 17 §).
"""

from __future__ import annotations

from datetime import date

import pytest

from commands import structs as c
from finsam_es.errors import FinsamError
from finsam_es.forbund import Forbund
from finsam_es.roles import Rotation, check_rotation
from store.application import FinsamApp
from tests.conftest import Finsam, Refuse, Run, stored

MANDATE = date(2023, 4, 1)
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="solleftea", kind="municipality", share="25%"),
)
BOARD = (
    ("Birgitta Häggkvist", "solleftea"),
    ("Patrik Lockner", "af"),
    ("Mikael Sjölund", "rvn"),
    ("Lina Kempe", "fk"),
)


@pytest.fixture
def board(run: Run) -> None:
    run(c.CreateForbund(id="solleftea", name="Sollefteå", members=MEMBERS, on=date(2005, 11, 1)))
    for name, member in BOARD:
        chair = name == "Birgitta Häggkvist"
        run(
            c.AppointBoardMember(
                name=name, member=member, role="ledamot", start=MANDATE, chair=chair
            )
        )


def roles(app: FinsamApp, day: date) -> tuple[str | None, tuple[str, ...]]:
    r = stored(app, Forbund, Forbund.id_for("solleftea")).roles_on(day)
    return r.chair, r.vice_chairs


def test_the_chair_changes_without_a_seat_ending(board: None, run: Run, app: FinsamApp) -> None:
    # Birgitta chair with her seat; from 2025 Lina Kempe is elected chair for the year
    run(c.EndRole(name="Birgitta Häggkvist", role="chair", on=date(2024, 12, 31)))
    run(
        c.ElectRole(
            name="Lina Kempe",
            role="chair",
            start=date(2025, 1, 1),
            end=date(2025, 12, 31),
            paragraph="2024:40",
        )
    )
    assert roles(app, date(2024, 12, 31))[0] == "Birgitta Häggkvist"
    assert roles(app, date(2025, 1, 1))[0] == "Lina Kempe"
    f = stored(app, Forbund, Forbund.id_for("solleftea"))
    # every seat goes on
    assert {s.name for s in f.board_on(date(2025, 1, 1))} == {name for name, _ in BOARD}


def test_a_chair_term_overlapping_another_chair_is_refused(board: None, refused: Refuse) -> None:
    error = refused(c.ElectRole(name="Lina Kempe", role="chair", start=date(2025, 1, 1)))
    assert str(error) == (
        "Birgitta Häggkvist is chair from 2023-04-01; a förbund has one chair at a time "
        '(lag 2003:1210 17 §): end that term first (finsam board end-role "Birgitta '
        'Häggkvist" --role chair --on DATE)'
    )


def test_two_vice_chairs_at_most(board: None, run: Run, refused: Refuse, app: FinsamApp) -> None:
    run(c.ElectRole(name="Patrik Lockner", role="vice-chair", start=date(2024, 1, 1)))
    run(c.ElectRole(name="Mikael Sjölund", role="vice-chair", start=date(2024, 1, 1)))
    assert roles(app, date(2024, 2, 1))[1] == ("Patrik Lockner", "Mikael Sjölund")
    error = refused(c.ElectRole(name="Lina Kempe", role="vice-chair", start=date(2024, 6, 1)))
    assert "one or two vice chairs at a time" in str(error)


def test_one_person_is_not_chair_and_vice_chair_at_once(board: None, refused: Refuse) -> None:
    error = refused(
        c.ElectRole(name="Birgitta Häggkvist", role="vice-chair", start=date(2024, 1, 1))
    )
    assert "cannot be chair and vice chair at once" in str(error)


def test_the_same_role_twice_for_one_person_is_refused(
    board: None, run: Run, refused: Refuse
) -> None:
    run(c.ElectRole(name="Lina Kempe", role="vice-chair", start=date(2024, 1, 1)))
    error = refused(c.ElectRole(name="Lina Kempe", role="vice-chair", start=date(2024, 6, 1)))
    assert str(error).startswith(
        "Lina Kempe is already vice chair (vice ordförande) from 2024-01-01"
    )


def test_only_a_ledamot_on_the_board_is_elected(board: None, refused: Refuse) -> None:
    error = refused(c.ElectRole(name="Gudrun Sjödin", role="chair", start=date(2025, 1, 1)))
    assert str(error) == (
        "Gudrun Sjödin holds no ledamot seat on 2025-01-01: the chair and vice chairs are "
        "chosen among the ledamöter (lag 2003:1210 17 §)"
    )


def test_a_term_ending_before_it_begins_is_refused(board: None, refused: Refuse) -> None:
    error = refused(
        c.ElectRole(
            name="Lina Kempe", role="vice-chair", start=date(2025, 1, 1), end=date(2024, 12, 31)
        )
    )
    assert str(error) == "Lina Kempe: --to 2024-12-31 is before --from 2025-01-01"


def test_ending_a_role_not_held_is_refused(board: None, refused: Refuse) -> None:
    error = refused(c.EndRole(name="Lina Kempe", role="chair", on=date(2024, 12, 31)))
    assert str(error) == (
        "Lina Kempe is not chair (ordförande) on 2024-12-31 with a term running after it"
    )


def test_a_term_beyond_the_seat_is_warned_and_the_role_is_vacant_after(
    board: None, run: Run, app: FinsamApp
) -> None:
    run(c.LeaveBoard(name="Lina Kempe", on=date(2024, 6, 30)))
    outcome = run(c.ElectRole(name="Lina Kempe", role="vice-chair", start=date(2024, 1, 1)))
    assert outcome.warnings == [
        "Lina Kempe's seat ends 2024-06-30, before the term as vice-chair (open): the role is "
        "vacant after the seat ends"
    ]
    assert roles(app, date(2024, 6, 30))[1] == ("Lina Kempe",)
    assert roles(app, date(2024, 7, 1))[1] == ()


def test_a_seat_appointed_as_chair_overlapping_an_elected_chair_is_refused(
    board: None, run: Run, refused: Refuse
) -> None:
    run(c.EndRole(name="Birgitta Häggkvist", role="chair", on=date(2024, 12, 31)))
    run(c.ElectRole(name="Lina Kempe", role="chair", start=date(2025, 1, 1)))
    run(c.LeaveBoard(name="Patrik Lockner", on=date(2025, 5, 31)))
    error = refused(
        c.AppointBoardMember(
            name="Anna Ny", member="af", role="ledamot", start=date(2025, 6, 1), chair=True
        )
    )
    assert "Lina Kempe is chair from 2025-01-01" in str(error)


# -- rotating seats -------------------------------------------------------------------------


def test_a_rotation_turns_in_order_each_period() -> None:
    # three members, twelve months each from 2024-01-01: k1 2024, k2 2025, k3 2026, k1 2027
    r = Rotation(name="plats", members=("k1", "k2", "k3"), start=date(2024, 1, 1), months=12)
    assert r.turn_on(date(2023, 12, 31)) is None
    assert r.turn_on(date(2024, 1, 1)) == ("k1", date(2024, 1, 1), date(2024, 12, 31))
    assert r.turn_on(date(2025, 12, 31)) == ("k2", date(2025, 1, 1), date(2025, 12, 31))
    assert r.turn_on(date(2026, 7, 1)) == ("k3", date(2026, 1, 1), date(2026, 12, 31))
    assert r.turn_on(date(2027, 1, 1)) == ("k1", date(2027, 1, 1), date(2027, 12, 31))


def test_a_rotation_from_mid_month_turns_on_that_day() -> None:
    # six-month turns from 15 April: k1 to 14 October, k2 from 15 October
    r = Rotation(name="plats", members=("k1", "k2"), start=date(2024, 4, 15), months=6)
    assert r.turn_on(date(2024, 10, 14)) == ("k1", date(2024, 4, 15), date(2024, 10, 14))
    assert r.turn_on(date(2024, 10, 15)) == ("k2", date(2024, 10, 15), date(2025, 4, 14))


def test_a_rotation_ends_on_its_last_day() -> None:
    r = Rotation(
        name="plats", members=("k1", "k2"), start=date(2024, 1, 1), months=12, end=date(2025, 6, 30)
    )
    assert r.turn_on(date(2025, 6, 30)) == ("k2", date(2025, 1, 1), date(2025, 6, 30))
    assert r.turn_on(date(2025, 7, 1)) is None


def test_a_rotation_among_non_members_or_one_member_is_refused(
    board: None, refused: Refuse
) -> None:
    error = refused(
        c.SetRotation(name="plats", members=("solleftea", "kramfors"), start=date(2025, 1, 1))
    )
    assert str(error).startswith("rotating seat 'plats': 'kramfors' is not a member on 2025-01-01")
    error = refused(c.SetRotation(name="plats", members=("solleftea",), start=date(2025, 1, 1)))
    assert "name at least two members" in str(error)
    error = refused(
        c.SetRotation(name="plats", members=("fk", "af"), start=date(2025, 1, 1), months=0)
    )
    assert str(error) == "rotating seat 'plats': --months is at least 1"


def test_board_as_of_shows_roles_and_whose_turn_it_is(
    board: None, run: Run, finsam: Finsam
) -> None:
    run(c.EndRole(name="Birgitta Häggkvist", role="chair", on=date(2024, 12, 31)))
    run(c.ElectRole(name="Lina Kempe", role="chair", start=date(2025, 1, 1), paragraph="2024:40"))
    run(c.SetRotation(name="plats", members=("fk", "af"), start=date(2025, 1, 1), months=12))
    report = finsam.json("board", "--as-of", "2026-03-01")
    assert report["chair"] == "Lina Kempe"
    assert report["roles"] == [
        {
            "name": "Lina Kempe",
            "role": "chair",
            "from": "2025-01-01",
            "to": None,
            "paragraph": "2024:40",
        }
    ]
    assert report["rotating"] == [
        {"seat": "plats", "member": "af", "from": "2026-01-01", "to": "2026-12-31"}
    ]
    seats = {s["name"]: s for s in report["seats"]}
    assert seats["Lina Kempe"]["chair"] is True
    assert seats["Birgitta Häggkvist"]["chair"] is False
    text = finsam("board", "--as-of", "2026-03-01").output
    assert "Roterande plats plats: af (2026-01-01 – 2026-12-31)" in text


def test_a_rotation_is_refused_with_its_reason_in_one_line() -> None:
    members = ("fk", "af", "rvn")

    def error(**fields: object) -> str:
        rotation = {"name": "plats", "members": ("fk", "af"), "start": date(2025, 1, 1)} | fields
        with pytest.raises(FinsamError) as caught:
            check_rotation(Rotation(months=12, **rotation), members)  # type: ignore[arg-type]
        return str(caught.value)

    assert error(name=" ") == "a rotating seat needs a name (like 'kommunplatsen')"
    assert error(members=("fk",)) == (
        "rotating seat 'plats': name at least two members in their order (--member ID, repeated)"
    )
    assert error(members=("fk", "fk")) == "rotating seat 'plats': member 'fk' is named twice"
    assert error(members=("fk", "xx")) == (
        "rotating seat 'plats': 'xx' is not a member on 2025-01-01 (members: af, fk, rvn)"
    )
    assert error(end=date(2024, 12, 31)) == (
        "rotating seat 'plats': --to 2024-12-31 is before --from 2025-01-01"
    )
    check_rotation(
        Rotation(name="plats", members=("fk", "af"), start=date(2025, 1, 1), months=1), members
    )
