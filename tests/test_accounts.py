"""Accounts and roles as events (issue 22): the rules of the account aggregate, the
commands through the bus, the fold `user list` and the sign-in read, and the password
hash kept beside the log, never in it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import get_args

import pytest

from commands import structs as c
from commands.bus import execute
from finsam_es.accounts import ROLES
from finsam_es.errors import InvalidInput, NotFound, Refused
from projections.accounts import accounts, any_account, roles_now
from projections.queries import Reader
from store.application import FinsamApp
from store.credentials import MAX_FAILURES, Credentials, hash_password
from tests.conftest import Refuse, Run
from web import identity

PASSWORD = "korrekt häst batteri"
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="k", kind="municipality", share="25%"),
)


@pytest.fixture
def two(run: Run) -> Run:
    """A store of two förbund, A and B."""
    run(c.CreateForbund(id="a", name="Förbund A", members=MEMBERS))
    run(c.CreateForbund(id="b", name="Förbund B", members=MEMBERS))
    return run


def test_the_roles_are_the_ones_the_web_names() -> None:
    assert ROLES == identity.ROLES == get_args(c.AccountRole)


def test_an_added_person_holds_the_role_and_the_password_is_not_in_the_log(
    app: FinsamApp, two: Run
) -> None:
    hashed = hash_password(PASSWORD)
    out = execute(
        app, c.AddUser(forbund="a", name="anna", role="admin", password_hash=hashed), "root"
    )
    assert out.events == 3  # opened, the role, the password set
    assert roles_now(app, "anna") == {"a": frozenset({"admin"})}
    for _, e in app.read():  # neither the hash nor the password is in any event
        assert hashed not in repr(e) and PASSWORD not in repr(e)
    assert Credentials(app).check("anna", PASSWORD).ok
    assert not Credentials(app).check("anna", "fel lösenord!").ok
    # the chain records who gave the role; the log names the acts, not the secret
    rows = Reader(app).log(only=None, limit=3)
    assert {r.actor for r in rows} == {"root"}


def test_grant_revoke_and_the_rules(app: FinsamApp, two: Run, refused: Refuse) -> None:
    two(c.AddUser(forbund="a", name="anna", role="admin"))
    two(c.GrantRole(forbund="b", name="anna", role="revisor"))
    assert roles_now(app, "anna") == {"a": frozenset({"admin"}), "b": frozenset({"revisor"})}
    assert isinstance(refused(c.GrantRole(forbund="b", name="anna", role="revisor")), Refused)
    assert isinstance(refused(c.RevokeRole(forbund="b", name="anna", role="ledamot")), Refused)
    assert isinstance(refused(c.GrantRole(forbund="b", name="bo", role="ledamot")), NotFound)
    assert isinstance(refused(c.AddUser(forbund="a", name="anna", role="ledamot")), Refused)
    assert isinstance(
        refused(c.AddUser(forbund="a", name="Anna Berg", role="ledamot")), InvalidInput
    )
    assert isinstance(refused(c.AddUser(forbund="x", name="bo", role="ledamot")), NotFound)
    # the last admin of a förbund cannot lose the role, nor close the account
    error = refused(c.RevokeRole(forbund="a", name="anna", role="admin"))
    assert "last admin of a" in str(error)
    assert "last admin of a" in str(refused(c.CloseAccount(name="anna")))
    two(c.AddUser(forbund="a", name="bo", role="admin"))
    two(c.RevokeRole(forbund="a", name="anna", role="admin"))
    assert roles_now(app, "anna") == {"b": frozenset({"revisor"})}
    two(c.CloseAccount(name="anna"))
    assert roles_now(app, "anna") is None
    assert isinstance(refused(c.GrantRole(forbund="a", name="anna", role="ledamot")), Refused)


def test_a_password_must_come_as_its_hash(app: FinsamApp, two: Run, refused: Refuse) -> None:
    error = refused(c.AddUser(forbund="a", name="anna", role="ledamot", password_hash=PASSWORD))
    assert "argon2id hash" in str(error)
    with pytest.raises(InvalidInput, match="too short"):
        hash_password("kort")


def test_the_list_as_of_a_date(app: FinsamApp, two: Run) -> None:
    two(c.AddUser(forbund="a", name="anna", role="admin"))
    first = date(2026, 1, 1)  # the test clock's day (conftest.Clock)
    two(c.GrantRole(forbund="a", name="anna", role="sekreterare"))
    two(c.AddUser(forbund="b", name="bo", role="ledamot", password_hash=hash_password(PASSWORD)))
    rows = accounts(app, first)
    assert [(r.name, r.roles, r.password) for r in rows] == [
        ("anna", {"a": ("admin", "sekreterare")}, False),
        ("bo", {"b": ("ledamot",)}, True),
    ]
    assert accounts(app, first - timedelta(days=1)) == []
    assert [r.name for r in accounts(app, first, forbund="b")] == ["bo"]
    assert any_account(app)


def test_the_lockout_after_failures_and_when_it_lifts(app: FinsamApp, two: Run) -> None:
    two(c.AddUser(forbund="a", name="anna", role="ledamot", password_hash=hash_password(PASSWORD)))
    now = [datetime(2026, 12, 7, 10, 0, tzinfo=UTC)]
    creds = Credentials(app, clock=lambda: now[0])
    for _ in range(MAX_FAILURES - 1):
        assert creds.check("anna", "fel lösenord!").locked_until is None
    locked = creds.check("anna", "fel lösenord!")
    assert locked.locked_until == datetime(2026, 12, 7, 10, 15, tzinfo=UTC)  # 15 minutes
    # locked: even the right password is refused until then
    assert not creds.check("anna", PASSWORD).ok
    now[0] = datetime(2026, 12, 7, 10, 15, 1, tzinfo=UTC)
    assert creds.check("anna", PASSWORD).ok
    # a reset clears the count (a new hash, recorded as an event)
    two(c.ResetPassword(name="anna", password_hash=hash_password("ett annat lösenord")))
    assert creds.check("anna", "ett annat lösenord").ok
    assert not creds.check("nobody", PASSWORD).ok
