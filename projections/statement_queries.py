"""The economist's questions: the books of a year (postings and budgets, from the view
or the fold), the statements made of them, the annual and half-year report, and the
ledger exported for the members' accounting systems (SIE 4) and plain-text tools.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from finsam_es.balanskrav import DeficitExemption, Exemption
from finsam_es.published_year import Outcome, PublishedYear
from projections.reader_base import ReaderBase, ShowProgress, no_progress
from projections.statements import Books

if TYPE_CHECKING:
    from projections.annual_report import ReportDocument, ReportKind
    from projections.chart import Chart
    from projections.sheets import Statement
    from projections.transactions import Transaction


class StatementQueries(ReaderBase):
    """Statements, reports and exports of a store's books."""

    def books(
        self,
        forbund: str | None,
        year: int,
        as_of: date,
        known_at: datetime | None = None,
        period: str = "year",
        fold: bool = False,
        progress: ShowProgress = no_progress,
        decided_by: date | None = None,
    ) -> Books:
        """The postings up to a date and the budgets of the year and the one before,
        from the view or the fold: what every statement is made of.

        ``decided_by`` later than ``as_of`` admits what was decided after the balance day
        for the days up to it (a settlement of the year decided in February: LKBR 4:4);
        ``date.max`` admits everything recorded by ``known_at``."""
        money = self.money(fold, progress)
        fid = self.forbund_id(forbund)
        if decided_by is None or decided_by <= as_of:
            postings = money.postings(fid, as_of, known_at)
        else:
            later = money.postings(fid, decided_by, known_at)
            postings = tuple(p for p in later if p.day <= as_of)
        return Books(
            fid,
            year,
            as_of,
            postings,
            money.budget(fid, year, as_of, known_at).lines,
            money.budget(fid, year - 1, as_of, known_at).lines,
            period,
            self.published_years(fid, range(year - 4, year), known_at),
            self.exemptions(
                fid, range(year - 3, year + 1), max(as_of, decided_by or as_of), known_at
            ),
        )

    def exemptions(
        self, forbund: str, years: Iterable[int], by: date, known_at: datetime | None = None
    ) -> dict[int, Exemption]:
        """The synnerliga skäl decided by ``by`` not to restore a deficit of the years."""
        reader = self if known_at is None else self.known(known_at)
        out: dict[int, Exemption] = {}
        for year in years:
            found = reader._load(DeficitExemption, DeficitExemption.id_for(forbund, year))
            if found is not None and found.decided is not None and found.decided.decided <= by:
                out[year] = found.decided
        return out

    def published_years(
        self, forbund: str, years: Iterable[int], known_at: datetime | None = None
    ) -> dict[int, Outcome]:
        """The published outcome of earlier years the store keeps no books for, as
        recorded by ``known_at``."""
        reader = self if known_at is None else self.known(known_at)
        out: dict[int, Outcome] = {}
        for year in years:
            found = reader._load(PublishedYear, PublishedYear.id_for(forbund, year))
            if found is not None and found.outcome is not None:
                out[year] = found.outcome
        return out

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
        from projections.money_fold import fold_money, money_events
        from projections.transactions import transactions

        fid = self.forbund_id(forbund)
        return transactions(fold_money(money_events(self.app, fid), fid, as_of, known_at))

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
