"""`audit verify`'s check of digital justering: each signed protokoll's content is
recomputed as the records stood when it was signed, and a mismatch with the sha256
the signer approved is named (the stored minutes no longer say what was signed); a
signature made with a passkey has its assertion verified offline with the public key
it carries (projections/assertions.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from finsam_es.errors import FinsamError
from finsam_es.signatures import MinutesSigned
from projections.assertions import assertion_problem
from projections.audit import Problem
from projections.signing import content_sha256

MinutesAt = Callable[[datetime, str, date], Any]
"""The minutes document of a förbund's meeting as the records stood at a moment."""


def signature_problems(log: Iterable[tuple[int, Any]], minutes_at: MinutesAt) -> list[Problem]:
    problems = []
    for position, event in log:
        if not isinstance(event, MinutesSigned):
            continue
        s = event.signature
        wrong = assertion_problem(s)
        if wrong is not None:
            problems.append(
                Problem(
                    position,
                    f"the passkey signature by {s.name} on the minutes of {s.meeting} "
                    f"({event.forbund}) does not verify: {wrong}",
                )
            )
        try:
            now = content_sha256(minutes_at(s.at, event.forbund, s.meeting))
        except FinsamError as e:
            now = f"(cannot be read: {e})"
        if now != s.sha256:
            problems.append(
                Problem(
                    position,
                    f"the minutes of {s.meeting} ({event.forbund}) signed by {s.name} at "
                    f"{s.at:%Y-%m-%d %H:%M:%S} no longer match their signature: signed sha256 "
                    f"{s.sha256}, the stored minutes give {now}",
                )
            )
    return problems
