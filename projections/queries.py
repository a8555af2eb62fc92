"""The front door for reads: every question the CLI asks of a store.

A ``Reader`` loads what a question needs (the registry, a förbund, its minutes
books) from the repository and hands it to the pure read models in this package;
money questions go to the materialised view, caught up first, or to the reference
fold. Nothing here records an event; writes go through ``commands.bus.execute``.

A question names its förbund, or None when the store holds only one; the choice is
the registry's, so its messages are the same as a command's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from typing import Any
from uuid import UUID

from finsam_es.application import AggregateT, FinsamApp
from finsam_es.chain import Link
from finsam_es.errors import NotFound
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from finsam_es.registry import Registry, choose_forbund
from finsam_es.values import paragraph_ref
from projections import audit
from projections.board import BoardReport, board
from projections.bundle import make_bundle
from projections.event_log import LogFilter, LogRow, log_row
from projections.explain import Diff, Explanation, Impact, Provenance, check_figure, diff
from projections.forbund import ForbundInfo, forbund_info
from projections.minutes import (
    MinutesDocument,
    OpenAssignment,
    ParagraphView,
    corrections,
    minutes,
    open_assignments,
    paragraph_view,
)
from projections.money_fold import Fold
from projections.money_reports import MoneyQueries
from projections.money_rows import VIEW_TABLES, RowWriter, no_rows
from projections.money_view import MoneyView
from projections.registers import BookingList, DecisionList, booking_list, decision_list

FINSAM_LAW = 2004  # SFS 2003:1210 took effect on 1 January 2004: no förbund is older
QUIET_BELOW = 2000  # catching up on fewer events is too quick to show progress

Advance = Callable[[int], None]
"""Called with the number of events just read."""

ShowProgress = Callable[[int], AbstractContextManager[Advance]]
"""Given how many events a long read will take, a context that shows its progress."""


@contextmanager
def no_progress(total: int) -> Iterator[Advance]:
    yield lambda done: None


class Reader:
    """The questions a store answers. ``today`` bounds the years searched for corrections."""

    def __init__(
        self,
        app: FinsamApp,
        today: Callable[[], date] = date.today,
        known_at: datetime | None = None,
    ):
        self.app = app
        self.today = today
        self.known_at = known_at

    def known(self, known_at: datetime | None) -> Reader:
        """This store's questions as its records stood at a moment (None: as they stand)."""
        return Reader(self.app, self.today, known_at)

    # -- the recorded clock ----------------------------------------------------------

    def moment(self, at: datetime | int) -> datetime:
        """A moment for --known-at: a timestamp as it is, or a log position as the time its
        event was recorded (the events of one command share it, and stand or fall together)."""
        if isinstance(at, datetime):
            return at
        recorded = self.app.recorded_at(at)
        if recorded is None:
            raise NotFound(f"no event at log position {at} (the log has {self.app.event_count()})")
        return recorded

    def first_recorded(self) -> datetime | None:
        """When the first event was recorded; None for an empty store."""
        return self.app.recorded_at(1)

    # -- which förbund ---------------------------------------------------------------

    def forbund_ids(self) -> tuple[str, ...]:
        """The förbund the store holds, in the order they were created."""
        registry = self._load(Registry, Registry.ID)
        return registry.ids if registry else ()

    def forbund_id(self, forbund: str | None) -> str:
        """The förbund named, or the only one in the store."""
        return choose_forbund(self.forbund_ids(), forbund)

    def forbund_info(self, forbund: str | None) -> ForbundInfo:
        return forbund_info(self._forbund(forbund))

    # -- governance ------------------------------------------------------------------

    def board(self, forbund: str | None, as_of: date) -> BoardReport:
        return board(self._forbund(forbund), as_of)

    def minutes(self, forbund: str | None, day: date) -> MinutesDocument:
        """The minutes of the meeting on a day, with the paragraphs correcting its own."""
        f = self._forbund(forbund)
        books = self._books(f.forbund, self.today().year + 1)
        book = self._book(books, f.forbund, day.year)
        return minutes(f, book, book.meeting(day), corrections(books.values()))

    def paragraph(self, forbund: str | None, year: int, number: int) -> ParagraphView:
        """One paragraph, with the paragraphs that correct it."""
        fid = self.forbund_id(forbund)
        books = self._books(fid, self.today().year + 1)
        book = self._book(books, fid, year)
        corrected_by = corrections(books.values()).get(paragraph_ref(year, number), ())
        return paragraph_view(book, book.paragraph(number), corrected_by)

    def open_assignments(self, forbund: str | None, as_of: date) -> list[OpenAssignment]:
        """Assignments given on or before the date and not reported done by then."""
        books = self._books(self.forbund_id(forbund), as_of.year)
        return open_assignments(books.values(), as_of)

    def log(
        self, since: int = 1, only: LogFilter | None = None, limit: int | None = None
    ) -> list[LogRow]:
        """The events from a log position on that the filter admits, the last ``limit``,
        each with who recorded it and its link in the hash chain."""
        only = only or LogFilter()
        chain = audit.links(self.app)
        rows = [
            log_row(position, event, chain.get(position))
            for position, event in self.app.read(start=since)
            if only.admits(event)
        ]
        return rows if limit is None else rows[-limit:]

    # -- provenance ------------------------------------------------------------------

    def provenance(self, forbund: str | None) -> Provenance:
        """The förbund's money rows from its events recorded by this reader's moment."""
        fid = self.known(None).forbund_id(forbund)  # which förbund is a question of now
        return Provenance(self.app.read(), fid, self.known_at, audit.links(self.app))

    def explain(self, forbund: str | None, figure: str, as_of: date) -> Explanation:
        """Every event behind a figure on a date, with amounts that sum to it."""
        return self.provenance(forbund).explain(check_figure(figure), as_of)

    def impact(self, forbund: str | None, year: int, number: int, as_of: date) -> Impact:
        """Every figure a paragraph's events changed on a date, without them and with."""
        return self.provenance(forbund).impact(paragraph_ref(year, number), as_of)

    def diff(
        self,
        forbund: str | None,
        query: str,
        year: int,
        as_of: date,
        moments: tuple[datetime | None, datetime | None],
    ) -> Diff:
        """A query's figures that differ as known at two moments, and the events between."""
        first, second = (self.known(m).provenance(forbund) for m in moments)
        return diff(first, second, query, year, as_of)

    # -- registers -------------------------------------------------------------------

    def bookings(self, forbund: str | None, year: int) -> BookingList:
        """The verifikationslista of a year: bookings and payments to owners, numbered."""
        fid = self.known(None).forbund_id(forbund)
        booked = self._events(FiscalYear.id_for(fid, year))
        payments = [
            (insats, event)
            for insats, events in self._insatser(fid)
            for event in events
            if isinstance(event, Insats.PaymentMade)
        ]
        return booking_list(fid, year, booked, payments)

    def decisions(self, forbund: str | None, year: int) -> DecisionList:
        """Every paragraph of a year with a money effect, and what its events moved."""
        fid = self.known(None).forbund_id(forbund)
        book = self._load(MinutesBook, MinutesBook.id_for(fid, year))
        money = [
            *self._events(FiscalYear.id_for(fid, year)),
            *self._events(FiscalYear.id_for(fid, year + 1)),  # next year's budget
            *(event for _insats, events in self._insatser(fid) for event in events),
        ]
        return decision_list(fid, year, book, money)

    def _events(self, aggregate_id: UUID) -> list[Any]:
        """An aggregate's events recorded by this reader's moment."""
        events: list[Any] = list(self.app.events.get(aggregate_id))
        return [e for e in events if self.known_at is None or e.timestamp <= self.known_at]

    def _insatser(self, forbund: str) -> list[tuple[Insats, list[Any]]]:
        """Each insats of the förbund with money (its index on the förbund), with its events."""
        f = self._load(Forbund, Forbund.id_for(forbund))
        out = []
        for insats in sorted(f.insats_years if f else ()):
            found = self._load(Insats, Insats.id_for(forbund, insats))
            if found is not None:
                out.append((found, self._events(found.id)))
        return out

    # -- tamper evidence -------------------------------------------------------------

    def check_chain(self) -> audit.ChainCheck:
        """Every link of the hash chain recomputed over the stored events."""
        return audit.check_chain(audit.notifications(self.app), audit.links(self.app))

    def audit_head(self, forbund: str | None, at: datetime | int | None = None) -> Link | None:
        """The förbund's last link in the chain at a moment or log position (None: now):
        the checkpoint a signed protocol pins (e.g. as of its adjustment)."""
        return audit.head_at(audit.links(self.app), self.forbund_id(forbund), at)

    def adjustment_head(self, forbund: str | None, meeting: date) -> Link | None:
        """The head of the förbund's chain when the minutes of a meeting were adjusted
        (justerade): what the signed protocol pins. The events of one command share their
        recorded time, so after a journal import it is the head at the end of the import."""
        fid = self.known(None).forbund_id(forbund)
        adjusted = [
            e.timestamp
            for e in self._events(MinutesBook.id_for(fid, meeting.year))
            if isinstance(e, MinutesBook.MinutesAdjusted) and e.meeting == meeting
        ]
        return audit.head_at(audit.links(self.app), fid, adjusted[0]) if adjusted else None

    def verify_audit(
        self, checkpoint: str | None = None, progress: ShowProgress = no_progress
    ) -> audit.AuditReport:
        """The hash chain recomputed, the view's tables and figures replayed from the log,
        and whether the log still extends a checkpoint (a link's hash)."""
        chain = audit.links(self.app)
        checked = audit.check_chain(audit.notifications(self.app), chain)
        problems = list(checked.problems)
        behind = self.view_behind_log()
        if problems:
            pass  # a broken log cannot be replayed: its first broken link is the finding
        elif behind is not None:
            count = self.app.event_count()
            problems.append(
                audit.Problem(
                    count + 1,
                    f"the log ends at position {count} but the view has read up to {behind}: "
                    "events were removed from the end of the log",
                )
            )
        else:
            view = self.money(False, progress)
            assert isinstance(view, MoneyView)
            expected = no_rows()
            writer = RowWriter(
                lambda oid, version: self.app.repository.get(oid, version=version),
                lambda _id: None,
            )
            for position, event in self.app.read():
                writer.write(position, event, expected)
            stored = {table: view.table_rows(table) for table in VIEW_TABLES}
            problems.extend(audit.view_problems(expected, stored))
            years = {int(year) for _id, year in expected["fin_years"]}
            fold = self.money(True)
            for forbund in self.known(None).forbund_ids():
                problems.extend(audit.figure_problems(view, fold, forbund, years))
        found = audit.find_checkpoint(chain, checkpoint) if checkpoint else None
        if checkpoint and found is None:
            problems.append(
                audit.Problem(
                    0,
                    f"checkpoint {checkpoint} is not in the chain: the log no longer extends it "
                    "(truncated or rewritten since)",
                )
            )
        return audit.AuditReport(
            checked.events,
            checked.chained,
            checked.unchained,
            checked.heads,
            found,
            tuple(problems),
        )

    def bundle(self, forbund: str | None, years: tuple[int, ...] = ()) -> dict[str, bytes]:
        """The audit bundle of a förbund (projections/bundle.py): its events with their
        links, a manifest with the checkpoints, and the reports of the years (default:
        every year it has a budget year for)."""
        fid = self.forbund_id(forbund)
        if not years:
            years = tuple(
                y for y in range(FINSAM_LAW, self.today().year + 2)
                if self._load(FiscalYear, FiscalYear.id_for(fid, y)) is not None
            )  # fmt: skip
        return make_bundle(fid, years, audit.notifications(self.app), audit.links(self.app))

    def view_behind_log(self) -> int | None:
        """The position the money view has read up to, when it is past the end of the log
        (events were removed from the end); None when the log is whole."""
        tracked = MoneyView(self.app).position()
        return tracked if tracked > self.app.event_count() else None

    # -- money -----------------------------------------------------------------------

    def money(self, fold: bool = False, progress: ShowProgress = no_progress) -> MoneyQueries:
        """The reference fold over the whole log, or the view caught up first."""
        if fold:
            return Fold(self.app.read())
        view = MoneyView(self.app)
        pending = view.pending()
        if pending > QUIET_BELOW:
            with progress(pending) as advance:
                view.catch_up(advance)
        else:
            view.catch_up()
        return view

    def rebuild_view(self, progress: ShowProgress = no_progress) -> int:
        """Fold the whole log into the view again; returns how many events were read."""
        view = MoneyView(self.app)
        with progress(self.app.event_count()) as advance:
            return view.rebuild(advance)

    def verify_view(
        self, forbund: str, year: int, as_of: date, progress: ShowProgress = no_progress
    ) -> dict[str, bool]:
        """Each money question, and whether the view answers it as the fold does."""
        view, fold = self.money(False, progress), self.money(True)
        return {
            "budget": view.budget(forbund, year, as_of) == fold.budget(forbund, year, as_of),
            "result": view.result(forbund, year, as_of) == fold.result(forbund, year, as_of),
            "equity": view.equity(forbund, as_of) == fold.equity(forbund, as_of),
            "interventions": view.insatser(forbund, as_of) == fold.insatser(forbund, as_of),
        }

    # -- loading ---------------------------------------------------------------------

    def _load(self, kind: type[AggregateT], aggregate_id: UUID) -> AggregateT | None:
        return self.app.load(kind, aggregate_id, self.known_at)

    def _forbund(self, forbund: str | None) -> Forbund:
        fid = self.forbund_id(forbund)
        f = self._load(Forbund, Forbund.id_for(fid))
        if f is None:  # pragma: no cover - the registry lists only förbund that exist
            raise NotFound(f"no förbund '{fid}'")
        return f

    def _books(self, forbund: str, until_year: int) -> dict[int, MinutesBook]:
        """The förbund's minutes books up to a year (none can be older than the law)."""
        found = {
            year: self._load(MinutesBook, MinutesBook.id_for(forbund, year))
            for year in range(FINSAM_LAW, until_year + 1)
        }
        return {year: book for year, book in found.items() if book is not None}

    def _book(self, books: dict[int, MinutesBook], forbund: str, year: int) -> MinutesBook:
        book = (
            books[year]
            if year in books
            else self._load(MinutesBook, MinutesBook.id_for(forbund, year))
        )
        if book is None:
            raise NotFound(f"{forbund} has no minutes in {year}")
        return book
