"""Who is signed in, for the workspace's tests: until the sign-in part (issue 22,
people) is merged, a tiny ASGI wrapper puts a ``Person`` into each request's scope as its
middleware will. Tests ask for a person through ``signed_in`` only, so switching them to
the real login is a change here alone.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

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


@contextmanager
def serving_app(app: ASGI) -> Iterator[str]:
    """An application on a free port of 127.0.0.1 (uvicorn in a thread); its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workspace did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
