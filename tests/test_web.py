"""`finsam serve`: every route through Starlette's test client, on the Sollefteå example
and on a small store made here.

Figures (seeds, examples/solleftea-2024.toml): SFI was referred back on 2023-11-23 and
granted 998 000 kr on 2023-12-20 (§71, "medfinansiering för 2024 beviljades 20 december
med 998 tkr"); SamCoach was granted 775 000 kr on 2023-11-23 (§64).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from starlette.testclient import TestClient

from finsam_es.errors import InvalidInput
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam
from web import pages
from web.app import CSP, ReadOnly, create_app
from web.serve import check_host, is_loopback

TODAY = date(2025, 3, 1)
BASE = "http://localhost"  # a name the view answers to by default (loopback)
ROUTES = [
    "/",
    "/meetings",
    "/meetings/2023-11-23",
    "/paragraphs/2023/71",
    "/budget/2024",
    "/insatser",
    "/insatser/sfi",
    "/log",
    "/board",
    "/explain?figure=equity",
]


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("web") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


@pytest.fixture(scope="module")
def client(solleftea: Finsam) -> Iterator[TestClient]:
    with TestClient(create_app(FinsamApp(solleftea.db), today=lambda: TODAY), base_url=BASE) as c:
        yield c


def with_clocks(route: str, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{route}{'&' if '?' in route else '?'}{query}"


def sfi_status(html: str) -> str:
    row = re.search(r'<tr id="insats-sfi">.*?<td class="status">([^<]*)</td>', html, re.S)
    assert row, "the overview lists SFI"
    return row.group(1)


def test_finsam_help_does_not_load_the_web_stack() -> None:
    import subprocess
    import sys

    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, cli.main; print(sorted(m for m in sys.modules "
         "if m.split('.')[0] in ('starlette', 'uvicorn', 'playwright', 'jinja2')))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert loaded.stdout.strip() == "[]"


@pytest.mark.parametrize("route", ROUTES)
def test_every_page_answers_with_both_clocks_and_a_policy(client: TestClient, route: str) -> None:
    plain = client.get(route)
    assert plain.status_code == 200, plain.text
    assert plain.headers["content-security-policy"] == CSP
    clocked = client.get(with_clocks(route, as_of="2024-06-30", known_at="position:150"))
    assert clocked.status_code == 200, clocked.text
    assert "Visar läget per 2024-06-30" in clocked.text
    assert "loggposition 150" in clocked.text
    # links on the page keep the clocks
    assert "as_of=2024-06-30&amp;known_at=position%3A150" in clocked.text


def test_the_overview_shows_sfi_referred_back_then_granted(client: TestClient) -> None:
    assert sfi_status(client.get("/?as_of=2023-12-19").text) == "återremitterad"
    granted = client.get("/?as_of=2023-12-20").text
    assert sfi_status(granted) == "beviljad"
    assert "998 000 kr" in client.get("/insatser/sfi?as_of=2023-12-20").text


def test_the_insats_timeline_runs_from_application_to_payments(client: TestClient) -> None:
    html = client.get("/insatser/sfi?as_of=2024-12-31").text
    steps = re.findall(r"<time>([^<]*)</time> <strong>([^<]*)</strong>", html)
    names = [what for _day, what in steps]
    assert names.index("Ansökan inkom") < names.index("Återremitterad") < names.index("Beviljad")
    assert ("2023-12-20", "Beviljad") in steps
    assert "Belastat" in names and "Utbetalning" in names
    # 998 000 kr over the twelve months of 2024: 83 166,67 kr a month, to the öre
    charged = re.findall(r'Belastat</strong> <span class="amount">([^<]*)</span>', html)
    assert len(charged) == 12


def test_every_figure_links_to_its_explanation_and_on_to_the_paragraph(
    client: TestClient,
) -> None:
    overview = client.get("/?as_of=2024-12-31").text
    link = re.search(r'<tr id="insats-sfi">.*?<a class="figure" href="([^"]*)"', overview, re.S)
    assert link and "figure=insats%3Asfi%3Acharged" in link.group(1)
    explained = client.get(link.group(1).replace("&amp;", "&")).text
    assert "998 000 kr" in explained  # charged by the end of 2024: the whole grant
    para = re.search(r'<a class="para" href="([^"]*)">§2023:71</a>', explained)
    assert para
    paragraph = client.get(para.group(1).replace("&amp;", "&")).text
    assert "<h1>§71 (2023)" in paragraph
    # and the paragraph's page lists what it changed, each figure a link again
    assert "figure=insats%3Asfi%3Acharged" in paragraph


def test_the_minutes_are_the_protokoll_with_each_paragraph_linked(client: TestClient) -> None:
    html = client.get("/meetings/2023-12-20").text
    assert '<article class="protokoll">' in html
    assert re.search(r'<h2 id="p71"><a href="/paragraphs/2023/71">§71 ', html)


def test_the_last_day_of_appeal_is_the_same_in_the_list_and_the_minutes(
    client: TestClient, solleftea: Finsam
) -> None:
    # KL 13:5 (through lag 2003:1210 28 §): three weeks from the anslag of 2023-12-01
    [row] = [r for r in solleftea.json("meetings") if r["date"] == "2023-11-23"]
    assert (row["posted"], row["appeal_last_day"]) == ("2023-12-01", "2023-12-22")
    listed = client.get("/meetings").text
    assert "<td>2023-12-01</td>\n<td>2023-12-22</td>" in listed
    assert "2023-12-22" in client.get("/meetings/2023-11-23").text


def test_health_gives_the_head_position(client: TestClient, solleftea: Finsam) -> None:
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json()["position"] == solleftea.events() > 0


@pytest.mark.parametrize(
    ("route", "parameter"),
    [
        ("/?as_of=2023-13-01", "as_of"),
        ("/log?known_at=yesterday", "known_at"),
        ("/log?known_at=position:999999", "known_at"),
        ("/?known_at=2000-01-01", "known_at"),  # before anything was recorded
        ("/explain?figure=nonsense", "figure"),
        ("/explain", "figure"),
        ("/log?limit=many", "limit"),
        ("/meetings/2023-02-30", "date"),
        ("/budget/twenty", "year"),
        ("/budget/123456", "year"),
        ("/budget/1", "year"),
        ("/?as_of=0001-01-01", "as_of"),
        ("/paragraphs/2023/x", "number"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client: TestClient, route: str, parameter: str) -> None:
    answer = client.get(route)
    assert answer.status_code == 400
    assert f"Fel i parametern {parameter}" in answer.text
    assert answer.headers["content-security-policy"] == CSP


def test_what_does_not_exist_is_a_404(client: TestClient) -> None:
    assert client.get("/meetings/2023-01-01").status_code == 404
    assert client.get("/insatser/nothing").status_code == 404
    assert client.get("/no/such/page").status_code == 404


def test_a_failure_shows_no_stack_trace(solleftea: Finsam, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> pages.Page:
        raise RuntimeError("secret detail")

    monkeypatch.setitem(pages.PAGES, "/board", broken)
    app = create_app(FinsamApp(solleftea.db), today=lambda: TODAY)
    answer = TestClient(app, raise_server_exceptions=False, base_url=BASE).get("/board")
    assert answer.status_code == 500
    assert "Traceback" not in answer.text and "secret detail" not in answer.text
    assert answer.headers["content-security-policy"] == CSP


def test_no_request_can_append_an_event(client: TestClient, solleftea: Finsam) -> None:
    before = solleftea.events()
    for route in [*ROUTES, "/health"]:
        client.get(with_clocks(route, as_of="2024-12-31"))
        client.post(route)  # no route takes a POST but the token form
    assert solleftea.events() == before
    store = FinsamApp(solleftea.db)
    create_app(store)
    with pytest.raises(ReadOnly):
        store.save()
    with pytest.raises(ReadOnly):
        store.recorder.insert_events([])


@pytest.fixture
def small(finsam: Finsam) -> Finsam:
    members = ("fk:state:50%", "rvn:region:25%", "k:municipality:25%")
    finsam("forbund", "create", "s", "--name", "S", *(a for m in members for a in ("--member", m)))
    finsam("meeting", "open", "2024-02-15")
    finsam("paragraph", "add", "2024-02-15", "--title", "<script>alert(1)</script>")
    return finsam


def test_all_text_is_escaped(small: Finsam) -> None:
    client = TestClient(create_app(FinsamApp(small.db), today=lambda: TODAY), base_url=BASE)
    for route in ("/meetings/2024-02-15", "/paragraphs/2024/1", "/log"):
        html = client.get(route).text
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_permalink_shows_the_same_page_after_more_is_recorded(small: Finsam) -> None:
    client = TestClient(create_app(FinsamApp(small.db), today=lambda: TODAY), base_url=BASE)
    page = client.get("/meetings/2024-02-15")
    link = re.search(r'<a href="([^"]*)" id="permalink">', page.text)
    assert link
    pinned = link.group(1).replace("&amp;", "&")
    first = client.get(pinned).text
    small("paragraph", "add", "2024-02-15", "--title", "Tillkommen")
    assert "Tillkommen" in client.get("/meetings/2024-02-15").text
    assert client.get(pinned).text == first


def test_with_a_token_every_request_must_carry_it(small: Finsam) -> None:
    client = TestClient(
        create_app(FinsamApp(small.db), token="s3cret", today=lambda: TODAY), base_url=BASE
    )
    refused = client.get("/")
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert client.get("/health").status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.post("/login", data={"token": "wrong"}).status_code == 401
    client.post("/login", data={"token": "s3cret"}, follow_redirects=False)
    assert client.get("/board").status_code == 200  # the form's cookie


def test_off_loopback_the_server_needs_a_token(finsam: Finsam) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    with pytest.raises(InvalidInput, match="FINSAM_WEB_TOKEN"):
        check_host("0.0.0.0", None)
    check_host("0.0.0.0", "s3cret")
    refused = finsam.fails("serve", "--host", "0.0.0.0")
    assert refused.stderr.count("\n") == 1 and "--token" in refused.stderr
