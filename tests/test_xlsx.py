"""The Excel workbooks: texts are text (never a formula Excel or LibreOffice would
evaluate), amounts the exact kronor with a kr or tkr number format.

Figures (seeds/solleftea-arsredovisning-2024.txt through the example): the
balanskravsresultat 236 500 kr; the bank 980 030 kr at 2024-12-31.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Finsam


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("xlsx") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def workbook(finsam: Finsam, tmp: Path, unit: str) -> dict[str, str]:
    path = tmp / f"all-{unit}.xlsx"
    finsam("report", "all", "--year", "2024", "--unit", unit, "--format", "xlsx", "-o", str(path))
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode() for n in z.namelist() if n.endswith(".xml")}


@pytest.mark.parametrize("unit", ["kr", "tkr"])
def test_no_cell_is_a_formula_and_labels_are_strings(
    solleftea: Finsam, tmp_path: Path, unit: str
) -> None:
    parts = workbook(solleftea, tmp_path, unit)
    sheets = [text for name, text in parts.items() if name.startswith("xl/worksheets/")]
    assert sheets
    assert not any("<f>" in text or "<f " in text for text in sheets)
    # the label that began with "=" is a shared string, the text it says
    assert "<t>= Balanskravsresultat</t>" in parts["xl/sharedStrings.xml"]


@pytest.mark.parametrize(("unit", "code"), [("kr", "#,##0.00"), ("tkr", "#,##0,")])
def test_amounts_are_exact_kronor_in_either_unit(
    solleftea: Finsam, tmp_path: Path, unit: str, code: str
) -> None:
    parts = workbook(solleftea, tmp_path, unit)
    values = {v for text in parts.values() for v in re.findall(r"<v>([^<]*)</v>", text)}
    assert {"236500", "980030"} <= values  # not 237 or 980 in the tkr workbook
    assert f'formatCode="{code}"' in parts["xl/styles.xml"]
