"""The command bus: each command type to its handler, run in a unit of work.

``execute`` runs one command and saves all its events or none; the journal importer
calls ``handle`` for each entry inside one unit of work of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from commands import handlers as h
from commands import structs as c
from finsam_es.application import FinsamApp, UnitOfWork


class Outcome(msgspec.Struct):
    """What a command did: how many events it stored, what it made (like "§14 (2024)"),
    and what the board should hear."""

    events: int
    warnings: list[str]
    made: list[str]


HANDLERS: dict[type, Callable[[UnitOfWork, Any], list[str]]] = {
    c.CreateForbund: h.create_forbund,
    c.AppointBoardMember: h.appoint,
    c.LeaveBoard: h.leave_board,
    c.OpenMeeting: h.open_meeting,
    c.AddParagraph: h.add_paragraph,
    c.AmendParagraph: h.amend_paragraph,
    c.RenumberParagraph: h.renumber_paragraph,
    c.CloseMeeting: h.close_meeting,
    c.AdjustMinutes: h.adjust_minutes,
    c.PostMinutes: h.post_minutes,
    c.CompleteAssignment: h.complete_assignment,
    c.SetOpeningEquity: h.set_opening_equity,
    c.SetAllocation: h.set_allocation,
    c.Book: h.book,
    c.ReceiveApplication: h.receive_application,
    c.WithdrawApplication: h.withdraw_application,
    c.CompleteApplication: h.complete_application,
    c.PayOwner: h.pay_owner,
    c.SettleWithoutDecision: h.settle_without_decision,
}


def handle(uow: UnitOfWork, command: c.Command) -> list[str]:
    return HANDLERS[type(command)](uow, command)


def execute(app: FinsamApp, command: c.Command) -> Outcome:
    """Run one command in its own unit of work: all its events or none are saved."""
    uow = UnitOfWork(app)
    warnings = handle(uow, command)
    return Outcome(events=uow.commit(), warnings=warnings, made=uow.receipts)
