"""The command bus: each command type to its handler, run in a unit of work.

``execute`` runs one command and saves all its events or none; the importers call
``handle`` for each entry inside one unit of work of their own. ``handle`` first holds
the command to finsam's bounds (commands/bounds.py), whichever door it came in by.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from commands import (
    accounts,
    applications,
    bookkeeping,
    bounds,
    goals,
    governance,
    justering,
    membership,
    posting,
)
from commands import structs as c
from commands.agenda import call_meeting, decide_as_proposed, set_notice_period, take_agenda
from commands.diarium import register_document
from commands.distance import allow_distance, record_distance
from commands.votes import record_vote
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork


class Outcome(msgspec.Struct):
    """What a command did: how many events it stored, what it made (like "§14 (2024)"),
    and what the board should hear."""

    events: int
    warnings: list[str]
    made: list[str]


HANDLERS: dict[type[c.Command], Callable[[UnitOfWork, Any], list[str]]] = {
    c.CreateForbund: governance.create_forbund,
    c.RecordOrgnr: governance.record_orgnr,
    c.SetThresholds: bookkeeping.set_thresholds,
    c.ChangeSeats: governance.change_seats,
    c.RecordProcedure: bookkeeping.record_procedure,
    c.AppointBoardMember: governance.appoint,
    c.LeaveBoard: governance.leave_board,
    c.JoinForbund: membership.join_forbund,
    c.LeaveForbund: membership.leave_forbund,
    c.ChangeShares: membership.change_shares,
    c.ElectRole: membership.elect_role,
    c.EndRole: membership.end_role,
    c.SetRotation: membership.set_rotation,
    c.OpenMeeting: governance.open_meeting,
    c.AmendMeeting: governance.amend_meeting,
    c.CancelMeeting: governance.cancel_meeting,
    c.AddParagraph: governance.add_paragraph,
    c.SetParagraphService: governance.set_paragraph_service,
    c.AmendParagraph: governance.amend_paragraph,
    c.RenumberParagraph: governance.renumber_paragraph,
    c.CloseMeeting: governance.close_meeting,
    c.AdjustMinutes: governance.adjust_minutes,
    c.PostMinutes: posting.post_minutes,
    c.SetCharter: posting.set_charter,
    c.CompleteAssignment: governance.complete_assignment,
    c.SignMinutes: justering.sign_minutes,
    c.SetOpeningEquity: bookkeeping.set_opening_equity,
    c.SetAllocation: bookkeeping.set_allocation,
    c.Book: bookkeeping.book,
    c.ReceiveApplication: applications.receive_application,
    c.WithdrawApplication: applications.withdraw_application,
    c.CompleteApplication: applications.complete_application,
    c.PayOwner: bookkeeping.pay_owner,
    c.SettleWithoutDecision: bookkeeping.settle_without_decision,
    c.BookTransfer: bookkeeping.book_transfer,
    c.ReportInterimUse: bookkeeping.report_interim_use,
    c.RecordPublishedYear: bookkeeping.record_published_year,
    # goals, follow-up and forecast (issue 23)
    c.SetGoal: goals.set_goal,
    c.RecordFollowUp: goals.record_follow_up,
    c.MakeForecast: goals.make_forecast,
    c.RecordReportText: goals.record_report_text,
    # the diarium and its documents (issue 20)
    c.RegisterDocument: register_document,
    c.RecordVote: record_vote,
    c.AllowDistance: allow_distance,
    c.RecordDistance: record_distance,
    # the kallelse and föredragningslista (issue 20, item 3)
    c.CallMeeting: call_meeting,
    c.SetNoticePeriod: set_notice_period,
    c.TakeAgenda: take_agenda,
    c.DecideAsProposed: decide_as_proposed,
    # the workspace's accounts and roles (issue 22)
    c.AddUser: accounts.add_user,
    c.GrantRole: accounts.grant_role,
    c.RevokeRole: accounts.revoke_role,
    c.ResetPassword: accounts.reset_password,
    c.CloseAccount: accounts.close_account,
}


def handle(uow: UnitOfWork, command: c.Command) -> list[str]:
    """Run a command's handler once the command is within finsam's bounds: every path
    into the store (the CLI, the journal, `import-sie`) comes through here."""
    bounds.check(command)
    return HANDLERS[type(command)](uow, command)


def execute(app: FinsamApp, command: c.Command, actor: str | None = None) -> Outcome:
    """Run one command in its own unit of work: all its events or none are saved. The
    ``actor`` (the web's signed-in person) stands for the store's own for this command."""
    uow = UnitOfWork(app, actor)
    warnings = handle(uow, command)
    return Outcome(events=uow.commit(), warnings=warnings, made=uow.receipts)


Run = Callable[[c.Command], list[str]]  # one command of several: what it made


def execute_together(
    app: FinsamApp, acts: Callable[[Run], object], actor: str | None = None
) -> Outcome:
    """Run several commands in one unit of work, all saved or none: ``acts`` gets a
    ``run`` that handles one command and answers what it made (like a diarienummer), so
    a later command can name what an earlier one made (the web's kallelse names the
    handling it uploads by the diarienummer it gets)."""
    uow = UnitOfWork(app, actor)
    warnings: list[str] = []

    def run(command: c.Command) -> list[str]:
        before = len(uow.receipts)
        warnings.extend(handle(uow, command))
        return uow.receipts[before:]

    acts(run)
    return Outcome(events=uow.commit(), warnings=warnings, made=uow.receipts)
