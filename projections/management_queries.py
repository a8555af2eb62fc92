"""Gathering the förvaltningsberättelse (projections/management_report.py) from the
records as they stood: the förbund, its minutes book and fiscal year, the insatser, and
the follow-up part's goals, participants, forecast and texts.

The statements of a year-end report hold what was decided after the balance day for the
year (``decided``, LKBR 4:4); the goals' follow-up and the participants are recorded
when the annual report is made, after the year, so they are read on that day too, while
the ledger-judged goals and the forecast's outcome stay on the balance day.
"""

from __future__ import annotations

from datetime import date

from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.forecast import Forecast
from finsam_es.goals import GoalBook
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from projections import management_report as mr
from projections.follow_up_queries import FollowUp
from projections.forecast import ForecastReport, forecast_report, last_made
from projections.goals import GoalRow, Ledger, goal_rows
from projections.minutes import meeting_servings
from projections.money_queries import Money
from projections.reader_base import Records
from projections.report_tables import balanskrav
from projections.statements import Books, resultatrakning


def management_report(
    records: Records, money: Money, kind: str, books: Books, decided: date
) -> mr.ManagementReport:
    """The förvaltningsberättelse of ``books``' period; ``money`` is on the balance day."""
    fid, year = books.forbund, books.year
    f = records.forbund(fid)
    start, end = books.outcome_span()
    later = Money(records, max(decided, money.as_of), money.source)
    follow = FollowUp(records, later)
    names = {m.id: m.name or m.id for m in f.members}
    goals = report_goals(records, money, fid, year, max(decided, money.as_of))
    rows = money.insatser(fid).interventions
    used: dict[str, int] = {}
    for p in books.postings:
        if p.account == "cost" and p.insats and start <= p.day <= end:
            used[p.insats] = used.get(p.insats, 0) + p.amount
    co = {}
    for r in rows:
        found = records.load(Insats, Insats.id_for(fid, r.id))
        co[r.id] = found.co_applicants if found else ()
    statement = resultatrakning(books)
    budget_result = sum(s.budget if s.kind == "income" else -s.budget for s in statement.lines)
    fiscal = records.load(FiscalYear, FiscalYear.id_for(fid, year))
    closed = fiscal.closed if fiscal is not None and kind == "annual" else None
    signing = closed[0] if closed is not None and closed[0] <= decided else None
    sign_on = signing or min(decided, max(records.today(), books.as_of))
    return mr.ManagementReport(
        forbund=f.name,
        formed=f.formed,
        members=mr.members(f, end),
        board_on=start,
        board=mr.board_on(f, start),
        board_changes=mr.board_changes(f, start, end),
        meetings=mr.meetings(records.load(MinutesBook, MinutesBook.id_for(fid, year)), start, end),
        insatser=mr.insats_sections(
            year, rows, used, follow.participants(fid, year), goals, names, co
        ),
        forbund_goals=tuple(mr.goal_line(g) for g in goals if g.scope == "forbund"),
        financial_goals=tuple(mr.goal_line(g) for g in goals if g.scope == "financial"),
        economy=mr.economy(
            statement.income,
            statement.costs,
            budget_result,
            money.equity(fid),
            balanskrav(books).balanskrav_result,
        ),
        forecast=forecast(records, money, fid, year, decided) if kind == "halfyear" else None,
        texts=mr.texts(follow.report_texts(fid, year), kind),
        signing_day=signing,
        signing_paragraph=closed[1] if signing is not None and closed is not None else None,
        signatories=mr.signatories(f, sign_on, serving_at(records, f, signing)),
    )


def serving_at(records: Records, f: Forbund, day: date | None) -> dict[str, str]:
    """Who served for an absent ledamot at the meeting on ``day`` (ledamot -> ersättare),
    as its minutes record it; empty without such a meeting."""
    if day is None:
        return {}
    book = records.load(MinutesBook, MinutesBook.id_for(f.forbund, day.year))
    if book is None or day not in book.meetings:
        return {}
    return {s.for_: s.name for s in meeting_servings(f.board_on(day), book.meeting(day))}


def report_goals(records: Records, money: Money, fid: str, year: int, by: date) -> list[GoalRow]:
    """The goals with their recorded follow-up as decided by ``by``, a ledger-judged goal
    on the report's balance day (a half-year report's equity is June's, not December's)."""
    on = money.as_of
    ledger = None
    if on >= date(year, 1, 1):
        result, budget = money.result(fid, year), money.budget(fid, year)
        ledger = Ledger(on, money.equity(fid), result, budget.cost_total)
    return goal_rows(records.events(GoalBook.id_for(fid, year)), by, ledger)


def forecast(
    records: Records, money: Money, fid: str, year: int, decided: date
) -> ForecastReport | None:
    """The last year-end forecast made by ``decided`` (the half-year report is written
    after the half year), beside the budget and the outcome on the balance day."""
    made = last_made(records.events(Forecast.id_for(fid, year)), decided)
    if made is None:
        return None
    opening = Money(records, date(year - 1, 12, 31), money.source).equity(fid).equity
    equity = money.equity(fid)
    return forecast_report(made, year, money.as_of, money.result(fid, year), opening, equity)
