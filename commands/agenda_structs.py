"""The commands of the kallelse and föredragningslista (issue 20, item 3), in a module of
their own beside commands/structs.py."""

from __future__ import annotations

import datetime as _dt

from commands.command_base import Command
from finsam_es.agenda import AgendaItem


class CallMeeting(Command, frozen=True, kw_only=True):
    """The kallelse to the board meeting on ``date``, sent on ``sent``: calling the same
    meeting again amends it until the meeting."""

    date: _dt.date
    sent: _dt.date
    time: str = ""
    place: str
    public: bool = False
    distance_allowed: bool = False
    items: tuple[AgendaItem, ...] = ()


class SetNoticePeriod(Command, frozen=True, kw_only=True):
    """How many days before a meeting its kallelse must go out, from ``on``, with the
    source (the reglemente or arbetsordning that says so)."""

    days: int
    source: str
    on: _dt.date


class TakeAgenda(Command, frozen=True, kw_only=True):
    """Open the minutes of the meeting on ``date`` (already opened with who attends) from
    its agenda: each ärende becomes a paragraph in order, numbers continuing the year."""

    date: _dt.date


class DecideAsProposed(Command, frozen=True, kw_only=True):
    """The board decides ärende ``item`` (from 1) of the meeting on ``date`` as proposed:
    its förslag till beslut becomes the paragraph's decision."""

    date: _dt.date
    item: int
