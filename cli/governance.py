"""Governance commands: förbund, board, meetings, paragraphs, minutes, log, import."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.progress import Progress

from cli.main import Store, cli
from cli.output import (
    DATE,
    console,
    done,
    err_console,
    forbund_option,
    format_option,
    print_json,
    table,
    warn,
)
from commands import structs as c
from commands.journal import import_journal, schema
from commands.loading import minutes_book, resolve_forbund
from finsam_es.application import UnitOfWork
from finsam_es.errors import InvalidInput, NotFound
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.registry import Registry
from finsam_es.values import format_share, parse_paragraph_ref
from projections import governance as g

pass_store = click.make_pass_decorator(Store)
WIDTH = 92  # protocol text is wrapped like a printed page
FINSAM_LAW = 2004  # SFS 2003:1210 took effect on 1 January 2004: no förbund is older


def minutes_books(uow: UnitOfWork, f: Forbund, until_year: int) -> list[MinutesBook]:
    """The förbund's minutes books up to a year (none can be older than the law)."""
    found = (
        uow.get(MinutesBook, MinutesBook.id_for(f.forbund, y))
        for y in range(FINSAM_LAW, until_year + 1)
    )
    return [b for b in found if b is not None]


def _split(value: str, parts: int, option: str, example: str) -> list[str]:
    items = [p.strip() for p in value.split(":", parts - 1)]
    if len(items) < parts:
        raise InvalidInput(f"{option} '{value}' has the wrong form (write it like {example})")
    return items


# -- förbund --------------------------------------------------------------------------


@cli.group()
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
    type=click.Choice(["at_least_half", "more_than_half"]),
    default="at_least_half",
    show_default=True,
    help="When the board may decide, as the charter says.",
)
@click.option("--on", type=DATE, default=None, help="Date the förbund was formed (default today).")
@pass_store
def forbund_create(
    store: Store, forbund_id: str, name: str, members: tuple[str, ...], quorum: str, on: date | None
) -> None:
    """Create a förbund with its members and their shares.

    The shares must follow the law: the state members (FK and AF) hold 50 % together,
    the region 25 % and the municipalities the remaining 25 %.

    \b
    Example:
      finsam forbund create solleftea --name "Samordningsförbundet Sollefteå" \\
        --member fk:state:25% --member af:state:25% \\
        --member rvn:region:25% --member solleftea:municipality:25%
    """
    specs = []
    for m in members:
        parts = _split(m, 3, "--member", "fk:state:25%")
        rest = parts[2].split(":", 1)
        specs.append(
            c.MemberSpec(
                id=parts[0],
                kind=_kind(parts[1]),
                share=rest[0],
                name=rest[1] if len(rest) > 1 else "",
            )
        )
    store.run(
        c.CreateForbund(id=forbund_id, name=name, members=tuple(specs), quorum=quorum, on=on),  # type: ignore[arg-type]
        f"förbund {forbund_id} created",
    )


def _kind(text: str) -> Any:
    if text not in ("state", "region", "municipality"):
        raise InvalidInput(f"member kind '{text}' is not state, region or municipality")
    return text


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
    f = resolve_forbund(UnitOfWork(store.app), forbund)
    data = {
        "id": f.forbund,
        "name": f.name,
        "quorum": f.quorum,
        "members": [
            {"id": m.id, "name": m.name, "kind": m.kind, "share": m.share / 10_000}
            for m in f.members
        ],
        "opening_equity": None
        if f.opening is None
        else {"date": f.opening[0], "equity": f.opening[1]},
    }
    if fmt == "json":
        print_json(data)
        return
    console().print(
        table(
            f"{f.name} ({f.forbund})",
            ["Medlem", "Namn", "Slag", "Andel"],
            [(m.id, m.name, m.kind, format_share(m.share)) for m in f.members],
            right=["Andel"],
        )
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
    reg = store.app.get_or_none(Registry.ID)
    ids = list(reg.ids) if reg else []
    if fmt == "json":
        print_json({"forbund": ids})
    else:
        for i in ids:
            click.echo(i)


# -- board ----------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.option(
    "--as-of", type=DATE, default=None, help="The date to show the board on (default today)."
)
@forbund_option
@format_option()
@click.pass_context
def board(ctx: click.Context, as_of: date | None, forbund: str | None, fmt: str) -> None:
    """The board (styrelse) on a date; appoint and end seats.

    \b
    Examples:
      finsam board --as-of 2024-03-01
      finsam board appoint "Gudrun Sjödin" --member rvn --role ledamot --from 2024-06-01
    """
    if ctx.invoked_subcommand is not None:
        return
    store: Store = ctx.obj
    day = as_of or date.today()
    report = g.board(resolve_forbund(UnitOfWork(store.app), forbund), day)
    if fmt == "json":
        print_json(report)
        return
    rows = [
        (
            s.name,
            g.seat_label(s.role, s.chair, s.vice_chair),
            s.member_name,
            s.start,
            s.end or "",
        )
        for s in report.seats
    ]
    console().print(table(f"Styrelsen {day}", ["Namn", "Roll", "Utsedd av", "Från", "Till"], rows))


@board.command("appoint")
@click.argument("name")
@click.option("--member", required=True, metavar="ID", help="The member (huvudman) that appoints.")
@click.option("--role", type=click.Choice(["ledamot", "ersattare"]), required=True)
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
    role: str,
    chair: bool,
    vice_chair: bool,
    start: date,
    end: date | None,
    forbund: str | None,
) -> None:
    """Appoint a board member (ledamot) or substitute (ersättare).

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
            role=role,  # type: ignore[arg-type]
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


# -- meetings ------------------------------------------------------------------------


@cli.group()
def meeting() -> None:
    """Open, close, adjust (justera) and post (anslå) a board meeting.

    \b
    Example:
      finsam meeting open 2020-08-28 --place Härnösand --present "Lars Kempe"
      finsam meeting adjust 2020-08-28 --on 2020-09-03
      finsam meeting post 2020-08-28 --up 2020-09-04 --down 2020-09-28
    """


@meeting.command("open")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--extra", is_flag=True, help="An extra meeting (extra sammanträde).")
@click.option("--place", default="", help="Plats.")
@click.option("--time", "time_", default="", help="Tid, like 13.00-15.30.")
@click.option("--chair", default="", help="Who chairs the meeting.")
@click.option("--secretary", default="", help="Who keeps the minutes.")
@click.option("--adjuster", "adjusters", multiple=True, help="Justerare (repeat).")
@click.option(
    "--present", multiple=True, help="A board member or substitute present and deciding (repeat)."
)
@forbund_option
@pass_store
def meeting_open(
    store: Store,
    day: date,
    extra: bool,
    place: str,
    time_: str,
    chair: str,
    secretary: str,
    adjusters: tuple[str, ...],
    present: tuple[str, ...],
    forbund: str | None,
) -> None:
    """Open a meeting; warns when fewer than half of the seats are present.

    \b
    Example:
      finsam meeting open 2024-02-15 --place Sollefteå --time 13.00-15.00 \\
        --chair "Birgitta Häggkvist" --secretary "Förbundschefen" \\
        --adjuster "Patrik Lockner" --present "Birgitta Häggkvist" --present "Patrik Lockner"
    """
    store.run(
        c.OpenMeeting(
            forbund=forbund,
            meeting=c.MeetingDetails(
                date=day,
                extra=extra,
                place=place,
                time=time_,
                chair=chair,
                secretary=secretary,
                adjusters=adjusters,
                present=present,
            ),
        ),
        f"meeting {day} opened",
    )


@meeting.command("close")
@click.argument("day", metavar="DATE", type=DATE)
@forbund_option
@pass_store
def meeting_close(store: Store, day: date, forbund: str | None) -> None:
    """Close a meeting (mötets avslutande).

    \b
    Example:
      finsam meeting close 2024-02-15
    """
    store.run(c.CloseMeeting(forbund=forbund, date=day), f"meeting {day} closed")


@meeting.command("adjust")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--on", type=DATE, required=True, help="Date of the adjustment (justering).")
@click.option(
    "--paragraph", type=int, default=None, help="Adjust this § at once (omedelbar justering)."
)
@forbund_option
@pass_store
def meeting_adjust(
    store: Store, day: date, on: date, paragraph: int | None, forbund: str | None
) -> None:
    """Adjust (justera) the minutes: the adjusted paragraphs become final.

    \b
    Examples:
      finsam meeting adjust 2024-02-15 --on 2024-02-20
      finsam meeting adjust 2024-02-15 --on 2024-02-15 --paragraph 7
    """
    what = f"§{paragraph}" if paragraph else f"minutes of {day}"
    store.run(
        c.AdjustMinutes(forbund=forbund, date=day, on=on, paragraph=paragraph),
        f"{what} adjusted on {on}",
    )


@meeting.command("post")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--up", type=DATE, required=True, help="Posted on the notice board (anslag uppsatt).")
@click.option("--down", type=DATE, required=True, help="Taken down (anslag nedtas).")
@forbund_option
@pass_store
def meeting_post(store: Store, day: date, up: date, down: date, forbund: str | None) -> None:
    """Post (anslå) the adjusted minutes; three weeks of appeal run from posting.

    \b
    Example:
      finsam meeting post 2024-02-15 --up 2024-02-21 --down 2024-03-14
    """
    store.run(
        c.PostMinutes(forbund=forbund, date=day, up=up, down=down),
        f"minutes of {day} posted {up}–{down}",
    )


# -- paragraphs ----------------------------------------------------------------------


@cli.group()
def paragraph() -> None:
    """Add, show, amend and renumber paragraphs (§) of the minutes.

    \b
    Example:
      finsam paragraph add 2020-08-28 --title "Delårsredovisning 2020" \\
        --decision "Styrelsen beslutar att fastställa delårsredovisningen"
      finsam paragraph show 2020 33
    """


def _assignments(items: tuple[str, ...], dues: tuple[date, ...]) -> tuple[c.AssignmentSpec, ...]:
    out = []
    for i, item in enumerate(items):
        who, _, what = item.partition(":")
        if not what.strip():
            raise InvalidInput(f"--assign '{item}' has the wrong form (write \"WHO: WHAT\")")
        out.append(
            c.AssignmentSpec(
                who=who.strip(), what=what.strip(), due=dues[i] if i < len(dues) else None
            )
        )
    if len(dues) > len(items):
        raise InvalidInput(
            "--due gives the due date of the --assign before it; there are more --due than --assign"
        )
    return tuple(out)


@paragraph.command("add")
@click.argument("day", metavar="DATE", type=DATE)
@click.option("--title", required=True)
@click.option(
    "--number", type=int, default=None, help="The § number (default: the next free in the year)."
)
@click.option("--text", default="", help="A short account of the matter.")
@click.option(
    "--decision", "decisions", multiple=True, help="'Styrelsen beslutar att ...' (repeat)."
)
@click.option(
    "--assign",
    "assigns",
    multiple=True,
    metavar='"WHO: WHAT"',
    help="An assignment (uppdrag) (repeat).",
)
@click.option(
    "--due", "dues", multiple=True, type=DATE, help="Due date of the assignment before it (repeat)."
)
@click.option(
    "--dissent", multiple=True, help="A member who enters dissent (reservation) (repeat)."
)
@click.option(
    "--conflict", multiple=True, help="A member with a conflict of interest (jäv) (repeat)."
)
@click.option(
    "--deciding", multiple=True, help="Who decided this §, when not all present did (repeat)."
)
@click.option("--corrects", default=None, metavar="YEAR:N", help="The paragraph this one corrects.")
@forbund_option
@pass_store
def paragraph_add(
    store: Store,
    day: date,
    title: str,
    number: int | None,
    text: str,
    decisions: tuple[str, ...],
    assigns: tuple[str, ...],
    dues: tuple[date, ...],
    dissent: tuple[str, ...],
    conflict: tuple[str, ...],
    deciding: tuple[str, ...],
    corrects: str | None,
    forbund: str | None,
) -> None:
    """Add a paragraph to the minutes of the meeting on DATE.

    \b
    Example:
      finsam paragraph add 2024-02-15 --title "Delårsrapport" \\
        --decision "Styrelsen beslutar att fastställa delårsrapporten" \\
        --assign "Förbundschefen: ta fram en plan för 2025" --due 2024-05-15
    """
    if corrects:
        parse_paragraph_ref(corrects)
    cmd = c.AddParagraph(
        forbund=forbund,
        meeting=day,
        title=title,
        number=number,
        text=text,
        decisions=decisions,
        assignments=_assignments(assigns, dues),
        dissent=dissent,
        conflict=conflict,
        deciding=deciding,
        corrects=corrects,
    )
    store.run(cmd, f"paragraph added to the minutes of {day}")


def paragraph_json(store: Store, forbund: str | None, year: int, number: int) -> g.ParagraphView:
    uow = UnitOfWork(store.app)
    f = resolve_forbund(uow, forbund)
    book = minutes_book(uow, f.forbund, year)
    books = minutes_books(uow, f, date.today().year + 1)
    refs = g.corrections(books)
    return g.paragraph_view(book, book.paragraph(number), refs.get(f"{year}:{number}", ()))


@paragraph.command("show")
@click.argument("year", type=int)
@click.argument("number", type=int)
@forbund_option
@format_option("markdown")
@pass_store
def paragraph_show(store: Store, year: int, number: int, forbund: str | None, fmt: str) -> None:
    """Show one paragraph: decisions, dissent, adjustment and posting.

    \b
    Example:
      finsam paragraph show 2024 12 --format json
    """
    view = paragraph_json(store, forbund, year, number)
    if fmt == "json":
        print_json(view)
        return
    lines = _paragraph_lines(view, markdown=fmt == "markdown")
    lines.append("")
    lines.append(
        f"Justerad: {view.adjusted or 'nej'}"
        + (" (omedelbar justering)" if view.immediately_adjusted else "")
    )
    lines.append(f"Anslagen: {view.posted or 'nej'}")
    click.echo("\n".join(lines))


@paragraph.command("amend")
@click.argument("year", type=int)
@click.argument("number", type=int)
@click.option("--title", default=None)
@click.option("--text", default=None)
@click.option("--decision", "decisions", multiple=True, help="Replaces the decisions (repeat).")
@click.option("--on", type=DATE, default=None, help="Date of the change (default today).")
@forbund_option
@pass_store
def paragraph_amend(
    store: Store,
    year: int,
    number: int,
    title: str | None,
    text: str | None,
    decisions: tuple[str, ...],
    on: date | None,
    forbund: str | None,
) -> None:
    """Change a paragraph that is not adjusted yet (refused once adjusted).

    \b
    Example:
      finsam paragraph amend 2024 12 --title "Budget 2025"
    """
    store.run(
        c.AmendParagraph(
            forbund=forbund,
            year=year,
            number=number,
            on=on or date.today(),
            title=title,
            text=text,
            decisions=decisions or None,
        ),
        f"§{number} ({year}) amended",
    )


@paragraph.command("renumber")
@click.argument("year", type=int)
@click.argument("number", type=int)
@click.option(
    "--to", "to", type=int, required=True, help="The new number (never used before in the year)."
)
@click.option("--on", type=DATE, default=None, help="Date of the change (default today).")
@forbund_option
@pass_store
def paragraph_renumber(
    store: Store, year: int, number: int, to: int, on: date | None, forbund: str | None
) -> None:
    """Renumber a paragraph that is not adjusted yet (refused once adjusted).

    \b
    Example:
      finsam paragraph renumber 2024 12 --to 13
    """
    store.run(
        c.RenumberParagraph(
            forbund=forbund, year=year, number=number, to=to, on=on or date.today()
        ),
        f"§{number} ({year}) is now §{to}",
    )


def _paragraph_lines(p: g.ParagraphView, markdown: bool) -> list[str]:
    head = f"### §{p.number} {p.title}" if markdown else f"§{p.number} {p.title}"
    out = [head]
    if p.text:
        out += ["", p.text if markdown else textwrap.fill(p.text, WIDTH)]
    if p.decisions:
        out += ["", "**Beslut**" if markdown else "Beslut"]
        out += [f"- {d}" if markdown else f"  {d}" for d in p.decisions]
    if p.decisions and p.effects:
        out += [f"Ekonomisk effekt: {e}" for e in p.effects]
    if p.assignments:
        for a in p.assignments:
            due = f" (rapport senast {a['due']})" if a["due"] else ""
            state = " [klart]" if a["done"] else ""
            out.append(f"Uppdrag: {a['who']}: {a['what']}{due}{state}")
    if p.dissent:
        out.append("Reservation: " + ", ".join(p.dissent))
    if p.conflict:
        out.append("Jäv (deltar inte): " + ", ".join(p.conflict))
    if p.corrects:
        out.append(f"Rättar §{p.corrects}")
    if p.corrected_by:
        out.append("Rättad genom " + ", ".join(f"§{r}" for r in p.corrected_by))
    if p.immediately_adjusted:
        out.append(f"Paragrafen justerades omedelbart {p.adjusted}")
    return out


# -- queries ------------------------------------------------------------------------


@cli.command("minutes")
@click.argument("day", metavar="DATE", type=DATE)
@forbund_option
@format_option("markdown")
@pass_store
def minutes_cmd(store: Store, day: date, forbund: str | None, fmt: str) -> None:
    """The minutes (protokoll) of the meeting on DATE, as a Swedish protocol.

    \b
    Examples:
      finsam minutes 2020-08-28
      finsam minutes 2020-08-28 --format markdown > protokoll.md
    """
    uow = UnitOfWork(store.app)
    f = resolve_forbund(uow, forbund)
    book = minutes_book(uow, f.forbund, day.year)
    books = minutes_books(uow, f, date.today().year + 1)
    doc = g.minutes(f, book, book.meeting(day), g.corrections(books))
    if fmt == "json":
        print_json(doc)
        return
    md = fmt == "markdown"
    kind = "Extra sammanträde" if doc.extra else "Sammanträde"
    header = [
        f"# PROTOKOLL {doc.forbund_name}" if md else f"PROTOKOLL  {doc.forbund_name}",
        f"{kind} med styrelsen {doc.date}",
        "",
    ]
    fields = [
        ("Plats och tid", ", ".join(x for x in (doc.place, doc.time) if x) or "–"),
        ("Beslutande", ", ".join(doc.deciding) or "–"),
        ("Övriga deltagare", ", ".join(doc.others) or "–"),
        ("Ordförande", doc.chair or "–"),
        ("Sekreterare", doc.secretary or "–"),
        ("Justerare", ", ".join(doc.adjusters) or "–"),
        ("Paragrafer", doc.paragraphs_range or "–"),
        ("Justering", str(doc.adjusted) if doc.adjusted else "ej justerat"),
        (
            "Anslag",
            f"uppsatt {doc.posted_up}, nedtas {doc.posted_down}"
            if doc.posted_up
            else "ej anslaget",
        ),
    ]
    width = max(len(k) for k, _ in fields) + 2
    body = [
        f"**{k}:** {v}  "
        if md
        else textwrap.fill(f"{k + ':':<{width}}{v}", WIDTH, subsequent_indent=" " * width)
        for k, v in fields
    ]
    parts = header + body
    for p in doc.paragraphs:
        parts += ["", *_paragraph_lines(p, markdown=md)]
    click.echo("\n".join(parts))


@cli.command("assignments")
@click.option("--as-of", type=DATE, default=None, help="Date (default today).")
@forbund_option
@format_option()
@pass_store
def assignments_cmd(store: Store, as_of: date | None, forbund: str | None, fmt: str) -> None:
    """The open assignments (uppdrag) on a date.

    \b
    Example:
      finsam assignments --as-of 2024-06-30 --format json
    """
    day = as_of or date.today()
    uow = UnitOfWork(store.app)
    f = resolve_forbund(uow, forbund)
    books = minutes_books(uow, f, day.year)
    rows = g.open_assignments(books, day)
    if fmt == "json":
        print_json({"as_of": day, "assignments": rows})
        return
    console().print(
        table(
            f"Öppna uppdrag {day}",
            ["§", "Möte", "Vem", "Uppdrag", "Senast"],
            [
                (
                    f"§{r.paragraph}#{r.index}",
                    r.meeting,
                    r.who,
                    r.what,
                    f"{r.due}{' (försenat)' if r.overdue else ''}" if r.due else "",
                )
                for r in rows
            ],
        )
    )


@cli.group("assignment")
def assignment() -> None:
    """Complete an assignment (uppdrag) given in a paragraph.

    \b
    Example:
      finsam assignment done 2024:12 --on 2024-05-17
    """


@assignment.command("done")
@click.argument("ref", metavar="YEAR:N")
@click.option(
    "--index", type=int, default=1, show_default=True, help="Which assignment of the paragraph."
)
@click.option("--on", type=DATE, required=True, help="Date it was reported done.")
@click.option("--note", default="", help="Where it was reported, e.g. '§14 2024-05-17'.")
@forbund_option
@pass_store
def assignment_done(
    store: Store, ref: str, index: int, on: date, note: str, forbund: str | None
) -> None:
    """Mark an assignment as done.

    \b
    Example:
      finsam assignment done 2024:12 --on 2024-05-17 --note "rapport §31"
    """
    year, number = parse_paragraph_ref(ref)
    store.run(
        c.CompleteAssignment(
            forbund=forbund, year=year, number=number, index=index, on=on, note=note
        ),
        f"assignment {index} of §{number} ({year}) done",
    )


@cli.command("log")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the last N events.")
@click.option("--since", type=click.IntRange(min=1), default=1, help="From this log position on.")
@click.option("--forbund", "only", default=None, metavar="ID", help="Only this förbund's events.")
@format_option()
@pass_store
def log_cmd(store: Store, limit: int | None, since: int, only: str | None, fmt: str) -> None:
    """The event history: position, type, effective date, recorded time, §.

    \b
    Example:
      finsam log --limit 20
    """
    only = only or store.forbund
    rows = [g.log_row(pos, ev) for pos, ev in store.app.read(start=since)]
    rows = [r for r in rows if only is None or r.forbund == only]
    if limit is not None:
        rows = rows[-limit:]
    if fmt == "json":
        print_json({"events": rows})
        return
    console().print(
        table(
            None,
            ["Pos", "Typ", "Förbund", "Gäller", "Registrerad", "§"],
            [
                (r.position, r.type, r.forbund, r.effective, r.recorded, r.paragraph or "")
                for r in rows
            ],
            right=["Pos"],
        )
    )


# -- journal -----------------------------------------------------------------------


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@pass_store
def import_cmd(store: Store, file: Path) -> None:
    """Import a journal file (TOML): a förbund, its board, meetings and money.

    All or nothing: if any entry is refused nothing is stored. Importing the same
    file again adds nothing.

    \b
    Example:
      finsam import examples/solleftea-2024.toml
    """
    if not file.exists():
        raise NotFound(f"{file}: no such file")
    with Progress(
        transient=True, console=err_console, disable=not err_console.is_terminal
    ) as progress:
        task = progress.add_task(f"importing {file.name}", total=None)
        result = import_journal(store.app, file, progress=lambda n: progress.advance(task, n))
    warn(result.warnings)
    if result.new == 0:
        done(f"{file}: nothing new; all {result.entries} entries were already imported")
    else:
        done(
            f"{file}: imported {result.new} of {result.entries} entries for {result.forbund} ({result.events} events stored)"
        )


@cli.group()
def journal() -> None:
    """The journal file format (TOML); see docs/journal.md.

    \b
    Example:
      finsam journal schema > journal.schema.json
    """


@journal.command("schema")
def journal_schema() -> None:
    """Print the JSON Schema of journal files.

    \b
    Example:
      finsam journal schema > journal.schema.json
    """
    print_json(schema())
