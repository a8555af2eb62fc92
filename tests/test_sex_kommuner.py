"""examples/sex-kommuner.toml: an illustrative förbund (not from the seeds) where six
municipalities share the municipal 25 %, equally in 2025 and by population from 2026.
Every figure below is arithmetic shown in the comment beside it (and in the journal).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import EXAMPLES, Finsam

KR = 100
MUNICIPALITIES = ("k1", "k2", "k3", "k4", "k5", "k6")


@pytest.fixture(scope="module")
def sex(tmp_path_factory: pytest.TempPathFactory) -> tuple[Finsam, str]:
    finsam = Finsam(str(tmp_path_factory.mktemp("sex") / "s.db"))
    result = finsam("import", str(EXAMPLES / "sex-kommuner.toml"))
    return finsam, result.output


def lines(finsam: Finsam, year: int) -> dict[str, Any]:
    result = finsam.json("result", "--year", str(year), "--as-of", f"{year}-12-31")
    return {line["line"]: line for line in result["lines"]}


def test_it_imports_and_an_equal_six_way_split_gives_no_warning(sex: tuple[Finsam, str]) -> None:
    _, output = sex
    assert "imported 20 of 20 entries" in output
    # 250 000 kr each of 6 000 000 kr is exactly 1/24: no member's part is off its share
    assert "its share of" not in output
    # the co-financing's later years have no budget yet when granted, and one anslag
    # comes down on the last day of appeal (KL 8:12: it stays up until that day has run)
    warnings = [line for line in output.splitlines() if line.startswith("warning")]
    assert [w.split(": ")[-2] for w in warnings if "no budget" in w] == [
        f"no budget for {year} is adopted" for year in (2026, 2027, 2028)
    ]
    early = [w for w in warnings if "no budget" not in w]
    assert early == [
        "warning: meetings[1].posted: taken down from the notice board on 2025-04-10; it stays up until the time "
        "to appeal has run, through 2025-04-10 (KL 8:12): 2025-04-11 at the earliest"
    ]


def test_the_shares_are_a_twenty_fourth_each_in_2025(sex: tuple[Finsam, str]) -> None:
    finsam, _ = sex
    shown = finsam.json("forbund", "show", "--as-of", "2025-06-30")
    assert shown["formed"] == "2024-01-01"
    members = {m["id"]: m for m in shown["members"]}
    for k in MUNICIPALITIES:
        assert members[k]["kind"] == "municipality"
        assert members[k]["share"] == "1/24"  # 25 % / 6
        assert members[k]["share_percent"] == 4.1667  # 100 / 24 = 4.16666...
    assert [members[m]["share"] for m in ("fk", "af", "rg")] == ["1/4", "1/4", "1/4"]


def test_the_shares_follow_population_from_2026(sex: tuple[Finsam, str]) -> None:
    finsam, _ = sex
    members = {
        m["id"]: m for m in finsam.json("forbund", "show", "--as-of", "2026-01-01")["members"]
    }
    # 1/4 × kronor / 1 500 000: 500 000 -> 1/12, 375 000 -> 1/16, 250 000 -> 1/24,
    # 200 000 -> 1/30, 125 000 -> 1/48, 50 000 -> 1/120
    assert [members[k]["share"] for k in MUNICIPALITIES] == [
        "1/12",
        "1/16",
        "1/24",
        "1/30",
        "1/48",
        "1/120",
    ]


def test_2025_allocation_gives_each_municipality_250_000_kr(sex: tuple[Finsam, str]) -> None:
    finsam, _ = sex
    by_line = lines(finsam, 2025)
    for k in MUNICIPALITIES:
        assert by_line[k]["outcome"] == 250_000 * KR  # 6 000 000 / 24
    assert by_line["staten"]["outcome"] == 3_000_000 * KR  # FK and AF 1 500 000 each
    assert by_line["regionen"]["outcome"] == 1_500_000 * KR


def test_2026_allocation_is_divided_to_the_ore_by_largest_remainder(
    sex: tuple[Finsam, str],
) -> None:
    finsam, _ = sex
    by_line = lines(finsam, 2026)
    # 610 000 000 öre × share: k1 50 833 333.33, k2 38 125 000, k3 25 416 666.67,
    # k4 20 333 333.33, k5 12 708 333.33, k6 5 083 333.33; state and region 1/4 each,
    # 152 500 000. Whole öre sum to 609 999 998: the 2 öre left go to the largest
    # remainders, k3 (2/3) and then k1 (1/3, listed before k4, k5 and k6 with the same).
    assert [by_line[k]["outcome"] for k in MUNICIPALITIES] == [
        50_833_334,
        38_125_000,
        25_416_667,
        20_333_333,
        12_708_333,
        5_083_333,
    ]
    assert by_line["staten"]["outcome"] == 2 * 152_500_000
    assert by_line["regionen"]["outcome"] == 152_500_000
    total = sum(by_line[k]["outcome"] for k in (*MUNICIPALITIES, "staten", "regionen"))
    assert total == 6_100_000 * KR
    # the budget adopted the same parts: the allocation meets it to the öre
    assert all(by_line[k]["budget"] == by_line[k]["outcome"] for k in MUNICIPALITIES)


def test_importing_again_adds_nothing(sex: tuple[Finsam, str]) -> None:
    finsam, _ = sex
    before = finsam.events()
    assert (
        "all 20 entries were already imported"
        in finsam("import", str(EXAMPLES / "sex-kommuner.toml")).output
    )
    assert finsam.events() == before


def insats(finsam: Finsam, day: str) -> dict[str, Any]:
    rows = finsam.json("interventions", "--as-of", day)["interventions"]
    found: dict[str, Any] = next(r for r in rows if r["id"] == "unga")
    return found


def test_the_co_financing_charges_each_year_its_scheduled_amount(sex: tuple[Finsam, str]) -> None:
    finsam, _ = sex
    # 870 000 + 1 300 000 + 1 300 000 + 330 000 = 3 800 000 kr over 2025-04 to 2028-03
    row = insats(finsam, "2025-12-31")
    assert row["granted"] == 3_800_000 * KR
    assert row["granted_by_year"] == {
        "2025": 870_000 * KR,
        "2026": 1_300_000 * KR,
        "2027": 1_300_000 * KR,
        "2028": 330_000 * KR,
    }
    # 2025: all of its 870 000 kr over April to December (evenly it would be
    # 3 800 000 × 9/36 = 950 000 kr)
    assert row["charged"] == 870_000 * KR
    assert lines(finsam, 2025)["insatser"]["outcome"] == 870_000 * KR
    # by 2026-06-30 also half of 2026's 1 300 000 kr: 870 000 + 650 000 = 1 520 000 kr
    assert insats(finsam, "2026-06-30")["charged"] == 1_520_000 * KR
    assert insats(finsam, "2026-12-31")["charged"] == 2_170_000 * KR  # 870 000 + 1 300 000
