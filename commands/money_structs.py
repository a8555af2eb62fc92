"""Money acts outside meetings: the charter's seats and thresholds, procedures, opening
equity, allocation, bookings, applications, payments, earlier years (commands/structs.py
gathers every command)."""

from __future__ import annotations

from datetime import date

import msgspec

from commands.command_base import (
    NO_AMOUNT,
    Amount,
    Command,
    Year,
)
from finsam_es.budget import LineKind
from finsam_es.fiscal_year import BookingKind, TransferAccount
from finsam_es.insats import InsatsKind
from finsam_es.meeting import Attendee as Attendee
from finsam_es.meeting import MeetingDetails as MeetingDetails  # commands carry it
from finsam_es.meeting import Serving as Serving
from finsam_es.procedures import ProcedureKind
from finsam_es.thresholds import BalanskravForm, EquityBasis

# -- money acts outside meetings ---------------------------------------------------


class ChangeSeats(Command, frozen=True, kw_only=True):
    """The charter gives a member N ledamöter and N ersättare from a date (10 §)."""

    member: str
    seats: int
    on: date


class RecordProcedure(Command, frozen=True, kw_only=True):
    """A procedure the law asks beside the minutes (finsam_es/procedures.py)."""

    year: int
    kind: ProcedureKind
    on: date
    member: str = ""
    meeting: date | None = None
    name: str = ""
    text: str = ""
    granted: bool | None = None


class SetThresholds(Command, frozen=True, kw_only=True):
    """The förbund's thresholds with their sources; None keeps what is set."""

    on: date
    balanskrav: BalanskravForm | None = None
    balanskrav_source: str | None = None
    equity_limit: str | None = None  # a share: "20%"
    equity_basis: EquityBasis | None = None
    equity_source: str | None = None


class SetOpeningEquity(Command, frozen=True, kw_only=True):
    year_end: date
    equity: Amount


class MemberAmountSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    member: str
    amount: Amount


class SetAllocation(Command, frozen=True, kw_only=True):
    year: Year
    total: Amount | None = None
    members: tuple[MemberAmountSpec, ...] = ()
    first_month: int = 1
    last_month: int = 12
    on: date | None = None


class Book(Command, frozen=True, kw_only=True):
    kind: BookingKind
    line: str
    amount: Amount
    on: date
    text: str = ""


class ReceiveApplication(Command, frozen=True, kw_only=True):
    insats: str
    name: str = ""
    kind: InsatsKind = "individual"
    owner: str = ""
    co_applicants: tuple[str, ...] = ()
    amount: Amount
    start: date
    end: date
    line: str = ""
    on: date
    # Since issue 20: the diarienummer its letter was registered under ("YYYY/N"); left
    # out, the application is registered in the diarium on receipt and gets the next.
    diarienummer: str = ""


class WithdrawApplication(Command, frozen=True, kw_only=True):
    insats: str
    on: date
    reason: str = ""


class CompleteApplication(Command, frozen=True, kw_only=True):
    insats: str
    on: date
    amount: Amount | None = None
    start: date | None = None
    end: date | None = None


class PayOwner(Command, frozen=True, kw_only=True):
    insats: str
    amount: Amount
    on: date
    text: str = ""
    # The paragraph ("2024:12") deciding a payment beyond the grant (left out of
    # fingerprints while None)
    beyond_grant: str | None = None


class BookTransfer(Command, frozen=True, kw_only=True):
    """A booking naming a balance account: debit and credit, a line for cost or income."""

    debit: TransferAccount
    credit: TransferAccount
    amount: Amount
    on: date
    line: str = ""
    text: str = ""


class OutcomeLineSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    line: str
    kind: LineKind
    amount: Amount
    name: str = ""


class RecordPublishedYear(Command, frozen=True, kw_only=True):
    """The outcome of a year the store keeps no books for, as the adopted annual report
    states it (for the previous-year column and the five-year overview)."""

    year: Year
    source: str
    allocation: Amount
    other_income: Amount = NO_AMOUNT
    costs: Amount
    result: Amount
    equity: Amount
    total_assets: Amount | None = None
    lines: tuple[OutcomeLineSpec, ...] = ()


class ReportInterimUse(Command, frozen=True, kw_only=True):
    """A delredovisning: what an insats used of a year's money up to a day."""

    insats: str
    year: Year
    used: Amount
    on: date


class SettleWithoutDecision(Command, frozen=True, kw_only=True):
    insats: str
    year: Year
    used: Amount
    on: date
    # The paragraph ("2024:12") deciding that more than the grant was used (left out of
    # fingerprints while None)
    beyond_grant: str | None = None
