"""The förbund: create, show and list förbund; members joining and leaving; the
charter's seats and thresholds. The board is in cli/board.py.
"""

from __future__ import annotations

from datetime import date

import click
import msgspec

from cli import parsers
from cli.charter import CHARTER_COMMANDS
from cli.context import Store, pass_store
from cli.options import DATE, NUMBER, LiteralChoice, forbund_option, format_option
from cli.output import console, echo_text, print_json, table
from commands import structs as c
from finsam_es.charter import BOARDS_SV
from finsam_es.errors import InvalidInput
from finsam_es.quorum import QuorumRule


@click.group()
def forbund() -> None:
    """Create and show förbund (samordningsförbund) and their members.

    \b
    Example:
      finsam forbund create ht --name "Samordningsförbundet Härnösand Timrå" \\
        --member fk:state:25% --member af:state:25% --member rvn:region:25% \\
        --member harnosand:municipality:12.5% --member timra:municipality:12.5%
    """


@forbund.command("create")
@click.argument("forbund_id", metavar="ID")
@click.option("--name", required=True, help="The förbund's name.")
@click.option(
    "--member",
    "members",
    multiple=True,
    required=True,
    metavar="ID:KIND:SHARE[:NAME]",
    help="A member (huvudman); KIND is state, region or municipality; SHARE like 25%, "
    "4.16667%, 1/24 or 250000kr (kronor divide the kind's share in proportion).",
)
@click.option(
    "--quorum",
    type=LiteralChoice(QuorumRule),
    default="more_than_half",
    show_default=True,
    help="When the board may decide: the law asks more than half of the ledamöter "
    "(KL 6:27); a charter may ask more (two_thirds), never less.",
)
@click.option(
    "--seats",
    "seats",
    multiple=True,
    metavar="ID:N",
    help="A member the charter gives N ledamöter and N ersättare (default 1; lag 2003:1210 10 §).",
)
@click.option(
    "--formed",
    "--on",
    "on",
    type=DATE,
    default=None,
    help="Date the förbund was formed (default today).",
)
@click.option(
    "--orgnr",
    default="",
    metavar="NNNNNN-NNNN",
    help="The förbund's organisation number (checked by its last digit); shown on "
    "reports and written to SIE as #ORGNR.",
)
@pass_store
def forbund_create(
    store: Store,
    forbund_id: str,
    name: str,
    members: tuple[str, ...],
    quorum: QuorumRule,
    seats: tuple[str, ...],
    on: date | None,
    orgnr: str,
) -> None:
    """Create a förbund with its members and their shares.

    The shares must follow the law exactly (lag 2003:1210 5 §): the state members (FK
    and AF) hold 50 % together, the region 25 % and the municipalities the remaining
    25 %; where no region is a member, the municipalities hold the other 50 % (5 a §).
    Shares are held exactly: six municipalities sharing 25 % equally hold 1/24 each.
    Shares in kronor (yearly contributions) divide their kind's share in proportion to
    the amounts; every member of that kind is then written in kronor.

    \b
    Example:
      finsam forbund create solleftea --name "Samordningsförbundet Sollefteå" \\
        --member fk:state:25% --member af:state:25% \\
        --member rvn:region:25% --member solleftea:municipality:25% --seats solleftea:2 \\
        --formed 2005-11-30
    """
    specs = parsers.with_seats(tuple(parsers.member(m) for m in members), seats)
    store.run(
        c.CreateForbund(id=forbund_id, name=name, members=specs, quorum=quorum, on=on, orgnr=orgnr),
        f"förbund {forbund_id} created",
    )


@forbund.command("show")
@click.option(
    "--as-of",
    type=DATE,
    default=None,
    help="The members and their exact shares in force on this date.",
)
@forbund_option
@format_option()
@pass_store
def forbund_show(store: Store, as_of: date | None, forbund: str | None, fmt: str) -> None:
    """Show a förbund's members and shares.

    Without --as-of: the members now, "share" in per cent as finsam always answered
    it. With --as-of: the members in force that day, "share" exact ("1/24") and
    "share_percent" (4.1667), the formation date and every change of members.

    \b
    Example:
      finsam forbund show --as-of 2025-06-30 --format json
    """
    at = store.reader.at(as_of)
    f = at.forbund_info(forbund)
    on_day = None if as_of is None else at.forbund_on(forbund)
    if fmt == "json":
        print_json(f if on_day is None else on_day)
        return
    members = f.members if on_day is None else on_day.members
    org = f", org.nr {f.orgnr}" if f.orgnr else ""
    title = f"{f.name} ({f.id}{org}), bildat {f.formed}"
    console().print(
        table(
            title if as_of is None else f"{title}, medlemmar {as_of}",
            ["Medlem", "Namn", "Slag", "Andel", "Ledamöter", "Ersättare"],
            [(m.id, m.name, m.kind, m.share_text, m.ledamoter, m.ersattare) for m in members],
            right=["Andel", "Ledamöter", "Ersättare"],
        )
    )
    for change in () if on_day is None else on_day.changes:
        what = (
            f"{change.joined} går in"
            if change.joined
            else f"{change.left} går ur"
            if change.left
            else "nya andelar"
        )
        echo_text(f"Från {change.date}: {what} ({change.decision})")
    t = f.thresholds
    echo_text(f"Beslutförhet: {f.quorum} (lagen: mer än hälften av ledamöterna, KL 6:27)")
    echo_text(f"Balanskrav: {t.balanskrav} ({t.balanskrav_source})")
    echo_text(
        f"Gräns för eget kapital: {t.equity_limit / 10_000:g} % av {t.equity_basis} "
        f"({t.equity_source})"
    )
    ch = f.charter if on_day is None else on_day.charter
    click.echo(
        f"Anslagstavla: {BOARDS_SV[ch.notice_boards]} (9 § p. 7); mandattid {ch.term_years} år "
        f"från 1 april efter valåret (12 §) ({ch.source})"
    )


def restated(shares: tuple[str, ...]) -> tuple[c.MemberShareSpec, ...]:
    out = []
    for value in shares:
        member, _, share = value.partition(":")
        if not member.strip() or not share.strip():
            raise InvalidInput(
                f"--share '{value}' has the wrong form (write it like kramfors:1/24)"
            )
        out.append(c.MemberShareSpec(member=member.strip(), share=share.strip()))
    return tuple(out)


SHARE_HELP = (
    "A member's share from that day, like kramfors:1/24 (repeat; members not named keep "
    "theirs). The shares must again follow the law's split exactly."
)


@forbund.command("join")
@click.argument("member", metavar="ID:KIND:SHARE[:NAME]")
@click.option("--on", type=DATE, required=True, help="The first day as a member.")
@click.option("--decision", required=True, help="The decision (the changed förbundsordning).")
@click.option("--share", "shares", multiple=True, metavar="ID:SHARE", help=SHARE_HELP)
@click.option("--seats", type=NUMBER, default=1, show_default=True, help="Its ledamöter (10 §).")
@forbund_option
@pass_store
def forbund_join(
    store: Store,
    member: str,
    on: date,
    decision: str,
    shares: tuple[str, ...],
    seats: int,
    forbund: str | None,
) -> None:
    """A member joins the förbund from a date, by decision; every share from that day.

    \b
    Example:
      finsam forbund join "kramfors:municipality:1/12:Kramfors kommun" --on 2026-01-01 \\
        --decision "förbundsordning 2026-01-01" --share solleftea:1/12 \\
        --share harnosand:1/12
    """
    spec = msgspec.structs.replace(parsers.member(member), ledamoter=seats, ersattare=seats)
    store.run(
        c.JoinForbund(
            forbund=forbund, member=spec, on=on, decision=decision, shares=restated(shares)
        ),
        f"{spec.id} is a member from {on}",
    )


@forbund.command("shares")
@click.option("--on", type=DATE, required=True, help="The first day of the new shares.")
@click.option("--decision", required=True, help="The decision (the changed förbundsordning).")
@click.option(
    "--share", "shares", multiple=True, required=True, metavar="ID:SHARE", help=SHARE_HELP
)
@forbund_option
@pass_store
def forbund_shares(
    store: Store, on: date, decision: str, shares: tuple[str, ...], forbund: str | None
) -> None:
    """The members' shares change from a date, by decision (by population, say).

    \b
    Example:
      finsam forbund shares --on 2026-01-01 --decision "förbundsordning 2026" \\
        --share k1:1/12 --share k2:1/16 --share k3:1/24 --share k4:1/30 \\
        --share k5:1/48 --share k6:1/120
    """
    store.run(
        c.ChangeShares(forbund=forbund, on=on, decision=decision, shares=restated(shares)),
        f"new shares from {on}",
    )


@forbund.command("leave")
@click.argument("member", metavar="ID")
@click.option("--on", type=DATE, required=True, help="The last day as a member.")
@click.option("--decision", required=True, help="The decision (the changed förbundsordning).")
@click.option("--share", "shares", multiple=True, metavar="ID:SHARE", help=SHARE_HELP)
@forbund_option
@pass_store
def forbund_leave(
    store: Store,
    member: str,
    on: date,
    decision: str,
    shares: tuple[str, ...],
    forbund: str | None,
) -> None:
    """A member leaves the förbund after a date, by decision; the shares from the day after.

    \b
    Example:
      finsam forbund leave kramfors --on 2026-12-31 --decision "förbundsordning 2027-01-01" \\
        --share solleftea:1/8 --share harnosand:1/8
    """
    store.run(
        c.LeaveForbund(
            forbund=forbund, member=member, on=on, decision=decision, shares=restated(shares)
        ),
        f"{member} is a member to {on}",
    )


@forbund.command("list")
@format_option()
@pass_store
def forbund_list(store: Store, fmt: str) -> None:
    """List the förbund in the store.

    \b
    Example:
      finsam forbund list
    """
    ids = store.reader.at().forbund_ids()
    if fmt == "json":
        print_json({"forbund": ids})
    else:
        for i in ids:
            echo_text(i)


for _command in CHARTER_COMMANDS:  # orgnr, seats, charter, thresholds: cli/charter.py
    forbund.add_command(_command)

COMMANDS = (forbund,)
