"""The förbund's own words in its annual and half-year report: record a section's text
(`report-text`), list what is recorded (`report-texts`)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import cast

import click

from cli.context import Store, pass_store
from cli.goals import YEAR
from cli.options import (
    DATE,
    LiteralChoice,
    forbund_option,
    year_question,
)
from cli.output import console, print_json, table
from cli.owned import emit_rows, owner_of
from commands import structs as c
from finsam_es.errors import InvalidInput
from finsam_es.report_text import MAX_TEXT, ReportKind


@click.command("report-text")
@click.argument("section")
@click.option("--year", type=YEAR, required=True, help="The year of the report.")
@click.option("--report", type=LiteralChoice(ReportKind), default="annual", show_default=True)
@click.option("--on", type=DATE, required=True, help="The day the text is written.")
@click.option("--text", default=None, help="The text (or --file).")
@click.option("--file", "path", default=None, metavar="FILE", help="Read the text from FILE.")
@forbund_option
@pass_store
def report_text(
    store: Store,
    section: str,
    year: int,
    report: str,
    on: date,
    text: str | None,
    path: str | None,
    forbund: str | None,
) -> None:
    """Record the förbund's own text of a section of its report; recording the section
    again replaces it from that day (the earlier text stays in the log), an empty text
    removes it.

    \b
    Examples:
      finsam report-text framtid --year 2024 --on 2025-02-13 \\
        --text "Styrelsen ser över hur det egna kapitalet kan användas 2025."
      finsam report-text forvaltningsberattelse --year 2024 --on 2025-02-13 --file fb.txt
    """
    if (text is None) == (path is None):
        raise InvalidInput("give the text with --text or --file (one of them)")
    if path is not None:
        text = _read(Path(path))
    command = c.RecordReportText(
        forbund=forbund,
        year=year,
        report=cast(ReportKind, report),
        section=section,
        text=text or "",
        on=on,
    )
    store.run(command, f"the text of {section} ({report} {year}) recorded")


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()[: 4 * MAX_TEXT + 1]  # UTF-8: at most 4 bytes a character
        return data.decode("utf-8")
    except OSError as e:
        raise InvalidInput(f"{path}: cannot read the file ({e.strerror})") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not UTF-8 text") from None


@click.command("report-texts")
@year_question("The year of the report.")
@pass_store
def report_texts(
    store: Store,
    year: int,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """The förbund's own text per section of the year's reports, as last recorded.

    \b
    Example:
      finsam report-texts --year 2024 --format json
    """
    rows = store.reader.at(as_of, known_at).follow_up.report_texts(forbund, year)
    if fmt == "json":
        print_json(rows)
        return
    cells = [(r.report, r.section, r.on, r.text) for r in rows]
    if fmt == "csv":
        sv = ("Rapport", "Avsnitt", "Skriven", "Text")
        emit_rows(["report", "section", "on", "text"], cells, owner_of(store, forbund), sv)
        return
    console().print(table(f"Egna texter {year}", ["Rapport", "Avsnitt", "Skriven", "Text"], cells))


COMMANDS = (report_text, report_texts)
