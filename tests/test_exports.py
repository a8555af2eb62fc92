"""Exchange with the books on the Sollefteå 2024 example: SIE 4E out and back in,
SIE files from other programs (UTF-8 or PC8), and hledger and beancount journals whose
balances are finsam's (hledger itself checks them when it is installed).

Figures: equity 820 526 kr at 2024-12-31 and the result 236 500 kr
(seeds/solleftea-arsredovisning-2024.txt); the example's 33 [[bookings]] are the
verifications of series B with its three [[transfers]] of 2024; the accrued costs of
177 234 kr at year end are what is left of SamCoach's Q4 (193 750 - 39 266 paid in
December) + the praktikinformatör's 22 750, paid on 2025-01-20.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Finsam

DATES = ("2024-01-31", "2024-06-30", "2024-10-15", "2024-12-31", "2025-01-31")


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("exports") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


@pytest.fixture(scope="module")
def sie(solleftea: Finsam, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sie") / "solleftea-2024.se"
    solleftea("export", "sie", "--year", "2024", "--output", str(path))
    return path


def without_bookings(tmp: Path) -> Path:
    """The example without its [[bookings]], and with 2024 still open (no annual report
    adopted), so the bookings can come from a SIE file instead."""
    text = (EXAMPLES / "solleftea-2024.toml").read_text(encoding="utf-8")
    text = re.sub(r"\[\[bookings\]\]\n(?:[a-z]+ = [^\n]*\n)*", "", text)
    # the transfers of 2024 are bookings too; those of 2023 are the opening balances
    text = re.sub(
        r"\[\[transfers\]\]\n(?:[a-z]+ = [^\n]*\n)*",
        lambda m: "" if "on = 2024" in m.group(0) else m.group(0),
        text,
    )
    closing = '[[meetings.paragraphs.effects]]\ndo = "adopt_annual_report"\nyear = 2024\n'
    assert closing in text
    path = tmp / "no-bookings.toml"
    path.write_text(text.replace(closing, ""), encoding="utf-8")
    return path


def records(path: Path, tag: str) -> list[list[str]]:
    text = path.read_bytes().decode("cp437").replace("\x15", "§")
    return [line.split() for line in text.splitlines() if line.startswith(tag + " ")]


def ore(amount: str) -> int:
    return int(Decimal(amount) * 100)


def test_sie_is_pc8_4e_with_chart_balances_and_verifications(sie: Path) -> None:
    data = sie.read_bytes()
    assert "Sollefteå".encode("cp437") in data  # å is 0x86 in code page 437
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\x15" not in data  # § is written "par. ", not as DOS's glyph byte
    text = data.decode("cp437")
    for header in ("#FLAGGA 0", "#FORMAT PC8", "#SIETYP 4", "#RAR 0 20240101 20241231"):
        assert header in text
    assert '#KONTO 1930 "Kassa och bank"' in text
    assert '#KONTO 3010 "Driftbidrag"' in text and "#KTYP 3010 I" in text
    closing = {r[2]: ore(r[3]) for r in records(sie, "#UB") if r[1] == "0"}
    result = {r[2]: ore(r[3]) for r in records(sie, "#RES") if r[1] == "0"}
    assert -sum(result.values()) == 23_650_000  # the year's result, 236 500 kr
    assert sum(closing.values()) + sum(result.values()) == 0
    assert closing["2990"] == -17_723_400  # accrued costs, 177 234 kr
    assert {r[2]: ore(r[3]) for r in records(sie, "#IB") if r[1] == "0"}["2010"] == -58_402_600
    bookings = [r for r in records(sie, "#VER") if r[1] == "B"]
    assert len(bookings) == 36  # the example's 33 [[bookings]] and 3 [[transfers]] of 2024
    assert re.search(r'#VER D \d+ 20240131 "SamCoach: januari 2024 \(par. 2023:64\)"', text)


def test_every_verification_balances(sie: Path) -> None:
    text = sie.read_bytes().decode("cp437").replace("\x15", "§")
    blocks = re.findall(r"#VER [^\n]*\r\n\{\r\n(.*?)\r\n\}\r\n", text, re.S)
    assert blocks
    for block in blocks:
        assert sum(ore(line.split()[-1]) for line in block.splitlines()) == 0


def test_round_trip_gives_the_same_result_and_balance_sheet(
    solleftea: Finsam, sie: Path, make_finsam: object, tmp_path: Path
) -> None:
    fresh = Finsam(str(tmp_path / "fresh.db"))
    fresh("import", str(without_bookings(tmp_path)))
    out = fresh("import-sie", str(sie), "--series", "B").output
    assert "imported 36 of 36 verifications" in out
    assert fresh.json("report", "resultatrakning", "--year", "2024") == solleftea.json(
        "report", "resultatrakning", "--year", "2024"
    )
    for day in DATES:
        args = ("report", "balansrakning", "--as-of", day)
        assert fresh.json(*args) == solleftea.json(*args), day
    # again: every verification was imported before, nothing is added
    events = fresh.events()
    assert "imported 0 of 36" in fresh("import-sie", str(sie), "--series", "B").output
    assert fresh.events() == events


SIE_FROM_ELSEWHERE = """#FLAGGA 0
#PROGRAM "Visma" 1.0
#FORMAT PC8
#SIETYP 4
#VER A 7 20240305 "Ränta februari"
{
#TRANS 1930 {} 120.50
#TRANS 8410 {} -120.50
}
#VER A 8 20240306 "Kansli, faktura 12"
{
#TRANS 6020 {1 "10"} 1000.00
#TRANS 1930 {} -1000.00
}
"""


@pytest.mark.parametrize("encoding", ["utf-8", "cp437"])
def test_a_file_from_another_program_is_read_as_utf8_or_pc8(tmp_path: Path, encoding: str) -> None:
    finsam = Finsam(str(tmp_path / "f.db"))
    finsam("import", str(without_bookings(tmp_path)))
    path = tmp_path / "visma.si"
    path.write_bytes(SIE_FROM_ELSEWHERE.encode(encoding))
    finsam("import-sie", str(path))
    result = {
        x["line"]: x for x in finsam.json("report", "resultatrakning", "--year", "2024")["lines"]
    }
    assert result["ranteintakter"]["outcome"] == 12_050  # 120,50 kr
    assert result["kansli"]["outcome"] == 100_000  # 1 000 kr
    journal = finsam("export", "hledger", "--as-of", "2024-12-31").stdout
    assert "Ränta februari" in journal


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("#TRANS 2440 {} -1000.00", "visma.si:13: account 2440 is neither a budget line"),
        ("#TRANS 1930 {} -999.00", "visma.si:10: verification A 8 does not balance"),
        ("#TRANS 1930 {} -1000,00", "visma.si:13: '-1000,00' is not an amount"),
    ],
)
def test_a_wrong_file_is_refused_whole_naming_its_line(
    tmp_path: Path, row: str, message: str
) -> None:
    finsam = Finsam(str(tmp_path / "f.db"))
    finsam("import", str(without_bookings(tmp_path)))
    path = tmp_path / "visma.si"
    path.write_text(SIE_FROM_ELSEWHERE.replace("#TRANS 1930 {} -1000.00", row), encoding="utf-8")
    events = finsam.events()
    result = finsam.fails("import-sie", str(path))
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert finsam.events() == events  # the first verification, fine, is not stored either


def test_hledger_journal_has_the_paragraph_in_the_note(solleftea: Finsam) -> None:
    journal = solleftea("export", "hledger", "--as-of", "2025-12-31").stdout
    assert re.search(r"^2024-01-31 \(D\d+\) SamCoach: januari 2024 \| §2023:64$", journal, re.M)
    assert "Tjänsteköp förbundschef och administration kv 1" in journal


def balances_by_finsam(finsam: Finsam, day: str) -> dict[str, int]:
    sheet = finsam.json("report", "balansrakning", "--as-of", day)
    names = {"bank": "assets:bank", "receivables": "assets:receivables"}
    names |= {"accrued_costs": "liabilities:accrued_costs"}
    names |= {
        "other_receivables": "assets:other_receivables",
        "other_liabilities": "liabilities:other",
    }
    out = {names[r["account"]]: r["amount"] for r in sheet["assets"] if r["account"] in names}
    out |= {
        names[r["account"]]: -r["amount"] for r in sheet["liabilities"] if r["account"] in names
    }
    return {k: v for k, v in out.items() if v}


@pytest.mark.skipif(
    shutil.which("hledger") is None, reason="hledger is not installed (make test installs it)"
)
def test_hledger_balances_equal_finsams_on_several_dates(solleftea: Finsam, tmp_path: Path) -> None:
    path = tmp_path / "s.journal"
    for day in DATES:
        # the journal as of the day: a later decision may change earlier months' charges
        solleftea("export", "hledger", "--as-of", day, "--output", str(path))
        end = (date.fromisoformat(day) + timedelta(days=1)).isoformat()  # -e is exclusive
        run = subprocess.run(
            ["hledger", "-f", str(path), "bal", "-e", end, "--flat", "-N", "-O", "csv"],
            capture_output=True,
            text=True,
            check=True,
        )
        rows = list(csv.reader(io.StringIO(run.stdout)))[1:]
        theirs = {a: ore(b.split()[0]) for a, b in rows}
        ours = balances_by_finsam(solleftea, day)
        assert {a: theirs.get(a, 0) for a in ours} == ours, day
        equity = solleftea.json("report", "balansrakning", "--as-of", day)["equity"]
        assert (
            -sum(
                v for a, v in theirs.items() if a.split(":")[0] in ("equity", "income", "expenses")
            )
            == equity
        )


def test_beancount_transactions_balance(solleftea: Finsam) -> None:
    text = solleftea("export", "beancount", "--as-of", "2025-12-31").stdout
    assert 'option "operating_currency" "SEK"' in text
    assert "open Liabilities:Accrued-costs SEK" in text
    assert 'paragraf: "2023:64"' in text
    for block in re.split(r"\n\n", text):
        legs = re.findall(r"^  [A-Z]\S+\s+(-?\d+\.\d\d) SEK$", block, re.M)
        assert sum(ore(x) for x in legs) == 0


def test_a_two_row_verification_on_a_balance_account_is_a_transfer(tmp_path: Path) -> None:
    finsam = Finsam(str(tmp_path / "t.db"))
    finsam("import", str(without_bookings(tmp_path)))
    before = finsam.json("report", "balansrakning", "--as-of", "2024-12-31")
    path = tmp_path / "t.si"
    # a cost not yet paid (6010 styrelsen against 2890 other liabilities), 9 600 kr
    path.write_text(
        '#FLAGGA 0\n#SIETYP 4\n#VER A 1 20241231 "Arvoden december"\n{\n#TRANS 6010 {} 9600.00\n'
        "#TRANS 2890 {} -9600.00\n}\n",
        encoding="utf-8",
    )
    finsam("import-sie", str(path))
    after = finsam.json("report", "balansrakning", "--as-of", "2024-12-31")

    def owed(sheet: dict[str, Any]) -> int:
        return int({x["account"]: x["amount"] for x in sheet["liabilities"]}["other_liabilities"])

    assert owed(after) - owed(before) == 960_000
    assert after["equity"] == before["equity"] - 960_000


def test_a_line_outside_the_budget_still_gets_an_account_number(tmp_path: Path) -> None:
    finsam = Finsam(str(tmp_path / "o.db"))
    finsam("import", str(without_bookings(tmp_path)))
    # booked with a warning: 'utbildning' is not in the 2024 budget
    finsam("book", "cost", "utbildning", "5000", "--on", "2024-05-31", "--text", "Kurs")
    path = tmp_path / "o.se"
    finsam("export", "sie", "--year", "2024", "--output", str(path))
    konto = {r[1] for r in records(path, "#KONTO")}
    trans = [line for line in path.read_bytes().decode("cp437").splitlines() if "#TRANS" in line]
    assert "0" not in konto
    assert not any(line.split()[1] == "0" for line in trans)
    assert any(line.split()[1] in konto and line.endswith(" 5000.00") for line in trans)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('#VER A 1 2024013 "x"\n{\n}\n', "bad.si:1: '2024013' is not a date (YYYYMMDD)"),
        (
            '#VER A 1 20240131 "x"\n{\n#TRANS 1930 {} 1.00\n',
            "bad.si:1: verifikationen A 1 saknar sin avslutande }",
        ),
        ("#TRANS 1930 {} 1.00\n", "bad.si:1: #TRANS outside a verification"),
        ("#VER A\n", "bad.si:1: #VER needs a series, a number and a date"),
    ],
)
def test_a_malformed_sie_file_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    finsam = Finsam(str(tmp_path / "m.db"))
    finsam("import", str(without_bookings(tmp_path)))
    path = tmp_path / "bad.si"
    path.write_text(text, encoding="utf-8")
    result = finsam.fails("import-sie", str(path))
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_unwritable_outputs_are_one_line(solleftea: Finsam, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    for args in (
        ("export", "sie", "--year", "2024", "--output", str(missing / "x.se")),
        (
            "report",
            "all",
            "--year",
            "2024",
            "--format",
            "xlsx",
            "--output",
            str(missing / "x.xlsx"),
        ),
        ("report", "annual", "--year", "2024", "--output", str(missing / "x.pdf")),
    ):
        result = solleftea.fails(*args)
        assert "cannot write" in result.output and len(result.output.strip().splitlines()) == 1
