"""The economist's questions at one moment: the books of a year (postings and budgets,
from the view or the fold), the statements made of them, the annual and half-year
report, and the ledger exported for the members' accounting systems (SIE 4) and
plain-text tools. Part of the bound reader (``Reader.at``): the books are taken on its
date as its records stood, and the report's equity verdict is the money part's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from finsam_es.balanskrav import DeficitExemption, Exemption
from finsam_es.published_year import Outcome, PublishedYear
from projections.money_queries import Money
from projections.reader_base import Records
from projections.statements import Books

if TYPE_CHECKING:
    from finsam_es.chart import Chart
    from projections.annual_report import ReportDocument, ReportKind
    from projections.sheets import Owner, Statement
    from projections.transactions import Transaction


class Statements:
    """Statements, reports and exports of a förbund's books on ``money.as_of``."""

    def __init__(self, records: Records, money: Money, fold: Callable[[], Money]):
        self.records = records
        self.money = money
        self.fold = fold  # the reference fold at the same moment: what exports read

    def books(
        self,
        forbund: str | None,
        year: int | None = None,
        period: str = "year",
        decided_by: date | None = None,
    ) -> Books:
        """The postings up to the date and the budgets of the year and the one before:
        what every statement is made of.

        ``decided_by`` later than the date admits what was decided after the balance day
        for the days up to it (a settlement of the year decided in February: LKBR 4:4);
        ``date.max`` admits everything recorded by the reader's moment."""
        return self._books(self.money, forbund, year, period, decided_by)

    def _books(
        self,
        money: Money,
        forbund: str | None,
        year: int | None,
        period: str,
        decided_by: date | None = None,
    ) -> Books:
        fid = self.records.now().forbund_id(forbund)
        as_of = money.as_of
        year = as_of.year if year is None else year
        if decided_by is None or decided_by <= as_of:
            postings = money.postings(fid)
        else:
            later = Money(self.records, decided_by, money.source).postings(fid)
            postings = tuple(p for p in later if p.day <= as_of)
        return Books(
            fid,
            year,
            as_of,
            postings,
            money.budget(fid, year).lines,
            money.budget(fid, year - 1).lines,
            period,
            self.published_years(fid, range(year - 4, year)),
            self.exemptions(fid, range(year - 3, year + 1), max(as_of, decided_by or as_of)),
            *self.forecast(fid, year, as_of, max(as_of, decided_by or as_of)),
        )

    def forecast(
        self, forbund: str, year: int, as_of: date, by: date
    ) -> tuple[tuple[tuple[str, str, int], ...], date | None]:
        """The year-end forecast made by ``by`` while the balance day is within the year."""
        from finsam_es.forecast import Forecast
        from projections.forecast import last_made

        if as_of >= date(year, 12, 31):
            return (), None
        made = last_made(self.records.events(Forecast.id_for(forbund, year)), by)
        if made is None:
            return (), None
        return tuple((x.kind, x.line, x.amount) for x in made.lines), made.effective

    def exemptions(self, forbund: str, years: Iterable[int], by: date) -> dict[int, Exemption]:
        """The synnerliga skäl decided by ``by`` not to restore a deficit of the years."""
        out: dict[int, Exemption] = {}
        for year in years:
            found = self.records.load(DeficitExemption, DeficitExemption.id_for(forbund, year))
            if found is not None and found.decided is not None and found.decided.decided <= by:
                out[year] = found.decided
        return out

    def published_years(self, forbund: str, years: Iterable[int]) -> dict[int, Outcome]:
        """The published outcome of earlier years the store keeps no books for."""
        out: dict[int, Outcome] = {}
        for year in years:
            found = self.records.load(PublishedYear, PublishedYear.id_for(forbund, year))
            if found is not None and found.outcome is not None:
                out[year] = found.outcome
        return out

    def chart(self, books: Books, override: Chart | None = None) -> Chart:
        """The chart of accounts for the books' budget lines, with a förbund's override."""
        from finsam_es.chart import chart_for
        from projections.money_reports import BudgetRow

        rows = [*books.budget, *books.previous_budget]
        known = {r.line for r in rows}
        # a line booked on without being in the budget still gets a number
        for p in books.postings:
            if p.account in ("income", "cost") and p.line not in known:
                known.add(p.line)
                rows.append(BudgetRow(p.line, p.account, 0, ()))
        return chart_for(rows, override)

    def owner(self, forbund: str | None) -> Owner:
        """The förbund the statements are of, as every sheet names it."""
        from projections.sheets import Owner

        info = self.records.forbund_info(forbund)
        return Owner(info.name, info.orgnr)

    def statement(self, name: str, books: Books, override: Chart | None = None) -> Statement:
        """A statement (resultatrakning, balansrakning, ...) with its sheets."""
        from projections.sheets import statement

        return statement(name, books, self.chart(books, override))

    def report_document(
        self,
        kind: ReportKind,
        books: Books,
        override: Chart | None = None,
        decided: date | None = None,
    ) -> ReportDocument:
        """The annual or half-year report of the books' year, ready to typeset, with the
        equity verdict the money part gives on the same date and the förvaltningsberättelse
        from the records, its follow-up as decided by ``decided`` (default: the date)."""
        from projections.allocation_note import allocation_note
        from projections.annual_report import report_document
        from projections.management_queries import management_report

        # the verdict is the equity answer's on this part's date: the books must be its own
        assert books.as_of == self.money.as_of, "books from another date than the report's"
        info = self.records.forbund_info(books.forbund)
        equity = self.money.equity(books.forbund)
        chart = self.chart(books, override)
        management = management_report(
            self.records, self.money, kind, books, decided or books.as_of
        )
        note = allocation_note(self.records, books)
        return report_document(kind, info.name, books, chart, equity, info.orgnr, management, note)

    def transactions(self, forbund: str | None) -> list[Transaction]:
        """The ledger's transactions up to the date, with texts and §, from the reference
        fold (the texts are in the events, not in the view's rows)."""
        from finsam_es.money_state import fold_money
        from projections.money_fold import money_events
        from projections.transactions import transactions

        r = self.records
        fid = r.now().forbund_id(forbund)
        folded = fold_money(money_events(r.app, fid), fid, self.money.as_of, r.known_at)
        return transactions(folded)

    def export(
        self,
        kind: str,
        forbund: str | None,
        year: int,
        generated: date,
        override: Chart | None = None,
    ) -> str:
        """The ledger as a SIE 4E file's text (``sie``, for one year) or an hledger or
        beancount journal (every transaction up to the date), from the reference fold."""
        from projections import exports

        info = self.records.forbund_info(forbund)
        fold = self.fold()
        books = self._books(fold, info.id, year, "year")
        done = self.transactions(info.id)
        # the journals name the förbund in their first comment, with its number
        title = f"{info.name} (org.nr {info.orgnr})" if info.orgnr else info.name
        if kind == "hledger":
            return exports.hledger_text(title, done)
        if kind == "beancount":
            return exports.beancount_text(title, done)
        rows = (*books.previous_budget, *books.budget)
        chart = self.chart(books, override)
        # each year's budget per account, signed as SIE signs (income a credit); a
        # förbund's chart may give two lines one account
        budgets: dict[int, dict[int, int]] = {}
        for n, budget in ((0, books.budget), (-1, books.previous_budget)):
            for r in budget:
                accounts = budgets.setdefault(n, {})
                number = chart.line_number(r.line)
                amount = -r.amount if r.kind == "income" else r.amount
                accounts[number] = accounts.get(number, 0) + amount
        return exports.sie_text(
            name=info.name,
            orgnr=info.orgnr,
            year=year,
            as_of=fold.as_of,
            generated=generated,
            transactions=done,
            chart=chart,
            budgets=budgets,
            line_names={r.line: r.name for r in rows},
            income_lines={r.line for r in rows if r.kind == "income"},
            insats_names={r.id: r.name for r in fold.insatser(info.id).interventions},
        )
