"""Earlier years' published outcome: recorded with their source, shown where the store
keeps no books for the year and only there, corrected by recording again, refused when
they cannot be a year's figures. Figures are the Sollefteå seed's 2023 (1.1 and 5.)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Finsam

MEMBERS: tuple[str, ...] = ("--member", "fk:state:25%", "--member", "af:state:25%")
MEMBERS += ("--member", "rvn:region:25%", "--member", "kommun:municipality:25%")
Y2023 = (
    "earlier-year",
    "record",
    "--year",
    "2023",
    "--source",
    "Årsredovisning 2024, 1.1",
    "--allocation",
    "2832000",
    "--costs",
    "2983378",
    "--equity",
    "584026",
)


@pytest.fixture
def store(make_finsam: Callable[[str], Finsam]) -> Finsam:
    finsam = make_finsam("p")
    finsam("forbund", "create", "sol", "--name", "Sol", *MEMBERS)
    return finsam


def overview(finsam: Finsam, year: int) -> dict[int, dict[str, object]]:
    rows = finsam.json("report", "oversikt", "--year", str(year), "--as-of", f"{year}-12-31")
    return {y["year"]: y for y in rows["years"]}


def test_a_published_year_is_listed_and_shown_in_the_overview(store: Finsam) -> None:
    store(*Y2023, "--result", "-117094", "--total-assets", "1248836")
    listed = store.json("earlier-years", "--before", "2024")
    assert [(y["year"], y["result"], y["source"]) for y in listed] == [
        (2023, -11_709_400, "Årsredovisning 2024, 1.1")
    ]
    year = overview(store, 2024)[2023]
    assert (year["allocation"], year["costs"], year["equity"]) == (
        283_200_000,
        -298_337_800,
        58_402_600,
    )
    assert year["solidity"] == round(584_026 / 1_248_836, 4)
    csv_text = store("earlier-years", "--before", "2024", "--format", "csv").output
    assert csv_text.splitlines()[1].startswith("2023,2832000.00,2983378.00,-117094.00")


def test_the_books_win_over_published_figures(store: Finsam) -> None:
    # 2023 has an allocation of 1 000 kr: its income and costs are the books', whatever is
    # published for it
    store("allocation", "set", "--year", "2023", "--total", "1000")
    store(*Y2023, "--result", "-117094")
    assert overview(store, 2024)[2023]["allocation"] == 100_000


def test_recording_again_corrects_and_the_old_figures_stay_known(store: Finsam) -> None:
    store(*Y2023, "--result", "-117000")
    position = store.events()
    store(*Y2023, "--result", "-117094")
    assert store.json("earlier-years", "--before", "2024")[0]["result"] == -11_709_400
    before = store.json("earlier-years", "--before", "2024", "--known-at", f"position:{position}")
    assert before[0]["result"] == -11_700_000


def test_lines_that_do_not_give_the_result_are_recorded_with_a_warning(store: Finsam) -> None:
    # 2 832 000 - 2 983 378 = -151 378, not the stated -117 094 (the financial lines are
    # left out on purpose)
    result = store(
        *Y2023,
        "--result",
        "-117094",
        "--line",
        "driftbidrag:income:2832000",
        "--line",
        "kansli:cost:2983378",
    )
    assert "income less costs is -15137800 öre, the stated result -11709400 öre" in result.output
    rows = store.json("report", "resultatrakning", "--year", "2024", "--as-of", "2024-12-31")
    previous = {x["line"]: x["previous"] for x in rows["lines"]}
    assert previous == {"driftbidrag": 283_200_000, "kansli": 298_337_800}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--source", " "), "say where the figures come from"),
        (("--costs", "-5"), "costs is written as a positive amount"),
        (("--line", "a:cost:1", "--line", "a:cost:2"), "the cost line 'a' is given twice"),
        (("--total-assets", "0"), "total assets (balansomslutning) are positive"),
        (("--line", "a:nope:1"), "--line 'a:nope:1' has the wrong form"),
    ],
)
def test_figures_that_cannot_be_a_year_are_refused(
    store: Finsam, args: tuple[str, ...], message: str
) -> None:
    before = store.events()
    result = store.fails(*Y2023, "--result", "-117094", *args)
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert store.events() == before
