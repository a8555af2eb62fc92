"""A paragraph (§) of the minutes: what it records (title, text, decisions, dissent,
jäv, assignments, money effects), its wording before an amendment, and the range of
its number.

Value types, stored inside the minutes book's events by their fields.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date
from typing import Generic, TypeVar

import msgspec

from finsam_es.errors import InvalidInput, NotFound, Refused
from finsam_es.meeting import Serving
from finsam_es.values import MAX_PARAGRAPH


class Assignment(msgspec.Struct, frozen=True):
    who: str
    what: str
    due: date | None = None


class Wording(msgspec.Struct, frozen=True):
    """What the secretary writes in a paragraph and an amendment can change; stored as
    it stood before an amendment (``MinutesBook.ParagraphAmended.was``)."""

    title: str
    text: str = ""
    decisions: tuple[str, ...] = ()
    dissent: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    send_to: tuple[str, ...] = ()  # expediering: who the decision is sent to


AssignmentT = TypeVar("AssignmentT")
EffectT = TypeVar("EffectT")


class ParagraphFields(Wording, Generic[AssignmentT, EffectT], frozen=True, kw_only=True):
    """Every field of a paragraph as the secretary gives it: the one declaration the
    minutes book's Paragraph and the journal's paragraph extend and the AddParagraph
    command is made from (tests/test_paragraph_fields.py holds them to it). A field added
    here is stored, imported from journals and copied into the book without another
    edit; its journal fingerprint counts it only when it is not at its default
    (commands/fingerprints.py).

    Assignments and money effects are what the command asks (AssignmentT, EffectT)
    or, in the book, what was decided: the assignments and one summary per effect."""

    assignments: tuple[AssignmentT, ...] = ()
    deciding: tuple[str, ...] = ()
    corrects: str | None = None  # the paragraph this one corrects, "2023:71"
    effects: tuple[EffectT, ...] = ()
    show_effects: bool | None = None  # print the money effect under the decisions (None: no)
    without_quorum: bool = False  # decided without quorum, recorded so (KL 6:27)
    # ersättare serving for this § only (KL 6:28), and who chairs it when not the
    # meeting's chair (the chair had jäv); stored before they existed: none, the chair.
    serving_for: tuple[Serving, ...] = ()
    chaired_by: str = ""


class Paragraph(ParagraphFields[Assignment, str], frozen=True, kw_only=True):
    """A paragraph in the minutes book: its fields, its number and meeting, and what
    the book records of it since (adjusted, assignments reported done). Stored inside
    ``ParagraphAdded`` by field name: paragraphs stored in the earlier field order read
    the same."""

    number: int
    meeting: date
    adjusted: date | None = None
    immediately: bool = False
    completed: tuple[int, ...] = ()  # numbers of the assignments done
    completed_on: tuple[_dt.date, ...] = ()  # ... and the dates they were reported done

    def check_title_and_number(self) -> None:
        if not self.title.strip():
            raise InvalidInput("a paragraph needs a title (--title)")
        if self.number <= 0:
            raise InvalidInput(f"§{self.number} is not a paragraph number (1, 2, 3 ...)")
        check_paragraph_number(self.number)

    def deciding_warnings(self, present: tuple[str, ...]) -> list[str]:
        """Who decides (the paragraph's own list, else the meeting's present) against
        those with jäv (KL 6:28: they do not decide) and those entering dissent. One with
        jäv leaves the matter: only a --deciding list naming her is wrong."""
        warnings = [
            f"§{self.number}: {name} has a conflict of interest (jäv) but is listed as "
            "deciding; leave her out of --deciding"
            for name in self.conflict
            if name in self.deciding
        ]
        who = (*(self.deciding or present), *(s.name for s in self.serving_for))
        warnings += [
            f"§{self.number}: {name} enters dissent but is not listed as deciding"
            for name in self.dissent
            if who and name not in who
        ]
        return warnings

    def check_completable(self, year: int, index: int, on: date) -> None:
        """Whether assignment ``index`` (from 1) of this paragraph can be reported done on ``on``."""
        if not 1 <= index <= len(self.assignments):
            raise NotFound(
                f"§{self.number} ({year}) has no assignment {index} (it has {len(self.assignments)})"
            )
        if index in self.completed:
            raise Refused(f"assignment {index} of §{self.number} ({year}) is already completed")
        if on < self.meeting:
            raise InvalidInput(f"an assignment given on {self.meeting} cannot be completed on {on}")


def wording_of(paragraph: Wording) -> Wording:
    """The wording a paragraph has, as an amendment keeps it."""
    return Wording(**{name: getattr(paragraph, name) for name in Wording.__struct_fields__})


def check_paragraph_number(number: int) -> None:
    """A § number within what a year can hold (values.MAX_PARAGRAPH), as the journal has it."""
    if number > MAX_PARAGRAPH:
        raise InvalidInput(
            f"§{number} is beyond the highest paragraph number of a year ({MAX_PARAGRAPH})"
        )
