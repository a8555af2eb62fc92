"""What a förbund's charter (förbundsordning) settles that finsam's rules read: where its
announcements are made (lag 2003:1210 9 § p. 7: the members' notice boards, the förbund's
own digital anslagstavla, or both), the board's term when shorter than four years
(12 §) and the matters it decides by a qualified majority (9 § p. 6). Set by ``Forbund.change_charter`` and stored in its ``CharterSet`` events; a
förbund recorded before has the defaults, which are the rules finsam read before."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

import msgspec

from finsam_es.errors import InvalidInput

NoticeBoards = Literal["members", "own", "both"]

# as a förbundsordning words them ("anslagstavla: ...")
BOARDS_SV = {
    "members": "medlemmarnas",
    "own": "förbundets egen",
    "both": "medlemmarnas och förbundets",
}
OWN_BOARD = "forbund"  # the id under which the förbund's own anslagstavla is recorded
TERM_YEARS = 4  # lag 2003:1210 12 §: four years from 1 April after the election


class QualifiedMajority(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A matter the charter decides by a qualified majority (lag 2003:1210 9 § p. 6),
    named as the förbund names it ("budget", "förbundsordning"), and the share of the
    votes cast (ja and nej; avstår is not cast) the proposal needs, like "2/3"."""

    matter: str
    share: str


def qualified_share(text: str) -> Fraction:
    """``"2/3"`` as a fraction; refused unless more than half and at most all."""
    try:
        share = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise InvalidInput(f"'{text}' is not a qualified majority: write it like 2/3") from None
    if not Fraction(1, 2) < share <= 1:
        raise InvalidInput(f"a qualified majority is more than half and at most all, not {text}")
    return share


class Charter(msgspec.Struct, frozen=True, kw_only=True):
    """``notice_boards``: "members" (the anslag on each member municipality's and region's
    board, as finsam read 19 § before), "own" (the förbund's own anslagstavla) or "both".
    ``term_years``: the board's term, four years unless the charter says shorter."""

    notice_boards: NoticeBoards = "members"
    term_years: int = TERM_YEARS
    source: str = "no charter setting recorded"
    # since issue 20: the matters decided by a qualified majority (none: simple majority)
    qualified_majorities: tuple[QualifiedMajority, ...] = ()

    def majority_for(self, matter: str) -> QualifiedMajority | None:
        """The qualified majority the charter asks for ``matter``, if it asks one."""
        wanted = matter.strip().casefold()
        return next((q for q in self.qualified_majorities if q.matter.casefold() == wanted), None)


def check_charter(charter: Charter, current: Charter) -> None:
    if not 1 <= charter.term_years <= TERM_YEARS:
        raise InvalidInput(
            f"a term is one to four years (lag 2003:1210 12 §: four unless the charter says "
            f"shorter), not {charter.term_years}"
        )
    matters = [q.matter.strip().casefold() for q in charter.qualified_majorities]
    if "" in matters or len(set(matters)) != len(matters):
        raise InvalidInput("each qualified majority names a matter of its own, like budget:2/3")
    for q in charter.qualified_majorities:
        qualified_share(q.share)
    if not charter.source.strip():
        raise InvalidInput("the charter setting needs its source (--source)")
    if charter == current:
        raise InvalidInput("the charter already says this")
