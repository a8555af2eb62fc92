"""The paragraph's fields are declared once, in finsam_es/paragraph.py (ParagraphFields,
whose first fields are the Wording an amendment changes): the minutes book's Paragraph and
the journal's paragraph extend it, the AddParagraph command is made from it, and the
handler copies it whole into the book (issue 18, item 5)."""

from __future__ import annotations

import datetime as _dt
from datetime import date

import msgspec
import pytest

from commands import structs as c
from commands.governance import paragraph_of
from commands.journal import JournalParagraph
from finsam_es.meeting import Serving
from finsam_es.paragraph import Paragraph, ParagraphFields, Wording
from projections.minutes import ParagraphView

WRITTEN = ParagraphFields.__struct_fields__
# The view shows the paragraph's fields under their own names but two: those who decided
# (the paragraph's list, or the meeting's present) and the ersättare serving for this §.
SHOWN_AS = {"deciding": "present", "serving_for": "serving_for_paragraph"}


def names(kind: type[msgspec.Struct]) -> set[str]:
    return set(kind.__struct_fields__)


def test_each_struct_has_the_paragraphs_fields_and_its_own() -> None:
    assert WRITTEN[: len(Wording.__struct_fields__)] == Wording.__struct_fields__
    assert names(c.AddParagraph) == {*WRITTEN, "forbund", "recorded", "meeting", "number"}
    assert c.AddParagraph.__bases__ == (c.Command,)  # a command like every other
    assert names(JournalParagraph) == {*WRITTEN, "number"}
    book_keeps = {"number", "meeting", "adjusted", "immediately", "completed", "completed_on"}
    assert names(Paragraph) == {*WRITTEN, *book_keeps}


def test_the_command_takes_the_command_forms_of_assignments_and_effects() -> None:
    types = {f.name: f.type for f in msgspec.structs.fields(c.AddParagraph)}
    assert types["assignments"] == tuple[c.AssignmentSpec, ...]
    assert types["effects"] == tuple[c.EffectType, ...]
    assert types["title"] is str
    assert c.AddParagraph.__struct_config__.forbid_unknown_fields
    with pytest.raises(msgspec.ValidationError, match="unknown field `titel`"):
        msgspec.convert({"meeting": "2024-03-14", "titel": "x"}, c.AddParagraph)


def test_an_amendment_can_change_every_field_of_the_wording() -> None:
    amendable = names(c.AmendParagraph) - {"forbund", "recorded", "year", "number", "on"}
    assert amendable == names(Wording)
    blank = c.AmendParagraph(year=2024, number=1, on=date(2024, 3, 14))
    assert all(getattr(blank, name) is None for name in amendable)


def test_the_view_shows_every_field_of_the_paragraph() -> None:
    shown = {SHOWN_AS.get(name, name) for name in WRITTEN}
    assert shown <= names(ParagraphView)


def test_the_book_records_every_field_the_command_gives() -> None:
    cmd = c.AddParagraph(
        forbund="prov",
        meeting=date(2024, 3, 14),
        title="Insats Steg",
        text="Förbundschefen föredrar.",
        decisions=("Styrelsen beslutar att bevilja.",),
        dissent=("Cia Mo",),
        conflict=("Bo Ling",),
        send_to=("Sollefteå kommun",),
        assignments=(c.AssignmentSpec("Förbundschefen", "Skriv avtal", date(2024, 4, 30)),),
        deciding=("Anna Ek", "Cia Mo"),
        corrects="2023:71",
        show_effects=True,
        without_quorum=True,
        serving_for=(Serving("Dan Ersson", "Bo Ling"),),
        chaired_by="Cia Mo",
    )
    blank = c.AddParagraph(meeting=cmd.meeting, title="")
    # the effects are the one field left at its default: the handler sums them up
    assert [n for n in WRITTEN if getattr(cmd, n) == getattr(blank, n)] == ["effects"]
    paragraph = paragraph_of(cmd, 12, ("bevilja Steg 100 000 kr",), chaired_by="Cia Mo")
    for name in set(WRITTEN) - {"assignments", "effects"}:
        assert getattr(paragraph, name) == getattr(cmd, name), name
    assert paragraph.effects == ("bevilja Steg 100 000 kr",)
    assert [(a.who, a.what, a.due) for a in paragraph.assignments] == [
        ("Förbundschefen", "Skriv avtal", date(2024, 4, 30))
    ]
    assert (paragraph.number, paragraph.meeting) == (12, _dt.date(2024, 3, 14))


def test_with_no_decision_written_each_effect_is_the_decision() -> None:
    cmd = c.AddParagraph(meeting=date(2024, 3, 14), title="Steg")
    paragraph = paragraph_of(cmd, 3, ("bevilja Steg 100 000 kr",))
    assert paragraph.decisions == ("Styrelsen beslutar att bevilja Steg 100 000 kr.",)
