"""The money questions and their reports, shared by the pure fold and the view.

``MoneyQueries`` is what both answer: ``projections.money_fold.Fold`` (the audit
reference) and ``projections.money_view.MoneyView`` (materialised tables). Both
compute the same primitives (budget rows, per-line outcome, insats summaries) their
own way and assemble them here, so a report can never differ by how it was
computed, only by what it was computed from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from finsam_es.accounting import Posting

# moved to projections/equity_report.py (imports nothing of the domain's events);
# importable from here as before
from projections.equity_report import DEFAULT_THRESHOLDS as DEFAULT_THRESHOLDS
from projections.equity_report import EquityReport as EquityReport
from projections.equity_report import equity_report as equity_report
from projections.equity_report import judged as judged
from projections.equity_report import negative_equity as negative_equity
from projections.money_shapes import BudgetReport as BudgetReport

# moved to projections/money_shapes.py (imports nothing of the domain's events);
# importable from here as before
from projections.money_shapes import BudgetRow as BudgetRow
from projections.money_shapes import InsatserReport as InsatserReport
from projections.money_shapes import InsatsRow as InsatsRow
from projections.money_shapes import InsatsSummary as InsatsSummary
from projections.money_shapes import ResultLine as ResultLine
from projections.money_shapes import ResultReport as ResultReport
from projections.money_shapes import budget_report as budget_report
from projections.money_shapes import insats_row as insats_row
from projections.money_shapes import result_report as result_report


class MoneyQueries(Protocol):
    """Budget, result, equity and insatser of a förbund on a date (``as_of``), as the
    records stood at a moment (``known_at``; None: as they stand now)."""

    def budget(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> BudgetReport: ...

    def result(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> ResultReport: ...

    def equity(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> EquityReport: ...

    def insatser(
        self,
        forbund: str,
        as_of: date,
        known_at: datetime | None = None,
        current_only: bool = False,
    ) -> InsatserReport:
        """``current_only``: only the insatser current on ``as_of`` (``current``)."""
        ...

    def postings(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> tuple[Posting, ...]: ...


def canonical(postings: Iterable[Posting]) -> tuple[Posting, ...]:
    """Postings summed per day, account, line, insats and kind, zeros left out, sorted:
    the one form the fold and the view both give."""
    sums: dict[tuple[date, str, str, str, str], int] = {}
    for p in postings:
        key = (p.day, p.account, p.line, p.insats, p.kind)
        sums[key] = sums.get(key, 0) + p.amount
    return tuple(
        Posting(day, account, amount, line, insats, kind)
        for (day, account, line, insats, kind), amount in sorted(sums.items())
        if amount
    )
