"""The `finsam` command: the group, its store and its error handling.

Every refusal (a FinsamError) becomes one line on stderr and exit code 1; nothing
is written. Commands live in cli/governance.py and cli/money.py.
"""

from __future__ import annotations

import os
from typing import Any

import click
from rich.markup import escape

from cli.output import done, err_console, warn
from commands.bus import Outcome, execute
from commands.structs import Command
from finsam_es.application import DEFAULT_DB, FinsamApp
from finsam_es.errors import FinsamError
from projections.queries import Reader


class Store:
    """What `ctx.obj` holds: the store's location, opened on first use."""

    def __init__(self, db: str, forbund: str | None):
        self.db = db
        self.forbund = forbund
        self._app: FinsamApp | None = None
        self._reader: Reader | None = None

    @property
    def app(self) -> FinsamApp:
        if self._app is None:
            self._app = FinsamApp(self.db)
        return self._app

    @property
    def reader(self) -> Reader:
        if self._reader is None:
            self._reader = Reader(self.app)
        return self._reader

    def run(self, command: Command, message: str = "") -> Outcome:
        """Execute a command, print its warnings and a one-line receipt."""
        outcome = execute(self.app, command)
        warn(outcome.warnings)
        if message:
            made = f"{', '.join(outcome.made)}: " if outcome.made else ""
            done(
                f"{made}{message} ({outcome.events} event{'s' if outcome.events != 1 else ''} stored)"
            )
        return outcome


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
@click.version_option(package_name="finsam")
@click.pass_context
def cli(ctx: click.Context, db: str, forbund: str | None) -> None:
    """finsam: the board's governance log and ledger of a samordningsförbund.

    Decisions are recorded paragraph by paragraph as events that are never changed;
    budget, outcome, equity and every insats can be asked for any date.

    \b
    Example:
      finsam import examples/solleftea-2024.toml
      finsam minutes 2023-11-23
      finsam equity --as-of 2024-12-31
    """
    ctx.obj = Store(db, forbund)


def main() -> None:

    cli(prog_name="finsam")


from cli import governance as _governance  # noqa: E402,F401
from cli import money as _money  # noqa: E402,F401
