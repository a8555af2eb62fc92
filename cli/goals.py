"""The year's goals: set or change one by a paragraph of the minutes (`goal set`), and
list them with their fulfilment (`goals`): from the ledger for the financial goals it
can judge, as recorded at a follow-up for the others (`follow-up goal`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

import click

from cli.context import Store, pass_store
from cli.options import (
    LiteralChoice,
    forbund_option,
    year_question,
)
from cli.output import console, print_json, table
from cli.owned import emit_rows, owner_of
from commands import structs as c
from finsam_es.goals import Measure
from projections.goals import ASSESSMENT_WORDS

YEAR = click.IntRange(1900, 2199)
SCOPE_HELP = "forbund (verksamhetsmål), financial (finansiellt mål) or insats:ID."


@click.group("goal")
def goal() -> None:
    """Set or change a goal of the year's verksamhetsplan by a paragraph (§).

    \b
    Example:
      finsam goal set eget-kapital --year 2024 --scope financial --paragraph 2023:66 \\
        --text "Att det egna kapitalet inte överstiger 20 % av driftbidraget." \\
        --measure equity_at_most --limit 20%
    """


@goal.command("set")
@click.argument("goal_id", metavar="ID")
@click.option("--year", type=YEAR, required=True, help="The year the goal is for.")
@click.option("--scope", required=True, help=SCOPE_HELP)
@click.option("--text", required=True, help="The goal as the verksamhetsplan states it.")
@click.option("--paragraph", required=True, help="The § deciding it: YEAR:N, like 2023:66.")
@click.option("--indicator", default="", help="What is measured.")
@click.option("--target", default="", help="The level to reach, like '80 %'.")
@click.option(
    "--measure",
    type=LiteralChoice(Measure),
    default=None,
    help="A financial goal the ledger judges (equity_at_most needs --limit).",
)
@click.option("--limit", default=None, help="The equity goal's share of the allocation: 20%.")
@forbund_option
@pass_store
def goal_set(
    store: Store,
    goal_id: str,
    year: int,
    scope: str,
    text: str,
    paragraph: str,
    indicator: str,
    target: str,
    measure: str | None,
    limit: str | None,
    forbund: str | None,
) -> None:
    """Set a goal by the paragraph that decided it; setting the same ID again changes it.

    \b
    Examples:
      finsam goal set stod --year 2024 --scope forbund --paragraph 2023:66 \\
        --text "Att 80 % av deltagarna upplever att de fått stöd i sin process." \\
        --target "80 %"
      finsam goal set sfi-stod --year 2024 --scope insats:sfi --paragraph 2023:66 \\
        --text "80 % av deltagarna ska uppleva att de fått stöd."
    """
    command = c.SetGoal(
        forbund=forbund,
        year=year,
        id=goal_id,
        scope=scope,
        text=text,
        paragraph=paragraph,
        indicator=indicator,
        target=target,
        measure=cast("Measure | None", measure),
        limit=limit,
    )
    store.run(command, f"goal {goal_id} of {year} set by §{paragraph}")


# the sv csv's headers (--csv-style sv), as the table names them
GOAL_COLUMNS_SV: tuple[str, ...] = ("Mål", "Avser", "Text", "Målvärde", "Bedömning")
GOAL_COLUMNS_SV += ("Motivering", "Bedömd av", "Paragraf")


@click.command("goals")
@year_question("The year of the goals.")
@pass_store
def goals(
    store: Store,
    year: int,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """The year's goals with their fulfilment (måluppfyllelse) on a date: financial goals
    the ledger judges from the figures, the others as assessed at a follow-up.

    \b
    Examples:
      finsam goals --year 2024 --as-of 2024-12-31
      finsam goals --year 2024 --as-of 2024-12-31 --format json
    """
    rows = store.reader.at(as_of, known_at).follow_up.goals(forbund, year)
    if fmt == "json":
        print_json(rows)
        return
    columns = ["id", "scope", "text", "target", "assessment", "reason", "assessed_by"]
    if fmt == "csv":
        cells = [(*_cells(r, columns), r.paragraph) for r in rows]
        emit_rows([*columns, "paragraph"], cells, owner_of(store, forbund), GOAL_COLUMNS_SV)
        return
    shown = [
        (r.id, r.scope, r.text, r.target, ASSESSMENT_WORDS.get(r.assessment or "", ""), r.reason)
        for r in rows
    ]
    names = ["Mål", "Avser", "Text", "Målvärde", "Bedömning", "Motivering"]
    console().print(table(f"Mål {year} och måluppfyllelse", names, shown))


def _cells(row: object, columns: list[str]) -> tuple[object, ...]:
    return tuple(getattr(row, name) for name in columns)


COMMANDS = (goal, goals)
