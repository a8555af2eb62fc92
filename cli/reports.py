"""Money questions for any date: the budget as it stood, the result against it
(driftredovisning), equity against the förbund's own limit, and every insats.

Each answers from the materialised view, caught up first, or with --fold from the
event log alone; --known-at shows the records as they stood at a moment.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NamedTuple

import click

from cli.context import Store, pass_store
from cli.options import DATE, YEAR, forbund_option, format_option, known_at_option
from cli.output import console, kr, print_json, table, updating_view, warn
from cli.owned import chosen_style, csv_style_option, owner_of
from cli.quick import equity_warnings
from cli.render import emit
from projections.labels import KIND, STATUS
from projections.money_queries import Money
from projections.query_sheets import budget_sheet, equity_sheet, insatser_sheet, result_sheet


class Question(NamedTuple):
    """When and whence a money question asks: the date asked about, the moment the
    records are taken as they stood (None: as they stand now), the förbund, and whether
    to answer from the event log alone (the fold) rather than the view."""

    as_of: date
    known_at: datetime | None
    forbund: str | None
    fold: bool


def query_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--as-of, --known-at, --fold, --forbund and --format; all but --format handed on
    as one ``question``."""

    @functools.wraps(f)
    def wrapper(
        *args: Any,
        as_of: date | None,
        known_at: datetime | None,
        fold: bool,
        forbund: str | None,
        **kwargs: Any,
    ) -> Any:
        question = Question(as_of or date.today(), known_at, forbund, fold)
        return f(*args, question=question, **kwargs)

    options: Callable[..., Any] = click.option(
        "--fold",
        is_flag=True,
        help="Answer from the event log alone (audit reference), not the view.",
    )(wrapper)
    options = known_at_option(options)
    options = click.option(
        "--as-of", type=DATE, default=None, help="The date asked about (default today)."
    )(options)
    options = click.option(
        "--output", "-o", default=None, metavar="FILE", help="The file for --format xlsx."
    )(options)
    return forbund_option(format_option("csv", "markdown", "xlsx")(csv_style_option(options)))


def answering(store: Store, question: Question) -> tuple[Money, str]:
    """The money part bound to the question's date and moment: the view, caught up (with
    a progress bar while it reads many events), or the fold; and the id of the förbund
    asked about."""
    at = store.reader.at(
        question.as_of, question.known_at, fold=question.fold, progress=updating_view
    )
    return at.money, store.reader.at().forbund_id(question.forbund)


@click.group("budget", invoke_without_command=True)
@click.option(
    "--year", type=YEAR, default=None, help="The budget year (default: the year of --as-of)."
)
@query_options
@click.pass_context
def budget(
    ctx: click.Context,
    year: int | None,
    question: Question,
    fmt: str,
    output: str | None,
) -> None:
    """The budget of a year as it stood on a date, line by line, with the § behind each line.

    \b
    Examples:
      finsam budget --year 2024 --as-of 2024-06-30
      finsam budget --year 2024 --as-of 2024-06-30 --known-at 2024-07-15 --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    store: Store = ctx.obj
    money, forbund = answering(store, question)
    report = money.budget(forbund, year)
    if fmt == "json":
        print_json(report)
        return
    if fmt != "table":
        emit(
            [budget_sheet(report)],
            fmt,
            output,
            style=chosen_style(),
            owner=owner_of(store, forbund),
        )
        return
    plan_years = sorted(report.plan)
    rows = [
        (
            r.line,
            r.name,
            KIND.get(r.kind, r.kind),
            kr(r.amount),
            *(kr(report.plan[y].get(r.line)) for y in plan_years),
            ", ".join(f"§{p}" for p in r.paragraphs),
        )
        for r in report.lines
    ]
    blank = ("",) * len(plan_years)
    rows += [
        ("", "Summa intäkter", "", kr(report.income_total), *blank, ""),
        ("", "Summa kostnader", "", kr(report.cost_total), *blank, ""),
        ("", "Budgeterat resultat", "", kr(report.balance), *blank, ""),
    ]
    if report.from_equity:
        rows.append(("", "Ianspråktagande av eget kapital", "", kr(report.from_equity), *blank, ""))
    columns = ["Rad", "Namn", "Slag", "Belopp", *(f"Plan {y}" for y in plan_years), "Beslut"]
    console().print(
        table(
            f"Budget {report.year} per {report.as_of}",
            columns,
            rows,
            right=["Belopp", *(f"Plan {y}" for y in plan_years)],
        )
    )
    if not report.lines:
        warn([f"no budget for {report.year} is adopted as of {report.as_of}"])


@click.command("result")
@click.option("--year", type=YEAR, default=None, help="The year (default: the year of --as-of).")
@query_options
@pass_store
def result(
    store: Store,
    year: int | None,
    question: Question,
    fmt: str,
    output: str | None,
) -> None:
    """Income and costs per line against the budget (driftredovisning) and the result.

    \b
    Example:
      finsam result --year 2024 --as-of 2024-12-31
    """
    money, forbund = answering(store, question)
    report = money.result(forbund, year)
    if fmt == "json":
        print_json(report)
        return
    if fmt != "table":
        emit(
            [result_sheet(report)],
            fmt,
            output,
            style=chosen_style(),
            owner=owner_of(store, forbund),
        )
        return
    # the year-end forecast made by the date, beside budget and outcome, while the year
    # runs (issue 23; after its end the outcome is the answer, as in the statements)
    at = store.reader.at(question.as_of, question.known_at, fold=question.fold)
    running = question.as_of < date(report.year, 12, 31)
    made = at.follow_up.forecast(forbund, report.year) if running else None
    ahead = {(x.kind, x.line): x.forecast for x in made.lines} if made else {}
    extra = (lambda v: (kr(v),)) if made else (lambda v: ())
    rows = [
        (
            r.name or r.line,
            KIND.get(r.kind, r.kind),
            kr(r.budget),
            kr(r.outcome),
            kr(r.deviation),
            *extra(ahead.get((r.kind, r.line), r.budget)),
        )
        for r in report.lines
    ]
    rows += [
        ("Summa intäkter", "", "", kr(report.income), "", *extra(made.income if made else 0)),
        ("Summa kostnader", "", "", kr(report.costs), "", *extra(made.costs if made else 0)),
        (
            "Årets resultat",
            "",
            kr(report.budget_result),
            kr(report.result),
            kr(report.result - report.budget_result),
            *extra(made.result if made else 0),
        ),
    ]
    money_cols = ["Budget", "Utfall", "Avvikelse", *(["Prognos"] if made else [])]
    console().print(
        table(
            f"Driftredovisning {report.year} per {report.as_of}",
            ["Rad", "Slag", *money_cols],
            rows,
            right=money_cols,
        )
    )
    if made:
        console().print(f"Prognos gjord {made.made_on}.", markup=False, highlight=False)


@click.command("equity")
@query_options
@pass_store
def equity(
    store: Store,
    question: Question,
    fmt: str,
    output: str | None,
) -> None:
    """Equity (eget kapital) on a date against the year's allocation and the förbund's limit.

    \b
    Example:
      finsam equity --as-of 2024-12-31 --format json
    """
    money, forbund = answering(store, question)
    report = money.equity(forbund)
    if fmt == "json":
        print_json(report)
    elif fmt != "table":
        emit(
            [equity_sheet(report)],
            fmt,
            output,
            style=chosen_style(),
            owner=owner_of(store, forbund),
        )
    else:
        ratio = "–" if report.ratio is None else f"{report.ratio * 100:.1f} %"
        console().print(
            table(
                f"Eget kapital per {report.as_of}",
                ["", "Belopp"],
                [
                    (
                        "Eget kapital vid ingången"
                        + (f" ({report.opening_date})" if report.opening_date else ""),
                        kr(report.opening),
                    ),
                    ("Resultat sedan dess", kr(report.equity - report.opening)),
                    ("Eget kapital", kr(report.equity)),
                    (f"Medelstilldelning {report.as_of.year}", kr(report.allocation)),
                    ("Eget kapital / medelstilldelning", ratio),
                ],
                right=["Belopp"],
            )
        )
        console().print(report.verdict, markup=False, highlight=False)
    warn(equity_warnings(report))  # the quick path's own words (cli/quick.py)
    warn(list(report.warnings))


@click.command("interventions")
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every insats, also those settled (slutredovisad) and applications that came to "
    "nothing; by default those current on the date.",
)
@query_options
@pass_store
def interventions(
    store: Store, every: bool, question: Question, fmt: str, output: str | None
) -> None:
    """The insatser current on a date with status, granted per year, charged, paid and unused money.

    \b
    Examples:
      finsam interventions --as-of 2024-12-31
      finsam interventions --as-of 2024-12-31 --all
    """
    money, forbund = answering(store, question)
    report = money.insatser(forbund, current_only=not every)
    if fmt == "json":
        print_json(report)
        return
    if fmt != "table":
        emit(
            [insatser_sheet(report, STATUS)],
            fmt,
            output,
            style=chosen_style(),
            owner=owner_of(store, forbund),
        )
        return
    rows = [
        (
            r.id,
            r.diarienummer,
            STATUS.get(r.status, r.status),
            kr(r.granted),
            "\n".join(f"{y}:\u00a0{kr(a)}" for y, a in r.granted_by_year.items()),
            kr(r.charged),
            kr(r.paid),
            kr(r.unused),
            ", ".join(f"§{p}" for p in r.paragraphs),
        )
        for r in report.interventions
    ]
    console().print(
        table(
            f"Insatser per {report.as_of}",
            [
                "Insats",
                "Dnr",
                "Status",
                "Beviljat",
                "Per år",
                "Belastat",
                "Utbetalt",
                "Ej förbrukat",
                "Beslut",
            ],
            rows,
            right=["Beviljat", "Belastat", "Utbetalt", "Ej förbrukat"],
        )
    )


COMMANDS = (
    budget,
    result,
    equity,
    interventions,
)
