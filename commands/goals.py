"""Handlers of the year's goals and their follow-up.

A goal is set by a paragraph in the minutes (``SetGoal`` names it); a follow-up records
the goals' assessments.
Each handler loads, lets the aggregate decide and leaves the events in the unit of work.
"""

from __future__ import annotations

from commands import structs as c
from commands.loading import load_insats, minutes_book, opened, resolve_forbund
from finsam_es.application import UnitOfWork
from finsam_es.errors import InvalidInput, NotFound
from finsam_es.goals import Goal, GoalBook
from finsam_es.values import paragraph_ref, parse_paragraph_ref, parse_share


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
    if not cmd.goals:
        raise InvalidInput("a follow-up records goals' assessments")
    book = uow.get(GoalBook, GoalBook.id_for(f.forbund, cmd.year))
    if book is None:
        raise NotFound(f"{f.forbund} has set no goals for {cmd.year}")
    for g in cmd.goals:
        book.assess(g.goal, g.assessment, g.reason, cmd.on, uow.at)
    return []
