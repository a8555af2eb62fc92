"""The `finsam` command: the group, its error handling, and the commands of each noun.

Every refusal (a FinsamError) becomes one line on stderr and exit code 1; nothing
is written. The commands live in one module per noun (cli/forbund.py,
cli/meetings.py, ...); this module imports them and adds them to the group, and
none of them imports this one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from typing import Any

import click
from eventsourcing.persistence import PersistenceError
from rich.markup import escape

from cli import (
    applications,
    audit,
    backup,
    board,
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
from finsam_es.application import DEFAULT_DB, is_postgres, store_name
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
            return self._invoke(ctx)
        except click.exceptions.Exit as e:
            if e.exit_code != 0:
                _drop_new_empty_store(ctx)
            raise
        except BaseException:
            _drop_new_empty_store(ctx)
            raise
        finally:
            # Close the store's connections now, not when the garbage collector gets to
            # them: a process running many commands (a server, a test) would otherwise
            # hold PostgreSQL connections until the server has no more to give.
            store = ctx.obj
            if isinstance(store, Store) and store.opened is not None:
                with contextlib.suppress(Exception):
                    store.opened.close()

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FinsamError as e:
            err_console.print(f"[red]error:[/red] {escape(str(e))}", soft_wrap=True)
            ctx.exit(1)
        except (sqlite3.Error, PersistenceError) as e:
            # The database refused (a read-only file, a full disk, a lost connection):
            # one line naming the store, never a password, and nothing written.
            db = ctx.obj.db if isinstance(ctx.obj, Store) else ""
            first = (str(e).strip().splitlines() or [type(e).__name__])[0]
            message = f"the store at {store_name(db)} refused: {first}"
            if "locked" in first or "lock timeout" in first:
                message = f"the store at {store_name(db)} is busy (another command is writing); run it again"
            err_console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
            ctx.exit(1)
        except click.UsageError as e:
            # One line, like every other refusal, with where to look for the right form.
            where = e.ctx.command_path if e.ctx else "finsam"
            message = f"{e.format_message()} (see: {where} --help)"
            err_console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
            ctx.exit(e.exit_code)


_NEW_STORES: set[str] = set()


def _drop_new_empty_store(ctx: click.Context) -> None:
    """A command that failed leaves no empty store file behind when it created one."""
    store = ctx.obj
    if not isinstance(store, Store) or store.db not in _NEW_STORES:
        return
    _NEW_STORES.discard(store.db)
    if store.opened is not None and store.opened.event_count() == 0:
        store.opened.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.remove(store.db + suffix)


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
    if not is_postgres(db) and not os.path.exists(db):
        _NEW_STORES.add(db)
    ctx.obj = Store(db, forbund, actor or os.environ.get("FINSAM_ACTOR") or os_user())


NOUNS = (
    forbund,
    board,
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
    backup,
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
