"""The secretary's path through the workspace's hand layouts, in-process (issue 22,
item 4): a kallelse with two ärenden and a handling uploaded, the meeting opened from
its agenda with one ledamot at a distance and an ersättare serving, one ärende decided as
proposed and one after a vote, closed; the protokoll and its PDF show it. The same path
in chromium is tests/test_web_workspace_browser.py.

Figures: Sollefteå's board on 2025-05-22 (examples/solleftea-2024.toml): ledamöter
Birgitta Häggkvist (ordförande, Sollefteå kommun), Patrik Lockner (Arbetsförmedlingen),
Lina Kempe (Försäkringskassan), Gudrun Sjödin (Region Västernorrland); ersättare Camilla
Steen (FK), Fredrik Berglund (AF), Sandra Formgren (RVN), Susanne Lindahl (kommunen).
The example's minutes of 2025 end at §14, so the two ärenden become §15 and §16.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam
from tests.test_web import BASE, TODAY
from tests.workspace import WorkspaceClient
from tests.workspace_people import AUDITOR, SECRETARY, signed_in
from web.app import create_app

F = "/forbund/solleftea"
DAY = "2025-05-22"
MEETING = f"{F}/sammantraden/{DAY}"
CALL = {"date": DAY, "sent": "2025-05-08", "time": "13.00", "place": "Kommunhuset",
        "distance_allowed": "on",
        "items.0.title": "Ansökan Steget vidare", "items.0.proposal": "Styrelsen beviljar 100 000 kr.",
        "items.1.title": "Verksamhetsplan 2026", "items.1.proposal": "Styrelsen fastställer planen."}  # fmt: skip
HANDLING = b"%PDF-1.4 ansokan Steget vidare"
# seats in the board's order: the four ledamöter, then the four ersättare
ATTENDANCE = {"narvaro.0": "narvarande", "narvaro.1": "distans", "narvaro.2": "narvarande",
              "narvaro.3": "franvarande", "narvaro.4": "franvarande", "narvaro.5": "franvarande",
              "narvaro.6": "narvarande", "for.6": "Gudrun Sjödin", "narvaro.7": "franvarande",
              "chair": "Birgitta Häggkvist", "justerare.1": "Lina Kempe",
              "justerare.2": "Patrik Lockner", "secretary": "Anna Sekreterare",
              "place": "Kommunhuset", "time": "13.00"}  # fmt: skip
# the deciding in order: Häggkvist, Lockner, Kempe, Formgren (serving for Sjödin)
VOTE = {"yrkande.0.text": "Styrelsen fastställer planen.", "yrkande.1.text": "Ärendet återremitteras.",
        "yrkande.1.moved_by": "Lina Kempe", "kind": "open", "ja_for": "A", "nej_for": "B",
        "rost.0": "ja", "rost.1": "ja", "rost.2": "nej", "rost.3": "avstar", "reservation.2": "on"}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("secretary") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


@pytest.fixture(scope="module")
def secretary(store: Finsam) -> Iterator[TestClient]:
    app = create_app(FinsamApp(store.db), today=lambda: TODAY, writable=True)
    with WorkspaceClient(signed_in(app, SECRETARY), base_url=BASE) as c:
        yield c


def errors(html: str) -> list[str]:
    return re.findall(r'<p class="fel"[^>]*>([^<]*)</p>', html)


def posted(c: TestClient, url: str, data: dict[str, str], **kw: Any) -> str:
    """Post a form; the redirect's target (a refusal fails with its errors)."""
    answer = c.post(url, data=data, follow_redirects=False, **kw)
    assert answer.status_code == 303, errors(answer.text)
    return str(answer.headers["location"])


def test_the_secretary_records_a_meeting_from_the_kallelse_to_the_closed_minutes(
    secretary: TestClient, store: Finsam
) -> None:
    first = store.events()
    files = {"items.0.handling": ("ansokan.pdf", HANDLING)}
    assert posted(secretary, f"{F}/kallelse", CALL, files=files) == MEETING
    page = secretary.get(MEETING).text
    assert "Diarienummer 2025/1, ansokan.pdf" in page and 'id="oppna"' in page
    posted(secretary, f"{F}/act/allow-distance", {"on": "2025-01-01", "allowed": "on"})

    # an ersättare serves for a ledamot of her own member only: refused, nothing stored
    before = store.events()
    wrong = {**ATTENDANCE, "narvaro.4": "narvarande", "for.4": "Gudrun Sjödin", "narvaro.6": "franvarande", "for.6": ""}  # fmt: skip
    refused = secretary.post(f"{MEETING}/narvaro", data=wrong)
    assert refused.status_code == 400
    assert errors(refused.text) == [
        "Camilla Steen är ersättare för en annan medlem och kan inte tjänstgöra för Gudrun "
        "Sjödin (varje medlem företräds av sina egna, lag 2003:1210 10 §)."
    ]
    assert 'id="narvaro-4-narvarande" value="narvarande" checked' in refused.text
    assert store.events() == before

    assert posted(secretary, f"{MEETING}/narvaro", ATTENDANCE) == MEETING
    assert posted(secretary, f"{MEETING}/beslut/1", {}) == MEETING
    vote_page = secretary.get(f"{MEETING}/omrostning/2").text
    deciding = re.findall(r'<fieldset class="person" id="rost-\d+"><legend>([^<]+)', vote_page)
    assert deciding == ["Birgitta Häggkvist", "Patrik Lockner", "Lina Kempe", "Sandra Formgren"]
    assert posted(secretary, f"{MEETING}/omrostning/2", VOTE) == MEETING
    assert posted(secretary, f"{MEETING}/stang", {}) == MEETING
    again = secretary.post(f"{MEETING}/stang")
    assert errors(again.text) == [f"Sammanträdet {DAY} är redan stängt."]

    minutes = store.json("minutes", DAY)
    assert [p["number"] for p in minutes["paragraphs"]] == [15, 16]
    assert [p["decisions"] for p in minutes["paragraphs"]] == [
        ["Styrelsen beviljar 100 000 kr."],
        ["Styrelsen fastställer planen."],  # A won 2-1, Formgren abstaining
    ]
    assert minutes["closed"] == DAY  # closed on its day
    assert minutes["distance"] == ["Patrik Lockner"]
    serving = [a for a in minutes["beslutande"] if a["serving_for"]]
    assert serving == [{"name": "Sandra Formgren", "role": "ersättare", "serving_for": "Gudrun Sjödin"}]  # fmt: skip

    html = secretary.get(f"/meetings/{DAY}?forbund=solleftea&as_of={DAY}").text
    assert "Med 2–1 har styrelsen beslutat enligt förslag A" in html
    assert "Reservation: Lina Kempe" in html
    pdf = secretary.get(f"{MEETING}/protokoll.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # every event the path stored names the secretary's account as its actor
    made = store.events() - first
    events = store.json("log", "--limit", str(made))["events"]
    assert len(events) == made and {e["actor"] for e in events} == {SECRETARY.name}


@pytest.mark.parametrize(
    "path",
    [
        "/forbund/solleftea/sammantraden/2025-0١-01",
        "/forbund/solleftea/sammantraden/2025-02-30",
        "/forbund/solleftea/sammantraden/2099-01-01",
        "/forbund/solleftea/sammantraden/2025-03-20/omrostning/١",
        "/forbund/solleftea/sammantraden/2025-03-20/omrostning/" + "9" * 300,
        "/forbund/solleftea/sammantraden/2099-01-01/narvaro",
        "/forbund/solleftea/act/%00",
        "/forbund/%3Cscript%3E/kallelse",
    ],
)
def test_a_hostile_path_is_a_404_without_a_trace(secretary: TestClient, path: str) -> None:
    answer = secretary.get(path)
    assert answer.status_code == 404, answer.text[:300]
    assert "Traceback" not in answer.text and "<script>" not in answer.text


def test_an_auditor_reaches_no_form_of_the_path(store: Finsam) -> None:
    app = create_app(FinsamApp(store.db), today=lambda: TODAY, writable=True)
    before = store.events()
    with WorkspaceClient(signed_in(app, AUDITOR), base_url=BASE) as c:
        for url in (f"{F}/sekreterare", f"{F}/kallelse", MEETING, f"{MEETING}/narvaro"):
            assert c.get(url).status_code == 404, url
        assert c.post(f"{F}/kallelse", data=CALL).status_code == 404
        assert c.post(f"{MEETING}/stang").status_code == 404
    assert store.events() == before
