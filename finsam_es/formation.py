"""Nothing is dated before the förbund it belongs to was formed, nor recorded then.

A förbund exists from its formation date (``Forbund.formed``, its ``Registered``
event's date) when that date was stated (``Forbund.stated_formation``: a journal's
`created`, `forbund create --formed`); a date defaulted to today or to a journal's
first date refuses nothing, as a later journal may hold earlier entries. An event
dated before a stated formation, or a recorded time claimed before it, would put money
and decisions where no förbund was: the rule is the same whichever door the command
came in by (the CLI, a journal, a SIE file, the web), so it is asked of the events a
unit of work is about to save (store/unit_of_work.py) rather than of each door. A book
opened by construction is no act of the förbund's and is let be (a yearly book opens
on 1 January of the formation year). No event is recorded later than the store's own
time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from eventsourcing.domain import Aggregate

from finsam_es.errors import InvalidInput


def check_after_formation(
    events: Iterable[Any], formed_of: Callable[[str], date | None], now: datetime
) -> None:
    """Refuse, in one line, the first event dated before its förbund's formation, or
    recorded (the time a journal may claim, stamped on the event) before it or after
    ``now``, the store's own time. ``formed_of`` gives a förbund's formation date, or
    None for the store's own registry or a förbund not in the store."""
    seen: dict[str, date | None] = {}
    for event in events:
        forbund = getattr(event, "forbund", "")
        recorded: datetime = event.timestamp
        if recorded > now:
            raise InvalidInput(f"recorded = {recorded.isoformat()} lies in the future")
        if not forbund:
            continue
        if forbund not in seen:
            seen[forbund] = formed_of(forbund)
        formed = seen[forbund]
        if formed is None:
            continue
        effective: date = event.effective  # every finsam event carries one (base.py)
        if effective < formed and not _opens_a_book(event):
            raise InvalidInput(
                f"dated {effective.isoformat()} ({_kind(event)}), before the förbund "
                f"{forbund} was formed ({formed.isoformat()})"
            )
        if recorded.date() < formed:
            raise InvalidInput(
                f"recorded = {recorded.isoformat()} is before the förbund {forbund} was "
                f"formed ({formed.isoformat()})"
            )


def _opens_a_book(event: Any) -> bool:
    """A book or a rule opened by construction rather than a dated act: the yearly books'
    ``Opened`` (dated 1 January, ``YearlyAggregate.open_for``) and the per-förbund rules'
    ``Started`` (dated when the law they follow took effect). Every other created event
    (a förbund registered, an application received) is an act with its own date."""
    return isinstance(event, Aggregate.Created) and type(event).__name__ in ("Opened", "Started")


def _kind(event: Any) -> str:
    return type(event).__qualname__.rsplit(".", 1)[-1]
