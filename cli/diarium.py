"""The diarium: `diarium` lists the documents received and sent (table, json, csv) on a
date as known at a moment; `diarium register` registers one with its files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import cast

import click

from cli.context import Store
from cli.options import DATE, YEAR, LiteralChoice, forbund_option, format_option, known_at_option
from cli.output import console, print_json, table
from cli.owned import csv_style_option, emit_rows, owner_of
from commands import structs as c
from finsam_es.diarium import Direction
from finsam_es.documents import MAX_SIZE, Document
from finsam_es.errors import InvalidInput

SECRET = "(sekretess)"  # in place of a secret subject in a public list
DIRECTION = {"in": "Inkommande", "out": "Utgående"}


@click.group("diarium", invoke_without_command=True)
@click.option("--year", type=YEAR, default=None, help="The year (default: that of --as-of).")
@click.option("--as-of", type=DATE, default=None, help="The date asked about (default today).")
@click.option("--public", is_flag=True, help="As anyone may read it: secret subjects left out.")
@known_at_option
@forbund_option
@format_option("csv")
@csv_style_option
@click.pass_context
def diarium(
    ctx: click.Context,
    year: int | None,
    as_of: date | None,
    public: bool,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """The diarium: each document received or sent with its diarienummer (YYYY/N), date,
    sender or recipient, subject and files, as registered by a date.

    \b
    Examples:
      finsam diarium --year 2024 --format json
      finsam diarium --as-of 2024-03-31 --public --format csv
    """
    if ctx.invoked_subcommand is not None:
        return
    store: Store = ctx.obj
    rows = store.reader.at(as_of, known_at).diarium.entries(forbund, year, public)
    if fmt == "json":
        print_json(rows)
        return
    cells = [
        (
            r.number,
            r.date,
            DIRECTION[r.direction] if fmt == "table" else r.direction,
            r.party,
            SECRET if r.subject is None else r.subject,
            ("ja" if r.secret else "") if fmt == "table" else str(r.secret).lower(),
            r.concerns,
            ", ".join(f"{d.name} ({d.sha256[:12]})" for d in r.documents),
        )
        for r in rows
    ]
    if fmt == "csv":
        columns = ["number", "date", "direction", "party", "subject", "secret", "concerns"]
        sv = ("Dnr", "Datum", "Riktning", "Part", "Ärende", "Sekretess", "Avser", "Handlingar")
        emit_rows([*columns, "documents"], cells, owner_of(store, forbund), sv)
        return
    columns = ["Dnr", "Datum", "Riktning", "Avsändare/mottagare", "Ärende", "Sekretess"]
    console().print(table("Diarium", [*columns, "Avser", "Handlingar"], cells))


@diarium.command("register")
@click.option("--on", type=DATE, required=True, help="The day it was received or sent.")
@click.option("--direction", type=LiteralChoice(Direction), required=True, help="in or out.")
@click.option("--party", required=True, help="The sender (in) or recipient (out).")
@click.option("--subject", required=True, help="What the document is about.")
@click.option("--secret", is_flag=True, help="Under secrecy: no subject in public lists.")
@click.option(
    "--concerns",
    default="",
    metavar="WHAT",
    help="application:ID, insats:ID or meeting:YYYY-MM-DD.",
)
@click.option("--file", "files", multiple=True, metavar="FILE", help="A document (repeatable).")
@forbund_option
@click.pass_obj
def diarium_register(
    store: Store,
    on: date,
    direction: str,
    party: str,
    subject: str,
    secret: bool,
    concerns: str,
    files: tuple[str, ...],
    forbund: str | None,
) -> None:
    """Register a document received or sent; it gets the year's next diarienummer, and its
    files are kept in the store by their sha256.

    \b
    Example:
      finsam diarium register --on 2024-02-01 --direction in --party "Arbetsförmedlingen" \\
        --subject "Ansökan om medel: Steget vidare" --concerns application:steget \\
        --file ansokan.pdf
    """
    command = c.RegisterDocument(
        forbund=forbund,
        on=on,
        direction=cast(Direction, direction),
        party=party,
        subject=subject,
        secret=secret,
        concerns=concerns,
        documents=tuple(_read(Path(p)) for p in files),
    )
    store.run(command, "registered in the diarium")


def _read(path: Path) -> Document:
    try:
        with path.open("rb") as f:
            content = f.read(MAX_SIZE + 1)  # one byte more says it is too large
    except OSError as e:
        raise InvalidInput(f"{path}: cannot read the file ({e.strerror})") from None
    return Document(path.name, content)


COMMANDS = (diarium,)
