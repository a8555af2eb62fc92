"""`finsam user`: accounts and roles from the command line, the password read from a
prompt, the environment or a file and never shown, the list as of a date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import cli
from store.application import FinsamApp
from store.credentials import Credentials
from tests.conftest import Finsam

PASSWORD = "korrekt häst batteri"
MEMBERS = tuple(
    part
    for member in ("fk:state:25%", "af:state:25%", "rvn:region:25%", "k:municipality:25%")
    for part in ("--member", member)
)


@pytest.fixture
def books(finsam: Finsam) -> Finsam:
    finsam("forbund", "create", "a", "--name", "Förbund A", *MEMBERS)
    finsam("forbund", "create", "b", "--name", "Förbund B", *MEMBERS)
    return finsam


def test_add_grant_revoke_list(books: Finsam, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINSAM_USER_PASSWORD", PASSWORD)
    out = books("--actor", "kansliet", "user", "add", "anna", "--role", "admin", "--forbund", "a")
    assert "anna: account added (3 events stored)" in out.output
    assert PASSWORD not in out.output
    books("user", "add", "bo", "--role", "ledamot", "--forbund", "b", "--no-password")
    books("user", "grant", "bo", "--role", "revisor", "--forbund", "a")
    books("user", "revoke", "bo", "--role", "ledamot", "--forbund", "b")
    rows = books.json("user", "list")
    assert [(r["name"], r["roles"], r["password"]) for r in rows] == [
        ("anna", {"a": ["admin"]}, True),
        ("bo", {"a": ["revisor"]}, False),
    ]
    assert books.json("user", "list", "--as-of", "2020-01-01") == []
    csv = books("user", "list", "--format", "csv").output.splitlines()
    assert csv[0] == "name,roles,opened,password,closed"
    log = json.loads(books("log", "--format", "json").stdout)
    assert PASSWORD not in json.dumps(log)


def test_refusals_are_one_line(books: Finsam, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINSAM_USER_PASSWORD", PASSWORD)
    books("user", "add", "anna", "--role", "admin", "--forbund", "a")
    last = books.fails("user", "revoke", "anna", "--role", "admin", "--forbund", "a")
    assert "anna is the last admin of a" in last.output
    assert (
        "is not an account name"
        in books.fails("user", "add", "Anna B", "--role", "ledamot", "--forbund", "a").output
    )
    monkeypatch.setenv("FINSAM_USER_PASSWORD", "kort")
    short = books.fails("user", "add", "bo", "--role", "ledamot", "--forbund", "a")
    assert "too short" in short.output
    assert "--password" not in books("user", "add", "--help").output.replace("--password-file", "")


def test_the_password_from_a_prompt_or_a_file(books: Finsam, tmp_path: Path) -> None:
    typed = books.runner.invoke(
        cli,
        ["--db", books.db, "user", "add", "anna", "--role", "ledamot", "--forbund", "a"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert typed.exit_code == 0, typed.output
    assert PASSWORD not in typed.output  # hidden as typed
    assert Credentials(FinsamApp(books.db)).check("anna", PASSWORD).ok
    secret = tmp_path / "losen.txt"
    secret.write_text("ett nytt lösenord\n", encoding="utf-8")
    books("user", "reset", "anna", "--password-file", str(secret))
    assert Credentials(FinsamApp(books.db)).check("anna", "ett nytt lösenord").ok


def test_a_copy_of_the_store_keeps_the_passwords(
    books: Finsam, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINSAM_USER_PASSWORD", PASSWORD)
    books("user", "add", "anna", "--role", "admin", "--forbund", "a")
    target = str(tmp_path / "copy.db")
    books("copy", "--from", books.db, "--to", target)
    assert Credentials(FinsamApp(target)).check("anna", PASSWORD).ok
    assert "verified" in Finsam(target)("audit", "verify").stdout
