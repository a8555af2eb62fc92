"""The commands of the kallelse and föredragningslista (issue 20, item 3), in a module of
their own beside commands/structs.py."""

from __future__ import annotations

import datetime as _dt

import msgspec

from commands.command_base import Command, ParagraphNumber
from commands.effect_structs import EffectType
from finsam_es.agenda import AgendaItem


class ProposedEffect(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A money effect the förslag of ärende ``item`` (from 1) carries: a paragraph's
    effect (grant, refer_back, reject, change_budget, ...), decided with it when the
    board decides as proposed; an ärende may carry several, decided in order."""

    item: int
    effect: EffectType


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
    # Since issue 20 item 4: the money effects the ärenden's förslag carry (an item's
    # ``effects`` text is accepted too, checked; these replace it for their ärende).
    effects: tuple[ProposedEffect, ...] = ()


class SetNoticePeriod(Command, frozen=True, kw_only=True):
    """How many days before a meeting its kallelse must go out, from ``on``, with the
    source (the reglemente or arbetsordning that says so)."""

    days: int
    source: str
    on: _dt.date


class TakeAgenda(Command, frozen=True, kw_only=True):
    """Open the minutes of the meeting on ``date`` (already opened with who attends) from
    its agenda: each ärende becomes a paragraph in order, numbers continuing the year
    (or from ``first``, the number the minutes give the first ärende)."""

    date: _dt.date
    first: ParagraphNumber | None = None


class DecideAsProposed(Command, frozen=True, kw_only=True):
    """The board decides ärende ``item`` (from 1) of the meeting on ``date`` as proposed:
    its förslag till beslut becomes the paragraph's decision."""

    date: _dt.date
    item: int
