"""The rules of adjusting and posting minutes (justering and anslag): adjusted once, on
or after the meeting, within 14 days; posted after adjustment, within two days, and left
up for the three weeks of appeal (KL 8:12, 13:5 through lag 2003:1210 19 §).

Pure: the minutes book hands in its meeting and paragraphs and records what these allow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from finsam_es.errors import Final, InvalidInput, Refused
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
    if (on - day).days > 14:
        warnings.append(
            f"adjusted {(on - day).days} days after the meeting of {day}; the law asks within 14 days"
        )
    return numbers, warnings


def posting_warnings(m: Meeting, up: date, down: date) -> list[str]:
    """Refuse posting minutes not adjusted, posted twice or dated out of order; warn when
    posted late or taken down before the three weeks of appeal have run."""
    day = m.date
    if m.adjusted is None:
        raise Refused(
            f"the minutes of {day} are not adjusted yet; adjust them before posting (anslag)"
        )
    if m.posted_up is not None:
        raise Refused(f"the minutes of {day} were already posted on {m.posted_up}")
    if up < m.adjusted:
        raise InvalidInput(f"posted {up}, before the adjustment on {m.adjusted}")
    if down < up:
        raise InvalidInput(f"taken down {down}, before it was posted {up}")
    warnings = []
    if (up - m.adjusted).days > 2:
        warnings.append(
            f"posted {(up - m.adjusted).days} days after adjustment ({m.adjusted}); the law asks within 2 days"
        )
    if down < up + timedelta(days=21):
        warnings.append(f"taken down {down}, before the three weeks of appeal from {up} have run")
    return warnings
