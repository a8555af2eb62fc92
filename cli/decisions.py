"""The board's decisions with a money effect, each recorded as a paragraph of a
meeting: on applications and insatser (grant, refer back, reject, postpone, move,
extend, end early, carry unused money), on the budget (adopt, change) and on the
annual report (adopt, which closes the year).
"""

from __future__ import annotations

from datetime import date

import click

from cli import parsers
from cli.context import Store, pass_store
from cli.options import AMOUNT, DATE, YEAR
from cli.sitting import Sitting, decide, decision_options
from commands import structs as c


@click.command("grant")
@click.argument("insats")
@click.option(
    "--amount", type=AMOUNT, default=None, help="Granted amount (default: as applied for)."
)
@click.option("--start", type=DATE, default=None)
@click.option("--end", type=DATE, default=None)
@click.option(
    "--schedule",
    "schedule",
    multiple=True,
    help="YEAR:AMOUNT, repeated for every year of the period: the year's amount, charged "
    "evenly over its months (they sum to the grant).",
)
@decision_options
@pass_store
def grant(
    store: Store,
    insats: str,
    amount: int | None,
    start: date | None,
    end: date | None,
    schedule: tuple[str, ...],
    sitting: Sitting,
) -> None:
    """Grant money to an insats (bevilja medel); its cost falls evenly per month, or per
    year as --schedule says.

    \b
    Examples:
      finsam grant samcoach --meeting 2023-11-23 --amount 775000
      finsam grant ungdom --meeting 2023-02-16 --amount 3800000 \\
        --start 2023-04-01 --end 2026-03-31 --schedule 2023:870000 \\
        --schedule 2024:1300000 --schedule 2025:1300000 --schedule 2026:330000
    """
    effect = c.GrantFunds(
        insats=insats,
        amount=None if amount is None else c.Amount(amount),
        start=start,
        end=end,
        schedule=tuple(parsers.year_amount(v) for v in schedule),
    )
    decide(store, effect, sitting)


@click.command("refer-back")
@click.argument("insats")
@click.option("--reason", required=True, help="Why (an återremiss must give a reason).")
@decision_options
@pass_store
def refer_back(
    store: Store,
    insats: str,
    reason: str,
    sitting: Sitting,
) -> None:
    """Refer an application back to the applicant (återremiss).

    \b
    Example:
      finsam refer-back sfi --meeting 2023-11-23 --reason "Komplettera med mål och budget"
    """
    decide(store, c.ReferBack(insats=insats, reason=reason), sitting)


@click.command("reject")
@click.argument("insats")
@click.option("--reason", default="")
@decision_options
@pass_store
def reject(
    store: Store,
    insats: str,
    reason: str,
    sitting: Sitting,
) -> None:
    """Reject an application (avslag).

    \b
    Example:
      finsam reject friskare --meeting 2017-11-16 --reason "Ryms inte i budgeten"
    """
    decide(
        store,
        c.RejectApplication(insats=insats, reason=reason),
        sitting,
    )


@click.command("postpone")
@click.argument("insats")
@click.option("--start", type=DATE, required=True, help="The new start; the end stays.")
@click.option(
    "--keep-schedule",
    is_flag=True,
    help="Each year keeps its money: the months before the new start move onto that "
    "year's later months; a year wholly before it keeps its charge as decided.",
)
@click.option(
    "--move",
    "moves",
    multiple=True,
    help="FROM:TO:AMOUNT: of the money the postponement drops in year FROM, move AMOUNT "
    "to the later year TO (repeat).",
)
@click.option(
    "--end", type=DATE, default=None, help="The new end, for a start after the period's end."
)
@decision_options
@pass_store
def postpone(
    store: Store,
    insats: str,
    start: date,
    keep_schedule: bool,
    moves: tuple[str, ...],
    end: date | None,
    sitting: Sitting,
) -> None:
    """Postpone the start; the monthly charge stays and the months before are never
    charged, unless the decision keeps each year's money or moves it to a later year.

    \b
    Examples:
      finsam postpone halsoprojektet --start 2021-04-01 --meeting 2021-03-15
      finsam postpone steg --start 2022-01-31 --end 2022-12-31 \\
        --move 2021:2022:400000 --meeting 2021-11-18
    """
    effect = c.PostponeStart(
        insats=insats,
        start=start,
        keep_schedule=keep_schedule,
        moves=tuple(parsers.year_move(v) for v in moves),
        end=end,
    )
    decide(store, effect, sitting)


@click.command("move-period")
@click.argument("insats")
@click.option("--start", type=DATE, required=True, help="The new start; the whole period moves.")
@decision_options
@pass_store
def move_period(
    store: Store,
    insats: str,
    start: date,
    sitting: Sitting,
) -> None:
    """Move the whole period of a grant that has not started; its charges move with it.

    \b
    Example:
      finsam move-period sam --start 2021-09-01 --meeting 2021-05-20
    """
    decide(store, c.MovePeriod(insats=insats, start=start), sitting)


@click.command("extend")
@click.argument("insats")
@click.option("--end", type=DATE, required=True, help="The new end.")
@click.option("--extra", type=AMOUNT, default=0, help="More money granted with the extension.")
@decision_options
@pass_store
def extend(
    store: Store,
    insats: str,
    end: date,
    extra: int,
    sitting: Sitting,
) -> None:
    """Extend the period; what is not yet charged (plus --extra) spreads over the new months.

    \b
    Example:
      finsam extend samcoach --end 2025-06-30 --extra 300000 --meeting 2024-10-10
    """
    effect = c.ExtendPeriod(insats=insats, end=end, extra=c.Amount(extra))
    decide(store, effect, sitting)


@click.command("end-early")
@click.argument("insats")
@click.option("--end", type=DATE, required=True, help="The new, earlier end.")
@decision_options
@pass_store
def end_early(
    store: Store,
    insats: str,
    end: date,
    sitting: Sitting,
) -> None:
    """End an insats early; the months after the new end are never charged.

    \b
    Example:
      finsam end-early skapa --end 2021-09-30 --meeting 2021-09-16
    """
    decide(store, c.EndEarly(insats=insats, end=end), sitting)


@click.command("carry")
@click.argument("insats")
@click.option("--from-year", type=YEAR, required=True)
@click.option("--amount", type=AMOUNT, default=None, help="Default: all unused money of that year.")
@click.option("--start", type=DATE, default=None, help="Default: 1 January of the next year.")
@click.option("--end", type=DATE, default=None, help="Default: 31 December of the next year.")
@decision_options
@pass_store
def carry(
    store: Store,
    insats: str,
    from_year: int,
    amount: int | None,
    start: date | None,
    end: date | None,
    sitting: Sitting,
) -> None:
    """Carry unused money of a settled year into the next year (medlen flyttas med).

    \b
    Example:
      finsam carry bip --from-year 2024 --meeting 2025-02-13
    """
    effect = c.CarryUnused(
        insats=insats,
        from_year=from_year,
        amount=None if amount is None else c.Amount(amount),
        start=start,
        end=end,
    )
    decide(store, effect, sitting)


@click.group("annual-report")
def annual_report() -> None:
    """The annual report (årsredovisning): adopting it closes the year.

    \b
    Example:
      finsam annual-report adopt --year 2024 --meeting 2025-03-20
    """


@annual_report.command("adopt")
@click.option("--year", type=YEAR, required=True)
@decision_options
@pass_store
def annual_report_adopt(
    store: Store,
    year: int,
    sitting: Sitting,
) -> None:
    """Adopt the annual report of a year; bookings dated in it are refused afterwards.

    \b
    Example:
      finsam annual-report adopt --year 2024 --meeting 2025-03-20
    """
    decide(store, c.AdoptAnnualReport(year=year), sitting)


@click.command("adopt")
@click.option("--year", type=YEAR, required=True)
@click.option(
    "--line",
    "lines",
    multiple=True,
    required=True,
    metavar="ID:KIND:AMOUNT[:NAME[:PLAN,PLAN]]",
    help="A budget line; KIND income or cost; PLAN the amounts of the plan years (repeat).",
)
@click.option(
    "--insats-line",
    "insats_lines",
    multiple=True,
    metavar="ID",
    help="A cost line that holds money for insatser (repeat).",
)
@click.option(
    "--from-equity", type=AMOUNT, default=0, help="Planned use of equity (a planned deficit)."
)
@decision_options
@pass_store
def budget_adopt(
    store: Store,
    year: int,
    lines: tuple[str, ...],
    insats_lines: tuple[str, ...],
    from_equity: int,
    sitting: Sitting,
) -> None:
    """Adopt the plan and budget of a year (refused if it does not balance without --from-equity).

    \b
    Example:
      finsam budget adopt --year 2024 --meeting 2023-11-23 \\
        --line driftbidrag:income:2832000 --line kansli:cost:667000:Kansli \\
        --line insatser:cost:2165000 --insats-line insatser
    """
    effect = c.AdoptBudget(
        year=year,
        lines=tuple(parsers.budget_line(v, insats_lines) for v in lines),
        from_equity=c.Amount(from_equity),
    )
    decide(store, effect, sitting)


@click.command("change")
@click.option("--year", type=YEAR, required=True)
@click.option(
    "--move",
    "moves",
    multiple=True,
    metavar="FROM:TO:AMOUNT",
    help="Move money between lines (repeat).",
)
@click.option(
    "--line",
    "deltas",
    multiple=True,
    metavar="LINE:AMOUNT",
    help="Change a line by +/- an amount (repeat).",
)
@click.option(
    "--add-line",
    "new_lines",
    multiple=True,
    metavar="ID:KIND:AMOUNT[:NAME]",
    help="A new line (repeat).",
)
@click.option(
    "--from-equity", type=AMOUNT, default=0, help="Money taken from equity for the change."
)
@decision_options
@pass_store
def budget_change(
    store: Store,
    year: int,
    moves: tuple[str, ...],
    deltas: tuple[str, ...],
    new_lines: tuple[str, ...],
    from_equity: int,
    sitting: Sitting,
) -> None:
    """Change a year's budget: move money, add a line, appropriate, take from equity.

    \b
    Examples:
      finsam budget change --year 2024 --meeting 2024-09-19 --move kompetenshojande:nya-projekt:10000
      finsam budget change --year 2021 --meeting 2021-04-22 --add-line sam:cost:300000:SAM \\
        --from-equity 300000
    """
    changes = (
        *(change for m in moves for change in parsers.move(m)),
        *(parsers.line_delta(d) for d in deltas),
        *(parsers.new_line(n) for n in new_lines),
    )
    effect = c.ChangeBudget(year=year, changes=changes, from_equity=c.Amount(from_equity))
    decide(store, effect, sitting)


COMMANDS = (
    grant,
    refer_back,
    reject,
    postpone,
    move_period,
    extend,
    end_early,
    carry,
    annual_report,
)
