"""What a förbund's charter (förbundsordning) settles that finsam's rules read: where its
announcements are made (lag 2003:1210 9 § p. 7: the members' notice boards, the förbund's
own digital anslagstavla, or both) and the board's term when shorter than four years
(12 §). Set by ``Forbund.change_charter`` and stored in its ``CharterSet`` events; a
förbund recorded before has the defaults, which are the rules finsam read before."""

from __future__ import annotations

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


class Charter(msgspec.Struct, frozen=True, kw_only=True):
    """``notice_boards``: "members" (the anslag on each member municipality's and region's
    board, as finsam read 19 § before), "own" (the förbund's own anslagstavla) or "both".
    ``term_years``: the board's term, four years unless the charter says shorter."""

    notice_boards: NoticeBoards = "members"
    term_years: int = TERM_YEARS
    source: str = "no charter setting recorded"


def check_charter(charter: Charter, current: Charter) -> None:
    if not 1 <= charter.term_years <= TERM_YEARS:
        raise InvalidInput(
            f"a term is one to four years (lag 2003:1210 12 §: four unless the charter says "
            f"shorter), not {charter.term_years}"
        )
    if not charter.source.strip():
        raise InvalidInput("the charter setting needs its source (--source)")
    if charter == current:
        raise InvalidInput("the charter already says this")
