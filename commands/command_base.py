"""The base of every command: ``Command`` (frozen, keyword-only, unknown fields refused),
amounts in kronor as ``Amount`` and the bounded ``Year`` and ``ParagraphNumber``, with
msgspec's decoding and schema hooks (commands/structs.py gathers every command)."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, cast

import msgspec

from finsam_es.errors import FinsamError
from finsam_es.meeting import Attendee as Attendee
from finsam_es.meeting import MeetingDetails as MeetingDetails  # commands carry it
from finsam_es.meeting import Serving as Serving
from finsam_es.values import MAX_PARAGRAPH, parse_amount

# A fiscal year finsam accepts (the förbund law is from 2004; the range leaves room).
Year = Annotated[int, msgspec.Meta(ge=1900, le=2199)]
# A paragraph number: a board numbers a few hundred a year at most (values.MAX_PARAGRAPH).
ParagraphNumber = Annotated[int, msgspec.Meta(le=MAX_PARAGRAPH)]


class Amount(int):
    """An amount in öre; decoded from kronor (int) or text ("22 750,50 kr")."""


# The default of an optional amount: a plain 0 at run time (msgspec writes a default
# into the journal's JSON schema without an encoding hook, and an Amount it cannot
# write), typed as an Amount.
NO_AMOUNT = cast(Amount, 0)


def dec_hook(kind: type, obj: Any) -> Any:
    if kind is Amount:
        if isinstance(obj, bool):
            raise ValueError("Expected an amount in kronor, got a boolean")
        if isinstance(obj, int | str):
            try:
                return Amount(parse_amount(obj))
            except FinsamError as e:
                raise ValueError(str(e)) from None
        raise ValueError(f"Expected an amount in kronor, got {type(obj).__name__}")
    raise NotImplementedError


def schema_hook(kind: type) -> dict[str, Any]:
    if kind is Amount:
        return {
            "anyOf": [{"type": "integer"}, {"type": "string"}],
            "description": "kronor: 775000 or '775 000' or '22 750,50 kr'",
        }
    raise NotImplementedError


class Command(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    forbund: str | None = None
    # When a journal entry was first written in the system it migrates from (a claim,
    # not the store's clock: `finsam log` shows both). Not part of its fingerprint.
    recorded: _dt.datetime | None = None
