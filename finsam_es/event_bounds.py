"""Whether a stored event is within the bounds every command is held to.

Commands are checked before they are recorded (commands/bounds.py), but a store
written before that check, copied from one, or edited may still hold an event with an
amount of 10^20 kr or a date in year 1. The views read every event: one such event
must not make them unreadable (a 64-bit SQL sum overflows, a date cannot be formatted).
``out_of_bounds`` names what is wrong, so a view leaves the event out and says so
instead of failing on every later question.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import msgspec

from finsam_es.values import FIRST_DATE, LAST_DATE, MAX_AMOUNT

# The library's own bookkeeping: the recorded time comes from the store's clock.
_SKIPPED = frozenset({"timestamp", "originator_id"})


def out_of_bounds(event: object) -> str | None:
    """What of the event's fields lies outside finsam's bounds, or None."""
    fields = vars(event) if hasattr(event, "__dict__") else {}
    for name, value in fields.items():
        kind = type(value)  # the common cases inline: a call per field is most of the cost
        if kind is str or name in _SKIPPED:
            continue
        if kind is int and -MAX_AMOUNT <= value <= MAX_AMOUNT:
            continue
        if kind is date and FIRST_DATE <= value <= LAST_DATE:
            continue
        if _within(value):
            continue
        found = _check(value, name)
        if found:
            return found
    return None


def _within(value: Any) -> bool:
    """Whether a value is within the bounds: one pass by exact type over what events
    hold, with no names built. Every event of a rebuild is asked, and nearly all are
    within, so ``_check`` (which names what is not) runs only where this says no. A
    type it does not know exactly (a subclass, a datetime, a dataclass) goes to
    ``_check``, whose answer is then the one taken."""
    kind = type(value)
    if kind is str or value is None or kind is bool:
        return True
    if kind is int:
        return -MAX_AMOUNT <= value <= MAX_AMOUNT
    if kind is date:
        return FIRST_DATE <= value <= LAST_DATE
    if kind is tuple or kind is list:
        return all(_within(item) for item in value)
    if isinstance(value, msgspec.Struct):
        return all(_within(getattr(value, f)) for f in value.__struct_fields__)
    return _check(value, "") is None


def _check(value: Any, where: str) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        if abs(value) > MAX_AMOUNT:
            return f"{where} = {value} is beyond the largest amount finsam accepts"
        return None
    if isinstance(value, date):
        day = value if type(value) is date else value.date()  # type: ignore[attr-defined]
        if not FIRST_DATE <= day <= LAST_DATE:
            return f"{where} = {value.isoformat()} is outside the dates finsam accepts"
        return None
    items: Any
    if isinstance(value, msgspec.Struct):
        items = ((f, getattr(value, f)) for f in value.__struct_fields__)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
    elif isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _check(item, f"{where}.{key}" if isinstance(key, str) else f"{where}[{key}]")
        if found:
            return found
    return None
