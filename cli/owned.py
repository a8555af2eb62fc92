"""The one way a table of the CLI becomes csv naming its förbund (issue 24, item 1):
every csv row ends with the förbund and its organisation number (standard: ``forbund``,
``orgnr``; sv: ``Förbund``, ``Org.nr``), in the style the call or the setting chooses.
The statements' renderers (cli/render.py) do the same, and every Excel sheet has the two
under its title (``sheet_head`` there); the registers, diarium, goals, follow-up,
meetings, forecast, earlier years, report texts and the Uppföljning Finsam export come
here, so no command writes its own csv.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import click

from cli.context import Store
from cli.render import CSV_STYLES, OWNER_COLUMNS, csv_style, sv_csv
from finsam_es.values import visible
from projections.sheets import Owner

# where --csv-style waits for the table: the option is taken off the command's arguments,
# so a command gains it by one decorator without a parameter of its own
_STYLE = "finsam.csv_style"


def owner_of(store: Store, forbund: str | None) -> Owner:
    """The förbund a csv file or workbook names, with its organisation number."""
    info = store.reader.at().forbund_info(forbund)
    return Owner(info.name, info.orgnr)


def csv_style_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--csv-style for a command whose csv goes through ``emit_rows``."""

    @click.option(
        "--csv-style",
        "csv_style_given",
        type=click.Choice(CSV_STYLES),
        default=None,
        help="standard (commas, decimal points) or sv (Swedish Excel: semicolons, decimal "
        "commas, UTF-8 with BOM); default FINSAM_CSV_STYLE.",
    )
    @functools.wraps(f)
    def wrapper(*args: Any, csv_style_given: str | None, **kwargs: Any) -> Any:
        click.get_current_context().meta[_STYLE] = csv_style_given
        return f(*args, **kwargs)

    return wrapper


def kronor(ore: int | None) -> Decimal | None:
    """An amount in öre as the exact kronor a csv cell shows (two decimals, a point in
    the standard style and a comma in the sv style)."""
    return None if ore is None else Decimal(ore) / 100


def rows_csv(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    owner: Owner,
    style: str | None = None,
    sv_columns: Sequence[str] | None = None,
) -> str:
    """A table as csv with the förbund's two columns last on every row. A Decimal cell
    is kronor (see ``kronor``); None is empty. The sv style takes the Swedish headers
    when the caller has them."""
    if csv_style(style) == "sv":
        cells = ([_sv_cell(v) for v in row] for row in rows)
        return sv_csv(sv_columns or columns, cells, owner)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*columns, *OWNER_COLUMNS])
    for row in rows:
        writer.writerow([*(_cell(v) for v in row), owner.name, owner.orgnr])
    return buffer.getvalue()


def chosen_style() -> str:
    """The call's csv style: --csv-style (``csv_style_option``), else the setting."""
    return csv_style(click.get_current_context().meta.get(_STYLE))


def emit_rows(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    owner: Owner,
    sv_columns: Sequence[str] | None = None,
) -> None:
    """``rows_csv`` on stdout in the call's style (--csv-style, else the setting)."""
    click.echo(rows_csv(columns, rows, owner, chosen_style(), sv_columns), nl=False)


def _cell(value: object) -> object:
    """A standard cell; a stored text's control characters escaped, as print_csv does."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return visible(value) if isinstance(value, str) else value


def _sv_cell(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return _cell(value)
