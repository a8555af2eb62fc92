"""The auditor's registers of a year: `bookings` (verifikationslista) and `decisions`
(every paragraph with a money effect), as a table, JSON or CSV."""

from __future__ import annotations

from datetime import datetime

import click

from cli.context import Store, pass_store
from cli.options import YEAR, forbund_option, format_option, known_at_option
from cli.output import console, kr, print_json, table
from cli.owned import chosen_style, csv_style_option, emit_rows, kronor, owner_of, rows_csv
from cli.render import CSV_STYLES, csv_style

BOOKING_COLUMNS = ("number", "date", "kind", "line", "insats", "amount", "text", "paragraph")
DECISION_COLUMNS = ("paragraph", "meeting", "title", "effects", "amount")


# the Swedish csv's names of the kinds (--csv-style sv)
KINDS_SV = {
    "cost": "kostnad",
    "income": "intäkt",
    "allocation_payment": "inbetald medelstilldelning",
    "payment": "utbetalning till insats",
}
DECISION_COLUMNS_SV = ("Paragraf", "Sammanträde", "Rubrik", "Verkan", "Belopp (kr)")
BOOKING_COLUMNS_SV = ("Nr", "Datum", "Slag", "Rad", "Insats", "Belopp (kr)", "Text", "Paragraf")


@click.command("bookings")
@click.option("--year", type=YEAR, required=True, help="The fiscal year.")
@known_at_option
@forbund_option
@format_option("csv")
@click.option(
    "--csv-style",
    "style",
    type=click.Choice(CSV_STYLES),
    default=None,
    help="standard (öre, commas) or sv (Swedish Excel: kronor with decimal commas, "
    "semicolons, UTF-8 with BOM, Swedish headers and kinds); default FINSAM_CSV_STYLE.",
)
@pass_store
def bookings(
    store: Store,
    year: int,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
    style: str | None,
) -> None:
    """The verifikationslista of a year: every booking and payment to an insats's owner,
    numbered in date order, with line, amount (öre in json and csv), text and §.

    \b
    Examples:
      finsam bookings --year 2024
      finsam bookings --year 2024 --format csv > verifikationer-2024.csv
    """
    answer = store.reader.at(known_at=known_at).audit.bookings(forbund, year)
    rows = [
        (b.number, b.date, b.kind, b.line, b.insats, b.amount, b.text, b.paragraph)
        for b in answer.bookings
    ]
    if fmt == "json":
        print_json(answer)
    elif fmt == "csv":
        # every row names the förbund and its organisation number (cli/owned.py)
        cells: list[tuple[object, ...]] = list(rows)
        if csv_style(style) == "sv":
            cells = [
                (*r[:2], KINDS_SV.get(r[2], r[2]), *r[3:5], kronor(r[5]), *r[6:]) for r in rows
            ]
        owner = owner_of(store, forbund)
        click.echo(rows_csv(BOOKING_COLUMNS, cells, owner, style, BOOKING_COLUMNS_SV), nl=False)
    else:
        console().print(
            table(
                f"Verifikationer {year}",
                ["Nr", "Datum", "Slag", "Rad", "Insats", "Belopp", "Text", "§"],
                [(*r[:5], kr(r[5]), r[6], r[7] or "") for r in rows],
                right=["Belopp"],
            )
        )


@click.command("decisions")
@click.option("--year", type=YEAR, required=True, help="The year of the minutes.")
@known_at_option
@forbund_option
@format_option("csv")
@csv_style_option
@pass_store
def decisions(
    store: Store, year: int, known_at: datetime | None, forbund: str | None, fmt: str
) -> None:
    """The register of decisions of a year: every paragraph with a money effect, what it
    decided and the amount its events name (öre in json and csv).

    \b
    Examples:
      finsam decisions --year 2023
      finsam decisions --year 2023 --format csv
    """
    answer = store.reader.at(known_at=known_at).audit.decisions(forbund, year)
    rows = [
        (d.paragraph, d.meeting, _title(d.title, d.without_quorum), "; ".join(d.effects), d.amount)
        for d in answer.decisions
    ]
    if fmt == "json":
        print_json(answer)
    elif fmt == "csv":
        cells: list[tuple[object, ...]] = list(rows)
        if chosen_style() == "sv":  # kronor with a decimal comma, as the bookings
            cells = [(*r[:4], kronor(r[4])) for r in rows]
        emit_rows(DECISION_COLUMNS, cells, owner_of(store, forbund), DECISION_COLUMNS_SV)
    else:
        console().print(
            table(
                f"Beslut med ekonomisk verkan {year}",
                ["§", "Möte", "Rubrik", "Beslut", "Belopp"],
                [(*r[:4], kr(r[4]) if r[4] is not None else "") for r in rows],
                right=["Belopp"],
            )
        )


def _title(title: str, without_quorum: bool) -> str:
    """A § decided without quorum says so in every table (KL 6:27)."""
    return f"{title} (utan beslutförhet)" if without_quorum else title


COMMANDS = (bookings, decisions)
