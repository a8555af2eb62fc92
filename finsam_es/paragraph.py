"""A paragraph (§) of the minutes: what it records (title, text, decisions, dissent,
jäv, assignments, money effects), its wording before an amendment, and the range of
its number.

Value types, stored inside the minutes book's events by their fields.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date

import msgspec

from finsam_es.errors import InvalidInput
from finsam_es.values import MAX_PARAGRAPH


class Assignment(msgspec.Struct, frozen=True):
    who: str
    what: str
    due: date | None = None


class Paragraph(msgspec.Struct, frozen=True):
    number: int
    meeting: date
    title: str
    text: str = ""
    decisions: tuple[str, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    dissent: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    deciding: tuple[str, ...] = ()
    corrects: str | None = None
    effects: tuple[str, ...] = ()
    adjusted: date | None = None
    immediately: bool = False
    completed: tuple[int, ...] = ()  # numbers of the assignments done
    completed_on: tuple[_dt.date, ...] = ()  # ... and the dates they were reported done
    send_to: tuple[str, ...] = ()  # expediering: who the decision is sent to
    show_effects: bool | None = None  # print the money effect under the decisions (None: no)
    without_quorum: bool = False  # decided without quorum, recorded so (KL 6:27)


class Wording(msgspec.Struct, frozen=True):
    """What the secretary wrote in a paragraph, as it stood before an amendment."""

    title: str
    text: str
    decisions: tuple[str, ...]
    dissent: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    send_to: tuple[str, ...] = ()


def check_paragraph_number(number: int) -> None:
    """A § number within what a year can hold (values.MAX_PARAGRAPH), as the journal has it."""
    if number > MAX_PARAGRAPH:
        raise InvalidInput(
            f"§{number} is beyond the highest paragraph number of a year ({MAX_PARAGRAPH})"
        )
