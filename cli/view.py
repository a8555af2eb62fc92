"""The materialised ledger view: rebuild it, or check it against the event log."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

import click

from cli.context import Store, pass_store
from cli.options import DATE, YEAR, forbund_option, format_option
from cli.output import done, print_json, progress_bar, updating_view
from finsam_es.errors import InvalidInput


@click.group("view")
def view() -> None:
    """The materialised ledger view: rebuild it or check it against the event log.

    \b
    Example:
      finsam view verify --as-of 2024-12-31
    """


class Workers(click.ParamType[int | None]):
    """``auto`` (None) or a number of processes, 1 or more."""

    name = "auto|N"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> int | None:
        if value is None or isinstance(value, int):
            return value
        text = str(value).strip()
        if text == "auto":
            return None
        if not text.isdigit() or int(text) < 1:
            self.fail(f"{text!r}: give auto or a number of processes (1 or more)", param, ctx)
        return int(text)


@view.command("rebuild")
@click.option(
    "--workers",
    type=Workers(),
    default=None,
    help="Processes to rebuild in, split per förbund: auto (default, or the environment's "
    "FINSAM_REBUILD_WORKERS) splits a SQLite store of 100 000 events or more over the "
    "machine's cores when its hash chain covers the log; 1 keeps one process.",
)
@pass_store
def view_rebuild(store: Store, workers: int | None) -> None:
    """Drop the ledger view and fold the whole event log into it again.

    \b
    Examples:
      finsam view rebuild
      finsam view rebuild --workers 2
    """
    count = store.reader.rebuild_view(rebuilding, workers)
    done(f"ledger view rebuilt from {count} events")


def rebuilding(total: int) -> AbstractContextManager[Callable[[int], None]]:
    return progress_bar("rebuilding the ledger view", total)


@view.command("verify")
@click.option("--as-of", type=DATE, default=None, help="The date to compare (default today).")
@click.option(
    "--year",
    type=YEAR,
    default=None,
    help="The year of budget and result (default: the year of --as-of).",
)
@forbund_option
@format_option()
@pass_store
def view_verify(
    store: Store, as_of: date | None, year: int | None, forbund: str | None, fmt: str
) -> None:
    """Compare the view's answers with the reference fold for a date; exit 1 on a difference.

    \b
    Example:
      finsam view verify --as-of 2024-12-31
    """
    day = as_of or date.today()
    at = store.reader.at(day, progress=updating_view)
    checks = at.view_agrees(at.forbund_id(forbund), year or day.year)
    bad = [name for name, agree in checks.items() if not agree]
    if fmt == "json":
        print_json(
            {
                "as_of": day,
                "year": year or day.year,
                "agree": not bad,
                "differ": bad,
                "checked": list(checks),
            }
        )
    if bad:
        raise InvalidInput(
            f"the view differs from the event log in: {', '.join(bad)}; run: finsam view rebuild"
        )
    done(f"view and event log agree on {day} ({', '.join(checks)})")


COMMANDS = (view,)
