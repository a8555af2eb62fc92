"""The reports as PDF beside their pages in the workspace (issue 22, item 6): every role
of the förbund downloads the annual report and the protokoll; another förbund, an
unknown report or a year outside finsam's get 404; and the pages' date fields are typed
ÅÅÅÅ-MM-DD whatever the browser's locale (text fields with a pattern, never the
browser's own date control, which shows 12/31/2024 in an English browser)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam
from tests.test_web import BASE, TODAY
from tests.workspace import WorkspaceClient
from tests.workspace_people import OTHER_FORBUND, signed_in
from web.app import create_app
from web.identity import Person

LEDAMOT = Person("bo.ledamot", {"solleftea": frozenset({"ledamot"})})


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("reports") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


@pytest.fixture(scope="module")
def ledamot(solleftea: Finsam) -> Iterator[TestClient]:
    app = create_app(FinsamApp(solleftea.db), today=lambda: TODAY, writable=True)
    with WorkspaceClient(signed_in(app, LEDAMOT), base_url=BASE) as c:
        yield c


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_budget_page_offers_the_years_reports_as_pdf(
    ledamot: TestClient, solleftea: Finsam
) -> None:
    page = ledamot.get("/forbund/solleftea/budget/2024")
    assert page.status_code == 200
    assert 'href="/forbund/solleftea/rapporter/2024/arsredovisning.pdf"' in page.text
    answer = ledamot.get("/forbund/solleftea/rapporter/2024/arsredovisning.pdf")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    text = text_of(answer.content)
    # the same document as `finsam report annual`: the förbund's name, the report's year
    shown = solleftea.json("forbund", "show")
    assert shown["name"] in " ".join(text.split()) and "2024" in text
    assert "årsredovisning" in text.lower()


def test_the_meeting_page_offers_the_protokoll_as_pdf(ledamot: TestClient) -> None:
    page = ledamot.get("/forbund/solleftea/meetings/2023-11-23")
    link = "/forbund/solleftea/sammantraden/2023-11-23/protokoll.pdf"
    assert page.status_code == 200 and f'href="{link}"' in page.text
    answer = ledamot.get(link)
    assert answer.status_code == 200 and "PROTOKOLL" in text_of(answer.content).upper()


@pytest.mark.parametrize(
    "path",
    [
        "/forbund/solleftea/rapporter/2024/hemligt.pdf",
        "/forbund/solleftea/rapporter/1899/arsredovisning.pdf",
        "/forbund/annat/rapporter/2024/arsredovisning.pdf",
    ],
)
def test_what_is_not_a_report_of_the_persons_forbund_is_404(ledamot: TestClient, path: str) -> None:
    assert ledamot.get(path).status_code == 404


def test_another_forbunds_person_gets_404(solleftea: Finsam) -> None:
    app = create_app(FinsamApp(solleftea.db), today=lambda: TODAY, writable=True)
    with TestClient(signed_in(app, OTHER_FORBUND), base_url=BASE) as c:
        answer = c.get("/forbund/solleftea/rapporter/2024/arsredovisning.pdf")
        assert answer.status_code == 404 and "Sollefteå" not in answer.text


def test_date_fields_are_typed_as_the_year_month_day_whatever_the_locale(
    ledamot: TestClient,
) -> None:
    for path in ("/forbund/solleftea/budget/2024", "/anslagstavla"):
        page = ledamot.get(path).text
        assert 'type="date"' not in page
        assert 'pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"' in page and "ÅÅÅÅ-MM-DD" in page
