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
# Three of the four ledamöter: more than half, so the board may decide (KL 6:27).
QUORATE = (
    "--present",
    "Birgitta Häggkvist",
    "--present",
    "Patrik Lockner",
    "--present",
    "Gudrun Sjödin",
)


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
    assert "§90 withdrawn with the meeting" in result.stderr
    solleftea("meeting", "open", NEW)
    refused = solleftea.fails("paragraph", "add", NEW, "--title", "X", "--number", "90")
    assert "§90 is already used in 2024" in refused.output


def test_amend_with_nothing_to_change_is_a_usage_error(solleftea: Finsam) -> None:
    solleftea("meeting", "open", NEW)
    assert "give at least one field" in solleftea.fails("meeting", "amend", NEW).output


# -- the secretary's words ---------------------------------------------------------------


def sfi_2025(solleftea: Finsam) -> None:
    """A meeting and an application for 2025 like the SFI one of 2024 (998 000 kr)."""
    solleftea("meeting", "open", NEW, *QUORATE)
    solleftea(
        "application",
        "receive",
        "sfi-2025",
        "--name",
        "SFI på modersmål",
        "--owner",
        "solleftea",
        "--amount",
        "998000",
        "--start",
        "2025-01-01",
        "--end",
        "2025-12-31",
        "--on",
        "2024-11-01",
    )


def test_without_decision_a_sentence_is_written_from_names(solleftea: Finsam) -> None:
    sfi_2025(solleftea)
    solleftea("grant", "sfi-2025", "--meeting", NEW, "--send-to", "Sollefteå kommun")
    [p] = solleftea.json("minutes", NEW)["paragraphs"]
    assert p["title"] == "Ansökan om medel: SFI på modersmål"
    assert p["decisions"] == [
        "Styrelsen beslutar att bevilja Sollefteå kommun 998 000 kr för insatsen "
        "SFI på modersmål under 2025."
    ]
    assert p["show_effects"] is False  # the effect is the decision: said once
    assert p["send_to"] == ["Sollefteå kommun"]
    text = solleftea("minutes", NEW).output
    assert "Ekonomisk effekt" not in text


def test_the_secretarys_decision_dissent_and_conflict(solleftea: Finsam) -> None:
    sfi_2025(solleftea)
    solleftea(
        "refer-back",
        "sfi-2025",
        "--meeting",
        NEW,
        "--reason",
        "Målgruppen behöver beskrivas.",
        "--decision",
        "Styrelsen beslutar att återremittera ärendet.",
        "--decision",
        "Förbundschefen får i uppdrag att stödja sökanden.",
        "--dissent",
        "Birgitta Häggkvist",
        "--effect",
    )
    [p] = solleftea.json("minutes", NEW)["paragraphs"]
    assert p["decisions"] == [
        "Styrelsen beslutar att återremittera ärendet.",
        "Förbundschefen får i uppdrag att stödja sökanden.",
    ]
    assert p["dissent"] == ["Birgitta Häggkvist"]
    assert p["effects"] == [
        "återremittera ansökan om medel för insatsen SFI på modersmål till Sollefteå kommun "
        "för komplettering: Målgruppen behöver beskrivas"
    ]
    assert p["show_effects"] is True
    text = solleftea("minutes", NEW).output
    assert text.count("Ekonomisk effekt") == 1
    markdown = solleftea("minutes", NEW, "--format", "markdown").output
    # the list of decisions ends before what follows it
    assert "- Förbundschefen får i uppdrag att stödja sökanden.\n\nEkonomisk effekt:" in markdown
    assert "Reservation: Birgitta Häggkvist  \n" in markdown


def test_a_budget_change_names_its_lines(solleftea: Finsam) -> None:
    solleftea("meeting", "open", NEW, *QUORATE)
    lines = (
        "driftbidrag:income:100000:Driftbidrag",
        "nya-projekt:cost:90000:Nya projekt",
        "folkhalsa:cost:10000",
    )
    adopt = ("budget", "adopt", "--year", "2025", "--meeting", NEW)
    solleftea(*adopt, *(a for line in lines for a in ("--line", line)))
    move = ("--move", "nya-projekt:folkhalsa:10000")
    solleftea("budget", "change", "--year", "2025", *move, "--meeting", NEW)
    decisions = [p["decisions"] for p in solleftea.json("minutes", NEW)["paragraphs"]]
    assert decisions == [
        ["Styrelsen beslutar att fastställa verksamhetsplan och budget för 2025."],
        # the line's name where the budget gives one, else its id
        [
            "Styrelsen beslutar att ändra budgeten för 2025: Nya projekt −10 000 kr, folkhalsa +10 000 kr."
        ],
    ]


# -- meetings at a glance -----------------------------------------------------------------


def test_meetings_json_keeps_its_contract(solleftea: Finsam) -> None:
    rows = solleftea.json("meetings", "--year", "2023")
    assert [{k: r[k] for k in ("date", "first", "last", "adjusted", "posted", "warnings")} for r in rows] == [
        # the example's two meetings of 2023, adjusted and posted in time
        {"date": "2023-11-23", "first": 58, "last": 67, "adjusted": "2023-11-30",
         "posted": "2023-12-01", "warnings": []},
        {"date": "2023-12-20", "first": 68, "last": 72, "adjusted": "2024-01-03",
         "posted": "2024-01-04", "warnings": []},
    ]  # fmt: skip


def test_meetings_warn_of_deadlines_missed(solleftea: Finsam) -> None:
    solleftea("meeting", "open", NEW)
    solleftea("meeting", "open", "2024-12-13")
    solleftea("paragraph", "add", "2024-12-13", "--title", "Mötets öppnande", "--number", "90")
    solleftea("meeting", "adjust", "2024-12-13", "--on", "2024-12-30")  # 17 days after
    rows = {r["date"]: r for r in solleftea.json("meetings", "--year", "2024")}
    assert rows[NEW]["warnings"] == [
        "not adjusted; due by 2024-12-27"
    ]  # 12 Dec + 14 days is annandag jul: lag 1930:173
    assert rows[NEW]["first"] is None
    assert rows["2024-12-13"]["warnings"] == [
        "adjusted 17 days after the meeting (law: 14)",
        "not posted; due by 2025-01-02",  # 30 Dec + 2 days is nyårsdagen: lag 1930:173
    ]
    assert len(rows) == 7  # the example's five of 2024 and these two


def test_meetings_as_csv_and_table(solleftea: Finsam) -> None:
    csv_lines = solleftea("meetings", "--format", "csv").stdout.splitlines()
    head = "date,first,last,adjusted,posted,warnings,appeal_last_day,forbund,orgnr"
    assert csv_lines[0] == head  # the förbund last on every row (no orgnr recorded here)
    first = "2023-11-23,58,67,2023-11-30,2023-12-01,,2023-12-22"  # 12-01 + 21 days
    assert csv_lines[1] == first + ",Samordningsförbundet Sollefteå,"
    assert len(csv_lines) == 1 + 9  # the example's nine meetings, 2023-11-23 to 2025-03-20
    assert "§58–§67" in solleftea("meetings").stdout


# -- the same in the journal ----------------------------------------------------------------

JOURNAL = """
[forbund]
id = "solleftea"

[[meetings]]
date = 2024-12-12
chair = "Birgitta Häggkvist"
secretary = "Förbundschefen"
adjusters = ["Camilla Steen"]
present = ["Birgitta Häggkvist", "Patrik Lockner"]
serving_for = [{ name = "Camilla Steen", for = "Lina Kempe" }]
others = [{ name = "Susanne Lindahl", role = "ersättare" }, { name = "Anna Berg" }]
adjust_place = "Kommunhuset"
closed = false

[[meetings.paragraphs]]
number = 90
title = "Mötets öppnande"
decisions = ["Ordföranden förklarar sammanträdet öppnat."]
send_to = ["Akten"]
"""


def test_a_journal_records_attendance_and_imports_it_once(
    solleftea: Finsam, tmp_path: Path
) -> None:
    path = tmp_path / "december.toml"
    path.write_text(JOURNAL, encoding="utf-8")
    solleftea("import", str(path))
    doc = solleftea.json("minutes", NEW)
    assert [a["name"] for a in doc["beslutande"]] == [
        "Birgitta Häggkvist",
        "Patrik Lockner",
        "Camilla Steen",
    ]
    assert doc["beslutande"][2]["serving_for"] == "Lina Kempe"
    assert [(o["name"], o["role"]) for o in doc["ovriga"]][:2] == [
        ("Susanne Lindahl", "ersättare"),
        ("Anna Berg", ""),
    ]
    assert doc["adjust_place"] == "Kommunhuset"
    assert doc["paragraphs"][0]["send_to"] == ["Akten"]
    again = solleftea("import", str(path))
    assert "nothing new; all 2 entries were already imported" in again.stderr


def test_a_journal_typo_is_refused_at_its_entry(solleftea: Finsam, tmp_path: Path) -> None:
    path = tmp_path / "december.toml"
    path.write_text(JOURNAL.replace('"Patrik Lockner"]', '"Patrik Locker"]'), encoding="utf-8")
    before = solleftea.events()
    result = solleftea.fails("import", str(path))
    assert "meetings[0] (2024-12-12): Patrik Locker is not on the board on 2024-12-12; " in (
        result.output
    )
    assert "did you mean Patrik Lockner?" in result.output
    assert solleftea.events() == before
