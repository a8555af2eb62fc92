"""Amounts, shares, paragraph references, dates and ids at their edges: signs, units,
rounding to tkr, the bounds of a share, month arithmetic and the stable ids every
stored aggregate is found by.

Figures: Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt): driftbidrag
2 832 000 kr, SamCoach 775 000 kr, praktikinformatör 22 750 kr in 2024; Härnösand-Timrå
(DOMAIN.md): 480.5 tkr of 3 844 tkr.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from finsam_es.errors import InvalidInput
from finsam_es.periodisation import spread
from finsam_es.values import (
    WHOLE,
    format_kr,
    format_share,
    month_end,
    month_from_index,
    month_index,
    paragraph_ref,
    parse_amount,
    parse_date,
    parse_paragraph_ref,
    parse_share,
    stable_id,
)


@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("775\u00a0000", 77_500_000),  # a non-breaking space, as word processors write it
        ("775_000", 77_500_000),
        (" 775 000 KR ", 77_500_000),
        ("22 750,5", 2_275_050),  # one decimal is tenths of a krona
        ("-1 tkr", -100_000),
        ("0,5 tkr", 50_000),
        ("-50 öre", -50),
        ("0", 0),
    ],
)
def test_amounts_with_units_signs_and_spaces(text: str, ore: int) -> None:
    assert parse_amount(text) == ore


def test_a_bad_amount_names_itself_and_shows_how_to_write_one() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_amount("12x")
    assert str(caught.value) == "'12x' is not an amount (write it like 775 000 or 22 750,50 kr)"
    with pytest.raises(InvalidInput) as caught:
        parse_amount("5,5 öre")
    assert str(caught.value) == "'5,5 öre': öre cannot have decimals"


@pytest.mark.parametrize(
    ("ore", "text"),
    [
        (0, "0 kr"),
        (50, "0,50 kr"),
        (-5, "-0,05 kr"),
        (2_275_000, "22 750 kr"),
        (-283_200_000, "-2 832 000 kr"),
    ],
)
def test_kronor_are_grouped_and_show_ore_only_when_there_are_some(ore: int, text: str) -> None:
    assert format_kr(ore) == text


def test_tkr_round_half_up_on_the_size_and_keep_the_sign() -> None:
    # 2 832 499,99 kr is 2 832 tkr; 2 832 500 kr is 2 833 tkr (either sign)
    assert format_kr(283_249_999, unit="tkr") == "2 832 tkr"
    assert format_kr(283_250_000, unit="tkr") == "2 833 tkr"
    assert format_kr(-283_250_000, unit="tkr") == "-2 833 tkr"
    assert format_kr(49_999, unit="tkr") == "0 tkr"


def test_an_amount_without_a_unit_is_the_bare_figure() -> None:
    assert format_kr(77_500_050, unit="") == "775 000,50"
    assert format_kr(-100, unit="") == "-1"


def test_a_share_lies_above_zero_and_up_to_the_whole() -> None:
    assert parse_share("100%") == WHOLE
    assert parse_share("0.0001 %") == 1  # the finest share: one part per million
    assert format_share(WHOLE) == "100 %"
    assert format_share(1) == "0.0001 %"
    assert format_share(250_000) == "25 %"
    with pytest.raises(InvalidInput) as caught:
        parse_share("100.0001%")
    assert str(caught.value) == (
        "'100.0001%' is not a share between 0 and 100 % (at most 4 decimals)"
    )
    with pytest.raises(InvalidInput) as caught:
        parse_share("0.00001%")
    assert "at most 4 decimals" in str(caught.value)
    with pytest.raises(InvalidInput, match="is not a share"):
        parse_share("25X")  # only a per cent sign may follow the figure
    with pytest.raises(InvalidInput) as caught:
        parse_share("en fjärdedel")
    assert str(caught.value) == "'en fjärdedel' is not a share (write it like 25% or 12.5%)"


@pytest.mark.parametrize("text", ["2023/45", "2023 45", "2023:§45", " 2023 : 45 ", "2023 § 45"])
def test_paragraph_references_as_secretaries_write_them(text: str) -> None:
    assert parse_paragraph_ref(text) == (2023, 45)


def test_a_paragraph_reference_is_year_colon_number() -> None:
    assert paragraph_ref(2023, 45) == "2023:45"
    with pytest.raises(InvalidInput) as caught:
        parse_paragraph_ref("23:45")
    assert str(caught.value) == (
        "'23:45' is not a paragraph reference (write YEAR:N, like 2023:45)"
    )


def test_a_date_is_iso_and_may_carry_spaces() -> None:
    assert parse_date(" 2024-02-29 ") == date(2024, 2, 29)
    with pytest.raises(InvalidInput) as caught:
        parse_date("2023-02-29")
    assert str(caught.value) == "'2023-02-29' is not a date (write YYYY-MM-DD)"


def test_every_month_ends_on_its_last_day() -> None:
    ends = [month_end(2024, m).day for m in range(1, 13)]
    assert ends == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert month_end(2023, 2) == date(2023, 2, 28)


def test_month_indices_count_months_since_year_zero() -> None:
    assert month_index(date(2024, 1, 15)) == 2024 * 12
    assert month_index(date(2024, 12, 31)) == 2024 * 12 + 11
    assert month_from_index(2024 * 12) == (2024, 1)
    assert month_from_index(2024 * 12 + 11) == (2024, 12)
    assert month_from_index(2024 * 12 + 12) == (2025, 1)


def test_stable_ids_never_change() -> None:
    """Aggregates are found by these ids in every store ever written (tests/golden)."""
    assert stable_id("year", "solleftea", 2024) == uuid.UUID("83062ce5-bc9a-5c60-bff8-9011d44e7dee")
    assert stable_id("insats", "solleftea", "samcoach") == uuid.UUID(
        "0b7923d8-cec2-53d4-845e-e36eeb35f5b8"
    )


def test_a_period_of_no_months_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match=r"^a period has at least one month$"):
        spread(100, 0)
    assert spread(2_275_000, 1) == (2_275_000,)  # one month takes it all
