"""Exact shares (finsam_es/shares.py): the ways a förbundsordning writes a share, the
law's split held exactly, and an amount divided to the öre by largest remainder.

Figures: six municipalities sharing the municipal 25 % equally hold 25 % / 6 = 1/24
each; Härnösand-Timrå's municipalities 12.5 % each (seeds, verksamhetsplan 2018).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_es import shares as sh
from finsam_es.errors import InvalidInput, Refused
from finsam_es.membership import Member, check_shares, law_for_kinds, with_shares

F = Fraction


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("25%", F(1, 4)),
        ("12,5 %", F(1, 8)),
        ("4.16667%", F(416_667, 10_000_000)),  # 4.16667 / 100, exactly as written
        ("1/24", F(1, 24)),
        (" 2 / 48 ", F(1, 24)),
        ("100%", F(1)),
    ],
)
def test_a_share_is_read_exactly_as_written(text: str, share: Fraction) -> None:
    assert sh.parse(text) == share


def test_a_share_in_kronor_is_a_weight_in_ore() -> None:
    parsed = sh.parse("250000kr")
    assert isinstance(parsed, sh.Kronor)
    assert int(parsed) == 250_000 * 100
    assert int(sh.parse("250 000 kr")) == 250_000 * 100


@pytest.mark.parametrize("text", ["0%", "101%", "0/3", "3/2", "1/0", "abc", "0kr", "25%%"])
def test_what_is_no_share_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        sh.parse(text)
    assert "\n" not in str(caught.value)
    assert text in str(caught.value)


def test_a_share_is_stored_as_p_over_q_and_read_back() -> None:
    assert sh.to_text(F(1, 24)) == "1/24"
    assert sh.to_text(F(1)) == "1/1"
    assert sh.from_text("1/24") == F(1, 24)


def test_parts_per_million_of_old_stores_become_the_same_fraction() -> None:
    # 125 000 ppm = 12.5 % = 1/8; 250 000 ppm = 1/4
    assert sh.from_ppm(125_000) == F(1, 8)
    assert sh.to_text(sh.from_ppm(250_000)) == "1/4"


def test_a_share_reads_as_a_decimal_when_it_ends_and_as_a_fraction_otherwise() -> None:
    assert sh.describe(F(1, 8)) == "12.5 %"
    assert sh.describe(F(1, 4)) == "25 %"
    assert sh.describe(F(1, 24)) == "1/24 (4.166667 %)"  # 100/24 = 4.1666...
    assert sh.percent(F(1, 24)) == 4.1667


def kinds(*members: tuple[str, str, str]) -> tuple[Member, ...]:
    listed = [(Member(i, i, k, "0/1"), sh.parse(s)) for i, k, s in members]  # type: ignore[arg-type]
    return with_shares(listed)


STATE_REGION = (("fk", "state", "25%"), ("af", "state", "25%"), ("rg", "region", "25%"))


def test_six_equal_fractions_follow_the_law_exactly() -> None:
    members = kinds(*STATE_REGION, *((f"k{i}", "municipality", "1/24") for i in range(6)))
    check_shares(members)  # 6 × 1/24 = 1/4


def test_six_rounded_percentages_are_refused_with_the_way_to_write_them() -> None:
    # 6 × 4.16667 % = 25.00002 %, not 25 %
    members = kinds(*STATE_REGION, *((f"k{i}", "municipality", "4.16667%") for i in range(6)))
    with pytest.raises(Refused) as caught:
        check_shares(members)
    assert str(caught.value) == (
        "the shares do not follow the law: the municipalities hold 25.00002 %, the law says "
        "25 %; write shares that do not end as decimals as fractions (like 1/24)"
    )


def test_rounded_percentages_that_sum_exactly_are_accepted() -> None:
    # 5 × 4.16667 % + 4.16665 % = 20.83335 % + 4.16665 % = 25 %
    sixth = ("k5", "municipality", "4.16665%")
    members = kinds(
        *STATE_REGION, *((f"k{i}", "municipality", "4.16667%") for i in range(5)), sixth
    )
    check_shares(members)


def test_kronor_divide_their_kinds_share_in_proportion() -> None:
    # 500 000 + 375 000 + 125 000 = 1 000 000 kr of the municipalities' 1/4:
    # 1/4 × 1/2 = 1/8, 1/4 × 3/8 = 3/32, 1/4 × 1/8 = 1/32
    members = kinds(
        *STATE_REGION,
        ("a", "municipality", "500000kr"),
        ("b", "municipality", "375000kr"),
        ("c", "municipality", "125000kr"),
    )
    assert [m.share for m in members[3:]] == ["1/8", "3/32", "1/32"]
    check_shares(members)


def test_kronor_and_a_percentage_in_one_kind_are_refused() -> None:
    with pytest.raises(InvalidInput, match="write every member of a kind in kronor, or none"):
        kinds(*STATE_REGION, ("a", "municipality", "1/8"), ("b", "municipality", "100000kr"))


def test_without_a_region_the_municipalities_hold_half() -> None:
    # lag 2003:1210 5 a §
    assert law_for_kinds({"state", "municipality"}) == {"state": F(1, 2), "municipality": F(1, 2)}


# -- dividing an amount to the öre --------------------------------------------------------


def test_largest_remainder_gives_the_left_over_ore_to_the_largest_losses() -> None:
    # 610 000 000 öre (6 100 000 kr) by 1/4, 1/12, 1/24, 1/30 and the rest to "z":
    # exact parts 152 500 000; 50 833 333.33; 25 416 666.67; 20 333 333.33;
    # z = 1 - 1/4 - 1/12 - 1/24 - 1/30 = 71/120 -> 360 916 666.67.
    # Whole öre: 609 999 998; the 2 left go to the largest remainders, 0.67 (k3) and
    # 0.67 (z), before the 0.33s.
    parts = sh.split(
        610_000_000,
        [("s", F(1, 4)), ("k1", F(1, 12)), ("k3", F(1, 24)), ("k4", F(1, 30)), ("z", F(71, 120))],
    )
    assert parts == {
        "s": 152_500_000,
        "k1": 50_833_333,
        "k3": 25_416_667,
        "k4": 20_333_333,
        "z": 360_916_667,
    }


def test_equal_remainders_go_in_the_order_listed() -> None:
    # 100 öre by thirds: 33.33 each, 1 öre over, to the first listed
    assert sh.split(100, [("b", F(1, 3)), ("a", F(1, 3)), ("c", F(1, 3))]) == {
        "b": 34,
        "a": 33,
        "c": 33,
    }


@given(
    total=st.integers(min_value=0, max_value=10**11),
    weights=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=12),
)
def test_a_split_adds_up_and_each_part_is_within_one_ore_of_exact(
    total: int, weights: list[int]
) -> None:
    whole = sum(weights)
    shares = [(f"m{i}", F(w, whole)) for i, w in enumerate(weights)]
    parts = sh.split(total, shares)
    assert sum(parts.values()) == total
    for member, share in shares:
        assert abs(parts[member] - total * share) < 1


def test_a_part_more_than_one_krona_off_its_exact_share_is_named() -> None:
    # 1/24 of 6 000 000 kr is 250 000 kr exactly: 250 000 gives no warning,
    # 250 101 kr is 101 kr off
    assert sh.deviation("k1", 25_000_000, 600_000_000, F(1, 24)) is None
    assert sh.deviation("k1", 25_010_100, 600_000_000, F(1, 24)) == (
        "k1 gives 250 101 kr, its share of 6 000 000 kr is 250 000 kr"
    )


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (F(1, 16), "6.25 %"),  # 100 / 16
        (F(1, 40), "2.5 %"),  # 100 / 40
        (F(1, 20), "5 %"),
        (F(1, 10), "10 %"),
        (F(3, 80), "3.75 %"),  # 300 / 80
        (F(1, 3), "1/3 (33.333333 %)"),
        (F(1, 12), "1/12 (8.333333 %)"),
    ],
)
def test_describe_ends_decimals_and_writes_the_rest_as_fractions(
    share: Fraction, text: str
) -> None:
    assert sh.describe(share) == text
