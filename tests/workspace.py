"""Signing people in for the workspace's tests (issue 22): make an account with its
roles, and sign in through the real form, with Starlette's TestClient or a Playwright
page. The forms' and the justerare's tests sign in with these once the parts are
merged, in place of putting a ``Person`` into the scope."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from starlette.testclient import TestClient

from commands import structs as c
from commands.bus import execute
from store.application import FinsamApp
from store.credentials import hash_password

PASSWORD = "korrekt häst batteri"  # long enough for store/credentials.py MIN_LENGTH
CSRF = re.compile(r'name="csrf" value="([^"]*)"')


def make_account(
    app: FinsamApp,
    name: str,
    forbund: str,
    *roles: str,
    password: str = PASSWORD,
    full_name: str = "",
) -> None:
    """An account with a password and these roles in the förbund (recorded by
    "kansliet", as `finsam user add` and `user grant` would)."""
    first, *more = roles
    role: Any = first
    execute(
        app,
        c.AddUser(
            forbund=forbund,
            name=name,
            role=role,
            password_hash=hash_password(password),
            full_name=full_name,
        ),
        actor="kansliet",
    )
    for other in more:
        role = other
        execute(app, c.GrantRole(forbund=forbund, name=name, role=role), actor="kansliet")


def account_of(full_name: str) -> str:
    """An account name for a person the minutes name: "Patrik Lockner" -> patrik.lockner
    (account names are lower-case ASCII; the full name stays on the account)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", full_name).encode("ascii", "ignore").decode()
    return ".".join(plain.lower().split())


def csrf_token(html: str) -> str:
    """The CSRF token of the (first) form of a page."""
    found = CSRF.search(html)
    assert found, "the page has no form with a csrf field"
    return found.group(1)


def sign_in(client_or_page: Any, name: str, password: str = PASSWORD, base: str = "") -> None:
    """Sign in through GET and POST /login: a TestClient keeps the cookies; a Playwright
    page types into the form as a person would, on the server ``base`` names (default:
    the one the page is on)."""
    if hasattr(client_or_page, "goto"):
        page = client_or_page
        if not base:  # the server the page is on already
            parts = urlsplit(page.url)
            base = f"{parts.scheme}://{parts.netloc}"
        page.goto(f"{base}/login")
        page.fill("#name", name)
        page.fill("#password", password)
        page.click("#sign-in")
        page.wait_for_load_state()
        assert "/login" not in page.url, f"{name} was not signed in"
        return
    client = client_or_page
    form = client.get("/login")
    answer = client.post(
        "/login",
        data={"name": name, "password": password, "csrf": csrf_token(form.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[:400]


class WorkspaceClient(TestClient):
    """A TestClient whose posts carry the form's CSRF token as a browser's would (read
    from the sign-in page, which renders it for this browser and session), unless the
    test gives one itself: for tests of what a form does, not of the CSRF check."""

    def post(self, url: Any, *args: Any, data: Any = None, **kwargs: Any) -> Any:
        if data is None or (isinstance(data, dict) and "csrf" not in data):
            # the read-only view (no accounts) has no sign-in form and takes no token
            found = CSRF.search(self.get("/login").text)
            data = {**(data or {}), **({"csrf": found.group(1)} if found else {})}
        return super().post(url, *args, data=data, **kwargs)
