"""The procedures of a year as a checklist: what is recorded, and a warning for each
procedure the law asks that is missing (lag 2003:1210 10 §, 19 §, 23 §, 25 §, 26 §).
A pure function over the procedure books, the minutes book and the fiscal years."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec

from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.procedures import Procedure, ProcedureBook

APPEAL = timedelta(weeks=3)  # KL 13:5: three weeks from the announcement
ANNOUNCE_WITHIN = 2  # 19 §: announced no later than the second day after adjustment


class Announced(msgspec.Struct, frozen=True):
    """A meeting's adjusted minutes on the members' notice boards; the appeal time runs
    to three weeks after the last announcement."""

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
    """19 §: adjusted minutes are announced on the notice board of every member
    municipality and region, no later than the second day after adjustment."""
    if minutes is None:
        return (), []
    boards = [m.id for m in f.members if m.kind != "state"]
    out: list[Announced] = []
    warnings: list[str] = []
    for day, meeting in sorted(minutes.meetings.items()):
        if meeting.adjusted is None:
            continue
        posted = {p.member: p.on for p in of(recorded, "announcement") if p.meeting == day}
        for member in boards:
            when = posted.get(member)
            if when is None:
                warnings.append(
                    f"the minutes of {day} are not recorded as announced on {member}'s notice "
                    "board (lag 2003:1210 19 §)"
                )
            elif (when - meeting.adjusted).days > ANNOUNCE_WITHIN:
                warnings.append(
                    f"the minutes of {day} were announced on {member}'s notice board on {when}, "
                    f"more than two days after the adjustment on {meeting.adjusted} (19 §)"
                )
        last = max(posted.values(), default=None)
        ends = last + APPEAL if last and len(posted) >= len(boards) else None
        out.append(Announced(day, meeting.adjusted, posted, ends))
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
