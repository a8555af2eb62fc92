"""The whole annual and half-year report (issue 23, deliverable 4): the
förvaltningsberättelse written from the records, previous-year columns, equity split,
a note per member's allocation and the signature page, read back from the PDF.

Figures (seeds/solleftea-arsredovisning-2024.txt): SFI 69 participants, 14 and 55 in its
two tracks; SamCoach 15 finished; equity 820 526 kr is 29 % of 2 832 000 kr, over the
goal of 20 % ("ej uppfylld" from the ledger); the balance sheet's 2023 column: årets
resultat -117,09 tkr and övrigt eget kapital 701,12 tkr (584 026 + 117 094 = 701 120);
each member's driftbidrag 2 832 000 / 4 = 708 000 kr. The forecast: kansli 640 000 kr
(budget 667 000) and styrelsen 100 000 kr (budget 65 000) give 27 000 - 35 000 = -8 000
kr, and equity 584 026 - 8 000 = 576 026 kr (tests/test_forecast.py).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from projections.queries import Reader
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("whole") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def imported(tmp_path: Path) -> Finsam:
    """A store of its own for a test that records more."""
    finsam = Finsam(str(tmp_path / "own.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def pdf_text(path: Path) -> list[str]:
    """Each page's text, soft hyphens and line breaks folded so phrases can be found."""
    pages = PdfReader(str(path)).pages
    return [re.sub(r"\s+", " ", p.extract_text().replace("\u00ad\n", "")) for p in pages]


@pytest.fixture(scope="module")
def annual(solleftea: Finsam, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("pdf") / "a.pdf"
    solleftea("report", "annual", "--year", "2024", "--output", str(out))
    return pdf_text(out)


def test_the_forvaltningsberattelse_has_the_seed_s_sections(annual: list[str]) -> None:
    text = " ".join(annual)
    for heading in (
        "Förvaltningsberättelse",
        "Organisation och medlemmar",
        "Styrelsen",
        "Styrelsens sammanträden",
        "Insatser",
        "Mål och måluppfyllelse",
        "Verksamhetsmål",
        "Finansiella mål",
        "Ekonomi",
    ):
        assert heading in text
    assert "bildat 2005-11-01" in text
    # the board at the year's start and the change in June (seed 1.4)
    assert "Birgitta Häggkvist Ordförande Sollefteå kommun" in text
    assert "Gudrun Sjödin utsågs till ledamot av Region Västernorrland" in text
    # the example's 2024 meetings, each with its paragraphs
    assert "Styrelsen har haft 5 protokollförda sammanträden under perioden" in text


def test_the_insatser_with_their_participants_and_goals(annual: list[str]) -> None:
    text = " ".join(annual)
    assert (
        "Antal deltagare: 69 (SFI på modersmål: 14, SFI med förstärkt läs- och skrivstöd: 55)"
        in text
    )
    assert "Kvinnor 53, män 16" in text
    assert "Antal deltagare: 56" in text and "Avslutade: 15" in text
    assert "Typ av insats: Individinriktad. Verksamhetsägare: Sollefteå kommun." in text
    assert "87 % har nått uppdragets uppsatta mål." in text
    assert "Beviljade medel 2024 998 000 kr" in text


def test_the_equity_goal_is_judged_from_the_ledger(annual: list[str]) -> None:
    text = " ".join(annual)
    assert "Ej uppfylld Eget kapital 820 526 kr är 29 % av årets medlemsbidrag 2 832 000 kr" in text
    assert "Delvis uppfylld Loksam har under 2024" in text


def test_every_statement_has_its_previous_year(annual: list[str]) -> None:
    text = " ".join(annual)
    assert "Balansräkning per 2024-12-31 2024-12-31 2023-12-31" in text
    assert "varav årets resultat 237 -117" in text
    assert "varav övrigt eget kapital 584 701" in text
    assert "Resultaträkning 2024 per 2024-12-31 Budget 2024 Utfall 2024 Utfall 2023" in text
    assert "Likvida medel vid periodens slut 980 1 236" in text
    assert "Not 6. Driftbidrag per medlem 2024 2023 Driftbidrag från Försäkringskassan 708" in text


def test_the_signature_page_has_the_board_sitting_on_the_adoption_day(
    annual: list[str],
) -> None:
    last = annual[-1]
    assert last.startswith(
        "Samordningsförbundet Sollefteå Årsredovisning 2024 Styrelsens underskrifter"
    )
    assert "Fastställd av styrelsen 2025-03-20, §13." in last
    # the ledamöter on 2025-03-20: Mikael Sjölund left in May 2024, Gudrun Sjödin took his
    # seat; Patrik Lockner was absent and Fredrik Berglund served for him at the adoption
    # (the example's minutes), so he signs in his place, as on the seed's page
    assert "Birgitta Häggkvist Ordförande Fredrik Berglund Tjänstgörande ersättare" in last
    assert "Lina Kempe Ledamot Gudrun Sjödin Ledamot" in last
    assert "Mikael Sjölund" not in last and "Patrik Lockner" not in last


def test_the_half_year_report_shows_the_forecast(tmp_path: Path) -> None:
    half = imported(tmp_path)
    half("follow-up", "forecast", "--year", "2024", "--on", "2024-08-15",
         "--line", "kansli:640000", "--line", "styrelsen:100000")  # fmt: skip
    half("report-text", "framtid", "--year", "2024", "--report", "halfyear",
         "--on", "2024-08-15", "--text", "Beslut om medelstilldelning väntas i november.")  # fmt: skip
    out = tmp_path / "h.pdf"
    # the half year as decided by 31 August: the forecast of 15 August, not the annual
    # report's follow-up of March 2025
    half("report", "halfyear", "--year", "2024", "--as-of", "2024-08-31", "--output", str(out))
    text = " ".join(pdf_text(out))
    assert "Delvis uppfylld" not in text
    # the equity goal judged on the balance day: 584 026 + the half year's 59 350 kr
    assert (
        "Eget kapital 643 376 kr är 23 % av årets medlemsbidrag 2 832 000 kr (2024-06-30)" in text
    )
    assert "Resultatet är 59 350 kr" in text
    assert "Prognos för helåret" in text
    assert "Prognostiserat resultat -8 000 kr mot budgeterat 0 kr" in text
    assert "eget kapital vid årets slut 576 026 kr, 20,3 % av medelstilldelningen" in text
    assert "Kansli 667 000 kr 323 900 kr 640 000 kr 27 000 kr" in text
    assert "Förväntad utveckling Beslut om medelstilldelning väntas i november." in text
    # a half year: half the allocation, and no signature date before adoption
    assert "Not 6. Driftbidrag per medlem 2024 2023 Driftbidrag från Försäkringskassan 354" in text
    assert "Fastställd av styrelsen" not in text


def test_the_model_before_the_follow_up_is_recorded(solleftea: Finsam) -> None:
    """On 31 December, as decided by then, the goals have no recorded assessment yet and
    the report is not adopted: nobody's signature date is printed."""
    statements = Reader(FinsamApp(solleftea.db)).at(date(2024, 12, 31)).statements
    books = statements.books(None, 2024)
    doc = statements.report_document("annual", books)
    m = doc.management
    assert m is not None and m.signing_day is None
    recorded = [g for g in m.forbund_goals if not g.by_ledger]
    assert recorded and all(g.assessment == "" and g.reason == "" for g in recorded)
    sfi = next(i for i in m.insatser if i.id == "sfi")
    assert sfi.participants is None and (sfi.granted, sfi.used) == (99_800_000, 99_800_000)


def test_result_shows_the_forecast_beside_budget_and_outcome(tmp_path: Path) -> None:
    finsam = imported(tmp_path)
    before = finsam("result", "--year", "2024", "--as-of", "2024-09-30").stdout
    assert "Prognos" not in before
    finsam("follow-up", "forecast", "--year", "2024", "--on", "2024-08-15",
           "--line", "kansli:640000", "--line", "styrelsen:100000")  # fmt: skip
    out = finsam("result", "--year", "2024", "--as-of", "2024-09-30").stdout
    kansli = next(line for line in out.splitlines() if line.strip().startswith("Kansli"))
    assert kansli.split()[-2:] == ["640\xa0000", "kr"] or kansli.rstrip().endswith("640 000 kr")
    result = next(line for line in out.splitlines() if "Årets resultat" in line)
    assert "-8 000 kr" in result.replace("\xa0", " ")
    assert "Prognos gjord 2024-08-15." in out


def test_driftredovisning_shows_the_forecast_while_the_year_runs(tmp_path: Path) -> None:
    finsam = imported(tmp_path)
    finsam("follow-up", "forecast", "--year", "2024", "--on", "2024-08-15",
           "--line", "kansli:640000", "--line", "styrelsen:100000")  # fmt: skip
    args = ("report", "driftredovisning", "--year", "2024", "--format", "json")
    running = finsam.json(*args, "--as-of", "2024-09-30")
    lines = {x["line"]: x for x in running["lines"]}
    # netto signed as the statement prints it: kansli -640 000 kr, samcoach its budget
    assert (lines["kansli"]["forecast"], lines["samcoach"]["forecast"]) == (
        -64_000_000,
        -77_500_000,
    )
    assert (running["forecast"], running["forecast_made"]) == (-800_000, "2024-08-15")
    # the half year's statement carries it too; the year's end does not
    half = finsam.json(*args, "--period", "h1")
    assert half["forecast"] == -800_000
    assert finsam.json(*args)["forecast"] is None
    csv = finsam("report", "driftredovisning", "--year", "2024", "--period", "h1",
                 "--format", "csv").stdout  # fmt: skip
    header, *_, total = csv.splitlines()
    owner = ",Samordningsförbundet Sollefteå,"  # every row names the förbund (and orgnr)
    assert header.endswith(",Prognos 2024 (2024-08-15),forbund,orgnr")
    assert total.endswith(f",-8000.00{owner}")
