"""The event log: every stored event with its position, type, dates and §."""

from __future__ import annotations

import click

from cli.context import Store, pass_store
from cli.options import format_option
from cli.output import console, print_json, table


@click.command("log")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the last N events.")
@click.option("--since", type=click.IntRange(min=1), default=1, help="From this log position on.")
@click.option("--forbund", "only", default=None, metavar="ID", help="Only this förbund's events.")
@format_option()
@pass_store
def log_cmd(store: Store, limit: int | None, since: int, only: str | None, fmt: str) -> None:
    """The event history: position, type, effective date, recorded time, §.

    \b
    Example:
      finsam log --limit 20
    """
    rows = store.reader.log(since, only or store.forbund, limit)
    if fmt == "json":
        print_json({"events": rows})
        return
    console().print(
        table(
            None,
            ["Pos", "Typ", "Förbund", "Gäller", "Registrerad", "§"],
            [
                (r.position, r.type, r.forbund, r.effective, r.recorded, r.paragraph or "")
                for r in rows
            ],
            right=["Pos"],
        )
    )


COMMANDS = (log_cmd,)
