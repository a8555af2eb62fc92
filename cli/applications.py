"""Applications for money, as the applicant acts: receive, withdraw, complete after a
referral back. The board's decisions on them are in cli/decisions.py.
"""

from __future__ import annotations

from datetime import date

import click

from cli.context import Store, pass_store
from cli.options import AMOUNT, DATE, LiteralChoice, forbund_option
from commands import structs as c
from finsam_es.insats import InsatsKind


@click.group("application")
def application() -> None:
    """Applications for money: receive, withdraw, complete after a referral back.

    \b
    Example:
      finsam application receive sfi --amount 998000 --start 2024-01-01 \\
        --end 2024-12-31 --on 2023-10-01
    """


@application.command("receive")
@click.argument("insats")
@click.option("--name", default="", help="The insats's name.")
@click.option(
    "--kind",
    type=LiteralChoice(InsatsKind),
    default="individual",
    show_default=True,
)
@click.option("--owner", default="", help="Projektägare.")
@click.option("--co-applicant", "co", multiple=True, help="Medsökande (repeat).")
@click.option("--amount", type=AMOUNT, required=True, help="Amount applied for, in kronor.")
@click.option("--start", type=DATE, required=True)
@click.option("--end", type=DATE, required=True)
@click.option(
    "--line",
    default="",
    help="The budget line it is charged to (default: the budget's line for insatser).",
)
@click.option("--on", type=DATE, required=True, help="Date received.")
@click.option(
    "--diarienummer",
    default="",
    metavar="YYYY/N",
    help="The diarium entry its letter was registered under (default: registered now).",
)
@forbund_option
@pass_store
def application_receive(
    store: Store,
    insats: str,
    name: str,
    kind: InsatsKind,
    owner: str,
    co: tuple[str, ...],
    amount: int,
    start: date,
    end: date,
    line: str,
    on: date,
    diarienummer: str,
    forbund: str | None,
) -> None:
    """Register an application for an insats. It is registered in the diarium on receipt
    and gets the next diarienummer, or names the entry its letter has (--diarienummer).

    \b
    Example:
      finsam application receive samcoach --name SamCoach --owner solleftea \\
        --co-applicant fk --amount 775000 --start 2024-01-01 --end 2024-12-31 --on 2023-10-01
    """
    store.run(
        c.ReceiveApplication(
            forbund=forbund,
            insats=insats,
            name=name,
            kind=kind,
            owner=owner,
            co_applicants=co,
            amount=c.Amount(amount),
            start=start,
            end=end,
            line=line,
            on=on,
            diarienummer=diarienummer,
        ),
        f"application {insats} received",
    )


@application.command("withdraw")
@click.argument("insats")
@click.option("--on", type=DATE, required=True)
@click.option("--reason", default="")
@forbund_option
@pass_store
def application_withdraw(
    store: Store, insats: str, on: date, reason: str, forbund: str | None
) -> None:
    """The applicant withdraws an application (återtagen; not a board decision).

    \b
    Example:
      finsam application withdraw rvn-ansokan --on 2023-11-10 --reason "FK kan inte delta"
    """
    store.run(
        c.WithdrawApplication(forbund=forbund, insats=insats, on=on, reason=reason),
        f"application {insats} withdrawn",
    )


@application.command("complete")
@click.argument("insats")
@click.option("--on", type=DATE, required=True)
@click.option("--amount", type=AMOUNT, default=None)
@click.option("--start", type=DATE, default=None)
@click.option("--end", type=DATE, default=None)
@forbund_option
@pass_store
def application_complete(
    store: Store,
    insats: str,
    on: date,
    amount: int | None,
    start: date | None,
    end: date | None,
    forbund: str | None,
) -> None:
    """The applicant completes a referred-back application; it can be decided again.

    \b
    Example:
      finsam application complete sfi --on 2023-12-11
    """
    store.run(
        c.CompleteApplication(
            forbund=forbund,
            insats=insats,
            on=on,
            amount=None if amount is None else c.Amount(amount),
            start=start,
            end=end,
        ),
        f"application {insats} completed",
    )


COMMANDS = (application,)
