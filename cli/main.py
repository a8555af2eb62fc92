"""The `finsam` command: the group, its error handling, and the commands of each noun.

Every refusal (a FinsamError) becomes one line on stderr and exit code 1; nothing
is written. The commands live in one module per noun (cli/forbund.py,
cli/meetings.py, ...); this module imports them and adds them to the group, and
none of them imports this one.
"""

from __future__ import annotations

import os
from typing import Any

import click
from rich.markup import escape

from cli import (
    applications,
    audit,
    bookkeeping,
    decisions,
    explain,
    exports,
    forbund,
    journal,
    log,
    meetings,
    paragraphs,
    procedures,
    registers,
    reports,
    statements,
    view,
)
from cli.context import Store
from cli.output import err_console
from cli.web import serve as web
from finsam_es.application import DEFAULT_DB
from finsam_es.errors import FinsamError


def os_user() -> str:
    """The operating system's name for whoever runs finsam ("" when it has none)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class FinsamGroup(click.Group):
    """Turns FinsamError into one line and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FinsamError as e:
            err_console.print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True)
            ctx.exit(1)
        except click.UsageError as e:
            # One line, like every other refusal, with where to look for the right form.
            where = e.ctx.command_path if e.ctx else "finsam"
            message = f"{e.format_message()} (see: {where} --help)"
            err_console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
            ctx.exit(e.exit_code)


@click.group(
    name="finsam",
    cls=FinsamGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    default=lambda: os.environ.get("FINSAM_DB", DEFAULT_DB),
    show_default="./finsam.db or $FINSAM_DB",
    help="SQLite file, or a postgresql://user:pw@host/db URL.",
)
@click.option(
    "--forbund",
    default=None,
    metavar="ID",
    help="The förbund to work on when the store holds several.",
)
@click.option(
    "--actor",
    default=None,
    metavar="NAME",
    help="Who records (stored with every event); default $FINSAM_ACTOR, else the OS user.",
)
@click.version_option(package_name="finsam")
@click.pass_context
def cli(ctx: click.Context, db: str, forbund: str | None, actor: str | None) -> None:
    """finsam: the board's governance log and ledger of a samordningsförbund.

    Decisions are recorded paragraph by paragraph as events that are never changed;
    budget, outcome, equity and every insats can be asked for any date.

    \b
    Example:
      finsam import examples/solleftea-2024.toml
      finsam minutes 2023-11-23
      finsam equity --as-of 2024-12-31
    """
    ctx.obj = Store(db, forbund, actor or os.environ.get("FINSAM_ACTOR") or os_user())


NOUNS = (
    forbund,
    meetings,
    paragraphs,
    journal,
    reports,
    statements,
    view,
    bookkeeping,
    applications,
    decisions,
    log,
    exports,
    explain,
    audit,
    registers,
    procedures,
    web,
)


def add_commands(group: click.Group) -> None:
    """Every noun's commands. `budget` is both the budget query (cli/reports.py) and the
    parent of the decisions that adopt and change a budget (cli/decisions.py)."""
    for noun in NOUNS:
        for command in noun.COMMANDS:
            group.add_command(command)
    reports.budget.add_command(decisions.budget_adopt)
    reports.budget.add_command(decisions.budget_change)


add_commands(cli)


def main() -> None:
    cli(prog_name="finsam")
