"""The paragraph's fields have one declaration (finsam_es/paragraph.py); however the
structs that carry them are laid out, a journal entry keeps the fingerprint it was first
imported with, so a journal imported before imports nothing twice (issue 18, item 5).

The prints below were computed by the code before the paragraph's fields were unified
(commit 4d71acf), from the files as they stand here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from commands import structs as c
from commands.fingerprints import fingerprints
from commands.journal import decode, entries, import_journal, schema
from store.application import FinsamApp
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "solleftea-2024.toml"
# the example as it stood when these prints were taken (before its 2023-11-23 meeting was
# recorded from the agenda): the prints of a journal already imported must never change
PRINTED = Path(__file__).parent / "golden" / "solleftea-2024.before-agenda.toml"

# A paragraph with every field the journal knows, beside one with only a title.
EVERY_FIELD = """
[forbund]
id = "prov"

[[meetings]]
date = 2024-03-14
present = ["Anna Ek", "Bo Ling", "Cia Mo"]

[[meetings.paragraphs]]
title = "Utan nummer"

[[meetings.paragraphs]]
number = 12
title = "Insats Steg"
text = "Förbundschefen föredrar."
decisions = ["Styrelsen beslutar att bevilja."]
assignments = [
  { who = "Förbundschefen", what = "Skriv avtal", due = 2024-04-30 },
  { who = "Bo Ling", what = "Rapportera" },
]
dissent = ["Cia Mo"]
conflict = ["Bo Ling"]
deciding = ["Anna Ek", "Cia Mo"]
corrects = "2023:71"
effects = [
  { do = "grant", insats = "steg", amount = "100 000 kr", start = 2024-04-01, end = 2024-12-31 },
]
send_to = ["Sollefteå kommun", "Region Västernorrland"]
show_effects = true
without_quorum = true
serving_for = [{ name = "Dan Ersson", for = "Bo Ling" }]
chaired_by = "Cia Mo"
"""


def paragraph_prints(path: Path) -> list[str]:
    todo = entries(decode(path))
    prints = fingerprints(todo)
    return [p for e, p in zip(todo, prints, strict=True) if isinstance(e.written, c.AddParagraph)]


def digest(prints: list[str]) -> str:
    return hashlib.sha256(" ".join(prints).encode()).hexdigest()[:32]


def test_a_paragraph_with_every_field_keeps_its_print(tmp_path: Path) -> None:
    path = tmp_path / "every-field.toml"
    path.write_text(EVERY_FIELD, encoding="utf-8")
    assert paragraph_prints(path) == [
        "0d1c94c0b78113db6a5918d090a872f3",
        "0c0b51455f8708b74a901445b2099c42",
    ]


def test_the_examples_paragraphs_keep_their_prints() -> None:
    prints = paragraph_prints(PRINTED)
    assert len(prints) == 67
    assert digest(prints) == "0d7e44e5b28717e052662b2ad9c4e12f"


def test_the_example_imported_once_imports_nothing_again(app: FinsamApp) -> None:
    first = import_journal(app, EXAMPLE)
    events = app.event_count()
    assert first.new == first.entries and first.events == events
    again = import_journal(app, EXAMPLE)
    assert (again.entries, again.new, again.events) == (first.entries, 0, 0)
    assert app.event_count() == events


def test_the_journal_schema_keeps_the_paragraphs_keys() -> None:
    paragraph = schema()["$defs"]["JournalParagraph"]
    assert sorted(paragraph["properties"]) == [
        *("assignments", "chaired_by", "conflict", "corrects", "deciding", "decisions"),
        *("dissent", "effects", "number", "send_to", "serving_for", "show_effects", "text"),
        *("title", "without_quorum"),
    ]
    assert (paragraph["required"], paragraph["additionalProperties"]) == (["title"], False)
