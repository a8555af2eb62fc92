"""Amounts, shares, references and dates as people write them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_es.errors import InvalidInput
from finsam_es.values import (
    MAX_AMOUNT,
    format_kr,
    format_share,
    month_end,
    parse_amount,
    parse_date,
    parse_paragraph_ref,
    parse_share,
)


@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("775000", 77_500_000),
        ("775 000", 77_500_000),
        ("775 000 kr", 77_500_000),
        ("22 750,50", 2_275_050),
        ("22750.5", 2_275_050),
        ("2 832 tkr", 283_200_000),
        ("480,5 tkr", 48_050_000),  # Härnösand's 480.5 tkr of 3 844 tkr
        ("50 öre", 50),
        ("-1 300", -130_000),
        (584026, 58_402_600),
    ],
)
def test_amounts_as_people_write_them(text: str | int, ore: int) -> None:
    assert parse_amount(text) == ore


@pytest.mark.parametrize("text", ["", "kr", "12,345", "1.2.3", "tolv", "5,5 öre"])
def test_bad_amounts_are_refused_with_a_hint(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"amount|öre"):
        parse_amount(text)


def test_format_in_swedish_grouping() -> None:
    assert format_kr(77_500_000) == "775 000 kr"
    assert format_kr(2_275_050) == "22 750,50 kr"
    assert format_kr(-130_000) == "-1 300 kr"
    assert format_kr(283_200_000, unit="tkr") == "2 832 tkr"


@given(st.integers(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT))  # the largest accepted
def test_format_and_parse_round_trip(ore: int) -> None:
    assert parse_amount(format_kr(ore)) == ore


def test_shares() -> None:
    assert parse_share("12.5%") == 125_000
    assert parse_share("12,5 %") == 125_000
    assert parse_share("25%") == 250_000
    assert format_share(125_000) == "12.5 %"
    for bad in ("x", "0%", "101%", "12.34567%"):
        with pytest.raises(InvalidInput):
            parse_share(bad)


def test_paragraph_references() -> None:
    assert parse_paragraph_ref("2023:45") == (2023, 45)
    assert parse_paragraph_ref("2023 §45") == (2023, 45)
    with pytest.raises(InvalidInput, match="YEAR:N"):
        parse_paragraph_ref("45")


def test_dates_and_month_ends() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        parse_date("29/2 2024")
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2023, 12) == date(2023, 12, 31)
