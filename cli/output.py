"""Rendering and shared options: one renderer per format, one decorator for --format.

JSON output is one document on stdout: dates as ISO strings, amounts as integers
in öre. Warnings and progress go to stderr so stdout stays parseable.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar, get_args

import click
import msgspec
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.parsers import moment
from finsam_es.errors import InvalidInput
from finsam_es.values import format_kr, parse_amount, parse_date

T = TypeVar("T")

err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def console() -> Console:
    return Console(
        highlight=False, soft_wrap=False, emoji=False, width=None if sys.stdout.isatty() else 150
    )


def format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format for a query: table (default), json and the extra choices given."""
    options = ("table", "json", *choices)

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(options),
            default="table",
            show_default=True,
            help="Output format; json prints one document with amounts in öre.",
        )(f)

    return decorate


def forbund_option(f: Callable[..., Any]) -> Callable[..., Any]:
    @click.option(
        "--forbund",
        "forbund",
        default=None,
        metavar="ID",
        help="The förbund (needed when the store holds several).",
    )
    @functools.wraps(f)
    def wrapper(*args: Any, forbund: str | None, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        return f(*args, forbund=forbund or ctx.obj.forbund, **kwargs)

    return wrapper


def print_json(data: Any) -> None:
    click.echo(msgspec.json.encode(data, enc_hook=_enc).decode())


def _enc(obj: Any) -> Any:
    if isinstance(obj, int):
        return int(obj)
    raise NotImplementedError(type(obj))


def warn(messages: Iterable[str]) -> None:
    for message in messages:
        err_console.print(f"[yellow]warning:[/yellow] {escape(message)}")


def done(message: str) -> None:
    err_console.print(f"[green]✓[/green] {escape(message)}")


KEEP_WHOLE = ("Per år", "Status")  # columns of short items that read badly when wrapped


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    right: Sequence[str] = (),
) -> Table:
    t = Table(title=title, title_justify="left", show_lines=False)
    for i, col in enumerate(columns):
        # the column naming the row, and amounts, are never cut or wrapped
        t.add_column(
            col, justify="right" if col in right else "left", no_wrap=i == 0 or col in right
        )
    for row in rows:
        t.add_row(*("" if v is None else str(v) for v in row))
    return t


def kr(ore: int | None) -> str:
    return "" if ore is None else format_kr(ore)


# -- click parameter types ------------------------------------------------------------


class Parsed(click.ParamType[T]):
    """A click type from one of our parsers; its InvalidInput becomes click's usage error."""

    def __init__(self, name: str, parse: Callable[[str], T], done: type[T]):
        self.name = name
        self.parse = parse
        self.done = done

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> T:
        if isinstance(value, self.done):
            return value
        try:
            return self.parse(value)
        except InvalidInput as e:
            self.fail(str(e), param, ctx)


class LiteralChoice(click.Choice[str]):
    """The values of one of the domain's Literal types as a click choice, so the lists
    are never written twice. With ``dashes`` the command line writes - for _ (like
    allocation-payment); the command still gets the Literal's own value."""

    def __init__(self, literal: object, dashes: bool = False):
        values: tuple[str, ...] = get_args(literal)
        self.values = {v.replace("_", "-") if dashes else v: v for v in values}
        super().__init__(tuple(self.values))

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return self.values[super().convert(value, param, ctx)]


DATE = Parsed("DATE", parse_date, date)
AMOUNT = Parsed("AMOUNT", parse_amount, int)
MOMENT = Parsed("MOMENT", moment, datetime)
