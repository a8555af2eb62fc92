"""The year in words and numbers: its goals with their fulfilment, each insats's
participants, the year-end forecast, the förbund's own words per section of its reports
and what Uppföljning Finsam asks. Part of the bound reader (``Reader.at``): on its date
as its records stood, one question per concept, for the CLI and the annual and
half-year reports alike.
"""

from __future__ import annotations

from datetime import date

from finsam_es.follow_up import ParticipantBook
from finsam_es.forecast import Forecast
from finsam_es.goals import GoalBook
from finsam_es.report_text import ReportTexts
from projections.forecast import ForecastReport, forecast_report, last_made
from projections.goals import GoalRow, Ledger, goal_rows
from projections.money_queries import Money
from projections.participants import ParticipantRow, participant_rows
from projections.reader_base import Records
from projections.report_texts import ReportTextRow, report_text_rows
from projections.uppfoljning import UppfoljningRow, uppfoljning_rows


class FollowUp:
    """Goals, participants, forecast, report texts and the Uppföljning Finsam rows of a
    year, on ``money.as_of`` as the records stood."""

    def __init__(self, records: Records, money: Money):
        self.records = records
        self.money = money
        self.as_of = money.as_of

    def _money_on(self, day: date) -> Money:
        """The money part on another day (a year's end) at the same moment and source."""
        return Money(self.records, day, self.money.source)

    def goals(self, forbund: str | None, year: int) -> list[GoalRow]:
        """The year's goals set by the date, each assessed: from the ledger on the day
        (at most the year's end) when the ledger judges it, else as last recorded."""
        fid = self.records.forbund_id(forbund)
        events = self.records.events(GoalBook.id_for(fid, year))
        on = min(self.as_of, date(year, 12, 31))
        ledger = None
        if on >= date(year, 1, 1):
            money = self._money_on(on)
            result = money.result(fid, year)
            budget = money.budget(fid, year)
            ledger = Ledger(on, money.equity(fid), result, budget.cost_total)
        return goal_rows(events, self.as_of, ledger)

    def participants(self, forbund: str | None, year: int) -> list[ParticipantRow]:
        """Each insats's participants in the year, as last reported by the date."""
        fid = self.records.forbund_id(forbund)
        events = self.records.events(ParticipantBook.id_for(fid, year))
        names = {i.id: i.name for i in self.money.insatser(fid).interventions}
        return participant_rows(events, self.as_of, names)

    def forecast(self, forbund: str | None, year: int) -> ForecastReport | None:
        """The last year-end forecast made by the date beside the budget and the outcome
        so far; None when none was made by then."""
        fid = self.records.forbund_id(forbund)
        made = last_made(self.records.events(Forecast.id_for(fid, year)), self.as_of)
        if made is None:
            return None
        money = self._money_on(min(self.as_of, date(year, 12, 31)))
        outcome = money.result(fid, year)
        opening = self._money_on(date(year - 1, 12, 31)).equity(fid).equity
        # judged against the förbund's own equity limit, as the equity question is
        return forecast_report(made, year, self.as_of, outcome, opening, money.equity(fid))

    def report_texts(self, forbund: str | None, year: int) -> list[ReportTextRow]:
        """The förbund's own text per section of the year's reports, as last recorded by
        the date."""
        fid = self.records.forbund_id(forbund)
        return report_text_rows(self.records.events(ReportTexts.id_for(fid, year)), self.as_of)

    def uppfoljning(self, forbund: str | None, year: int) -> list[UppfoljningRow]:
        """Per insats what Uppföljning Finsam asks: kind, owner, budget, outcome, participants."""
        fid = self.records.forbund_id(forbund)
        money = self._money_on(min(self.as_of, date(year, 12, 31)))
        insatser = money.insatser(fid).interventions
        owners = {m.id: m.name or m.id for m in self.records.forbund(fid).members}
        return uppfoljning_rows(
            year, insatser, money.postings(fid), self.participants(fid, year), owners
        )
