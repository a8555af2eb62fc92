"""The board, its members and meetings; the diarium, votes and distance participation: the
commands of governance (commands/structs.py gathers every command)."""

from __future__ import annotations

import datetime as _dt
from datetime import date

import msgspec

from commands.command_base import (
    Command,
    ParagraphNumber,
    Year,
)
from finsam_es.diarium import Direction as DiariumDirection
from finsam_es.documents import Document
from finsam_es.meeting import Attendee as Attendee
from finsam_es.meeting import MeetingDetails as MeetingDetails  # commands carry it
from finsam_es.meeting import Serving as Serving
from finsam_es.membership import MemberKind, Role
from finsam_es.quorum import QuorumRule
from finsam_es.roles import RoleName
from finsam_es.vote import Proposal, Vote

# -- governance ------------------------------------------------------------------


class MemberSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    kind: MemberKind
    share: str
    name: str = ""
    # The seats the charter gives the member (lag 2003:1210 10 §); fingerprints leave
    # them out while they are one of each.
    ledamoter: int = 1
    ersattare: int = 1


class CreateForbund(Command, frozen=True, kw_only=True):
    id: str
    name: str
    members: tuple[MemberSpec, ...]
    quorum: QuorumRule = "at_least_half"
    on: date | None = None
    orgnr: str = ""  # the organisation number, checked by finsam_es.orgnr
    # ``on`` is a journal's first date, not a formation date it states: nothing dated
    # before it is refused (a later journal may hold earlier entries)
    on_by_default: bool = False


class RecordOrgnr(Command, frozen=True, kw_only=True):
    orgnr: str
    on: date | None = None


class AppointBoardMember(Command, frozen=True, kw_only=True):
    name: str
    member: str
    role: Role
    start: date = msgspec.field(name="from")
    end: date | None = msgspec.field(default=None, name="to")
    chair: bool = False
    vice_chair: bool = False


class LeaveBoard(Command, frozen=True, kw_only=True):
    name: str
    on: date


class MemberShareSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A member's share restated when another joins or leaves: "1/24", "4.5%", "250000kr"."""

    member: str
    share: str


class JoinForbund(Command, frozen=True, kw_only=True):
    """A member joins from ``on`` by ``decision``; ``shares`` restates the others'."""

    member: MemberSpec
    on: date
    decision: str
    shares: tuple[MemberShareSpec, ...] = ()


class ChangeShares(Command, frozen=True, kw_only=True):
    """The members' shares change from ``on`` by ``decision`` (the same members)."""

    on: date
    decision: str
    shares: tuple[MemberShareSpec, ...]


class LeaveForbund(Command, frozen=True, kw_only=True):
    """A member leaves after ``on`` (its last day) by ``decision``."""

    member: str
    on: date
    decision: str
    shares: tuple[MemberShareSpec, ...] = ()


class ElectRole(Command, frozen=True, kw_only=True):
    """A ledamot elected chair or vice chair for a term of its own (17 §)."""

    name: str
    role: RoleName
    start: date = msgspec.field(name="from")
    end: date | None = msgspec.field(default=None, name="to")
    paragraph: str | None = None


class EndRole(Command, frozen=True, kw_only=True):
    name: str
    role: RoleName
    on: date  # the last day in the role


class SetRotation(Command, frozen=True, kw_only=True):
    """An ordinary seat the named members hold in turn, each ``months`` months."""

    name: str
    members: tuple[str, ...]
    start: date = msgspec.field(name="from")
    months: int = 12
    end: date | None = msgspec.field(default=None, name="to")
    paragraph: str | None = None


class OpenMeeting(Command, frozen=True, kw_only=True):
    meeting: MeetingDetails


class AmendMeeting(Command, frozen=True, kw_only=True):
    """Change header fields of a meeting before adjustment; None leaves a field as it is."""

    date: _dt.date
    on: _dt.date | None = None  # when the change is made (default: today)
    extra: bool | None = None
    place: str | None = None
    time: str | None = None
    chair: str | None = None
    secretary: str | None = None
    adjusters: tuple[str, ...] | None = None
    present: tuple[str, ...] | None = None
    serving_for: tuple[Serving, ...] | None = None
    others: tuple[Attendee, ...] | None = None
    adjust_place: str | None = None


class CancelMeeting(Command, frozen=True, kw_only=True):
    date: _dt.date
    reason: str = ""
    on: _dt.date | None = None


class AssignmentSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    who: str
    what: str
    due: date | None = None


# -- the diarium and its documents (issue 20) ---------------------------------------


class RegisterDocument(Command, frozen=True, kw_only=True):
    """A document received (``in``) or sent (``out``) on ``on``, registered in the
    diarium; it gets the year's next diarienummer."""

    on: date
    direction: DiariumDirection
    party: str  # the sender or recipient
    subject: str
    secret: bool = False  # the subject stays out of public lists (OSL 5 kap. 1 §)
    concerns: str = ""  # application:ID, insats:ID or meeting:YYYY-MM-DD
    documents: tuple[Document, ...] = ()  # each {name, content}; content base64 in a journal


class RecordVote(Command, frozen=True, kw_only=True):
    """The proposals (yrkanden) moved on § ``number`` of ``year`` and how the board
    decided between them; recorded again, it replaces the paragraph's vote."""

    year: Year
    number: ParagraphNumber
    proposals: tuple[Proposal, ...]
    vote: Vote
    on: date | None = None  # the §'s meeting day (a journal orders the vote by it)


class AllowDistance(Command, frozen=True, kw_only=True):
    """The board's decision, from ``on``, to allow participation at a distance (lag
    2003:1210 19 a §), or with ``allowed = false`` to stop allowing it; ``paragraph``
    names the decision ("2024:3"), empty for a reglemente."""

    on: date
    paragraph: str = ""
    allowed: bool = True


class RecordDistance(Command, frozen=True, kw_only=True):
    """Who took part at a distance in the meeting on ``date`` (counted as present)."""

    date: _dt.date
    names: tuple[str, ...]
