"""What the charter (förbundsordning) and the board settle about a förbund, each from a
date with its source: the organisation number, the seats each member has (lag 2003:1210
10 §), the notice boards and the term (9 § p. 7, 12 §), the thresholds (balanskrav, the
equity limit). Subcommands of `finsam forbund` (cli/forbund.py).
"""

from __future__ import annotations

from datetime import date

import click

from cli.context import Store, pass_store
from cli.options import DATE, NUMBER, LiteralChoice, forbund_option
from commands import structs as c
from finsam_es.charter import NoticeBoards, QualifiedMajority
from finsam_es.errors import InvalidInput
from finsam_es.thresholds import BalanskravForm, EquityBasis


@click.command("orgnr")
@click.argument("orgnr", metavar="NNNNNN-NNNN")
@click.option("--on", type=DATE, default=None, help="From when (default today).")
@forbund_option
@pass_store
def forbund_orgnr(store: Store, orgnr: str, on: date | None, forbund: str | None) -> None:
    """Record the förbund's organisation number (for a förbund created without it).

    \b
    Example:
      finsam forbund orgnr 222000-1842
    """
    store.run(
        c.RecordOrgnr(forbund=forbund, orgnr=orgnr, on=on),
        f"organisationsnummer {orgnr}",
    )


@click.command("seats")
@click.argument("member")
@click.argument("seats", type=NUMBER)
@click.option("--on", type=DATE, required=True, help="From when the charter says so.")
@forbund_option
@pass_store
def forbund_seats(store: Store, member: str, seats: int, on: date, forbund: str | None) -> None:
    """The charter gives MEMBER SEATS ledamöter and as many ersättare (lag 2003:1210 10 §).

    \b
    Example:
      finsam forbund seats solleftea 2 --on 2025-01-01
    """
    store.run(
        c.ChangeSeats(forbund=forbund, member=member, seats=seats, on=on),
        f"{member} has {seats} ledamöter and {seats} ersättare from {on}",
    )


@click.command("charter")
@click.option("--on", type=DATE, required=True, help="From when the charter says so.")
@click.option(
    "--notice-boards",
    type=LiteralChoice(NoticeBoards),
    default=None,
    help="Where the anslag goes (9 § p. 7): members, own (the förbund's) or both.",
)
@click.option("--term-years", type=int, default=None, help="The board's term if under 4 (12 §).")
@click.option(
    "--qualified-majority",
    "majorities",
    multiple=True,
    metavar="MATTER:P/Q",
    help="A matter decided by a qualified majority (9 § p. 6), like budget:2/3 "
    "(repeatable; replaces the list).",
)
@click.option("--source", default=None, help="Where it says so (the förbundsordning's §).")
@forbund_option
@pass_store
def forbund_charter(
    store: Store,
    on: date,
    notice_boards: NoticeBoards | None,
    term_years: int | None,
    majorities: tuple[str, ...],
    source: str | None,
    forbund: str | None,
) -> None:
    """What the charter (förbundsordning) settles: the notice boards the anslag goes on
    (lag 2003:1210 9 § p. 7), a term shorter than four years (12 §) and the matters it
    decides by a qualified majority (9 § p. 6; `paragraph vote --matter` is judged by it).

    \b
    Example:
      finsam forbund charter --on 2024-01-01 --notice-boards own \
        --qualified-majority budget:2/3 --source "förbundsordningen 14 §"
    """
    store.run(
        c.SetCharter(
            forbund=forbund,
            on=on,
            notice_boards=notice_boards,
            term_years=term_years,
            source=source,
            qualified_majorities=tuple(qualified(m) for m in majorities) if majorities else None,
        ),
        f"charter set from {on}",
    )


def qualified(value: str) -> QualifiedMajority:
    """--qualified-majority MATTER:P/Q, like budget:2/3."""
    matter, _, share = value.rpartition(":")
    if not matter.strip() or not share.strip():
        raise InvalidInput(
            f"--qualified-majority '{value}' has the wrong form (write it like budget:2/3)"
        )
    return QualifiedMajority(matter=matter.strip(), share=share.strip())


@click.command("thresholds")
@click.option("--on", type=DATE, required=True, help="The date the thresholds apply from.")
@click.option(
    "--balanskrav",
    type=LiteralChoice(BalanskravForm),
    default=None,
    help="balanced: income may equal costs; surplus: income must exceed them (KL 11:5).",
)
@click.option("--balanskrav-source", default=None, help="Where the balanskrav form comes from.")
@click.option("--equity-limit", default=None, metavar="SHARE", help="Like 20% of the basis.")
@click.option(
    "--equity-basis",
    type=LiteralChoice(EquityBasis),
    default=None,
    help="What the equity limit is a share of (the year's allocation).",
)
@click.option("--source", "equity_source", default=None, help="Where the equity limit comes from.")
@forbund_option
@pass_store
def forbund_thresholds(
    store: Store,
    on: date,
    balanskrav: BalanskravForm | None,
    balanskrav_source: str | None,
    equity_limit: str | None,
    equity_basis: EquityBasis | None,
    equity_source: str | None,
    forbund: str | None,
) -> None:
    """Set the förbund's thresholds, each with its source; `forbund show` shows them.

    \b
    Example:
      finsam forbund thresholds --on 2025-01-01 --equity-limit 15% \
        --source "Nationella rådet 2024, steg för 3-5 MSEK" --balanskrav surplus \
        --balanskrav-source "förbundsordningen 12 §"
    """
    store.run(
        c.SetThresholds(
            forbund=forbund,
            on=on,
            balanskrav=balanskrav,
            balanskrav_source=balanskrav_source,
            equity_limit=equity_limit,
            equity_basis=equity_basis,
            equity_source=equity_source,
        ),
        f"thresholds set from {on}",
    )


CHARTER_COMMANDS = (
    forbund_orgnr,
    forbund_seats,
    forbund_charter,
    forbund_thresholds,
)
