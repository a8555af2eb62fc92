"""finsam's own full SIE export (every series: B bookings, D what decisions derive, U
payments of insatser) of the Sollefteå example, imported whole into an empty store,
gives the same statements (issue 24).

The file is read by tests/sie_reader.py (written from the specification). The figures
come from the example (seeds/solleftea-arsredovisning-2024.txt): equity 584 026 kr at
2023-12-31, the result 236 500 kr of 2024, so equity 820 526 kr at 2024-12-31. What a
SIE file cannot carry (the decisions behind the budget, the year before's published
outcome, finsam's line ids; docs/reports.md) is compared as what it becomes: each
line's outcome and budget by its account number, the totals exactly. The budget comes
back from #PBUDGET, recorded without a decision.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Finsam
from tests.sie_reader import Sie, read

ORGNR = "222000-1842"  # check digit 2 by Luhn (tests/test_orgnr.py)
# days of 2024 where the balance sheet differs in kind: opening, members' payments
# ahead (prepaid income), mid-year, after an insats's quarterly payment, year end
DAYS = ("2023-12-31", "2024-01-31", "2024-06-30", "2024-10-15", "2024-12-31")


def members() -> list[str]:
    """The example's members as `--member ID:KIND:SHARE:NAME` (a SIE file names none)."""
    example = tomllib.loads((EXAMPLES / "solleftea-2024.toml").read_text(encoding="utf-8"))
    return [f"--member={m['id']}:{m['kind']}:{m['share']}:{m['name']}"
            for m in example["forbund"]["members"]]  # fmt: skip


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Finsam, Finsam, Path]:
    tmp = tmp_path_factory.mktemp("sie-round-trip")
    source = Finsam(str(tmp / "source.db"))
    source("import", str(EXAMPLES / "solleftea-2024.toml"))
    source("forbund", "orgnr", ORGNR)
    path = tmp / "solleftea-2024.se"
    source("export", "sie", "--year", "2024", "--output", str(path))
    fresh = Finsam(str(tmp / "fresh.db"))
    out = fresh("import-sie", str(path), *members()).output
    assert "imported 96 of 96 verifications for solleftea" in out
    return source, fresh, path


def series(sie: Sie) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in sie.verifications:
        out[v.series] = out.get(v.series, 0) + 1
    return out


def test_the_file_holds_every_series(stores: tuple[Finsam, Finsam, Path]) -> None:
    # 36 bookings (the example's 33 [[bookings]] and 3 [[transfers]] of 2024); D: 12
    # months of allocation and of each running insats's charge, and BIP's settlement;
    # U: the insatser's quarterly payments
    assert series(read(stores[2].read_bytes())) == {"B": 36, "D": 52, "U": 8}


@pytest.mark.parametrize("day", DAYS)
def test_the_balance_sheet_is_the_same(stores: tuple[Finsam, Finsam, Path], day: str) -> None:
    source, fresh, _ = stores
    args = ("report", "balansrakning", "--as-of", day)
    assert fresh.json(*args) == source.json(*args)


def test_the_cash_flow_is_the_same(stores: tuple[Finsam, Finsam, Path]) -> None:
    source, fresh, _ = stores
    args = ("report", "kassaflode", "--year", "2024")
    assert fresh.json(*args) == source.json(*args)
    assert fresh.json("report", "balansrakning", "--as-of", "2024-12-31")["equity"] == (
        584_026_00 + 236_500_00
    )


def line_id(name: str) -> str:
    """What the import names the line of an account (docs/reports.md): its #KONTO name
    in lowercase ASCII, other characters as -."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def outcome_by_number(statement: dict[str, Any], number_of: dict[str, str]) -> dict[str, int]:
    return {number_of[x[key]]: x["outcome"] for x in statement["lines"] if x["outcome"]
            for key in ("line", "name") if x[key] in number_of}  # fmt: skip


def test_the_result_is_the_same_line_by_line(stores: tuple[Finsam, Finsam, Path]) -> None:
    source, fresh, path = stores
    sie = read(path.read_bytes())
    accounts = {fields[0]: fields[1] for fields in sie.all("#KONTO")}
    result_accounts = {n: name for n, name in accounts.items() if n[0] in "345678"}
    args = ("report", "resultatrakning", "--year", "2024")
    before, after = source.json(*args), fresh.json(*args)
    for key in ("income", "costs", "result"):
        assert after[key] == before[key], key
    assert before["result"] == 236_500_00
    # the source's lines carry the account's name, the fresh store's the id made of it
    by_name = outcome_by_number(before, {name: n for n, name in result_accounts.items()})
    by_id = outcome_by_number(after, {line_id(name): n for n, name in result_accounts.items()})
    assert by_id == by_name
    # and both are the file's own #RES, in öre (the sign: SIE credits income)
    res = {n: int(abs(amount) * 100) for n, amount in sie.balances("#RES", "0").items()}
    assert by_name == res


def budget_by_number(statement: dict[str, Any], number_of: dict[str, str]) -> dict[str, int]:
    return {number_of[x[key]]: x["budget"] for x in statement["lines"] if x["budget"]
            for key in ("line", "name") if x[key] in number_of}  # fmt: skip


def test_the_budget_comes_back_without_a_decision(stores: tuple[Finsam, Finsam, Path]) -> None:
    """The file's #PBUDGET (tests/test_sie_periods.py) is the year's budget in the fresh
    store, line by line, recorded without a decision: the file holds none."""
    source, fresh, path = stores
    sie = read(path.read_bytes())
    accounts = {fields[0]: fields[1] for fields in sie.all("#KONTO") if fields[0][0] in "345678"}
    args = ("report", "resultatrakning", "--year", "2024")
    before, after = source.json(*args), fresh.json(*args)
    by_name = budget_by_number(before, {name: n for n, name in accounts.items()})
    assert budget_by_number(after, {line_id(name): n for n, name in accounts.items()}) == by_name
    # both are the file's own #PBUDGET, the months summed, in öre
    pbudget: dict[str, Decimal] = {}
    for (_, account), amount in sie.periods("#PBUDGET", "0").items():
        pbudget[account] = pbudget.get(account, Decimal(0)) + amount
    assert by_name == {n: int(abs(amount) * 100) for n, amount in pbudget.items()}
    totals = ("budget", "--year", "2024", "--as-of", "2024-12-31")
    budget_before, budget_after = source.json(*totals), fresh.json(*totals)
    for key in ("income_total", "cost_total", "balance", "from_equity"):
        assert budget_after[key] == budget_before[key], key
    assert budget_before["income_total"] == 2_832_000_00  # the example's budget 2024
    assert all(line["paragraphs"] == [] for line in budget_after["lines"])


def test_the_fresh_stores_own_export_closes_alike(
    stores: tuple[Finsam, Finsam, Path], tmp_path: Path
) -> None:
    _, fresh, path = stores
    again = tmp_path / "again.se"
    fresh("export", "sie", "--year", "2024", "--output", str(again))
    first, second = read(path.read_bytes()), read(again.read_bytes())
    assert second.first("#ORGNR") == [ORGNR]
    assert second.first("#FNAMN") == ["Samordningsförbundet Sollefteå"]
    for label in ("#IB", "#UB"):
        assert second.balances(label, "0") == first.balances(label, "0"), label
    budgets = [sum(sie.periods("#PBUDGET", "0").values()) for sie in (first, second)]
    assert budgets == [0, 0]  # the budget balances, here as there
    total = sum(first.balances("#RES", "0").values())
    assert sum(second.balances("#RES", "0").values()) == total == Decimal(-236_500)


def test_importing_it_again_adds_nothing(stores: tuple[Finsam, Finsam, Path]) -> None:
    _, fresh, path = stores
    events = fresh.events()
    assert "imported 0 of 96" in fresh("import-sie", str(path)).output
    assert fresh.events() == events


def test_an_empty_store_asks_for_the_members(
    stores: tuple[Finsam, Finsam, Path], tmp_path: Path
) -> None:
    empty = Finsam(str(tmp_path / "empty.db"))
    result = empty.fails("import-sie", str(stores[2]))
    assert "SIE-filen namnger inte dess huvudmän: ange dem med --member" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert empty.events() == 0


def test_the_store_it_came_from_holds_it_all(stores: tuple[Finsam, Finsam, Path]) -> None:
    """Its own export, every series, is what the source holds: nothing is booked twice
    (and its closed year is not touched)."""
    source, _, path = stores
    events = source.events()
    out = source("import-sie", str(path)).output
    assert "imported 0 of 96 verifications for solleftea, 96 imported before" in out
    assert source.events() == events
