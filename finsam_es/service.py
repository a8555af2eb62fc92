"""Service per paragraph and who chairs it.

An ersättare may serve for one paragraph only: when a ledamot has jäv she leaves the
matter and her ersättare may take her place for it; she returns for the next (KL 6:28
and the reglementen). Each member is represented by its own people: an ersättare
serves for a ledamot of the member that appointed her, or for that member's vacant seat
(lag 2003:1210 10 §, 12 §). A serving for a vacant seat names the member's id.

When the chair has jäv she leaves the chair for the matter too: the vice chairs, in
order, chair it, or the ledamot the board chooses (``--chaired-by``).
"""

from __future__ import annotations

from datetime import date

from finsam_es.errors import InvalidInput, Refused
from finsam_es.meeting import Serving
from finsam_es.membership import Member
from finsam_es.quorum import vacancies
from finsam_es.seats import Seat


def check_target(
    board: tuple[Seat, ...], members: tuple[Member, ...], name: str, target: str, day: date
) -> bool:
    """Whether ersättare ``name`` may serve for ``target`` (a ledamot, or a member's id
    for its vacant seat) by who appointed her: True for a vacant seat, False for a
    ledamot; refuses another member's ledamot or seat in one line."""
    seats = {s.name: s for s in board}
    own = seats[name].member
    if target in {m.id for m in members}:
        if target != own:
            raise Refused(
                f"{name} is an ersättare for {own}: she cannot serve in a seat of {target} "
                "(each member is represented by its own, lag 2003:1210 10 §)"
            )
        if target not in vacancies(board, members):
            raise Refused(f"{name} cannot serve in a vacant seat of {own} on {day}: none is vacant")
        return True
    seat = seats.get(target)
    if seat is None or seat.role != "ledamot":
        raise InvalidInput(
            f"{name} cannot serve for {target}: {target} is not a ledamot on the board on {day}"
        )
    if seat.member != own:
        raise Refused(
            f"{name} is an ersättare for {own}: she cannot serve for {target}, ledamot for "
            f"{seat.member} (each member is represented by its own, lag 2003:1210 10 §)"
        )
    return False


def vacant_serving(
    board: tuple[Seat, ...], members: tuple[Member, ...], name: str, taken: list[Serving]
) -> Serving | None:
    """Ersättare ``name`` in a vacant seat of her member, if one is left unserved."""
    own = next(s.member for s in board if s.name == name)
    left = vacancies(board, members).get(own, 0) - sum(1 for t in taken if t.for_ == own)
    return Serving(name, own) if left > 0 else None


def paragraph_servings(
    board: tuple[Seat, ...],
    members: tuple[Member, ...],
    day: date,
    at_meeting: tuple[Serving, ...],
    deciding: tuple[str, ...],
    serving: tuple[Serving, ...],
) -> tuple[Serving, ...]:
    """The paragraph's own servings, checked (``deciding``: those deciding the § after
    those with jäv left): each by an ersättare on the board who does not decide already, for her own member's ledamot who does not decide the paragraph
    (absent, or gone for jäv) or for her member's vacant seat, one each."""
    seats = {s.name: s for s in board}
    serving_already = {s.name: s.for_ for s in at_meeting}
    served = {s.for_ for s in at_meeting if s.name in deciding}
    taken: dict[str, str] = {}
    for s in serving:
        seat = seats.get(s.name)
        if seat is None or seat.role != "ersattare":
            raise InvalidInput(f"{s.name} is not an ersättare on the board on {day}")
        if s.name in deciding:
            already = serving_already.get(s.name)
            why = f"serves for {already} at the meeting" if already else "decides already"
            raise Refused(f"{s.name} {why}: she cannot also serve for {s.for_} in this §")
        vacant = check_target(board, members, s.name, s.for_, day)
        if not vacant and (s.for_ in deciding or s.for_ in served):
            raise Refused(
                f"{s.name} cannot serve for {s.for_} in this §: {s.for_}'s seat is filled "
                "(an ersättare serves for a ledamot who is absent or has jäv)"
            )
        if not vacant and s.for_ in taken:
            raise Refused(f"{taken[s.for_]} and {s.name} cannot both serve for {s.for_}")
        taken[s.for_] = s.name
    return serving


def paragraph_chair(
    chair: str,
    vice_chairs: tuple[str, ...],
    deciding: tuple[str, ...],
    conflict: tuple[str, ...],
    chaired_by: str,
    number: int,
) -> tuple[str, list[str]]:
    """Who chairs the paragraph, when not the meeting's chair: ``chaired_by`` if given
    (a ledamot deciding it, without jäv), else, when the chair has jäv, the first vice
    chair deciding it without jäv ('' when the meeting's chair chairs it); and a warning
    when the chair has jäv and no one is there to take the chair."""
    if chaired_by:
        if chaired_by in conflict:
            raise Refused(f"§{number}: {chaired_by} has jäv and cannot chair the matter (KL 6:28)")
        if deciding and chaired_by not in deciding:
            raise InvalidInput(
                f"§{number}: --chaired-by {chaired_by} is not among those deciding the §"
            )
        return ("" if chaired_by == chair else chaired_by), []
    if not chair or chair not in conflict:
        return "", []
    for vice in vice_chairs:
        if vice not in conflict and (not deciding or vice in deciding):
            return vice, []
    return "", [
        f"§{number}: the chair {chair} has jäv and no vice chair without jäv decides the "
        'matter; name who chairs it with --chaired-by "NAME"'
    ]
