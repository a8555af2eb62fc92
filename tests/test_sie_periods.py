"""Period balances and budgets in finsam's SIE 4E export (#PSALDO, #PBUDGET), read by
the reader written from the specification (tests/sie_reader.py). The specification
(SIE filformat 4B, #PSALDO and #PBUDGET): "Posten anger periodens förändring på
kontot", credit negative, the period as ÅÅÅÅMM; #OMFATTN names the last day the
balances cover.

Figures from seeds/solleftea-arsredovisning-2024.txt through the example: the 2024
budget has income and costs of 2 832 000 kr each, the driftbidrag 2 832 000 kr a year,
236 000 kr (4 x 59 000) a month; in January the members paid 1 416 000 kr of which
one month was due, so prepaid income rose by 1 180 000 kr.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Finsam
from tests.sie_reader import Sie, read

DATES = ("2024-01-31", "2024-06-15", "2024-12-31")


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("sie-periods") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def export(finsam: Finsam, tmp: Path, as_of: str) -> bytes:
    path = tmp / f"s-{as_of}.se"
    finsam("export", "sie", "--year", as_of[:4], "--as-of", as_of, "--output", str(path))
    return path.read_bytes()


def per_account(periods: dict[tuple[str, str], Decimal]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for (_, account), amount in periods.items():
        out[account] = out.get(account, Decimal(0)) + amount
    return out


@pytest.mark.parametrize("as_of", DATES)
def test_the_months_lead_from_the_opening_to_the_closing_balances(
    solleftea: Finsam, tmp_path: Path, as_of: str
) -> None:
    sie: Sie = read(export(solleftea, tmp_path, as_of))
    assert sie.first("#OMFATTN") == [as_of.replace("-", "")]
    for year in ("0", "-1"):
        months = sie.periods("#PSALDO", year)
        change = per_account(months)
        opening, closing = sie.balances("#IB", year), sie.balances("#UB", year)
        for account in {*opening, *closing}:  # the balance accounts
            assert opening.get(account, 0) + change.get(account, 0) == closing.get(account, 0)
        results = {a: v for a, v in change.items() if a[0] in "345678" and v}
        assert results == sie.balances("#RES", year)
    # no month after the date the balances cover
    assert max(period for period, _ in sie.periods("#PSALDO", "0")) <= as_of[:4] + as_of[5:7]


def test_january_shows_the_prepaid_driftbidrag(solleftea: Finsam, tmp_path: Path) -> None:
    january = read(export(solleftea, tmp_path, "2024-12-31")).periods("#PSALDO", "0")
    assert january[("202401", "2970")] == -(Decimal(1_416_000) - 4 * Decimal(59_000))
    assert january[("202401", "3010")] == -4 * Decimal(59_000)  # one month of driftbidrag


def test_the_budget_is_spread_over_the_twelve_months(solleftea: Finsam, tmp_path: Path) -> None:
    data = export(solleftea, tmp_path, "2024-06-15")
    # the form the specification gives: #PBUDGET årsnr period konto {objekt} saldo
    assert b"\r\n#PBUDGET 0 202401 3010 {} -236000.00\r\n" in data
    budget = read(data).periods("#PBUDGET", "0")
    by_account = per_account(budget)
    assert sum(v for a, v in by_account.items() if v < 0) == -2_832_000
    assert sum(by_account.values()) == 0  # the budget balances
    for account in by_account:
        parts = [budget.get((f"2024{m:02d}", account), Decimal(0)) for m in range(1, 13)]
        assert max(parts) - min(parts) <= Decimal("0.01"), account  # spread to the öre
    # the whole year's budget, whatever date the balances reach
    answer = solleftea.json("budget", "--year", "2024", "--as-of", "2024-06-15")
    assert answer["income_total"] == answer["cost_total"] == 2_832_000_00


def test_a_file_whose_months_contradict_its_verifications_is_refused(
    solleftea: Finsam, tmp_path: Path
) -> None:
    data = export(solleftea, tmp_path, "2024-12-31")
    month = b"#PSALDO 0 202401 3010 {} -236000.00\r\n"
    assert month in data
    path = tmp_path / "f.se"
    path.write_bytes(data.replace(month, month.replace(b"236000", b"235000")))
    empty = Finsam(str(tmp_path / "empty.db"))
    result = empty.fails("import-sie", str(path))
    line = data[: data.index(month)].count(b"\r\n") + 1
    says = f"f.se:{line}: #PSALDO 0 202401 3010 är -235000.00, men filens verifikationer"
    assert f"{says} bokar -236000.00 på kontot den månaden" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert empty.events() == 0
