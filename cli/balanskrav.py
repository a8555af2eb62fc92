"""`finsam exempt-deficit`: the board's decision that synnerliga skäl exist not to
restore a year's negative balanskravsresultat (KL 11:13), recorded as a paragraph.
Whether a year has a deficit to restore is `finsam report balanskrav`."""

from __future__ import annotations

import click

from cli.context import Store, pass_store
from cli.sitting import Sitting, decide, decision_options
from commands import structs as c


@click.command("exempt-deficit")
@click.option("--year", type=int, required=True, help="The year of the deficit.")
@click.option("--reason", required=True, help="The synnerliga skäl, as the minutes say them.")
@decision_options
@pass_store
def exempt_deficit(store: Store, year: int, reason: str, sitting: Sitting) -> None:
    """Decide that synnerliga skäl exist not to restore a year's negative
    balanskravsresultat (KL 11:13) instead of restoring it within three years.

    \b
    Example:
      finsam exempt-deficit --year 2024 --reason "Engångskostnad för ny lokal" \\
        --meeting 2025-03-20
    """
    decide(store, c.ExemptDeficit(year=year, reason=reason), sitting)


COMMANDS = (exempt_deficit,)
