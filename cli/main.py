"""The `finsam` command: the group, its error handling, and the commands of each noun.

Every refusal (a FinsamError) becomes one line on stderr and exit code 1; nothing
is written. The commands live in one module per noun (cli/forbund.py,
cli/meetings.py, ...); the group imports a noun's module when one of its commands
runs (cli/catalog.py names them all), and none of them imports this one.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any

import click

from cli.catalog import COMMANDS, SUBCOMMANDS
from cli.context import Store
from cli.secrets import DB_HELP, password_warning


def os_user() -> str:
    """The operating system's name for whoever runs finsam ("" when it has none)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class FinsamGroup(click.Group):
    """Turns FinsamError into one line and exit code 1; loads a command's module only
    when the command is asked for (``COMMANDS``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute, _ = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
            if cmd_name in SUBCOMMANDS:
                sub_module, names = SUBCOMMANDS[cmd_name]
                loaded = importlib.import_module(sub_module)
                for name in names:
                    command.add_command(getattr(loaded, name))
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their help from ``COMMANDS``, without importing them."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in COMMANDS:
                listed = click.Command(name, help=COMMANDS[name][2])
                text = listed.get_short_help_str(limit)
            else:
                text = self.commands[name].get_short_help_str(limit)
            rows.append((name, text))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
        import sqlite3

        from eventsourcing.persistence import PersistenceError

        from finsam_es.errors import FinsamError

        try:
            return super().invoke(ctx)
        except FinsamError as e:
            _refuse(str(e))
            ctx.exit(1)
        except (sqlite3.Error, PersistenceError) as e:
            # The database refused (a read-only file, a full disk, a lost connection):
            # one line naming the store, never a password, and nothing written.
            db = ctx.obj.db if isinstance(ctx.obj, Store) else ""
            from store.database import store_name

            first = (str(e).strip().splitlines() or [type(e).__name__])[0]
            message = f"the store at {store_name(db)} refused: {first}"
            if "locked" in first or "lock timeout" in first:
                message = f"the store at {store_name(db)} is busy (another command is writing); run it again"
            _refuse(message)
            ctx.exit(1)
        except click.UsageError as e:
            # One line, like every other refusal, with where to look for the right form.
            where = e.ctx.command_path if e.ctx else "finsam"
            message = f"{e.format_message()} (see: {where} --help)"
            _refuse(message)
            ctx.exit(e.exit_code)


def _refuse(message: str) -> None:
    """One line on stderr (rich is imported only when there is something to say)."""
    from rich.markup import escape

    from cli.output import err_console
    from cli.secrets import mask
    from finsam_es.values import visible

    err_console.print(f"[red]error:[/red] {escape(visible(mask(message)))}", soft_wrap=True)


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
    # store.application.DEFAULT_DB, not imported here: --help imports no store
    default=lambda: os.environ.get("FINSAM_DB", "finsam.db"),
    show_default="./finsam.db or $FINSAM_DB",
    help=DB_HELP,
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
    from store.database import is_postgres

    if not is_postgres(db) and not os.path.exists(db):
        _NEW_STORES.add(db)
    warning = password_warning(db)
    if warning:
        from cli.output import warn

        warn([warning])
    who = actor or os.environ.get("FINSAM_ACTOR") or os_user()
    check_actor(who)
    ctx.obj = Store(db, forbund, who)


# Who records is stored with every event and printed by `finsam log`: a name, not a file.
MAX_ACTOR = 200


def check_actor(who: str) -> None:
    """The actor is a text like any other: no control character (an ESC in it would drive
    an auditor's terminal in `finsam log`), and a name's length."""
    from finsam_es.values import control_character

    bad = control_character(who)
    if bad is not None:
        raise click.BadParameter(
            f"holds the control character U+{ord(bad):04X}, which finsam refuses in every text",
            param_hint="'--actor'",
        )
    if len(who) > MAX_ACTOR:
        raise click.BadParameter(
            f"{len(who)} characters is longer than finsam accepts ({MAX_ACTOR})",
            param_hint="'--actor'",
        )


# The commands the quick path may answer (cli/quick.py COMMAND_OPTIONS).
QUICK = frozenset(("equity", "budget", "result", "interventions"))


def main() -> None:
    # A query the materialised view answers alone is answered before the group and the
    # domain are imported (cli/quick.py); every other call, and that one whenever the
    # view cannot answer alone, runs the full command. (Only a call naming the command
    # imports the quick path: --help imports no msgspec nor sqlite3.)
    if QUICK.intersection(sys.argv[1:]):
        from cli.quick import answered

        if answered(sys.argv[1:]):
            return
    # journal imports and the web server write: the collector's pace for writing
    from store.collector import pace_for_writing

    pace_for_writing()
    cli(prog_name="finsam")


if __name__ == "__main__":  # python -m cli.main, as the finsam script
    main()
