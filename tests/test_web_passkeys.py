"""Passkeys in a real browser (issue 22 item 7): Debian's chromium with a virtual
authenticator each (Chrome DevTools' WebAuthn domain: CTAP2, internal, resident keys,
user verification), driving the workspace served on a free port of localhost.

Sollefteå's meeting of 2023-11-23 unsigned (tests/test_justering.py): the chair signs
on the command line; the two justerare each add a passkey and sign in the browser, and
the last signature adjusts the minutes; one of them signs in with the passkey alone; the
auditor's pages show the store verified, and after one byte of a stored assertion is
changed name its event. axe-core reports no WCAG 2.1 A/AA violation on any page of the
paths, and the pages fit a 320 px wide screen.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store.application import FinsamApp
from tests.conftest import ROOT, Finsam, sqlite_only
from tests.test_justering import CHAIR, DAY, JUSTERARE
from tests.test_web_signing import ACCOUNTS, FORBUND, REVISOR, unsigned_store
from tests.workspace import account_of, make_account
from tests.workspace import sign_in as signed_in_by_password
from web.app import create_app
from web.browser import CHROMIUM, FLAGS, serving_app
from web.sessions import COOKIE

AXE = ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.slow,
    sqlite_only,  # changes a stored event in the SQLite file itself
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core: npm install --prefix .axe axe-core@4"),
]


def serving(app: Any) -> Any:
    """The ASGI app on a free port; its URL by the name localhost (WebAuthn takes a
    host name as the relying party, not an address)."""
    return serving_app(app, "localhost")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = unsigned_store(tmp_path_factory.mktemp("passkeys"))
    finsam("meeting", "sign", DAY, "--as", CHAIR)  # the chair on the command line
    return finsam


@pytest.fixture(scope="module")
def base(store: Finsam) -> Iterator[str]:
    opened = FinsamApp(store.db)
    for name, roles in ACCOUNTS.items():
        for forbund, held in roles.items():
            if forbund == FORBUND:  # the other förbund's person is the hostile tests'
                make_account(opened, account_of(name), forbund, *sorted(held), full_name=name)
    app = create_app(opened, writable=True)
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


def person(browser: Any, width: int = 1280) -> tuple[Any, Any]:
    """A fresh browser profile with a virtual authenticator of its own (a person's
    phone); the CSP is bypassed only so that the test can inject axe."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="en-US", bypass_csp=True
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return context, page


def sign_in(page: Any, base: str, name: str) -> None:
    """The one place a browser test signs a person in: the real sign-in form."""
    signed_in_by_password(page, account_of(name), base=base)


def no_axe_violations(page: Any) -> None:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        WCAG,
    )
    assert found == [], f"{page.url}: {found}"


def fits(page: Any) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= page.viewport_size["width"], f"{page.url} is {wide} px wide"


def test_two_justerare_sign_with_passkeys_and_the_minutes_are_adjusted(
    base: str, browser: Any, store: Finsam
) -> None:
    for name in JUSTERARE:
        context, page = person(browser)
        sign_in(page, base, name)
        page.goto(f"{base}/konto/passnycklar")
        no_axe_violations(page)
        page.click("#add-passkey")
        page.wait_for_selector("text=Passnyckeln är tillagd.")
        page.goto(f"{base}/forbund/{FORBUND}/justering")
        no_axe_violations(page)
        page.click(f"text=Protokoll {DAY}")
        page.wait_for_selector("#justera")
        no_axe_violations(page)
        page.click("#justera")
        page.wait_for_selector("text=Du har justerat protokollet.")
        no_axe_violations(page)
        context.close()
    meeting = next(r for r in store.json("meetings", "--year", "2023") if r["date"] == DAY)
    assert meeting["adjusted"] is not None
    signed = store.json("log", "--type", "MinutesSigned")["events"]
    # the actor is the account's name; the signature names the person as the minutes do
    assert [r["actor"] for r in signed][-2:] == [account_of(n) for n in JUSTERARE]
    assert "verified" in store("audit", "verify").stdout


def test_a_passkey_signs_its_person_in(base: str, browser: Any) -> None:
    context, page = person(browser)
    sign_in(page, base, JUSTERARE[0])
    page.goto(f"{base}/konto/passnycklar")
    page.click("#add-passkey")
    page.wait_for_selector("text=Passnyckeln är tillagd.")
    context.clear_cookies()  # signed out: the passkey alone signs in again
    page.goto(f"{base}/inloggning/passnyckel")
    no_axe_violations(page)
    page.click("#passkey-login")
    page.wait_for_url(f"{base}/forbund/{FORBUND}/**")  # her one förbund, signed in
    assert COOKIE in {c["name"] for c in context.cookies()}  # the password's own session
    context.close()


def test_the_pages_fit_a_narrow_screen(base: str, browser: Any) -> None:
    context, page = person(browser, width=320)
    sign_in(page, base, JUSTERARE[1])
    for path in (f"/forbund/{FORBUND}/justering", f"/forbund/{FORBUND}/justering/{DAY}"):
        page.goto(base + path)
        fits(page)
    sign_in(page, base, REVISOR)
    for path in ("", "/logg", "/forklara?figur=equity", "/kontroll"):
        page.goto(f"{base}/forbund/{FORBUND}/revision{path}")
        fits(page)
    context.close()


def test_the_auditor_verifies_and_a_changed_assertion_is_named(
    base: str, browser: Any, store: Finsam
) -> None:
    context, page = person(browser)
    sign_in(page, base, REVISOR)
    for path in ("", "/logg", "/forklara?figur=equity", "/kontroll"):
        page.goto(f"{base}/forbund/{FORBUND}/revision{path}")
        no_axe_violations(page)
        assert page.locator("form[method=post]").count() == 0
    assert "Allt stämmer" in page.inner_text("#utfall")
    page.goto(f"{base}/forbund/{FORBUND}/revision")
    with page.expect_download() as download:
        page.click("text=Ladda ned revisionspaketet")
    assert download.value.suggested_filename.startswith(f"revision-{FORBUND}-")
    position = forge_an_assertion(Path(store.db), JUSTERARE[1])
    page.goto(f"{base}/forbund/{FORBUND}/revision/kontroll")
    assert "avvikelse" in page.inner_text("#utfall")
    named = page.inner_text("ul.problems")
    assert f"Händelse nr {position}" in named and "passnyckel går inte att verifiera" in named
    result = store("audit", "verify", ok=False)
    assert f"the passkey signature by {JUSTERARE[1]}" in result.output
    context.close()


def forge_an_assertion(db: Path, name: str) -> int:
    """One character of ``name``'s stored assertion signature changed behind finsam's
    back; the event's position."""
    with sqlite3.connect(db) as conn:
        for position, state in conn.execute("SELECT rowid, state FROM stored_events"):
            data = json.loads(bytes(state))
            signature = data.get("signature") if isinstance(data, dict) else None
            if not (isinstance(signature, dict) and signature.get("name") == name):
                continue
            if not signature.get("assertion"):
                continue
            stored = signature["assertion"]["signature"]
            forged = stored[:10] + ("B" if stored[10] != "B" else "C") + stored[11:]
            changed = bytes(state).replace(stored.encode(), forged.encode())
            conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (changed, position))
            return int(position)
    raise AssertionError(f"no passkey signature by {name} is stored")
