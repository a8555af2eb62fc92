"""Goals, follow-up, forecasts and the förbund's own report texts (issue 23)
(commands/structs.py gathers every command)."""

from __future__ import annotations

from datetime import date

import msgspec

from commands.command_base import (
    Amount,
    Command,
    Year,
)
from finsam_es.budget import LineKind
from finsam_es.follow_up import ReportKind as FollowUpReport
from finsam_es.goals import Assessment as GoalAssessment
from finsam_es.goals import Measure as GoalMeasure
from finsam_es.meeting import Attendee as Attendee
from finsam_es.meeting import MeetingDetails as MeetingDetails  # commands carry it
from finsam_es.meeting import Serving as Serving
from finsam_es.report_text import ReportKind as ReportTextKind

# -- goals, follow-up and forecast (issue 23) ----------------------------------------


class SetGoal(Command, frozen=True, kw_only=True):
    """A goal of the year's verksamhetsplan set (or changed) by a paragraph ("2024:3")."""

    year: Year
    id: str
    scope: str  # "forbund", "financial" or "insats:ID"
    text: str
    paragraph: str
    indicator: str = ""
    target: str = ""
    measure: GoalMeasure | None = None  # a financial goal the ledger judges
    limit: str | None = None  # the equity goal's share of the allocation: "20%"


class GoalAssessmentSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A goal's degree of fulfilment at a follow-up, with the reason (motivering)."""

    goal: str
    assessment: GoalAssessment | None = None
    reason: str = ""


class CountSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``{member = "fk", count = 28}`` or ``{part = "SFI på modersmål", count = 14}``."""

    count: int
    member: str = ""
    part: str = ""


class ParticipantsSpec(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    total: int
    new: int | None = None
    finished: int | None = None
    women: int = 0
    men: int = 0
    other: int = 0
    referred_by: tuple[CountSpec, ...] = ()
    parts: tuple[CountSpec, ...] = ()


class RecordFollowUp(Command, frozen=True, kw_only=True):
    """A follow-up of the year's goals on ``on``: the assessments recorded, and for an
    insats its participants in a period (``start`` - ``end``, default the year up to
    ``on``) as its interim or final report states them."""

    year: Year
    on: date
    insats: str | None = None
    report: FollowUpReport = "final"
    start: date | None = None
    end: date | None = None
    participants: ParticipantsSpec | None = None
    goals: tuple[GoalAssessmentSpec, ...] = ()
    source: str = ""


class ForecastLineSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    line: str
    amount: Amount
    kind: LineKind | None = None  # default: the budget line's kind


class RecordReportText(Command, frozen=True, kw_only=True):
    """A section's own text in the year's annual or half-year report, from ``on``."""

    year: Year
    report: ReportTextKind = "annual"
    section: str
    text: str
    on: date


class MakeForecast(Command, frozen=True, kw_only=True):
    """The year-end forecast per budget line, made on ``on``; lines left out are
    expected to end at their budget."""

    year: Year
    on: date
    lines: tuple[ForecastLineSpec, ...]
    text: str = ""
