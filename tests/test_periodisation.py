"""Periodisation: an amount spread evenly over months, exact to the öre."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_es.periodisation import charge_date, spread, spread_over
from finsam_es.values import month_index

# Amounts in öre: up to ±100 MSEK, far beyond a förbund's 2-10 MSEK budget.
amounts = st.integers(min_value=-10_000_000_000, max_value=10_000_000_000)
month_counts = st.integers(min_value=1, max_value=240)
# Month indices (months since year 0) from 1990-01 to 2099-12.
first_months = st.integers(min_value=1990 * 12, max_value=2099 * 12 + 11)


@given(amounts, month_counts)
def test_spread_sums_to_the_amount_exactly(amount: int, n: int) -> None:
    parts = spread(amount, n)
    assert len(parts) == n
    assert sum(parts) == amount


@given(st.integers(min_value=1, max_value=10_000_000_000), month_counts)
def test_spread_of_a_positive_amount_sums_exactly(amount: int, n: int) -> None:
    assert sum(spread(amount, n)) == amount


@given(st.integers(min_value=-10_000_000_000, max_value=-1), month_counts)
def test_spread_of_a_negative_amount_sums_exactly(amount: int, n: int) -> None:
    assert sum(spread(amount, n)) == amount


@given(month_counts)
def test_spread_of_zero_is_all_zeros(n: int) -> None:
    assert spread(0, n) == (0,) * n


@given(amounts, month_counts)
def test_parts_differ_by_at_most_one_ore(amount: int, n: int) -> None:
    parts = spread(amount, n)
    assert max(parts) - min(parts) <= 1
    # and each part is the floor or the ceiling of the exact mean
    assert all(amount // n <= p <= -(-amount // n) for p in parts)


@given(amounts, month_counts)
def test_negative_amount_mirrors_positive_one(amount: int, n: int) -> None:
    assert sorted(spread(-amount, n)) == sorted(-p for p in spread(amount, n))


@given(amounts, first_months, month_counts)
def test_spread_over_keys_are_consecutive_months(amount: int, first: int, n: int) -> None:
    last = first + n - 1
    parts = spread_over(amount, first, last)
    assert list(parts) == list(range(first, last + 1))
    assert sum(parts.values()) == amount
    assert tuple(parts.values()) == spread(amount, n)


@given(first_months)
def test_charge_date_is_the_last_day_of_its_month(index: int) -> None:
    day = charge_date(index)
    assert month_index(day) == index
    # the next day is in the next month
    assert month_index(date.fromordinal(day.toordinal() + 1)) == index + 1


@pytest.mark.parametrize("months", [0, -1, -12])
def test_a_period_has_at_least_one_month(months: int) -> None:
    with pytest.raises(ValueError):
        spread(100, months)


def test_domain_example_91000_kr_over_twelve_months_from_october_2024() -> None:
    # DOMAIN.md / Sollefteå 2024: 91 000 kr over twelve months from October 2024
    # charges 22 750 kr to 2024: 91 000 / 12 * 3 (Oct, Nov, Dec) = 22 750 kr.
    first = month_index(date(2024, 10, 1))
    last = month_index(date(2025, 9, 30))
    parts = spread_over(91_000_00, first, last)
    assert len(parts) == 12
    in_2024 = sum(a for m, a in parts.items() if m // 12 == 2024)
    in_2025 = sum(a for m, a in parts.items() if m // 12 == 2025)
    assert in_2024 == 2_275_000  # 22 750 kr in öre
    assert in_2025 == 9_100_000 - 2_275_000  # 68 250 kr
    assert sum(parts.values()) == 9_100_000


def test_domain_example_240000_kr_over_2021_is_20000_kr_a_month() -> None:
    # DOMAIN.md: 240 000 kr for 2021 is 20 000 kr a month (240 000 / 12).
    parts = spread_over(240_000_00, month_index(date(2021, 1, 1)), month_index(date(2021, 12, 31)))
    assert list(parts.values()) == [20_000_00] * 12
    assert [charge_date(m) for m in parts][:3] == [
        date(2021, 1, 31),
        date(2021, 2, 28),
        date(2021, 3, 31),
    ]


def test_rounding_is_spread_not_heaped() -> None:
    # 100 öre over 3 months: 33 + 33 + 34 (floor(100*(i+1)/3) - floor(100*i/3)).
    assert spread(100, 3) == (33, 33, 34)
    # 1 öre over 12 months lands in one month only, the last one.
    assert spread(1, 12) == (0,) * 11 + (1,)
    # -100 öre over 3 months: floor division makes the parts -34, -33, -33.
    assert spread(-100, 3) == (-34, -33, -33)
