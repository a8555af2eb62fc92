"""Handlers: one per command. Load the aggregates, let them decide, leave the
events pending in the unit of work; ``execute`` saves them in one transaction.

A handler returns the warnings the board should hear (they never block).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from commands import structs as c
from finsam_es.application import UnitOfWork
from finsam_es.errors import InvalidInput, NotFound, Refused
from finsam_es.fiscal_year import (
    BudgetLine,
    FiscalYear,
    LineAmount,
    LineChange,
    PlanYear,
)
from finsam_es.forbund import Forbund, Member, Seat
from finsam_es.grant_capacity import grant_capacity_warnings
from finsam_es.insats import Insats
from finsam_es.minutes import Assignment, Meeting, MinutesBook, Paragraph
from finsam_es.registry import Registry, choose_forbund
from finsam_es.values import format_kr, paragraph_ref, parse_paragraph_ref, parse_share

# -- loading ---------------------------------------------------------------------


def registry(uow: UnitOfWork) -> Registry | None:
    return uow.get(Registry, Registry.ID)


def resolve_forbund(uow: UnitOfWork, forbund: str | None) -> Forbund:
    """The förbund named, or the only one in the store, loaded for a command."""
    reg = registry(uow)
    agg = uow.get(Forbund, Forbund.id_for(choose_forbund(reg.ids if reg else (), forbund)))
    if agg is None:  # pragma: no cover - the registry lists only förbund that exist
        raise NotFound(f"no förbund '{forbund}'")
    return agg


def minutes_book(uow: UnitOfWork, forbund: str, year: int, create: bool = False) -> MinutesBook:
    book = uow.get(MinutesBook, MinutesBook.id_for(forbund, year))
    if book is None:
        if not create:
            raise NotFound(f"{forbund} has no minutes in {year}")
        book = uow.add(MinutesBook.open_book(forbund, year, uow.at))
    return book


def fiscal_year(uow: UnitOfWork, forbund: str, year: int) -> FiscalYear:
    fy = uow.get(FiscalYear, FiscalYear.id_for(forbund, year))
    if fy is None:
        fy = uow.add(FiscalYear.open_year(forbund, year, uow.at))
    return fy


def load_insats(uow: UnitOfWork, forbund: str, insats: str) -> Insats:
    agg = uow.get(Insats, Insats.id_for(forbund, insats))
    if agg is None:
        raise NotFound(f"{forbund} has no application or insats '{insats}'")
    return agg


# -- governance --------------------------------------------------------------------


def create_forbund(uow: UnitOfWork, cmd: c.CreateForbund) -> list[str]:
    reg = registry(uow) or uow.add(Registry.start(uow.at))
    if cmd.id in reg.ids:
        raise Refused(f"förbund '{cmd.id}' already exists")
    members = tuple(
        Member(id=m.id, name=m.name or m.id, kind=m.kind, share=parse_share(m.share))
        for m in cmd.members
    )
    on = cmd.on or uow.at.date()
    uow.add(Forbund.register(cmd.id, cmd.name, members, cmd.quorum, uow.at, on))
    reg.add(cmd.id, uow.at, on)
    return []


def appoint(uow: UnitOfWork, cmd: c.AppointBoardMember) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    seat = Seat(
        name=cmd.name,
        member=cmd.member,
        role=cmd.role,
        start=cmd.start,
        end=cmd.end,
        chair=cmd.chair,
        vice_chair=cmd.vice_chair,
    )
    f.appoint(seat, uow.at)
    return []


def leave_board(uow: UnitOfWork, cmd: c.LeaveBoard) -> list[str]:
    resolve_forbund(uow, cmd.forbund).leave(cmd.name, cmd.on, uow.at)
    return []


def open_meeting(uow: UnitOfWork, cmd: c.OpenMeeting) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.date.year, create=True)
    meeting = Meeting(
        date=cmd.date,
        extra=cmd.extra,
        place=cmd.place,
        time=cmd.time,
        chair=cmd.chair,
        secretary=cmd.secretary,
        adjusters=cmd.adjusters,
        present=cmd.present,
    )
    book.open_meeting(meeting, uow.at)
    warning = f.quorum_warning(cmd.date, cmd.present) if cmd.present else None
    return [warning] if warning else []


def add_paragraph(uow: UnitOfWork, cmd: c.AddParagraph) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.meeting.year)
    book.check_accepts_paragraphs(cmd.meeting)
    number = cmd.number if cmd.number is not None else book.next_number()
    ref = paragraph_ref(book.year, number)
    if cmd.corrects:
        year, n = parse_paragraph_ref(cmd.corrects)
        old = minutes_book(uow, f.forbund, year).paragraph(n)
        if old.meeting >= cmd.meeting:
            raise Refused(
                f"a correction of §{n} ({year}) is made at a later meeting than {old.meeting}"
            )
    warnings: list[str] = []
    summaries = []
    for effect in cmd.effects:
        summary, more = apply_effect(uow, f, effect, ref, cmd.meeting)
        summaries.append(summary)
        warnings.extend(more)
    paragraph = Paragraph(
        number=number,
        meeting=cmd.meeting,
        title=cmd.title,
        text=cmd.text,
        decisions=cmd.decisions,
        assignments=tuple(Assignment(a.who, a.what, a.due) for a in cmd.assignments),
        dissent=cmd.dissent,
        conflict=cmd.conflict,
        deciding=cmd.deciding,
        corrects=cmd.corrects,
        effects=tuple(summaries),
    )
    uow.receipts.append(f"§{number} ({book.year})")
    return book.add_paragraph(paragraph, uow.at) + warnings


def amend_paragraph(uow: UnitOfWork, cmd: c.AmendParagraph) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    minutes_book(uow, f.forbund, cmd.year).amend_paragraph(
        cmd.number, cmd.title, cmd.text, cmd.decisions, cmd.on, uow.at
    )
    return []


def renumber_paragraph(uow: UnitOfWork, cmd: c.RenumberParagraph) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    minutes_book(uow, f.forbund, cmd.year).renumber_paragraph(cmd.number, cmd.to, cmd.on, uow.at)
    return []


def close_meeting(uow: UnitOfWork, cmd: c.CloseMeeting) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    minutes_book(uow, f.forbund, cmd.date.year).close_meeting(cmd.date, uow.at)
    return []


def adjust_minutes(uow: UnitOfWork, cmd: c.AdjustMinutes) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    return minutes_book(uow, f.forbund, cmd.date.year).adjust(
        cmd.date, cmd.on, uow.at, cmd.paragraph
    )


def post_minutes(uow: UnitOfWork, cmd: c.PostMinutes) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    return minutes_book(uow, f.forbund, cmd.date.year).post(cmd.date, cmd.up, cmd.down, uow.at)


def complete_assignment(uow: UnitOfWork, cmd: c.CompleteAssignment) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    minutes_book(uow, f.forbund, cmd.year).complete_assignment(
        cmd.number, cmd.index, cmd.on, cmd.note, uow.at
    )
    return []


# -- money effects of decisions ----------------------------------------------------


def apply_effect(
    uow: UnitOfWork, f: Forbund, effect: c.EffectType, ref: str, on: date
) -> tuple[str, list[str]]:
    """Apply one money effect of paragraph ``ref``; return its summary line and warnings."""
    at = uow.at
    if isinstance(effect, c.AdoptBudget):
        members_of = {s.line: ((s.member,) if s.member else ()) + s.members for s in effect.lines}
        for ids in members_of.values():
            for member_id in ids:
                f.member(member_id)
        lines = tuple(
            BudgetLine(
                line=s.line,
                kind=s.kind,
                amount=int(s.amount),
                name=s.name,
                insats=s.insats,
                members=members_of[s.line],
            )
            for s in effect.lines
        )
        plan_years = max((len(s.plan) for s in effect.lines), default=0)
        plan = tuple(
            PlanYear(
                year=effect.year + i + 1,
                lines=tuple(
                    LineAmount(s.line, int(s.plan[i])) for s in effect.lines if len(s.plan) > i
                ),
            )
            for i in range(plan_years)
        )
        fy = fiscal_year(uow, f.forbund, effect.year)
        warnings = fy.adopt_budget(lines, plan, int(effect.from_equity), ref, on, at)
        summary = f"fastställa verksamhetsplan och budget för {effect.year}"
        if effect.from_equity:
            summary += f" med {format_kr(effect.from_equity)} ur eget kapital"
        return summary, warnings + grant_capacity(uow, f, (effect.year,))
    if isinstance(effect, c.ChangeBudget):
        changes = tuple(
            LineChange(line=s.line, delta=int(s.delta), kind=s.kind, name=s.name, insats=s.insats)
            for s in effect.changes
        )
        fiscal_year(uow, f.forbund, effect.year).change_budget(
            changes, int(effect.from_equity), ref, on, at
        )
        parts = [
            f"{s.line} {'+' if s.delta >= 0 else ''}{format_kr(s.delta)}" for s in effect.changes
        ]
        summary = f"ändra budgeten för {effect.year}: " + ", ".join(parts)
        if effect.from_equity:
            summary += f" ({format_kr(effect.from_equity)} ur eget kapital)"
        return summary, grant_capacity(uow, f, (effect.year,))
    if isinstance(effect, c.AdoptAnnualReport):
        warnings = fiscal_year(uow, f.forbund, effect.year).adopt_annual_report(ref, on, at)
        return f"fastställa årsredovisningen för {effect.year}", warnings
    insats = load_insats(uow, f.forbund, effect.insats)
    before = insats.charges_by_year()
    summary, warnings = _insats_effect(uow, f, insats, effect, ref, on)
    after = insats.charges_by_year()
    for year in sorted(set(before) | set(after)):
        if before.get(year, 0) != after.get(year, 0):
            check_year_open(uow, f.forbund, date(year, 12, 31))
    return summary, warnings


def _insats_effect(
    uow: UnitOfWork, f: Forbund, insats: Insats, effect: Any, ref: str, on: date
) -> tuple[str, list[str]]:
    at = uow.at
    name = insats.name
    if isinstance(effect, c.GrantFunds):
        insats.grant(
            None if effect.amount is None else int(effect.amount),
            effect.start,
            effect.end,
            ref,
            on,
            at,
        )
        start, end = insats.period
        amount = effect.amount if effect.amount is not None else insats.asked
        years = tuple(range(start.year, end.year + 1))
        record_insats_years(uow, f, insats)
        return f"bevilja {name} {format_kr(amount)} för {start}–{end}", grant_capacity(
            uow, f, years, insats
        )
    if isinstance(effect, c.ReferBack):
        insats.refer_back(effect.reason, ref, on, at)
        return f"återremittera ansökan om {name}: {effect.reason}", []
    if isinstance(effect, c.RejectApplication):
        insats.reject(effect.reason, ref, on, at)
        return f"avslå ansökan om {name}" + (f": {effect.reason}" if effect.reason else ""), []
    if isinstance(effect, c.PostponeStart):
        insats.postpone_start(effect.start, ref, on, at)
        return f"skjuta upp starten av {name} till {effect.start}", []
    if isinstance(effect, c.MovePeriod):
        insats.move_period(effect.start, ref, on, at)
        record_insats_years(uow, f, insats)
        return f"flytta perioden för {name} till start {effect.start}", grant_capacity(
            uow, f, tuple(range(insats.period[0].year, insats.period[1].year + 1)), insats
        )
    if isinstance(effect, c.ExtendPeriod):
        insats.extend(effect.end, int(effect.extra), ref, on, at)
        extra = f" och bevilja ytterligare {format_kr(effect.extra)}" if effect.extra else ""
        record_insats_years(uow, f, insats)
        return f"förlänga {name} till {effect.end}{extra}", grant_capacity(
            uow, f, tuple(range(on.year, effect.end.year + 1)), insats
        )
    if isinstance(effect, c.EndEarly):
        insats.end_early(effect.end, ref, on, at)
        return f"avsluta {name} i förtid den {effect.end}", []
    if isinstance(effect, c.SettleYear):
        check_year_open(uow, f.forbund, effect.on or on)
        insats.settle(effect.year, int(effect.used), ref, effect.on or on, at)
        return f"fastställa förbrukade medel för {name} {effect.year}: {format_kr(effect.used)}", []
    if isinstance(effect, c.CarryUnused):
        amount = insats.carry(
            effect.from_year, effect.amount, effect.start, effect.end, ref, on, at
        )
        record_insats_years(uow, f, insats)
        return (
            f"flytta {format_kr(amount)} ej förbrukade medel för {name} från {effect.from_year} "
            f"till {effect.from_year + 1}",
            grant_capacity(uow, f, (effect.from_year + 1,), insats),
        )
    raise InvalidInput(f"unknown decision {type(effect).__name__}")  # pragma: no cover


def record_insats_years(uow: UnitOfWork, f: Forbund, insats: Insats) -> None:
    """Record on the förbund the years the insats now has granted money in: the index
    by which the grant-capacity check loads only the insatser of a year."""
    f.record_insats_years(insats.insats, insats.money_years(), uow.at)


def grant_capacity(
    uow: UnitOfWork, f: Forbund, years: tuple[int, ...], changed: Insats | None = None
) -> list[str]:
    """The grant-capacity rule for each year, fed with the year's budget and its insatser."""
    warnings = []
    for year in years:
        budget = uow.get(FiscalYear, FiscalYear.id_for(f.forbund, year))
        insatser = insatser_with_money_in(uow, f, year)
        warnings += grant_capacity_warnings(year, budget, insatser, changed)
    return warnings


def insatser_with_money_in(uow: UnitOfWork, f: Forbund, year: int) -> Iterator[Insats]:
    """The insatser with granted money in the year, each loaded as it is iterated."""
    for insats in f.insatser_with_money_in(year):
        agg = uow.get(Insats, Insats.id_for(f.forbund, insats))
        if agg is not None:
            yield agg


def check_year_open(uow: UnitOfWork, forbund: str, on: date) -> None:
    """Refuse anything that changes the money of a year whose annual report is adopted."""
    fy = uow.get(FiscalYear, FiscalYear.id_for(forbund, on.year))
    if fy is not None:
        fy.check_open(f"a change to {on.year}'s money")


# -- money acts outside meetings ---------------------------------------------------


def set_opening_equity(uow: UnitOfWork, cmd: c.SetOpeningEquity) -> list[str]:
    resolve_forbund(uow, cmd.forbund).set_opening_equity(cmd.year_end, int(cmd.equity), uow.at)
    return []


def set_allocation(uow: UnitOfWork, cmd: c.SetAllocation) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    fy = fiscal_year(uow, f.forbund, cmd.year)
    given = tuple((m.member, int(m.amount)) for m in cmd.members)
    parts = f.allocation_parts(None if cmd.total is None else int(cmd.total), given)
    members = tuple(m.id for m in f.members)
    on = cmd.on or date(cmd.year, 1, 1)
    allocated = fy.allocate(parts, members, cmd.first_month, cmd.last_month, on, uow.at)
    return f.share_deviations(parts) + allocated


def book(uow: UnitOfWork, cmd: c.Book) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    return fiscal_year(uow, f.forbund, cmd.on.year).book(
        cmd.kind, cmd.line, int(cmd.amount), cmd.text, cmd.on, uow.at
    )


def receive_application(uow: UnitOfWork, cmd: c.ReceiveApplication) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    if uow.get(Insats, Insats.id_for(f.forbund, cmd.insats)) is not None:
        raise Refused(f"{f.forbund} already has an application '{cmd.insats}'")
    agg = Insats.receive(
        f.forbund,
        cmd.insats,
        cmd.name,
        cmd.kind,
        cmd.owner,
        cmd.co_applicants,
        int(cmd.amount),
        cmd.start,
        cmd.end,
        cmd.line,
        cmd.on,
        uow.at,
    )
    uow.add(agg)
    return []


def withdraw_application(uow: UnitOfWork, cmd: c.WithdrawApplication) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    load_insats(uow, f.forbund, cmd.insats).withdraw(cmd.reason, cmd.on, uow.at)
    return []


def complete_application(uow: UnitOfWork, cmd: c.CompleteApplication) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    amount = int(cmd.amount) if cmd.amount is not None else None
    load_insats(uow, f.forbund, cmd.insats).complete_application(
        amount, cmd.start, cmd.end, cmd.on, uow.at
    )
    return []


def pay_owner(uow: UnitOfWork, cmd: c.PayOwner) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    check_year_open(uow, f.forbund, cmd.on)
    load_insats(uow, f.forbund, cmd.insats).pay(int(cmd.amount), cmd.text, cmd.on, uow.at)
    return []


def settle_without_decision(uow: UnitOfWork, cmd: c.SettleWithoutDecision) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    check_year_open(uow, f.forbund, cmd.on)
    load_insats(uow, f.forbund, cmd.insats).settle(cmd.year, int(cmd.used), None, cmd.on, uow.at)
    return []
