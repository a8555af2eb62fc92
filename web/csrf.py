"""Protection against forged forms (cross-site request forgery) in the workspace.

Every browser gets a random value in its own cookie (``finsam_csrf``: HttpOnly,
SameSite=Strict) the first time it asks for anything; a form carries, in its hidden
field ``csrf``, the HMAC of that value and of the session id under a key the process
makes when it starts (``token_for``). The middleware checks every POST before any route
sees it: a page on another site can neither read the cookie nor compute the HMAC, so
its forged post gets 403 and stores nothing. Tying the token to the session id means a
token seen before sign-in (the login form's, a signed double-submit cookie) is no good
after it, and a cookie planted from elsewhere cannot be paired with a token for it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.requests import Request

COOKIE = "finsam_csrf"
FIELD = "csrf"
SCOPE = "finsam.csrf"  # the request's CSRF state in its ASGI scope


@dataclass(frozen=True)
class State:
    """The key of the process, this browser's value and the session id (or "")."""

    key: bytes
    value: str
    sid: str
    new: bool  # the value was made for this response: its cookie must be set

    def token(self) -> str:
        message = f"{self.value}|{self.sid}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def accepts(self, given: str) -> bool:
        return not self.new and hmac.compare_digest(given.encode(), self.token().encode())


def new_value() -> str:
    return secrets.token_urlsafe(32)


def token_for(request: Request) -> str:
    """The token a form rendered for this request carries in its ``csrf`` field ("" in
    the token mode, where nothing is posted but the token)."""
    state = request.scope.get(SCOPE)
    return state.token() if isinstance(state, State) else ""


async def posted_token(request: Request) -> str:
    """The ``csrf`` field of a posted form (urlencoded or multipart). The body is read
    here and cached by Starlette's middleware, so the route reads it again."""
    from starlette.requests import Request as Fresh

    body = await request.body()

    async def replay() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        async with Fresh(request.scope, replay).form() as form:
            given = form.get(FIELD)
    except Exception:  # a malformed body (any parser error) is a post without a token
        return ""
    return given if isinstance(given, str) else ""
