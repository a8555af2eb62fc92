"""Journal import: a whole förbund, its board, meetings and money in one TOML file.

The file is decoded and validated by msgspec into the command structs the CLI
uses, ordered by date, and fed through the same handlers in one unit of work:
all or nothing. Each command's content hash is recorded with the förbund, so
importing the same file again adds nothing, and a file that grew since it was
last imported adds only its new entries. The fingerprints live in a side table of the
store (store/imported.py), looked up for the file's entries only.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from commands import structs as c
from commands.bus import handle
from commands.fingerprints import fingerprints
from commands.importing import already_done, finish
from commands.journal_checks import after_formation, check_dates, claimed_times, huge_number
from finsam_es.errors import FinsamError, InvalidInput, NotFound
from finsam_es.forbund import Forbund
from finsam_es.meeting import MeetingDetails, meeting_details
from finsam_es.paragraph import ParagraphFields
from finsam_es.quorum import QuorumRule
from finsam_es.values import shown
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork


class ForbundEntry(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    recorded: _dt.datetime | None = None  # when the förbund was first recorded (migrated)
    name: str = ""
    members: tuple[c.MemberSpec, ...] = ()
    quorum: QuorumRule = "at_least_half"
    created: date | None = None
    formed: date | None = None  # the formation date: `created` by its other name
    orgnr: str = ""  # the organisation number, NNNNNN-NNNN
    opening_equity: c.SetOpeningEquity | None = None


class Posting(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    up: date
    down: date


class ImmediateAdjustment(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    paragraph: int
    on: date


class JournalParagraph(
    ParagraphFields[c.AssignmentSpec, c.EffectType],
    frozen=True,
    kw_only=True,
    forbid_unknown_fields=True,
):
    """A paragraph as a journal writes it: the paragraph's fields and, if the file
    gives it, its number; it becomes an AddParagraph on its meeting's day."""

    number: c.ParagraphNumber | None = None


class MeetingAgenda(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The meeting opened from its kallelse (``[[agenda]]``): its ärenden become its
    first paragraphs, from § ``first`` (default: continuing the year), and the ärenden
    ``decided`` (by number, from 1) are decided as proposed, with their money effects."""

    first: c.ParagraphNumber | None = None
    decided: tuple[int, ...] = ()


class JournalMeeting(MeetingDetails, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A meeting as a journal writes it: its details, then what happened at it."""

    agenda: MeetingAgenda | None = None  # opened from its agenda (issue 20, item 4)
    paragraphs: tuple[JournalParagraph, ...] = ()
    closed: bool = True
    adjusted: _dt.date | None = None
    immediately_adjusted: tuple[ImmediateAdjustment, ...] = ()
    posted: Posting | None = None
    recorded: _dt.datetime | None = None  # when the meeting was first recorded (migrated)


class Journal(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A journal file: one förbund and what happened to it.

    ``resubmissions`` is the old name of ``completions`` (applications completed after a
    referral back); files written with it still import, with the same fingerprints.
    """

    forbund: ForbundEntry
    board: tuple[c.AppointBoardMember, ...] = ()
    board_leaves: tuple[c.LeaveBoard, ...] = ()
    allocations: tuple[c.SetAllocation, ...] = ()
    applications: tuple[c.ReceiveApplication, ...] = ()
    completions: tuple[c.CompleteApplication, ...] = ()
    resubmissions: tuple[c.CompleteApplication, ...] = ()  # the old name of completions
    withdrawals: tuple[c.WithdrawApplication, ...] = ()
    meetings: tuple[JournalMeeting, ...] = ()
    bookings: tuple[c.Book, ...] = ()
    payments: tuple[c.PayOwner, ...] = ()
    settlements: tuple[c.SettleWithoutDecision, ...] = ()
    transfers: tuple[c.BookTransfer, ...] = ()  # bookings naming a balance account
    interim_reports: tuple[c.ReportInterimUse, ...] = ()  # delredovisningar of insatser
    assignments_done: tuple[c.CompleteAssignment, ...] = ()
    seat_changes: tuple[c.ChangeSeats, ...] = ()  # the charter's seats per member changed
    thresholds: tuple[c.SetThresholds, ...] = ()  # the förbund's limits and their sources
    procedures: tuple[c.RecordProcedure, ...] = ()  # consultations, announcements, auditors ...
    earlier_years: tuple[c.RecordPublishedYear, ...] = ()  # published outcome of earlier years
    joins: tuple[c.JoinForbund, ...] = ()  # members joining by decision, shares from a date
    leaves: tuple[c.LeaveForbund, ...] = ()  # members leaving by decision
    share_changes: tuple[c.ChangeShares, ...] = ()  # the same members, new shares from a date
    roles: tuple[c.ElectRole, ...] = ()  # chair and vice chairs elected for terms of their own
    role_ends: tuple[c.EndRole, ...] = ()  # a role's term ending early (the seat goes on)
    rotations: tuple[c.SetRotation, ...] = ()  # seats the members hold in turn
    # -- goals, follow-up and forecast (issue 23) --
    goals: tuple[c.SetGoal, ...] = ()  # the verksamhetsplan's goals, each by its §
    follow_ups: tuple[c.RecordFollowUp, ...] = ()  # goals assessed, insatser's participants
    forecasts: tuple[c.MakeForecast, ...] = ()  # the director's year-end forecasts
    report_texts: tuple[c.RecordReportText, ...] = ()  # the förbund's words per section
    # -- the diarium (issue 20) --
    diarium: tuple[c.RegisterDocument, ...] = ()  # documents received and sent
    votes: tuple[c.RecordVote, ...] = ()  # a §'s yrkanden and vote, on its meeting's day
    distance_rules: tuple[c.AllowDistance, ...] = ()  # the board allowing distance participation
    distance: tuple[c.RecordDistance, ...] = ()  # who took part in a meeting at a distance
    # -- the kallelse (issue 20, item 3) --
    agenda: tuple[c.CallMeeting, ...] = ()  # each meeting's kallelse, as sent (again: amended)
    notice_periods: tuple[c.SetNoticePeriod, ...] = ()  # days a kallelse goes out before
    # -- digital justering (issue 21): each signer's approval, as `meeting sign` records it
    signatures: tuple[c.SignMinutes, ...] = ()


class Entry(msgspec.Struct, frozen=True):
    """One command of the journal with where it came from and when it happened.

    ``written`` is the command as the file states it (its fingerprint must not change
    when the file grows); ``command`` is what runs, with defaults the file leaves open
    filled in.
    """

    day: date
    rank: int
    order: int
    where: str
    command: c.Command
    written: c.Command
    recorded: _dt.datetime | None = None  # the time the entry claims it was first recorded


class ImportResult(msgspec.Struct):
    forbund: str
    entries: int
    new: int
    events: int
    warnings: list[str]


def schema() -> dict[str, Any]:
    return msgspec.json.schema(Journal, schema_hook=c.schema_hook)


# The largest journal read: a 200 000-booking import is 20 MiB; /dev/zero or a
# mistaken disk image is refused after reading this much, not when memory runs out.
MAX_JOURNAL_BYTES = 256 * 2**20


def decode(path: Path) -> Journal:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_JOURNAL_BYTES + 1)
    except OSError as e:
        raise InvalidInput(f"{path}: cannot read the file ({e.strerror})") from None
    if len(data) > MAX_JOURNAL_BYTES:
        raise InvalidInput(
            f"{path}: larger than a journal finsam reads ({MAX_JOURNAL_BYTES // 2**20} MiB); "
            "split it into years"
        )
    try:
        journal = msgspec.toml.decode(data, type=Journal, dec_hook=c.dec_hook)
    except msgspec.ValidationError as e:
        raise InvalidInput(f"{path}: {_where(str(e))}") from None
    except msgspec.DecodeError as e:
        raise InvalidInput(f"{path}: not valid TOML: {e}") from None
    except RecursionError:  # the TOML parser recurses into nested arrays and tables
        raise InvalidInput(f"{path}: not valid TOML: nested too deeply") from None
    except ValueError:  # Python's int-string limit, met by the TOML parser
        raise InvalidInput(f"{path}: {huge_number(data)}") from None
    check_dates(journal, f"{path}: ")
    return journal


def _where(message: str) -> str:
    """'Expected `int`, got `str` - at `$.meetings[0].date`' -> 'meetings[0].date: Expected ...'."""
    if " - at `$." in message:
        text, path = message.rsplit(" - at `$.", 1)
        return f"{path.rstrip('`')}: {text}"
    return message


def entries(journal: Journal) -> list[Entry]:
    """The journal's commands, in the order they happened."""
    fid = journal.forbund.id
    out: list[Entry] = []

    def add(
        day: date,
        rank: int,
        where: str,
        command: c.Command,
        written: c.Command | None = None,
        recorded: _dt.datetime | None = None,
    ) -> None:
        command = msgspec.structs.replace(command, forbund=fid)
        written = command if written is None else msgspec.structs.replace(written, forbund=fid)
        claim = command.recorded or recorded
        out.append(Entry(day, rank, len(out), where, command, written, claim))

    f = journal.forbund
    if f.opening_equity:
        add(f.opening_equity.year_end, 3, "forbund.opening_equity", f.opening_equity)
    simple: tuple[tuple[str, int, tuple[Any, ...], Callable[[Any], date]], ...] = (
        ("board_leaves", 1, journal.board_leaves, lambda x: x.on),
        ("board", 2, journal.board, lambda x: x.start),
        ("allocations", 4, journal.allocations, lambda x: x.on or date(x.year, 1, 1)),
        ("applications", 5, journal.applications, lambda x: x.on),
        ("completions", 6, journal.completions, lambda x: x.on),
        ("resubmissions", 6, journal.resubmissions, lambda x: x.on),
        ("withdrawals", 7, journal.withdrawals, lambda x: x.on),
        ("bookings", 14, journal.bookings, lambda x: x.on),
        ("payments", 15, journal.payments, lambda x: x.on),
        ("transfers", 14, journal.transfers, lambda x: x.on),
        ("interim_reports", 16, journal.interim_reports, lambda x: x.on),
        ("settlements", 16, journal.settlements, lambda x: x.on),
        ("assignments_done", 17, journal.assignments_done, lambda x: x.on),
        ("thresholds", 3, journal.thresholds, lambda x: x.on),
        ("seat_changes", 1, journal.seat_changes, lambda x: x.on),
        ("procedures", 17, journal.procedures, lambda x: x.on),
        ("earlier_years", 3, journal.earlier_years, lambda x: date(x.year, 12, 31)),
        ("joins", 1, journal.joins, lambda x: x.on),
        ("leaves", 2, journal.leaves, lambda x: x.on),
        ("share_changes", 1, journal.share_changes, lambda x: x.on),
        ("roles", 2, journal.roles, lambda x: x.start),
        ("role_ends", 1, journal.role_ends, lambda x: x.on),
        ("rotations", 2, journal.rotations, lambda x: x.start),
        # goals after everything else in the file, and their follow-ups after them: the §
        # each goal names is then in the store. Their events carry the meeting's and the
        # follow-up's dates, whatever their place in the log.
        ("goals", 18, journal.goals, lambda x: date.max),
        ("follow_ups", 19, journal.follow_ups, lambda x: date.max),
        ("forecasts", 19, journal.forecasts, lambda x: x.on),
        ("report_texts", 19, journal.report_texts, lambda x: x.on),
        # registered after the applications of its day, which it may concern
        ("diarium", 5, journal.diarium, lambda x: x.on),
        # after the paragraphs of the meeting's day (rank 9), before its adjustment (12)
        ("distance_rules", 10, journal.distance_rules, lambda x: x.on),
        ("distance", 10, journal.distance, lambda x: x.date),
        ("votes", 10, journal.votes, lambda x: x.on or date(x.year, 12, 31)),
        # the kallelse after the diarium entries of its day, whose documents it lists
        ("notice_periods", 3, journal.notice_periods, lambda x: x.on),
        ("agenda", 5, journal.agenda, lambda x: x.sent),
        # on the day signed (its recorded moment), after the meeting's paragraphs (9);
        # the last signature adjusts the minutes, so before a paper adjustment (12)
        ("signatures", 11, journal.signatures, _signed_on),
    )
    for name, rank, items, day_of in simple:
        for i, item in enumerate(items):
            add(day_of(item), rank, f"{name}[{i}]", item)
    for i, m in enumerate(journal.meetings):
        _meeting_entries(m, f"meetings[{i}]", add)
    if f.members:
        # Formed on `formed` (or `created`), or on the earliest date in the file; it runs
        # first. Either name gives the same fingerprint.
        if f.formed and f.created and f.formed != f.created:
            raise InvalidInput(
                f"forbund: formed {f.formed} and created {f.created} differ; give one of them"
            )
        formed = f.formed or f.created
        written = c.CreateForbund(
            id=f.id, name=f.name, members=f.members, quorum=f.quorum, on=formed, orgnr=f.orgnr
        )
        first_day = min((e.day for e in out), default=None)
        command = msgspec.structs.replace(
            written, on=formed or first_day, on_by_default=formed is None
        )
        add(date.min, 0, "forbund", command, written, f.recorded)
    return sorted(out, key=lambda e: (e.day, e.rank, e.order))


def _signed_on(signature: c.SignMinutes) -> date:
    return signature.recorded.date() if signature.recorded else signature.date


def _meeting_entries(m: JournalMeeting, where: str, record: Callable[..., None]) -> None:
    """A meeting's commands; adjusting and posting never sort before the meeting itself.
    Each claims the meeting's ``recorded`` time, if it states one."""

    def add(day: date, rank: int, place: str, command: c.Command) -> None:
        record(day, rank, place, command, None, m.recorded)

    opened = c.OpenMeeting(meeting=MeetingDetails(**meeting_details(m)))
    add(m.date, 8, f"{where} ({m.date})", opened)
    if m.agenda is not None:  # the ärenden are its first paragraphs
        add(m.date, 9, f"{where}.agenda", c.TakeAgenda(date=m.date, first=m.agenda.first))
        for item in m.agenda.decided:
            decided = c.DecideAsProposed(date=m.date, item=item)
            add(m.date, 9, f"{where}.agenda.decided ({item})", decided)
    for j, p in enumerate(m.paragraphs):
        paragraph = c.AddParagraph(meeting=m.date, **msgspec.structs.asdict(p))
        add(m.date, 9, f"{where}.paragraphs[{j}] ({shown(p.title)})", paragraph)
    for j, adj in enumerate(m.immediately_adjusted):
        command = c.AdjustMinutes(date=m.date, on=adj.on, paragraph=adj.paragraph)
        add(max(adj.on, m.date), 10, f"{where}.immediately_adjusted[{j}]", command)
    if m.closed:
        add(m.date, 11, f"{where}.closed", c.CloseMeeting(date=m.date))
    if m.adjusted:
        adjusted = c.AdjustMinutes(date=m.date, on=m.adjusted)
        add(max(m.adjusted, m.date), 12, f"{where}.adjusted", adjusted)
    if m.posted:
        posted = c.PostMinutes(date=m.date, up=m.posted.up, down=m.posted.down)
        add(max(m.posted.up, m.date), 13, f"{where}.posted", posted)


def import_journal(
    app: FinsamApp, path: Path, progress: Callable[[int], object] | None = None
) -> ImportResult:
    """Import a journal file: all its new entries, or nothing if any is refused."""
    journal = decode(path)
    todo = entries(journal)
    uow = UnitOfWork(app)
    forbund = uow.get(Forbund, Forbund.id_for(journal.forbund.id))
    if forbund is None and not journal.forbund.members:
        raise NotFound(
            f"{path}: forbund: no förbund '{journal.forbund.id}' in the store; give its name and "
            "members in [forbund] to create it"
        )
    prints = fingerprints(todo)
    done = already_done(app, journal.forbund.id, prints, forbund.imported if forbund else ())
    new = [e for e, p in zip(todo, prints, strict=True) if p not in done]
    # The formation date the journal states: one it leaves out defaults to the file's
    # earliest date, which a later entry may precede.
    formed = journal.forbund.formed or journal.forbund.created
    after_formation(path, new, formed)
    claims = claimed_times(path, new, app.last_recorded(journal.forbund.id), uow.stored_at)
    if formed is not None:
        for order, claim in claims.items():
            if claim.date() < formed:
                where = next(e.where for e in new if e.order == order)
                raise InvalidInput(
                    f"{path}: {where}: recorded = {claim.isoformat()} is before the förbund "
                    f"was formed ({formed.isoformat()})"
                )
    warnings: list[str] = []
    new_prints: list[str] = []
    imported_meetings: set[date] = set()
    for entry, print_ in zip(todo, prints, strict=True):
        command = entry.command
        if print_ in done:
            if isinstance(command, c.OpenMeeting):
                imported_meetings.add(command.meeting.date)
            if progress:
                progress(1)
            continue
        if (
            isinstance(command, c.AddParagraph)
            and command.number is None
            and command.meeting in imported_meetings
        ):
            raise InvalidInput(
                f"{path}: {entry.where}: the meeting of {command.meeting} was imported before; "
                "a paragraph added to it later must give its number (number = N), so that an "
                "edited paragraph is never recorded twice"
            )
        uow.at = claims.get(entry.order, uow.stored_at)
        try:
            for w in handle(uow, command):
                warnings.append(f"{entry.where}: {w}")
        except FinsamError as e:
            raise type(e)(f"{path}: {entry.where}: {e}") from None
        new_prints.append(print_)
        if progress:
            progress(1)
    uow.at = uow.stored_at
    events = finish(app, uow, journal.forbund.id, new_prints)
    return ImportResult(journal.forbund.id, len(todo), len(new_prints), events, warnings)
