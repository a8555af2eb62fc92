"""Periodisation: an amount spread evenly over months, exact to the öre.

Month ``i`` of ``n`` gets ``floor(amount*(i+1)/n) - floor(amount*i/n)``: the parts
differ by at most one öre, the rounding is spread over the period rather than
heaped on one month, and the parts always add up to the whole amount.
"""

from __future__ import annotations

from datetime import date

from finsam_es.values import month_end, month_from_index


def spread(amount: int, months: int) -> tuple[int, ...]:
    if months <= 0:
        raise ValueError("a period has at least one month")
    return tuple(amount * (i + 1) // months - amount * i // months for i in range(months))


def spread_over(amount: int, first: int, last: int) -> dict[int, int]:
    """Monthly parts keyed by month index (see values.month_index), first..last inclusive."""
    parts = spread(amount, last - first + 1)
    return {first + i: part for i, part in enumerate(parts)}


def charge_date(index: int) -> date:
    """A month's charge falls on its last day."""
    year, month = month_from_index(index)
    return month_end(year, month)
