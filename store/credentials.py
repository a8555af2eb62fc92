"""The credentials table beside the log: each account's password hash (argon2id), its
failed sign-ins in a row and until when it is locked.

Secrets never go into the log (an event is stored forever and copied into every audit
bundle): the account's ``PasswordReset`` event says that a password was set, and the
hash it set is written here by the store's recorder in the same transaction (the
``credentials`` keyword of the save, as the documents' bytes are, store/documents.py),
so a password is set exactly when its event is stored. The failure counts and the
lockout change on every sign-in and are no acts of anyone: they are plain rows, updated
in their own transaction. The table is created by the first write that needs it, so
older stores and read-only roles open as before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec

from finsam_es.errors import InvalidInput

TABLE = (
    "CREATE TABLE IF NOT EXISTS finsam_credentials (account TEXT PRIMARY KEY, "
    "hash TEXT NOT NULL, failures BIGINT NOT NULL, locked_until BIGINT NOT NULL)"
)
UPSERT = (
    "INSERT INTO finsam_credentials VALUES ({m}, {m}, 0, 0) ON CONFLICT (account) "
    "DO UPDATE SET hash = excluded.hash, failures = 0, locked_until = 0"
)
MIN_LENGTH = 10  # NIST SP 800-63B asks at least 8; a board's books deserve a little more
MAX_LENGTH = 256  # argon2 hashes any length; a megabyte "password" is an attack
MAX_FAILURES = 5  # wrong passwords in a row before the account is locked
LOCKED_FOR = timedelta(minutes=15)


class Password(msgspec.Struct, frozen=True):
    """The hash a save sets as an account's password (never the password itself)."""

    account: str
    hash: str


def check_password(password: str) -> str:
    """The password when it is long enough to keep; refused in one line otherwise."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"the password is too short: at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"the password is too long: at most {MAX_LENGTH} characters")
    return password


def hash_password(password: str) -> str:
    """The argon2id hash of a password (argon2-cffi's defaults, RFC 9106's second choice
    of parameters), with its salt and parameters in the one string."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(check_password(password))


def write_credentials(cursor: Any, kwargs: dict[str, Any], postgres: bool) -> None:
    """Set the password a save carries (none: nothing), inside its transaction."""
    found = kwargs.get("credentials")
    if not isinstance(found, Password):
        return
    cursor.execute(TABLE)
    cursor.execute(UPSERT.format(m="%s" if postgres else "?"), (found.account, found.hash))


def _first(row: Any) -> Any:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


def _values(row: Any) -> tuple[Any, ...]:
    return tuple(row.values()) if isinstance(row, dict) else tuple(row)


def copy_credentials(source: Any, source_postgres: bool, cursor: Any, postgres: bool) -> None:
    """Copy every account's credentials from the ``source`` datastore into the target
    through ``cursor`` (inside `finsam copy`'s one transaction): without them a copied
    store's people could not sign in until each password was set again."""
    with source.transaction(commit=False) as s:
        if source_postgres:
            s.execute("SELECT to_regclass('finsam_credentials') IS NOT NULL")
        else:
            s.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                "AND name = 'finsam_credentials'"
            )
        if not bool(_first(s.fetchone())):
            return
        s.execute("SELECT account, hash, failures, locked_until FROM finsam_credentials")
        rows = [_values(r) for r in s.fetchall()]
    cursor.execute(TABLE)
    mark = "%s" if postgres else "?"
    for row in rows:
        cursor.execute(f"INSERT INTO finsam_credentials VALUES ({', '.join([mark] * 4)})", row)


def _micros(at: datetime) -> int:
    return int(at.timestamp() * 1_000_000)


@dataclass(frozen=True)
class Verdict:
    """What a sign-in attempt came to: ``ok``, or refused (wrong name or password, or
    locked until ``locked_until``)."""

    ok: bool
    locked_until: datetime | None = None


# A hash to check a password against when the account does not exist, so that the
# answer takes as long as for a wrong password and tells no one which names exist.
_DUMMY: list[str] = []


class Credentials:
    """The credentials of one store (its datastore, SQLite or PostgreSQL)."""

    def __init__(self, app: Any, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.datastore: Any = getattr(app.factory, "datastore", None)
        self.postgres = "postgres" in type(self.datastore).__module__
        self.mark = "%s" if self.postgres else "?"
        self.clock = clock

    def _has_table(self, c: Any) -> bool:
        if self.postgres:
            c.execute("SELECT to_regclass('finsam_credentials') IS NOT NULL")
        else:
            c.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                "AND name = 'finsam_credentials'"
            )
        row = c.fetchone()
        return bool(_first(row)) if row else False

    def _row(self, account: str) -> tuple[str, int, int] | None:
        with self.datastore.transaction(commit=False) as c:
            if not self._has_table(c):
                return None
            c.execute(
                "SELECT hash, failures, locked_until FROM finsam_credentials "
                f"WHERE account = {self.mark}",
                (account,),
            )
            row = c.fetchone()
        if row is None:
            return None
        values = _values(row)
        return str(values[0]), int(values[1]), int(values[2])

    def has_password(self, account: str) -> bool:
        return self._row(account) is not None

    def check(self, account: str, password: str) -> Verdict:
        """Check a password; count a failure (locking the account after
        ``MAX_FAILURES`` in a row) or clear the count on success. A locked account is
        refused without looking at the password, so guessing goes on at no speed."""
        from argon2 import PasswordHasher
        from argon2.exceptions import InvalidHashError, VerificationError

        now = self.clock()
        row = self._row(account)
        hasher = PasswordHasher()
        if row is None:
            if not _DUMMY:
                _DUMMY.append(hasher.hash("finsam: no such account"))
            with contextlib.suppress(VerificationError):
                hasher.verify(_DUMMY[0], password[:MAX_LENGTH])
            return Verdict(False)
        hashed, failures, locked = row
        if locked > _micros(now):
            return Verdict(False, datetime.fromtimestamp(locked / 1_000_000, UTC))
        try:
            hasher.verify(hashed, password[:MAX_LENGTH])
        except (VerificationError, InvalidHashError):
            return self._failed(account, failures + 1, now)
        self._update(account, 0, 0)
        return Verdict(True)

    def _failed(self, account: str, failures: int, now: datetime) -> Verdict:
        if failures < MAX_FAILURES:
            self._update(account, failures, 0)
            return Verdict(False)
        until = now + LOCKED_FOR
        self._update(account, 0, _micros(until))
        return Verdict(False, until)

    def _update(self, account: str, failures: int, locked_until: int) -> None:
        m = self.mark
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"UPDATE finsam_credentials SET failures = {m}, locked_until = {m} "
                f"WHERE account = {m}",
                (failures, locked_until, account),
            )
