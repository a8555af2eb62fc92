"""The förbund's organisation number: checked by its Luhn digit, kept by an event of
its own (stores written before it read unchanged), shown by `forbund show`.

The numbers are made here, not taken from any real förbund: 222000-184? has the
check digit of Skatteverket's rule, shown step by step in the first test.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from finsam_es.errors import InvalidInput
from finsam_es.orgnr import luhn_digit, parse_orgnr
from projections.queries import Reader
from projections.report_document import typst_source
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam

MEMBERS = (
    "--member", "fk:state:25%", "--member", "af:state:25%",
    "--member", "rvn:region:25%", "--member", "sol:municipality:25%",
)  # fmt: skip


def test_the_check_digit_is_luhns() -> None:
    # 2 2 2 0 0 0 1 8 4, every other digit from the first doubled:
    # 4 2 4 0 0 0 2 8 8 -> 28; up to the next ten: 2
    assert luhn_digit("222000184") == 2
    assert parse_orgnr("2220001842") == "222000-1842"
    assert parse_orgnr(" 222000-1842 ") == "222000-1842"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("222000-1843", "fel kontrollsiffra (den sista siffran ska vara 2)"),
        ("22200-01842", "inget organisationsnummer"),
        ("abc", "inget organisationsnummer"),
        ("", "inget organisationsnummer"),
    ],
)
def test_a_wrong_number_is_refused_in_one_line(text: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(says)) as e:
        parse_orgnr(text)
    assert "\n" not in str(e.value)


def test_create_with_orgnr_and_show_it(finsam: Finsam) -> None:
    finsam("forbund", "create", "s", "--name", "S", *MEMBERS, "--orgnr", "2220001842")
    assert finsam.json("forbund", "show")["orgnr"] == "222000-1842"
    assert finsam.json("forbund", "show", "--as-of", "2030-01-01")["orgnr"] == "222000-1842"
    assert "org.nr 222000-1842" in finsam("forbund", "show").output


def test_a_wrong_check_digit_creates_nothing(finsam: Finsam) -> None:
    result = finsam.fails(
        "forbund", "create", "s", "--name", "S", *MEMBERS, "--orgnr", "2220001843"
    )
    assert result.output.count("\n") == 1
    assert "kontrollsiffra" in result.output
    assert finsam.events() == 0


def test_a_forbund_created_without_it_is_given_it_later(finsam: Finsam) -> None:
    finsam("forbund", "create", "s", "--name", "S", *MEMBERS)
    assert finsam.json("forbund", "show")["orgnr"] == ""
    finsam("forbund", "orgnr", "222000-1842")
    assert finsam.json("forbund", "show")["orgnr"] == "222000-1842"
    assert "redan" in finsam.fails("forbund", "orgnr", "2220001842").output


def test_the_report_and_the_sie_file_carry_it(finsam: Finsam, tmp_path: Path) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("forbund", "orgnr", "222000-1842")
    statements = Reader(FinsamApp(finsam.db)).at(date(2024, 12, 31)).statements
    books = statements.books(None, 2024, period="year")
    doc = statements.report_document("annual", books)
    assert doc.orgnr == "222000-1842"
    assert "Organisationsnummer 222000-1842" in typst_source(doc)
    sie = tmp_path / "s.se"
    finsam("export", "sie", "--year", "2024", "--output", str(sie))
    assert "#ORGNR 222000-1842\r\n" in sie.read_bytes().decode("cp437")
    for kind in ("hledger", "beancount"):
        first = finsam("export", kind, "--as-of", "2024-12-31").stdout.splitlines()[0]
        assert first.startswith("; Samordningsförbundet Sollefteå (org.nr 222000-1842)")


def test_a_journal_names_it_and_a_wrong_one_imports_nothing(finsam: Finsam, tmp_path: Path) -> None:
    text = (EXAMPLES / "solleftea-2024.toml").read_text(encoding="utf-8")
    line = 'name = "Samordningsförbundet Sollefteå"\n'
    assert line in text
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text.replace(line, line + 'orgnr = "222000-1843"\n'), encoding="utf-8")
    assert "kontrollsiffra" in finsam.fails("import", str(wrong)).output
    assert finsam.events() == 0
    right = tmp_path / "right.toml"
    right.write_text(text.replace(line, line + 'orgnr = "2220001842"\n'), encoding="utf-8")
    finsam("import", str(right))
    assert finsam.json("forbund", "show")["orgnr"] == "222000-1842"
