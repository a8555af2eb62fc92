"""Participation at a distance (lag 2003:1210 19 a §): `meeting allow-distance` records
the board's decision allowing it, `meeting distance DATE NAME...` who took part so."""

from __future__ import annotations

from datetime import date

import click

from cli.context import Store, pass_store
from cli.options import DATE, forbund_option
from commands import structs as c


@click.command("allow-distance")
@click.option("--from", "on", type=DATE, required=True, help="The day it applies from.")
@click.option("--paragraph", default="", metavar="YEAR:N",
              help="The § that decided it (none: the reglemente).")  # fmt: skip
@click.option("--stop", is_flag=True, help="The board no longer allows it from that day.")
@forbund_option
@pass_store
def meeting_allow_distance(
    store: Store, on: date, paragraph: str, stop: bool, forbund: str | None
) -> None:
    """Record the board's decision allowing ledamöter to take part in its meetings at a
    distance from a day (lag 2003:1210 19 a §), or with --stop no longer allowing it.

    \b
    Example:
      finsam meeting allow-distance --from 2024-02-01 --paragraph 2024:3
    """
    command = c.AllowDistance(forbund=forbund, on=on, paragraph=paragraph, allowed=not stop)
    store.run(command, f"participation at a distance {'stopped' if stop else 'allowed'} from {on}")


@click.command("distance")
@click.argument("day", type=DATE, metavar="DATE")
@click.argument("names", nargs=-1)
@forbund_option
@pass_store
def meeting_distance(store: Store, day: date, names: tuple[str, ...], forbund: str | None) -> None:
    """Record who took part in the meeting on DATE at a distance (they count as present;
    refused where no decision of the board allows it). No names: nobody did.

    \b
    Example:
      finsam meeting distance 2024-03-14 "Mia Sund"
    """
    command = c.RecordDistance(forbund=forbund, date=day, names=names)
    store.run(command, f"participation at a distance on {day} recorded")
