"""Meetings and their minutes: open, close, adjust (justera) and post (anslå) a
meeting; print its minutes (protokoll).
"""

from __future__ import annotations

from datetime import date, datetime

import click

from cli.context import Store, pass_store
from cli.minutes_text import minutes_text
from cli.options import DATE, forbund_option, format_option, known_at_option
from cli.output import print_json
from commands import structs as c


@click.group()
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


@click.command("minutes")
@click.argument("day", metavar="DATE", type=DATE)
@known_at_option
@forbund_option
@format_option("markdown")
@pass_store
def minutes_cmd(
    store: Store, day: date, known_at: datetime | None, forbund: str | None, fmt: str
) -> None:
    """The minutes (protokoll) of the meeting on DATE, as a Swedish protocol.

    \b
    Examples:
      finsam minutes 2020-08-28
      finsam minutes 2020-08-28 --format markdown > protokoll.md
      finsam minutes 2020-08-28 --known-at 2020-09-30
    """
    doc = store.reader.known(known_at).minutes(forbund, day)
    if fmt == "json":
        print_json(doc)
        return
    click.echo(minutes_text(doc, markdown=fmt == "markdown"))


COMMANDS = (
    meeting,
    minutes_cmd,
)
