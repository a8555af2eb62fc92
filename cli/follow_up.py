"""A follow-up of the year: a goal's assessment (`follow-up goal`), an insats's
participants from its report (`follow-up participants`), the director's year-end
forecast (`follow-up forecast`); and the participants per insats (`participants`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

import click

from cli.context import Store, pass_store
from cli.goals import YEAR
from cli.options import (
    DATE,
    LiteralChoice,
    forbund_option,
    year_question,
)
from cli.output import console, print_json, table
from cli.owned import emit_rows, owner_of
from commands import structs as c
from finsam_es.budget import LineKind
from finsam_es.errors import InvalidInput
from finsam_es.follow_up import ReportKind
from finsam_es.goals import Assessment
from finsam_es.values import parse_amount


@click.group("follow-up")
def follow_up() -> None:
    """Record a follow-up (uppföljning): goals assessed, participants, the forecast.

    \b
    Examples:
      finsam follow-up goal beredande-organ --year 2024 --on 2024-12-31 \\
        --assessment delvis --reason "Loksam har vidareutvecklat sin mötesstruktur."
      finsam follow-up participants sfi --year 2024 --on 2024-12-31 --total 69 \\
        --women 53 --men 16 --part "SFI på modersmål:14" --part "Läs- och skrivstöd:55"
      finsam follow-up forecast --year 2021 --on 2021-08-31 --line kansli:640000
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


@follow_up.command("participants")
@click.argument("insats")
@click.option("--year", type=YEAR, required=True, help="The year reported on.")
@click.option("--on", type=DATE, required=True, help="The day of the insats's report.")
@click.option("--report", type=LiteralChoice(ReportKind), default="final", show_default=True)
@click.option("--start", type=DATE, default=None, help="The period's first day (default 1/1).")
@click.option("--end", type=DATE, default=None, help="Its last day (default --on, in the year).")
@click.option("--total", type=click.IntRange(0), required=True, help="Participants in all.")
@click.option("--new", type=click.IntRange(0), default=None, help="Of them new in the period.")
@click.option("--finished", type=click.IntRange(0), default=None, help="Finished in the period.")
@click.option("--women", type=click.IntRange(0), default=0)
@click.option("--men", type=click.IntRange(0), default=0)
@click.option("--other", type=click.IntRange(0), default=0, help="Other or unknown sex.")
@click.option("--referred", multiple=True, metavar="MEMBER:N", help="Referred by a member.")
@click.option("--part", "parts", multiple=True, metavar="NAME:N", help="A part of the insats.")
@click.option("--source", default="", help="The report the counts come from.")
@forbund_option
@pass_store
def follow_up_participants(
    store: Store,
    insats: str,
    year: int,
    on: date,
    report: str,
    start: date | None,
    end: date | None,
    total: int,
    new: int | None,
    finished: int | None,
    women: int,
    men: int,
    other: int,
    referred: tuple[str, ...],
    parts: tuple[str, ...],
    source: str,
    forbund: str | None,
) -> None:
    """Record an insats's participants as its report states them: counts only, refused
    when women, men and other do not make the total (nor the parts).

    \b
    Example:
      finsam follow-up participants samcoach --year 2024 --on 2024-12-31 --total 56 \\
        --finished 15 --women 34 --men 22 --referred fk:28 --referred af:15
    """
    counts = c.ParticipantsSpec(
        total=total,
        new=new,
        finished=finished,
        women=women,
        men=men,
        other=other,
        referred_by=tuple(
            c.CountSpec(n, member=name) for name, n in (named_count(v) for v in referred)
        ),
        parts=tuple(c.CountSpec(n, part=name) for name, n in (named_count(v) for v in parts)),
    )
    command = c.RecordFollowUp(
        forbund=forbund,
        year=year,
        on=on,
        insats=insats,
        report=cast(ReportKind, report),
        start=start,
        end=end,
        participants=counts,
        source=source,
    )
    store.run(command, f"participants of {insats} in {year} recorded")


@follow_up.command("forecast")
@click.option("--year", type=YEAR, required=True, help="The year forecast.")
@click.option("--on", type=DATE, required=True, help="The day the forecast is made.")
@click.option(
    "--line",
    "lines",
    multiple=True,
    required=True,
    metavar="LINE:AMOUNT[:KIND]",
    help="A budget line's expected outcome at the year's end (kr); lines left out end at "
    "their budget.",
)
@click.option("--text", default="", help="The director's comment.")
@forbund_option
@pass_store
def follow_up_forecast(
    store: Store, year: int, on: date, lines: tuple[str, ...], text: str, forbund: str | None
) -> None:
    """Record the year-end forecast (prognos 31/12) per budget line, made on a day.

    \b
    Example:
      finsam follow-up forecast --year 2024 --on 2024-08-31 --line kansli:640000 \\
        --line styrelsen:100000
    """
    specs = tuple(_forecast_line(v) for v in lines)
    command = c.MakeForecast(forbund=forbund, year=year, on=on, lines=specs, text=text)
    store.run(command, f"forecast of {year} made on {on}")


def _forecast_line(value: str) -> c.ForecastLineSpec:
    line, _, rest = value.partition(":")
    amount, _, kind = rest.partition(":")
    if not line or not amount or kind not in ("", "income", "cost"):
        raise InvalidInput(f"'{value}' is not LINE:AMOUNT[:income|cost], like kansli:640000")
    return c.ForecastLineSpec(
        line, c.Amount(parse_amount(amount)), cast("LineKind | None", kind or None)
    )


@click.command("participants")
@year_question("The year reported on.")
@pass_store
def participants(
    store: Store,
    year: int,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """Each insats's participants in a year as its last report by the date states them:
    total, new, finished, women, men, other, and referred by each member.

    \b
    Examples:
      finsam participants --year 2024
      finsam participants --year 2024 --format json
    """
    rows = store.reader.at(as_of, known_at).follow_up.participants(forbund, year)
    if fmt == "json":
        print_json(rows)
        return
    columns = ["insats", "report", "total", "new", "finished", "women", "men", "other"]
    cells = [(*(getattr(r, k) for k in columns), _named(r.referred_by)) for r in rows]
    if fmt == "csv":
        sv = ("Insats", "Rapport", "Deltagare", "Nya", "Avslutade", "Kvinnor", "Män", "Annat")
        emit_rows(
            [*columns, "referred_by"], cells, owner_of(store, forbund), (*sv, "Aktualiserade av")
        )
        return
    names = ["Insats", "Rapport", "Deltagare", "Nya", "Avslutade", "Kvinnor", "Män", "Annat"]
    shown = [(r.name, *cell[1:]) for r, cell in zip(rows, cells, strict=True)]
    console().print(table(f"Deltagare {year}", [*names, "Aktualiserade av"], shown))


def named_count(value: str) -> tuple[str, int]:
    """'fk:28' or 'SFI på modersmål:14' -> (name, count)."""
    name, _, count = value.rpartition(":")
    if not name.strip() or not count.strip().isdigit():
        raise InvalidInput(f"'{value}' is not NAME:COUNT, like fk:28")
    return name.strip(), int(count)


def _named(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}: {n}" for k, n in counts.items())


COMMANDS = (follow_up, participants)
