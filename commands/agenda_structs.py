"""The commands of the kallelse and föredragningslista (issue 20, item 3), in a module of
their own beside commands/structs.py."""

from __future__ import annotations

import datetime as _dt

from commands.structs import Command
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
