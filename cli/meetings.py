"""Meetings and their minutes: open, close, adjust (justera) and post (anslå) a
meeting; print its minutes (protokoll).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from cli import parsers
from cli.context import Store, pass_store
from cli.justering import meeting_sign, sign_with_option, signature_cell, signed_pdf
from cli.options import DATE, NUMBER, YEAR, forbund_option, format_option, known_at_option
from cli.output import console, done, echo_text, print_json, table
from cli.owned import csv_style_option, emit_rows, owner_of
from commands import structs as c
from projections import protokoll
from projections.minutes import MinutesDocument
from projections.minutes_text import minutes_text


@click.group()
def meeting() -> None:
    """Open, close, adjust (justera) and post (anslå) a board meeting.

    \b
    Example:
      finsam meeting open 2020-08-28 --place Härnösand --present "Lars Kempe"
      finsam meeting adjust 2020-08-28 --on 2020-09-03
      finsam meeting post 2020-08-28 --up 2020-09-04 --down 2020-09-28
    """


def attendance_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The header options `meeting open` and `meeting amend` share."""
    for option in reversed(
        (
            click.option("--place", default=None, help="Plats."),
            click.option("--time", "time_", default=None, help="Tid, like 13.00-15.30."),
            click.option("--chair", default=None, help="Who chairs the meeting (ordförande)."),
            click.option("--secretary", default=None, help="Who keeps the minutes."),
            click.option("--adjuster", "adjusters", multiple=True, help="Justerare (repeat)."),
            click.option(
                "--present",
                multiple=True,
                help="A ledamot, or an ersättare serving, present and deciding (repeat).",
            ),
            click.option(
                "--serving-for",
                "serving_for",
                multiple=True,
                metavar='"ERSÄTTARE=LEDAMOT"',
                help="An ersättare deciding for an absent ledamot (tjänstgör för) (repeat).",
            ),
            click.option(
                "--other",
                "others",
                multiple=True,
                metavar='"NAME:ROLE"',
                help="Present without deciding: ersättare, officials, guests (repeat).",
            ),
            click.option("--adjust-place", default=None, help="Justeringens plats."),
        )
    ):
        f = option(f)
    return f


def header_changes(**given: Any) -> dict[str, Any]:
    """The header fields the options give (None: not given), parsed."""
    out: dict[str, Any] = {
        "place": given["place"],
        "time": given["time_"],
        "chair": given["chair"],
        "secretary": given["secretary"],
        "adjust_place": given["adjust_place"],
    }
    for key in ("adjusters", "present"):
        out[key] = given[key] or None
    out["serving_for"] = tuple(map(parsers.serving, given["serving_for"])) or None
    out["others"] = tuple(map(parsers.attendee, given["others"])) or None
    return out


@meeting.command("open")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--extra", is_flag=True, help="An extra meeting (extra sammanträde).")
@attendance_options
@forbund_option
@pass_store
def meeting_open(store: Store, day: date, extra: bool, forbund: str | None, **given: Any) -> None:
    """Open a meeting. Names are checked against the board on DATE; an ersättare
    serves for her absent ledamot; warns when the quorum is not reached.

    \b
    Example:
      finsam meeting open 2024-02-15 --place Sollefteå --time 13.00-15.00 \\
        --chair "Birgitta Häggkvist" --secretary "Anna Berg" \\
        --adjuster "Patrik Lockner" --present "Birgitta Häggkvist" --present "Patrik Lockner" \\
        --serving-for "Sandra Formgren=Mikael Sjölund" --other "Anna Berg:förbundschef"
    """
    changes = {k: v for k, v in header_changes(**given).items() if v is not None}
    details = c.MeetingDetails(date=day, extra=extra, **changes)
    store.run(c.OpenMeeting(forbund=forbund, meeting=details), f"meeting {day} opened")


@meeting.command("amend")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--extra/--ordinary", default=None, help="Extra or ordinary sammanträde.")
@attendance_options
@click.option("--on", type=DATE, default=None, help="When the change is made (default: today).")
@forbund_option
@pass_store
def meeting_amend(
    store: Store,
    day: date,
    extra: bool | None,
    on: date | None,
    forbund: str | None,
    **given: Any,
) -> None:
    """Change the header of a meeting before its minutes are adjusted; a list option
    given replaces the whole list. Old and new values are kept in the log.

    \b
    Examples:
      finsam meeting amend 2024-02-15 --present "Birgitta Häggkvist" --present "Lina Kempe"
      finsam meeting amend 2024-02-15 --place "Kommunhuset, Sollefteå" --time 13.00-15.30
    """
    changes = header_changes(**given)
    if extra is None and all(v is None for v in changes.values()):
        raise click.UsageError("give at least one field to change (see --help)")
    store.run(
        c.AmendMeeting(forbund=forbund, date=day, on=on, extra=extra, **changes),
        f"meeting {day} amended",
    )


@meeting.command("cancel")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--reason", default="", help="Why the meeting is withdrawn.")
@click.option("--on", type=DATE, default=None, help="When it is withdrawn (default: today).")
@forbund_option
@pass_store
def meeting_cancel(
    store: Store, day: date, reason: str, on: date | None, forbund: str | None
) -> None:
    """Withdraw a meeting recorded by mistake, before its minutes are adjusted; its
    paragraphs go with it (their numbers stay used). Money decisions block it.

    \b
    Example:
      finsam meeting cancel 2024-02-15 --reason "Fel datum; mötet hölls 2024-02-16"
    """
    store.run(
        c.CancelMeeting(forbund=forbund, date=day, reason=reason, on=on),
        f"meeting {day} cancelled",
    )


@meeting.command("close")
@click.argument("day", metavar="DATE", type=DATE)
@forbund_option
@pass_store
def meeting_close(store: Store, day: date, forbund: str | None) -> None:
    """Close a meeting (mötets avslutande).

    \b
    Example:
      finsam meeting close 2024-02-15
    """
    store.run(c.CloseMeeting(forbund=forbund, date=day), f"meeting {day} closed")


@meeting.command("adjust")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--on", type=DATE, required=True, help="Date of the adjustment (justering).")
@click.option(
    "--paragraph", type=NUMBER, default=None, help="Adjust this § at once (omedelbar justering)."
)
@forbund_option
@pass_store
def meeting_adjust(
    store: Store, day: date, on: date, paragraph: int | None, forbund: str | None
) -> None:
    """Adjust (justera) the minutes on paper: the adjusted paragraphs become final.
    For digital justering the chair and justerare sign instead (`meeting sign`).

    \b
    Examples:
      finsam meeting adjust 2024-02-15 --on 2024-02-20
      finsam meeting adjust 2024-02-15 --on 2024-02-15 --paragraph 7
    """
    what = f"§{paragraph}" if paragraph else f"minutes of {day}"
    store.run(
        c.AdjustMinutes(forbund=forbund, date=day, on=on, paragraph=paragraph),
        f"{what} adjusted on {on}",
    )


@meeting.command("post")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--up", type=DATE, required=True, help="Posted on the notice board (anslag uppsatt).")
@click.option("--down", type=DATE, required=True, help="Taken down (anslag nedtas).")
@click.option(
    "--board",
    "boards",
    multiple=True,
    metavar="ID",
    help="The board: a member's id, or 'forbund' for the förbund's own (repeat; "
    "default: every board the charter names that has no anslag yet).",
)
@click.option(
    "--paragraph", type=int, default=None, help="A § adjusted at once, posted on its own."
)
@forbund_option
@pass_store
def meeting_post(
    store: Store,
    day: date,
    up: date,
    down: date,
    boards: tuple[str, ...],
    paragraph: int | None,
    forbund: str | None,
) -> None:
    """Post (anslå) the adjusted minutes on the notice boards the charter names (`finsam
    forbund charter`), one record per board; the three weeks of appeal run from the day
    the last board has it (KL 8:12, 13:5). A § adjusted at once is posted on its own
    with --paragraph.

    \b
    Examples:
      finsam meeting post 2024-02-15 --up 2024-02-21 --down 2024-03-14
      finsam meeting post 2024-02-15 --board forbund --up 2024-02-16 --down 2024-03-11
      finsam meeting post 2024-02-15 --paragraph 12 --up 2024-02-16 --down 2024-03-11
    """
    what = f"§{paragraph} of {day}" if paragraph else f"minutes of {day}"
    store.run(
        c.PostMinutes(
            forbund=forbund, date=day, up=up, down=down, boards=boards, paragraph=paragraph
        ),
        f"{what} posted {up}–{down}",
    )


@click.command("minutes")
@click.argument("day", metavar="DATE", type=DATE)
@known_at_option
@forbund_option
@format_option("markdown", "html", "pdf", "png")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to this file."
)
@click.option(
    "--page", type=NUMBER, default=1, show_default=True, help="The page --format png shows."
)
@sign_with_option
@pass_store
def minutes_cmd(
    store: Store,
    day: date,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
    output: str | None,
    page: int,
    sign_with: str | None,
) -> None:
    """The minutes (protokoll) of the meeting on DATE, laid out as a Swedish municipal
    protokoll with its Underskrifter and ANSLAG/BEVIS; as text, markdown, HTML, PDF
    (page numbers and the justerare's initials on every page) or a PNG of one page.
    With --known-at, the minutes as the records stood at that moment.

    \b
    Examples:
      finsam minutes 2020-08-28
      finsam minutes 2023-11-23 --format pdf --output protokoll-2023-11-23.pdf
      finsam minutes 2023-11-23 --format png --output sida1.png
      finsam minutes 2020-08-28 --known-at 2020-09-30
      finsam minutes 2023-11-23 --format pdf --sign-with forbund.p12 -o protokoll.pdf
    """
    doc = store.reader.at(known_at=known_at).governance.minutes(forbund, day)
    if fmt == "json":
        print_json(doc)
        return
    if sign_with is not None:  # PAdES: the adjusted protokoll signed (cli/justering.py)
        return emit(signed_pdf(doc, fmt, sign_with), output)
    write_document(doc, fmt, output, page)


def write_document(
    doc: MinutesDocument, fmt: str, output: str | None, page: int = 1, extract: bool = False
) -> None:
    """Print or write the protokoll (or protokollsutdrag) in the format asked for."""
    if fmt in ("table", "markdown"):
        text = minutes_text(doc, markdown=fmt == "markdown", extract=extract)
        emit(text + "\n", output)
    elif fmt == "html":
        emit(protokoll.render(doc, "html", extract), output)
    elif fmt == "pdf":
        emit(protokoll.pdf(doc, extract), output)
    else:
        pages = protokoll.png_pages(doc, extract)
        if not 1 <= page <= len(pages):
            raise click.UsageError(f"--page {page}: the document has {len(pages)} pages")
        emit(pages[page - 1], output)


def emit(data: str | bytes, output: str | None) -> None:
    """To the file, or to stdout (never raw PDF or PNG bytes onto a terminal)."""
    if output is not None:
        path = Path(output)
        try:
            path.write_bytes(data if isinstance(data, bytes) else data.encode())
        except OSError as e:
            raise click.UsageError(f"--output {output}: cannot write ({e.strerror})") from None
        done(f"{path} written")
    elif isinstance(data, bytes):
        if sys.stdout.isatty():
            raise click.UsageError("a PDF or PNG goes to a file: give --output FILE")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        echo_text(data, nl=False)


# the csv's columns, with their headers in the sv style (--csv-style sv)
MEETING_CSV = {"date": "Datum", "first": "Första §", "last": "Sista §", "adjusted": "Justerat"}
MEETING_CSV |= {"posted": "Anslaget", "warnings": "Varningar"}
MEETING_CSV |= {"appeal_last_day": "Överklagas senast"}


@click.command("meetings")
@click.option("--year", type=YEAR, default=None, help="Only the meetings of this year.")
@forbund_option
@format_option("csv")
@csv_style_option
@pass_store
def meetings_cmd(store: Store, year: int | None, forbund: str | None, fmt: str) -> None:
    """Every meeting with its § range, whether its minutes are adjusted and posted, and
    the deadlines missed or at risk (adjusted within 14 days, posted within 2 days).

    The last day to appeal is the minutes' (KL 8:12, 13:5); each deadline ending on a day
    off moves to the next weekday (lag 1930:173).

    \b
    Examples:
      finsam meetings --year 2024
      finsam meetings --format csv > sammantraden.csv
    """
    rows = store.reader.at().governance.meetings(forbund, year)
    if fmt == "json":
        print_json(rows)
        return
    columns: tuple[str, ...] = ("Datum", "Paragrafer", "Justerat", "Underskrifter")
    columns += ("Anslaget", "Överklagas senast", "Varningar")
    cells = [
        (
            r.date,
            "" if r.first is None else f"§{r.first}–§{r.last}",
            r.adjusted,
            signature_cell(r.signatures),  # digital justering (cli/justering.py)
            r.posted,
            r.appeal_last_day,
            "; ".join(r.warnings),
        )
        for r in rows
    ]
    if fmt == "csv":
        keys = tuple(MEETING_CSV)
        listed = [[getattr(r, k) for k in keys] for r in rows]
        for r, cells_of in zip(rows, listed, strict=True):
            cells_of[keys.index("warnings")] = "; ".join(r.warnings)
        emit_rows(keys, listed, owner_of(store, forbund), tuple(MEETING_CSV.values()))
        return
    console().print(table(f"Sammanträden{f' {year}' if year else ''}", columns, cells))


meeting.add_command(meeting_sign)  # digital justering, in a module of its own

COMMANDS = (
    meeting,
    meetings_cmd,
    minutes_cmd,
)
