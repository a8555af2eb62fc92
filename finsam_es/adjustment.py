"""The rules of adjusting minutes (justering): adjusted once, on or after the meeting,
within 14 days moved to the next weekday (deadlines.py); posting (anslag) has its own
rules in posting.py.

Pure: the minutes book hands in its meeting and paragraphs and records what these allow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from finsam_es.deadlines import adjust_by
from finsam_es.errors import Final, InvalidInput
from finsam_es.meeting import Meeting
from finsam_es.paragraph import Paragraph


def adjustment(
    m: Meeting,
    of_day: list[Paragraph],
    on: date,
    number: int | None,
    paragraph: Callable[[int], Paragraph],
) -> tuple[tuple[int, ...], list[str]]:
    """The paragraphs an adjustment on ``on`` covers (one, adjusted at once, or all of
    the meeting's not yet adjusted) and the warnings the board should hear."""
    day = m.date
    if on < day:
        raise InvalidInput(f"minutes of {day} cannot be adjusted on {on}, before the meeting")
    if m.adjusted is not None:
        raise Final(f"the minutes of {day} were already adjusted on {m.adjusted}")
    if number is not None:
        p = paragraph(number)
        if p.meeting != day:
            raise InvalidInput(f"§{number} belongs to the meeting of {p.meeting}, not {day}")
        if p.adjusted is not None:
            raise Final(f"§{number} was already adjusted on {p.adjusted}")
        numbers: tuple[int, ...] = (number,)
    else:
        numbers = tuple(p.number for p in of_day if p.adjusted is None)
    warnings = []
    if number is None and not of_day:
        warnings.append(f"the minutes of {day} have no paragraphs")
    if on > adjust_by(day):  # 14 days, to the next weekday by lag (1930:173)
        warnings.append(
            f"adjusted {(on - day).days} days after the meeting of {day}; the law asks within 14 days"
        )
    return numbers, warnings


def check_unadjusted(m: Meeting, of_day: list[Paragraph], verb: str) -> None:
    """Refuse changing a meeting whose minutes, or any of whose paragraphs adjusted at
    once, are adjusted: adjusted minutes are final."""
    adjusted = [p.number for p in of_day if p.adjusted is not None]
    if m.adjusted is not None or adjusted:
        what = (
            f"were adjusted on {m.adjusted}"
            if m.adjusted
            else "have paragraphs adjusted at once (" + ", ".join(f"§{n}" for n in adjusted) + ")"
        )
        raise Final(
            f"the minutes of {m.date} {what} and cannot be {verb}: adjusted minutes are final; "
            "record a correction at a later meeting"
        )
