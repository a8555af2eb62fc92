"""The commands of the workspace's accounts (issue 22): add a person, give and take a
role in a förbund, set a new password, close an account. A password reaches a command
only as its argon2id hash (store/credentials.py makes it at the face): the command is
no place for a secret, and the hash itself goes to the credentials table, not the log.
"""

from __future__ import annotations

from typing import Literal

from commands.command_base import Command

# The roles a person can hold in a förbund (finsam_es/accounts.py ROLES).
AccountRole = Literal["sekreterare", "förbundschef", "ledamot", "ersättare", "revisor", "admin"]


class AddUser(Command, frozen=True, kw_only=True):
    """A new account ``name`` with a first ``role`` in the förbund; ``password_hash``
    empty for a person who signs in only through the municipality's identity
    provider (OpenID Connect)."""

    name: str
    role: AccountRole
    password_hash: str = ""
    # the person's name as the minutes give it ("Patrik Lockner"), so the workspace
    # knows which chair or justerare the account signs as
    full_name: str = ""


class GrantRole(Command, frozen=True, kw_only=True):
    """Give the account ``name`` a ``role`` in the förbund."""

    name: str
    role: AccountRole


class RevokeRole(Command, frozen=True, kw_only=True):
    """Take the ``role`` in the förbund from the account ``name`` (never the last admin's)."""

    name: str
    role: AccountRole


class ResetPassword(Command, frozen=True, kw_only=True):
    """Set a new password (its argon2id hash) for the account ``name``; its failed
    sign-ins and any lockout are cleared."""

    name: str
    password_hash: str


class CloseAccount(Command, frozen=True, kw_only=True):
    """Close the account ``name``: it loses every role and can no longer sign in."""

    name: str
