"""The kallelse and föredragningslista: `agenda call` calls (or amends) a meeting,
`agenda show DATE` prints it (table, json, html, pdf), `agenda notice-period` sets how
long before a meeting the kallelse must go out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import click

from cli.agenda_effects import effect_options, proposed_effects
from cli.context import Store
from cli.meetings import emit
from cli.options import DATE, forbund_option, known_at_option
from cli.output import console, print_json, table, warn
from commands import structs as c
from finsam_es.agenda import AgendaItem
from finsam_es.errors import InvalidInput
from projections import agenda as kallelse


def parse_item(text: str) -> AgendaItem:
    """``TITLE | FÖRSLAG | DNR | KONTO | BESKRIVNING``: the title first, the others
    where given."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) > 5:
        raise InvalidInput(f"--item '{text}': write TITEL | FÖRSLAG | DNR | KONTO | BESKRIVNING")
    parts += [""] * (5 - len(parts))
    return AgendaItem(
        title=parts[0],
        proposal=parts[1],
        diarienummer=parts[2],
        account=parts[3],
        description=parts[4],
    )


@click.group("agenda")
def agenda() -> None:
    """The kallelse and föredragningslista of a board meeting: its day, time, place,
    whether it is public and distance participation is allowed, and its ärenden in order
    with förslag till beslut and handlingar (from the diarium).

    \b
    Examples:
      finsam agenda call --date 2024-11-21 --sent 2024-11-07 --place Kommunhuset --public \
        --item "Budget 2025 | Styrelsen fastställer budgeten | 2024/12"
      finsam agenda show 2024-11-21 --format pdf --output kallelse.pdf
    """


@agenda.command("call")
@click.option("--date", "day", type=DATE, required=True, help="The meeting's day.")
@click.option("--sent", type=DATE, required=True, help="The day the kallelse goes out.")
@click.option("--time", default="", help="The meeting's time, like 13.00.")
@click.option("--place", required=True, help="Where the meeting is held.")
@click.option("--public", is_flag=True, help="The meeting is public (a kungörelse goes up).")
@click.option("--distance", is_flag=True, help="Participation at a distance is allowed.")
@click.option(
    "--item",
    "items",
    multiple=True,
    metavar="'TITEL | FÖRSLAG | DNR | KONTO | BESKRIVNING'",
    help="An ärende, in order (repeatable); all but the title may be left out.",
)
@effect_options
@forbund_option
@click.pass_obj
def agenda_call(
    store: Store,
    day: date,
    sent: date,
    time: str,
    place: str,
    public: bool,
    distance: bool,
    items: tuple[str, ...],
    grants: tuple[str, ...],
    refer_backs: tuple[str, ...],
    rejects: tuple[str, ...],
    budget_changes: tuple[str, ...],
    forbund: str | None,
) -> None:
    """Call the meeting on --date: the kallelse as sent on --sent. Calling the same
    meeting again amends its kallelse, until the meeting. A money ärende's förslag
    carries its effect (--grant, --refer-back, --reject, --budget-change, each naming
    the ärende by its number): `agenda decide` then records it with the decision.

    \b
    Example:
      finsam agenda call --date 2024-11-21 --sent 2024-11-07 --time 13.00 \\
        --place "Kommunhuset, Sollefteå" --public \\
        --item "Budget 2025 | Styrelsen fastställer budgeten | 2024/12 | 3010" \\
        --item "Ansökan SFI-stöd | Ärendet återremitteras | 2024/14" \\
        --refer-back "2:sfi:Komplettera med mål och budget"
    """
    command = c.CallMeeting(
        forbund=forbund,
        date=day,
        sent=sent,
        time=time,
        place=place,
        public=public,
        distance_allowed=distance,
        items=tuple(parse_item(i) for i in items),
        effects=proposed_effects(grants, refer_backs, rejects, budget_changes),
    )
    store.run(command, "kallelsen registrerad")


def kallelse_document(
    formats: tuple[str, ...], help_text: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options of a document made from a meeting's kallelse as last sent (the
    kallelse itself, its kungörelse): DATE, --as-of, --known-at, --forbund, --format
    (the first of ``formats`` by default) and --output."""

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        for option in (
            click.pass_obj,
            click.option(
                "--output",
                "-o",
                type=click.Path(dir_okay=False),
                default=None,
                help="Write to this file.",
            ),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(formats),
                default=formats[0],
                show_default=True,
                help=help_text,
            ),
            forbund_option,
            known_at_option,
            click.option(
                "--as-of",
                type=DATE,
                default=None,
                help="As last sent by this day (default today).",
            ),
            click.argument("day", type=DATE, metavar="DATE"),
        ):
            f = option(f)
        return f

    return decorate


@agenda.command("show")
@kallelse_document(
    ("table", "json", "html", "pdf"), "Output format; pdf is PDF/A and goes to --output."
)
def agenda_show(
    store: Store,
    day: date,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """The kallelse to the meeting on DATE as last sent, with its föredragningslista and
    each ärende's handlingar.

    \b
    Examples:
      finsam agenda show 2024-11-21 --format json
      finsam agenda show 2024-11-21 --format pdf --output kallelse.pdf
    """
    v = store.reader.at(as_of, known_at).agenda.show(forbund, day)
    if fmt == "json":
        print_json(v)
        return
    if fmt == "html":
        emit(kallelse.render(v, "html"), output)
        return
    if fmt == "pdf":
        emit(kallelse.pdf(v), output)
        return
    rows = [
        (
            str(i.number),
            i.title,
            "\n".join(
                [i.proposal, *(f"Effekt: {kallelse.effect_text(e)}" for e in i.effects)]
            ).strip(),
            i.diarienummer,
            ", ".join(d.name for d in i.documents),
        )
        for i in v.items
    ]
    public = "offentligt" if v.public else "inte offentligt"
    title = f"Kallelse {v.date} {v.time} {v.place} ({public})"
    console().print(
        table(title, ["Nr", "Ärende", "Förslag till beslut", "Dnr", "Handlingar"], rows)
    )
    if v.late:
        warn([v.late])


@agenda.command("notice-period")
@click.option("--days", type=click.IntRange(0, 60), required=True, help="Days before a meeting.")
@click.option("--source", required=True, help="Where it is set: reglemente, arbetsordning.")
@click.option("--on", type=DATE, required=True, help="In force from this day.")
@forbund_option
@click.pass_obj
def agenda_notice_period(
    store: Store, days: int, source: str, on: date, forbund: str | None
) -> None:
    """How many days before a meeting its kallelse must go out (default 7), from --on,
    with its source; a kallelse sent later is warned about.

    \b
    Example:
      finsam agenda notice-period --days 10 --source "Arbetsordning 2019 § 4" --on 2024-01-01
    """
    store.run(
        c.SetNoticePeriod(forbund=forbund, days=days, source=source, on=on), "kallelsetid satt"
    )


@agenda.command("kungorelse")
@kallelse_document(("html", "pdf"), "HTML, or PDF/A (to --output).")
def agenda_kungorelse(
    store: Store,
    day: date,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """The kungörelse of the public meeting on DATE: its time, place and ärenden, as the
    document the förbund makes known (also on its anslagstavla while it is up).

    \b
    Example:
      finsam agenda kungorelse 2024-11-21 --format pdf --output kungorelse.pdf
    """
    v = store.reader.at(as_of, known_at).agenda.show(forbund, day)
    if fmt == "pdf":
        emit(kallelse.kungorelse_pdf(v), output)
    else:
        emit(kallelse.render_kungorelse(v, "html"), output)


@agenda.command("take")
@click.argument("day", type=DATE, metavar="DATE")
@click.option("--first", type=click.IntRange(1, 9999), default=None,
              help="The § number of the first ärende (default: continuing the year).")  # fmt: skip
@forbund_option
@click.pass_obj
def agenda_take(store: Store, day: date, first: int | None, forbund: str | None) -> None:
    """Take the agenda of the meeting on DATE into its minutes (open the meeting first,
    with `meeting open`): each ärende becomes a paragraph in order, numbers continuing
    the year (or from --first), its text the ärendebeskrivning.

    \b
    Example:
      finsam agenda take 2024-11-21
    """
    store.run(
        c.TakeAgenda(forbund=forbund, date=day, first=first),
        "föredragningslistan tagen in i protokollet",
    )


@agenda.command("decide")
@click.argument("day", type=DATE, metavar="DATE")
@click.argument("item", type=click.IntRange(1, 200), metavar="ÄRENDE")
@forbund_option
@click.pass_obj
def agenda_decide(store: Store, day: date, item: int, forbund: str | None) -> None:
    """The board decides ärende ÄRENDE (its number on the agenda) of the meeting on DATE
    as proposed: the förslag till beslut becomes the paragraph's decision.

    \b
    Example:
      finsam agenda decide 2024-11-21 2
    """
    store.run(c.DecideAsProposed(forbund=forbund, date=day, item=item), "beslutat enligt förslag")


COMMANDS = (agenda,)
