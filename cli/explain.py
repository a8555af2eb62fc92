"""Provenance for auditors: `explain` lists every event behind a figure (amounts that
sum to it), `impact` every figure a paragraph changed, before and after, and `diff`
the figures that changed between two moments and the events that changed them."""

from __future__ import annotations

from datetime import date, datetime

import click

from cli.context import Store, pass_store
from cli.options import DATE, MOMENT, YEAR, forbund_option, format_option, known_at_option
from cli.output import console, kr, print_json, table
from finsam_es.values import parse_paragraph_ref
from projections.clocks import LogPosition
from projections.explain import QUERIES


@click.command("explain")
@click.argument("figure")
@click.option("--as-of", type=DATE, default=None, help="The date asked about (default today).")
@known_at_option
@forbund_option
@format_option()
@pass_store
def explain(
    store: Store,
    figure: str,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """Every event behind a figure: amount, effective date, recorded time, who and §.

    FIGURE is budget:YEAR:LINE, result:YEAR, equity or insats:ID:charged|paid|unused.
    The amounts sum to the figure as `budget`, `result`, `equity` and `interventions`
    show it for the same --as-of and --known-at.

    \b
    Examples:
      finsam explain equity --as-of 2024-06-30 --known-at 2024-08-29
      finsam explain budget:2024:kansli --as-of 2024-12-31 --format json
      finsam explain insats:samcoach:charged --as-of 2024-06-30
    """
    day = as_of or date.today()
    answer = store.reader.at(day, known_at).audit.explain(forbund, figure)
    if fmt == "json":
        print_json(answer)
        return
    console().print(
        table(
            f"{answer.figure} per {day}: {kr(answer.value)}",
            ["Pos", "Belopp", "Gäller", "Registrerad", "Av", "§", "Typ", "Innehåll"],
            [
                (
                    e.position,
                    kr(e.amount),
                    e.effective,
                    e.recorded,
                    e.actor,
                    e.paragraph or "",
                    e.type,
                    e.content,
                )
                for e in answer.events
            ],
            right=["Pos", "Belopp"],
            whole=["Registrerad"],
        )
    )


@click.command("impact")
@click.argument("paragraph", metavar="YEAR:N")
@click.option(
    "--as-of", type=DATE, default=None, help="The date the figures are taken on (default today)."
)
@known_at_option
@forbund_option
@format_option()
@pass_store
def impact(
    store: Store,
    paragraph: str,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """Every figure a paragraph (§) changed: the figure without its events, and with.

    \b
    Examples:
      finsam impact 2023:64 --as-of 2024-12-31
      finsam impact 2024:12 --format json
    """
    year, number = parse_paragraph_ref(paragraph)
    day = as_of or date.today()
    answer = store.reader.at(day, known_at).audit.impact(forbund, year, number)
    if fmt == "json":
        print_json(answer)
        return
    if not answer.events:
        console().print(f"§{answer.paragraph} has no recorded events")
        return
    console().print(
        table(
            f"§{answer.paragraph}: vad beslutet ändrade per {day}",
            ["Storhet", "Före", "Efter", "Ändring"],
            [(c.figure, kr(c.before), kr(c.after), kr(c.after - c.before)) for c in answer.figures],
            right=["Före", "Efter", "Ändring"],
        )
    )


@click.command("diff")
@click.argument("query", type=click.Choice(tuple(QUERIES)))
@click.option(
    "--known-at",
    "moments",
    type=MOMENT,
    multiple=True,
    required=True,
    help="Give it twice: the moment before and the moment after.",
)
@click.option("--as-of", type=DATE, default=None, help="The date asked about (default today).")
@click.option(
    "--year", type=YEAR, default=None, help="The year (budget, result; default --as-of's)."
)
@forbund_option
@format_option()
@pass_store
def diff_cmd(
    store: Store,
    query: str,
    moments: tuple[datetime | LogPosition, ...],
    as_of: date | None,
    year: int | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """Which figures of a query changed between two moments (--known-at twice), and the
    events recorded in between that changed them, their amounts summing to the change.

    \b
    Examples:
      finsam diff --known-at 2024-07-31 --known-at 2024-08-31 equity --as-of 2024-06-30
      finsam diff --known-at position:120 --known-at position:154 result --year 2024
    """
    if len(moments) != 2:
        raise click.UsageError("give --known-at twice: the moment before and the moment after")
    first, second = (store.known_at(m) for m in moments)
    day = as_of or date.today()
    answer = store.reader.diff(forbund, query, year or day.year, day, (first, second))
    if fmt == "json":
        print_json(answer)
        return
    rows = []
    for change in answer.changes:
        head = (change.figure, kr(change.before), kr(change.after))
        for i, e in enumerate(change.events):
            rows.append(
                (*(head if i == 0 else ("", "", "")), e.position, kr(e.amount), e.effective,
                 e.recorded, e.actor, e.paragraph or "")
            )  # fmt: skip
    console().print(
        table(
            f"{query} per {day}: ändringar mellan {first} och {second}",
            ["Storhet", "Före", "Efter", "Pos", "Belopp", "Gäller", "Registrerad", "Av", "§"],
            rows,
            right=["Före", "Efter", "Pos", "Belopp"],
            whole=["Registrerad"],
        )
    )


COMMANDS = (explain, impact, diff_cmd)
