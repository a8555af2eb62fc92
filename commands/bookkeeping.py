"""Handlers of the money acts outside meetings: opening equity, the members'
allocation, bookings (also on balance accounts), payments to an insats's owner, an
interim report of an insats's use and a settlement reported without a decision.

Each handler loads the aggregates, lets them decide and leaves the events pending in
the unit of work; it returns the warnings the board should hear.
"""

from __future__ import annotations

from datetime import date

import msgspec

from commands import posting
from commands import structs as c
from commands.loading import (
    check_year_open,
    load_insats,
    minutes_book,
    opened,
    resolve_forbund,
    year_is_open,
)
from finsam_es.fiscal_year import FiscalYear
from finsam_es.procedures import Procedure, ProcedureBook, check_auditor_appointer
from finsam_es.published_year import Outcome, OutcomeLine, PublishedYear
from finsam_es.thresholds import Thresholds
from finsam_es.values import parse_paragraph_ref, parse_share
from store.unit_of_work import UnitOfWork


def set_opening_equity(uow: UnitOfWork, cmd: c.SetOpeningEquity) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    return f.set_opening_equity(cmd.year_end, int(cmd.equity), uow.at)


def record_procedure(uow: UnitOfWork, cmd: c.RecordProcedure) -> list[str]:
    if cmd.kind == "announcement":  # one record per board: the anslag's, in the minutes
        return posting.announce(uow, cmd)
    f = resolve_forbund(uow, cmd.forbund)
    if cmd.member:
        f.member(cmd.member)
    if cmd.kind == "auditor":
        check_auditor_appointer(f.members_on(cmd.on), cmd.member)
    procedure = Procedure(
        kind=cmd.kind,
        on=cmd.on,
        member=cmd.member,
        meeting=cmd.meeting,
        name=cmd.name,
        text=cmd.text,
        granted=cmd.granted,
    )
    opened(uow, ProcedureBook, f.forbund, cmd.year).record_procedure(procedure, uow.at)
    return []


def set_thresholds(uow: UnitOfWork, cmd: c.SetThresholds) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    given = {
        k: v
        for k, v in msgspec.structs.asdict(cmd).items()
        if v is not None and k in Thresholds.__struct_fields__
    }
    if "equity_limit" in given:
        given["equity_limit"] = parse_share(given["equity_limit"])
    f.change_thresholds(msgspec.structs.replace(f.thresholds, **given), cmd.on, uow.at)
    return []


def set_allocation(uow: UnitOfWork, cmd: c.SetAllocation) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    fy = opened(uow, FiscalYear, f.forbund, cmd.year)
    given = tuple((m.member, int(m.amount)) for m in cmd.members)
    first_day = date(cmd.year, cmd.first_month, 1) if 1 <= cmd.first_month <= 12 else None
    day = first_day or date(cmd.year, 1, 1)
    parts = f.allocation_parts(None if cmd.total is None else int(cmd.total), given, day)
    # the members in force on the first day, then any given an amount who join later
    in_force = tuple(m.id for m in f.members_on(day))
    members = in_force + tuple(m for m in parts if m not in in_force)
    on = cmd.on or date(cmd.year, 1, 1)
    allocated = fy.allocate(parts, members, cmd.first_month, cmd.last_month, on, uow.at)
    return f.share_deviations(parts, day) + allocated


def book(uow: UnitOfWork, cmd: c.Book) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    return opened(uow, FiscalYear, f.forbund, cmd.on.year).book(
        cmd.kind, cmd.line, int(cmd.amount), cmd.text, cmd.on, uow.at
    )


def book_transfer(uow: UnitOfWork, cmd: c.BookTransfer) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    return opened(uow, FiscalYear, f.forbund, cmd.on.year).transfer(
        cmd.debit, cmd.credit, int(cmd.amount), cmd.line, cmd.text, cmd.on, uow.at
    )


def record_published_year(uow: UnitOfWork, cmd: c.RecordPublishedYear) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    outcome = Outcome(
        source=cmd.source,
        allocation=int(cmd.allocation),
        other_income=int(cmd.other_income),
        costs=int(cmd.costs),
        result=int(cmd.result),
        equity=int(cmd.equity),
        total_assets=None if cmd.total_assets is None else int(cmd.total_assets),
        lines=tuple(OutcomeLine(x.line, x.kind, int(x.amount), x.name) for x in cmd.lines),
    )
    opened(uow, PublishedYear, f.forbund, cmd.year).record_outcome(outcome, uow.at)
    return outcome.warnings(cmd.year)


def report_interim_use(uow: UnitOfWork, cmd: c.ReportInterimUse) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    check_year_open(uow, f.forbund, cmd.on)
    load_insats(uow, f.forbund, cmd.insats).report_interim(cmd.year, int(cmd.used), cmd.on, uow.at)
    return []


def pay_owner(uow: UnitOfWork, cmd: c.PayOwner) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    check_year_open(uow, f.forbund, cmd.on)
    beyond = deciding_paragraph(uow, f.forbund, cmd.beyond_grant, cmd.on)
    load_insats(uow, f.forbund, cmd.insats).pay(
        int(cmd.amount), cmd.text, cmd.on, uow.at, beyond_grant=beyond
    )
    return []


def deciding_paragraph(uow: UnitOfWork, forbund: str, ref: str | None, on: date) -> str | None:
    """The paragraph a payment or settlement beyond the grant names, checked by its
    minutes book (``MinutesBook.decided_before``)."""
    if ref is None:
        return None
    year, number = parse_paragraph_ref(ref)
    return minutes_book(uow, forbund, year).decided_before(number, on)


def settle_without_decision(uow: UnitOfWork, cmd: c.SettleWithoutDecision) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    check_year_open(uow, f.forbund, cmd.on)
    open_ = year_is_open(uow, f.forbund, cmd.year)
    beyond = deciding_paragraph(uow, f.forbund, cmd.beyond_grant, cmd.on)
    load_insats(uow, f.forbund, cmd.insats).settle(
        cmd.year, int(cmd.used), None, cmd.on, uow.at, year_open=open_, beyond_grant=beyond
    )
    return []
