"""The procedures of a year as a checklist: what is recorded, and a warning for each
procedure the law asks that is missing (lag 2003:1210 10 §, 23 §, 25 §, 26 §; the anslag: KL 8:12).
A pure function over the procedure books, the minutes book and the fiscal years."""

from __future__ import annotations

from datetime import date

import msgspec

from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.posting import board_label
from finsam_es.procedures import Procedure, ProcedureBook
from projections.anslag import meeting_anslag, old_announcements


class Announced(msgspec.Struct, frozen=True):
    """A meeting's adjusted minutes on the notice boards the charter names; the last day
    to appeal is three weeks (KL 13:5) after the last of them had it, moved to a weekday
    (lag 1930:173)."""

    meeting: date
    adjusted: date
    boards: dict[str, date]
    appeal_ends: date | None


class ProcedureReport(msgspec.Struct, frozen=True):
    forbund: str
    year: int
    procedures: tuple[Procedure, ...]
    announced: tuple[Announced, ...]
    warnings: tuple[str, ...]


def procedure_report(
    f: Forbund,
    year: int,
    books: dict[int, ProcedureBook],
    minutes: MinutesBook | None,
    fiscal: FiscalYear | None,
) -> ProcedureReport:
    """``books``: the procedure books of every year up to ``year`` (a delegation order
    stands until replaced); ``fiscal``: the fiscal year ``year``."""
    this = books.get(year)
    recorded = this.procedures if this else ()
    warnings: list[str] = []
    warnings += consultation_warnings(f, year, recorded, fiscal)
    announced, more = announcements(f, recorded, minutes)
    warnings += more
    warnings += delegation_warnings(year, books)
    warnings += auditor_warnings(f, year, recorded)
    warnings += discharge_warnings(f, year, recorded, fiscal)
    return ProcedureReport(f.forbund, year, recorded, announced, tuple(warnings))


def of(procedures: tuple[Procedure, ...], kind: str) -> list[Procedure]:
    return [p for p in procedures if p.kind == kind]


def consultation_warnings(
    f: Forbund, year: int, recorded: tuple[Procedure, ...], fiscal: FiscalYear | None
) -> list[str]:
    """23 §: the budget is adopted after consulting the members."""
    if fiscal is None or fiscal.adopted is None:
        return []
    adopted = fiscal.adopted[0]
    consulted = {p.member for p in of(recorded, "consultation") if p.on <= adopted}
    missing = [m.id for m in f.members if m.id not in consulted]
    if not missing:
        return []
    return [
        f"the {year} budget was adopted on {adopted} with no consultation of "
        f"{', '.join(missing)} recorded before it (lag 2003:1210 23 §)"
    ]


def announcements(
    f: Forbund, recorded: tuple[Procedure, ...], minutes: MinutesBook | None
) -> tuple[tuple[Announced, ...], list[str]]:
    """KL 8:12: the adjustment is made known on the notice boards the charter names
    (lag 2003:1210 9 § p. 7) within two days; the time to appeal (28 § with KL 13 kap.)
    counts from the day the last of them had it. The same answer as the minutes'
    (projections.anslag), announcements recorded as procedures included."""
    if minutes is None:
        return (), []
    old = old_announcements(recorded)
    out: list[Announced] = []
    warnings: list[str] = []
    for day, meeting in sorted(minutes.meetings.items()):
        if meeting.adjusted is None:
            continue
        a = meeting_anslag(f, minutes, day, old)
        missing = [
            f"the minutes of {day} are not recorded as posted on {board_label(b)} (KL 8:12)"
            for b in a.missing
        ]
        warnings += [*missing, *(f"the minutes of {day}: {w}" for w in a.warnings)]
        boards = {b.board or "": b.up for b in a.boards}
        out.append(Announced(day, meeting.adjusted, boards, a.appeal_last_day))
    return tuple(out), warnings


def delegation_warnings(year: int, books: dict[int, ProcedureBook]) -> list[str]:
    """10 §: a delegation order says what may not be delegated (aim, direction, scope,
    quality); delegated decisions are reported to the board."""
    orders = [p for y, b in books.items() if y <= year for p in of(b.procedures, "delegation")]
    if not orders:
        return [f"no delegation order is recorded by {year} (lag 2003:1210 10 §)"]
    this = books.get(year)
    if this is None or not of(this.procedures, "delegated_report"):
        return [
            f"no report of delegated decisions to the board is recorded in {year} "
            "(lag 2003:1210 10 §)"
        ]
    return []


def auditor_warnings(f: Forbund, year: int, recorded: tuple[Procedure, ...]) -> list[str]:
    """25 §: each member appoints an auditor; Försäkringskassan one jointly for itself
    and Arbetsförmedlingen (the state members: one auditor for them)."""
    appointed = {p.member for p in of(recorded, "auditor")}
    state = [m.id for m in f.members if m.kind == "state"]
    missing = [m.id for m in f.members if m.kind != "state" and m.id not in appointed]
    if state and not appointed & set(state):
        missing.insert(0, f"{' and '.join(state)} (jointly, by Försäkringskassan)")
    if not missing:
        return []
    return [f"no auditor for {year} is recorded for {', '.join(missing)} (lag 2003:1210 25 §)"]


def discharge_warnings(
    f: Forbund, year: int, recorded: tuple[Procedure, ...], fiscal: FiscalYear | None
) -> list[str]:
    """26 §: once the annual report is adopted, each member decides on discharge."""
    if fiscal is None or fiscal.closed is None:
        return []
    decided = {p.member for p in of(recorded, "discharge")}
    missing = [m.id for m in f.members if m.id not in decided]
    if not missing:
        return []
    return [
        f"no decision on discharge for {year} is recorded for {', '.join(missing)} "
        "(lag 2003:1210 26 §)"
    ]
