"""Signing in and out: ``GET /login`` (the form), ``POST /login`` (name, password and
the form's CSRF token), ``GET /logout`` (and ``POST /logout``, as the token mode had).

In the workspace a person signs in with their account's password (store/credentials.py:
argon2id, a lockout after repeated failures that says when it lifts); a client address
that keeps failing is slowed down across accounts (``Throttle``), so guessing many
names from one place stops too. In the token mode (kiosk, read-only) ``POST /login``
takes the token as before. Either way the cookie holds a signed random session id
(web/sessions.py), HttpOnly, SameSite=Strict, Secure off loopback.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from projections.accounts import roles_now
from store.credentials import Credentials
from web import csrf
from web.gate import open_session
from web.sessions import COOKIE, Sessions

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

LOCAL = ZoneInfo("Europe/Stockholm")  # the lockout's end as the förbund's clocks show it
WRONG = "Fel användarnamn eller lösenord."


class Throttle:
    """Failed sign-ins per client address in a sliding window: past ``limit`` the
    address is refused until the oldest failure leaves the window."""

    def __init__(
        self,
        limit: int = 20,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.limit, self.window, self.clock = limit, window, clock
        self.failures: dict[str, list[float]] = {}

    def _recent(self, address: str) -> list[float]:
        now = self.clock()
        kept = [t for t in self.failures.get(address, []) if t > now - self.window]
        if kept:
            self.failures[address] = kept
        else:
            self.failures.pop(address, None)
        return kept

    def wait(self, address: str) -> int:
        """Minutes until the address may try again (0: now)."""
        recent = self._recent(address)
        if len(recent) < self.limit:
            return 0
        return max(1, round((recent[0] + self.window - self.clock()) / 60))

    def failed(self, address: str) -> None:
        if len(self.failures) > 10_000:  # a flood of addresses cannot fill the memory
            self.failures.clear()
        self.failures.setdefault(address, []).append(self.clock())


def safe_next(target: str) -> str:
    """Where to go after signing in: a path of this site only (never //other.example)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target[:2000]
    return "/"


def shown(at: datetime) -> str:
    return at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")


def routes(
    site: Site, sessions: Sessions, token: str | None, oidc: bool = False
) -> list[BaseRoute]:
    from starlette.responses import HTMLResponse, RedirectResponse
    from starlette.routing import Route

    throttle = Throttle()
    credentials = Credentials(site.store)

    def form(
        request: Request, message: str = "", name: str = "", next_: str = "/", status: int = 200
    ) -> Response:
        html = site.env.get_template("login.html.j2").render(
            csrf=csrf.token_for(request),
            message=message,
            name=name,
            next=safe_next(next_),
            oidc=oidc,
            signed_in="",
        )
        return HTMLResponse(html, status_code=status)

    def signed_in(request: Request, name: str, target: str) -> Response:
        response = RedirectResponse(safe_next(target), status_code=303)
        open_session(sessions, request, response, name)
        return response

    def login_page(request: Request) -> Response:
        if not site.writable:  # the token mode: the token's form
            html = site.env.get_template("error.html.j2").render(
                status=200, title="Logga in", message="Visningen kräver en nyckel.", parameter="",
                token_form=True,
            )  # fmt: skip
            return HTMLResponse(html)
        return form(request, next_=request.query_params.get("next", "/"))

    async def login(request: Request) -> Response:
        async with request.form() as posted:
            fields = {k: v for k, v in posted.items() if isinstance(v, str)}
        if not site.writable:
            given = fields.get("token", "")
            if token is None or not hmac.compare_digest(given.encode(), token.encode()):
                return site.error_page(401, "Fel nyckel", "Nyckeln stämmer inte.")
            return signed_in(request, "", "/")
        name = fields.get("name", "").strip().lower()[:64]
        target = fields.get("next", "/")
        address = request.client.host if request.client else ""
        wait = throttle.wait(address)
        if wait:
            message = f"För många misslyckade inloggningar härifrån. Försök igen om {wait} min."
            return form(request, message, name, target, 429)
        with site.lock:
            verdict = credentials.check(name, fields.get("password", ""))
            roles = roles_now(site.store, name) if verdict.ok else None
        if verdict.locked_until is not None:
            message = f"Kontot är låst till {shown(verdict.locked_until)} efter för många försök."
            return form(request, message, name, target, 403)
        if roles is None:
            throttle.failed(address)
            return form(request, WRONG, name, target, 401)
        return signed_in(request, name, target)

    async def logout(request: Request) -> Response:
        sessions.end(sessions.sid_of(request.cookies.get(COOKIE, "")))
        response = RedirectResponse("/login" if site.writable else "/anslagstavla", 303)
        response.delete_cookie(COOKIE, httponly=True, samesite="strict")
        return response

    return [
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["GET", "POST"]),
    ]
