"""Rendering: tables, JSON, amounts, warnings, receipts and progress bars.

JSON output is one document on stdout: dates as ISO strings, amounts as integers
in öre. Warnings, receipts and progress go to stderr so stdout stays parseable.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape

from cli.json_output import print_json as print_json  # moved there; importable here
from cli.secrets import mask
from finsam_es.values import format_kr, visible

if TYPE_CHECKING:  # imported where used: a query answering in JSON draws neither
    from rich.table import Table

err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def console() -> Console:
    return Console(
        highlight=False, soft_wrap=False, emoji=False, width=None if sys.stdout.isatty() else 150
    )


def print_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A table as CSV on stdout: a header row, then one row each; empty for None."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow("" if v is None else visible(v) if isinstance(v, str) else v for v in row)
    click.echo(out.getvalue(), nl=False)


def warn(messages: Iterable[str]) -> None:
    for message in messages:
        err_console.print(f"[yellow]warning:[/yellow] {escape(visible(mask(message)))}")


def note(message: str) -> None:
    err_console.print(f"[cyan]note:[/cyan] {escape(visible(mask(message)))}")


def done(message: str) -> None:
    err_console.print(f"[green]✓[/green] {escape(visible(mask(message)))}")


def echo_text(text: str, nl: bool = True) -> None:
    """A plain-text answer (a paragraph, minutes) with control characters escaped: a
    text from the store never drives the terminal."""
    click.echo(visible(text), nl=nl)


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    right: Sequence[str] = (),
    whole: Sequence[str] = (),
) -> Table:
    # Box-drawing characters only on a terminal: piped output is plain columns.
    from rich.table import Table
    from rich.text import Text

    # Text, not markup: a stored title holding "[/bold]" is shown, never interpreted
    t = Table(title=Text(visible(title)) if title else None, title_justify="left", show_lines=False)
    if not sys.stdout.isatty():
        t.box = None
    for i, col in enumerate(columns):
        # the column naming the row, amounts and those asked for are never cut or wrapped
        keep = i == 0 or col in right or col in whole
        t.add_column(col, justify="right" if col in right else "left", no_wrap=keep)
    for row in rows:
        t.add_row(*(Text("" if v is None else visible(str(v))) for v in row))
    return t


def kr(ore: int | None) -> str:
    return "" if ore is None else format_kr(ore)


@contextmanager
def progress_bar(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A transient bar on stderr (only on a terminal); yields the function that advances it."""
    from rich.progress import Progress

    with Progress(transient=True, console=err_console, disable=not err_console.is_terminal) as p:
        task = p.add_task(description, total=total)
        yield lambda n: p.advance(task, n)


def updating_view(total: int) -> AbstractContextManager[Callable[[int], None]]:
    """The bar shown while the ledger view catches up on many events."""
    return progress_bar("updating the ledger view", total)
