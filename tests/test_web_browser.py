"""The web view in a real browser: Debian's chromium driven by Playwright against
`finsam serve`'s application on a free port of 127.0.0.1 (`make test` installs
chromium when it is missing).

Figures (seeds, examples/solleftea-2024.toml): SFI was referred back (återremitterad)
on 2023-11-23 and granted on 2023-12-20 (§71); by 2024-12-31 its whole 998 000 kr had
been charged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Finsam
from web.browser import CHROMIUM, chromium, serving

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    finsam = Finsam(str(tmp_path_factory.mktemp("browser") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    with serving(finsam.db) as url:
        yield url


def set_as_of(page: Any, day: str) -> None:
    """Change the as_of date control in the header and show: the same page again."""
    page.fill("#as_of", day)
    page.click("#show")
    page.wait_for_load_state()


def test_the_board_sees_sfi_referred_back_then_granted_and_clicks_to_its_paragraph(
    base: str,
) -> None:
    with chromium() as page:
        page.goto(base + "/")
        assert page.title().startswith("Översikt per ")

        set_as_of(page, "2023-12-19")
        assert "as_of=2023-12-19" in page.url
        assert page.inner_text("#insats-sfi .status") == "återremitterad"
        assert "Visar läget per 2023-12-19" in page.inner_text(".banner")

        set_as_of(page, "2023-12-20")
        assert page.inner_text("#insats-sfi .status") == "beviljad"

        set_as_of(page, "2024-12-31")
        page.click("#insats-sfi a.figure")  # SFI's charged money
        page.wait_for_load_state()
        assert "/explain" in page.url and "as_of=2024-12-31" in page.url
        assert "998 000 kr" in page.inner_text("p.value")

        page.click("a.para:text('§2023:71')")
        page.wait_for_load_state()
        assert page.inner_text("h1").startswith("§71 (2023)")
        assert "as_of=2024-12-31" in page.url  # the clocks come along


def test_the_minutes_load_without_script_or_foreign_resources(base: str) -> None:
    with chromium() as page:
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(base + "/meetings/2023-12-20")
        assert page.inner_text("article.protokoll h2#p71").startswith("§71")
        assert all(url.startswith(base) for url in requested)
        assert page.evaluate("document.scripts.length") == 0
