"""Who holds which role in which förbund, as of a date and as the records stood: the
fold of the accounts' events (finsam_es/accounts.py) for `finsam user list` and the
workspace's sign-in.

The events are read from the store's own chain by kind (``forbund_events``), so a list
costs the accounts' history, never the log's; the sign-in asks one account's roles now
by loading that one aggregate.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple
from uuid import UUID

import msgspec

from finsam_es.accounts import Account, account_name
from finsam_es.errors import InvalidInput
from store.application import FinsamApp

EVENTS = (
    Account.Opened,
    Account.RoleGranted,
    Account.RoleRevoked,
    Account.PasswordReset,
    Account.Closed,
)


class AccountRow(msgspec.Struct, frozen=True, kw_only=True):
    """An account as it stood: its roles per förbund (sorted), whether it has a
    password (else it signs in through the identity provider only) and is closed."""

    name: str
    opened: date
    roles: dict[str, tuple[str, ...]]
    password: bool
    closed: bool
    full_name: str = ""


def fold(events: Iterable[Any], as_of: date, known_at: datetime | None = None) -> list[AccountRow]:
    """The accounts after the events effective by ``as_of`` and recorded by
    ``known_at``, by name."""
    rows: dict[UUID, dict[str, Any]] = {}
    for e in events:
        if e.effective > as_of or (known_at is not None and e.timestamp > known_at):
            continue
        if isinstance(e, Account.Opened):
            rows[e.originator_id] = {
                "name": e.name,
                "full_name": e.full_name,
                "opened": e.effective,
                "roles": {},
                "password": False,
                "closed": False,
            }
            continue
        row = rows.get(e.originator_id)
        if row is None:  # pragma: no cover - every account's first event opens it
            continue
        roles: dict[str, set[str]] = row["roles"]
        if isinstance(e, Account.RoleGranted):
            roles.setdefault(e.within, set()).add(e.role)
        elif isinstance(e, Account.RoleRevoked):
            roles.get(e.within, set()).discard(e.role)
        elif isinstance(e, Account.PasswordReset):
            row["password"] = True
        elif isinstance(e, Account.Closed):
            row.update(roles={}, closed=True)
    return sorted(
        (
            AccountRow(
                **{
                    **row,
                    "roles": {f: tuple(sorted(r)) for f, r in sorted(row["roles"].items()) if r},
                }
            )
            for row in rows.values()
        ),
        key=lambda r: r.name,
    )


def accounts(
    app: FinsamApp, as_of: date, known_at: datetime | None = None, forbund: str | None = None
) -> list[AccountRow]:
    """Every account as of a date; with ``forbund`` only those holding a role there."""
    found = fold((e for _, e in app.forbund_events("", EVENTS, seal=False)), as_of, known_at)
    if forbund is None:
        return found
    return [r for r in found if forbund in r.roles]


def any_account(app: FinsamApp) -> bool:
    """Whether the store holds any account (then `finsam serve` signs people in)."""
    return bool(app.forbund_events("", (Account.Opened,), seal=False))


class AccountNow(NamedTuple):
    """An open account as it stands: what the workspace's gate asks of it per request."""

    roles: dict[str, frozenset[str]]
    full_name: str
    passwords: int  # how many times its password was set (a session knows the count)


def account_now(app: FinsamApp, name: str) -> AccountNow | None:
    """The open account of this name as it stands; None when there is none (or it is
    closed). One load of the one aggregate."""
    try:
        account = app.load(Account, Account.id_for(account_name(name)))
    except InvalidInput:
        return None
    if not isinstance(account, Account) or account.closed:
        return None
    roles = {f: frozenset(r) for f, r in account.roles.items() if r}
    return AccountNow(roles, account.full_name, getattr(account, "passwords", 0))


def passwords_set(app: FinsamApp, name: str) -> int:
    """How many times the account's password was set (0 for no open account)."""
    found = account_now(app, name)
    return found.passwords if found else 0


def roles_now(app: FinsamApp, name: str) -> dict[str, frozenset[str]] | None:
    """The roles an open account holds now, per förbund; None for a name that is no
    open account."""
    found = account_now(app, name)
    return found.roles if found else None
