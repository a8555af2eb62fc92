"""Exchange with the books: `finsam export sie|hledger|beancount` and `finsam import-sie`.

The texts are made in projections/exports.py (read side); the import runs through
commands/sie_import.py (bookings, all or nothing).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from cli import parsers
from cli.context import Store, pass_store
from cli.options import DATE, YEAR, forbund_option
from cli.output import done, echo_text
from commands.sie_import import import_sie
from finsam_es.errors import InvalidInput


def _chart(path: str | None) -> Any:
    if path is None:
        return None
    from projections.chart_file import read_chart

    return read_chart(path)


CHART = click.option(
    "--chart",
    default=None,
    metavar="FILE",
    help="A TOML file overriding the account numbers (see docs/reports.md).",
)


def _write(text: str, output: str | None, pc8: bool = False) -> None:
    if output is None:
        echo_text(text, nl=False)
        return
    from projections.exports import pc8 as encode_pc8

    try:
        Path(output).write_bytes(encode_pc8(text) if pc8 else text.encode("utf-8"))
    except OSError as e:
        raise InvalidInput(f"{output}: cannot write ({e.strerror})") from None
    done(f"wrote {output}")


@click.group("export")
def export() -> None:
    """The ledger for other books: SIE 4E, hledger or beancount.

    \b
    Examples:
      finsam export sie --year 2024 --output solleftea-2024.se
      finsam export hledger --as-of 2024-12-31 > solleftea.journal
    """


@export.command("sie")
@click.option("--year", type=YEAR, required=True, help="The financial year.")
@click.option("--as-of", type=DATE, default=None, help="Up to this date (default: 31 Dec).")
@click.option("--output", "-o", default=None, metavar="FILE", help="The file (PC8, CP437).")
@CHART
@forbund_option
@pass_store
def export_sie(
    store: Store,
    year: int,
    as_of: date | None,
    output: str | None,
    chart: str | None,
    forbund: str | None,
) -> None:
    """A SIE 4E file: chart (#KONTO), #IB/#UB/#RES and one #VER per transaction with its §.

    \b
    Example:
      finsam export sie --year 2024 --output solleftea-2024.se
    """
    day = as_of or date(year, 12, 31)
    text = store.reader.at(day).statements.export("sie", forbund, year, date.today(), _chart(chart))
    _write(text, output, pc8=True)


def _plain(kind: str) -> click.Command:
    @click.command(kind)
    @click.option("--as-of", type=DATE, default=None, help="Up to this date (default today).")
    @click.option("--output", "-o", default=None, metavar="FILE", help="The file (UTF-8).")
    @forbund_option
    @pass_store
    def command(store: Store, as_of: date | None, output: str | None, forbund: str | None) -> None:
        day = as_of or date.today()
        text = store.reader.at(day).statements.export(kind, forbund, day.year, date.today())
        _write(text, output)

    command.help = (
        f"Every transaction up to a date as a {kind} journal, the § in each one's note.\n\n"
        f"\b\nExample:\n  finsam export {kind} --as-of 2024-12-31 --output ledger.{kind}"
    )
    return command


export.add_command(_plain("hledger"))
export.add_command(_plain("beancount"))


@click.command("import-sie")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--series",
    multiple=True,
    metavar="S",
    help="Only these verification series (repeat; finsam's own export writes B for bookings).",
)
@CHART
@click.option(
    "--member",
    "members",
    multiple=True,
    metavar="ID:KIND:SHARE[:NAME]",
    help="Into an empty store: a member (huvudman) of the förbund the file is of, which "
    "no SIE file names (as finsam forbund create --member).",
)
@forbund_option
@pass_store
def import_sie_cmd(
    store: Store,
    file: Path,
    series: tuple[str, ...],
    chart: str | None,
    members: tuple[str, ...],
    forbund: str | None,
) -> None:
    """Import the verifications (#VER) of a SIE 4I/4E file as bookings.

    Costs on cost lines, income on income lines and the members' payments, against the
    bank; accounts map to budget lines through the chart. All or nothing; a
    verification imported before (series, number, year), or one the store's own export
    writes alike, is skipped. Into an empty store
    (or a förbund without books) the file opens the books: the förbund from #FNAMN and
    #ORGNR, the opening balances from #IB, a line per account of #KONTO, and the
    derived entries (series D, U of finsam's export) as transfers.

    \b
    Example:
      finsam import-sie bokforing-2024.si --chart kontoplan.toml
      finsam import-sie solleftea-2024.se --series B
      finsam --db ny.db import-sie solleftea-2024.se --member fk:state:25% ...
    """
    specs = tuple(parsers.member(m) for m in members)
    override = _chart(chart)

    def own(forbund: str, year: int) -> bytes:
        """The store's own export of the year as its file, to skip what it holds already."""
        from projections.exports import pc8

        day = date(year, 12, 31)
        reader = store.reader.at(day).statements
        return pc8(reader.export("sie", forbund, year, date.today(), override))

    result = import_sie(store.app, file, forbund, override, series, specs, own)
    done(
        f"{file}: imported {result.imported} of {result.verifications} verifications for "
        f"{result.forbund}, {result.skipped} imported before ({result.events} events stored)"
    )


COMMANDS = (export, import_sie_cmd)
