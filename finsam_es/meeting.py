"""A meeting as the minutes record it: its header (the v1 fields, stored forever in
their order), the attendance added since (who serves for whom, others present), and
the meeting in the book with its closing, adjustment and posting dates.

Value types, stored inside the minutes book's events by their fields.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import msgspec


class Serving(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An ersättare who decides in the place of a named ledamot ("X tjänstgör för Y")."""

    name: str
    for_: str = msgspec.field(name="for")


class Attendee(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Someone present who does not decide (övriga närvarande): an ersättare not serving,
    an official, a guest; with the role the minutes give them."""

    name: str
    role: str = ""


class MeetingHeader(msgspec.Struct, frozen=True, kw_only=True):
    """The fields a meeting was first stored with, in their stored order (v1)."""

    date: _dt.date
    extra: bool = False
    place: str = ""
    time: str = ""
    chair: str = ""
    secretary: str = ""
    adjusters: tuple[str, ...] = ()
    present: tuple[str, ...] = ()  # beslutande: ledamöter and the ersättare serving


class MeetingDetails(MeetingHeader, frozen=True, kw_only=True):
    """What the minutes say of a meeting as it opens: the one set of these fields that
    the minutes book's ``Meeting``, the ``OpenMeeting`` command and the journal's
    meeting share.

    The fields after ``present`` came later (v2): they have defaults, so meetings
    stored before decode, and journal fingerprints leave them out while they are at
    their defaults (commands/journal.py).
    """

    serving_for: tuple[Serving, ...] = ()
    others: tuple[Attendee, ...] = ()  # övriga närvarande
    adjust_place: str = ""  # justeringens plats (its date is the adjustment's)


V1_DETAILS = MeetingHeader.__struct_fields__


def meeting_details(meeting: MeetingDetails | Meeting) -> dict[str, Any]:
    """The details of a meeting (or of anything that extends them), in their order."""
    return {name: getattr(meeting, name) for name in MeetingDetails.__struct_fields__}


class Meeting(MeetingHeader, frozen=True, kw_only=True):
    """A meeting in the minutes book. It is stored inside ``MeetingOpened``: the names
    and order of its fields are stored forever; the v1 header's come first, the
    attendance added later (the details' v2 fields) come last."""

    closed: _dt.date | None = None
    adjusted: _dt.date | None = None
    posted_up: _dt.date | None = None
    posted_down: _dt.date | None = None
    serving_for: tuple[Serving, ...] = ()
    others: tuple[Attendee, ...] = ()
    adjust_place: str = ""
