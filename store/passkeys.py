"""The passkeys of the workspace's accounts: a table beside the log, never in it.

A passkey (WebAuthn) is registered by a signed-in person and afterwards signs them in
and signs protokoll. Its row holds the account's name, the credential id the browser
names it by, the COSE public key, the authenticator's signature counter (a clone of
the key shows a counter that goes back) and when it was added. Nothing here is secret:
the private key never leaves the authenticator. The rows are kept outside the log
because they change (the counter moves at every use) and because a person's devices are
no act of the board; what the board needs for proof, the public key that verifies a
justering, is copied into the signature's event (finsam_es/signatures.py ``Assertion``),
so the log and the audit bundle verify offline without this table.

The table is created by the first passkey registered, as ``finsam_imported`` is
(store/imported.py): older stores and read-only roles open as before, and a store
without it has no passkeys.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec

from finsam_es.errors import Refused

TABLE = (
    "CREATE TABLE IF NOT EXISTS finsam_passkeys (credential_id TEXT PRIMARY KEY, "
    "account TEXT NOT NULL, public_key TEXT NOT NULL, sign_count BIGINT NOT NULL, "
    "created TEXT NOT NULL)"
)
INDEX = "CREATE INDEX IF NOT EXISTS finsam_passkeys_account ON finsam_passkeys (account)"
COLUMNS = "credential_id, account, public_key, sign_count, created"
MAX_PER_ACCOUNT = 20  # a person's phones and keys; a flood of registrations is refused


class Passkey(msgspec.Struct, frozen=True):
    """One registered passkey (credential id and COSE key in base64url)."""

    credential_id: str
    account: str
    public_key: str
    sign_count: int
    created: datetime


class TooManyPasskeys(Refused):
    """The account already holds ``MAX_PER_ACCOUNT`` passkeys."""


class PasskeyTaken(Refused):
    """The credential is registered already (to this account or another)."""


def _datastore(app: Any) -> tuple[Any, str]:
    datastore: Any = getattr(app.factory, "datastore", None)
    return datastore, "%s" if "postgres" in type(datastore).__module__ else "?"


def _has_table(cursor: Any, mark: str) -> bool:
    if mark == "%s":
        cursor.execute("SELECT to_regclass('finsam_passkeys') IS NOT NULL AS found")
    else:
        cursor.execute(
            "SELECT COUNT(*) AS found FROM sqlite_master "
            "WHERE type = 'table' AND name = 'finsam_passkeys'"
        )
    return bool(_values(cursor.fetchone())[0])


def _values(row: Any) -> tuple[Any, ...]:
    """A row's columns, from SQLite's tuples and psycopg's dicts alike."""
    return tuple(row.values()) if isinstance(row, dict) else tuple(row)


def _passkey(row: Any) -> Passkey:
    cid, account, key, count, created = _values(row)
    return Passkey(str(cid), str(account), str(key), int(count), datetime.fromisoformat(created))


def add_passkey(app: Any, passkey: Passkey) -> None:
    """Store a newly registered passkey; refused (in Swedish, for the page) when the
    credential is registered already or the account holds ``MAX_PER_ACCOUNT``."""
    datastore, mark = _datastore(app)
    with datastore.transaction(commit=True) as c:
        c.execute(TABLE)
        c.execute(INDEX)
        c.execute(
            f"SELECT COUNT(*) FROM finsam_passkeys WHERE credential_id = {mark}",
            (passkey.credential_id,),
        )
        if int(_values(c.fetchone())[0]):
            raise PasskeyTaken("passnyckeln är redan registrerad")
        c.execute(
            f"SELECT COUNT(*) FROM finsam_passkeys WHERE account = {mark}", (passkey.account,)
        )
        if int(_values(c.fetchone())[0]) >= MAX_PER_ACCOUNT:
            raise TooManyPasskeys(f"kontot har redan {MAX_PER_ACCOUNT} passnycklar")
        c.execute(
            f"INSERT INTO finsam_passkeys ({COLUMNS}) VALUES ({', '.join([mark] * 5)})",
            (
                passkey.credential_id,
                passkey.account,
                passkey.public_key,
                passkey.sign_count,
                passkey.created.astimezone(UTC).isoformat(),
            ),
        )


def passkeys_of(app: Any, account: str) -> list[Passkey]:
    """The account's passkeys, oldest first."""
    datastore, mark = _datastore(app)
    with datastore.transaction(commit=False) as c:
        if not _has_table(c, mark):
            return []
        c.execute(
            f"SELECT {COLUMNS} FROM finsam_passkeys WHERE account = {mark} ORDER BY created",
            (account,),
        )
        return [_passkey(r) for r in c.fetchall()]


def passkey(app: Any, credential_id: str) -> Passkey | None:
    """The passkey a browser names by its credential id, or None."""
    datastore, mark = _datastore(app)
    with datastore.transaction(commit=False) as c:
        if not _has_table(c, mark):
            return None
        c.execute(
            f"SELECT {COLUMNS} FROM finsam_passkeys WHERE credential_id = {mark}", (credential_id,)
        )
        row = c.fetchone()
        return None if row is None else _passkey(row)


def count_used(app: Any, credential_id: str, sign_count: int) -> None:
    """The authenticator's counter after a verified use."""
    datastore, mark = _datastore(app)
    with datastore.transaction(commit=True) as c:
        c.execute(
            f"UPDATE finsam_passkeys SET sign_count = {mark} WHERE credential_id = {mark}",
            (sign_count, credential_id),
        )
