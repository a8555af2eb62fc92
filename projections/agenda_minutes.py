"""From agenda to minutes (issue 20, item 4): each § an ärende became, with its förslag
till beslut, joined to the paragraph views, so the minutes show the förslag where the
board decided otherwise (``with_proposal``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

import msgspec

from finsam_es.agenda import Agenda, AgendaItem

T = TypeVar("T", bound=msgspec.Struct)


def proposals_by_paragraph(events: Iterable[Any]) -> dict[int, str]:
    """The förslag till beslut of each § an ärende became: the ärende as last called
    before the meeting was opened from it."""
    called: dict[date, tuple[AgendaItem, ...]] = {}
    found: dict[int, str] = {}
    for e in events:
        if isinstance(e, Agenda.Called):
            called[e.meeting] = tuple(e.items)
        elif isinstance(e, Agenda.Taken):
            for number, item in zip(e.numbers, called.get(e.meeting, ()), strict=False):
                if item.proposal:
                    found[number] = item.proposal
    return found


def with_proposal(view: T, proposals: dict[int, str]) -> T:
    """A paragraph view with the förslag till beslut of the ärende it was, if any."""
    found = proposals.get(getattr(view, "number"))  # noqa: B009 - any paragraph view
    return view if found is None else msgspec.structs.replace(view, proposal=found)
