"""A consistent online copy of a SQLite store."""

from __future__ import annotations

import click

from cli.context import Store, pass_store
from cli.output import done


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_store
def backup(store: Store, file: str) -> None:
    """Copy the store, with its whole history, to a new SQLite FILE while others may go
    on writing (SQLite's online backup: the copy is the store at one moment). The copy
    is readable by its owner only; open it with --db FILE.

    \b
    Example:
      finsam --db finsam.db backup backup/finsam-2025-01-31.db
    """
    events = store.app.backup(file)
    done(f"backed up to {file} ({events} event{'s' if events != 1 else ''})")


COMMANDS = (backup,)
