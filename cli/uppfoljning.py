"""`finsam export uppfoljning`: per insats what Försäkringskassan's Uppföljning Finsam
asks (kind, owner, budget, outcome, participants by sex), as CSV, XLSX or JSON. The
columns are named in docs/reports.md. A subcommand of `export` (cli/catalog.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from cli.context import Store, pass_store
from cli.goals import YEAR
from cli.options import DATE, forbund_option
from cli.output import done, print_json
from cli.owned import chosen_style, csv_style_option, emit_rows, kronor, owner_of, rows_csv
from cli.render import sheet_head
from finsam_es.errors import InvalidInput
from projections.sheets import Owner
from projections.uppfoljning import COLUMNS, UppfoljningRow

AMOUNTS = ("budget", "utfall")  # öre in the rows; kronor in CSV and XLSX


@click.command("uppfoljning")
@click.option("--year", type=YEAR, required=True, help="The year reported.")
@click.option(
    "--as-of",
    type=DATE,
    default=None,
    help="The date asked about (default today): money to the year's end at most, and the "
    "participants as reported by then.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("csv", "xlsx", "json")),
    default="csv",
    show_default=True,
    help="CSV or JSON on stdout (or --output); XLSX needs --output.",
)
@click.option("--output", default=None, metavar="FILE", help="Write to FILE.")
@forbund_option
@csv_style_option
@pass_store
def export_uppfoljning(
    store: Store,
    year: int,
    as_of: date | None,
    fmt: str,
    output: str | None,
    forbund: str | None,
) -> None:
    """Per insats what Uppföljning Finsam asks: kind, owner, budget, outcome and
    participants by sex, one row per insats (amounts in kronor; öre in JSON).

    \b
    Examples:
      finsam export uppfoljning --year 2024 > uppfoljning-2024.csv
      finsam export uppfoljning --year 2024 --format xlsx --output uppfoljning-2024.xlsx
    """
    rows = store.reader.at(as_of).follow_up.uppfoljning(forbund, year)
    if fmt == "json":
        print_json(rows)
        return
    owner = owner_of(store, forbund)  # named on every csv row and under the sheet's title
    if fmt == "xlsx":
        if output is None:
            raise InvalidInput("XLSX is written to a file: give --output FILE.xlsx")
        write_xlsx(Path(output), rows, f"Uppföljning Finsam {year}", owner)
        done(f"wrote {output} ({len(rows)} insatser)")
        return
    if output is None:
        emit_rows(COLUMNS, [cells(r) for r in rows], owner)
        return
    text = rows_csv(COLUMNS, [cells(r) for r in rows], owner, chosen_style())
    try:
        with open(output, "w", newline="", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise InvalidInput(f"{output}: cannot write ({e.strerror})") from None
    done(f"wrote {output} ({len(rows)} insatser)")


def cells(row: UppfoljningRow) -> list[object]:
    """The row's values in COLUMNS order, amounts in kronor with two decimals."""
    out: list[object] = []
    for name in COLUMNS:
        value = getattr(row, name)
        out.append(kronor(value) if name in AMOUNTS else value)
    return out


def write_xlsx(path: Path, rows: list[UppfoljningRow], title: str, owner: Owner) -> None:
    """One sheet headed as every sheet finsam writes (its title, the förbund with its
    organisation number), the columns' names on the third row."""
    import xlsxwriter  # imported here: `finsam --help` must stay quick

    try:
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Uppföljning Finsam")
        money = book.add_format({"num_format": "# ##0.00"})
        bold = book.add_format({"bold": True})
        sheet_head(sheet, title, owner, bold)
        sheet.write_row(2, 0, COLUMNS, bold)
        for i, row in enumerate(rows, start=3):
            for j, name in enumerate(COLUMNS):
                value = getattr(row, name)
                if name in AMOUNTS:
                    sheet.write_number(i, j, value / 100, money)
                elif isinstance(value, str):  # never taken for a formula
                    sheet.write_string(i, j, value)
                elif value is not None:
                    sheet.write_number(i, j, value)
        book.close()
    except OSError as e:
        raise InvalidInput(f"{path}: cannot write ({e.strerror})") from None
