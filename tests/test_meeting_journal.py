"""The meeting of issue 20 from a journal: the diarium, participation at a distance and a
vote on a paragraph, in the order a secretary records them and imported once."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Finsam

JOURNAL = """
[forbund]
id = "ost"
name = "Östra"
members = [{ id = "fk", kind = "state", share = "25%" },
           { id = "af", kind = "state", share = "25%" },
           { id = "region", kind = "region", share = "25%" },
           { id = "k1", kind = "municipality", share = "12.5%" },
           { id = "k2", kind = "municipality", share = "12.5%" }]

[[board]]
name = "Anna Berg"
member = "fk"
role = "ledamot"
from = 2024-01-01

[[board]]
name = "Per Ek"
member = "af"
role = "ledamot"
from = 2024-01-01

[[board]]
name = "Eva Lund"
member = "region"
role = "ledamot"
from = 2024-01-01

[[board]]
name = "Lars Nord"
member = "k1"
role = "ledamot"
from = 2024-01-01

[[board]]
name = "Mia Sund"
member = "k2"
role = "ledamot"
from = 2024-01-01

[[diarium]]
on = 2024-02-20
direction = "in"
party = "Arbetsförmedlingen"
subject = "Ansökan om medel: Steget vidare"

[[distance_rules]]
on = 2024-01-01

[[meetings]]
date = 2024-03-14
chair = "Anna Berg"
secretary = "Förbundschefen"
adjusters = ["Per Ek"]
present = ["Anna Berg", "Per Ek", "Eva Lund", "Lars Nord", "Mia Sund"]
adjusted = 2024-03-20

[[meetings.paragraphs]]
number = 1
title = "Ansökan om medel: Steget vidare (dnr 2024/1)"
decisions = ["Styrelsen beslutar att bevilja ansökan."]

[[distance]]
date = 2024-03-14
names = ["Mia Sund"]

[[votes]]
year = 2024
number = 1
on = 2024-03-14
proposals = [{ key = "A", text = "Bifall", moved_by = ["Eva Lund"] },
             { key = "B", text = "Avslag", moved_by = ["Per Ek"] }]
vote = { kind = "open", ja_for = "A", nej_for = "B", ja = ["Anna Berg", "Eva Lund", "Lars Nord"], nej = ["Per Ek", "Mia Sund"] }
"""


def test_the_meeting_from_a_journal(finsam: Finsam, tmp_path: Path) -> None:
    journal = tmp_path / "ost.toml"
    journal.write_text(JOURNAL, encoding="utf-8")
    finsam("import", str(journal))
    events = finsam.events()
    finsam("import", str(journal))
    assert finsam.events() == events  # imported once
    shown = finsam.json("paragraph", "show", "2024", "1", "--format", "json")
    assert (shown["vote"]["outcome"], len(shown["vote"]["ja"]), len(shown["vote"]["nej"])) == (
        "A",
        3,
        2,
    )
    assert [a["name"] for a in shown["attendees"] if a["distance"]] == ["Mia Sund"]
    assert shown["adjusted"] == "2024-03-20"
    rows = finsam.json("diarium", "--as-of", "2024-12-31", "--format", "json")
    assert [r["number"] for r in rows] == ["2024/1"]
