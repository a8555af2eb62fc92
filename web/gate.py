"""The workspace's gate: who is signed in, the CSRF check on every post, and what a
request without a person may reach.

In the workspace (``finsam serve`` on a store with accounts) every request passes here
after the Host check (web/app.py): the signed session cookie names an account, whose
roles now (projections/accounts.py) make the ``Person`` the routes read from the scope
(web/identity.py); every POST must carry the form's CSRF token (web/csrf.py) or gets a
403 before any route runs, so a forged form stores nothing; and without a person only
the public pages answer: the anslagstavla, ``/health``, the stylesheet and the sign-in.
A ``Person`` already in the scope (put there by code wrapping the application, never by
a request) is kept.
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING
from urllib.parse import quote

from projections.accounts import account_now
from web import csrf
from web.identity import PERSON, START_SESSION, Person, person_of
from web.sessions import COOKIE, Sessions

if TYPE_CHECKING:
    from starlette.middleware.base import RequestResponseEndpoint
    from starlette.requests import Request
    from starlette.responses import Response

    from web.site import Site

# What answers without sign-in in the workspace.
OPEN = frozenset(
    {
        "/anslagstavla",
        "/anslagstavla.atom",
        "/health",
        "/login",
        "/logout",
        "/login/oidc",
        "/login/oidc/callback",
        "/inloggning/passnyckel",  # the passkey sign-in (web/passkeys.py)
    }
)
OPEN_PREFIXES = ("/static/",)
VALUE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # a value csrf.new_value made
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def secure(request: Request) -> bool:
    """Whether a cookie must be Secure: off this machine it would travel in clear."""
    from web.hosts import host_name, is_loopback

    return not is_loopback(host_name(request.headers.get("host", "")))


def open_session(sessions: Sessions, request: Request, response: Response, name: str) -> None:
    """Sign ``name`` in on ``response``: a new session id at every sign-in (one planted
    before it is worth nothing), in a signed, HttpOnly, SameSite=Strict cookie."""
    old = sessions.sid_of(request.cookies.get(COOKIE, ""))
    if old:
        sessions.end(old)
    response.set_cookie(
        COOKIE,
        sessions.cookie(sessions.start(name)),
        max_age=int(sessions.lifetime),
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )


class Gate:
    """The workspace's middleware step (called from web/app.py's guard)."""

    def __init__(self, site: Site, sessions: Sessions):
        self.site = site
        self.sessions = sessions
        self.key = secrets.token_bytes(32)  # the CSRF tokens' HMAC key, for this process

    def person(self, request: Request) -> tuple[str, Person | None]:
        """The session id the cookie carries ("" for none) and its person, if any."""
        sid = self.sessions.sid_of(request.cookies.get(COOKIE, ""))
        name = self.sessions.who(sid) if sid else None
        if not name:
            return sid if name is not None else "", None
        with self.site.lock:
            account = account_now(self.site.store, name)
        if account is None:  # closed since: signed out everywhere
            self.sessions.end_all(name)
            return "", None
        if account.passwords != self.sessions.stamp(sid):
            # its password was set since this session began (`finsam user reset`):
            # whoever signed in with the old one is out
            self.sessions.end(sid)
            return "", None
        return sid, Person(name, account.roles, account.full_name)

    async def __call__(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        from starlette.responses import RedirectResponse

        sid, found = self.person(request)
        if person_of(request) is None and found is not None:
            request.scope[PERSON] = found
        value = request.cookies.get(csrf.COOKIE, "")
        new = not VALUE.fullmatch(value)
        state = csrf.State(self.key, csrf.new_value() if new else value, sid, new)
        request.scope[csrf.SCOPE] = state
        # kept when code wrapping the application put its own there, as the Person is
        request.scope.setdefault(
            START_SESSION,
            lambda response, name: open_session(self.sessions, request, response, name),
        )
        path = request.url.path
        response: Response
        if request.method not in SAFE_METHODS and not state.accepts(
            await csrf.posted_token(request)
        ):
            response = self.site.error_page(
                403,
                "Formuläret kunde inte tas emot",
                "Formuläret saknade sin kontrollkod eller kom från en annan sida. Ladda om "
                "sidan och försök igen; inget har registrerats.",
            )
        elif person_of(request) is not None or path in OPEN or path.startswith(OPEN_PREFIXES):
            response = await call_next(request)
        else:  # to the sign-in, and back here after it
            query = request.url.query if request.method in SAFE_METHODS else ""
            target = path + (f"?{query}" if query else "")
            response = RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        if new:
            response.set_cookie(
                csrf.COOKIE,
                state.value,
                httponly=True,
                samesite="strict",
                secure=secure(request),
            )
        return response
