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
from cli.options import DATE, YEAR, forbund_option, known_at_option
from cli.output import done, print_json, updating_view
from cli.render import CSV_STYLES, emit
from finsam_es.errors import InvalidInput
from projections.sheets import STATEMENTS, Owner, Statement
from projections.statement_queries import Statements
from projections.statements import PERIODS, Books, balance_day

FORMATS = ("table", "json", "csv", "markdown", "xlsx")


def statement_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--year, --as-of, --known-at, --period, --fold, --chart and --forbund, handed on as
    ``statements`` (the reader's part bound to the date and the moment), ``books`` (read
    from the store) and ``chart`` (an override file or None)."""

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
        statements, books = year_books(store, forbund, year, period, as_of, known_at, fold)
        return f(*args, statements=statements, books=books, chart=chart, **kwargs)

    decorated: Callable[..., Any] = wrapper
    for option in (
        click.option(
            "--chart",
            default=None,
            metavar="FILE",
            help="A TOML file overriding the account numbers (see finsam_es/chart.py).",
        ),
        click.option("--fold", is_flag=True, help="Answer from the event log alone (audit)."),
        click.option(
            "--period",
            type=click.Choice(tuple(PERIODS)),
            default="year",
            show_default=True,
            help="Part of the year: h1/h2 halves, q1-q4 quarters.",
        ),
        known_at_option,
        click.option("--as-of", type=DATE, default=None, help=AS_OF_HELP),
        click.option("--year", type=YEAR, default=None, help="The year (default: of --as-of)."),
    ):
        decorated = option(decorated)
    return forbund_option(decorated)


AS_OF_HELP = (
    "A day within the period: an interim statement on it; a later day: the period's "
    "statement with what was decided by then (default: everything recorded)."
)


def year_books(
    store: Store,
    forbund: str | None,
    year: int | None,
    period: str,
    as_of: date | None,
    known_at: datetime | None,
    fold: bool,
) -> tuple[Statements, Books]:
    """The books of a statement: headed on the period's last day (or an earlier --as-of)
    with what was decided by a later --as-of, or everything recorded by --known-at."""
    year, day, decided = balance_day(year, period, as_of, date.today())
    statements = store.reader.at(day, known_at, fold=fold, progress=updating_view).statements
    return statements, statements.books(forbund, year, period, decided_by=decided)


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
    f = click.option(
        "--csv-style",
        "csv_style",
        type=click.Choice(CSV_STYLES),
        default=None,
        help="csv for machines (standard: commas, decimal points) or for Swedish Excel "
        "(sv: semicolons, decimal commas, UTF-8 with BOM, Swedish headers); the default "
        "is the FINSAM_CSV_STYLE setting, else standard.",
    )(f)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="json prints amounts in öre; csv in kr with two decimals.",
    )(f)


def show(
    statements: list[Statement],
    fmt: str,
    unit: str,
    output: str | None,
    csv_style: str | None = None,
    *,
    owner: Owner,
) -> None:
    """Print or write the statements of the förbund ``owner`` in a format; xlsx needs
    --output."""
    sheets = [sheet for s in statements for sheet in s.sheets]
    if fmt == "json":
        if output:
            raise InvalidInput("--output is for --format xlsx; redirect other formats")
        data = [s.data for s in statements]
        print_json(data[0] if len(data) == 1 else {s.name: s.data for s in statements})
    else:
        emit(sheets, fmt, output, unit, csv_style, owner=owner)


def make_statement_command(name: str, help_text: str) -> click.Command:
    @click.command(name, help=help_text)
    @statement_options
    @output_options
    def command(
        statements: Statements,
        books: Books,
        chart: str | None,
        fmt: str,
        unit: str,
        output: str | None,
        csv_style: str | None,
    ) -> None:
        statement = statements.statement(name, books, _chart(chart))
        owner = statements.owner(books.forbund)
        show([statement], fmt, unit, output, csv_style, owner=owner)

    return command


def _chart(path: str | None) -> Any:
    if path is None:
        return None
    from projections.chart_file import read_chart

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
    statements: Statements,
    books: Books,
    chart: str | None,
    fmt: str,
    unit: str,
    output: str | None,
    csv_style: str | None,
) -> None:
    """Every statement at once (one sheet each in xlsx).

    \b
    Example:
      finsam report all --year 2024 --format xlsx --output solleftea-2024.xlsx
    """
    override = _chart(chart)
    sheets = [statements.statement(n, books, override) for n in STATEMENTS]
    show(sheets, fmt, unit, output, csv_style, owner=statements.owner(books.forbund))


DOCUMENT_FORMATS: dict[str, Literal["pdf", "html", "png"]] = {
    "pdf": "pdf",
    "html": "html",
    "png": "png",
}


def make_document_command(kind: str) -> click.Command:
    title = "annual report" if kind == "annual" else "half-year report (January-June)"

    @click.command(kind)
    @click.option("--year", type=YEAR, required=True, help="The year reported on.")
    @click.option("--as-of", type=DATE, default=None, help=AS_OF_HELP)
    @known_at_option
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
        known_at: datetime | None,
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
        statements, books = year_books(store, forbund, year, period, as_of, known_at, fold)
        # the follow-up is recorded after the period: read as decided by the same day
        decided = balance_day(year, period, as_of, date.today())[2]
        document = statements.report_document(
            "annual" if kind == "annual" else "halfyear", books, _chart(chart), decided
        )
        data = render(document, fmt)
        try:
            Path(output).write_bytes(data)
        except OSError as e:
            raise InvalidInput(f"{output}: cannot write ({e.strerror})") from None
        done(f"{document.title} written to {output}")

    command.help = (
        f"The {title} as a document: the förvaltningsberättelse written from the records "
        "(members, board, meetings, insatser with participants, goals, economy"
        + (", forecast" if kind != "annual" else "")
        + "), the statements with the previous year, the notes and the signature page; "
        "the equity chart; tables in tkr.\n\n\b\nExample:\n"
        f"  finsam report {kind} --year 2024 --output {kind}-2024.pdf"
    )
    return command


report.add_command(make_document_command("annual"))
report.add_command(make_document_command("halfyear"))

COMMANDS = (report,)
