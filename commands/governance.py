"""Handlers of the governance commands: the förbund, its board, meetings and paragraphs.

Each handler loads the aggregates, lets them decide and leaves the events pending in
the unit of work; it returns the warnings the board should hear. A paragraph's money
effects are decided in ``commands.decisions``.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import msgspec

from commands import structs as c
from commands.decisions import decide_effects, effect_title
from commands.loading import (
    minutes_book,
    opened,
    registry_or_start,
    resolve_forbund,
)
from finsam_es import shares as sh
from finsam_es.attendance import Deciding, paragraph_quorum_warnings, settle_attendance
from finsam_es.errors import InvalidInput
from finsam_es.forbund import Forbund
from finsam_es.meeting import Meeting, MeetingDetails, Serving, meeting_details
from finsam_es.membership import Member, with_shares
from finsam_es.minutes import MinutesBook
from finsam_es.orgnr import OrgnrRecorded, parse_orgnr
from finsam_es.paragraph import Assignment, Paragraph, ParagraphFields
from finsam_es.paragraph_service import change_service
from finsam_es.seats import Seat
from finsam_es.service import paragraph_chair, paragraph_servings
from finsam_es.values import paragraph_ref, parse_paragraph_ref
from store.unit_of_work import UnitOfWork

# -- the förbund and its board ------------------------------------------------------


def create_forbund(uow: UnitOfWork, cmd: c.CreateForbund) -> list[str]:
    reg = registry_or_start(uow)
    reg.check_new(cmd.id)
    members = with_shares(
        [
            (
                Member(
                    id=m.id,
                    name=m.name or m.id,
                    kind=m.kind,
                    share="0/1",
                    ledamoter=m.ledamoter,
                    ersattare=m.ersattare,
                ),
                sh.parse(m.share),
            )
            for m in cmd.members
        ]
    )
    on = cmd.on or uow.at.date()
    orgnr = parse_orgnr(cmd.orgnr) if cmd.orgnr else ""
    stated = cmd.on is not None and not cmd.on_by_default
    f = Forbund.register(cmd.id, cmd.name, members, cmd.quorum, uow.at, on, stated)
    if orgnr:
        f.record(OrgnrRecorded, uow.at, effective=on, orgnr=orgnr)
    uow.add(f)
    reg.add(cmd.id, uow.at, on)
    return []


def record_orgnr(uow: UnitOfWork, cmd: c.RecordOrgnr) -> list[str]:
    """The organisation number of a förbund created without it (or corrected)."""
    f = resolve_forbund(uow, cmd.forbund)
    orgnr = parse_orgnr(cmd.orgnr)
    if orgnr == f.orgnr:
        raise InvalidInput(f"{f.forbund} har redan organisationsnummer {orgnr}")
    f.record(OrgnrRecorded, uow.at, effective=cmd.on or uow.at.date(), orgnr=orgnr)
    return []


def change_seats(uow: UnitOfWork, cmd: c.ChangeSeats) -> list[str]:
    return resolve_forbund(uow, cmd.forbund).change_seats(cmd.member, cmd.seats, cmd.on, uow.at)


def appoint(uow: UnitOfWork, cmd: c.AppointBoardMember) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    seat = Seat(
        name=cmd.name,
        member=cmd.member,
        role=cmd.role,
        start=cmd.start,
        end=cmd.end,
        chair=cmd.chair,
        vice_chair=cmd.vice_chair,
    )
    f.appoint(seat, uow.at)
    return []


def leave_board(uow: UnitOfWork, cmd: c.LeaveBoard) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    f.leave(cmd.name, cmd.on, uow.at)
    return []


# -- meetings -------------------------------------------------------------------------


def open_meeting(uow: UnitOfWork, cmd: c.OpenMeeting) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    day = cmd.meeting.date
    meeting, warnings = settle_attendance(f.board_on(day), cmd.meeting, f.members_on(day))
    opened(uow, MinutesBook, f.forbund, meeting.date.year).open_meeting(meeting, uow.at)
    return warnings + quorum(f, meeting)


def quorum(f: Forbund, meeting: MeetingDetails) -> list[str]:
    """The quorum warning, counting the seats filled by ledamöter and those serving."""
    if not meeting.present:
        return []
    served = tuple(s.for_ for s in meeting.serving_for)
    warning = f.quorum_warning(meeting.date, meeting.present, served)
    return [warning] if warning else []


def amend_meeting(uow: UnitOfWork, cmd: c.AmendMeeting) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.date.year)
    current = MeetingDetails(**meeting_details(book.meeting(cmd.date)))
    changes = {
        k: v
        for k, v in msgspec.structs.asdict(cmd).items()
        if v is not None and k in MeetingDetails.__struct_fields__ and k != "date"
    }
    if "present" in changes and "serving_for" not in changes:
        changes["serving_for"] = ()  # who serves is settled again from the new list
    wanted = msgspec.structs.replace(current, **changes)
    warnings: list[str] = []
    if ATTENDANCE & set(changes):  # a place or time can be fixed in a meeting of any age
        wanted, warnings = settle_attendance(f.board_on(cmd.date), wanted, f.members_on(cmd.date))
        warnings += quorum(f, wanted)
    book.amend_meeting(wanted, cmd.on or uow.at.date(), uow.at)
    return warnings


ATTENDANCE = {"present", "serving_for", "others", "chair", "adjusters"}


def cancel_meeting(uow: UnitOfWork, cmd: c.CancelMeeting) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.date.year)
    return book.cancel_meeting(cmd.date, cmd.reason, cmd.on or uow.at.date(), uow.at)


def close_meeting(uow: UnitOfWork, cmd: c.CloseMeeting) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    minutes_book(uow, f.forbund, cmd.date.year).close_meeting(cmd.date, uow.at)
    return []


def adjust_minutes(uow: UnitOfWork, cmd: c.AdjustMinutes) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.date.year)
    return book.adjust(cmd.date, cmd.on, uow.at, cmd.paragraph)


# -- paragraphs -----------------------------------------------------------------------


def add_paragraph(uow: UnitOfWork, cmd: c.AddParagraph) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.meeting.year)
    book.check_accepts_paragraphs(cmd.meeting)
    number = cmd.number if cmd.number is not None else book.next_number()
    if cmd.corrects:
        year, corrected = parse_paragraph_ref(cmd.corrects)
        minutes_book(uow, f.forbund, year).check_correctable(corrected, cmd.meeting)
    ref = paragraph_ref(book.year, number)
    if not cmd.title.strip() and cmd.effects:
        cmd = msgspec.structs.replace(cmd, title=effect_title(uow, f, cmd.effects[0]))
    meeting = book.meeting(cmd.meeting)
    sitting = Sitting(number, cmd.meeting, cmd.deciding, cmd.conflict, cmd.serving_for)
    chaired_by, chair_warnings = paragraph_attendance(f, meeting, sitting, cmd.chaired_by)
    quorum_warnings = paragraph_quorum(
        f, meeting, sitting, bool(cmd.decisions or cmd.effects), cmd.without_quorum
    )
    summaries, warnings = decide_effects(uow, f, cmd.effects, ref, cmd.meeting)
    uow.receipts.append(f"§{number} ({book.year})")
    paragraph = paragraph_of(cmd, number, summaries, chaired_by)
    added = book.add_paragraph(paragraph, uow.at)
    return added + chair_warnings + quorum_warnings + warnings


class Sitting(NamedTuple):
    """Who sits in one paragraph: its number and meeting day, who decides (empty: the
    meeting's present), who has jäv and the ersättare serving for this § only."""

    number: int
    day: date
    deciding: tuple[str, ...]
    conflict: tuple[str, ...]
    serving_for: tuple[Serving, ...]


def paragraph_attendance(
    f: Forbund, meeting: Meeting, s: Sitting, chaired_by: str
) -> tuple[str, list[str]]:
    """Checks the ersättare serving for this § only, and tells who chairs it when not
    the meeting's chair (finsam_es/service.py), with a warning when no one can."""
    board = f.board_on(s.day)
    deciding = tuple(n for n in (s.deciding or meeting.present) if n not in s.conflict)
    if s.serving_for and not meeting.present:
        raise InvalidInput(
            f"§{s.number}: --serving-for needs the meeting's attendance (meeting amend --present)"
        )
    paragraph_servings(
        board, f.members_on(s.day), s.day, meeting.serving_for, deciding, s.serving_for
    )
    roles = f.roles_on(s.day)
    chair = meeting.chair or roles.chair or ""
    return paragraph_chair(chair, roles.vice_chairs, deciding, s.conflict, chaired_by, s.number)


def paragraph_quorum(
    f: Forbund, meeting: Meeting, s: Sitting, decides: bool, without_quorum: bool
) -> list[str]:
    """The paragraph's quorum after jäv and the ersättare serving (KL 6:27, 6:28)."""
    deciding = Deciding(
        number=s.number,
        deciding=s.deciding,
        conflict=s.conflict,
        decides=decides,
        without_quorum=without_quorum,
        serving=s.serving_for,
    )
    return paragraph_quorum_warnings(
        f.board_on(s.day), f.quorum, meeting, deciding, f.members_on(s.day)
    )


def set_paragraph_service(uow: UnitOfWork, cmd: c.SetParagraphService) -> list[str]:
    """The ersättare serving for one § only and who chairs it, set on a paragraph added
    before (taken from the agenda), checked as when a paragraph is added with them."""
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.year)
    p = book.paragraph(cmd.number)
    meeting = book.meeting(p.meeting)
    sitting = Sitting(cmd.number, p.meeting, p.deciding, p.conflict, cmd.serving_for)
    chaired_by, warnings = paragraph_attendance(f, meeting, sitting, cmd.chaired_by)
    quorum = paragraph_quorum(f, meeting, sitting, bool(p.decisions or p.effects), False)
    change_service(book, cmd.number, cmd.serving_for, chaired_by, cmd.on, uow.at)
    uow.receipts.append(f"§{cmd.number} ({book.year})")
    return warnings + quorum


def decision_sentence(clause: str) -> str:
    """'bevilja X 998 000 kr ...' -> 'Styrelsen beslutar att bevilja X 998 000 kr ... .'"""
    return f"Styrelsen beslutar att {clause.rstrip('. ')}."


def paragraph_of(
    cmd: c.AddParagraph, number: int, effects: tuple[str, ...], chaired_by: str = ""
) -> Paragraph:
    """The paragraph the command adds, its money effects summed up in ``effects``. With
    no decision written, each effect is the decision, in a sentence. The money effect
    is printed under the decisions only when the secretary asks for it."""
    written = {name: getattr(cmd, name) for name in ParagraphFields.__struct_fields__}
    return Paragraph(
        **written
        | {
            "decisions": cmd.decisions or tuple(decision_sentence(e) for e in effects),
            "assignments": tuple(Assignment(a.who, a.what, a.due) for a in cmd.assignments),
            "effects": effects,
            "chaired_by": chaired_by,
        },
        number=number,
        meeting=cmd.meeting,
    )


def amend_paragraph(uow: UnitOfWork, cmd: c.AmendParagraph) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    minutes_book(uow, f.forbund, cmd.year).amend_paragraph(
        cmd.number,
        cmd.title,
        cmd.text,
        cmd.decisions,
        cmd.on,
        uow.at,
        dissent=cmd.dissent,
        conflict=cmd.conflict,
        send_to=cmd.send_to,
    )
    return []


def renumber_paragraph(uow: UnitOfWork, cmd: c.RenumberParagraph) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    minutes_book(uow, f.forbund, cmd.year).renumber_paragraph(cmd.number, cmd.to, cmd.on, uow.at)
    return []


def complete_assignment(uow: UnitOfWork, cmd: c.CompleteAssignment) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    minutes_book(uow, f.forbund, cmd.year).complete_assignment(
        cmd.number, cmd.index, cmd.on, cmd.note, uow.at
    )
    return []
