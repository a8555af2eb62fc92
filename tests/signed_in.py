"""Who is signed in, for the signing part's tests until the sign-in part (issue 22,
people's web/sessions.py and its middleware) is merged: an ASGI wrapper around the
workspace that puts the ``Person`` of a cookie into the request's scope, as the real
middleware does from its session, and offers the passkey sign-in its session starter
(web/passkeys.py ``START_SESSION``). ``GET /test-sign-in?name=NAME`` sets the cookie.

Only this module knows how a test signs in: after the merge, ``sign_in`` in the tests
becomes the real login and this wrapper goes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, quote, unquote

from web.identity import PERSON, Person
from web.passkeys import START_SESSION

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]
COOKIE = "test_person"


class SignedIn:
    """The app with a person per cookie; ``accounts`` gives each name its roles."""

    def __init__(self, app: ASGI, accounts: Mapping[str, Mapping[str, frozenset[str]]]):
        self.app = app
        self.accounts = accounts
        self.who: str | None = None  # a TestClient's person, without a cookie

    def person(self, scope: Scope) -> Person | None:
        cookies = SimpleCookie()
        for name, value in scope.get("headers", ()):
            if name == b"cookie":
                cookies.load(value.decode("latin-1"))
        name = unquote(cookies[COOKIE].value) if COOKIE in cookies else self.who
        if name is None or name not in self.accounts:
            return None
        return Person(name, dict(self.accounts[name]))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == "/test-sign-in":
            query = parse_qs(scope.get("query_string", b"").decode())
            await self.set_cookie(send, query.get("name", [""])[0])
            return
        person = self.person(scope)
        if person is not None:
            scope[PERSON] = person

        def start(response: Any, name: str) -> None:
            response.set_cookie(COOKIE, quote(name), httponly=True, samesite="strict")

        scope[START_SESSION] = start
        await self.app(scope, receive, send)

    async def set_cookie(self, send: Send, name: str) -> None:
        cookie = f"{COOKIE}={quote(name)}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})
