"""The dates the law sets around a meeting's minutes.

The minutes are adjusted within 14 days of the meeting and the adjustment is posted
(anslag) within 2 days after it; the anslag stays up until the three weeks of
appeal (laglighetsprövning, kommunallagen 13 kap. 5 §) counted from the posting
have run. A period ending on a Saturday, a Sunday, a public holiday, midsommarafton,
julafton or nyårsafton ends on the next weekday instead (lagen (1930:173) om
beräkning av lagstadgad tid).
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


def take_down_earliest(posted: date) -> date:
    """The first day the anslag may come down: the day after the last day to appeal."""
    return appeal_last_day(posted) + timedelta(1)


def deadline_warnings(
    meeting: date, adjusted: date | None, posted: date | None, today: date | None = None
) -> list[str]:
    """The deadlines the minutes of a meeting missed, or (given today) are missing."""
    out = []
    adjust_by = meeting + timedelta(ADJUST_WITHIN)
    if adjusted is not None and adjusted > adjust_by:
        out.append(f"adjusted {(adjusted - meeting).days} days after the meeting (law: 14)")
    elif adjusted is None and today is not None and today > adjust_by:
        out.append(f"not adjusted; due by {adjust_by}")
    if adjusted is not None:
        post_by = adjusted + timedelta(POST_WITHIN)
        if posted is not None and posted > post_by:
            out.append(f"posted {(posted - adjusted).days} days after adjustment (law: 2)")
        elif posted is None and today is not None and today > post_by:
            out.append(f"not posted; due by {post_by}")
    return out
