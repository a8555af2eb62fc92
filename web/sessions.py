"""The sign-in of the web view: a session id in the cookie, never the token.

Whoever signs in with the token gets a random session id (256 bits); the server keeps
which ids are open and until when, so a cookie read from a browser's disk or a proxy's
log ends with its session and tells nothing of the token. Sessions live in the
process's memory: a restart of ``finsam serve`` signs everyone out, as a changed token
should.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

SESSION_SECONDS = 8 * 3600  # a working day: the board member signs in again tomorrow
MAX_SESSIONS = 1024  # sign-ins are a few a day; a flood cannot fill the memory
ID_BYTES = 32


class Sessions:
    """Open sessions, each id to the moment it expires (the grant: the token's reading of
    the whole view)."""

    def __init__(
        self, lifetime: float = SESSION_SECONDS, clock: Callable[[], float] = time.monotonic
    ):
        self.lifetime = lifetime
        self.clock = clock
        self.open: dict[str, float] = {}

    def start(self) -> str:
        now = self.clock()
        self.open = {sid: end for sid, end in self.open.items() if end > now}
        if len(self.open) >= MAX_SESSIONS:  # the oldest go first
            for sid in sorted(self.open, key=self.open.__getitem__)[: len(self.open) // 2]:
                del self.open[sid]
        sid = secrets.token_urlsafe(ID_BYTES)
        self.open[sid] = now + self.lifetime
        return sid

    def valid(self, sid: str) -> bool:
        end = self.open.get(sid)
        if end is None:
            return False
        if end <= self.clock():
            del self.open[sid]
            return False
        return True

    def end(self, sid: str) -> None:
        self.open.pop(sid, None)
