"""A follow-up of the year: a goal's assessment (`follow-up goal`)."""

from __future__ import annotations

from datetime import date
from typing import cast

import click

from cli.context import Store, pass_store
from cli.goals import YEAR
from cli.options import DATE, LiteralChoice, forbund_option
from commands import structs as c
from finsam_es.goals import Assessment


@click.group("follow-up")
def follow_up() -> None:
    """Record a follow-up (uppföljning): goals assessed.

    \b
    Examples:
      finsam follow-up goal beredande-organ --year 2024 --on 2024-12-31 \\
        --assessment delvis --reason "Loksam har vidareutvecklat sin mötesstruktur."
    """


@follow_up.command("goal")
@click.argument("goal_id", metavar="ID")
@click.option("--year", type=YEAR, required=True, help="The year of the goal.")
@click.option("--on", type=DATE, required=True, help="The day of the follow-up.")
@click.option(
    "--assessment",
    type=LiteralChoice(Assessment),
    default=None,
    help="uppfylld, delvis or ej (uppfylld); leave out when the report gives only a reason.",
)
@click.option("--reason", default="", help="Why (motivering).")
@forbund_option
@pass_store
def follow_up_goal(
    store: Store,
    goal_id: str,
    year: int,
    on: date,
    assessment: str | None,
    reason: str,
    forbund: str | None,
) -> None:
    """Record a goal's degree of fulfilment with its reason; a financial goal the ledger
    judges is not recorded (`finsam goals` shows it from the figures).

    \b
    Example:
      finsam follow-up goal medel-andamalsenligt --year 2024 --on 2024-12-31 \\
        --assessment delvis --reason "Årsresultatet visar ett positivt resultat."
    """
    spec = c.GoalAssessmentSpec(goal_id, cast("Assessment | None", assessment), reason)
    command = c.RecordFollowUp(forbund=forbund, year=year, on=on, goals=(spec,))
    store.run(command, f"goal {goal_id} of {year} followed up on {on}")


COMMANDS = (follow_up,)
