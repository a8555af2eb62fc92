"""`finsam report <name>`: the statements a förbund hands in, for any date.

resultatrakning, balansrakning, kassaflode, driftredovisning, balanskrav, oversikt
and insatser, each for a year (or part of one, --period) as of a date, in kr or tkr,
as a table, json (öre), csv (kr, two decimals), markdown or an Excel workbook.
The figures are made in projections/ (statements.py, report_tables.py, sheets.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import click

from cli.context import Store
from cli.options import DATE, MOMENT, YEAR, forbund_option
from cli.output import done, print_json, updating_view
from cli.render import emit
from finsam_es.errors import InvalidInput
from finsam_es.values import month_end
from projections.sheets import STATEMENTS, Statement
from projections.statements import PERIODS, Books

FORMATS = ("table", "json", "csv", "markdown", "xlsx")


def statement_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--year, --as-of, --known-at, --period, --fold, --chart and --forbund, handed on as
    ``books`` (read from the store) and ``chart`` (an override file or None)."""

    @functools.wraps(f)
    def wrapper(
        *args: Any,
        year: int | None,
        as_of: date | None,
        known_at: datetime | None,
        period: str,
        fold: bool,
        chart: str | None,
        forbund: str | None,
        **kwargs: Any,
    ) -> Any:
        store: Store = click.get_current_context().obj
        day = as_of or (period_end(year, period) if year else date.today())
        books = store.reader.books(
            forbund, year or day.year, day, known_at, period, fold, updating_view
        )
        return f(*args, store=store, books=books, chart=chart, **kwargs)

    for option in (
        click.option(
            "--chart",
            default=None,
            metavar="FILE",
            help="A TOML file overriding the account numbers (see projections/chart.py).",
        ),
        click.option("--fold", is_flag=True, help="Answer from the event log alone (audit)."),
        click.option(
            "--period",
            type=click.Choice(tuple(PERIODS)),
            default="year",
            show_default=True,
            help="Part of the year: h1/h2 halves, q1-q4 quarters.",
        ),
        click.option(
            "--known-at", type=MOMENT, default=None, help="As the records stood at this moment."
        ),
        click.option(
            "--as-of", type=DATE, default=None, help="The date (default: the period's end)."
        ),
        click.option("--year", type=YEAR, default=None, help="The year (default: of --as-of)."),
    ):
        wrapper = option(wrapper)
    return forbund_option(wrapper)


def period_end(year: int, period: str) -> date:
    return month_end(year, PERIODS[period][1])


def output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--output",
        "-o",
        default=None,
        metavar="FILE",
        help="Write to a file (needed for xlsx).",
    )(f)
    f = click.option(
        "--unit",
        type=click.Choice(("kr", "tkr")),
        default="kr",
        show_default=True,
        help="Amounts in kronor or thousands (table, markdown, xlsx).",
    )(f)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="json prints amounts in öre; csv in kr with two decimals.",
    )(f)


def show(statements: list[Statement], fmt: str, unit: str, output: str | None) -> None:
    """Print or write statements in a format; xlsx needs --output."""
    sheets = [sheet for s in statements for sheet in s.sheets]
    if fmt == "json":
        if output:
            raise InvalidInput("--output is for --format xlsx; redirect other formats")
        data = [s.data for s in statements]
        print_json(data[0] if len(data) == 1 else {s.name: s.data for s in statements})
    else:
        emit(sheets, fmt, output, unit)


def make_statement_command(name: str, help_text: str) -> click.Command:
    @click.command(name, help=help_text)
    @statement_options
    @output_options
    def command(
        store: Store, books: Books, chart: str | None, fmt: str, unit: str, output: str | None
    ) -> None:
        show([store.reader.statement(name, books, _chart(chart))], fmt, unit, output)

    return command


def _chart(path: str | None) -> Any:
    if path is None:
        return None
    from projections.chart import read_chart

    return read_chart(path)


HELP = {
    "resultatrakning": "Income and costs by line: budget for the period, outcome, previous year.",
    "balansrakning": "Assets, liabilities and equity on a date.",
    "kassaflode": "Cash flow: result, change in receivables and liabilities, cash.",
    "driftredovisning": "Budget against outcome per line, with netto and deviation.",
    "balanskrav": "The balanskravsresultat of the year.",
    "oversikt": "Five-year overview: allocation, costs, result, equity, equity/allocation.",
    "insatser": "Money for insatser: granted, used and unused per line.",
}


@click.group("report")
def report() -> None:
    """The statements a förbund hands in, for any date.

    \b
    Examples:
      finsam report resultatrakning --year 2024 --as-of 2024-12-31 --unit tkr
      finsam report balansrakning --as-of 2024-06-30 --format json
      finsam report driftredovisning --year 2024 --period h1 --format csv
      finsam report all --year 2024 --format xlsx --output arsredovisning-2024.xlsx
    """


for _name in STATEMENTS:
    report.add_command(
        make_statement_command(
            _name,
            f"{HELP[_name]}\n\n\b\nExample:\n  finsam report {_name} --year 2024 --unit tkr",
        )
    )


@report.command("all")
@statement_options
@output_options
def all_statements(
    store: Store, books: Books, chart: str | None, fmt: str, unit: str, output: str | None
) -> None:
    """Every statement at once (one sheet each in xlsx).

    \b
    Example:
      finsam report all --year 2024 --format xlsx --output solleftea-2024.xlsx
    """
    override = _chart(chart)
    show([store.reader.statement(n, books, override) for n in STATEMENTS], fmt, unit, output)


DOCUMENT_FORMATS: dict[str, Literal["pdf", "html", "png"]] = {
    "pdf": "pdf",
    "html": "html",
    "png": "png",
}


def make_document_command(kind: str) -> click.Command:
    title = "annual report" if kind == "annual" else "half-year report (January-June)"

    @click.command(kind)
    @click.option("--year", type=YEAR, required=True, help="The year reported on.")
    @click.option("--as-of", type=DATE, default=None, help="Default: the period's end.")
    @click.option(
        "--output",
        "-o",
        required=True,
        metavar="FILE",
        help="FILE.pdf, FILE.html, or FILE.png (the first page).",
    )
    @click.option("--chart", default=None, metavar="FILE", help="Account numbers (TOML).")
    @click.option("--fold", is_flag=True, help="Answer from the event log alone (audit).")
    @forbund_option
    def command(
        year: int,
        as_of: date | None,
        output: str,
        chart: str | None,
        fold: bool,
        forbund: str | None,
    ) -> None:
        from projections.report_document import render

        suffix = Path(output).suffix.lower().lstrip(".")
        fmt = DOCUMENT_FORMATS.get(suffix)
        if fmt is None:
            raise InvalidInput(f"{output}: the report is written as .pdf, .html or .png")
        store: Store = click.get_current_context().obj
        period = "year" if kind == "annual" else "h1"
        day = as_of or period_end(year, period)
        books = store.reader.books(forbund, year, day, None, period, fold, updating_view)
        document = store.reader.report_document(
            "annual" if kind == "annual" else "halfyear", books, _chart(chart)
        )
        data = render(document, fmt)
        try:
            Path(output).write_bytes(data)
        except OSError as e:
            raise InvalidInput(f"{output}: cannot write ({e.strerror})") from None
        done(f"{document.title} written to {output}")

    command.help = (
        f"The {title} as a document: statements, five-year overview, insatser, the "
        "equity chart and the notes, in tkr.\n\n\b\nExample:\n"
        f"  finsam report {kind} --year 2024 --output {kind}-2024.pdf"
    )
    return command


report.add_command(make_document_command("annual"))
report.add_command(make_document_command("halfyear"))

COMMANDS = (report,)
