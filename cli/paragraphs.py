"""Paragraphs (§) of the minutes and the assignments (uppdrag) they give: add, show,
amend and renumber a paragraph; the open assignments on a date; mark one done.
"""

from __future__ import annotations

from datetime import date, datetime

import click

from cli import parsers
from cli.context import Store, pass_store
from cli.meetings import write_document
from cli.options import DATE, NUMBER, YEAR, forbund_option, format_option, known_at_option
from cli.output import console, echo_text, print_json, table
from cli.sitting import attendance_options
from commands import structs as c
from projections.minutes_text import paragraph_text


@click.group()
def paragraph() -> None:
    """Add, show, amend and renumber paragraphs (§) of the minutes.

    \b
    Example:
      finsam paragraph add 2020-08-28 --title "Delårsredovisning 2020" \\
        --decision "Styrelsen beslutar att fastställa delårsredovisningen"
      finsam paragraph show 2020 33
    """


@paragraph.command("add")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--title", required=True)
@click.option(
    "--number", type=NUMBER, default=None, help="The § number (default: the next free in the year)."
)
@click.option("--text", default="", help="A short account of the matter.")
@click.option(
    "--decision", "decisions", multiple=True, help="'Styrelsen beslutar att ...' (repeat)."
)
@click.option(
    "--assign",
    "assigns",
    multiple=True,
    metavar='"WHO: WHAT"',
    help="An assignment (uppdrag) (repeat).",
)
@click.option(
    "--due", "dues", multiple=True, type=DATE, help="Due date of the assignment before it (repeat)."
)
@click.option(
    "--dissent", multiple=True, help="A member who enters dissent (reservation) (repeat)."
)
@click.option(
    "--conflict", multiple=True, help="A member with a conflict of interest (jäv) (repeat)."
)
@click.option(
    "--deciding", multiple=True, help="Who decided this §, when not all present did (repeat)."
)
@click.option("--corrects", default=None, metavar="YEAR:N", help="The paragraph this one corrects.")
@click.option("--send-to", multiple=True, help="Expediering: who the decision is sent to (repeat).")
@click.option(
    "--without-quorum",
    is_flag=True,
    help="The board decided though fewer than more than half of the ledamöter were present "
    "(KL 6:27): record it so; the minutes, the log and the reports say so.",
)
@attendance_options
@forbund_option
@pass_store
def paragraph_add(
    store: Store,
    day: date,
    title: str,
    number: int | None,
    text: str,
    decisions: tuple[str, ...],
    assigns: tuple[str, ...],
    dues: tuple[date, ...],
    dissent: tuple[str, ...],
    conflict: tuple[str, ...],
    deciding: tuple[str, ...],
    corrects: str | None,
    send_to: tuple[str, ...],
    without_quorum: bool,
    chaired_by: str,
    serving_for: tuple[str, ...],
    forbund: str | None,
) -> None:
    """Add a paragraph to the minutes of the meeting on DATE.

    A paragraph that decides needs more than half of the ledamöter present after those
    with jäv have left (KL 6:27, lag 2003:1210 19 §); without it, it is refused unless
    recorded --without-quorum.

    \b
    Example:
      finsam paragraph add 2024-02-15 --title "Delårsrapport" \\
        --decision "Styrelsen beslutar att fastställa delårsrapporten" \\
        --assign "Förbundschefen: ta fram en plan för 2025" --due 2024-05-15
    """
    if corrects:
        parsers.paragraph_ref(corrects)
    cmd = c.AddParagraph(
        forbund=forbund,
        meeting=day,
        title=title,
        number=number,
        text=text,
        decisions=decisions,
        assignments=parsers.assignments(assigns, dues),
        dissent=dissent,
        conflict=conflict,
        deciding=deciding,
        corrects=corrects,
        send_to=send_to,
        without_quorum=without_quorum,
        serving_for=tuple(map(parsers.serving, serving_for)),
        chaired_by=chaired_by,
    )
    store.run(cmd, f"paragraph added to the minutes of {day}")


@paragraph.command("show")
@click.argument("year", type=YEAR)
@click.argument("number", type=NUMBER)
@known_at_option
@forbund_option
@format_option("markdown")
@pass_store
def paragraph_show(
    store: Store,
    year: int,
    number: int,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """Show one paragraph: decisions, dissent, adjustment and posting.

    \b
    Example:
      finsam paragraph show 2024 12 --format json
      finsam paragraph show 2024 12 --known-at 2024-03-01
    """
    view = store.reader.at(known_at=known_at).governance.paragraph(forbund, year, number)
    if fmt == "json":
        print_json(view)
        return
    echo_text(paragraph_text(view, markdown=fmt == "markdown"))


@paragraph.command("extract")
@click.argument("year", type=YEAR)
@click.argument("number", type=NUMBER)
@forbund_option
@format_option("markdown", "html", "pdf", "png")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to this file."
)
@pass_store
def paragraph_extract(
    store: Store, year: int, number: int, forbund: str | None, fmt: str, output: str | None
) -> None:
    """A protokollsutdrag: one paragraph with the meeting's header and "Rätt utdraget
    intygar", to send to whom the decision concerns.

    \b
    Examples:
      finsam paragraph extract 2023 65 --format pdf --output utdrag-2023-65.pdf
      finsam paragraph extract 2023 65 --format markdown
    """
    doc = store.reader.at().governance.extract(forbund, year, number)
    if fmt == "json":
        print_json(doc)
        return
    write_document(doc, fmt, output, extract=True)


@paragraph.command("amend")
@click.argument("year", type=YEAR)
@click.argument("number", type=NUMBER)
@click.option("--title", default=None)
@click.option("--text", default=None)
@click.option("--decision", "decisions", multiple=True, help="Replaces the decisions (repeat).")
@click.option("--dissent", multiple=True, help="Replaces the reservationer (repeat).")
@click.option("--conflict", multiple=True, help="Replaces who had jäv (repeat).")
@click.option("--send-to", multiple=True, help="Replaces the expediering (repeat).")
@click.option("--on", type=DATE, default=None, help="Date of the change (default today).")
@forbund_option
@pass_store
def paragraph_amend(
    store: Store,
    year: int,
    number: int,
    title: str | None,
    text: str | None,
    decisions: tuple[str, ...],
    dissent: tuple[str, ...],
    conflict: tuple[str, ...],
    send_to: tuple[str, ...],
    on: date | None,
    forbund: str | None,
) -> None:
    """Change a paragraph that is not adjusted yet (refused once adjusted, with the
    rule); what it said before is kept in the log. A list option replaces the list.

    \b
    Example:
      finsam paragraph amend 2024 12 --title "Budget 2025" --send-to "Huvudmännen"
    """
    store.run(
        c.AmendParagraph(
            forbund=forbund,
            year=year,
            number=number,
            on=on or date.today(),
            title=title,
            text=text,
            decisions=decisions or None,
            dissent=dissent or None,
            conflict=conflict or None,
            send_to=send_to or None,
        ),
        f"§{number} ({year}) amended",
    )


@paragraph.command("serving")
@click.argument("year", type=YEAR)
@click.argument("number", type=NUMBER)
@attendance_options
@click.option("--on", type=DATE, default=None, help="Date of the change (default today).")
@forbund_option
@pass_store
def paragraph_serving(
    store: Store,
    year: int,
    number: int,
    chaired_by: str,
    serving_for: tuple[str, ...],
    on: date | None,
    forbund: str | None,
) -> None:
    """Set who serves for whom in this § only, and who chairs it, on a paragraph that is
    not adjusted yet (one taken from the agenda, where jäv came up at the meeting);
    checked as `paragraph add --serving-for` is. No --serving-for: none serves for it.

    \b
    Example:
      finsam paragraph serving 2023 60 --serving-for "Sandra Formgren=Mikael Sjölund"
    """
    store.run(
        c.SetParagraphService(
            forbund=forbund,
            year=year,
            number=number,
            on=on or date.today(),
            serving_for=tuple(map(parsers.serving, serving_for)),
            chaired_by=chaired_by,
        ),
        f"§{number} ({year}): who serves for it is recorded",
    )


@paragraph.command("renumber")
@click.argument("year", type=YEAR)
@click.argument("number", type=NUMBER)
@click.option(
    "--to", "to", type=NUMBER, required=True, help="The new number (never used before in the year)."
)
@click.option("--on", type=DATE, default=None, help="Date of the change (default today).")
@forbund_option
@pass_store
def paragraph_renumber(
    store: Store, year: int, number: int, to: int, on: date | None, forbund: str | None
) -> None:
    """Renumber a paragraph that is not adjusted yet (refused once adjusted).

    \b
    Example:
      finsam paragraph renumber 2024 12 --to 13
    """
    store.run(
        c.RenumberParagraph(
            forbund=forbund, year=year, number=number, to=to, on=on or date.today()
        ),
        f"§{number} ({year}) is now §{to}",
    )


@click.command("assignments")
@click.option("--as-of", type=DATE, default=None, help="Date (default today).")
@known_at_option
@forbund_option
@format_option()
@pass_store
def assignments_cmd(
    store: Store, as_of: date | None, known_at: datetime | None, forbund: str | None, fmt: str
) -> None:
    """The open assignments (uppdrag) on a date.

    \b
    Example:
      finsam assignments --as-of 2024-06-30 --format json
    """
    day = as_of or date.today()
    rows = store.reader.at(day, known_at).governance.open_assignments(forbund)
    if fmt == "json":
        print_json({"as_of": day, "assignments": rows})
        return
    console().print(
        table(
            f"Öppna uppdrag {day}",
            ["§", "Möte", "Vem", "Uppdrag", "Senast"],
            [
                (
                    f"§{r.paragraph}#{r.index}",
                    r.meeting,
                    r.who,
                    r.what,
                    f"{r.due}{' (försenat)' if r.overdue else ''}" if r.due else "",
                )
                for r in rows
            ],
        )
    )


@click.group("assignment")
def assignment() -> None:
    """Complete an assignment (uppdrag) given in a paragraph.

    \b
    Example:
      finsam assignment done 2024:12 --on 2024-05-17
    """


@assignment.command("done")
@click.argument("ref", metavar="YEAR:N")
@click.option(
    "--index", type=NUMBER, default=1, show_default=True, help="Which assignment of the paragraph."
)
@click.option("--on", type=DATE, required=True, help="Date it was reported done.")
@click.option("--note", default="", help="Where it was reported, e.g. '§14 2024-05-17'.")
@forbund_option
@pass_store
def assignment_done(
    store: Store, ref: str, index: int, on: date, note: str, forbund: str | None
) -> None:
    """Mark an assignment as done.

    \b
    Example:
      finsam assignment done 2024:12 --on 2024-05-17 --note "rapport §31"
    """
    year, number = parsers.paragraph_ref(ref)
    store.run(
        c.CompleteAssignment(
            forbund=forbund, year=year, number=number, index=index, on=on, note=note
        ),
        f"assignment {index} of §{number} ({year}) done",
    )


COMMANDS = (
    paragraph,
    assignments_cmd,
    assignment,
)
