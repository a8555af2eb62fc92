"""The money questions at one moment: budget, result, equity and insatser of a förbund
on the date asked about, as the records stood. Part of the bound reader
(``Reader.at``): both clocks are given once, so no caller passes them again, and the
equity answer is judged here against the förbund's own limit as the records stood, so
every face prints the same verdict.
"""

from __future__ import annotations

from datetime import date

import msgspec

from finsam_es.accounting import Posting
from projections.application_numbers import by_insats
from projections.money_reports import (
    BudgetReport,
    EquityReport,
    InsatserReport,
    MoneyQueries,
    ResultReport,
    judged,
)
from projections.reader_base import Records


class Money:
    """A förbund's money on ``as_of`` as its records stood at the moment of ``records``,
    answered by ``source`` (the view, caught up, or the reference fold)."""

    def __init__(self, records: Records, as_of: date, source: MoneyQueries):
        self.records = records
        self.as_of = as_of
        self.source = source

    def budget(self, forbund: str, year: int | None = None) -> BudgetReport:
        """The budget of a year (default: the year of the date asked about)."""
        year = self.as_of.year if year is None else year
        return self.source.budget(forbund, year, self.as_of, self.records.known_at)

    def result(self, forbund: str, year: int | None = None) -> ResultReport:
        """Income and costs per line against the budget of a year (default: as_of's)."""
        year = self.as_of.year if year is None else year
        return self.source.result(forbund, year, self.as_of, self.records.known_at)

    def equity(self, forbund: str) -> EquityReport:
        """Equity against the year's allocation, judged against the förbund's own limit
        with its source (the thresholds as the records stood)."""
        report = self.source.equity(forbund, self.as_of, self.records.known_at)
        return judged(report, self.records.thresholds(forbund))

    def insatser(self, forbund: str, current_only: bool = False) -> InsatserReport:
        """Every insats (``current_only``: those current on the date), each with its
        application's diarienummer from the diarium."""
        report = self.source.insatser(forbund, self.as_of, self.records.known_at, current_only)
        numbers = by_insats(self.records, forbund, self.as_of)
        rows = tuple(
            msgspec.structs.replace(r, diarienummer=numbers[r.id]) if r.id in numbers else r
            for r in report.interventions
        )
        return msgspec.structs.replace(report, interventions=rows)

    def postings(self, forbund: str) -> tuple[Posting, ...]:
        return self.source.postings(forbund, self.as_of, self.records.known_at)
