"""Quorum: how many ledamöter must be present for the board to decide (more than half by
law, KL 6:27 through lag 2003:1210 19 §, or the charter's stricter rule), and whether a
meeting's presence reaches it."""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

from finsam_es.membership import Member
from finsam_es.seats import Seat

# The charter's rule of when the board may decide. The law (KL 6:27 through lag 2003:1210
# 19 §) asks more than half of the ledamöter present whatever the charter says:
# "at_least_half" is weaker and so never applies (förbund stored with it keep it as
# written); "two_thirds" is stricter and applies.
QuorumRule = Literal["at_least_half", "more_than_half", "two_thirds"]


def ledamot_seats_filled(
    board: tuple[Seat, ...], deciding: tuple[str, ...], served: tuple[str, ...]
) -> set[str]:
    """The ledamot seats filled: the ledamöter deciding and those an ersättare serves for."""
    return {s.name for s in board if s.role == "ledamot" and s.name in deciding} | set(served)


def charter_seats(members: tuple[Member, ...]) -> int:
    """The number of ledamöter the board is to have: the members' ledamot seats by the
    charter (lag 2003:1210 9 § p. 3, 10 §). "Fler än hälften av ledamöterna" (KL 6:27)
    counts these, so a vacant seat never lowers the bar."""
    return sum(m.ledamoter for m in members)


def vacancies(board: tuple[Seat, ...], members: tuple[Member, ...]) -> dict[str, int]:
    """Each member's ledamot seats by the charter that no one holds on the board."""
    held = {
        m.id: sum(1 for s in board if s.member == m.id and s.role == "ledamot") for m in members
    }
    return {m.id: m.ledamoter - held[m.id] for m in members if m.ledamoter > held[m.id]}


def seats_filled(
    board: tuple[Seat, ...],
    members: tuple[Member, ...],
    deciding: tuple[str, ...],
    served: tuple[str, ...],
) -> int:
    """The ledamot seats filled: the ledamöter deciding, those an ersättare serves for,
    and the vacant seats of a member an ersättare of hers serves in (a serving names the
    member's id for a vacant seat, 10 §), at most as many as the member has vacant."""
    named = ledamot_seats_filled(board, deciding, served)
    open_ = vacancies(board, members)
    in_vacant = sum(min(served.count(m), n) for m, n in open_.items())
    return len(named - set(open_)) + in_vacant


class Quorum(msgspec.Struct, frozen=True):
    """Ledamot seats filled against the number the law (or a stricter charter) asks."""

    present: int
    required: int
    seats: int

    @property
    def reached(self) -> bool:
        return self.present >= self.required

    def describe(self) -> str:
        return (
            f"{self.present} of {self.seats} ledamöter present, {self.required} needed "
            "(more than half, KL 6:27 and lag 2003:1210 19 §)"
        )


def required_for(seats: int, rule: QuorumRule) -> int:
    """How many ledamöter must be present: more than half by law; the charter's rule
    only where it asks more."""
    law = seats // 2 + 1
    if rule == "two_thirds":
        return max(law, -(-2 * seats // 3))
    return law


def quorum_warning(
    board: tuple[Seat, ...],
    rule: QuorumRule,
    day: date,
    present: tuple[str, ...],
    served: tuple[str, ...] | None = None,
    members: tuple[Member, ...] = (),
) -> str | None:
    """A warning when fewer ledamöter than the law asks are present on the day.

    With ``served`` (the ledamöter an ersättare serves for) the seats filled are counted:
    the ledamöter present and those served for. Without, the members represented by
    anyone present. Against the charter's seats of ``members`` (a vacant seat never
    lowers the bar, lag 2003:1210 9 § p. 3), else the ledamot seats held."""
    if not any(s.role == "ledamot" for s in board):
        return f"no board seats are registered on {day}: quorum cannot be checked"
    seats = charter_seats(members) or sum(1 for s in board if s.role == "ledamot")
    if served is None:
        count = len({s.member for s in board if s.name in present})
    else:
        count = seats_filled(board, members, present, served)
    quorum = Quorum(present=count, required=required_for(seats, rule), seats=seats)
    if not quorum.reached:
        return f"quorum: {quorum.describe()} on {day}"
    return None
