"""The dates the law sets around a meeting's minutes.

The minutes are adjusted within 14 days of the meeting and the adjustment is made known
on the anslagstavla within 2 days after it; the anslag stays up until the time to
appeal has run (KL 8:12). The appeal (lag 2003:1210
28 § with KL 13 kap.) is made within three weeks from the day of the anslag (KL 13:5).
Each of these periods, ending on a Saturday, a Sunday, a public holiday,
midsommarafton, julafton or nyårsafton, ends on the next weekday instead (lagen
(1930:173) om beräkning av lagstadgad tid).
"""

from __future__ import annotations

from datetime import date, timedelta

ADJUST_WITHIN = 14
POST_WITHIN = 2
APPEAL_WEEKS = 3


def easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def days_off(year: int) -> frozenset[date]:
    """The days of a year, besides Saturdays and Sundays, on which no period ends."""
    e = easter(year)
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    all_saints = next(
        d for d in (date(year, 10, 31) + timedelta(n) for n in range(7)) if d.weekday() == 5
    )
    fixed = [(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)]
    moving = [e - timedelta(2), e + timedelta(1), e + timedelta(39), midsummer_eve, all_saints]
    return frozenset([date(year, m, d) for m, d in fixed] + moving)


def next_weekday(day: date) -> date:
    """The day itself if a period may end on it, else the next day one may."""
    while day.weekday() >= 5 or day in days_off(day.year):
        day += timedelta(1)
    return day


def appeal_last_day(posted: date) -> date:
    """The last day to appeal a decision whose adjusted minutes were posted on a day."""
    return next_weekday(posted + timedelta(weeks=APPEAL_WEEKS))


def adjust_by(meeting: date) -> date:
    """The last day to adjust the minutes of a meeting."""
    return next_weekday(meeting + timedelta(ADJUST_WITHIN))


def post_by(adjusted: date) -> date:
    """The last day to make an adjustment known on the anslagstavla (KL 8:12): adjusted
    on a Thursday, the second day is a Saturday and the anslag may wait until Monday."""
    return next_weekday(adjusted + timedelta(POST_WITHIN))


def take_down_earliest(posted: date) -> date:
    """The first day the anslag may come down: the day after the last day to appeal."""
    return appeal_last_day(posted) + timedelta(1)


def deadline_warnings(
    meeting: date, adjusted: date | None, posted: date | None, today: date | None = None
) -> list[str]:
    """The deadlines the minutes of a meeting missed, or (given today) are missing."""
    out = adjust_warnings(meeting, adjusted, today)
    if adjusted is not None:
        due = post_by(adjusted)
        if posted is not None and posted > due:
            out.append(f"posted {(posted - adjusted).days} days after adjustment (law: 2)")
        elif posted is None and today is not None and today > due:
            out.append(f"not posted; due by {due}")
    return out


def adjust_warnings(meeting: date, adjusted: date | None, today: date | None = None) -> list[str]:
    """The adjustment of a meeting's minutes late, or (given today) overdue."""
    due = adjust_by(meeting)
    if adjusted is not None and adjusted > due:
        return [f"adjusted {(adjusted - meeting).days} days after the meeting (law: 14)"]
    if adjusted is None and today is not None and today > due:
        return [f"not adjusted; due by {due}"]
    return []
