"""The förvaltningsberättelse of the annual and half-year report, written from the
records: the förbund and its members with their shares, the board as it sat and its
changes, the meetings held, each insats with its kind, owner, money, participants and
goals, the förbund's own and financial goals with their fulfilment, the economy, the
forecast (half-year), the förbund's own text per section, and who signs.

Pure: the aggregates and the reader's answers in, one ``ManagementReport`` out, so the
document (projections/annual_report.py) and a test read the same thing; the reader's
part that gathers the inputs is projections/management_queries.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import msgspec

from finsam_es import shares as sh
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.values import format_kr
from projections.board import with_roles
from projections.forecast import ForecastReport
from projections.goals import ASSESSMENT_WORDS, GoalRow
from projections.money_reports import EquityReport, InsatsRow
from projections.participants import ParticipantRow
from projections.report_texts import ReportTextRow

MEMBER_KINDS = {"state": "staten", "region": "region", "municipality": "kommun"}
INSATS_KINDS = {
    "individual": "Individinriktad",
    "structural": "Strukturinriktad",
    "volume": "Volyminsats",
}
# the sections of the förvaltningsberättelse in the seeds' order; a report text recorded
# under one of these names stands in it, any other name gets a section of its own
SECTIONS = {
    "forvaltningsberattelse": "Förvaltningsberättelse",
    "organisation": "Organisation och medlemmar",
    "styrelsen": "Styrelsen",
    "sammantraden": "Styrelsens sammanträden",
    "insatser": "Insatser",
    "mal": "Mål och måluppfyllelse",
    "ekonomi": "Ekonomi",
    "prognos": "Prognos för helåret",
    "framtid": "Förväntad utveckling",
}


class MemberLine(msgspec.Struct, frozen=True):
    name: str
    kind: str  # staten, region, kommun
    share: str  # "25 %"


class SeatLine(msgspec.Struct, frozen=True):
    name: str
    title: str  # Ordförande, Vice ordförande, Ledamot, Ersättare
    member: str  # the member's name


class BoardChange(msgspec.Struct, frozen=True):
    day: date
    text: str


class MeetingLine(msgspec.Struct, frozen=True):
    day: date
    extra: bool
    paragraphs: str  # "§1-§12"


class GoalLine(msgspec.Struct, frozen=True):
    text: str
    target: str
    assessment: str  # in words, "" when none is recorded
    reason: str
    by_ledger: bool


class ParticipantLine(msgspec.Struct, frozen=True):
    total: int
    new: int | None
    finished: int | None
    women: int
    men: int
    other: int
    referred_by: tuple[tuple[str, int], ...]
    parts: tuple[tuple[str, int], ...]
    period: str


class InsatsSection(msgspec.Struct, frozen=True):
    id: str
    name: str
    kind: str
    owner: str
    co_applicants: tuple[str, ...]
    granted: int  # for the year
    used: int  # charged in the period
    unused: int
    participants: ParticipantLine | None
    goals: tuple[GoalLine, ...]


class Signatory(msgspec.Struct, frozen=True):
    name: str
    title: str


class ManagementReport(msgspec.Struct, frozen=True):
    forbund: str
    formed: date | None
    members: tuple[MemberLine, ...]
    board_on: date
    board: tuple[SeatLine, ...]
    board_changes: tuple[BoardChange, ...]
    meetings: tuple[MeetingLine, ...]
    insatser: tuple[InsatsSection, ...]
    forbund_goals: tuple[GoalLine, ...]
    financial_goals: tuple[GoalLine, ...]
    economy: tuple[str, ...]
    forecast: ForecastReport | None
    texts: tuple[tuple[str, str, str], ...]  # (section, heading, text)
    signing_day: date | None
    signing_paragraph: str | None
    signatories: tuple[Signatory, ...]

    @property
    def extra_meetings(self) -> int:
        return sum(1 for m in self.meetings if m.extra)

    def text(self, section: str) -> str:
        """The förbund's own text for one of ``SECTIONS``, or ""."""
        return next((t for s, _, t in self.texts if s == section), "")

    @property
    def other_texts(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(t for t in self.texts if t[0] not in SECTIONS)


def members(f: Forbund, day: date) -> tuple[MemberLine, ...]:
    return tuple(
        MemberLine(
            m.name or m.id, MEMBER_KINDS.get(m.kind, m.kind), f"{sh.percent(m.fraction):g} %"
        )
        for m in f.members_on(day)
    )


def seat_title(chair: bool, vice_chair: bool, role: str) -> str:
    if chair:
        return "Ordförande"
    if vice_chair:
        return "Vice ordförande"
    return "Ledamot" if role == "ledamot" else "Ersättare"


def board_on(f: Forbund, day: date) -> tuple[SeatLine, ...]:
    """The board on a day: ordförande, vice ordförande, the other ledamöter, then the
    ersättare, each with the member that appointed them, in the members' order."""
    names = {m.id: m.name or m.id for m in f.members}
    order = {m.id: i for i, m in enumerate(f.members)}
    roles = f.roles_on(day)
    rows = []
    for seat in f.board_on(day):
        s = with_roles(seat, roles)
        rank = (not s.chair, not s.vice_chair, s.role != "ledamot", order.get(s.member, 99), s.name)
        title = seat_title(s.chair, s.vice_chair, s.role)
        rows.append((rank, SeatLine(s.name, title, names.get(s.member, s.member))))
    return tuple(row for _, row in sorted(rows, key=lambda r: r[0]))


def board_changes(f: Forbund, start: date, end: date) -> tuple[BoardChange, ...]:
    """Seats that ended or began within the period, in date order."""
    names = {m.id: m.name or m.id for m in f.members}
    found: list[BoardChange] = []
    for s in f.seats:
        role = "ledamot" if s.role == "ledamot" else "ersättare"
        who = names.get(s.member, s.member)
        if s.end is not None and start <= s.end < end:
            found.append(
                BoardChange(s.end + timedelta(days=1), f"{s.name} ({role}, {who}) slutade")
            )
        if start < s.start <= end:
            found.append(BoardChange(s.start, f"{s.name} utsågs till {role} av {who}"))
    return tuple(sorted(found, key=lambda c: (c.day, c.text)))


def meetings(book: MinutesBook | None, start: date, end: date) -> tuple[MeetingLine, ...]:
    if book is None:
        return ()
    out = []
    for day, m in sorted(book.meetings.items()):
        if start <= day <= end:
            numbers = [p.number for p in book.paragraphs_of(day)]
            span = f"§{min(numbers)}-§{max(numbers)}" if numbers else ""
            out.append(MeetingLine(day, m.extra, span))
    return tuple(out)


def goal_line(g: GoalRow) -> GoalLine:
    word = ASSESSMENT_WORDS.get(g.assessment, "") if g.assessment else ""
    return GoalLine(g.text, g.target, word, g.reason, g.assessed_by == "ledger")


def participant_line(p: ParticipantRow, names: dict[str, str]) -> ParticipantLine:
    return ParticipantLine(
        p.total,
        p.new,
        p.finished,
        p.women,
        p.men,
        p.other,
        tuple((names.get(k, k), n) for k, n in p.referred_by.items()),
        tuple(p.parts.items()),
        f"{p.start} – {p.end}",
    )


def insats_sections(
    year: int,
    rows: Iterable[InsatsRow],
    used: dict[str, int],
    participants: Sequence[ParticipantRow],
    goals: Sequence[GoalRow],
    names: dict[str, str],
    co_applicants: dict[str, tuple[str, ...]],
) -> tuple[InsatsSection, ...]:
    """Each insats with money granted for the year or used in the period."""
    by_insats = {p.insats: p for p in participants}
    out = []
    for r in rows:
        granted = r.granted_by_year.get(str(year), 0)
        spent = used.get(r.id, 0)
        if not granted and not spent:
            continue
        own = tuple(goal_line(g) for g in goals if g.scope == f"insats:{r.id}")
        found = by_insats.get(r.id)
        out.append(
            InsatsSection(
                r.id,
                r.name or r.id,
                INSATS_KINDS.get(r.kind, r.kind),
                names.get(r.owner, r.owner),
                tuple(names.get(c, c) for c in co_applicants.get(r.id, ())),
                granted,
                spent,
                granted - spent,
                participant_line(found, names) if found else None,
                own,
            )
        )
    return tuple(out)


def economy(
    income: int, costs: int, budget_result: int, equity: EquityReport, balanskrav_result: int
) -> tuple[str, ...]:
    """The economy in sentences, every figure from the statements of the report."""
    result = income - costs
    deviation = result - budget_result
    better = "bättre" if deviation >= 0 else "sämre"
    return (
        f"Intäkterna uppgår till {format_kr(income)} och kostnaderna till {format_kr(costs)}.",
        f"Resultatet är {format_kr(result)} mot budgeterade {format_kr(budget_result)}, "
        f"{format_kr(abs(deviation))} {better} än budget.",
        f"Eget kapital uppgår till {format_kr(equity.equity)} per {equity.as_of}.",
        equity.verdict,
        f"Balanskravsresultatet är {format_kr(balanskrav_result)}.",
    )


def signatories(
    f: Forbund, day: date, serving: dict[str, str] | None = None
) -> tuple[Signatory, ...]:
    """The ledamöter sitting on the adoption day sign for the board (not for the member
    that appointed them): ordförande first, then vice ordförande, then the others. Where
    the adoption meeting's minutes name an ersättare serving for an absent ledamot
    (``serving``: ledamot -> ersättare), she signs in his place, as the seeds' pages do."""
    serving = serving or {}
    return tuple(
        Signatory(serving[s.name], "Tjänstgörande ersättare")
        if s.name in serving
        else Signatory(s.name, s.title)
        for s in board_on(f, day)
        if s.title != "Ersättare"
    )


def texts(rows: Iterable[ReportTextRow], kind: str) -> tuple[tuple[str, str, str], ...]:
    """The report's own texts (of this kind of report), known sections in their order."""
    mine = [r for r in rows if r.report == kind]
    order = list(SECTIONS)
    mine.sort(key=lambda r: order.index(r.section) if r.section in SECTIONS else len(order))
    return tuple(
        (r.section, SECTIONS.get(r.section, r.section.replace("-", " ").capitalize()), r.text)
        for r in mine
    )
