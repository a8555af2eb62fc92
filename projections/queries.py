"""The front door for reads: every question the CLI asks of a store.

A ``Reader`` loads what a question needs (the registry, a förbund, its minutes
books) from the repository and hands it to the pure read models in this package;
money questions go to the materialised view, caught up first, or to the reference
fold. Nothing here records an event; writes go through ``commands.bus.execute``.

A question names its förbund, or None when the store holds only one; the choice is
the registry's, so its messages are the same as a command's. ``Reader.known(T)``
asks as the records stood at T. The governance questions are here; the auditor's are
in ``audit_queries``, the economist's in ``statement_queries``, what they share in
``reader_base``.
"""

from __future__ import annotations

from datetime import date

import msgspec

from finsam_es.fiscal_year import FiscalYear
from finsam_es.minutes import MinutesBook
from finsam_es.procedures import ProcedureBook
from finsam_es.values import paragraph_ref
from projections import audit
from projections.audit_queries import AuditQueries
from projections.board import BoardReport, board, board_changes
from projections.event_log import LogFilter, LogRow, log_row
from projections.follow_up_queries import FollowUpQueries
from projections.meetings import MeetingRow, meeting_rows
from projections.minutes import (
    MinutesDocument,
    OpenAssignment,
    ParagraphView,
    corrections,
    minutes,
    open_assignments,
    paragraph_view,
)
from projections.money_view import MoneyView
from projections.procedures import ProcedureReport, procedure_report
from projections.reader_base import FINSAM_LAW, Advance, ShowProgress, no_progress
from projections.statement_queries import StatementQueries

__all__ = ["Advance", "Reader", "ShowProgress", "no_progress"]


class Reader(AuditQueries, StatementQueries, FollowUpQueries):
    """The questions a store answers."""

    # -- governance ------------------------------------------------------------------

    def board(self, forbund: str | None, as_of: date) -> BoardReport:
        return board(self._forbund(forbund), as_of)

    def procedures(self, forbund: str | None, year: int) -> ProcedureReport:
        """The procedures of a year the law asks beside the minutes, and what is missing."""
        f = self._forbund(forbund)
        books = {
            y: b
            for y in range(FINSAM_LAW, year + 1)
            if (b := self._load(ProcedureBook, ProcedureBook.id_for(f.forbund, y)))
        }
        minutes = self._load(MinutesBook, MinutesBook.id_for(f.forbund, year))
        fiscal = self._load(FiscalYear, FiscalYear.id_for(f.forbund, year))
        return procedure_report(f, year, books, minutes, fiscal)

    def board_changes(self, forbund: str | None) -> tuple[date, ...]:
        """The dates the board changed (a seat began, or the day after one ended)."""
        return board_changes(self._forbund(forbund))

    def minutes(self, forbund: str | None, day: date) -> MinutesDocument:
        """The minutes of the meeting on a day, with the paragraphs correcting its own and
        the head of the audit chain when they were adjusted."""
        f = self._forbund(forbund)
        books = self._books(f.forbund, self.today().year + 1)
        book = self._book(books, f.forbund, day.year)
        doc = minutes(f, book, book.meeting(day), corrections(books.values()))
        head = self.adjustment_head(f.forbund, day) if doc.adjusted else None
        if head is None:
            return doc
        # the signed protocol pins the log as it stood when the minutes were adjusted
        return msgspec.structs.replace(doc, audit_head=f"position {head.position}, {head.hash}")

    def extract(self, forbund: str | None, year: int, number: int) -> MinutesDocument:
        """A protokollsutdrag: the minutes of the paragraph's meeting with that § alone."""
        p = self.paragraph(forbund, year, number)
        doc = self.minutes(forbund, p.meeting)
        return msgspec.structs.replace(
            doc, paragraphs=tuple(v for v in doc.paragraphs if v.number == number)
        )

    def meetings(self, forbund: str | None, year: int | None = None) -> list[MeetingRow]:
        """Every meeting (of a year), its § range, adjustment, posting and deadlines."""
        fid = self.forbund_id(forbund)
        today = self.today()
        if year is None:
            return meeting_rows(self._books(fid, today.year + 1).values(), today)
        book = self.app.load(MinutesBook, MinutesBook.id_for(fid, year))
        return meeting_rows([book] if book else [], today)

    def paragraph(self, forbund: str | None, year: int, number: int) -> ParagraphView:
        """One paragraph, with the paragraphs that correct it."""
        f = self._forbund(forbund)
        books = self._books(f.forbund, self.today().year + 1)
        book = self._book(books, f.forbund, year)
        corrected_by = corrections(books.values()).get(paragraph_ref(year, number), ())
        p = book.paragraph(number)
        return paragraph_view(book, p, corrected_by, f.board_on(p.meeting), f.quorum)

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
        if limit is not None and only == LogFilter():
            # Every event is admitted: the last N are at the last N positions, so read
            # only those (not the whole log). PostgreSQL's positions can have gaps (a
            # rolled-back write drew numbers): then read on from earlier.
            last = max(since, self.app.event_count() - limit + 1)
            rows = self._log_rows(last, only)
            if len(rows) >= limit or last == since:
                return rows[-limit:]
        rows = self._log_rows(since, only)
        return rows if limit is None else rows[-limit:]

    def _log_rows(self, since: int, only: LogFilter) -> list[LogRow]:
        chain = audit.links(self.app, since)
        return [
            log_row(position, event, chain.get(position))
            for position, event in self.app.read(start=since)
            if only.admits(event)
        ]

    # -- the money view --------------------------------------------------------------

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
