"""Issue 24, item 1: every csv, workbook and PDF finsam writes names the förbund and its
organisation number. The csv files are read with Python's csv module in both styles
(the last two columns of every row), the workbooks' shared strings and the PDFs' text
(pypdf) are searched for the number. The Sollefteå example is given the number
222000-1842 (check digit 2 by Luhn, tests/test_orgnr.py) and, so that every list has a
row, a diarium entry, a report text, a forecast and a public meeting's kallelse.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import msgspec
import pytest
from pypdf import PdfReader

from projections.minutes import MinutesDocument
from projections.signing import canonical
from tests.conftest import EXAMPLES, Finsam

NAME = "Samordningsförbundet Sollefteå"
ORGNR = "222000-1842"
CALLED = "2025-06-12"  # a public meeting called in the fixture

# every command that writes csv, with the arguments that give it rows
CSV_COMMANDS = {
    "statements": ("report", "resultatrakning", "--year", "2024", "--as-of", "2024-12-31"),
    "budget": ("budget", "--year", "2024", "--as-of", "2024-12-31"),
    "result": ("result", "--year", "2024", "--as-of", "2024-12-31"),
    "equity": ("equity", "--as-of", "2024-12-31"),
    "interventions": ("interventions", "--as-of", "2024-12-31"),
    "bookings": ("bookings", "--year", "2024"),
    "decisions": ("decisions", "--year", "2024"),
    "diarium": ("diarium", "--year", "2024", "--as-of", "2024-12-31"),
    "goals": ("goals", "--year", "2024", "--as-of", "2024-12-31"),
    "participants": ("participants", "--year", "2024", "--as-of", "2025-12-31"),
    "forecast": ("forecast", "--year", "2024", "--as-of", "2024-09-30"),
    "earlier-years": ("earlier-years", "--before", "2024"),
    "report-texts": ("report-texts", "--year", "2024", "--as-of", "2025-12-31"),
    "meetings": ("meetings", "--year", "2024"),
    "uppfoljning": ("export", "uppfoljning", "--year", "2024"),
}


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("orgnr") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("forbund", "orgnr", ORGNR)
    finsam("diarium", "register", "--on", "2024-10-15", "--direction", "in",
           "--party", "Arbetsförmedlingen", "--subject", "Ansökan SFI-stöd")  # fmt: skip
    finsam("report-text", "ekonomi", "--year", "2024", "--on", "2025-02-13", "--text", "Utkast.")
    finsam("follow-up", "forecast", "--year", "2024", "--on", "2024-08-31",
           "--line", "kansli:640000")  # fmt: skip
    finsam("agenda", "call", "--date", CALLED, "--sent", "2025-05-28", "--time", "13.00",
           "--place", "Kommunhuset", "--public", "--item", "Budget 2026")  # fmt: skip
    return finsam


def read_csv(data: bytes, style: str) -> list[list[str]]:
    if style == "standard":
        return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert data.startswith("\ufeff".encode())  # UTF-8 with a BOM, as Swedish Excel wants it
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("style", ["standard", "sv"])
@pytest.mark.parametrize("command", sorted(CSV_COMMANDS))
def test_every_csv_row_ends_with_the_forbund_and_its_orgnr(
    solleftea: Finsam, command: str, style: str
) -> None:
    args = (*CSV_COMMANDS[command], "--format", "csv", "--csv-style", style)
    rows = read_csv(solleftea(*args).stdout_bytes, style)
    heads = [r for r in rows if r[0] in ("statement", "Rapport")] or rows[:1]
    owner_columns = ["forbund", "orgnr"] if style == "standard" else ["Förbund", "Org.nr"]
    assert all(head[-2:] == owner_columns for head in heads)
    body = [r for r in rows if r not in heads]
    assert body, f"{command} gave no rows to check"
    assert all(r[-2:] == [NAME, ORGNR] for r in body)
    assert {len(r) for r in rows} == {len(rows[0])}  # the same columns on every row


# the lists with English headers in the standard style (the statements' and the money
# questions' sheets have Swedish column titles in both; Uppföljning Finsam keeps
# Försäkringskassan's names, which docs/reports.md lists)
LISTS: tuple[str, ...] = ("bookings", "decisions", "diarium", "goals", "participants", "forecast")
LISTS += ("earlier-years", "report-texts", "meetings")


@pytest.mark.parametrize("command", LISTS)
def test_the_sv_style_names_the_columns_in_swedish(solleftea: Finsam, command: str) -> None:
    args = (*CSV_COMMANDS[command], "--format", "csv", "--csv-style")
    standard = read_csv(solleftea(*args, "standard").stdout_bytes, "standard")[0]
    sv = read_csv(solleftea(*args, "sv").stdout_bytes, "sv")[0]
    assert len(sv) == len(standard)
    assert not set(sv) & set(standard)  # not one header left in English


def test_the_setting_chooses_the_style_of_a_list(solleftea: Finsam) -> None:
    args = ("meetings", "--year", "2024", "--format", "csv")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FINSAM_CSV_STYLE", "sv")
        rows = read_csv(solleftea(*args).stdout_bytes, "sv")
        # the call overrides the setting
        standard = read_csv(solleftea(*args, "--csv-style", "standard").stdout_bytes, "standard")
    assert rows[0][-2:] == ["Förbund", "Org.nr"]
    assert standard[0][-2:] == ["forbund", "orgnr"]


def test_amounts_in_a_list_are_kronor_with_a_decimal_comma_in_sv(solleftea: Finsam) -> None:
    args = ("earlier-years", "--before", "2024", "--format", "csv")
    standard = read_csv(solleftea(*args).stdout_bytes, "standard")
    sv = read_csv(solleftea(*args, "--csv-style", "sv").stdout_bytes, "sv")
    # the same exact kronor: 2 838 000 kr allocated in each year before 2022
    assert standard[1][:2] == ["2020", "2838000.00"]
    assert sv[1][:2] == ["2020", "2838000,00"]


@pytest.mark.parametrize(
    "args",
    [
        ("report", "all", "--year", "2024", "--as-of", "2024-12-31"),
        ("budget", "--year", "2024", "--as-of", "2024-12-31"),
        ("export", "uppfoljning", "--year", "2024"),
    ],
    ids=["statements", "budget", "uppfoljning"],
)
def test_every_sheet_names_the_forbund_under_its_title(
    solleftea: Finsam, tmp_path: Path, args: tuple[str, ...]
) -> None:
    path = tmp_path / "book.xlsx"
    solleftea(*args, "--format", "xlsx", "--output", str(path))
    with zipfile.ZipFile(path) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        index = strings.split("<si>")[1:].index(f"<t>{NAME}, org.nr {ORGNR}</t></si>")
        # the second row's first cell (A2) of every sheet holds that string
        for name in sheets:
            sheet = book.read(name).decode()
            assert f'<c r="A2" t="s"><v>{index}</v></c>' in sheet


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize(
    "args",
    [
        ("minutes", "2024-02-15"),
        ("paragraph", "extract", "2024", "3"),
        ("agenda", "show", CALLED, "--as-of", "2025-05-28"),
        ("agenda", "kungorelse", CALLED, "--as-of", "2025-05-28"),
    ],
    ids=["protokoll", "protokollsutdrag", "kallelse", "kungorelse"],
)
def test_the_board_documents_print_the_orgnr_under_the_name(
    solleftea: Finsam, args: tuple[str, ...]
) -> None:
    text = pdf_text(solleftea(*args, "--format", "pdf").stdout_bytes)
    # the title block: the förbund's name, then its number on the line below
    lines = text.splitlines()
    at = lines.index(f"Org.nr {ORGNR}")
    assert lines[at - 1].startswith(NAME)


@pytest.mark.parametrize("kind", ["annual", "halfyear"])
def test_the_reports_print_the_orgnr(solleftea: Finsam, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.pdf"
    solleftea("report", kind, "--year", "2024", "--output", str(path))
    assert f"Organisationsnummer {ORGNR}" in pdf_text(path.read_bytes())


def test_recording_the_orgnr_later_voids_no_signature(solleftea: Finsam) -> None:
    """The number is beside the minutes, not in what a justerare signs."""
    doc = msgspec.json.decode(solleftea("minutes", "2024-02-15", "--format", "json").stdout)
    assert doc["forbund_orgnr"] == ORGNR
    without = msgspec.convert({**doc, "forbund_orgnr": ""}, MinutesDocument)
    assert canonical(msgspec.convert(doc, MinutesDocument)) == canonical(without)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_minutes_as_text_name_the_orgnr_under_the_title(solleftea: Finsam, fmt: str) -> None:
    lines = solleftea("minutes", "2024-02-15", "--format", fmt).stdout.splitlines()
    assert NAME in lines[0] and f"Org.nr {ORGNR}" in lines[1:3]
