"""The dates around the minutes: three weeks of appeal from the posting, moved past
Saturdays, Sundays and holidays (lagen (1930:173) om beräkning av lagstadgad tid);
adjustment within 14 days, posting within 2 days of it."""

from __future__ import annotations

from datetime import date

from finsam_es.deadlines import (
    appeal_last_day,
    days_off,
    deadline_warnings,
    easter,
    take_down_earliest,
)


def test_easter_sundays() -> None:
    assert easter(2024) == date(2024, 3, 31)
    assert easter(2025) == date(2025, 4, 20)


def test_the_holidays_of_2024() -> None:
    off = days_off(2024)
    assert date(2024, 5, 9) in off  # Kristi himmelsfärd: Easter + 39 days
    assert date(2024, 6, 21) in off  # midsommarafton, the Friday 19-25 June
    assert date(2024, 11, 2) in off  # alla helgons dag, the Saturday 31 Oct - 6 Nov
    assert date(2024, 5, 10) not in off


def test_the_appeal_runs_three_weeks_from_the_posting() -> None:
    # Sollefteå 2023-11-23: posted 2023-12-01; 21 days on is Friday 2023-12-22.
    assert appeal_last_day(date(2023, 12, 1)) == date(2023, 12, 22)
    assert take_down_earliest(date(2023, 12, 1)) == date(2023, 12, 23)


def test_an_appeal_ending_on_a_day_off_ends_on_the_next_weekday() -> None:
    assert appeal_last_day(date(2024, 5, 18)) == date(2024, 6, 10)  # Saturday 8 June
    assert appeal_last_day(date(2024, 4, 18)) == date(2024, 5, 10)  # Kristi himmelsfärd
    assert appeal_last_day(date(2024, 5, 31)) == date(2024, 6, 24)  # midsommarafton


def test_deadline_warnings() -> None:
    meeting = date(2024, 2, 15)
    assert deadline_warnings(meeting, date(2024, 2, 29), date(2024, 3, 2)) == []
    assert deadline_warnings(meeting, date(2024, 3, 1), date(2024, 3, 5)) == [
        "adjusted 15 days after the meeting (law: 14)",
        "posted 4 days after adjustment (law: 2)",
    ]
    assert deadline_warnings(meeting, None, None, today=date(2024, 3, 1)) == [
        "not adjusted; due by 2024-02-29"
    ]
    assert deadline_warnings(meeting, date(2024, 2, 20), None, today=date(2024, 2, 23)) == [
        "not posted; due by 2024-02-22"
    ]
    assert deadline_warnings(meeting, None, None, today=date(2024, 2, 16)) == []
