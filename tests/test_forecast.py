"""The year-end forecast (issue 23): per budget line, made on a day, the result and
equity from it, for any date and as known at any moment.

Sollefteå's budget 2024 is in balance (2 832 000 kr in and out; the example's §63) and its
equity at the end of 2023 is 584 026 kr (seed 1.1). A forecast of kansli 640 000 kr
(budget 667 000) and styrelsen 100 000 kr (budget 65 000), the other lines at their
budget, gives 0 + (667 000 - 640 000) - (100 000 - 65 000) = -8 000 kr, and equity
584 026 - 8 000 = 576 026 kr: 576 026 / 2 832 000 = 20.34 % of the allocation, over the
förbund's 20 % (the example's thresholds).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from finsam_es.errors import InvalidInput
from finsam_es.forecast import Forecast, ForecastLine
from tests.conftest import EXAMPLES, Finsam

AT = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def solleftea(tmp_path: Path) -> Finsam:
    finsam = Finsam(str(tmp_path / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def forecast(finsam: Finsam, as_of: str, *more: str) -> dict[str, object]:
    report: dict[str, object] = finsam.json("forecast", "--year", "2024", "--as-of", as_of, *more)
    return report


def test_a_forecast_gives_result_and_equity(solleftea: Finsam) -> None:
    solleftea("follow-up", "forecast", "--year", "2024", "--on", "2024-08-31",
              "--line", "kansli:640000", "--line", "styrelsen:100 000")  # fmt: skip
    report = forecast(solleftea, "2024-09-30")
    assert {"lines", "result", "equity", "made_on"} <= set(report)
    assert (report["made_on"], report["result"], report["equity"]) == (
        "2024-08-31",
        -800_000,
        57_602_600,
    )
    assert (report["equity_ratio"], report["limit"], report["over_limit"]) == (0.2034, 0.2, True)
    lines = {str(x["line"]): x for x in report["lines"]}  # type: ignore[attr-defined]
    kansli = lines["kansli"]
    assert (kansli["budget"], kansli["forecast"], kansli["deviation"]) == (
        66_700_000,
        64_000_000,
        2_700_000,
    )
    assert lines["samcoach"]["forecast"] == lines["samcoach"]["budget"] == 77_500_000


def test_the_forecast_equity_against_the_forbund_s_own_limit(solleftea: Finsam) -> None:
    solleftea("follow-up", "forecast", "--year", "2024", "--on", "2024-08-31",
              "--line", "kansli:640000", "--line", "styrelsen:100000")  # fmt: skip
    solleftea("forbund", "thresholds", "--on", "2024-01-01", "--equity-limit", "25%",
              "--source", "Styrelsens beslut")  # fmt: skip
    report = forecast(solleftea, "2024-09-30")
    assert (report["limit"], report["limit_source"], report["over_limit"]) == (
        0.25,
        "Styrelsens beslut",
        False,
    )


def test_the_forecast_as_of_a_date_and_as_known_at_a_moment(solleftea: Finsam) -> None:
    result = solleftea.fails("forecast", "--year", "2024", "--as-of", "2024-08-31")
    assert result.output.strip() == "error: no forecast of 2024 was made by 2024-08-31"
    solleftea("follow-up", "forecast", "--year", "2024", "--on", "2024-08-31",
              "--line", "kansli:640000")  # fmt: skip
    first = solleftea.events()
    solleftea("follow-up", "forecast", "--year", "2024", "--on", "2024-10-31",
              "--line", "kansli:700000")  # fmt: skip
    # 667 000 - 640 000 = 27 000; 667 000 - 700 000 = -33 000
    assert forecast(solleftea, "2024-09-30")["result"] == 2_700_000
    assert forecast(solleftea, "2024-11-30")["result"] == -3_300_000
    known = forecast(solleftea, "2024-11-30", "--known-at", f"position:{first}")
    assert (known["made_on"], known["result"]) == ("2024-08-31", 2_700_000)


def test_a_forecast_line_the_budget_lacks_needs_its_kind(solleftea: Finsam) -> None:
    events = solleftea.events()
    result = solleftea.fails("follow-up", "forecast", "--year", "2024", "--on", "2024-08-31",
                             "--line", "konsult:50000")  # fmt: skip
    assert result.output.strip() == (
        "error: 'konsult' is not in the budget: give its kind (income or cost) to forecast it"
    )
    assert solleftea.events() == events
    result = solleftea("follow-up", "forecast", "--year", "2024", "--on", "2024-08-31",
                       "--line", "konsult:50000:cost")  # fmt: skip
    assert "'konsult' is not a line of the 2024 budget" in result.output
    assert forecast(solleftea, "2024-08-31")["result"] == -5_000_000


def test_the_rules_of_a_forecast() -> None:
    f = Forecast.open_for("sol", 2024, AT)
    line = ForecastLine("kansli", "cost", 64_000_000)
    with pytest.raises(InvalidInput, match="made during 2024, not on 2025-01-15"):
        f.make((line,), "", date(2025, 1, 15), AT)
    with pytest.raises(InvalidInput, match="forecast twice"):
        f.make((line, line), "", date(2024, 8, 31), AT)
    with pytest.raises(InvalidInput, match="income and costs both positive"):
        f.make((ForecastLine("kansli", "cost", -1),), "", date(2024, 8, 31), AT)
    with pytest.raises(InvalidInput, match="at least one line"):
        f.make((), "", date(2024, 8, 31), AT)
