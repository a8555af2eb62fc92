"""finsam's SIE 4E export read by a reader written from the specification
(tests/sie_reader.py), and import-sie refusing what it must not book.

Figures from seeds/solleftea-arsredovisning-2024.txt through the example: equity
584 026 kr at 2023-12-31 (1.1) and the result 236 500 kr of 2024. In January 2024
the members paid the first half-year's driftbidrag, 1 416 000 kr, of which one month,
4 x 59 000 = 236 000 kr, was due: 1 180 000 kr is prepaid income, not a receivable.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

import pytest

from finsam_es.chart import BALANCE_NUMBERS
from tests.conftest import EXAMPLES, ON_POSTGRES, Finsam, postgres_database
from tests.sie_reader import Sie, read
from tests.test_exports import without_bookings

ORGNR = "222000-1842"  # check digit 2 by Luhn (tests/test_orgnr.py shows the sum)
DATES = ("2024-01-31", "2024-06-30", "2024-12-31")


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("sie-spec") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("forbund", "orgnr", ORGNR)
    return finsam


def export(finsam: Finsam, tmp: Path, as_of: str) -> bytes:
    path = tmp / f"s-{as_of}.se"
    finsam("export", "sie", "--year", as_of[:4], "--as-of", as_of, "--output", str(path))
    return path.read_bytes()


def test_the_file_names_the_forbund_its_chart_and_both_years(
    solleftea: Finsam, tmp_path: Path
) -> None:
    sie = read(export(solleftea, tmp_path, "2024-12-31"))
    assert sie.first("#ORGNR") == [ORGNR]
    assert sie.first("#FNAMN") == ["Samordningsförbundet Sollefteå"]
    assert sie.first("#KPTYP") == ["Kommun-BAS"]
    assert sie.first("#SIETYP") == ["4"]
    assert ["0", "20240101", "20241231"] in sie.all("#RAR")
    assert ["-1", "20230101", "20231231"] in sie.all("#RAR")


def test_the_text_is_code_page_437_without_control_characters(
    solleftea: Finsam, tmp_path: Path
) -> None:
    data = export(solleftea, tmp_path, "2024-12-31")
    assert not [b for b in data.replace(b"\r\n", b"") if b < 0x20 or b == 0x7F]
    sie = read(data)
    texts = [v.text for v in sie.verifications]
    # a paragraph reference keeps its meaning without the § glyph
    assert any("(par. 2023:64)" in t for t in texts)
    assert "Driftbidrag första halvåret 2024 (FK, AF, RVN, Sollefteå kommun)" in texts


@pytest.mark.parametrize("as_of", DATES)
def test_closing_balances_are_the_balance_sheet(
    solleftea: Finsam, tmp_path: Path, as_of: str
) -> None:
    sie = read(export(solleftea, tmp_path, as_of))
    sheet = solleftea.json("report", "balansrakning", "--as-of", as_of)
    expected = {str(BALANCE_NUMBERS[r["account"]]): r["amount"] for r in sheet["assets"]}
    expected |= {str(BALANCE_NUMBERS[r["account"]]): -r["amount"] for r in sheet["liabilities"]}
    closing = {k: int(v * 100) for k, v in sie.balances("#UB", "0").items()}
    result = sum(sie.balances("#RES", "0").values())
    # equity in #UB is the year's opening equity; the year's result is in #RES
    expected["2010"] = -sheet["equity"] - int(result * 100)
    assert closing == {k: v for k, v in expected.items() if v}
    assert all(v >= 0 for k, v in closing.items() if k.startswith("1"))


def test_prepaid_driftbidrag_is_prepaid_income(solleftea: Finsam, tmp_path: Path) -> None:
    closing = read(export(solleftea, tmp_path, "2024-01-31")).balances("#UB", "0")
    assert "1510" not in closing  # no negative receivable
    assert closing["2970"] == -(Decimal(1_416_000) - 4 * Decimal(59_000))


def test_both_years_balance_and_follow_on(solleftea: Finsam, tmp_path: Path) -> None:
    sie = read(export(solleftea, tmp_path, "2024-12-31"))
    for year in ("0", "-1"):
        assert (
            sum(sie.balances("#UB", year).values()) + sum(sie.balances("#RES", year).values()) == 0
        )
    assert sie.balances("#IB", "0") == sie.balances("#UB", "-1")
    assert sie.balances("#IB", "0")["2010"] == Decimal(-584_026)
    assert sum(sie.balances("#RES", "0").values()) == Decimal(-236_500)


def test_each_verification_balances_and_the_results_are_their_sum(
    solleftea: Finsam, tmp_path: Path
) -> None:
    sie: Sie = read(export(solleftea, tmp_path, "2024-12-31"))
    per_account: dict[str, Decimal] = {}
    for v in sie.verifications:
        assert sum(amount for _, _, amount in v.trans) == 0, (v.series, v.number)
        for account, _, amount in v.trans:
            per_account[account] = per_account.get(account, Decimal(0)) + amount
    results = {k: v for k, v in per_account.items() if k[0] in "345678" and v}
    assert results == sie.balances("#RES", "0")


# -- import-sie refuses ---------------------------------------------------------------

HEAD = "#FLAGGA 0\r\n#SIETYP 4\r\n#ORGNR {orgnr}\r\n#RAR 0 20240101 20241231\r\n"
VER = '#VER A 1 20240305 "Ränta"\r\n{\r\n#TRANS 1930 {} 120.50\r\n#TRANS 8410 {} -120.50\r\n}\r\n'


@pytest.fixture(scope="module")
def open_year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Finsam]:
    """The example with 2024 open, on the backend of this run (the refusals below are
    issue 26's cases, which hold on both)."""
    tmp = tmp_path_factory.mktemp("sie-refuse")
    with ExitStack() as stack:
        db = stack.enter_context(postgres_database()) if ON_POSTGRES else str(tmp / "r.db")
        finsam = Finsam(db)
        finsam("import", str(without_bookings(tmp)))
        finsam("forbund", "orgnr", ORGNR)
        yield finsam


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "är ingen SIE-fil"),
        (bytes(range(256)) * 4, "går inte att läsa som SIE-text"),
        ((HEAD.format(orgnr=ORGNR) + VER).encode("utf-16"), "går inte att läsa som SIE-text"),
        (b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n",
         "är ingen SIE-fil"),
        (HEAD.format(orgnr=ORGNR).encode(), "inga verifikationer"),
        ((HEAD.format(orgnr="556677-8899") + VER).encode(), "organisationsnummer 556677-8899"),
        ((HEAD.format(orgnr=ORGNR) + VER.replace("20240305", "20230305")).encode(),
         "f.si:5: verifikation A 1 (2023-03-05) ligger utanför filens räkenskapsår"),
        ((HEAD.format(orgnr=ORGNR).replace("2024", "2019") + VER.replace("2024", "2019")).encode(),
         "f.si:5: verifikation A 1 är från 2019, men solleftea har inget räkenskapsår 2019"),
        ((HEAD.format(orgnr=ORGNR) + VER.replace("}\r\n", "") + VER.replace("A 1", "A 2")).encode(),
         "f.si:5: verifikationen A 1 saknar sin avslutande } före nästa #VER på rad 9"),
        ((HEAD.format(orgnr=ORGNR) + VER + VER.replace("120.50", "99.00")).encode(),
         "f.si:10: verifikation A 1 finns redan på rad 5 med annat innehåll"),
        # numbers Python's int() cannot read or reads at a cost: refused before converting
        ((HEAD.format(orgnr=ORGNR) + VER.replace("120.50", "9" * 5000)).encode(),
         "f.si:7: an amount of 5000 digits is beyond the largest amount finsam accepts"),
        ((HEAD.format(orgnr=ORGNR) + VER.replace("1930", "¹⁹³⁰")).encode(),
         "f.si:7: '¹⁹³⁰' is not an account number (at most 10 digits 0-9)"),
        ((HEAD.format(orgnr=ORGNR) + VER.replace("1930", "١٩٣٠")).encode(),
         "f.si:7: '١٩٣٠' is not an account number (at most 10 digits 0-9)"),
        ((HEAD.format(orgnr=ORGNR) + VER.replace("1930", "1" * 5000)).encode(),
         "f.si:7: '111111111111111111111111… (5000 characters)' is not an account number"),
        # the dates every command is held to (1900-01-01 to 2199-12-31), the file's
        # #RAR included, before any rule of the year is asked
        ((HEAD.format(orgnr=ORGNR).replace("#RAR 0 20240101 20241231\r\n", "")
          + VER.replace("20240305", "99991231")).encode(),
         "f.si:4: 9999-12-31 is outside the dates finsam accepts (1900-01-01 to 2199-12-31)"),
        ((HEAD.format(orgnr=ORGNR).replace("#RAR 0 20240101 20241231\r\n", "")
          + VER.replace("20240305", "00010101")).encode(),
         "f.si:4: 0001-01-01 is outside the dates finsam accepts (1900-01-01 to 2199-12-31)"),
        # the example states its formation (created = 2005-11-01): nothing before it
        ((HEAD.format(orgnr=ORGNR).replace("#RAR 0 20240101 20241231\r\n", "")
          + VER.replace("20240305", "20051031")).encode(),
         "f.si:4: verifikation A 1 (2005-10-31) ligger före förbundets bildande (2005-11-01)"),
        ((HEAD.format(orgnr=ORGNR).replace("20241231", "99991231") + VER).encode(),
         "f.si:4: 9999-12-31 is outside the dates finsam accepts"),
        ((HEAD.format(orgnr=ORGNR) + VER.replace("A 1", "A " + "1" * 5000)).encode(),
         "f.si:5: #VER's number '111111111111111111111111… (5000 characters)' is longer"),
    ],
    ids=[
        "empty", "random-bytes", "utf-16", "passwd", "header-only", "other-orgnr",
        "outside-rar", "year-not-kept", "unclosed", "duplicate", "amount-5000-digits",
        "superscript-account", "arabic-indic-account", "account-5000-digits",
        "dated-9999-12-31", "dated-0001-01-01", "before-formation", "rar-9999",
        "number-5000-digits",
    ],
)  # fmt: skip
def test_what_is_not_this_forbunds_sie_is_refused_in_one_line(
    open_year: Finsam, tmp_path: Path, data: bytes, says: str
) -> None:
    path = tmp_path / "f.si"
    path.write_bytes(data)
    events = open_year.events()
    result = open_year.fails("import-sie", str(path))
    assert says in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert open_year.events() == events


def test_dev_zero_and_a_huge_file_are_refused_at_once(open_year: Finsam, tmp_path: Path) -> None:
    """The read is bounded (commands/sie_file.MAX_SIE_BYTES): /dev/zero never ends and a
    disk image is refused after 64 MiB, not when memory runs out."""
    from commands.sie_file import MAX_SIE_BYTES

    huge = tmp_path / "huge.si"
    with huge.open("wb") as file:  # sparse: one byte past the bound, nothing on disk
        file.truncate(MAX_SIE_BYTES + 1)
    events = open_year.events()
    for path in (Path("/dev/zero"), huge):
        started = time.monotonic()
        result = open_year.fails("import-sie", str(path))
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            f"error: {path}: större än en SIE-fil finsam läser (64 MiB)"
        ]
        assert time.monotonic() - started < 10
    assert open_year.events() == events


def test_the_same_verification_twice_alike_is_booked_once(
    open_year: Finsam, tmp_path: Path
) -> None:
    path = tmp_path / "twice.si"
    path.write_bytes((HEAD.format(orgnr=ORGNR) + VER + VER).encode())
    assert "imported 1 of 1" in open_year("import-sie", str(path)).output


def test_the_whole_export_into_a_store_with_the_decisions_adds_the_bookings(
    tmp_path: Path,
) -> None:
    """A store with the same decisions holds series D and U already (its own export
    writes them alike): the whole file adds the bookings alone, and every statement,
    budget and year before included, is the source's."""
    source = Finsam(str(tmp_path / "s.db"))
    source("import", str(EXAMPLES / "solleftea-2024.toml"))
    path = tmp_path / "s.se"
    source("export", "sie", "--year", "2024", "--output", str(path))
    fresh = Finsam(str(tmp_path / "fresh.db"))
    fresh("import", str(without_bookings(tmp_path)))
    out = fresh("import-sie", str(path)).output
    # 36 of series B; 52 of D and 8 of U the store derives alike from its decisions
    assert "imported 36 of 96 verifications for solleftea, 60 imported before" in out
    for statement in ("resultatrakning", "kassaflode"):
        args = ("report", statement, "--year", "2024")
        assert fresh.json(*args) == source.json(*args), statement
    args = ("report", "balansrakning", "--as-of", "2024-12-31")
    assert fresh.json(*args) == source.json(*args)


def test_a_derived_entry_the_store_does_not_hold_is_refused_naming_what_to_do(
    tmp_path: Path,
) -> None:
    """A row of series D the store's decisions do not give alike is not booked into a
    store that derives those from its decisions: the receivables row says so instead
    of calling 1510 unknown."""
    source = Finsam(str(tmp_path / "s.db"))
    source("import", str(EXAMPLES / "solleftea-2024.toml"))
    path = tmp_path / "s.se"
    source("export", "sie", "--year", "2024", "--output", str(path))
    # the January allocation under a number the store's own export does not give it
    path.write_bytes(path.read_bytes().replace(b"#VER D 1 ", b"#VER D 901 "))
    fresh = Finsam(str(tmp_path / "fresh.db"))
    fresh("import", str(without_bookings(tmp_path)))
    events = fresh.events()
    result = fresh.fails("import-sie", str(path))
    assert "a debit on the members' receivables (1510) is the allocation falling due" in (
        result.output
    )
    assert "--series" in result.output and len(result.output.strip().splitlines()) == 1
    assert fresh.events() == events
