"""Meetings as a board secretary records them, on the Sollefteå example
(examples/solleftea-2024.toml, from solleftea-arsredovisning-2024.txt): attendance
checked against the board, a header amended and a meeting cancelled before adjustment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Finsam

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "solleftea-2024.toml"
NEW = "2024-12-12"  # no meeting in the example on this day; the board is Gudrun Sjödin's


@pytest.fixture
def solleftea(finsam: Finsam) -> Finsam:
    finsam("import", str(EXAMPLE))
    return finsam


def test_a_misspelt_name_is_refused_with_the_name_meant(solleftea: Finsam) -> None:
    before = solleftea.events()
    result = solleftea.fails("meeting", "open", NEW, "--present", "Birgita Häggkvist")
    assert "did you mean Birgitta Häggkvist?" in result.output
    assert solleftea.events() == before


def test_an_ersattare_serving_while_her_ledamot_is_present_is_refused(solleftea: Finsam) -> None:
    result = solleftea.fails(
        "meeting",
        "open",
        NEW,
        "--present",
        "Lina Kempe",
        "--serving-for",
        "Camilla Steen=Lina Kempe",
    )
    assert "Lina Kempe is present and decides herself" in result.output


def test_attendance_reaches_the_minutes_and_the_paragraph(solleftea: Finsam) -> None:
    solleftea(
        "meeting",
        "open",
        NEW,
        "--chair",
        "Birgitta Häggkvist",
        "--secretary",
        "Förbundschefen",
        "--adjuster",
        "Gudrun Sjödin",
        "--present",
        "Birgitta Häggkvist",
        "--present",
        "Gudrun Sjödin",
        "--present",
        "Patrik Lockner",
        "--serving-for",
        "Camilla Steen=Lina Kempe",
        "--other",
        "Susanne Lindahl:ersättare",
        "--other",
        "Anna Berg:revisor",
    )
    solleftea("paragraph", "add", NEW, "--title", "Mötets öppnande", "--send-to", "Akten")
    doc = solleftea.json("minutes", NEW)
    assert doc["deciding"][-1] == "Camilla Steen (ersättare, tjänstgör för Lina Kempe)"
    assert doc["beslutande"][-1] == {
        "name": "Camilla Steen",
        "role": "ersättare",
        "serving_for": "Lina Kempe",
    }
    assert [(o["name"], o["role"]) for o in doc["ovriga"]] == [
        ("Susanne Lindahl", "ersättare"),
        ("Anna Berg", "revisor"),
        ("Förbundschefen", "sekreterare"),
    ]
    shown = solleftea.json("paragraph", "show", "2024", str(doc["paragraphs"][0]["number"]))
    assert shown["serving_for"] == {"Camilla Steen": "Lina Kempe"}
    assert shown["send_to"] == ["Akten"]
    assert "Camilla Steen" in shown["present"]


def test_amend_keeps_old_and_new_and_settles_attendance_again(solleftea: Finsam) -> None:
    solleftea("meeting", "open", NEW, "--place", "Sollefteå", "--present", "Birgitta Häggkvist")
    solleftea(
        "meeting",
        "amend",
        NEW,
        "--place",
        "Kommunhuset",
        "--present",
        "Birgitta Häggkvist",
        "--present",
        "Sandra Formgren",
    )
    doc = solleftea.json("minutes", NEW)
    assert doc["place"] == "Kommunhuset"
    # Sandra Formgren (rvn) serves for the rvn ledamot on 2024-12-12, Gudrun Sjödin.
    assert doc["beslutande"][1]["serving_for"] == "Gudrun Sjödin"


def test_amend_and_cancel_after_adjustment_are_refused_with_the_rule(solleftea: Finsam) -> None:
    amended = solleftea.fails("meeting", "amend", "2023-11-23", "--place", "Kommunhuset")
    assert "adjusted on 2023-11-30" in amended.output
    assert "adjusted minutes are final; record a correction at a later meeting" in amended.output
    cancelled = solleftea.fails("meeting", "cancel", "2023-11-23")
    assert "cannot be cancelled" in cancelled.output


def test_cancel_frees_the_date_and_keeps_the_numbers(solleftea: Finsam) -> None:
    solleftea("meeting", "open", NEW)
    solleftea("paragraph", "add", NEW, "--title", "Mötets öppnande", "--number", "90")
    result = solleftea("meeting", "cancel", NEW, "--reason", "fel datum")
    assert "§90–§90 withdrawn with the meeting" in result.stderr
    solleftea("meeting", "open", NEW)
    refused = solleftea.fails("paragraph", "add", NEW, "--title", "X", "--number", "90")
    assert "§90 is already used in 2024" in refused.output


def test_amend_with_nothing_to_change_is_a_usage_error(solleftea: Finsam) -> None:
    solleftea("meeting", "open", NEW)
    assert "give at least one field" in solleftea.fails("meeting", "amend", NEW).output
