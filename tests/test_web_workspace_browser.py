"""The secretary's path in a real browser (issue 22, items 4 and 7): Debian's chromium
driven by Playwright registers an application in the diarium, writes the kallelse with
two ärenden and a handling uploaded, opens the meeting from its agenda with one ledamot
at a distance and an ersättare serving, decides one ärende as proposed and one after a
vote, closes the meeting, and reads the protokoll and its PDF. axe-core finds no WCAG
2.1 A/AA violation on any page of the path, and none scrolls sideways at 320 px.

The figures and the board are those of tests/test_web_secretary.py (the same path
in-process). The sign-in is the one fixture ``secretary_page``: until the sign-in part is
merged the server puts the secretary into each request (tests/workspace_people.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam
from tests.test_web import TODAY
from tests.test_web_secretary import CALL, DAY, HANDLING
from tests.workspace import make_account, sign_in
from tests.workspace_people import SECRETARY, serving_app
from web.app import create_app
from web.browser import CHROMIUM, FLAGS

AXE = Path(__file__).resolve().parent.parent / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
    pytest.mark.skipif(
        not AXE.exists(), reason="axe-core is not installed (make test installs it)"
    ),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("workspace") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


@pytest.fixture(scope="module")
def secretary_page(store: Finsam) -> Iterator[tuple[Any, str]]:
    """A chromium page signed in as the secretary of Sollefteå, and the server's URL."""
    from playwright.sync_api import sync_playwright

    opened = FinsamApp(store.db)
    make_account(opened, SECRETARY.name, "solleftea", "sekreterare")
    app = create_app(opened, today=lambda: TODAY, writable=True)
    with serving_app(app) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        # the CSP admits no script: the test lets its own axe in, the pages stay as served
        context = browser.new_context(locale="en-US", bypass_csp=True, accept_downloads=True)
        context.set_default_timeout(90_000)  # the shared test machine can be slow
        try:
            page = context.new_page()
            sign_in(page, SECRETARY.name, base=base)  # through the real sign-in form
            yield page, base
        finally:
            browser.close()


def checked(page: Any) -> None:
    """axe finds no WCAG 2.1 A/AA violation, and the page fits 320 px without scrolling
    sideways; the page has no script of its own."""
    assert page.evaluate("document.scripts.length") == 0
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        WCAG,
    )
    assert found == [], (page.url, found)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
    page.set_viewport_size(size)


def submit(page: Any, selector: str = "#registrera") -> None:
    with page.expect_navigation():
        page.click(selector)


def test_the_secretary_records_a_meeting_from_the_diarium_to_the_closed_minutes(
    secretary_page: tuple[Any, str], store: Finsam, tmp_path: Path
) -> None:
    page, base = secretary_page
    forbund = f"{base}/forbund/solleftea"
    first = store.events()

    page.goto(f"{forbund}/sekreterare")
    checked(page)
    submit(page, "text=Registrera i diariet")
    checked(page)
    # a date typed as ÅÅÅÅ-MM-DD whatever the browser's locale (en-US here)
    page.fill("#on", "2025-02-03")
    page.select_option("#direction", "in")
    page.fill("#party", "Sollefteå kommun")
    page.fill("#subject", "Ansökan om medel till Steget vidare")
    letter = tmp_path / "ansokan-steget-vidare.pdf"
    letter.write_bytes(b"%PDF-1.4 ansokan")
    page.set_input_files("#documents", str(letter))
    submit(page)
    assert "Registrerat: Registrera i diariet: 2025/1" in page.inner_text(".klart")
    checked(page)

    page.goto(f"{forbund}/kallelse")
    checked(page)
    for name in ("date", "sent", "time", "place"):
        page.fill(f"#{name}", CALL[name])
    page.check("#distance_allowed")
    for n in (0, 1):
        page.fill(f"#items-{n}-title", CALL[f"items.{n}.title"])
        page.fill(f"#items-{n}-proposal", CALL[f"items.{n}.proposal"])
    handling = tmp_path / "underlag.pdf"
    handling.write_bytes(HANDLING)
    page.set_input_files("#items-0-handling", str(handling))
    submit(page)
    assert page.url.endswith(f"/sammantraden/{DAY}")
    assert "Diarienummer 2025/2, underlag.pdf" in page.inner_text("#arende-1")
    checked(page)

    page.goto(f"{forbund}/act/allow-distance")
    page.fill("#on", "2025-01-01")
    page.check("#allowed")
    submit(page)

    page.goto(f"{forbund}/sammantraden/{DAY}")
    submit(page, "#oppna")
    checked(page)
    page.check("#narvaro-1-distans")  # Patrik Lockner
    page.check("#narvaro-3-franvarande")  # Gudrun Sjödin
    page.check("#narvaro-6-narvarande")  # Sandra Formgren, serving for her
    page.select_option("#for-6", "Gudrun Sjödin")
    page.select_option("#chair", "Birgitta Häggkvist")
    page.select_option("#justerare-1", "Lina Kempe")
    page.select_option("#justerare-2", "Patrik Lockner")
    page.fill("#secretary", "Anna Sekreterare")
    submit(page)
    assert "(§15)" in page.inner_text("#arende-1") and "(§16)" in page.inner_text("#arende-2")
    checked(page)

    submit(page, "#beslut-1")
    assert "Beslut: Styrelsen beviljar 100 000 kr." in page.inner_text("#arende-1")
    submit(page, "#omrostning-2")
    checked(page)
    page.fill("#yrkande-1-text", "Ärendet återremitteras.")
    page.fill("#yrkande-1-moved_by", "Lina Kempe")
    page.check("#kind-open")
    page.select_option("#ja_for", "A")
    page.select_option("#nej_for", "B")
    for i, cast in enumerate(("ja", "ja", "nej", "avstar")):
        page.check(f"#rost-{i}-{cast}")
    page.check("#reservation-2")
    submit(page)
    assert "Beslut: Styrelsen fastställer planen." in page.inner_text("#arende-2")

    submit(page, "#stang")
    assert "stängt" in page.inner_text("main")
    checked(page)

    with page.expect_download() as download:
        page.click("#protokoll-pdf")
    saved = tmp_path / "protokoll.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    submit(page, "#protokoll")
    text = page.inner_text("article.protokoll")
    assert "Sandra Formgren (ersättare), tjänstgör för Gudrun Sjödin" in text
    assert "Med 2–1 har styrelsen beslutat enligt förslag A" in text
    checked(page)

    made = store.events() - first
    events = store.json("log", "--limit", str(made))["events"]
    assert {e["actor"] for e in events} == {SECRETARY.name}


def test_a_forged_form_without_its_csrf_token_is_refused_and_stores_nothing(
    secretary_page: tuple[Any, str], store: Finsam
) -> None:
    page, base = secretary_page
    before = store.events()
    forged = page.request.post(
        f"{base}/forbund/solleftea/act/register-document",
        form={"on": "2025-02-04", "direction": "in", "party": "Någon", "subject": "Förfalskad"},
        max_redirects=0,
    )
    assert forged.status in (400, 403)
    assert store.events() == before
