"""The workspace's sign-in in a real browser (issue 22): Debian's chromium types into
the login form, lands in the person's förbund, is kept out of another's (404), and the
people part's pages pass axe-core's WCAG 2.1 A/AA rules and fit a 320 px screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam
from tests.workspace import PASSWORD, make_account, sign_in
from web.browser import CHROMIUM, chromium, serving

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MEMBERS = tuple(
    part
    for member in ("fk:state:25%", "af:state:25%", "rvn:region:25%", "k:municipality:25%")
    for part in ("--member", member)
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    finsam = Finsam(str(tmp_path_factory.mktemp("workspace-browser") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("forbund", "create", "b", "--name", "Förbund B", *MEMBERS)
    app = FinsamApp(finsam.db)
    make_account(app, "sara", "solleftea", "sekreterare", "admin")
    make_account(app, "bo", "b", "ledamot")
    make_account(app, "rut", "b", "revisor")
    make_account(app, "rut2", "solleftea", "revisor")
    with serving(finsam.db, writable=True) as url:
        yield url


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, by rule and element."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test: npm install --prefix .axe axe-core@4)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        WCAG,
    )
    return list(found)


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_the_secretary_signs_in_through_the_form(base: str) -> None:
    with chromium(bypass_csp=True) as page:
        page.goto(f"{base}/forbund/solleftea/board")
        assert "/login?next=" in page.url  # sent to sign in, and back after it
        assert axe_violations(page) == []
        page.fill("#name", "sara")
        page.fill("#password", "fel lösenord!")
        page.click("#sign-in")
        page.wait_for_load_state()
        assert page.inner_text("#login-error") == "Fel användarnamn eller lösenord."
        assert axe_violations(page) == []
        page.fill("#password", PASSWORD)  # the name was kept, and where to go after
        page.click("#sign-in")
        page.wait_for_load_state()
        assert page.url.endswith("/forbund/solleftea/board")
        page.goto(f"{base}/forbund/solleftea/konton")
        assert "sara" in page.inner_text("table")
        assert axe_violations(page) == []
        page.set_viewport_size({"width": 320, "height": 640})
        assert fits(page)
        page.goto(f"{base}/login")
        assert fits(page)


def test_a_person_of_another_forbund_gets_404(base: str) -> None:
    with chromium(bypass_csp=True) as page:
        sign_in(page, "bo", base=base)
        assert page.url.endswith("/forbund/b/")
        answer = page.goto(f"{base}/forbund/solleftea/")
        assert answer is not None and answer.status == 404
        assert "Sollefteå" not in page.content()


def test_the_list_of_ones_forbund(base: str) -> None:
    with chromium(bypass_csp=True) as page:
        sign_in(page, "rut", base=base)
        page.goto(f"{base}/")
        assert page.url.endswith("/forbund/b/")  # one förbund: straight to it
        page.goto(f"{base}/logout")
        assert page.url.endswith("/login")
        answer = page.goto(f"{base}/forbund/b/")
        assert answer is not None and "/login" in page.url
