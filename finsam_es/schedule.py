"""A grant's schedule: how much of the granted amount falls in each calendar year.

A board often grants a multi-year insats with the yearly amounts of the application's
budget (3 800 000 kr over 36 months from April 2023: 870 000 kr in 2023, 1 300 000 kr
in 2024 and 2025, 330 000 kr in 2026). Each year's amount is charged evenly over the
months of that year within the grant's period, by the periodisation rule
(``finsam_es.periodisation``): exact to the öre, month ``i`` of ``n`` gets
``floor(a*(i+1)/n) - floor(a*i/n)``.

A postponement of the start (``postponed``) drops the months before the new start, as
for an even grant, unless the decision keeps the schedule (each year keeps its amount:
what the months before the new start held is spread over that year's months from the
new start; a year wholly before the new start keeps its charges as decided) or moves
named amounts of the dropped money to later years (spread evenly over the months of the
later year within the period).

Pure functions on month indexes (``values.month_index``: ``year*12 + month - 1``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import msgspec

from finsam_es.periodisation import spread_over
from finsam_es.values import format_kr


class YearAmount(msgspec.Struct, frozen=True):
    """The amount (öre) a schedule gives a calendar year."""

    year: int
    amount: int


class YearMove(msgspec.Struct, frozen=True):
    """Money a postponement moves from one year to a later one instead of dropping it."""

    from_year: int
    to_year: int
    amount: int


def year_months(year: int, first: int, last: int) -> tuple[int, int] | None:
    """The first and last month of ``year`` within the months first..last, if any."""
    lo, hi = max(first, year * 12), min(last, year * 12 + 11)
    return (lo, hi) if lo <= hi else None


def schedule_problem(schedule: Iterable[YearAmount], amount: int, first: int, last: int) -> str:
    """What is wrong with a schedule for a grant of ``amount`` over months first..last;
    "" when nothing is. Every year of the period is named once (a year with nothing
    is written with 0), no year outside it, and the amounts add up to the grant."""
    items = list(schedule)
    if not items:
        return "a schedule names at least one year"
    seen: set[int] = set()
    for item in items:
        if item.year in seen:
            return f"the schedule names {item.year} twice"
        seen.add(item.year)
        if item.amount < 0:
            return f"the schedule's amount for {item.year} is negative"
        if year_months(item.year, first, last) is None:
            return f"the schedule names {item.year}, which is outside the grant's period"
    missing = [y for y in range(first // 12, last // 12 + 1) if y not in seen]
    if missing:
        return (
            f"the schedule does not name {missing[0]}, which is in the grant's period "
            f"(write {missing[0]}:0 if nothing falls in it)"
        )
    total = sum(item.amount for item in items)
    if total != amount:
        return f"the schedule sums to {format_kr(total)}, not the granted {format_kr(amount)}"
    return ""


def schedule_plan(schedule: Iterable[YearAmount], first: int, last: int) -> dict[int, int]:
    """The monthly charges of a schedule: each year's amount spread evenly over that
    year's months within first..last. A year with 0 kr has no months in the plan."""
    plan: dict[int, int] = {}
    for item in schedule:
        months = year_months(item.year, first, last)
        if months is None or not item.amount:
            continue
        plan.update(spread_over(item.amount, *months))
    return plan


def by_year(months: dict[int, int]) -> dict[int, int]:
    """Monthly amounts summed per calendar year."""
    years: dict[int, int] = {}
    for m, a in months.items():
        years[m // 12] = years.get(m // 12, 0) + a
    return years


def postponed(
    plan: dict[int, int],
    cut: int,
    last: int,
    *,
    keep: bool = False,
    moves: Iterable[YearMove] = (),
) -> tuple[dict[int, int], dict[int, int]]:
    """The plan after the start is postponed to month ``cut`` (the period then ends in
    month ``last``), and the months it drops: (new plan, dropped months).

    Plainly, the months before ``cut`` are dropped. With ``keep`` every year keeps its
    amount: the months of a year before ``cut`` are spread, with the year's months from
    ``cut`` on, over those later months; a year with no month from ``cut`` on keeps its
    months as they are. Each move takes its amount out of what is dropped of its
    ``from_year`` (the last months first) and spreads it evenly over the months of its
    ``to_year`` from ``cut`` to ``last``. The caller checks the moves first
    (``move_problem``)."""
    before = {m: a for m, a in plan.items() if m < cut}
    after = {m: a for m, a in plan.items() if m >= cut}
    if keep:
        new_plan = dict(after)
        for year, amount in sorted(by_year(before).items()):
            later = [m for m in after if m // 12 == year]
            if not later:
                new_plan.update({m: a for m, a in before.items() if m // 12 == year})
                continue
            # the year's months from the new start replace its later months
            rest = sum(after[m] for m in later)
            new_plan.update(spread_over(amount + rest, cut, max(later)))
        return new_plan, {}
    dropped = dict(before)
    new_plan = dict(after)
    for move in moves:
        left = move.amount
        for m in sorted((m for m in dropped if m // 12 == move.from_year), reverse=True):
            take = min(left, dropped[m])
            dropped[m] -= take
            left -= take
        to = year_months(move.to_year, cut, last)
        if to is not None:
            for m, part in spread_over(move.amount, *to).items():
                new_plan[m] = new_plan.get(m, 0) + part
    return new_plan, dropped  # months moved in full stay, at 0, as dropped months did


def move_problem(plan: dict[int, int], cut: int, last: int, moves: Iterable[YearMove]) -> str:
    """What is wrong with moving these amounts when the start is postponed to month
    ``cut`` (period ending in month ``last``); "" when nothing is."""
    droppable = by_year({m: a for m, a in plan.items() if m < cut})
    for move in moves:
        if move.amount <= 0:
            return f"an amount moved from {move.from_year} must be positive"
        if move.to_year <= move.from_year:
            return f"money moves to a later year, not from {move.from_year} to {move.to_year}"
        if year_months(move.to_year, cut, last) is None:
            return f"{move.to_year} has no month in the period from the new start"
        left = droppable.get(move.from_year, 0)
        if move.amount > left:
            return (
                f"the postponement drops {format_kr(left)} of {move.from_year}; "
                f"{format_kr(move.amount)} cannot be moved from it"
            )
        droppable[move.from_year] = left - move.amount
    return ""


def postponement_problem(
    insats: str,
    period: tuple[date, date],
    new_start: date,
    keep: bool,
    moves: tuple[YearMove, ...],
    new_end: date | None,
) -> str:
    """Why a postponement's options cannot stand together ("" when they can): a start
    that does not postpone; keeping the schedule and moving money at once; a start past
    the period without keeping or moving, or without a new end on or after it; a new end
    with a start inside the period (that is an extension)."""
    past = new_start > period[1]
    if new_start <= period[0]:
        return f"{insats} starts {period[0]}; {new_start} does not postpone it"
    if keep and moves:
        return f"{insats}: a postponement either keeps the schedule or moves money, not both"
    if past and not (keep or moves):
        return (
            f"{insats} ends {period[1]}; it cannot start after that ({new_start}) "
            "unless the decision keeps the charge as decided (--keep-schedule) or moves "
            "amounts to later years (--move FROM:TO:AMOUNT), with a new end (--end)"
        )
    if new_end is not None and not past:
        return (
            f"{insats}: a new end comes with a start after the period's end "
            f"({period[1]}); to extend, decide an extension"
        )
    if past and (new_end is None or new_end < new_start):
        return (
            f"{insats}: a start after the period's end ({new_start}) needs a new end "
            "(--end) on or after it"
        )
    return ""
