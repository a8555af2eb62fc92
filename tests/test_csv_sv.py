"""csv for Swedish Excel (--csv-style sv or FINSAM_CSV_STYLE=sv): UTF-8 with a BOM,
semicolons, decimal commas, Swedish headers naming the unit, Swedish kinds, and no text
cell a spreadsheet would take for a formula.

Figures (seeds/solleftea-arsredovisning-2024.txt through the example): equity 820 526
kr at 2024-12-31, the balanskravsresultat 236 500 kr, the first half-year's driftbidrag
1 416 000 kr paid on 2024-01-31. Every row ends with the förbund and its organisation
number (the one tests/test_sie_round_trip.py gives it, check digit by Luhn).
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.conftest import EXAMPLES, Finsam

ORGNR = "222000-1842"
OWNER = ["Samordningsförbundet Sollefteå", ORGNR]


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("csv-sv") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("forbund", "orgnr", ORGNR)
    return finsam


def rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8, å stays å
    text = data[3:].decode("utf-8")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_a_statement_in_swedish_csv(solleftea: Finsam) -> None:
    args = ("report", "balansrakning", "--as-of", "2024-12-31", "--format", "csv")
    table = rows(solleftea(*args, "--csv-style", "sv").stdout_bytes)
    head = ["Rapport", "Post", "2024-12-31 (kr)", "2023-12-31 (kr)", "Förbund", "Org.nr"]
    assert table[0] == head
    equity = next(r for r in table if r[1] == "Eget kapital")
    assert equity[0].startswith("Balansräkning") and equity[2:] == [
        "820526,00",
        "584026,00",
        *OWNER,
    ]
    assert all(len(r) == 6 and r[4:] == OWNER for r in table[1:])


def test_the_setting_chooses_the_style_and_the_call_overrides_it(
    solleftea: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("report", "balansrakning", "--as-of", "2024-12-31", "--format", "csv")
    monkeypatch.setenv("FINSAM_CSV_STYLE", "sv")
    assert solleftea(*args).stdout_bytes.startswith(b"\xef\xbb\xbf")
    standard = solleftea(*args, "--csv-style", "standard").stdout
    assert standard.startswith("statement,post,2024-12-31")
    monkeypatch.setenv("FINSAM_CSV_STYLE", "excel")
    result = solleftea.fails(*args)
    assert "FINSAM_CSV_STYLE=excel" in result.output and len(result.output.splitlines()) == 1


def test_labels_are_not_formulas(solleftea: Finsam) -> None:
    args = ("report", "balanskrav", "--year", "2024", "--format", "csv", "--csv-style", "sv")
    table = rows(solleftea(*args).stdout_bytes)
    result = [r for r in table if r[1:2] == ["'= Balanskravsresultat"]]
    assert result and result[0][1:] == ["'= Balanskravsresultat", "236500,00", *OWNER]
    # a text cell never starts like a formula; a negative amount is a number, not text
    texts = [cell for r in table for cell in r if not re.fullmatch(r"-?\d+,\d\d", cell)]
    assert not [cell for cell in texts if cell[:1] in ("=", "+", "-", "@")]


def test_bookings_in_kronor_with_swedish_kinds(solleftea: Finsam) -> None:
    args = ("bookings", "--year", "2024", "--format", "csv", "--csv-style", "sv")
    table = rows(solleftea(*args).stdout_bytes)
    head = ["Nr", "Datum", "Slag", "Rad", "Insats", "Belopp (kr)", "Text", "Paragraf"]
    assert table[0] == [*head, "Förbund", "Org.nr"]
    assert all(r[-2:] == OWNER for r in table[1:])
    first = table[1]
    assert first[1:3] == ["2024-01-31", "inbetald medelstilldelning"]
    assert first[5] == "1416000,00"
    assert {r[2] for r in table[1:]} <= {
        "kostnad", "intäkt", "inbetald medelstilldelning", "utbetalning till insats",
    }  # fmt: skip
