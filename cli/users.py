"""The workspace's accounts at the command line: `finsam user add|grant|revoke|reset|
close` record who may sign in with which role in which förbund (events, with --actor as
who did it), `finsam user list` shows them as of any date.

A password is read from a hidden prompt (typed twice), FINSAM_USER_PASSWORD or the
first line of --password-file: never from the command line (every user of the machine
reads it in `ps`), never printed, never in the log. It is hashed (argon2id) here at the
edge, and only the hash reaches the command and the credentials table.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import cast

import click

from cli.context import Store
from cli.options import DATE, forbund_option, format_option, known_at_option
from cli.output import console, print_csv, print_json, table
from commands import structs as c
from finsam_es.accounts import ROLES
from finsam_es.errors import InvalidInput

PASSWORD_VARIABLE = "FINSAM_USER_PASSWORD"
ROLE = click.Choice(ROLES)


def read_password(path: str | None) -> str:
    """The new password from --password-file, FINSAM_USER_PASSWORD or a prompt."""
    from store.credentials import check_password

    if path is not None:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            reason = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
            raise InvalidInput(f"--password-file {path}: cannot read it ({reason})") from None
        password = lines[0] if lines else ""
    elif os.environ.get(PASSWORD_VARIABLE):
        password = os.environ[PASSWORD_VARIABLE]
    else:
        password = click.prompt(
            "New password", hide_input=True, confirmation_prompt="Repeat the password", err=True
        )
    return check_password(password)


def hashed(path: str | None) -> str:
    from store.credentials import hash_password

    return hash_password(read_password(path))


def password_file_option(f: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--password-file",
        type=click.Path(dir_okay=False),
        default=None,
        help=f"A file whose first line is the password (or set {PASSWORD_VARIABLE}; "
        "else it is asked for, hidden, twice).",
    )(f)


@click.group("user")
def user() -> None:
    """The people who sign in to the workspace (`finsam serve`) and their roles per
    förbund: sekreterare and förbundschef record, ledamot and ersättare read and sign,
    revisor reads and audits, admin gives roles. Every change is an event in the log.

    \b
    Example:
      finsam user add anna --role admin --forbund solleftea
    """


@user.command("add")
@click.argument("name")
@click.option("--role", type=ROLE, required=True, help="The first role.")
@click.option(
    "--full-name",
    default="",
    metavar="TEXT",
    help="The person's name as the minutes give it (who signs as chair or justerare).",
)
@click.option("--no-password", is_flag=True, help="Signs in only by the identity provider.")
@password_file_option
@forbund_option
@click.pass_obj
def user_add(
    store: Store,
    name: str,
    role: str,
    full_name: str,
    no_password: bool,
    password_file: str | None,
    forbund: str | None,
) -> None:
    """Add an account NAME (lower case: anna or anna.berg@kommun.se) with a role in the
    förbund and a password; the first account turns `finsam serve` into the signed-in
    workspace.

    \b
    Examples:
      finsam user add anna --role admin --forbund solleftea
      FINSAM_USER_PASSWORD=... finsam user add bo --role ledamot
      finsam user add patrik --role ledamot --full-name "Patrik Lockner"
      finsam user add cecilia@kommun.se --role revisor --no-password
    """
    secret = "" if no_password else hashed(password_file)
    command = c.AddUser(
        forbund=forbund,
        name=name,
        role=cast(c.AccountRole, role),
        password_hash=secret,
        full_name=full_name,
    )
    store.run(command, "account added")


@user.command("grant")
@click.argument("name")
@click.option("--role", type=ROLE, required=True, help="The role to give.")
@forbund_option
@click.pass_obj
def user_grant(store: Store, name: str, role: str, forbund: str | None) -> None:
    """Give the account NAME a role in the förbund.

    \b
    Example:
      finsam user grant anna --role sekreterare --forbund solleftea
    """
    store.run(
        c.GrantRole(forbund=forbund, name=name, role=cast(c.AccountRole, role)), "role granted"
    )


@user.command("revoke")
@click.argument("name")
@click.option("--role", type=ROLE, required=True, help="The role to take.")
@forbund_option
@click.pass_obj
def user_revoke(store: Store, name: str, role: str, forbund: str | None) -> None:
    """Take a role in the förbund from the account NAME (the förbund's last admin keeps
    it until someone else holds admin there).

    \b
    Example:
      finsam user revoke bo --role ledamot --forbund solleftea
    """
    store.run(
        c.RevokeRole(forbund=forbund, name=name, role=cast(c.AccountRole, role)), "role revoked"
    )


@user.command("reset")
@click.argument("name")
@password_file_option
@click.pass_obj
def user_reset(store: Store, name: str, password_file: str | None) -> None:
    """Set a new password for the account NAME; its failed sign-ins and any lockout are
    cleared.

    \b
    Example:
      finsam user reset anna --password-file ny-losen.txt
    """
    store.run(c.ResetPassword(name=name, password_hash=hashed(password_file)), "password set")


@user.command("close")
@click.argument("name")
@click.pass_obj
def user_close(store: Store, name: str) -> None:
    """Close the account NAME: it loses its roles and can no longer sign in.

    \b
    Example:
      finsam user close bo
    """
    store.run(c.CloseAccount(name=name), "account closed")


@user.command("list")
@click.option("--as-of", type=DATE, default=None, help="The date asked about (default today).")
@known_at_option
@click.option("--forbund", default=None, metavar="ID", help="Only those with a role there.")
@format_option("csv")
@click.pass_obj
def user_list(
    store: Store, as_of: date | None, known_at: datetime | None, forbund: str | None, fmt: str
) -> None:
    """Every account with its roles per förbund as of a date: whether it has a password
    (else it signs in through the identity provider) and whether it is closed.

    \b
    Examples:
      finsam user list
      finsam user list --as-of 2026-06-30 --format csv
    """
    from projections.accounts import accounts

    rows = accounts(store.app, as_of or date.today(), known_at, forbund)
    if fmt == "json":
        print_json(rows)
        return
    cells = [
        (
            r.name,
            "; ".join(f"{f}: {', '.join(roles)}" for f, roles in r.roles.items()),
            str(r.opened),
            ("ja" if r.password else "nej") if fmt == "table" else str(r.password).lower(),
            ("stängt" if r.closed else "") if fmt == "table" else str(r.closed).lower(),
        )
        for r in rows
    ]
    if fmt == "csv":
        print_csv(["name", "roles", "opened", "password", "closed"], cells)
        return
    console().print(table("Konton", ["Konto", "Roller", "Öppnat", "Lösenord", ""], cells))


COMMANDS = (user,)
