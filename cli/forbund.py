"""The förbund and its board: create, show and list förbund; the board on a date,
appointing and ending seats.
"""

from __future__ import annotations

from datetime import date, datetime

import click

from cli import parsers
from cli.context import Store, pass_store
from cli.options import DATE, LiteralChoice, forbund_option, format_option, known_at_option
from cli.output import console, print_json, table
from commands import structs as c
from finsam_es.forbund import BalanskravForm, EquityBasis, QuorumRule, Role
from projections.board import seat_label


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
    help="A member (huvudman); KIND is state, region or municipality; SHARE like 25% or 12.5%.",
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
@click.option("--on", type=DATE, default=None, help="Date the förbund was formed (default today).")
@pass_store
def forbund_create(
    store: Store,
    forbund_id: str,
    name: str,
    members: tuple[str, ...],
    quorum: QuorumRule,
    seats: tuple[str, ...],
    on: date | None,
) -> None:
    """Create a förbund with its members and their shares.

    The shares must follow the law (lag 2003:1210 5 §): the state members (FK and AF)
    hold 50 % together, the region 25 % and the municipalities the remaining 25 %;
    where no region is a member, the municipalities hold the other 50 % (5 a §).

    \b
    Example:
      finsam forbund create solleftea --name "Samordningsförbundet Sollefteå" \\
        --member fk:state:25% --member af:state:25% \\
        --member rvn:region:25% --member solleftea:municipality:25% --seats solleftea:2
    """
    specs = parsers.with_seats(tuple(parsers.member(m) for m in members), seats)
    store.run(
        c.CreateForbund(id=forbund_id, name=name, members=specs, quorum=quorum, on=on),
        f"förbund {forbund_id} created",
    )


@forbund.command("seats")
@click.argument("member")
@click.argument("seats", type=int)
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


@forbund.command("thresholds")
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


@forbund.command("show")
@forbund_option
@format_option()
@pass_store
def forbund_show(store: Store, forbund: str | None, fmt: str) -> None:
    """Show a förbund's members and shares.

    \b
    Example:
      finsam forbund show --format json
    """
    f = store.reader.forbund_info(forbund)
    if fmt == "json":
        print_json(f)
        return
    console().print(
        table(
            f"{f.name} ({f.id})",
            ["Medlem", "Namn", "Slag", "Andel", "Ledamöter", "Ersättare"],
            [(m.id, m.name, m.kind, m.share_text, m.ledamoter, m.ersattare) for m in f.members],
            right=["Andel", "Ledamöter", "Ersättare"],
        )
    )
    t = f.thresholds
    click.echo(f"Beslutförhet: {f.quorum} (lagen: mer än hälften av ledamöterna, KL 6:27)")
    click.echo(f"Balanskrav: {t.balanskrav} ({t.balanskrav_source})")
    click.echo(
        f"Gräns för eget kapital: {t.equity_limit / 10_000:g} % av {t.equity_basis} "
        f"({t.equity_source})"
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
    ids = store.reader.forbund_ids()
    if fmt == "json":
        print_json({"forbund": ids})
    else:
        for i in ids:
            click.echo(i)


@click.group(invoke_without_command=True)
@click.option(
    "--as-of", type=DATE, default=None, help="The date to show the board on (default today)."
)
@known_at_option
@forbund_option
@format_option()
@click.pass_context
def board(
    ctx: click.Context,
    as_of: date | None,
    known_at: datetime | None,
    forbund: str | None,
    fmt: str,
) -> None:
    """The board (styrelse) on a date; appoint and end seats.

    \b
    Examples:
      finsam board --as-of 2024-03-01
      finsam board --as-of 2024-03-01 --known-at position:40
      finsam board appoint "Gudrun Sjödin" --member rvn --role ledamot --from 2024-06-01
    """
    if ctx.invoked_subcommand is not None:
        return
    store: Store = ctx.obj
    day = as_of or date.today()
    report = store.reader.known(known_at).board(forbund, day)
    if fmt == "json":
        print_json(report)
        return
    rows = [
        (
            s.name,
            seat_label(s.role, s.chair, s.vice_chair),
            s.member_name,
            s.start,
            s.end or "",
        )
        for s in report.seats
    ]
    console().print(table(f"Styrelsen {day}", ["Namn", "Roll", "Utsedd av", "Från", "Till"], rows))
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


@board.command("appoint")
@click.argument("name")
@click.option("--member", required=True, metavar="ID", help="The member (huvudman) that appoints.")
@click.option("--role", type=LiteralChoice(Role), required=True)
@click.option("--chair", is_flag=True, help="Ordförande.")
@click.option("--vice-chair", is_flag=True, help="Vice ordförande.")
@click.option("--from", "start", type=DATE, required=True, help="First day of the seat.")
@click.option("--to", "end", type=DATE, default=None, help="Last day of the seat.")
@forbund_option
@pass_store
def board_appoint(
    store: Store,
    name: str,
    member: str,
    role: Role,
    chair: bool,
    vice_chair: bool,
    start: date,
    end: date | None,
    forbund: str | None,
) -> None:
    """Appoint a board member (ledamot) or substitute (ersättare).

    A member holds as many seats of each kind as the charter gives it (--seats on
    `forbund create`, default one; lag 2003:1210 10 §). The chair and the one or two
    vice chairs are chosen among the ledamöter (17 §).

    \b
    Example:
      finsam board appoint "Birgitta Häggkvist" --member solleftea --role ledamot \\
        --chair --from 2023-04-01
    """
    store.run(
        c.AppointBoardMember(
            forbund=forbund,
            name=name,
            member=member,
            role=role,
            start=start,
            end=end,
            chair=chair,
            vice_chair=vice_chair,
        ),
        f"{name} appointed {role} for {member} from {start}",
    )


@board.command("leave")
@click.argument("name")
@click.option("--on", type=DATE, required=True, help="Last day on the board.")
@forbund_option
@pass_store
def board_leave(store: Store, name: str, on: date, forbund: str | None) -> None:
    """End a board member's seat.

    \b
    Example:
      finsam board leave "Mikael Sjölund" --on 2024-05-31
    """
    store.run(
        c.LeaveBoard(forbund=forbund, name=name, on=on), f"{name} leaves the board after {on}"
    )


COMMANDS = (
    forbund,
    board,
)
