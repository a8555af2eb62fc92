"""Attendance as the law sees it: who decides at a meeting (beslutande: the ledamöter
present and the ersättare serving for a named ledamot), who is present without
deciding (övriga närvarande), and whether the chair and the justerare are there.

Names are checked against the board as it stood on the meeting's date; a near miss
is answered with the name meant ("did you mean Birgitta Häggkvist?").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date

import msgspec

from finsam_es.errors import InvalidInput, Refused
from finsam_es.meeting import Meeting, MeetingDetails, Serving
from finsam_es.membership import Member
from finsam_es.quorum import Quorum, QuorumRule, charter_seats, required_for, seats_filled
from finsam_es.seats import Seat
from finsam_es.service import check_target, vacant_serving


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """'; did you mean X?' for a near miss among the candidates, else ''."""
    others = sorted(set(candidates) - {name})
    close = difflib.get_close_matches(name, others, n=1, cutoff=0.75)
    return f"; did you mean {close[0]}?" if close else ""


def servings(
    board: tuple[Seat, ...], meeting: MeetingDetails, members: tuple[Member, ...] = ()
) -> tuple[Serving, ...]:
    """Who serves for whom: the servings the meeting names, and for every other
    ersättare listed as present, the one absent ledamot of her member she stands in
    for, else her member's vacant seat (finsam_es/service.py). Refuses an ersättare
    whose ledamot is present, one of another member, and one whose ledamot cannot be
    told (more than one absent); checks every name against the board."""
    day = meeting.date
    seats = {s.name: s for s in board}
    explicit = {s.name: s.for_ for s in meeting.serving_for}
    present = set(meeting.present) | set(explicit)
    where = f"on the board on {day}"
    for name in (*meeting.present, *explicit):
        if name not in seats:
            raise InvalidInput(
                f"{name} is not {where}{did_you_mean(name, seats)} "
                "(officials and guests go under --other NAME:ROLE)"
            )
    served: dict[str, str] = {}  # ledamot -> ersättare
    out: list[Serving] = []
    for name, ledamot in explicit.items():
        if seats[name].role != "ersattare":
            raise InvalidInput(
                f"{name} is a ledamot, not an ersättare: a ledamot serves for no one"
            )
        seat = seats.get(ledamot)
        if (seat is None or seat.role != "ledamot") and ledamot not in {m.id for m in members}:
            raise InvalidInput(
                f"{name} cannot serve for {ledamot}: {ledamot} is not a ledamot {where}"
                + did_you_mean(ledamot, (s.name for s in board if s.role == "ledamot"))
            )
        if check_target(board, members, name, ledamot, day):
            out.append(Serving(name, ledamot))
            continue
        _serve(served, out, name, ledamot, present, day)
    for name in meeting.present:
        if name in explicit or seats[name].role != "ersattare":
            continue
        member = seats[name].member
        own = [s.name for s in board if s.role == "ledamot" and s.member == member]
        absent = [n for n in own if n not in present and n not in served]
        vacant = vacant_serving(board, members, name, out)
        if len(absent) == 1:
            _serve(served, out, name, absent[0], present, day)
        elif not absent and vacant:
            out.append(vacant)
        elif not absent:
            whose = " and ".join(own) or f"no ledamot of {member}"
            raise Refused(
                f"{name} (ersättare) cannot serve on {day}: {whose} is present; list her "
                f'under övriga närvarande (--other "{name}:ersättare")'
            )
        else:
            raise InvalidInput(
                f"{name} (ersättare) could serve for {' or '.join(absent)}: name whom with "
                f'--serving-for "{name}=LEDAMOT"'
            )
    return tuple(out)


def _serve(
    served: dict[str, str],
    out: list[Serving],
    name: str,
    ledamot: str,
    present: set[str],
    day: date,
) -> None:
    if ledamot in present:
        raise Refused(
            f"{name} cannot serve for {ledamot} on {day}: {ledamot} is present and decides "
            "herself; an ersättare serves only for an absent ledamot"
        )
    if ledamot in served:
        raise Refused(f"{served[ledamot]} and {name} cannot both serve for {ledamot}")
    served[ledamot] = name
    out.append(Serving(name, ledamot))


def settle_attendance(
    board: tuple[Seat, ...], meeting: MeetingDetails, members: tuple[Member, ...] = ()
) -> tuple[MeetingDetails, list[str]]:
    """The meeting with its attendance settled (every serving named, those serving
    counted as present), and the warnings; refuses what the law does not allow."""
    if not meeting.present and not meeting.serving_for:
        return meeting, []
    serving = servings(board, meeting, members)
    present = tuple(dict.fromkeys((*meeting.present, *(s.name for s in serving))))
    deciding = set(present)
    for other in meeting.others:
        if other.name in deciding:
            raise InvalidInput(
                f"{other.name} is listed both as deciding and among övriga närvarande"
            )
    attending = deciding | {o.name for o in meeting.others}
    board_names = [s.name for s in board]
    warnings = []
    day = meeting.date
    if meeting.chair and meeting.chair not in deciding:
        if meeting.chair not in board_names:
            raise InvalidInput(
                f"the chair {meeting.chair} is not on the board on {day}"
                + did_you_mean(meeting.chair, board_names)
            )
        warnings.append(f"the chair {meeting.chair} is not among those deciding on {day}")
    for name in meeting.adjusters:
        if name in deciding:
            continue
        if name in attending:
            warnings.append(f"justerare {name} is present but does not decide")
        elif name in board_names:
            warnings.append(f"justerare {name} is not among those present on {day}")
        else:
            raise InvalidInput(
                f"justerare {name} is neither on the board nor present on {day}"
                + did_you_mean(name, (*attending, *board_names))
            )
    settled = msgspec.structs.replace(meeting, present=present, serving_for=serving)
    return settled, warnings


def paragraph_quorum(
    board: tuple[Seat, ...],
    rule: QuorumRule,
    meeting: MeetingDetails | Meeting,
    deciding: tuple[str, ...],
    conflict: tuple[str, ...],
    members: tuple[Member, ...] = (),
    own: tuple[Serving, ...] = (),
) -> Quorum | None:
    """The quorum of one paragraph: the ledamot seats filled by those deciding it (the
    paragraph's own list, else the meeting's), after those with jäv have left (they are
    neither part of nor present at the matter, KL 6:28), and by the ersättare serving
    for this § only (``own``), against more than half of the ledamöter the charter gives
    the board (``members``' seats, lag 2003:1210 9 § p. 3; KL 6:27 through 19 §): a
    vacancy never lowers the bar. None when the meeting records no attendance or the
    board no ledamöter."""
    if not meeting.present:
        return None
    if not any(s.role == "ledamot" for s in board):
        return None
    seats = charter_seats(members) or sum(1 for s in board if s.role == "ledamot")
    left = set(conflict)
    who = tuple(n for n in (deciding or meeting.present) if n not in left)
    served = tuple(s.for_ for s in meeting.serving_for if s.name in who)
    filled = seats_filled(board, members, who, (*served, *(s.for_ for s in own)))
    return Quorum(present=filled, required=required_for(seats, rule), seats=seats)


class Deciding(msgspec.Struct, frozen=True, kw_only=True):
    """What a paragraph's quorum rule needs to know of the paragraph."""

    number: int
    deciding: tuple[str, ...]  # those deciding it, when not the whole meeting
    conflict: tuple[str, ...]  # those with jäv, who left
    decides: bool  # it records decisions or money effects (not only information)
    without_quorum: bool  # the secretary records it as decided without quorum
    serving: tuple[Serving, ...] = ()  # ersättare serving for this § only (KL 6:28)


def paragraph_quorum_warnings(
    board: tuple[Seat, ...],
    rule: QuorumRule,
    meeting: Meeting,
    paragraph: Deciding,
    members: tuple[Member, ...] = (),
) -> list[str]:
    """A decision needs more than half of the ledamöter present, after those with jäv
    have left (KL 6:27, 6:28 through lag 2003:1210 19 §): refused without it, unless the
    secretary records that the board decided without quorum."""
    p = paragraph
    q = paragraph_quorum(board, rule, meeting, p.deciding, p.conflict, members, p.serving)
    if q is None or q.reached or not p.decides:
        if p.without_quorum:
            why = "the board had quorum" if q is not None else "no attendance is recorded"
            raise InvalidInput(
                f"§{p.number}: --without-quorum, but {why}"
                + (f" ({q.present} of {q.seats} ledamöter present)" if q else "")
            )
        return []
    jav = " after jäv" if p.conflict else ""
    if not p.without_quorum:
        raise Refused(
            f"§{p.number} ({meeting.date}): no quorum{jav}: {q.describe()}; the board cannot "
            "decide (record it as decided anyway with --without-quorum)"
        )
    return [f"§{p.number}: decided without quorum{jav}: {q.describe()}"]
