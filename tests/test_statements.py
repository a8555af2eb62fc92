"""The statements of `finsam report` on the Sollefteå 2024 example against the
published annual report (seeds/solleftea-arsredovisning-2024.txt), to the tkr.

Resultaträkning (section 2, "Belopp i tkr"): verksamhetens intäkter 2 832, kostnader
-2 650, verksamhetens resultat 182, finansiella intäkter 56, finansiella kostnader -1,
årets resultat 237. Balanskravsresultat 237 (1.5). Eget kapital 2024-12-31 820 526 kr,
2023-12-31 584 026 kr, eget kapital/medlemsintäkter 29 % (1.1). Driftredovisning
(section 5): budget netto 0, deviation 237; per line as the "Netto" column.
Insatser (1.5): Beredningsgruppen beviljat 10 000, förbrukat 8 113, ej förbrukat 1 887;
BIP 120 000 / 0 / 120 000.

The balance sheet at 2023-12-31 is the published one (the example records the
balances as transfers), and so is the one at 2024-12-31: the example pays SFI's
fourth quarter and part of SamCoach's in December, leaving the published 177 tkr of
interim debts. The previous-year column and the five-year overview come from the
published figures of 2020-2023 the example records (`[[earlier_years]]`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Finsam


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("statements") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def tkr(ore: int) -> int:
    return int((Decimal(ore) / 100_000).quantize(Decimal(1), ROUND_HALF_UP))


def report(finsam: Finsam, name: str, *args: str) -> Any:
    return finsam.json("report", name, "--year", "2024", *args)


def test_resultatrakning_has_the_contracts_keys_and_the_published_result(
    solleftea: Finsam,
) -> None:
    r = report(solleftea, "resultatrakning", "--as-of", "2024-12-31")
    assert set(r) == {"year", "as_of", "lines", "income", "costs", "result"}
    assert set(r["lines"][0]) == {"line", "name", "kind", "budget", "outcome", "previous"}
    assert (r["year"], r["as_of"]) == (2024, "2024-12-31")
    assert r["result"] == 23_650_000  # 236 500 kr
    lines = {x["line"]: x for x in r["lines"]}
    assert lines["ranteintakter"]["name"] == "Ränteintäkter"
    assert tkr(lines["ranteintakter"]["outcome"]) == 56
    assert tkr(lines["bankkostnader"]["outcome"]) == 1
    assert r["income"] - r["costs"] == r["result"]


def test_resultatrakning_table_matches_the_published_one_in_tkr(solleftea: Finsam) -> None:
    out = solleftea("report", "resultatrakning", "--year", "2024", "--unit", "tkr").stdout
    published = {
        "Verksamhetens intäkter": "2 832",
        "Verksamhetens kostnader": "-2 650",
        "Verksamhetens resultat": "182",
        "Finansiella intäkter": "56",
        "Finansiella kostnader": "-1",
        "Årets resultat": "237",
    }
    # columns: label, budget 2024, outcome 2024, outcome 2023 (Babel: no-break spaces)
    cells = {
        cols[0]: cols for cols in (re.split(r" {2,}", line.strip()) for line in out.splitlines())
    }
    for label, figure in published.items():
        assert cells[label][2] == figure.replace(" ", "\xa0"), (label, cells[label])
    assert "│" not in out and "━" not in out  # piped: no box-drawing characters


def test_balansrakning_balances_and_shows_the_published_equity(solleftea: Finsam) -> None:
    for day in ("2024-01-31", "2024-06-30", "2024-12-31", "2025-01-31"):
        b = solleftea.json("report", "balansrakning", "--as-of", day)
        assert set(b) == {"as_of", "assets", "liabilities", "equity", "total"}
        assets = sum(a["amount"] for a in b["assets"])
        liabilities = sum(x["amount"] for x in b["liabilities"])
        assert assets == b["total"] == liabilities + b["equity"], day
    end = solleftea.json("report", "balansrakning", "--as-of", "2024-12-31")
    assert end["equity"] == 82_052_600  # 820 526 kr
    assert [a["account"] for a in end["assets"]] == [
        "bank",
        "receivables",
        "other_receivables",
        "prepaid_costs",
    ]
    assert [x["account"] for x in end["liabilities"]] == [
        "accrued_costs",
        "prepaid_income",
        "other_liabilities",
    ]
    # Of Q4 (SamCoach 193 750, SFI 249 500) and the praktikinformatör's 22 750, the example
    # pays SFI's 249 500 and 39 266 of SamCoach's in December: accrued costs at year end
    # 193 750 - 39 266 + 22 750 = 177 234 kr; published: kortfristiga skulder 177,23 tkr,
    # kassa och bank 980,03 tkr, summa tillgångar 997,76 tkr.
    accrued = {x["account"]: x["amount"] for x in end["liabilities"]}["accrued_costs"]
    assert accrued == 17_723_400
    closing = {r["account"]: tkr(r["amount"]) for r in end["assets"]}
    assert (closing["bank"], tkr(end["total"])) == (980, 998)
    after = solleftea.json("report", "balansrakning", "--as-of", "2025-01-31")
    # paid on 2025-01-20; what is accrued on 2025-01-31 is the praktikinformatör's January,
    # 91 000 kr over 12 months = 7 583,33 kr
    assert {x["account"]: x["amount"] for x in after["liabilities"]}["accrued_costs"] == 758_333
    # 2023-12-31, the published column in tkr: fordringar 12,53, kassa och bank 1 236,30,
    # summa tillgångar 1 248,83, eget kapital 584,03, kortfristiga skulder 664,81
    start = solleftea.json("report", "balansrakning", "--as-of", "2023-12-31")
    opening = {r["account"]: tkr(r["amount"]) for r in (*start["assets"], *start["liabilities"])}
    assert (opening["other_receivables"], opening["bank"]) == (13, 1236)
    assert opening["other_liabilities"] == 665
    assert (tkr(start["total"]), tkr(start["equity"])) == (1249, 584)
    # 2024-12-31: fordringar 17,73 tkr (Not 4, fordran moms)
    assert {r["account"]: tkr(r["amount"]) for r in end["assets"]}["other_receivables"] == 18


def test_driftredovisning_matches_the_published_netto_and_deviation(solleftea: Finsam) -> None:
    d = report(solleftea, "driftredovisning")
    assert tkr(d["netto"]) == 237 and d["budget"] == 0 and tkr(d["deviation"]) == 237
    netto = {x["line"]: tkr(x["netto"]) for x in d["lines"]}
    # section 5, "Netto" of Utfall 2024
    assert netto["driftbidrag"] == 2832
    assert netto["samcoach"] == -775
    assert netto["sfi"] == -998
    assert netto["bip"] == 0
    assert netto["psykiatriveckan"] == -44
    assert netto["styrelsen"] == -102
    assert netto["kansli"] == -648
    budget = {x["line"]: tkr(x["budget"]) for x in d["lines"]}
    assert budget["bip"] == -120 and budget["kansli"] == -667 and budget["styrelsen"] == -65


def test_balanskrav_is_the_published_237_tkr(solleftea: Finsam) -> None:
    b = report(solleftea, "balanskrav")
    assert tkr(b["balanskrav_result"]) == 237
    assert b["balanskrav_result"] == b["result"]


def test_oversikt_has_the_published_equity_and_ratio(solleftea: Finsam) -> None:
    o = report(solleftea, "oversikt")
    years = {y["year"]: y for y in o["years"]}
    assert sorted(years) == [2020, 2021, 2022, 2023, 2024]
    assert years[2024]["equity"] == 82_052_600  # 820 526
    assert years[2023]["equity"] == 58_402_600  # 584 026
    assert years[2024]["allocation"] == 283_200_000  # 2 832 000
    assert years[2024]["result"] == 23_650_000  # 236 500
    assert round(years[2024]["equity_ratio"] * 100) == 29
    assert tkr(years[2024]["costs"]) == -2650  # -2 649 734 kr in the seed


def test_insatser_table_matches_the_published_sections(solleftea: Finsam) -> None:
    t = report(solleftea, "insatser")
    lines = {x["line"]: x for x in t["lines"]}
    assert (lines["beredningsgruppen"]["granted"], lines["beredningsgruppen"]["used"]) == (
        1_000_000,
        811_300,
    )
    assert lines["beredningsgruppen"]["unused"] == 188_700  # 1 887 kr
    assert (lines["bip"]["used"], lines["bip"]["unused"]) == (0, 12_000_000)
    assert lines["samcoach"]["unused"] == 0
    assert t["granted"] - t["used"] == t["unused"]


def test_kassaflode_explains_the_change_in_cash(solleftea: Finsam) -> None:
    k = report(solleftea, "kassaflode")
    assert k["result"] == 23_650_000
    # published: kortfristiga fordringar -5,21 tkr, likvida medel vid årets början 1 236,30
    assert tkr(k["receivables_change"]) == -5 and tkr(k["cash_start"]) == 1236
    # published: kortfristiga skulder -487,57, årets kassaflöde -256,28, vid årets slut 980,03
    assert tkr(k["liabilities_change"]) == -488
    assert (tkr(k["cash_flow"]), tkr(k["cash_end"])) == (-256, 980)
    assert k["cash_end"] - k["cash_start"] == k["cash_flow"]
    assert k["operating"] == k["result"] + k["receivables_change"] + k["liabilities_change"]


def test_a_half_year_shows_half_of_a_periodised_line_and_all_of_a_one_off(
    solleftea: Finsam,
) -> None:
    r = report(solleftea, "resultatrakning", "--period", "h1")
    assert r["as_of"] == "2024-06-30"  # the period's end by default
    lines = {x["line"]: x for x in r["lines"]}
    assert lines["driftbidrag"]["budget"] == 141_600_000  # 2 832 000 / 2
    assert lines["kansli"]["budget"] == 33_350_000  # 667 000 / 2
    # SamCoach is charged month by month: periodised; Psykiatriveckan is not: one-off
    assert lines["samcoach"]["budget"] == 38_750_000  # 775 000 / 2
    assert lines["psykiatriveckan"]["budget"] == 6_000_000
    # kansli kv 1 and kv 2: 161 950 + 161 950
    assert lines["kansli"]["outcome"] == 32_390_000


def test_the_view_and_the_fold_give_the_same_statements(solleftea: Finsam) -> None:
    for name in ("resultatrakning", "balansrakning", "oversikt", "kassaflode"):
        assert report(solleftea, name) == report(solleftea, name, "--fold")


def test_csv_has_a_header_and_kr_with_two_decimals(solleftea: Finsam) -> None:
    out = solleftea("report", "balansrakning", "--as-of", "2024-12-31", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    # the previous year's end beside it: equity 584 026 kr at 2023-12-31 (seed 1.1)
    assert rows[0] == ["statement", "post", "2024-12-31", "2023-12-31", "forbund", "orgnr"]
    equity = next(r for r in rows if r[1] == "Eget kapital")
    # every row names the förbund, and its organisation number (the example gives none)
    assert equity[2:] == ["820526.00", "584026.00", "Samordningsförbundet Sollefteå", ""]


def test_markdown_formats_the_swedish_way(solleftea: Finsam) -> None:
    out = solleftea("report", "balanskrav", "--year", "2024", "--format", "markdown").stdout
    assert "| = Balanskravsresultat | 236\xa0500,00 |" in out


def test_xlsx_has_one_sheet_per_statement_with_numbers(solleftea: Finsam, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    solleftea("report", "all", "--year", "2024", "--format", "xlsx", "--output", str(path))
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        workbook = z.read("xl/workbook.xml").decode()
        first = z.read("xl/worksheets/sheet1.xml").decode()
    # seven statements, the overview in two sheets and the balanskrav with its
    # utredning (the deficits of 2021 and 2023, tests/test_balanskrav.py)
    assert len(sheets) == 9
    assert 'name="Resultaträkning"' in workbook and 'name="Balansräkning"' in workbook
    assert "<v>2832000</v>" in first  # verksamhetens intäkter as a number, in kr


def test_xlsx_without_output_is_one_line_error(solleftea: Finsam) -> None:
    result = solleftea.fails("report", "balansrakning", "--format", "xlsx")
    assert "--output" in result.output


@pytest.mark.parametrize(
    ("args", "row_start", "cells"),
    [
        # budget: driftbidrag 2 832 000 kr (section 5, Budget 2024)
        (("budget", "--year", "2024"), "Budget,driftbidrag", ["2832000.00"]),
        # result: kansli outcome 647 807 kr, budget 667 000 kr
        (("result", "--year", "2024"), "Utfall,kansli", ["667000.00", "647807.00", "19193.00"]),
        # equity: 820 526 kr at the end of 2024 (1.1)
        (("equity",), "Eget kapital,Eget kapital,", ["820526.00"]),
        # insatser: BIP 120 000 kr granted, none used
        (("interventions",), "Insatser,bip,", ["120000.00", "0.00"]),
    ],
)
def test_the_money_questions_also_answer_in_csv(
    solleftea: Finsam, args: tuple[str, ...], row_start: str, cells: list[str]
) -> None:
    out = solleftea(*args, "--as-of", "2024-12-31", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "statement"
    row = next(r for r in rows if ",".join(r).startswith(row_start))
    for cell in cells:
        assert cell in row, (row, cell)


def test_the_money_questions_write_xlsx_and_markdown(solleftea: Finsam, tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    solleftea(
        "budget", "--year", "2024", "--as-of", "2024-12-31", "--format", "xlsx", "-o", str(path)
    )
    with zipfile.ZipFile(path) as z:
        assert "<v>2832000</v>" in z.read("xl/worksheets/sheet1.xml").decode()
    md = solleftea("equity", "--as-of", "2024-12-31", "--format", "markdown").stdout
    assert "| Eget kapital | 820\xa0526,00 |" in md


def test_a_chart_file_overrides_the_numbers_and_so_the_grouping(
    solleftea: Finsam, tmp_path: Path
) -> None:
    chart = tmp_path / "kontoplan.toml"
    # bank fees as an operating cost (6570 in BAS) rather than a financial one
    chart.write_text('[lines]\nbankkostnader = 6570\n[names]\n6570 = "Bankkostnader"\n')
    out = solleftea(
        "report", "resultatrakning", "--year", "2024", "--unit", "tkr", "--chart", str(chart)
    ).stdout
    cells = {
        cols[0]: cols for cols in (re.split(r" {2,}", line.strip()) for line in out.splitlines())
    }
    # -2 649 734 - 1 300 = -2 651 034 kr
    assert cells["Verksamhetens kostnader"][2] == "-2\xa0651"
    assert cells["Finansiella kostnader"][2] == "0"
    sie = tmp_path / "s.se"
    solleftea("export", "sie", "--year", "2024", "--chart", str(chart), "--output", str(sie))
    assert '#KONTO 6570 "Bankkostnader"' in sie.read_bytes().decode("cp437")


def test_a_broken_chart_file_is_one_line(solleftea: Finsam, tmp_path: Path) -> None:
    chart = tmp_path / "kontoplan.toml"
    chart.write_text("[lines]\nbankkostnader = 'sex'\n")
    result = solleftea.fails("report", "resultatrakning", "--year", "2024", "--chart", str(chart))
    assert "kontoplan.toml: not a chart file" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_previous_year_is_the_published_2023(solleftea: Finsam) -> None:
    # section 2, column 2023: intäkter 2 832, kostnader -2 983, verksamhetens resultat
    # -151, finansiella intäkter 36, finansiella kostnader -2, årets resultat -117
    r = report(solleftea, "resultatrakning")
    income = sum(x["previous"] for x in r["lines"] if x["kind"] == "income")
    costs = sum(x["previous"] for x in r["lines"] if x["kind"] == "cost")
    assert (tkr(income), tkr(costs), tkr(income - costs)) == (2868, 2985, -117)
    previous = {x["line"]: x["previous"] for x in r["lines"]}
    assert tkr(previous["ranteintakter"]) == 36 and tkr(previous["bankkostnader"]) == 2
    # section 5, "Utfall 2023 Netto": Andra insatser -1 061, kansli -412
    netto = {x["line"]: tkr(x["previous"]) for x in report(solleftea, "driftredovisning")["lines"]}
    assert (netto["andra-insatser"], netto["kansli"], netto["samcoach"]) == (-1061, -412, -710)


def test_the_overview_shows_the_published_earlier_years(solleftea: Finsam) -> None:
    years = {y["year"]: y for y in report(solleftea, "oversikt")["years"]}
    # 1.1: utgående eget kapital 820 526, 584 026, 701 119, 679 029, 800 473 kr
    equity = [years[y]["equity"] for y in (2024, 2023, 2022, 2021, 2020)]
    assert equity == [82_052_600, 58_402_600, 70_111_900, 67_902_900, 80_047_300]
    # årets resultat 236 500, -117 094, 22 091, -125 937, 336 545 kr
    assert [years[y]["result"] // 100 for y in (2023, 2022, 2021, 2020)] == [
        -117_094,
        22_091,
        -125_937,
        336_545,
    ]
    assert years[2022]["allocation"] == 283_800_000 and years[2021]["costs"] == -298_756_500
    # eget kapital/medlemsintäkter 21 %, 25 %, 24 %, 28 %; soliditet 47 % in 2023
    # (584 026 / 1 248 836) and 2022 (701 119 / 1 502 980); 2021 and 2020 unknown
    ratios = [round(years[y]["equity_ratio"] * 100) for y in (2023, 2022, 2021, 2020)]
    assert ratios == [21, 25, 24, 28]
    assert round(years[2023]["solidity"] * 100) == round(years[2022]["solidity"] * 100) == 47
    assert years[2021]["solidity"] is None
