"""The board (styrelse) on a date: seats appointed and ended, chair and vice chairs
elected for terms of their own, seats that rotate between members."""

from __future__ import annotations

from datetime import date, datetime

import click

from cli.context import Store, pass_store
from cli.options import DATE, NUMBER, LiteralChoice, forbund_option, format_option, known_at_option
from cli.output import console, echo_text, print_json, table
from commands import structs as c
from finsam_es.membership import Role
from finsam_es.roles import RoleName
from projections.board import seat_label

ROLE_LABEL = {"chair": "ordförande", "vice-chair": "vice ordförande"}


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
    report = store.reader.at(day, known_at).governance.board(forbund)
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
    if report.roles:
        console().print(
            table(
                f"Uppdrag {day}",
                ["Namn", "Uppdrag", "Från", "Till", "Beslut"],
                [
                    (r.name, ROLE_LABEL[r.role], r.start, r.end or "", r.paragraph or "")
                    for r in report.roles
                ],
            )
        )
    for turn in report.rotating:
        echo_text(f"Roterande plats {turn.seat}: {turn.member} ({turn.start} – {turn.end or ''})")
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


@board.command("elect")
@click.argument("name")
@click.option("--role", type=LiteralChoice(RoleName), required=True, help="chair or vice-chair.")
@click.option("--from", "start", type=DATE, required=True, help="First day of the term.")
@click.option("--to", "end", type=DATE, default=None, help="Last day of the term.")
@click.option("--paragraph", default=None, metavar="YEAR:N", help="The decision, like 2025:3.")
@forbund_option
@pass_store
def board_elect(
    store: Store,
    name: str,
    role: RoleName,
    start: date,
    end: date | None,
    paragraph: str | None,
    forbund: str | None,
) -> None:
    """Elect a ledamot chair or vice chair for a term of its own, independent of the seat
    (lag 2003:1210 17 §: one chair, one or two vice chairs, chosen among the ledamöter).

    \b
    Example:
      finsam board elect "Birgitta Häggkvist" --role chair --from 2025-01-01 \\
        --to 2025-12-31 --paragraph 2025:1
    """
    store.run(
        c.ElectRole(
            forbund=forbund, name=name, role=role, start=start, end=end, paragraph=paragraph
        ),
        f"{name} elected {ROLE_LABEL[role]} from {start}" + (f" to {end}" if end else ""),
    )


@board.command("end-role")
@click.argument("name")
@click.option("--role", type=LiteralChoice(RoleName), required=True, help="chair or vice-chair.")
@click.option("--on", type=DATE, required=True, help="Last day in the role (the seat goes on).")
@forbund_option
@pass_store
def board_end_role(store: Store, name: str, role: RoleName, on: date, forbund: str | None) -> None:
    """End a chair's or vice chair's term; the seat goes on.

    \b
    Example:
      finsam board end-role "Birgitta Häggkvist" --role chair --on 2025-06-30
    """
    store.run(
        c.EndRole(forbund=forbund, name=name, role=role, on=on),
        f"{name} is {ROLE_LABEL[role]} to {on}",
    )


@board.command("rotation")
@click.argument("seat")
@click.option(
    "--member",
    "members",
    multiple=True,
    required=True,
    metavar="ID",
    help="A member holding the seat in turn; repeat in the charter's order.",
)
@click.option("--from", "start", type=DATE, required=True, help="First day of the first turn.")
@click.option("--months", type=NUMBER, default=12, show_default=True, help="Length of a turn.")
@click.option("--to", "end", type=DATE, default=None, help="Last day of the rotation.")
@click.option("--paragraph", default=None, metavar="YEAR:N", help="The decision, like 2025:3.")
@forbund_option
@pass_store
def board_rotation(
    store: Store,
    seat: str,
    members: tuple[str, ...],
    start: date,
    months: int,
    end: date | None,
    paragraph: str | None,
    forbund: str | None,
) -> None:
    """A seat the charter lets named members hold in turn, in order, each for --months;
    `board --as-of` shows whose turn it is.

    \b
    Example:
      finsam board rotation kommunplatsen --member kramfors --member solleftea \\
        --member harnosand --from 2025-01-01 --months 12
    """
    store.run(
        c.SetRotation(
            forbund=forbund,
            name=seat,
            members=members,
            start=start,
            months=months,
            end=end,
            paragraph=paragraph,
        ),
        f"{seat} rotates between {', '.join(members)} from {start}, {months} months each",
    )


COMMANDS = (board,)
