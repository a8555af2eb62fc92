"""The people who sign in to the workspace: one ``Account`` per person, named by its
account name, with the roles it holds per förbund.

Who was given or lost which role, by whom and when, are events in the log like every
other act, so the auditors read them with the rest (the chain's actor is who did it).
The secrets are not: a password's hash lives in the credentials table beside the log
(store/credentials.py); ``PasswordReset`` only says that it was set, and when.

An account spans förbund (a revisor may audit two), so its events belong to the store's
own chain (``forbund=""``, as the registry's do) and each role event names the förbund
the role is held in. The last admin of a förbund cannot lose the role or the account:
someone must be left who can give roles there.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from finsam_es.base import FinsamAggregate
from finsam_es.errors import InvalidInput, Refused
from finsam_es.values import stable_id

# The roles as the board's people name them (web/identity.py groups them by what each
# may do); a role outside these is refused.
SEKRETERARE = "sekreterare"
FORBUNDSCHEF = "förbundschef"
LEDAMOT = "ledamot"
ERSATTARE = "ersättare"
REVISOR = "revisor"
ADMIN = "admin"
ROLES = (SEKRETERARE, FORBUNDSCHEF, LEDAMOT, ERSATTARE, REVISOR, ADMIN)

# An account name: what a person types to sign in and what the chain records as the
# actor. Lower case, so "Anna" and "anna" are never two people; @ and . admit the
# names a municipality's identity provider gives (anna.berg@kommun.se).
NAME = re.compile(r"^[a-z0-9åäöéü][a-z0-9åäöéü._@-]{1,63}$")


def account_name(text: str) -> str:
    """The account name, checked; refused in one line otherwise."""
    name = text.strip()
    if not NAME.fullmatch(name):
        shown = name[:70].encode("ascii", "backslashreplace").decode("ascii")
        raise InvalidInput(
            f"'{shown}' is not an account name: 2-64 lower-case letters, digits and . _ @ -"
        )
    return name


def role_name(text: str) -> str:
    if text not in ROLES:
        raise InvalidInput(f"'{text[:40]}' is not a role: choose one of {', '.join(ROLES)}")
    return text


class Account(FinsamAggregate):
    """One person's account: its roles per förbund while it is open."""

    class Opened(FinsamAggregate.Created):
        label = "account opened"
        name: str
        # the person's name as the board's records give it (the minutes' chair and
        # justerare): who signs a protokoll; empty in accounts opened before it existed
        full_name: str = ""

        def apply(self, aggregate: Account) -> None:
            aggregate.forbund = ""
            aggregate.name = self.name
            aggregate.full_name = self.full_name
            aggregate.roles = {}
            aggregate.closed = False
            aggregate.passwords = 0

        @property
        def summary(self) -> str:
            return f"account {self.name} opened"

    class RoleGranted(FinsamAggregate.Event):
        label = "role granted"
        within: str  # the förbund the role is held in
        role: str

        def apply(self, aggregate: Account) -> None:
            held = aggregate.roles.get(self.within, frozenset())
            aggregate.roles = {**aggregate.roles, self.within: held | {self.role}}

        @property
        def summary(self) -> str:
            return f"role {self.role} in {self.within} granted"

    class RoleRevoked(FinsamAggregate.Event):
        label = "role revoked"
        within: str
        role: str

        def apply(self, aggregate: Account) -> None:
            held = aggregate.roles.get(self.within, frozenset()) - {self.role}
            roles = {f: r for f, r in aggregate.roles.items() if f != self.within}
            aggregate.roles = {**roles, self.within: held} if held else roles

        @property
        def summary(self) -> str:
            return f"role {self.role} in {self.within} revoked"

    class PasswordReset(FinsamAggregate.Event):
        """A new password was set (its hash is in the credentials table, never here)."""

        label = "password set"

        def apply(self, aggregate: Account) -> None:
            # counted: a session opened before the count it knew is over (web/gate.py)
            aggregate.passwords = getattr(aggregate, "passwords", 0) + 1

        @property
        def summary(self) -> str:
            return "password set"

    class Closed(FinsamAggregate.Event):
        label = "account closed"

        def apply(self, aggregate: Account) -> None:
            aggregate.roles = {}
            aggregate.closed = True

        @property
        def summary(self) -> str:
            return "account closed"

    if TYPE_CHECKING:
        name: str
        full_name: str
        roles: dict[str, frozenset[str]]
        closed: bool
        passwords: int  # how many times a password was set

    @staticmethod
    def id_for(name: str) -> UUID:
        return stable_id("account", name)

    @classmethod
    def open(cls, name: str, at: datetime, full_name: str = "") -> Account:
        return cls._create(
            cls.Opened,
            id=cls.id_for(name),
            timestamp=at,
            forbund="",
            effective=at.date(),
            name=account_name(name),
            full_name=full_name.strip(),
        )

    def _check_open(self) -> None:
        if self.closed:
            raise Refused(f"the account {self.name} is closed")

    def grant(self, forbund: str, role: str, at: datetime) -> None:
        self._check_open()
        if role_name(role) in self.roles.get(forbund, frozenset()):
            raise Refused(f"{self.name} already holds the role {role} in {forbund}")
        self.record(self.RoleGranted, at, effective=at.date(), within=forbund, role=role)

    def revoke(self, forbund: str, role: str, at: datetime, admins: frozenset[UUID]) -> None:
        """Take a role; ``admins`` are the accounts holding admin in the förbund now."""
        self._check_open()
        if role_name(role) not in self.roles.get(forbund, frozenset()):
            raise Refused(f"{self.name} does not hold the role {role} in {forbund}")
        if role == ADMIN and not admins - {self.id}:
            raise Refused(
                f"{self.name} is the last admin of {forbund}: grant admin to someone else first"
            )
        self.record(self.RoleRevoked, at, effective=at.date(), within=forbund, role=role)

    def reset_password(self, at: datetime) -> None:
        self._check_open()
        self.record(self.PasswordReset, at, effective=at.date())

    def close(self, at: datetime, last_admin_of: list[str]) -> None:
        """Close the account; ``last_admin_of`` are the förbund it is the only admin of."""
        self._check_open()
        if last_admin_of:
            raise Refused(
                f"{self.name} is the last admin of {', '.join(last_admin_of)}: "
                "grant admin to someone else first"
            )
        self.record(self.Closed, at, effective=at.date())


ROLE_EVENTS = (Account.RoleGranted, Account.RoleRevoked, Account.Closed)


def admins_of(events: list[Account.Event], forbund: str) -> frozenset[UUID]:
    """The accounts (by id) holding admin in a förbund after these events, in log
    order: the fold the last-admin rule asks."""
    held: dict[UUID, bool] = {}
    for e in events:
        if isinstance(e, Account.Closed):
            held.pop(e.originator_id, None)
        elif isinstance(e, Account.RoleGranted | Account.RoleRevoked) and (
            e.within == forbund and e.role == ADMIN
        ):
            held[e.originator_id] = isinstance(e, Account.RoleGranted)
    return frozenset(i for i, holds in held.items() if holds)
