"""Handlers of the accounts: each loads the one account it names (its id comes from the
name) and records the act with the signed-in person or the CLI's --actor as actor.

The last-admin rule asks who else holds admin in the förbund: the role events of the
store's own chain, read by kind (``uow.forbund_events``), never the whole log.
"""

from __future__ import annotations

from uuid import UUID

from commands import structs as c
from commands.loading import resolve_forbund
from finsam_es.accounts import ADMIN, ROLE_EVENTS, Account, account_name, admins_of
from finsam_es.errors import InvalidInput, NotFound, Refused
from store.credentials import Password
from store.unit_of_work import UnitOfWork

HASH_PREFIX = "$argon2id$"


def load_account(uow: UnitOfWork, name: str) -> Account:
    found = uow.get(Account, Account.id_for(account_name(name)))
    if found is None:
        raise NotFound(f"no account '{name[:64]}' (finsam user list shows them)")
    return found


def _set_password(uow: UnitOfWork, account: Account, password_hash: str) -> None:
    if not password_hash.startswith(HASH_PREFIX):
        raise InvalidInput("the password must come as its argon2id hash")
    account.reset_password(uow.at)
    uow.side["credentials"] = Password(account.name, password_hash)


def add_user(uow: UnitOfWork, cmd: c.AddUser) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    name = account_name(cmd.name)
    if uow.get(Account, Account.id_for(name)) is not None:
        raise Refused(f"the account {name} exists: give it a role with finsam user grant")
    account = uow.add(Account.open(name, uow.at, cmd.full_name))
    account.grant(f.forbund, cmd.role, uow.at)
    if cmd.password_hash:
        _set_password(uow, account, cmd.password_hash)
    uow.receipts.append(name)
    return []


def grant_role(uow: UnitOfWork, cmd: c.GrantRole) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    account = load_account(uow, cmd.name)
    account.grant(f.forbund, cmd.role, uow.at)
    uow.receipts.append(f"{account.name}: {cmd.role} in {f.forbund}")
    return []


def _admins(uow: UnitOfWork, forbund: str) -> frozenset[UUID]:
    return admins_of([e for _, e in uow.forbund_events("", ROLE_EVENTS)], forbund)


def revoke_role(uow: UnitOfWork, cmd: c.RevokeRole) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    account = load_account(uow, cmd.name)
    admins = _admins(uow, f.forbund) if cmd.role == ADMIN else frozenset()
    account.revoke(f.forbund, cmd.role, uow.at, admins)
    uow.receipts.append(f"{account.name}: {cmd.role} in {f.forbund}")
    return []


def reset_password(uow: UnitOfWork, cmd: c.ResetPassword) -> list[str]:
    account = load_account(uow, cmd.name)
    _set_password(uow, account, cmd.password_hash)
    uow.receipts.append(account.name)
    return []


def close_account(uow: UnitOfWork, cmd: c.CloseAccount) -> list[str]:
    account = load_account(uow, cmd.name)
    last = [
        forbund
        for forbund, roles in sorted(account.roles.items())
        if ADMIN in roles and not _admins(uow, forbund) - {account.id}
    ]
    account.close(uow.at, last)
    uow.receipts.append(account.name)
    return []
