"""Handlers of the applicant's acts on an application: receiving it, withdrawing it and
completing it after a referral back. The board's decisions on it are effects of a
paragraph (``commands.decisions``).
"""

from __future__ import annotations

from uuid import UUID

from commands import structs as c
from commands.loading import load_insats, opened, resolve_forbund
from finsam_es.diarium import Diarium, parse_number
from finsam_es.errors import NotFound, Refused
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.grant_capacity import default_line
from finsam_es.insats import Insats
from store.unit_of_work import UnitOfWork


def receive_application(uow: UnitOfWork, cmd: c.ReceiveApplication) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    if uow.get(Insats, Insats.id_for(f.forbund, cmd.insats)) is not None:
        raise Refused(f"{f.forbund} already has an application '{cmd.insats}'")
    line, warnings = cmd.line, list[str]()
    if not line:  # the förbund's line for insatser (docs/money.md)
        years = dict.fromkeys((cmd.start.year, cmd.on.year))
        budgets = (peek(uow, FiscalYear.id_for(f.forbund, y)) for y in years)
        line, warnings = default_line(cmd.insats, budgets)
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
        line,
        cmd.on,
        uow.at,
    )
    uow.add(agg)
    uow.receipts.append(f"dnr {register_application(uow, f, cmd)}")
    return warnings


def register_application(uow: UnitOfWork, f: Forbund, cmd: c.ReceiveApplication) -> str:
    """The application's diarienummer: the entry it names, marked as concerning it, or
    a new entry registered on receipt (offentlighets- och sekretesslagen 5 kap. 1 §)."""
    concerns = f"application:{cmd.insats}"
    if cmd.diarienummer:
        number = cmd.diarienummer.strip()
        year, _ = parse_number(number)
        diarium = uow.get(Diarium, Diarium.id_for(f.forbund, year))
        if diarium is None:
            raise NotFound(f"diariet har inget nummer {number}")
        diarium.concern(number, concerns, cmd.on, uow.at)
        return number
    members = {m.id: m.name for m in f.members_on(cmd.on)}
    party = members.get(cmd.owner, cmd.owner) or "Sökanden"
    subject = f"Ansökan om medel: {cmd.name or cmd.insats}"
    diarium = opened(uow, Diarium, f.forbund, cmd.on.year)
    return diarium.register(cmd.on, "in", party, subject, uow.at, concerns=concerns)


def peek(uow: UnitOfWork, year_id: UUID) -> FiscalYear | None:
    """A fiscal year as the unit of work holds it, read without adding it: the unit
    saves its aggregates in the order first touched, and a receipt that only reads a
    budget must not move the year's later events in the log."""
    if year_id in uow.loaded:
        found = uow.loaded[year_id]
        return found if isinstance(found, FiscalYear) else None
    return uow.app.load(FiscalYear, year_id)


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
