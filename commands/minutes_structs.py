"""The minutes' commands: a paragraph and its decisions, amending and renumbering, closing,
adjusting, posting and signing (commands/structs.py gathers every command)."""

from __future__ import annotations

import datetime as _dt
from datetime import date

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
from finsam_es.charter import NoticeBoards
from finsam_es.meeting import Attendee as Attendee
from finsam_es.meeting import MeetingDetails as MeetingDetails  # commands carry it
from finsam_es.meeting import Serving as Serving
from finsam_es.signatures import Assertion as Assertion  # SignMinutes carries it


class AddParagraph(Command, frozen=True, kw_only=True):
    meeting: date
    title: str
    number: ParagraphNumber | None = None
    text: str = ""
    decisions: tuple[str, ...] = ()
    assignments: tuple[AssignmentSpec, ...] = ()
    dissent: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    deciding: tuple[str, ...] = ()
    corrects: str | None = None
    effects: tuple[EffectType, ...] = ()
    # Since v2: journal fingerprints leave these out while at their defaults.
    send_to: tuple[str, ...] = ()
    show_effects: bool | None = None  # print the money effect under the decisions
    # Decided although fewer ledamöter than the law asks were present (KL 6:27): the
    # secretary records it so, and the minutes, the log and the reports say so.
    without_quorum: bool = False
    # Since v3: ersättare serving for this § only (a ledamot with jäv, KL 6:28), and who
    # chairs it when the chair has jäv (default: the vice chairs in order).
    serving_for: tuple[Serving, ...] = ()
    chaired_by: str = ""


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
