"""The web view in a real browser: a server on 127.0.0.1 in a thread (on a free port),
and Debian's chromium driven by Playwright. Used by tests/test_web_browser.py and by
`make demo` for its screenshots:

    python -m web.browser DB OUTDIR

Playwright drives the system browser (/usr/bin/chromium, the Debian package chromium)
and downloads none of its own; without it the screenshots are skipped with a note.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = {
    "web-overview.png": "/?as_of=2024-12-31",
    "web-insats-timeline.png": "/insatser/sfi?as_of=2024-12-31",
    "web-minutes.png": "/meetings/2023-12-20?as_of=2024-12-31",
    "web-explain.png": "/explain?figure=budget:2024:sfi&as_of=2024-12-31",
}


@contextmanager
def serving(db: str, token: str | None = None, writable: bool = False) -> Iterator[str]:
    """The web view of the store at a free port of 127.0.0.1; yields its base URL.
    ``writable``: the workspace, where people sign in (a store with accounts)."""
    from store.application import FinsamApp
    from web.app import create_app

    with serving_app(create_app(FinsamApp(db), token, writable=writable)) as base:
        yield base


@contextmanager
def serving_app(app: Any, name: str = "127.0.0.1") -> Iterator[str]:
    """An ASGI application at a free port of 127.0.0.1 (uvicorn in a thread); yields
    its base URL by ``name`` (``localhost`` for WebAuthn, whose relying party is a host
    name, not an address)."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web view did not start")
        time.sleep(0.05)
    try:
        yield f"http://{name}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def chromium(**options: Any) -> Iterator[Any]:
    """A page of Debian's chromium, headless, with a fresh profile (``options`` for
    Playwright's new_page: ``bypass_csp`` lets a test inject axe-core)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            yield browser.new_page(
                **{"viewport": {"width": 1280, "height": 900}, "locale": "sv-SE", **options}
            )
        finally:
            browser.close()


def screenshots(db: str, out: Path) -> list[Path]:
    """The pages of SHOTS saved as PNG under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with serving(db) as base, chromium() as page:
        for name, path in SHOTS.items():
            page.goto(base + path)
            page.screenshot(path=str(out / name), full_page=True)
            saved.append(out / name)
    return saved


def main(argv: list[str]) -> int:
    db, out = argv[0], Path(argv[1])
    if not CHROMIUM.exists():
        print(
            f"no screenshots of the web view: {CHROMIUM} is not installed "
            "(apt-get install chromium)"
        )
        return 0
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("no screenshots of the web view: pip install -e '.[browser]' first")
        return 0
    for path in screenshots(db, out):
        print(f"✓ {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
