"""Who took part in a meeting at a distance (lag 2003:1210 19 a §), joined to the minutes
and their paragraphs: each attendee of a § with ``distance``, and the minutes' line
"Deltar på distans"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar

import msgspec

from finsam_es.distance import Distance

T = TypeVar("T", bound=msgspec.Struct)


class AttendeeView(msgspec.Struct, frozen=True):
    name: str
    distance: bool


def distance_by_meeting(events: Iterable[Any]) -> dict[date, tuple[str, ...]]:
    """Each meeting's participants at a distance, as last recorded."""
    return {e.effective: tuple(e.names) for e in events if isinstance(e, Distance.Recorded)}


def with_attendees(view: T, away: dict[date, tuple[str, ...]]) -> T:
    """A paragraph view with each who decided it and whether at a distance."""
    names = away.get(getattr(view, "meeting"), ())  # noqa: B009 - any paragraph view
    present = getattr(view, "present")  # noqa: B009
    attendees = tuple(AttendeeView(n, n in names) for n in present)
    return msgspec.structs.replace(view, attendees=attendees)
