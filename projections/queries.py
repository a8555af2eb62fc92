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
from typing import TYPE_CHECKING

import msgspec

from finsam_es.application import FinsamApp
from finsam_es.errors import NotFound
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.registry import Registry, choose_forbund
from finsam_es.values import paragraph_ref
from projections.board import BoardReport, board
from projections.event_log import LogRow, log_row
from projections.forbund import ForbundInfo, forbund_info
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
from projections.money_fold import Fold
from projections.money_reports import MoneyQueries
from projections.money_view import MoneyView
from projections.statements import Books

if TYPE_CHECKING:
    from projections.annual_report import ReportDocument, ReportKind
    from projections.chart import Chart
    from projections.sheets import Statement
    from projections.transactions import Transaction

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

    def __init__(self, app: FinsamApp, today: Callable[[], date] = date.today):
        self.app = app
        self.today = today

    # -- which förbund ---------------------------------------------------------------

    def forbund_ids(self) -> tuple[str, ...]:
        """The förbund the store holds, in the order they were created."""
        registry = self.app.load(Registry, Registry.ID)
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
        return paragraph_view(book, p, corrected_by, f.board_on(p.meeting))

    def open_assignments(self, forbund: str | None, as_of: date) -> list[OpenAssignment]:
        """Assignments given on or before the date and not reported done by then."""
        books = self._books(self.forbund_id(forbund), as_of.year)
        return open_assignments(books.values(), as_of)

    def log(
        self, since: int = 1, forbund: str | None = None, limit: int | None = None
    ) -> list[LogRow]:
        """The events from a log position on (of one förbund, or all), the last ``limit``."""
        rows = [log_row(position, event) for position, event in self.app.read(start=since)]
        rows = [r for r in rows if forbund is None or r.forbund == forbund]
        return rows if limit is None else rows[-limit:]

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

    # -- statements ------------------------------------------------------------------

    def books(
        self,
        forbund: str | None,
        year: int,
        as_of: date,
        known_at: datetime | None = None,
        period: str = "year",
        fold: bool = False,
        progress: ShowProgress = no_progress,
    ) -> Books:
        """The postings up to a date and the budgets of the year and the one before,
        from the view or the fold: what every statement is made of."""
        money = self.money(fold, progress)
        fid = self.forbund_id(forbund)
        return Books(
            fid,
            year,
            as_of,
            money.postings(fid, as_of, known_at),
            money.budget(fid, year, as_of, known_at).lines,
            money.budget(fid, year - 1, as_of, known_at).lines,
            period,
        )

    def chart(self, books: Books, override: Chart | None = None) -> Chart:
        """The chart of accounts for the books' budget lines, with a förbund's override."""
        from projections.chart import chart_for
        from projections.money_reports import BudgetRow

        rows = [*books.budget, *books.previous_budget]
        known = {r.line for r in rows}
        # a line booked on without being in the budget still gets a number
        for p in books.postings:
            if p.account in ("income", "cost") and p.line not in known:
                known.add(p.line)
                rows.append(BudgetRow(p.line, p.account, 0, ()))
        return chart_for(rows, override)

    def statement(self, name: str, books: Books, override: Chart | None = None) -> Statement:
        """A statement (resultatrakning, balansrakning, ...) with its sheets."""
        from projections.sheets import statement

        return statement(name, books, self.chart(books, override))

    def report_document(
        self, kind: ReportKind, books: Books, override: Chart | None = None
    ) -> ReportDocument:
        """The annual or half-year report of the books' year, ready to typeset."""
        from projections.annual_report import report_document

        name = self.forbund_info(books.forbund).name
        return report_document(kind, name, books, self.chart(books, override))

    def transactions(
        self, forbund: str | None, as_of: date, known_at: datetime | None = None
    ) -> list[Transaction]:
        """The ledger's transactions up to a date, with texts and §, from the reference
        fold (the texts are in the events, not in the view's rows)."""
        from projections.money_fold import fold_money
        from projections.transactions import transactions

        return transactions(fold_money(self.app.read(), self.forbund_id(forbund), as_of, known_at))

    def export(
        self,
        kind: str,
        forbund: str | None,
        year: int,
        as_of: date,
        generated: date,
        override: Chart | None = None,
    ) -> str:
        """The ledger as a SIE 4E file's text (``sie``, for one year) or an hledger or
        beancount journal (every transaction up to ``as_of``)."""
        from projections import exports

        info = self.forbund_info(forbund)
        books = self.books(info.id, year, as_of, fold=True)
        done = self.transactions(info.id, as_of)
        if kind == "hledger":
            return exports.hledger_text(info.name, done)
        if kind == "beancount":
            return exports.beancount_text(info.name, done)
        rows = (*books.previous_budget, *books.budget)
        return exports.sie_text(
            name=info.name,
            year=year,
            as_of=as_of,
            generated=generated,
            transactions=done,
            chart=self.chart(books, override),
            line_names={r.line: r.name for r in rows},
            income_lines={r.line for r in rows if r.kind == "income"},
            insats_names={
                r.id: r.name for r in self.money(True).insatser(info.id, as_of).interventions
            },
        )

    # -- loading ---------------------------------------------------------------------

    def _forbund(self, forbund: str | None) -> Forbund:
        fid = self.forbund_id(forbund)
        f = self.app.load(Forbund, Forbund.id_for(fid))
        if f is None:  # pragma: no cover - the registry lists only förbund that exist
            raise NotFound(f"no förbund '{fid}'")
        return f

    def _books(self, forbund: str, until_year: int) -> dict[int, MinutesBook]:
        """The förbund's minutes books up to a year (none can be older than the law)."""
        found = {
            year: self.app.load(MinutesBook, MinutesBook.id_for(forbund, year))
            for year in range(FINSAM_LAW, until_year + 1)
        }
        return {year: book for year, book in found.items() if book is not None}

    def _book(self, books: dict[int, MinutesBook], forbund: str, year: int) -> MinutesBook:
        book = (
            books[year]
            if year in books
            else self.app.load(MinutesBook, MinutesBook.id_for(forbund, year))
        )
        if book is None:
            raise NotFound(f"{forbund} has no minutes in {year}")
        return book
