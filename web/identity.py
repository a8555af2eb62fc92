"""Who is asking: the signed-in person and the roles they hold per förbund, as every
workspace route reads it.

The sign-in (password, passkey, OpenID Connect) finds the person and puts a ``Person``
in the request's ASGI scope under ``PERSON``; a route asks ``require`` for the förbund
in its path. A person without a role there gets the same 404 as a förbund that does not
exist (issue 22: another förbund's pages are not even admitted to exist), never a 403.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from finsam_es.errors import NotFound

if TYPE_CHECKING:
    from starlette.requests import Request

# The roles a person can hold in a förbund, as the board's people name them.
SEKRETERARE = "sekreterare"
FORBUNDSCHEF = "förbundschef"
LEDAMOT = "ledamot"
ERSATTARE = "ersättare"
REVISOR = "revisor"
ADMIN = "admin"
ROLES = (SEKRETERARE, FORBUNDSCHEF, LEDAMOT, ERSATTARE, REVISOR, ADMIN)

RECORD = frozenset({SEKRETERARE, FORBUNDSCHEF})  # record the meeting cycle's acts
SIGN = frozenset({LEDAMOT, ERSATTARE})  # sign a protokoll as justerare or chair, when named
AUDIT = frozenset({REVISOR})  # read, verify, export the audit bundle
ACCOUNTS = frozenset({ADMIN})  # give and take roles
READ = frozenset(ROLES)  # every role reads its förbund's pages

PERSON = "finsam.person"  # the key of the signed-in Person in the ASGI scope
# the key of the sign-in's session starter, (response, account name) -> None: a passkey
# sign-in (web/passkeys.py) ends in the same session the password sign-in makes
START_SESSION = "finsam.start_session"


@dataclass(frozen=True)
class Person:
    """A signed-in account: its name (the actor of what it records) and its roles."""

    name: str
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)  # förbund id -> roles
    full_name: str = ""  # as the minutes name the person (the account's, when given)

    @property
    def signer(self) -> str:
        """The name the person signs a protokoll as: the minutes' name of the chair or
        a justerare, when the account gives one; else the account's name."""
        return self.full_name or self.name

    def roles_in(self, forbund: str) -> frozenset[str]:
        return self.roles.get(forbund, frozenset())

    def may(self, forbund: str, allowed: Iterable[str] = READ) -> bool:
        return bool(self.roles_in(forbund) & frozenset(allowed))

    def forbunds(self) -> list[str]:
        """The förbund the person holds any role in, in order."""
        return sorted(f for f, roles in self.roles.items() if roles)


def person_of(request: Request) -> Person | None:
    """The signed-in person, or None (the token mode and the public pages)."""
    person = request.scope.get(PERSON)
    return person if isinstance(person, Person) else None


def require(request: Request, forbund: str, allowed: Iterable[str] = READ) -> Person:
    """The signed-in person when they hold one of ``allowed`` in ``forbund``; otherwise
    NotFound, which the app answers 404 exactly as for a förbund that does not exist."""
    person = person_of(request)
    if person is None or not person.may(forbund, allowed):
        raise NotFound(f"förbundet {forbund[:60]} finns inte")
    return person
