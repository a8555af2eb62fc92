"""One equity verdict on every face: a förbund that sets its own limit gets the same
verdict, in the same words, from `equity --format json` and its table, the web
overview, the annual report and the audit bundle (issue 18: the browser used to judge by a hard-coded 20 %).

Figures (Sollefteå 2024, seeds/solleftea-arsredovisning-2024.txt): equity 820 526 kr at
the end of 2024 against the allocation of 2 832 000 kr: 820 526 / 2 832 000 = 0.2897,
29 %. Over the 20 % the seeds state as Nationella rådet's recommendation; within a
limit of 30 %.
"""

from __future__ import annotations

import html
import io
import json
import re
from datetime import date
from pathlib import Path

import pypdf
import pytest
from starlette.testclient import TestClient

from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam
from web.app import create_app

YEAR_END = "2024-12-31"
SOURCE = "Styrelsens beslut 2024-01-15, 30 % av medelstilldelningen"
WITHIN_30 = f"Eget kapital är 29 % av medelstilldelningen 2024, inom gränsen 30 % ({SOURCE})."
OVER_20 = (
    "Eget kapital är 29 % av medelstilldelningen 2024, över gränsen 20 % "
    "(Nationella rådets rekommendation 2013-10-02, 20 % som förbundens rapporter anger; "
    "över gränsen kan nästa års statliga medel minska)."
)


@pytest.fixture
def solleftea(tmp_path: Path) -> Finsam:
    finsam = Finsam(str(tmp_path / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def overview(finsam: Finsam) -> str:
    """The web overview at the end of 2024, as text (tags dropped, entities read)."""
    app = create_app(FinsamApp(finsam.db), today=lambda: date(2025, 3, 1))
    with TestClient(app, base_url="http://localhost") as client:
        page = client.get(f"/?as_of={YEAR_END}")
    assert page.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text)))


def annual_report_text(finsam: Finsam, out: Path) -> str:
    finsam("report", "annual", "--year", "2024", "--output", str(out))
    pages = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
    text = " ".join(page.extract_text() for page in pages)
    # typst hyphenates long words at a line's end ("medels-\ntilldelningen")
    return re.sub(r"\s+", " ", re.sub(r"(?<=[a-zåäö])-\n(?=[a-zåäö])", "", text))


def test_the_seeds_limit_is_one_verdict_on_every_face(solleftea: Finsam, tmp_path: Path) -> None:
    answer = solleftea.json("equity", "--as-of", YEAR_END)
    assert (answer["ratio"], answer["limit"], answer["over_limit"]) == (0.2897, 0.2, True)
    assert answer["verdict"] == OVER_20
    assert OVER_20 in overview(solleftea)
    assert OVER_20 in annual_report_text(solleftea, tmp_path / "a.pdf")


def test_a_limit_of_30_percent_is_one_verdict_on_every_face(
    solleftea: Finsam, tmp_path: Path
) -> None:
    solleftea(
        "forbund", "thresholds", "--on", "2024-01-15", "--equity-limit", "30%",
        "--source", SOURCE,
    )  # fmt: skip
    answer = solleftea.json("equity", "--as-of", YEAR_END)
    assert (answer["ratio"], answer["limit"], answer["over_limit"]) == (0.2897, 0.3, False)
    assert (answer["limit_source"], answer["verdict"]) == (SOURCE, WITHIN_30)
    table = solleftea("equity", "--as-of", YEAR_END)
    assert WITHIN_30 in re.sub(r"\s+", " ", table.stdout)
    assert "the limit is" not in table.stderr  # within the limit: no warning
    page = overview(solleftea)
    assert WITHIN_30 in page and "över gränsen" not in page
    report = annual_report_text(solleftea, tmp_path / "a.pdf")
    assert WITHIN_30 in report and "över gränsen" not in report
    # the auditor's bundle holds the same answer, and rebuilds it from its events alone
    bundle = tmp_path / "revision-2024"
    solleftea("audit", "export", str(bundle), "--year", "2024")
    bundled = json.loads((bundle / "reports/2024/equity.json").read_text(encoding="utf-8"))
    assert (bundled["over_limit"], bundled["verdict"]) == (False, WITHIN_30)
    assert "verified" in solleftea("audit", "verify", "--bundle", str(bundle)).stdout
