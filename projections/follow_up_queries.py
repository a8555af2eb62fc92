"""The year in words and numbers: its goals with their fulfilment, each insats's
participants, the year-end forecast, the förbund's own words per section of its reports
and what Uppföljning Finsam asks, on a date
(``as_of``) as the records stood (the reader's ``known_at``). One question per concept,
for the CLI and the annual and half-year reports alike.
"""

from __future__ import annotations

from datetime import date

from finsam_es.follow_up import ParticipantBook
from finsam_es.forecast import Forecast
from finsam_es.goals import GoalBook
from finsam_es.report_text import ReportTexts
from projections.forbund import with_limit
from projections.forecast import ForecastReport, forecast_report, last_made
from projections.goals import GoalRow, Ledger, goal_rows
from projections.participants import ParticipantRow, participant_rows
from projections.reader_base import ReaderBase
from projections.report_texts import ReportTextRow, report_text_rows
from projections.uppfoljning import UppfoljningRow, uppfoljning_rows


class FollowUpQueries(ReaderBase):
    """Goals, participants, forecast, report texts and the Uppföljning Finsam rows of a
    year."""

    def goals(self, forbund: str | None, year: int, as_of: date) -> list[GoalRow]:
        """The year's goals set by ``as_of``, each assessed: from the ledger on the day
        (at most the year's end) when the ledger judges it, else as last recorded."""
        fid = self.forbund_id(forbund)
        events = self._events(GoalBook.id_for(fid, year))
        on = min(as_of, date(year, 12, 31))
        ledger = None
        if on >= date(year, 1, 1):
            money = self.money()
            result = money.result(fid, year, on, self.known_at)
            budget = money.budget(fid, year, on, self.known_at)
            ledger = Ledger(on, money.equity(fid, on, self.known_at), result, budget.cost_total)
        return goal_rows(events, as_of, ledger)

    def participants(self, forbund: str | None, year: int, as_of: date) -> list[ParticipantRow]:
        """Each insats's participants in the year, as last reported by ``as_of``."""
        fid = self.forbund_id(forbund)
        events = self._events(ParticipantBook.id_for(fid, year))
        names = {
            i.id: i.name for i in self.money().insatser(fid, as_of, self.known_at).interventions
        }
        return participant_rows(events, as_of, names)

    def forecast(self, forbund: str | None, year: int, as_of: date) -> ForecastReport | None:
        """The last year-end forecast made by ``as_of`` beside the budget and the outcome
        so far; None when none was made by then."""
        fid = self.forbund_id(forbund)
        made = last_made(self._events(Forecast.id_for(fid, year)), as_of)
        if made is None:
            return None
        money = self.money()
        on = min(as_of, date(year, 12, 31))
        outcome = money.result(fid, year, on, self.known_at)
        opening = money.equity(fid, date(year - 1, 12, 31), self.known_at).equity
        # the förbund's own equity limit, as the equity question carries it
        equity = with_limit(money.equity(fid, on, self.known_at), self.thresholds(fid))
        return forecast_report(made, year, as_of, outcome, opening, equity)

    def report_texts(self, forbund: str | None, year: int, as_of: date) -> list[ReportTextRow]:
        """The förbund's own text per section of the year's reports, as last recorded by
        ``as_of``."""
        fid = self.forbund_id(forbund)
        return report_text_rows(self._events(ReportTexts.id_for(fid, year)), as_of)

    def uppfoljning(self, forbund: str | None, year: int, as_of: date) -> list[UppfoljningRow]:
        """Per insats what Uppföljning Finsam asks: kind, owner, budget, outcome, participants."""
        fid = self.forbund_id(forbund)
        money = self.money()
        on = min(as_of, date(year, 12, 31))
        insatser = money.insatser(fid, on, self.known_at).interventions
        postings = money.postings(fid, on, self.known_at)
        owners = {m.id: m.name or m.id for m in self._forbund(fid).members}
        return uppfoljning_rows(
            year, insatser, postings, self.participants(fid, year, as_of), owners
        )
