"""Earlier years' published outcome: record a year the store keeps no books for (from
its adopted annual report), and list what is recorded. The statements use them for the
previous-year column and the five-year overview."""

from __future__ import annotations

from datetime import datetime

import click
import msgspec

from cli.context import Store, pass_store
from cli.options import AMOUNT, NUMBER, YEAR, forbund_option, format_option, known_at_option
from cli.output import console, print_json, table
from cli.owned import csv_style_option, emit_rows, kronor, owner_of
from cli.parsers import budget_line
from commands import structs as c


@click.group("earlier-year")
def earlier_year() -> None:
    """Record the published outcome of a year before the store's books began.

    \b
    Example:
      finsam earlier-year record --year 2023 --source "Årsredovisning 2023" \\
        --allocation 2832000 --costs 2983378 --result -117094 --equity 584026
    """


@earlier_year.command("record")
@click.option("--year", type=YEAR, required=True, help="The earlier year.")
@click.option("--source", required=True, help="The document the figures come from.")
@click.option("--allocation", type=AMOUNT, required=True, help="Medlemsbidrag (kr).")
@click.option("--other-income", type=AMOUNT, default=0, help="Other income, not financial.")
@click.option("--costs", type=AMOUNT, required=True, help="Operating costs, not financial.")
@click.option("--result", type=AMOUNT, required=True, help="Årets resultat (negative: deficit).")
@click.option("--equity", type=AMOUNT, required=True, help="Utgående eget kapital.")
@click.option("--total-assets", type=AMOUNT, default=None, help="Balansomslutning.")
@click.option(
    "--line",
    "lines",
    multiple=True,
    metavar="ID:KIND:AMOUNT[:NAME]",
    help="A line's outcome, like kansli:cost:412000:Kansli (repeatable).",
)
@forbund_option
@pass_store
def earlier_year_record(
    store: Store,
    year: int,
    source: str,
    allocation: int,
    other_income: int,
    costs: int,
    result: int,
    equity: int,
    total_assets: int | None,
    lines: tuple[str, ...],
    forbund: str | None,
) -> None:
    """Record an earlier year's outcome as its annual report published it. Statements
    show it only where the store has no income or costs for that year; recording the
    year again replaces it (the earlier record stays in the log).

    \b
    Example:
      finsam earlier-year record --year 2023 --source "Årsredovisning 2023" \\
        --allocation 2832000 --costs 2983378 --result -117094 --equity 584026 \\
        --total-assets 1248836 --line driftbidrag:income:2832000:Driftbidrag \\
        --line kansli:cost:412000:Kansli
    """
    specs = tuple(
        c.OutcomeLineSpec(line=s.line, kind=s.kind, amount=s.amount, name=s.name)
        for s in (budget_line(v) for v in lines)
    )
    command = c.RecordPublishedYear(
        forbund=forbund,
        year=year,
        source=source,
        allocation=c.Amount(allocation),
        other_income=c.Amount(other_income),
        costs=c.Amount(costs),
        result=c.Amount(result),
        equity=c.Amount(equity),
        total_assets=None if total_assets is None else c.Amount(total_assets),
        lines=specs,
    )
    store.run(command, f"the published outcome of {year} recorded")


@click.command("earlier-years")
@click.option("--before", "before", type=YEAR, required=True, help="The first year with books.")
@click.option("--years", "count", type=NUMBER, default=5, show_default=True, help="How many.")
@known_at_option
@forbund_option
@format_option("csv")
@csv_style_option
@pass_store
def earlier_years(
    store: Store,
    before: int,
    count: int,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """The published outcome recorded for the years before a year.

    \b
    Example:
      finsam earlier-years --before 2024 --format json
    """
    at = store.reader.at(known_at=known_at)
    found = at.statements.published_years(at.forbund_id(forbund), range(before - count, before))
    if fmt == "json":
        print_json([{"year": y, **msgspec.structs.asdict(o)} for y, o in sorted(found.items())])
        return
    columns = ["year", "allocation", "costs", "result", "equity", "total_assets", "source"]
    rows = [
        (y, o.allocation, o.costs, o.result, o.equity, o.total_assets, o.source)
        for y, o in sorted(found.items())
    ]
    if fmt == "csv":
        cells = [(r[0], *map(kronor, r[1:6]), r[6]) for r in rows]
        amounts = ("Medlemsbidrag", "Kostnader", "Resultat", "Eget kapital", "Balansomslutning")
        sv = ("År", *(f"{a} (kr)" for a in amounts), "Källa")
        emit_rows(columns, cells, owner_of(store, forbund), sv)
        return
    names = ["År", "Medlemsbidrag", "Kostnader", "Resultat", "Eget kapital", "Balansomslutning"]
    shown = [(r[0], *(_kr(a) for a in r[1:6]), r[6]) for r in rows]
    console().print(table("Tidigare års utfall (kr)", [*names, "Källa"], shown))


def _kr(ore: int | None) -> str:
    return "" if ore is None else f"{ore / 100:.2f}"


COMMANDS = (earlier_year, earlier_years)
