"""The board's roles with terms of their own, and seats that rotate between members.

Chair and vice chair (lag 2003:1210 17 §) are often elected for a year at the first
meeting of the year, independently of the seat: a ``RoleTerm`` names the ledamot, the
role and its first and last day. Seats appointed with ``--chair`` or ``--vice-chair``
(before terms of their own existed) hold the role for the seat's period; they are read
as terms here, so the rules below treat both alike.

A ``Rotation`` is an ordinary seat the charter lets named members hold in turn: in
their order, each for ``months`` months from ``start``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

import msgspec

from finsam_es.errors import InvalidInput, Refused
from finsam_es.values import month_end, month_from_index, month_index

RoleName = Literal["chair", "vice-chair"]
MAX_VICE_CHAIRS = 2  # lag 2003:1210 17 §: one or two vice chairs
ROLE_WORD = {"chair": "chair (ordförande)", "vice-chair": "vice chair (vice ordförande)"}


class RoleTerm(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    role: RoleName
    start: date
    end: date | None = None
    paragraph: str | None = None

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: RoleTerm) -> bool:
        return self.start <= (other.end or date.max) and other.start <= (self.end or date.max)


class Rotation(msgspec.Struct, frozen=True, kw_only=True):
    """A seat held in turn: ``members`` in order, each ``months`` months from ``start``."""

    name: str
    members: tuple[str, ...]
    start: date
    months: int
    end: date | None = None
    paragraph: str | None = None

    def turn_on(self, day: date) -> tuple[str, date, date] | None:
        """The member whose turn it is on the day, and the first and last day of its turn."""
        if day < self.start or (self.end is not None and day > self.end):
            return None
        n = (month_index(day) - month_index(self.start)) // self.months
        if _add_months(self.start, n * self.months) > day:
            n -= 1
        begin = _add_months(self.start, n * self.months)
        last = date.fromordinal(_add_months(self.start, (n + 1) * self.months).toordinal() - 1)
        if self.end is not None:
            last = min(last, self.end)
        return self.members[n % len(self.members)], begin, last


class RotatingTurn(msgspec.Struct, frozen=True):
    """Whose turn it is to hold a rotating seat on a date, from and to."""

    seat: str
    member: str
    start: date = msgspec.field(name="from")
    end: date | None = msgspec.field(name="to")


def turns_on(rotations: Iterable[Rotation], day: date) -> tuple[RotatingTurn, ...]:
    """Whose turn each rotating seat is on the day (rotations not running: none)."""
    turns = ((r.name, r.turn_on(day)) for r in rotations)
    return tuple(RotatingTurn(name, *turn) for name, turn in turns if turn is not None)


def terms_held(terms: Iterable[RoleTerm], ledamot: set[str], day: date) -> tuple[RoleTerm, ...]:
    """The terms held on the day by a ledamot on the board that day, the chair first."""
    held = (t for t in terms if t.holds_on(day) and t.name in ledamot)
    return tuple(sorted(held, key=lambda t: t.role != "chair"))


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` months later (the month's last day where it is shorter)."""
    year, month = month_from_index(month_index(day) + months)
    return date(year, month, min(day.day, month_end(year, month).day))


def check_term(term: RoleTerm, terms: Iterable[RoleTerm]) -> None:
    """Refuse a term that ends before it begins, or that overlaps the same person's term
    of the same role, another chair, or two other vice chairs."""
    if term.end is not None and term.end < term.start:
        raise InvalidInput(f"{term.name}: --to {term.end} is before --from {term.start}")
    overlapping = [t for t in terms if t.overlaps(term)]
    for other in overlapping:
        if other.name == term.name and other.role == term.role:
            raise Refused(
                f"{term.name} is already {ROLE_WORD[term.role]} from {other.start}"
                f"{_until(other)}; end that term first (finsam board end-role)"
            )
        if other.name == term.name:
            raise Refused(
                f"{term.name} is {ROLE_WORD[other.role]} from {other.start}{_until(other)}; "
                "one person cannot be chair and vice chair at once (lag 2003:1210 17 §)"
            )
    same = [t for t in overlapping if t.role == term.role]
    if term.role == "chair" and same:
        raise Refused(
            f"{same[0].name} is chair from {same[0].start}{_until(same[0])}; a förbund has one "
            f'chair at a time (lag 2003:1210 17 §): end that term first (finsam board end-role "'
            f'{same[0].name}" --role chair --on DATE)'
        )
    if term.role == "vice-chair" and _most_at_once(term, same) >= MAX_VICE_CHAIRS:
        names = " and ".join(t.name for t in same)
        raise Refused(
            f"{names} are vice chairs then; a förbund has one or two vice chairs at a time "
            "(lag 2003:1210 17 §)"
        )


def check_rotation(rotation: Rotation, members: Iterable[str]) -> None:
    known = set(members)
    if not rotation.name.strip():
        raise InvalidInput("a rotating seat needs a name (like 'kommunplatsen')")
    if len(rotation.members) < 2:
        raise InvalidInput(
            f"rotating seat '{rotation.name}': name at least two members in their order "
            "(--member ID, repeated)"
        )
    for member in rotation.members:
        if rotation.members.count(member) > 1:
            raise InvalidInput(f"rotating seat '{rotation.name}': member '{member}' is named twice")
        if member not in known:
            raise Refused(
                f"rotating seat '{rotation.name}': '{member}' is not a member on "
                f"{rotation.start} (members: {', '.join(sorted(known))})"
            )
    if rotation.months < 1:
        raise InvalidInput(f"rotating seat '{rotation.name}': --months is at least 1")
    if rotation.end is not None and rotation.end < rotation.start:
        raise InvalidInput(
            f"rotating seat '{rotation.name}': --to {rotation.end} is before --from "
            f"{rotation.start}"
        )


def end_term(terms: tuple[RoleTerm, ...], name: str, role: RoleName, last_day: date) -> RoleTerm:
    """The term of ``name`` in ``role`` that is open after ``last_day``; refused if none."""
    open_ = [t for t in terms if t.name == name and t.role == role and t.holds_on(last_day)]
    if not open_ or (open_[0].end is not None and open_[0].end <= last_day):
        raise Refused(f"{name} is not {ROLE_WORD[role]} on {last_day} with a term running after it")
    return open_[0]


def _until(term: RoleTerm) -> str:
    return f" to {term.end}" if term.end else ""


def _most_at_once(term: RoleTerm, others: list[RoleTerm]) -> int:
    days = [term.start, *(o.start for o in others if o.start > term.start)]
    days = [d for d in days if term.holds_on(d)]
    return max((sum(1 for o in others if o.holds_on(d)) for d in days), default=0)


class Roles(msgspec.Struct, frozen=True):
    """Who holds the board's roles on a date: the chair and the vice chairs (17 §)."""

    chair: str | None
    vice_chairs: tuple[str, ...]
    # since issue 13: the terms held on the date and who holds each rotating seat
    terms: tuple[RoleTerm, ...] = ()
    rotating: tuple[RotatingTurn, ...] = ()
