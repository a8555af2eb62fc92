"""`finsam export uppfoljning` (issue 23): one row per insats with what Uppföljning Finsam
asks, as CSV, XLSX and JSON.

Figures from seeds/solleftea-arsredovisning-2024.txt, 1.5: SamCoach "Förbrukade medel
775 000 kr", SFI "Beviljade medel 2024 998 000 kr", "Förbrukade medel 998 000 kr", 69
participants (53 women, 16 men: see tests/test_participants.py); BIP's 120 000 kr stay
unused in 2024; the praktikinformatör's 22 750 kr fell on 2024 ("varav 22 750 kr
belastade verksamhetsår 2024").
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from projections.uppfoljning import COLUMNS
from tests.conftest import EXAMPLES, Finsam


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("uppfoljning") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def test_one_csv_row_per_insats(solleftea: Finsam) -> None:
    lines = solleftea("export", "uppfoljning", "--year", "2024").output.splitlines()
    assert lines[0] == ",".join((*COLUMNS, "forbund", "orgnr"))
    rows = {line.split(",")[0]: line for line in lines[1:]}
    assert set(rows) == {"bip", "praktikinformator", "samcoach", "sfi"}
    owner = ",Samordningsförbundet Sollefteå,"  # last on every row; no orgnr recorded here
    assert rows["sfi"].endswith(
        ",individinriktad,Sollefteå kommun,998000.00,998000.00,69,53,16,0,," + owner
    )
    assert rows["samcoach"].endswith(",775000.00,775000.00,56,34,22,0,,15" + owner)
    assert rows["bip"].endswith(",120000.00,0.00,,,,,," + owner)
    assert ",22750.00,22750.00," in rows["praktikinformator"]


def test_json_and_the_documented_columns(solleftea: Finsam) -> None:
    rows = solleftea.json("export", "uppfoljning", "--year", "2024", "--as-of", "2024-12-31")
    sfi = next(r for r in rows if r["insats"] == "sfi")
    # the report came on 2025-03-20: on 2024-12-31 no participants were reported yet
    assert (sfi["budget"], sfi["utfall"], sfi["deltagare"]) == (99_800_000, 99_800_000, None)
    documented = (Path(__file__).resolve().parents[1] / "docs" / "reports.md").read_text()
    assert all(f"`{c}`" in documented for c in COLUMNS)


def test_xlsx_needs_a_file_and_holds_every_row(solleftea: Finsam, tmp_path: Path) -> None:
    result = solleftea.fails("export", "uppfoljning", "--year", "2024", "--format", "xlsx")
    assert result.output.strip() == "error: XLSX is written to a file: give --output FILE.xlsx"
    out = tmp_path / "u.xlsx"
    solleftea("export", "uppfoljning", "--year", "2024", "--format", "xlsx", "--output", str(out))
    with zipfile.ZipFile(out) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert all(name in strings for name in ("samcoach", "sfi", "bip", "insatsagare"))
    assert "<v>998000</v>" in sheet and "<v>69</v>" in sheet
