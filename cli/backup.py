"""Moving stores: a consistent online copy of a SQLite store (backup), and a copy of any
store with its whole history into an empty one, SQLite or PostgreSQL (copy)."""

from __future__ import annotations

import contextlib
import os

import click

from cli.context import Store, pass_store
from cli.output import done, progress_bar
from cli.view import rebuilding
from finsam_es.errors import InvalidInput, NotFound
from store.database import is_postgres, store_name


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


@click.command("copy")
@click.option(
    "--from", "source", metavar="SRC", default=None, help="The store to copy (default: --db)."
)
@click.option(
    "--to",
    "target",
    metavar="DST",
    required=True,
    help="An empty store: a new SQLite file or an empty PostgreSQL database.",
)
@pass_store
def copy(store: Store, source: str | None, target: str) -> None:
    """Copy a store with its whole history (every event, its link in the hash chain, the
    journal fingerprints) into an empty store, SQLite or PostgreSQL either way, in one
    transaction: all or nothing. The copy answers every query as the original does and
    `finsam audit verify` passes on it; its ledger view is rebuilt. Give passwords in
    FINSAM_DB_PASSWORD, PGPASSWORD or ~/.pgpass, not in the URL (ps shows the command).

    \b
    Example:
      finsam copy --from finsam.db --to postgresql://finsam@db.example.se/finsam
      finsam copy --from postgresql://finsam@db.example.se/finsam --to kopia.db
    """
    from store.store_copy import copy_store

    origin = source or store.db
    if store_name(origin) == store_name(target) or (
        not is_postgres(origin) and os.path.exists(target) and os.path.samefile(origin, target)
    ):
        raise InvalidInput(f"--from and --to name the same store ({store_name(target)})")
    if not is_postgres(origin) and not os.path.isfile(origin):
        raise NotFound(f"no store at {origin} to copy")
    new_file = not is_postgres(target) and not os.path.exists(target)
    src = store if source is None else Store(origin, None, store.actor)
    dst = Store(target, None, store.actor)
    try:
        total = src.app.event_count()
        try:
            with progress_bar("copying the store", total) as advance:
                count = copy_store(src.app, dst.app, advance)
        except BaseException:
            if new_file:  # a failed copy leaves no file behind
                if dst.opened is not None:
                    dst.opened.close()
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(OSError):
                        os.remove(target + suffix)
            raise
        dst.reader.rebuild_view(rebuilding)
    finally:
        for opened in (src.opened if src is not store else None, dst.opened):
            if opened is not None:
                with contextlib.suppress(Exception):
                    opened.close()
    done(
        f"copied {count} event{'s' if count != 1 else ''} from {store_name(origin)} to "
        f"{store_name(target)}; its ledger view is rebuilt"
    )


COMMANDS = (backup, copy)
