"""Options and parameter types several commands share.

``--format`` and ``--forbund`` for queries and commands; DATE, AMOUNT and MOMENT
parse with cli/parsers.py and finsam_es.values, and a refusal becomes click's usage
error; ``LiteralChoice`` makes a choice list of a Literal type of the domain.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar, get_args

import click

from cli.context import Store
from cli.owned import csv_style_option
from cli.parsers import timestamp
from finsam_es.errors import InvalidInput
from finsam_es.values import FIRST_DATE, LAST_DATE, bounded_int, parse_amount, parse_date
from projections.clocks import LogPosition, moment

T = TypeVar("T")


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


class Parsed(click.ParamType[T]):
    """A click type from one of our parsers; its InvalidInput becomes click's usage error."""

    def __init__(
        self, name: str, parse: Callable[[str], T], done: type[Any] | tuple[type[Any], ...]
    ):
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


def year(text: str) -> int:
    """A year within those finsam accepts (1900-2199), its digits counted first."""
    return bounded_int(text, "", FIRST_DATE.year, LAST_DATE.year)


def count(text: str) -> int:
    """A count or number of an option (seats, a § number, months, a page): ASCII digits,
    at most nine of them, so a 5 000-digit number is refused before it is converted."""
    return bounded_int(text, "", 0, 999_999_999)


YEAR = Parsed("YEAR", year, int)
NUMBER = Parsed("N", count, int)
DATE = Parsed("DATE", parse_date, date)
AMOUNT = Parsed("AMOUNT", parse_amount, int)
MOMENT = Parsed("MOMENT", moment, (datetime, LogPosition))
TIMESTAMP = Parsed("TIMESTAMP", timestamp, datetime)
SINCE = Parsed("TIMESTAMP", lambda value: timestamp(value, start_of_day=True), datetime)

KNOWN_AT_HELP = (
    "As the records stood at this moment: a date (its end, UTC), a timestamp as "
    "`finsam log` prints it, or position:N."
)


def known_at_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--known-at for a query, handed on as the moment (a log position resolved to the
    time its event was recorded), with a note when nothing was recorded by then."""

    @click.option("--known-at", "known_at", type=MOMENT, default=None, help=KNOWN_AT_HELP)
    @functools.wraps(f)
    def wrapper(*args: Any, known_at: datetime | LogPosition | None, **kwargs: Any) -> Any:
        store = click.get_current_context().find_object(Store)
        moment = store.known_at(known_at) if store is not None else None
        return f(*args, known_at=moment, **kwargs)

    return wrapper


def year_question(year_help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options of a question about a year as it stood: --year (required), --as-of,
    --known-at, --forbund and --format (table, json, csv), as the follow-up questions
    (goals, participants, forecast, report texts) all take them."""

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        for option in (
            format_option("csv"),
            csv_style_option,
            forbund_option,
            known_at_option,
            click.option(
                "--as-of", type=DATE, default=None, help="The date asked about (default today)."
            ),
            click.option("--year", type=YEAR, required=True, help=year_help),
        ):
            f = option(f)
        return f

    return decorate
