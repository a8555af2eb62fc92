"""The recorded clock as a question names it: ``--known-at`` on the command line and
``known_at`` in the web view's URL are read here, once, with one set of messages.

A moment is a date (the end of that day, UTC), an ISO timestamp (as ``finsam log``
prints it, to the microsecond) or ``position:N`` (the time the event at log position N
was recorded). ``known_at`` turns it into the datetime the reader binds, and says when
the store held nothing by then: the CLI prints that as a note, the web view refuses it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import NamedTuple, Protocol

from finsam_es.errors import InvalidInput, NotFound
from finsam_es.values import ascii_digits, check_date, shown

# The highest log position --known-at may name: far beyond any store (2^53), and within
# the 64-bit integers SQLite and PostgreSQL compare it with.
MAX_POSITION = 2**53


class LogPosition(int):
    """--known-at position:N: as the records stood once the event at log position N
    (and the others its command recorded with it) was stored."""


def moment(value: str) -> datetime | LogPosition:
    """A moment for --known-at: a date (the end of that day, UTC), an ISO timestamp (as
    `finsam log` prints it, to the microsecond) or position:N (a log position). Digits
    are counted before they are converted and dates bounded before any arithmetic."""
    if value.startswith("position:"):
        number = value.removeprefix("position:")
        if not ascii_digits(number, 16) or not 1 <= int(number) <= MAX_POSITION:
            raise InvalidInput(
                f"'{shown(value)}' names no log position (write it like position:120; "
                f"at most {MAX_POSITION})"
            )
        return LogPosition(int(number))
    try:
        if len(value) == 10:
            day = check_date(date.fromisoformat(value))
            return datetime.combine(day, time.max, tzinfo=UTC)
        parsed = check_date(datetime.fromisoformat(value)) if len(value) <= 40 else None
        if parsed is None:
            raise ValueError(value)
    except ValueError:
        raise InvalidInput(
            f"'{shown(value)}' is not a date, timestamp or log position "
            "(YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS.ffffff or position:N)"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class Log(Protocol):
    """What resolving a moment asks of the store: when an event was recorded, and how
    many there are (``FinsamApp`` answers both)."""

    def recorded_at(self, position: int) -> datetime | None: ...

    def event_count(self) -> int: ...


class KnownAt(NamedTuple):
    """A resolved moment, and the finding when the store held nothing by then."""

    moment: datetime
    empty: str | None


def known_at(log: Log, at: datetime | int) -> KnownAt:
    """The moment a --known-at or known_at names (a log position becomes the time its
    event was recorded: the events of one command share it, and stand or fall together)."""
    if isinstance(at, datetime):
        found = at
    else:
        recorded = log.recorded_at(at)
        if recorded is None:
            raise NotFound(f"no event at log position {at} (the log has {log.event_count()})")
        found = recorded
    first = log.recorded_at(1)
    if first is not None and found >= first:
        return KnownAt(found, None)
    since = f"the first event was recorded {first.isoformat()}" if first else "it is empty"
    return KnownAt(found, f"nothing was recorded by {found.isoformat()}: {since}")
