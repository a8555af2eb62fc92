"""The sign-in of the web view: a session id in a signed cookie, never a secret.

Whoever signs in (with the kiosk's token, or as a person with a password or the
municipality's identity provider) gets a random session id (256 bits); the server keeps
which ids are open, until when and for whom, so a cookie read from a browser's disk or a
proxy's log ends with its session and tells nothing of the token or the password. The
cookie carries the id signed (itsdangerous, with a key made when the process starts): a
made-up or altered cookie is refused before any lookup. Sessions live in the process's
memory: a restart of ``finsam serve`` signs everyone out, as a changed token should.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

COOKIE = "finsam_session"
SESSION_SECONDS = 8 * 3600  # a working day: the board member signs in again tomorrow
MAX_SESSIONS = 1024  # sign-ins are a few a day; a flood cannot fill the memory
ID_BYTES = 32


class Sessions:
    """Open sessions, each id to the moment it expires and the account it is for (""
    for the token's reading of the whole view)."""

    def __init__(
        self,
        lifetime: float = SESSION_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        passwords: Callable[[str], int] = lambda _name: 0,
    ):
        from itsdangerous import Signer

        self.lifetime = lifetime
        self.clock = clock
        self.open: dict[str, float] = {}
        self.names: dict[str, str] = {}
        # how many times the account's password had been set when the session began
        # (``passwords(name)``, given by the application, which has the store): a reset
        # since then, from the CLI in another process too, ends it (web/gate.py)
        self.passwords = passwords
        self.stamps: dict[str, int] = {}
        self.signer = Signer(secrets.token_bytes(32), salt="finsam.session")

    def start(self, name: str = "") -> str:
        now = self.clock()
        self.open = {sid: end for sid, end in self.open.items() if end > now}
        if len(self.open) >= MAX_SESSIONS:  # the oldest go first
            for sid in sorted(self.open, key=self.open.__getitem__)[: len(self.open) // 2]:
                del self.open[sid]
        self.names = {sid: who for sid, who in self.names.items() if sid in self.open}
        self.stamps = {sid: n for sid, n in self.stamps.items() if sid in self.open}
        sid = secrets.token_urlsafe(ID_BYTES)
        self.open[sid] = now + self.lifetime
        self.names[sid] = name
        self.stamps[sid] = self.passwords(name) if name else 0
        return sid

    def stamp(self, sid: str) -> int:
        """How many times the session's account had its password set when it began."""
        return self.stamps.get(sid, 0)

    def valid(self, sid: str) -> bool:
        end = self.open.get(sid)
        if end is None:
            return False
        if end <= self.clock():
            self.end(sid)
            return False
        return True

    def who(self, sid: str) -> str | None:
        """The account an open session is for ("" for the token's), or None."""
        return self.names.get(sid, "") if self.valid(sid) else None

    def end(self, sid: str) -> None:
        self.open.pop(sid, None)
        self.names.pop(sid, None)
        self.stamps.pop(sid, None)

    def end_all(self, name: str) -> None:
        """Sign an account out everywhere (its password was changed, it was closed)."""
        for sid in [s for s, who in self.names.items() if who == name]:
            self.end(sid)

    # -- the cookie --------------------------------------------------------------------

    def cookie(self, sid: str) -> str:
        """The cookie's value: the id and its signature."""
        return self.signer.sign(sid).decode("ascii")

    def sid_of(self, cookie: str) -> str:
        """The session id a cookie carries, or "" when its signature is not ours."""
        from itsdangerous import BadSignature

        try:
            return self.signer.unsign(cookie[:200]).decode("ascii")
        except (BadSignature, UnicodeError):
            return ""
