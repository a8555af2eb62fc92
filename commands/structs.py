"""Commands: frozen msgspec Structs with imperative names.

The CLI builds them from options and the journal importer decodes them from TOML,
so a file and the terminal can never disagree. Money fields have the type
``Amount``: öre inside, written in kronor in journals (``775000`` or
``"22 750,50 kr"``). Decisions a paragraph carries are ``Effect`` structs,
tagged by ``do = "..."`` in journals.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date
from typing import Annotated, Any, cast

import msgspec

from finsam_es.budget import LineKind
from finsam_es.charter import NoticeBoards
from finsam_es.diarium import Direction as DiariumDirection
from finsam_es.documents import Document
from finsam_es.errors import FinsamError
from finsam_es.fiscal_year import BookingKind, TransferAccount
from finsam_es.follow_up import ReportKind as FollowUpReport
from finsam_es.goals import Assessment as GoalAssessment
from finsam_es.goals import Measure as GoalMeasure
from finsam_es.insats import InsatsKind
from finsam_es.meeting import Attendee as Attendee
from finsam_es.meeting import MeetingDetails as MeetingDetails  # commands carry it
from finsam_es.meeting import Serving as Serving
from finsam_es.membership import MemberKind, Role
from finsam_es.procedures import ProcedureKind
from finsam_es.quorum import QuorumRule
from finsam_es.report_text import ReportKind as ReportTextKind
from finsam_es.roles import RoleName
from finsam_es.thresholds import BalanskravForm, EquityBasis
from finsam_es.values import MAX_PARAGRAPH, parse_amount
from finsam_es.vote import Proposal, Vote

# A fiscal year finsam accepts (the förbund law is from 2004; the range leaves room).
Year = Annotated[int, msgspec.Meta(ge=1900, le=2199)]
# A paragraph number: a board numbers a few hundred a year at most (values.MAX_PARAGRAPH).
ParagraphNumber = Annotated[int, msgspec.Meta(le=MAX_PARAGRAPH)]


class Amount(int):
    """An amount in öre; decoded from kronor (int) or text ("22 750,50 kr")."""


# The default of an optional amount: a plain 0 at run time (msgspec writes a default
# into the journal's JSON schema without an encoding hook, and an Amount it cannot
# write), typed as an Amount.
NO_AMOUNT = cast(Amount, 0)


def dec_hook(kind: type, obj: Any) -> Any:
    if kind is Amount:
        if isinstance(obj, bool):
            raise ValueError("Expected an amount in kronor, got a boolean")
        if isinstance(obj, int | str):
            try:
                return Amount(parse_amount(obj))
            except FinsamError as e:
                raise ValueError(str(e)) from None
        raise ValueError(f"Expected an amount in kronor, got {type(obj).__name__}")
    raise NotImplementedError


def schema_hook(kind: type) -> dict[str, Any]:
    if kind is Amount:
        return {
            "anyOf": [{"type": "integer"}, {"type": "string"}],
            "description": "kronor: 775000 or '775 000' or '22 750,50 kr'",
        }
    raise NotImplementedError


class Command(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    forbund: str | None = None
    # When a journal entry was first written in the system it migrates from (a claim,
    # not the store's clock: `finsam log` shows both). Not part of its fingerprint.
    recorded: _dt.datetime | None = None


# -- governance ------------------------------------------------------------------


class MemberSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    kind: MemberKind
    share: str
    name: str = ""
    # The seats the charter gives the member (lag 2003:1210 10 §); fingerprints leave
    # them out while they are one of each.
    ledamoter: int = 1
    ersattare: int = 1


class CreateForbund(Command, frozen=True, kw_only=True):
    id: str
    name: str
    members: tuple[MemberSpec, ...]
    quorum: QuorumRule = "at_least_half"
    on: date | None = None
    orgnr: str = ""  # the organisation number, checked by finsam_es.orgnr


class RecordOrgnr(Command, frozen=True, kw_only=True):
    orgnr: str
    on: date | None = None


class AppointBoardMember(Command, frozen=True, kw_only=True):
    name: str
    member: str
    role: Role
    start: date = msgspec.field(name="from")
    end: date | None = msgspec.field(default=None, name="to")
    chair: bool = False
    vice_chair: bool = False


class LeaveBoard(Command, frozen=True, kw_only=True):
    name: str
    on: date


class MemberShareSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A member's share restated when another joins or leaves: "1/24", "4.5%", "250000kr"."""

    member: str
    share: str


class JoinForbund(Command, frozen=True, kw_only=True):
    """A member joins from ``on`` by ``decision``; ``shares`` restates the others'."""

    member: MemberSpec
    on: date
    decision: str
    shares: tuple[MemberShareSpec, ...] = ()


class ChangeShares(Command, frozen=True, kw_only=True):
    """The members' shares change from ``on`` by ``decision`` (the same members)."""

    on: date
    decision: str
    shares: tuple[MemberShareSpec, ...]


class LeaveForbund(Command, frozen=True, kw_only=True):
    """A member leaves after ``on`` (its last day) by ``decision``."""

    member: str
    on: date
    decision: str
    shares: tuple[MemberShareSpec, ...] = ()


class ElectRole(Command, frozen=True, kw_only=True):
    """A ledamot elected chair or vice chair for a term of its own (17 §)."""

    name: str
    role: RoleName
    start: date = msgspec.field(name="from")
    end: date | None = msgspec.field(default=None, name="to")
    paragraph: str | None = None


class EndRole(Command, frozen=True, kw_only=True):
    name: str
    role: RoleName
    on: date  # the last day in the role


class SetRotation(Command, frozen=True, kw_only=True):
    """An ordinary seat the named members hold in turn, each ``months`` months."""

    name: str
    members: tuple[str, ...]
    start: date = msgspec.field(name="from")
    months: int = 12
    end: date | None = msgspec.field(default=None, name="to")
    paragraph: str | None = None


class OpenMeeting(Command, frozen=True, kw_only=True):
    meeting: MeetingDetails


class AmendMeeting(Command, frozen=True, kw_only=True):
    """Change header fields of a meeting before adjustment; None leaves a field as it is."""

    date: _dt.date
    on: _dt.date | None = None  # when the change is made (default: today)
    extra: bool | None = None
    place: str | None = None
    time: str | None = None
    chair: str | None = None
    secretary: str | None = None
    adjusters: tuple[str, ...] | None = None
    present: tuple[str, ...] | None = None
    serving_for: tuple[Serving, ...] | None = None
    others: tuple[Attendee, ...] | None = None
    adjust_place: str | None = None


class CancelMeeting(Command, frozen=True, kw_only=True):
    date: _dt.date
    reason: str = ""
    on: _dt.date | None = None


class AssignmentSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    who: str
    what: str
    due: date | None = None


# -- the diarium and its documents (issue 20) ---------------------------------------


class RegisterDocument(Command, frozen=True, kw_only=True):
    """A document received (``in``) or sent (``out``) on ``on``, registered in the
    diarium; it gets the year's next diarienummer."""

    on: date
    direction: DiariumDirection
    party: str  # the sender or recipient
    subject: str
    secret: bool = False  # the subject stays out of public lists (OSL 5 kap. 1 §)
    concerns: str = ""  # application:ID, insats:ID or meeting:YYYY-MM-DD
    documents: tuple[Document, ...] = ()  # each {name, content}; content base64 in a journal


class RecordVote(Command, frozen=True, kw_only=True):
    """The proposals (yrkanden) moved on § ``number`` of ``year`` and how the board
    decided between them; recorded again, it replaces the paragraph's vote."""

    year: Year
    number: ParagraphNumber
    proposals: tuple[Proposal, ...]
    vote: Vote
    on: date | None = None  # the §'s meeting day (a journal orders the vote by it)


class AllowDistance(Command, frozen=True, kw_only=True):
    """The board's decision, from ``on``, to allow participation at a distance (lag
    2003:1210 19 a §), or with ``allowed = false`` to stop allowing it; ``paragraph``
    names the decision ("2024:3"), empty for a reglemente."""

    on: date
    paragraph: str = ""
    allowed: bool = True


class RecordDistance(Command, frozen=True, kw_only=True):
    """Who took part at a distance in the meeting on ``date`` (counted as present)."""

    date: _dt.date
    names: tuple[str, ...]


# -- money effects a paragraph's decision carries --------------------------------


class BudgetLineSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    line: str
    kind: LineKind
    amount: Amount
    name: str = ""
    insats: bool = False
    member: str | None = None  # the allocation of this member lands on this line
    members: tuple[str, ...] = ()  # ... or of these members (e.g. FK and AF together)
    plan: tuple[Amount, ...] = ()  # the plan years after the budget year, in order


class Effect(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="do"):
    pass


class AdoptBudget(Effect, frozen=True, kw_only=True, tag="adopt_budget"):
    year: Year
    lines: tuple[BudgetLineSpec, ...]
    from_equity: Amount = NO_AMOUNT


class LineChangeSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    line: str
    delta: Amount
    kind: LineKind | None = None
    name: str = ""
    insats: bool = False


class ChangeBudget(Effect, frozen=True, kw_only=True, tag="change_budget"):
    year: Year
    changes: tuple[LineChangeSpec, ...]
    from_equity: Amount = NO_AMOUNT


class YearAmountSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A year of a grant's schedule: ``{year = 2023, amount = "870 000"}``."""

    year: Year
    amount: Amount


class GrantFunds(Effect, frozen=True, kw_only=True, tag="grant"):
    insats: str
    amount: Amount | None = None
    start: date | None = None
    end: date | None = None
    # The amount of each year (finsam_es/schedule.py); empty: evenly over the months.
    # Journal fingerprints leave it out while empty.
    schedule: tuple[YearAmountSpec, ...] = ()


class ReferBack(Effect, frozen=True, kw_only=True, tag="refer_back"):
    insats: str
    reason: str


class RejectApplication(Effect, frozen=True, kw_only=True, tag="reject"):
    insats: str
    reason: str = ""


class YearMoveSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Money a postponement moves to a later year: ``{from_year = 2021, to_year = 2022,
    amount = "400 000"}``."""

    from_year: Year
    to_year: Year
    amount: Amount


class PostponeStart(Effect, frozen=True, kw_only=True, tag="postpone_start"):
    insats: str
    start: date
    # What the decision does with the money of the months before the new start (see
    # finsam_es/schedule.py), and the new end of a start after the period. Journal
    # fingerprints leave them out while at their defaults.
    keep_schedule: bool = False
    moves: tuple[YearMoveSpec, ...] = ()
    end: date | None = None


class MovePeriod(Effect, frozen=True, kw_only=True, tag="move_period"):
    insats: str
    start: date


class ExtendPeriod(Effect, frozen=True, kw_only=True, tag="extend"):
    insats: str
    end: date
    extra: Amount = NO_AMOUNT


class EndEarly(Effect, frozen=True, kw_only=True, tag="end_early"):
    insats: str
    end: date


class SettleYear(Effect, frozen=True, kw_only=True, tag="settle"):
    insats: str
    year: Year
    used: Amount
    on: date | None = None  # defaults to the decision's date
    # The paragraph decides that more than the grant was used (left out of fingerprints
    # while false)
    beyond_grant: bool = False


class CarryUnused(Effect, frozen=True, kw_only=True, tag="carry"):
    insats: str
    from_year: Year
    amount: Amount | None = None
    start: date | None = None
    end: date | None = None


class AdoptAnnualReport(Effect, frozen=True, kw_only=True, tag="adopt_annual_report"):
    year: Year


class ExemptDeficit(Effect, frozen=True, kw_only=True, tag="exempt_deficit"):
    """Synnerliga skäl not to restore a year's negative balanskravsresultat (KL 11:13)."""

    year: Year
    reason: str


EffectType = (
    AdoptBudget
    | ChangeBudget
    | GrantFunds
    | ReferBack
    | RejectApplication
    | PostponeStart
    | MovePeriod
    | ExtendPeriod
    | EndEarly
    | SettleYear
    | CarryUnused
    | AdoptAnnualReport
    | ExemptDeficit
)


class AddParagraph(Command, frozen=True, kw_only=True):
    meeting: date
    title: str
    number: ParagraphNumber | None = None
    text: str = ""
    decisions: tuple[str, ...] = ()
    assignments: tuple[AssignmentSpec, ...] = ()
    dissent: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    deciding: tuple[str, ...] = ()
    corrects: str | None = None
    effects: tuple[EffectType, ...] = ()
    # Since v2: journal fingerprints leave these out while at their defaults.
    send_to: tuple[str, ...] = ()
    show_effects: bool | None = None  # print the money effect under the decisions
    # Decided although fewer ledamöter than the law asks were present (KL 6:27): the
    # secretary records it so, and the minutes, the log and the reports say so.
    without_quorum: bool = False
    # Since v3: ersättare serving for this § only (a ledamot with jäv, KL 6:28), and who
    # chairs it when the chair has jäv (default: the vice chairs in order).
    serving_for: tuple[Serving, ...] = ()
    chaired_by: str = ""


class AmendParagraph(Command, frozen=True, kw_only=True):
    year: Year
    number: ParagraphNumber
    on: date
    title: str | None = None
    text: str | None = None
    decisions: tuple[str, ...] | None = None
    dissent: tuple[str, ...] | None = None
    conflict: tuple[str, ...] | None = None
    send_to: tuple[str, ...] | None = None


class RenumberParagraph(Command, frozen=True, kw_only=True):
    year: Year
    number: ParagraphNumber
    to: int
    on: date


class CloseMeeting(Command, frozen=True, kw_only=True):
    date: _dt.date


class AdjustMinutes(Command, frozen=True, kw_only=True):
    date: _dt.date
    on: _dt.date
    paragraph: int | None = None


class PostMinutes(Command, frozen=True, kw_only=True):
    date: _dt.date
    up: _dt.date
    down: _dt.date
    boards: tuple[str, ...] = ()  # none: every board the charter names (posting.py)
    paragraph: int | None = None  # a § adjusted at once, posted on its own


class SetCharter(Command, frozen=True, kw_only=True):
    """The charter's settings with their source; None keeps what is set."""

    on: _dt.date
    notice_boards: NoticeBoards | None = None
    term_years: int | None = None
    source: str | None = None


class CompleteAssignment(Command, frozen=True, kw_only=True):
    year: Year
    number: ParagraphNumber
    index: int = 1
    on: date
    note: str = ""


# -- digital justering (issue 21) --


class SignMinutes(Command, frozen=True, kw_only=True):
    """A justerare or the chair approves the minutes as they stand: ``sha256`` of the
    protokoll's canonical content and the chain ``head`` the signer was shown (the read
    side computes both: projections/signing.py)."""

    date: _dt.date
    signer: str
    sha256: str
    head: str = ""


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


# -- goals, follow-up and forecast (issue 23) ----------------------------------------


class SetGoal(Command, frozen=True, kw_only=True):
    """A goal of the year's verksamhetsplan set (or changed) by a paragraph ("2024:3")."""

    year: Year
    id: str
    scope: str  # "forbund", "financial" or "insats:ID"
    text: str
    paragraph: str
    indicator: str = ""
    target: str = ""
    measure: GoalMeasure | None = None  # a financial goal the ledger judges
    limit: str | None = None  # the equity goal's share of the allocation: "20%"


class GoalAssessmentSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A goal's degree of fulfilment at a follow-up, with the reason (motivering)."""

    goal: str
    assessment: GoalAssessment | None = None
    reason: str = ""


class CountSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``{member = "fk", count = 28}`` or ``{part = "SFI på modersmål", count = 14}``."""

    count: int
    member: str = ""
    part: str = ""


class ParticipantsSpec(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    total: int
    new: int | None = None
    finished: int | None = None
    women: int = 0
    men: int = 0
    other: int = 0
    referred_by: tuple[CountSpec, ...] = ()
    parts: tuple[CountSpec, ...] = ()


class RecordFollowUp(Command, frozen=True, kw_only=True):
    """A follow-up of the year's goals on ``on``: the assessments recorded, and for an
    insats its participants in a period (``start`` - ``end``, default the year up to
    ``on``) as its interim or final report states them."""

    year: Year
    on: date
    insats: str | None = None
    report: FollowUpReport = "final"
    start: date | None = None
    end: date | None = None
    participants: ParticipantsSpec | None = None
    goals: tuple[GoalAssessmentSpec, ...] = ()
    source: str = ""


class ForecastLineSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    line: str
    amount: Amount
    kind: LineKind | None = None  # default: the budget line's kind


class RecordReportText(Command, frozen=True, kw_only=True):
    """A section's own text in the year's annual or half-year report, from ``on``."""

    year: Year
    report: ReportTextKind = "annual"
    section: str
    text: str
    on: date


class MakeForecast(Command, frozen=True, kw_only=True):
    """The year-end forecast per budget line, made on ``on``; lines left out are
    expected to end at their budget."""

    year: Year
    on: date
    lines: tuple[ForecastLineSpec, ...]
    text: str = ""
