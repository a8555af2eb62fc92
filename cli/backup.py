"""Moving stores: a consistent online copy of a SQLite store (backup), and a copy of any
store with its whole history into an empty one, SQLite or PostgreSQL (copy)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable

import click

from cli.context import Store, pass_store
from cli.output import done, progress_bar, warn
from cli.secrets import password_warning
from cli.view import rebuilding
from finsam_es.errors import FinsamError, InvalidInput, NotFound
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
    if is_postgres(file):
        raise InvalidInput(
            f"backup writes a new SQLite file, not {store_name(file)}: "
            "use finsam copy --to for a PostgreSQL database"
        )
    leftovers = [file + suffix for suffix in SQLITE_SIDE_FILES]
    present = {path for path in (file, *leftovers) if os.path.exists(path)}
    try:
        events = store.app.backup(file)
    except InvalidInput:  # refused before anything was written
        raise
    except FinsamError as e:
        # the backup removes its file; SQLite's rollback journal of it (left by a full
        # disk) goes too, unless it was there before this command began
        _remove(p for p in leftovers if p not in present)
        left = [p for p in (file, *leftovers) if p not in present and os.path.exists(p)]
        said = f"could not remove {', '.join(left)}" if left else "removed what it began"
        raise FinsamError(f"{e}; {said}") from None
    done(f"backed up to {file} ({events} event{'s' if events != 1 else ''})")


# SQLite's files beside the copy, and the view's file (store/view_file.py) with its own
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm", "-view", "-view-journal")


def _remove(paths: Iterable[str]) -> None:
    """Remove those of ``paths`` that exist (what is left is said by the caller)."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.remove(path)


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
    import sqlite3

    from eventsourcing.persistence import PersistenceError

    from store.store_copy import copied_before, copy_store, mark_complete

    origin = source or store.db
    warn(
        w
        for w in (password_warning(origin, "--from"), password_warning(target, "--to"))
        if w is not None
    )
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
        earlier = None if new_file else copied_before(src.app, dst.app)
        if earlier is not None:  # a copy run before: finish it, never copy twice
            events, complete = earlier
            if not complete:
                dst.reader.rebuild_view(rebuilding)
                mark_complete(dst.app)
            done(
                f"the copy of {store_name(origin)} in {store_name(target)} is complete "
                f"({events} event{'s' if events != 1 else ''})"
                + ("" if complete else "; its ledger view is rebuilt")
            )
            return
        total = src.app.event_count()
        try:
            with progress_bar("copying the store", total) as advance:
                count = copy_store(src.app, dst.app, advance)
        except (OSError, sqlite3.Error, PersistenceError) as e:
            # the target refused (a full disk, no permission): name it, not the source
            if new_file:
                _drop(dst, target)
            first = (str(e).strip().splitlines() or [type(e).__name__])[0]
            removed = " (the new file is removed)" if new_file else ""
            raise FinsamError(
                f"the copy into {store_name(target)} failed: {first}{removed}"
            ) from None
        except BaseException:
            if new_file:  # a failed copy leaves no file behind
                _drop(dst, target)
            raise
        dst.reader.rebuild_view(rebuilding)
        mark_complete(dst.app)  # only now: a copy killed before is finished by a re-run
    finally:
        for opened in (src.opened if src is not store else None, dst.opened):
            if opened is not None:
                with contextlib.suppress(Exception):
                    opened.close()
    done(
        f"copied {count} event{'s' if count != 1 else ''} from {store_name(origin)} to "
        f"{store_name(target)}; its ledger view is rebuilt"
    )


def _drop(dst: Store, target: str) -> None:
    """Close and remove a new SQLite target a failed copy began."""
    if dst.opened is not None:
        with contextlib.suppress(Exception):
            dst.opened.close()
    _remove(target + suffix for suffix in ("", *SQLITE_SIDE_FILES))


COMMANDS = (backup, copy)
