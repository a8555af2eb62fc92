"""The year-end forecast on a date: per budget line beside the budget and the outcome
so far, with the forecast result and equity (`finsam forecast`)."""

from __future__ import annotations

from datetime import date, datetime

import click

from cli.context import Store, pass_store
from cli.options import year_question
from cli.output import console, kr, print_json, table, warn
from cli.owned import emit_rows, kronor, owner_of
from finsam_es.errors import NotFound
from projections.forecast import ForecastRow


@click.command("forecast")
@year_question("The year forecast.")
@pass_store
def forecast(
    store: Store,
    year: int,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """The last year-end forecast made by a date (prognos 31/12), per budget line beside
    the budget and the outcome so far, with the forecast result and equity.

    \b
    Examples:
      finsam forecast --year 2024 --as-of 2024-08-31
      finsam forecast --year 2024 --as-of 2024-08-31 --known-at 2024-09-15 --format json
    """
    day = as_of or date.today()
    report = store.reader.at(day, known_at).follow_up.forecast(forbund, year)
    if report is None:
        raise NotFound(f"no forecast of {year} was made by {day}")
    if fmt == "json":
        print_json(report)
        return
    columns = ["line", "kind", "budget", "outcome", "forecast", "deviation"]
    if fmt == "csv":
        cells = [(r.line, r.kind, *map(kronor, _amounts(r))) for r in report.lines]
        amounts = ("Budget", "Utfall hittills", "Prognos 31/12", "Avvikelse")
        sv = ("Rad", "Slag", *(f"{a} (kr)" for a in amounts))
        emit_rows(columns, cells, owner_of(store, forbund), sv)
        return
    rows = [(r.name or r.line, *(kr(a) for a in _amounts(r))) for r in report.lines]
    rows.append(("Resultat", kr(report.budget_result), "", kr(report.result), ""))
    ratio = report.equity_ratio
    share = "" if ratio is None else f" ({100 * ratio:.1f} %)".replace(".", ",")
    rows.append(("Eget kapital 31/12", "", "", kr(report.equity) + share, ""))
    names = ["Rad", "Budget", "Utfall hittills", "Prognos 31/12", "Avvikelse"]
    right = names[1:]
    title = f"Prognos {year}, gjord {report.made_on} (per {report.as_of})"
    console().print(table(title, names, rows, right=right))
    if report.over_limit:
        warn(
            [
                f"the forecast equity is over the limit of {report.limit * 100:g} % of the "
                f"allocation ({report.limit_source})"
            ]
        )


def _amounts(r: ForecastRow) -> tuple[int, int, int, int]:
    return (r.budget, r.outcome, r.forecast, r.deviation)


COMMANDS = (forecast,)
