"""LibreOffice headless reads finsam's spreadsheets as an office would: the XLSX
workbook's every sheet without an error cell and with its labels as text, and the
--csv-style sv file into columns with å/ä/ö intact and amounts as numbers. Skipped
where LibreOffice is not installed (Debian: libreoffice-calc-nogui).

Figures (seeds/solleftea-arsredovisning-2024.txt through the example): the
balanskravsresultat 236 500 kr, equity 820 526 kr at 2024-12-31.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Finsam

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
# csv out: commas, UTF-8 (76), values not as shown (exact), every sheet (-1)
CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "Err:")


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("lo") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("forbund", "orgnr", "222000-1842")  # check digit 2 by Luhn (tests/test_orgnr.py)
    return finsam


def as_read(path: Path, out: Path, *infilter: str) -> dict[str, list[list[str]]]:
    """Every sheet of the file as LibreOffice reads it, by sheet file name."""
    assert SOFFICE is not None
    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    subprocess.run(
        [SOFFICE, "--headless", profile, *infilter, "--convert-to", CSV_OUT,
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {
        p.name: list(csv.reader(p.open(encoding="utf-8", newline="")))
        for p in out.glob(f"{path.stem}*.csv")
    }


@pytest.mark.parametrize("unit", ["kr", "tkr"])
def test_the_workbook_reads_without_an_error_cell(
    solleftea: Finsam, tmp_path: Path, unit: str
) -> None:
    path = tmp_path / "all.xlsx"
    solleftea(
        "report", "all", "--year", "2024", "--unit", unit, "--format", "xlsx", "-o", str(path)
    )
    sheets = as_read(path, tmp_path / "out")
    with zipfile.ZipFile(path) as written:  # every sheet the workbook holds was read
        names = [n for n in written.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == len(names)
    cells = [cell for rows in sheets.values() for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(ERRORS)]
    balanskrav = next(rows for name, rows in sheets.items() if "Balanskrav" in name)
    assert ["= Balanskravsresultat", "236500"] in balanskrav  # exact kronor in either unit
    # every sheet names the förbund and its organisation number under its title
    owner = "Samordningsförbundet Sollefteå, org.nr 222000-1842"
    assert {rows[1][0] for rows in sheets.values()} == {owner}


def test_the_swedish_csv_reads_into_columns(solleftea: Finsam, tmp_path: Path) -> None:
    path = tmp_path / "br.csv"
    args = ("report", "balansrakning", "--as-of", "2024-12-31", "--format", "csv")
    path.write_bytes(solleftea(*args, "--csv-style", "sv").stdout_bytes)
    # semicolons, double quotes, UTF-8, Swedish (1053) number recognition
    (rows,) = as_read(path, tmp_path / "out", "--infilter=CSV:59,34,76,1,,1053").values()
    # the BOM is not in a cell; the previous year's end beside the year's
    owner = ["Samordningsförbundet Sollefteå", "222000-1842"]
    head = ["Rapport", "Post", "2024-12-31 (kr)", "2023-12-31 (kr)", "Förbund", "Org.nr"]
    assert rows[0] == head
    assert ["Balansräkning per 2024-12-31", "Eget kapital", "820526", "584026", *owner] in rows
    receivables = ["Fordringar hos förbundsmedlemmar", "0", "0"]
    assert ["Balansräkning per 2024-12-31", *receivables, *owner] in rows


def test_a_list_in_swedish_csv_reads_into_columns_with_its_forbund(
    solleftea: Finsam, tmp_path: Path
) -> None:
    """The lists' csv (cli/owned.py) as LibreOffice reads the sv style: Uppföljning
    Finsam's rows with the kronor as numbers and the förbund last on every row."""
    path = tmp_path / "uppfoljning.csv"
    args = ("export", "uppfoljning", "--year", "2024", "--csv-style", "sv")
    path.write_bytes(solleftea(*args).stdout_bytes)
    (rows,) = as_read(path, tmp_path / "out", "--infilter=CSV:59,34,76,1,,1053").values()
    assert rows[0][0] == "insats" and rows[0][-2:] == ["Förbund", "Org.nr"]
    owner = ["Samordningsförbundet Sollefteå", "222000-1842"]
    assert all(row[-2:] == owner for row in rows[1:]) and len(rows) == 5  # four insatser
    sfi = next(row for row in rows if row[0] == "sfi")
    # 998 000 kr budget and outcome (tests/test_uppfoljning.py), read as numbers
    assert sfi[2:6] == ["individinriktad", "Sollefteå kommun", "998000", "998000"]
