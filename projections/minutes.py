"""Minutes read models: a meeting's minutes as a document, one paragraph with the
paragraphs that correct it, and the assignments still open on a date. Pure functions
over minutes books.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec

from finsam_es.attendance import paragraph_quorum, servings
from finsam_es.deadlines import adjust_warnings
from finsam_es.errors import FinsamError
from finsam_es.forbund import Forbund
from finsam_es.meeting import Meeting, MeetingDetails, Serving, meeting_details
from finsam_es.membership import Member
from finsam_es.minutes import MinutesBook
from finsam_es.paragraph import Paragraph
from finsam_es.posting import BoardPosting, Posted
from finsam_es.quorum import QuorumRule
from finsam_es.seats import Seat
from finsam_es.values import paragraph_ref
from finsam_es.vote import Proposal
from projections.anslag import STORAGE, meeting_anslag, organ, paragraph_anslag
from projections.board import seat_label, with_roles
from projections.distance import AttendeeView
from projections.signing import SignatureView
from projections.votes import VoteView


class ParagraphView(msgspec.Struct, frozen=True):
    year: int
    number: int
    meeting: date
    title: str
    decisions: tuple[str, ...]
    adjusted: date | None
    posted: date | None
    text: str
    effects: tuple[str, ...]
    dissent: tuple[str, ...]
    conflict: tuple[str, ...]
    assignments: tuple[dict[str, Any], ...]
    corrects: str | None
    corrected_by: tuple[str, ...]
    immediately_adjusted: bool
    # added in v2 (the keys above are the v1 contract)
    present: tuple[str, ...] = ()  # who decided this §
    serving_for: dict[str, str] = msgspec.field(default_factory=dict)  # ersättare -> ledamot
    send_to: tuple[str, ...] = ()  # expediering
    show_effects: bool = True
    # added in v3: the paragraph's quorum after jäv (None without recorded attendance)
    # and whether it was recorded as decided without quorum (KL 6:27)
    quorum: QuorumCount | None = None
    without_quorum: bool = False
    # added in v4: the last day to appeal the § (its own, when adjusted at once and
    # posted on its own; else the minutes')
    appeal_last_day: date | None = None
    # added in v5: who chaired the § when not the meeting's chair (she had jäv), and
    # the ersättare serving for this § only (ersättare -> ledamot, KL 6:28)
    chaired_by: str | None = None
    serving_for_paragraph: dict[str, str] = msgspec.field(default_factory=dict)
    # added in v5 (issue 20): the yrkanden moved and how the board decided between them
    proposals: tuple[Proposal, ...] = ()
    vote: VoteView | None = None
    attendees: tuple[AttendeeView, ...] = ()  # who decided, and whether at a distance
    # the förslag till beslut of the agenda's ärende it was (issue 20, item 4), or ""
    proposal: str = ""
    # the diarienummer of the matter it decided (an application registered on receipt,
    # an ärende's), or "" (projections/application_numbers.py)
    diarienummer: str = ""


class QuorumCount(msgspec.Struct, frozen=True):
    """Ledamot seats filled when the § was decided, how many the law asks, and the
    seats the charter gives the board, against which it asks (lag 2003:1210 9 § p. 3)."""

    present: int
    required: int
    seats: int | None = None  # added in v5


def meeting_servings(
    board: tuple[Seat, ...], meeting: Meeting, members: tuple[Member, ...] = ()
) -> tuple[Serving, ...]:
    """Who served for whom: as recorded, or, for a meeting stored before servings were
    recorded, as the board on its date tells (nothing if it cannot be told)."""
    if meeting.serving_for or not meeting.present:
        return meeting.serving_for
    try:
        return servings(board, MeetingDetails(**meeting_details(meeting)), members)
    except FinsamError:
        return ()


def paragraph_view(
    book: MinutesBook,
    p: Paragraph,
    corrected_by: tuple[str, ...] = (),
    board: tuple[Seat, ...] = (),
    rule: QuorumRule = "more_than_half",
    anslag: Posted | None = None,
    members: tuple[Member, ...] = (),
) -> ParagraphView:
    """``members``: the members on the meeting's day, whose seats by the charter the
    quorum counts against (without them, the seats held)."""
    meeting = book.meetings[p.meeting]
    adjusted = p.adjusted or meeting.adjusted
    own = tuple(s.name for s in p.serving_for)
    present = (*(n for n in (p.deciding or meeting.present) if n not in p.conflict), *own)
    at_meeting = meeting_servings(board, meeting, members)
    inferred = msgspec.structs.replace(meeting, serving_for=at_meeting)
    q = paragraph_quorum(board, rule, inferred, p.deciding, p.conflict, members, p.serving_for)
    return ParagraphView(
        year=book.year,
        number=p.number,
        meeting=p.meeting,
        title=p.title,
        decisions=p.decisions or tuple(f"Styrelsen beslutar att {e}" for e in p.effects),
        adjusted=adjusted,
        posted=anslag.up if anslag else meeting.posted_up,
        text=p.text,
        effects=p.effects,
        dissent=p.dissent,
        conflict=p.conflict,
        assignments=tuple(
            {"who": a.who, "what": a.what, "due": a.due, "done": (i + 1) in p.completed}
            for i, a in enumerate(p.assignments)
        ),
        corrects=p.corrects,
        corrected_by=corrected_by,
        immediately_adjusted=p.immediately,
        present=present,
        serving_for={s.name: s.for_ for s in (*at_meeting, *p.serving_for) if s.name in present},
        send_to=p.send_to,
        show_effects=bool(p.show_effects and p.decisions and p.effects),
        quorum=None if q is None else QuorumCount(q.present, q.required, q.seats),
        without_quorum=p.without_quorum,
        appeal_last_day=anslag.appeal_last_day if anslag else None,
        chaired_by=p.chaired_by or None,
        serving_for_paragraph={s.name: s.for_ for s in p.serving_for},
    )


def corrections(books: Iterable[MinutesBook]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for book in books:
        for p in book.paragraphs.values():
            if p.corrects:
                out.setdefault(p.corrects, []).append(paragraph_ref(book.year, p.number))
    return {k: tuple(v) for k, v in out.items()}


class MinutesDocument(msgspec.Struct, frozen=True):
    forbund: str
    forbund_name: str
    date: _dt.date
    extra: bool
    place: str
    time: str
    chair: str
    secretary: str
    deciding: tuple[str, ...]
    others: tuple[str, ...]
    adjusters: tuple[str, ...]
    paragraphs_range: str
    closed: _dt.date | None
    adjusted: _dt.date | None
    posted_up: _dt.date | None
    posted_down: _dt.date | None
    paragraphs: tuple[ParagraphView, ...]
    # added in v2 (the keys above are the v1 contract)
    beslutande: tuple[Attending, ...] = ()
    ovriga: tuple[Attending, ...] = ()
    adjust_place: str = ""
    anslag: Anslag | None = None
    warnings: tuple[str, ...] = ()
    distance: tuple[str, ...] = ()  # took part at a distance (issue 20, 19 a §)
    # The audit head (issue 7) as of the adjustment, once the audit trail gives it:
    # what a signed protokoll can be checked against later. None until then.
    audit_head: str | None = None
    # digital justering (issue 21): each signature, void when made on amended content
    signatures: tuple[SignatureView, ...] = ()
    # the förbund's organisation number, under its name in the title block (issue 24);
    # not the minutes' content: recording it later voids no signature (signing.py)
    forbund_orgnr: str = ""


class Attending(msgspec.Struct, frozen=True):
    """One person at the meeting: name, role, and the ledamot she serves for."""

    name: str
    role: str
    serving_for: str | None = None


class Anslag(msgspec.Struct, frozen=True):
    """The ANSLAG/BEVIS block: the adjustment made known on the notice boards the
    charter names; ``posted_up`` is the day the last of them had it, from which the time
    to appeal counts; ``posted_down`` the first day one was taken down."""

    organ: str
    meeting: _dt.date
    adjusted: _dt.date | None
    posted_up: _dt.date | None
    posted_down: _dt.date | None
    take_down_earliest: _dt.date | None
    appeal_last_day: _dt.date | None
    storage: str
    boards: tuple[BoardPosting, ...] = ()  # one per board (with a § adjusted at once's own)
    warnings: tuple[str, ...] = ()  # posted late, taken down early (KL 8:12)


def minutes(
    f: Forbund,
    book: MinutesBook,
    meeting: Meeting,
    corrected: dict[str, tuple[str, ...]],
    old: tuple[BoardPosting, ...] = (),
) -> MinutesDocument:
    """``old``: announcements recorded as procedures (projections.anslag)."""
    board = f.board_on(meeting.date)
    members = f.members_on(meeting.date)
    roles = f.roles_on(meeting.date)
    seats = {s.name: with_roles(s, roles) for s in board}
    # a serving in a vacant seat names the member (finsam_es/service.py): say so
    vacant = {m.id: f"vakant plats för {m.name}" for m in members}
    serving = {
        s.name: vacant.get(s.for_, s.for_) for s in meeting_servings(board, meeting, members)
    }
    deciding = []
    others = []
    beslutande = []
    for name in meeting.present:
        seat = seats.get(name)
        if seat is None:
            others.append(name)
            continue
        role = seat_label(seat.role, seat.chair, seat.vice_chair)
        beslutande.append(Attending(name, role, serving.get(name)))
        # v1 wrote no servings; those recorded since are named in the v1 key too
        served = (
            f", tjänstgör för {serving[name]}" if name in serving and meeting.serving_for else ""
        )
        deciding.append(f"{name} ({role}{served})")
    ovriga = [Attending(o.name, o.role) for o in meeting.others]
    ovriga += [Attending(n, "") for n in meeting.present if n not in seats]
    others += [f"{o.name} ({o.role})" if o.role else o.name for o in meeting.others]
    listed = {*meeting.present, *(o.name for o in meeting.others)}
    if meeting.secretary and meeting.secretary not in meeting.present:
        others.append(f"{meeting.secretary} (sekreterare)")
    if meeting.secretary and meeting.secretary not in listed:
        ovriga.append(Attending(meeting.secretary, "sekreterare"))
    paragraphs = book.paragraphs_of(meeting.date)
    numbers = [p.number for p in paragraphs]
    span = (
        ""
        if not numbers
        else (f"§{numbers[0]}" if len(numbers) == 1 else f"§{numbers[0]}–§{numbers[-1]}")
    )
    posted = meeting_anslag(f, book, meeting.date, old)
    own = [paragraph_anslag(f, book, p.number, old) for p in paragraphs if p.immediately]
    return MinutesDocument(
        forbund=f.forbund,
        forbund_name=f.name,
        forbund_orgnr=f.orgnr,
        date=meeting.date,
        extra=meeting.extra,
        place=meeting.place,
        time=meeting.time,
        chair=meeting.chair,
        secretary=meeting.secretary,
        deciding=tuple(deciding),
        others=tuple(others),
        adjusters=meeting.adjusters,
        paragraphs_range=span,
        closed=meeting.closed,
        adjusted=meeting.adjusted,
        posted_up=posted.up,
        posted_down=posted.down,
        paragraphs=tuple(
            paragraph_view(
                book,
                p,
                corrected.get(paragraph_ref(book.year, p.number), ()),
                board,
                f.quorum,
                paragraph_anslag(f, book, p.number, old),
                members,
            )
            for p in paragraphs
        ),
        beslutande=tuple(beslutande),
        ovriga=tuple(ovriga),
        adjust_place=meeting.adjust_place,
        anslag=anslag(f, meeting, posted, own),
        warnings=(
            *adjust_warnings(meeting.date, meeting.adjusted),
            *dict.fromkeys(w for a in (posted, *own) for w in a.warnings),
        ),
    )


def anslag(f: Forbund, meeting: Meeting, posted: Posted, own: Iterable[Posted]) -> Anslag:
    """The block of the minutes; a § adjusted at once and posted on its own shows its
    boards among them (its dates are its own, in the § and its extract)."""
    return Anslag(
        organ=organ(f),
        meeting=meeting.date,
        adjusted=meeting.adjusted,
        posted_up=posted.up,
        posted_down=posted.down,
        take_down_earliest=posted.take_down_earliest,
        appeal_last_day=posted.appeal_last_day,
        storage=STORAGE,
        boards=(*posted.boards, *(b for a in own for b in a.boards if b.number is not None)),
        warnings=posted.warnings,
    )


class OpenAssignment(msgspec.Struct, frozen=True):
    paragraph: str
    index: int
    meeting: date
    who: str
    what: str
    due: date | None
    overdue: bool


def open_assignments(books: Iterable[MinutesBook], as_of: date) -> list[OpenAssignment]:
    """Assignments given on or before the date and not reported done by then."""
    out = []
    for book in books:
        for p in sorted(book.paragraphs.values(), key=lambda p: p.number):
            if p.meeting > as_of:
                continue
            done = {
                i: day for i, day in zip(p.completed, p.completed_on, strict=False) if day <= as_of
            }
            ref = paragraph_ref(book.year, p.number)
            for i, a in enumerate(p.assignments, start=1):
                if i not in done:
                    overdue = a.due is not None and a.due < as_of
                    out.append(OpenAssignment(ref, i, p.meeting, a.who, a.what, a.due, overdue))
    return out
