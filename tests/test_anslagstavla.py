"""The förbund's own digital anslagstavla (`finsam serve`'s public pages, issue 21):
the notices current on a date, each what its anslag record holds, and an Atom feed.

Figures: the Sollefteå minutes of 2023-11-23 were adjusted 2023-11-30 and posted
2023-12-01 to 2023-12-27 (examples/solleftea-2024.toml); three weeks from 2023-12-01 is
2023-12-22, a Friday, the last day of appeal (KL 13:5 through lag 2003:1210 28 §), and
the anslag may come down the day after (KL 8:12). The meeting of 2023-12-20 was posted
2024-01-04.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
from starlette.testclient import TestClient

from projections import governance_queries
from projections.anslag import Notice
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam
from tests.test_law_posting import MEETING, with_minutes
from tests.test_web import BASE, TODAY
from web.app import create_app

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("anslag") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


@pytest.fixture(scope="module")
def client(solleftea: Finsam) -> Iterator[TestClient]:
    app = create_app(FinsamApp(solleftea.db), token="s3cret", today=lambda: TODAY)
    with TestClient(app, base_url=BASE) as c:
        yield c


def notices(html: str) -> list[str]:
    return re.findall(r'<article class="notice" id="([^"]*)">', html)


def field(html: str, name: str) -> list[str]:
    return re.findall(rf"<dt>{name}</dt><dd[^>]*>([^<]*)</dd>", html)


def test_a_notice_is_up_from_its_posting_day_until_it_comes_down(client: TestClient) -> None:
    # no token: the anslagstavla is public
    shown = {d: notices(client.get(f"/anslagstavla?as_of={d}").text) for d in (
        "2023-11-30", "2023-12-01", "2023-12-22", "2023-12-26", "2023-12-27", "2024-01-04")}  # fmt: skip
    assert shown == {
        "2023-11-30": [],  # adjusted, not yet posted
        "2023-12-01": ["justering-2023-11-23"],
        "2023-12-22": ["justering-2023-11-23"],
        "2023-12-26": ["justering-2023-11-23"],
        "2023-12-27": [],  # taken down that day
        "2024-01-04": ["justering-2023-12-20"],
    }


def test_the_notice_holds_what_the_anslag_record_holds(
    client: TestClient, solleftea: Finsam
) -> None:
    html = client.get("/anslagstavla?as_of=2023-12-01").text
    [row] = [r for r in solleftea.json("meetings") if r["date"] == "2023-11-23"]
    bevis = solleftea.json("minutes", "2023-11-23")["anslag"]
    assert field(html, "Organ") == [bevis["organ"]] == ["Styrelsen, Samordningsförbundet Sollefteå"]
    assert field(html, "Sammanträdesdatum") == ["2023-11-23"]
    assert field(html, "Datum för justering") == [row["adjusted"]] == ["2023-11-30"]
    assert field(html, "Anslaget sattes upp") == [row["posted"]] == ["2023-12-01"]
    assert field(html, "Anslaget tas ned tidigast") == [bevis["take_down_earliest"]]
    assert field(html, "Anslaget tas ned tidigast") == ["2023-12-23"]
    assert field(html, "Förvaringsplats för protokollet") == [bevis["storage"]]
    last = field(html, "Sista dag för överklagande")
    assert last == [row["appeal_last_day"]] == [bevis["appeal_last_day"]] == ["2023-12-22"]
    assert "lag 2003:1210" in html and "28 §" in html and "13 kap." in html
    assert "tre veckor" in html
    assert '<html lang="sv">' in html


def test_the_page_shows_nothing_else_of_the_store(client: TestClient) -> None:
    html = client.get("/anslagstavla?as_of=2023-12-01").text
    links = set(re.findall(r'(?:href|action)="([^"?#]*)', html))
    assert links <= {"/anslagstavla", "/anslagstavla.atom", "/static/finsam.css"}
    assert "998 000" not in html and "Lina Kempe" not in html  # no money, no attendance
    # and the rest of the view still needs the token
    assert client.get("/meetings").status_code == 401


def test_the_feed_is_atom_with_the_current_notices(client: TestClient) -> None:
    answer = client.get("/anslagstavla.atom?as_of=2023-12-01")
    assert answer.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(answer.content)
    assert feed.tag == f"{A}feed"
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{A}{required}") or "").strip(), required
    assert feed.find(f"{A}author/{A}name") is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", feed.findtext(f"{A}updated") or "")
    [entry] = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}id") == "urn:finsam:anslagstavla:solleftea:justering-2023-11-23"
    assert "2023-11-23" in (entry.findtext(f"{A}title") or "")
    assert entry.findtext(f"{A}updated") == "2023-12-01T00:00:00Z"
    link = entry.find(f"{A}link")
    assert link is not None and link.get("href", "").startswith(f"{BASE}/anslagstavla")
    assert link.get("href", "").endswith("#justering-2023-11-23")
    content = entry.findtext(f"{A}content") or ""
    assert "Sista dag för överklagande: 2023-12-22" in content
    empty = ET.fromstring(client.get("/anslagstavla.atom?as_of=2023-11-30").content)
    assert empty.findall(f"{A}entry") == [] and empty.findtext(f"{A}updated")


def test_on_its_own_board_a_notice_keeps_the_own_records_dates(finsam: Finsam) -> None:
    # charter "both": the members' boards had it 02-26, the förbund's own already 02-23;
    # the own board shows its own dates, the appeal runs from the last (02-26 + 21 days)
    with_minutes(finsam)
    finsam("forbund", "charter", "--on", "2024-01-01", "--notice-boards", "both")
    finsam("meeting", "adjust", MEETING, "--on", "2024-02-22")
    finsam("meeting", "post", MEETING, "--board", "forbund", "--up", "2024-02-23",
           "--down", "2024-03-20")  # fmt: skip
    client = TestClient(create_app(FinsamApp(finsam.db), today=lambda: TODAY), base_url=BASE)
    assert notices(client.get("/anslagstavla?as_of=2024-02-23").text) == ["justering-2024-02-15"]
    # not yet on every board: no last day of appeal yet
    assert field(
        client.get("/anslagstavla?as_of=2024-02-23").text, "Sista dag för överklagande"
    ) == ["–"]
    finsam("meeting", "post", MEETING, "--up", "2024-02-26", "--down", "2024-03-19")
    html = client.get("/anslagstavla?as_of=2024-03-19").text
    assert field(html, "Anslaget sattes upp") == ["2024-02-23"]
    assert field(html, "Sista dag för överklagande") == ["2024-03-18"]
    assert notices(client.get("/anslagstavla?as_of=2024-03-20").text) == []


def test_a_kungorelse_comes_in_through_the_notice_sources(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the hook the agendas' issue fills: a public meeting made known by the förbund
    from datetime import date

    def kungorelse(f: object, records: object, as_of: date) -> list[Notice]:
        return [Notice(kind="kungorelse", key="kungorelse-2024-11-20",
                       title="Kungörelse: sammanträde med budget 2025, öppet för allmänheten",
                       organ="Styrelsen, Samordningsförbundet Sollefteå",
                       meeting=date(2024, 11, 20), up=date(2024, 11, 6), down=date(2024, 11, 21))]  # fmt: skip

    monkeypatch.setattr(governance_queries, "NOTICE_SOURCES", [kungorelse])
    html = client.get("/anslagstavla?as_of=2024-11-10").text
    assert "kungorelse-2024-11-20" in notices(html)
    assert "Kungörelse: sammanträde med budget 2025" in html
    assert notices(client.get("/anslagstavla?as_of=2024-11-21").text) == []


def test_a_paragraph_adjusted_at_once_has_its_own_notice(finsam: Finsam) -> None:
    # §2 adjusted at once on the meeting day and posted 2024-02-16 (a Friday): three weeks
    # give 2024-03-08, the same last day `paragraph show` gives (tests/test_law_posting.py)
    with_minutes(finsam)
    finsam("meeting", "adjust", MEETING, "--on", MEETING, "--paragraph", "2")
    finsam("meeting", "post", MEETING, "--paragraph", "2", "--up", "2024-02-16",
           "--down", "2024-03-11")  # fmt: skip
    client = TestClient(create_app(FinsamApp(finsam.db), today=lambda: TODAY), base_url=BASE)
    html = client.get("/anslagstavla?as_of=2024-02-16").text
    assert notices(html) == ["justering-2024-02-15-p2"]
    last = finsam.json("paragraph", "show", "2024", "2")["appeal_last_day"]
    assert field(html, "Sista dag för överklagande") == [last] == ["2024-03-08"]
    assert "Justering av protokoll §2 från sammanträdet 2024-02-15" in html
    assert notices(client.get("/anslagstavla?as_of=2024-03-11").text) == []


def test_the_page_is_well_formed_and_accessible(client: TestClient) -> None:
    # what a validator and an accessibility check look at first: every element closed
    # in order, unique ids, one h1, a language, every input labelled
    from html.parser import HTMLParser

    void = {"meta", "link", "input", "br", "img"}

    class Check(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []
            self.ids: list[str] = []
            self.h1 = 0
            self.unlabelled = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if a.get("id"):
                self.ids.append(a["id"] or "")
            self.h1 += tag == "h1"
            if tag == "input" and a.get("type") != "hidden" and "label" not in self.open:
                self.unlabelled += 1
            if tag not in void:
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing open"

    for as_of in ("2023-12-01", "2023-11-30"):
        check = Check()
        check.feed(client.get(f"/anslagstavla?as_of={as_of}").text)
        assert check.open == [] and check.h1 == 1 and check.unlabelled == 0
        assert len(check.ids) == len(set(check.ids))
