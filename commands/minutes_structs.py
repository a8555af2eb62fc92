"""The minutes' commands: a paragraph and its decisions, amending and renumbering, closing,
adjusting, posting and signing (commands/structs.py gathers every command)."""

from __future__ import annotations

import datetime as _dt
from datetime import date
from typing import TYPE_CHECKING, Any

import msgspec

from commands.command_base import (
    Command,
    ParagraphNumber,
    Year,
)
from commands.effect_structs import (
    EffectType,
)
from commands.governance_structs import (
    AssignmentSpec,
)
from finsam_es.charter import NoticeBoards, QualifiedMajority
from finsam_es.meeting import Attendee as Attendee
from finsam_es.meeting import MeetingDetails as MeetingDetails  # commands carry it
from finsam_es.meeting import Serving as Serving
from finsam_es.paragraph import ParagraphFields
from finsam_es.signatures import Assertion as Assertion  # SignMinutes carries it


def _with_paragraph_fields(name: str, own: list[tuple[Any, ...]]) -> Any:
    """A command with its ``own`` fields and every field of the paragraph
    (finsam_es/paragraph.py ParagraphFields, with the assignments and money effects as
    a command gives them). msgspec gives a struct one base with fields, so the command
    is made from the one declaration rather than inheriting it beside Command's."""
    fields = msgspec.structs.fields(ParagraphFields[AssignmentSpec, EffectType])
    return msgspec.defstruct(
        name,
        [*own, *((f.name, f.type) if f.required else (f.name, f.type, f.default) for f in fields)],
        bases=(Command,),
        module=__name__,
        frozen=True,
        kw_only=True,
    )


if TYPE_CHECKING:
    # What type checkers see: the paragraph's fields by inheritance, and the command's
    # own as below (tests/test_paragraph_fields.py holds the two alike).
    class AddParagraph(
        Command, ParagraphFields[AssignmentSpec, EffectType], frozen=True, kw_only=True
    ):
        meeting: date
        number: ParagraphNumber | None = None  # none: the year's next

else:
    AddParagraph = _with_paragraph_fields(
        "AddParagraph", [("meeting", date), ("number", ParagraphNumber | None, None)]
    )
AddParagraph.__doc__ = """Add a paragraph to a meeting's minutes: its meeting, its number
(none: the year's next) and the paragraph's fields."""


class AmendParagraph(Command, frozen=True, kw_only=True):
    year: Year
    number: ParagraphNumber
    on: date
    title: str | None = None
    text: str | None = None
    decisions: tuple[str, ...] | None = None
    dissent: tuple[str, ...] | None = None
    conflict: tuple[str, ...] | None = None
    send_to: tuple[str, ...] | None = None


class SetParagraphService(Command, frozen=True, kw_only=True):
    """The ersättare serving for § ``number`` only and who chairs it, set on a paragraph
    added before (one taken from the agenda): replaces what the § said."""

    year: Year
    number: ParagraphNumber
    on: date
    serving_for: tuple[Serving, ...] = ()
    chaired_by: str = ""


class RenumberParagraph(Command, frozen=True, kw_only=True):
    year: Year
    number: ParagraphNumber
    to: int
    on: date


class CloseMeeting(Command, frozen=True, kw_only=True):
    date: _dt.date


class AdjustMinutes(Command, frozen=True, kw_only=True):
    date: _dt.date
    on: _dt.date
    paragraph: int | None = None


class PostMinutes(Command, frozen=True, kw_only=True):
    date: _dt.date
    up: _dt.date
    down: _dt.date
    boards: tuple[str, ...] = ()  # none: every board the charter names (posting.py)
    paragraph: int | None = None  # a § adjusted at once, posted on its own


class SetCharter(Command, frozen=True, kw_only=True):
    """The charter's settings with their source; None keeps what is set."""

    on: _dt.date
    notice_boards: NoticeBoards | None = None
    term_years: int | None = None
    source: str | None = None
    # the matters decided by a qualified majority (9 § p. 6); given, it replaces the list
    qualified_majorities: tuple[QualifiedMajority, ...] | None = None


class CompleteAssignment(Command, frozen=True, kw_only=True):
    year: Year
    number: ParagraphNumber
    index: int = 1
    on: date
    note: str = ""


# -- digital justering (issue 21) --


class SignMinutes(Command, frozen=True, kw_only=True):
    """A justerare or the chair approves the minutes as they stand: ``sha256`` of the
    protokoll's canonical content and the chain ``head`` the signer was shown (the read
    side computes both: projections/signing.py)."""

    date: _dt.date
    signer: str
    sha256: str
    head: str = ""
    # the passkey's WebAuthn assertion over the sha256, when signed in the workspace
    assertion: Assertion | None = None
