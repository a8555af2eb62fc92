"""The year in words and numbers: its goals with their fulfilment, on a date
(``as_of``) as the records stood (the reader's ``known_at``). One question per concept,
for the CLI and the annual and half-year reports alike.
"""

from __future__ import annotations

from datetime import date

from finsam_es.goals import GoalBook
from projections.goals import GoalRow, Ledger, goal_rows
from projections.reader_base import ReaderBase


class FollowUpQueries(ReaderBase):
    """Goals of a year."""

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
