"""Who is signed in, for the workspace's tests: until the sign-in part (issue 22,
people) is merged, a tiny ASGI wrapper puts a ``Person`` into each request's scope as its
middleware will. Tests ask for a person through ``signed_in`` only, so switching them to
the real login is a change here alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from web.browser import serving_app as serving_app  # the forms' tests take it from here
from web.identity import PERSON, Person

Scope = MutableMapping[str, Any]
ASGI = Callable[[Scope, Any, Any], Awaitable[None]]

SECRETARY = Person("anna.sekreterare", {"solleftea": frozenset({"sekreterare"})})
AUDITOR = Person("rut.revisor", {"solleftea": frozenset({"revisor"})})
OTHER_FORBUND = Person("olle.annat", {"annat": frozenset({"sekreterare"})})


def signed_in(app: ASGI, person: Person | None) -> ASGI:
    """The app with ``person`` signed in on every request (None: nobody)."""

    async def wrapped(scope: Scope, receive: Any, send: Any) -> None:
        if person is not None and scope["type"] == "http":
            scope[PERSON] = person
        await app(scope, receive, send)

    return wrapped
