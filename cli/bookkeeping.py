"""Bookkeeping acts outside a decision: opening equity, the members' allocation,
bookings, payments to an insats's owner, and settling a year.
"""

from __future__ import annotations

from datetime import date

import click

from cli import parsers
from cli.context import Store, pass_store
from cli.options import AMOUNT, DATE, YEAR, LiteralChoice, forbund_option
from cli.output import kr
from cli.sitting import Sitting, decide
from commands import structs as c
from finsam_es.fiscal_year import BookingKind, TransferAccount


@click.command("opening-equity")
@click.option(
    "--year-end", type=DATE, required=True, help="The year end the store's history starts from."
)
@click.option(
    "--equity", type=AMOUNT, required=True, help="Equity (eget kapital) on that date, in kronor."
)
@forbund_option
@pass_store
def opening_equity(store: Store, year_end: date, equity: int, forbund: str | None) -> None:
    """Set the opening equity at the year end where the store's history starts.

    \b
    Example:
      finsam opening-equity --year-end 2023-12-31 --equity 584026
    """
    store.run(
        c.SetOpeningEquity(forbund=forbund, year_end=year_end, equity=c.Amount(equity)),
        f"opening equity {kr(equity)} on {year_end}",
    )


@click.group("allocation")
def allocation() -> None:
    """The members' allocation (medelstilldelning) of a year.

    \b
    Example:
      finsam allocation set --year 2024 --total 2832000
    """


@allocation.command("set")
@click.option("--year", type=YEAR, required=True)
@click.option("--total", type=AMOUNT, default=None, help="Total, split by the members' shares.")
@click.option(
    "--member", "members", multiple=True, metavar="ID:AMOUNT", help="One member's part (repeat)."
)
@click.option(
    "--months", default="1-12", show_default=True, help="The months it covers, like 1-12 or 7-12."
)
@click.option(
    "--on", type=DATE, default=None, help="Date of the members' decision (default 1 January)."
)
@forbund_option
@pass_store
def allocation_set(
    store: Store,
    year: int,
    total: int | None,
    members: tuple[str, ...],
    months: str,
    on: date | None,
    forbund: str | None,
) -> None:
    """Set a year's allocation; it is income of the months it covers, spread evenly.

    \b
    Examples:
      finsam allocation set --year 2024 --total 2832000
      finsam allocation set --year 2024 --member fk:708000 --member af:708000 \\
        --member rvn:708000 --member solleftea:708000
    """
    first, last = parsers.months(months)
    specs = tuple(parsers.member_amount(m) for m in members)
    store.run(
        c.SetAllocation(
            forbund=forbund,
            year=year,
            total=None if total is None else c.Amount(total),
            members=specs,
            first_month=first,
            last_month=last,
            on=on,
        ),
        f"allocation {year} set",
    )


@click.command("book")
@click.argument("kind", type=LiteralChoice(BookingKind, dashes=True))
@click.argument("line")
@click.argument("amount", type=AMOUNT)
@click.option("--on", type=DATE, required=True, help="Booking date.")
@click.option("--text", default="", help="What it is (verifikationstext).")
@forbund_option
@pass_store
def book_cmd(
    store: Store,
    kind: BookingKind,
    line: str,
    amount: int,
    on: date,
    text: str,
    forbund: str | None,
) -> None:
    """Book a cost or income on a budget line, or an allocation payment received.

    \b
    Examples:
      finsam book cost kansli "160 000" --on 2024-03-31 --text "Förbundschef Q1"
      finsam book income ranteintakter 55534 --on 2024-12-31
      finsam book allocation-payment driftbidrag 1416000 --on 2024-01-31
    """
    store.run(
        c.Book(
            forbund=forbund,
            kind=kind,
            line=line,
            amount=c.Amount(amount),
            on=on,
            text=text,
        ),
        # the kind as the command line writes it (allocation-payment)
        f"{kind.replace('_', '-')} {kr(amount)} booked on {line} ({on})",
    )


BEYOND_GRANT = "YEAR:N, the paragraph that decided money beyond the grant (like 2024:41)."


@click.command("pay")
@click.argument("insats")
@click.argument("amount", type=AMOUNT)
@click.option("--on", type=DATE, required=True, help="Payment date.")
@click.option("--text", default="")
@click.option("--beyond-grant", default=None, help=BEYOND_GRANT)
@forbund_option
@pass_store
def pay(
    store: Store,
    insats: str,
    amount: int,
    on: date,
    text: str,
    beyond_grant: str | None,
    forbund: str | None,
) -> None:
    """Pay an insats's owner; clears accrued costs, does not change the result. What is
    paid stays within the grant unless a paragraph decided more (--beyond-grant).

    \b
    Examples:
      finsam pay samcoach 193750 --on 2024-04-15
      finsam pay samcoach 50000 --on 2024-12-20 --beyond-grant 2024:41
    """
    cmd = c.PayOwner(
        forbund=forbund,
        insats=insats,
        amount=c.Amount(amount),
        on=on,
        text=text,
        beyond_grant=beyond_grant,
    )
    store.run(cmd, f"{kr(amount)} paid to {insats} on {on}")


@click.command("settle")
@click.argument("insats")
@click.option("--year", type=YEAR, required=True)
@click.option("--used", type=AMOUNT, required=True, help="Förbrukade medel that year.")
@click.option(
    "--on",
    type=DATE,
    default=None,
    help="Settlement date (default: the meeting's with --meeting, else the year's last day).",
)
@click.option(
    "--meeting", type=DATE, default=None, help="Record it as a decision at this meeting instead."
)
@click.option("--decision", "decisions", multiple=True, help="With --meeting: the decision.")
@click.option("--dissent", multiple=True, help="With --meeting: a reservation (repeat).")
@click.option("--conflict", multiple=True, help="With --meeting: who had jäv (repeat).")
@click.option("--send-to", multiple=True, help="With --meeting: expediering (repeat).")
@click.option(
    "--beyond-grant",
    default=None,
    help="More used than granted, as decided: YEAR:N names the paragraph; with --meeting, "
    "write 'yes' (this paragraph decides it).",
)
@forbund_option
@pass_store
def settle(
    store: Store,
    insats: str,
    year: int,
    used: int,
    on: date | None,
    meeting: date | None,
    decisions: tuple[str, ...],
    dissent: tuple[str, ...],
    conflict: tuple[str, ...],
    send_to: tuple[str, ...],
    beyond_grant: str | None,
    forbund: str | None,
) -> None:
    """Settle a year with what the insats actually used. While the year is open the
    difference is booked on its last day, whenever it is decided (LKBR 4:4); once the
    year's annual report is adopted, on the settlement's date, as a correction.

    \b
    Examples:
      finsam settle bip --year 2024 --used 0 --on 2024-12-31
      finsam settle sfi --year 2024 --used 950000 --meeting 2025-02-13
      finsam settle sfi --year 2024 --used 990000 --meeting 2025-02-13 --beyond-grant yes
    """
    day = on or date(year, 12, 31)
    if meeting is None and (decisions or dissent or conflict or send_to):
        raise click.UsageError("--decision, --dissent, --conflict and --send-to need --meeting")
    if meeting is not None:
        if beyond_grant not in (None, "yes"):
            raise click.UsageError("with --meeting, --beyond-grant is 'yes' (this paragraph)")
        effect = c.SettleYear(
            insats=insats, year=year, used=c.Amount(used), on=on, beyond_grant=bool(beyond_grant)
        )
        sitting = Sitting(meeting, None, None, "", forbund, decisions, dissent, conflict, send_to)
        decide(store, effect, sitting)
        return
    store.run(
        c.SettleWithoutDecision(
            forbund=forbund,
            insats=insats,
            year=year,
            used=c.Amount(used),
            on=day,
            beyond_grant=beyond_grant,
        ),
        f"{insats} {year} settled: {kr(used)} used",
    )


@click.command("transfer")
@click.argument("debit", type=LiteralChoice(TransferAccount), metavar="DEBIT")
@click.argument("credit", type=LiteralChoice(TransferAccount), metavar="CREDIT")
@click.argument("amount", type=AMOUNT)
@click.option("--on", type=DATE, required=True, help="Booking date.")
@click.option("--line", default="", help="The budget line, when one side is cost or income.")
@click.option("--text", default="", help="What it is (verifikationstext).")
@forbund_option
@pass_store
def transfer(
    store: Store,
    debit: TransferAccount,
    credit: TransferAccount,
    amount: int,
    on: date,
    line: str,
    text: str,
    forbund: str | None,
) -> None:
    """Book on a balance account: other receivables, prepaid costs, prepaid income,
    other liabilities (debit first, then credit).

    
    Examples:
      finsam transfer prepaid_costs bank 12000 --on 2024-12-15 --text "Kurs jan 2025"
      finsam transfer cost other_liabilities 9600 --line styrelsen --on 2024-12-31
      finsam transfer other_receivables bank 17730 --on 2024-12-31 --text "Fordran moms"
    """
    store.run(
        c.BookTransfer(
            forbund=forbund,
            debit=debit,
            credit=credit,
            amount=c.Amount(amount),
            on=on,
            line=line,
            text=text,
        ),
        f"{kr(amount)} booked {debit} / {credit} ({on})",
    )


@click.command("interim-use")
@click.argument("insats")
@click.option("--year", type=YEAR, required=True)
@click.option("--used", type=AMOUNT, required=True, help="Förbrukade medel so far that year.")
@click.option("--on", type=DATE, required=True, help="The day the use is reported up to.")
@forbund_option
@pass_store
def interim_use(
    store: Store, insats: str, year: int, used: int, on: date, forbund: str | None
) -> None:
    """Report what an insats has used so far in a year (delredovisning); the year's
    settlement then settles the rest.

    
    Example:
      finsam interim-use samcoach --year 2024 --used 350000 --on 2024-06-30
    """
    store.run(
        c.ReportInterimUse(forbund=forbund, insats=insats, year=year, used=c.Amount(used), on=on),
        f"{insats} {year}: {kr(used)} used by {on}",
    )


COMMANDS = (
    opening_equity,
    allocation,
    book_cmd,
    transfer,
    pay,
    interim_use,
    settle,
)
