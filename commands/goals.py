"""Handlers of the year's goals, their follow-up, the year-end forecast and the texts
the förbund adds to its reports.

A goal is set by a paragraph in the minutes (``SetGoal`` names it); a follow-up records
the goals' assessments and an insats's participants; the director makes a forecast.
Each handler loads, lets the aggregate decide and leaves the events in the unit of work.
"""

from __future__ import annotations

from datetime import date

from commands import structs as c
from commands.loading import load_insats, minutes_book, opened, resolve_forbund
from finsam_es.budget import BudgetLine, LineKind
from finsam_es.errors import InvalidInput, NotFound, Refused
from finsam_es.fiscal_year import FiscalYear
from finsam_es.follow_up import Count, ParticipantBook, Participants, Report
from finsam_es.forbund import Forbund
from finsam_es.forecast import Forecast, ForecastLine
from finsam_es.goals import Goal, GoalBook
from finsam_es.report_text import ReportTexts
from finsam_es.values import paragraph_ref, parse_paragraph_ref, parse_share
from store.unit_of_work import UnitOfWork


def set_goal(uow: UnitOfWork, cmd: c.SetGoal) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    year, number = parse_paragraph_ref(cmd.paragraph)
    decided = minutes_book(uow, f.forbund, year).paragraph(number).meeting
    goal = Goal(
        id=cmd.id.strip(),
        scope=cmd.scope.strip(),
        text=cmd.text.strip(),
        indicator=cmd.indicator.strip(),
        target=cmd.target.strip(),
        measure=cmd.measure,
        limit=None if cmd.limit is None else parse_share(cmd.limit),
    )
    if goal.insats is not None:
        load_insats(uow, f.forbund, goal.insats)  # refused when there is no such insats
    book = opened(uow, GoalBook, f.forbund, cmd.year)
    book.set_goal(goal, paragraph_ref(year, number), decided, uow.at)
    return []


def record_follow_up(uow: UnitOfWork, cmd: c.RecordFollowUp) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    if cmd.participants is None and not cmd.goals:
        raise InvalidInput("a follow-up records participants, goals' assessments or both")
    if cmd.goals:
        book = uow.get(GoalBook, GoalBook.id_for(f.forbund, cmd.year))
        if book is None:
            raise NotFound(f"{f.forbund} has set no goals for {cmd.year}")
        for g in cmd.goals:
            book.assess(g.goal, g.assessment, g.reason, cmd.on, uow.at)
    if cmd.participants is not None:
        if cmd.insats is None:
            raise InvalidInput("participants are an insats's: name it (insats = ID)")
        load_insats(uow, f.forbund, cmd.insats)
        report = Report(
            insats=cmd.insats,
            start=cmd.start or date(cmd.year, 1, 1),
            end=cmd.end or min(cmd.on, date(cmd.year, 12, 31)),
            kind=cmd.report,
            participants=participants(f, cmd.participants),
            source=cmd.source.strip(),
        )
        opened(uow, ParticipantBook, f.forbund, cmd.year).report(report, cmd.on, uow.at)
    return []


def participants(f: Forbund, spec: c.ParticipantsSpec) -> Participants:
    """The counts, with each referring member checked against the förbund's members."""
    for r in spec.referred_by:
        f.member(r.member)
    if any(r.part for r in spec.referred_by) or any(p.member for p in spec.parts):
        raise InvalidInput("referred_by names members (member = ID), parts name parts (part = ...)")
    return Participants(
        total=spec.total,
        new=spec.new,
        finished=spec.finished,
        women=spec.women,
        men=spec.men,
        other=spec.other,
        referred_by=tuple(Count(r.member, r.count) for r in spec.referred_by),
        parts=tuple(Count(p.part, p.count) for p in spec.parts),
    )


def record_report_text(uow: UnitOfWork, cmd: c.RecordReportText) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    texts = opened(uow, ReportTexts, f.forbund, cmd.year)
    texts.record_text(cmd.report, cmd.section.strip(), cmd.text, cmd.on, uow.at)
    return []


def make_forecast(uow: UnitOfWork, cmd: c.MakeForecast) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    fy = uow.get(FiscalYear, FiscalYear.id_for(f.forbund, cmd.year))
    budget = fy.lines if fy is not None and fy.adopted is not None else {}
    if not budget:
        raise Refused(
            f"{f.forbund} has no budget for {cmd.year}: a forecast is made per budget line"
        )
    lines = tuple(
        ForecastLine(x.line, _kind(x, budget.get(x.line)), int(x.amount)) for x in cmd.lines
    )
    opened(uow, Forecast, f.forbund, cmd.year).make(lines, cmd.text, cmd.on, uow.at)
    unknown = [x.line for x in cmd.lines if x.line not in budget]
    return [f"'{line}' is not a line of the {cmd.year} budget" for line in unknown]


def _kind(spec: c.ForecastLineSpec, line: BudgetLine | None) -> LineKind:
    kind = spec.kind or (line.kind if line is not None else None)
    if kind is None:
        raise InvalidInput(
            f"'{spec.line}' is not in the budget: give its kind (income or cost) to forecast it"
        )
    return kind
