"""Where a decision is recorded: a paragraph at a board meeting, carrying its effect.

``decision_options`` gives a command --meeting, --title, --number, --text, the
secretary's --decision, --dissent, --conflict, --send-to and --effect/--no-effect, and
--forbund, handed on as one ``Sitting``; ``decide`` records the paragraph.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

import click

from cli import parsers
from cli.context import Store
from cli.options import DATE, NUMBER, forbund_option
from commands import structs as c


class Sitting(NamedTuple):
    """Where a decision is recorded: the meeting, and the paragraph's title, number and
    text, and the secretary's words: decisions, reservationer, jäv, expediering."""

    meeting: date
    title: str | None
    number: int | None
    text: str
    forbund: str | None
    decisions: tuple[str, ...] = ()
    dissent: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    send_to: tuple[str, ...] = ()
    show_effect: bool | None = None
    without_quorum: bool = False
    serving_for: tuple[c.Serving, ...] = ()  # ersättare serving for this § only
    chaired_by: str = ""  # who chairs the § when the chair has jäv


def decision_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--meeting, --title, --number, --text and --forbund, handed on as one ``sitting``."""

    @functools.wraps(f)
    def wrapper(
        *args: Any,
        meeting: date,
        title: str | None,
        number: int | None,
        text: str,
        forbund: str | None,
        decisions: tuple[str, ...],
        dissent: tuple[str, ...],
        conflict: tuple[str, ...],
        send_to: tuple[str, ...],
        show_effect: bool | None,
        without_quorum: bool,
        serving_for: tuple[str, ...],
        chaired_by: str,
        **kwargs: Any,
    ) -> Any:
        sitting = Sitting(
            meeting,
            title,
            number,
            text,
            forbund,
            decisions,
            dissent,
            conflict,
            send_to,
            show_effect,
            without_quorum,
            tuple(map(parsers.serving, serving_for)),
            chaired_by,
        )
        return f(*args, sitting=sitting, **kwargs)

    for option in (
        *paragraph_attendance_options(),
        click.option(
            "--without-quorum",
            is_flag=True,
            help="Decided without quorum (KL 6:27): recorded so, shown in minutes and log.",
        ),
        click.option(
            "--effect/--no-effect",
            "show_effect",
            default=None,
            help="Print the money effect under the decision too (default: not).",
        ),
        click.option(
            "--send-to", multiple=True, help="Expediering: who the decision goes to (repeat)."
        ),
        click.option("--conflict", multiple=True, help="Who had jäv and took no part (repeat)."),
        click.option("--dissent", multiple=True, help="Who entered a reservation (repeat)."),
        click.option(
            "--decision",
            "decisions",
            multiple=True,
            help="The decision in the secretary's words (repeat; default: written from the effect).",
        ),
    ):
        wrapper = option(wrapper)
    wrapper = click.option("--text", default="", help="A short account of the matter.")(wrapper)
    wrapper = click.option(
        "--number", type=NUMBER, default=None, help="The § number (default: next free)."
    )(wrapper)
    wrapper = click.option(
        "--title", default=None, help="The paragraph's title (default: from the decision)."
    )(wrapper)
    wrapper = click.option("--meeting", type=DATE, required=True, help="The meeting that decides.")(
        wrapper
    )
    return forbund_option(wrapper)


def paragraph_attendance_options() -> tuple[Callable[[Any], Any], ...]:
    """--serving-for and --chaired-by, shared by `paragraph add` and the decisions."""
    return (
        click.option(
            "--chaired-by",
            default="",
            metavar="NAME",
            help="Who chairs this § when the chair has jäv (default: the vice chairs in order).",
        ),
        click.option(
            "--serving-for",
            multiple=True,
            metavar='"ERSÄTTARE=LEDAMOT"',
            help="An ersättare serving for this § only, for her member's ledamot with jäv or "
            "absent, or for its vacant seat (=MEMBER) (repeat; KL 6:28).",
        ),
    )


def attendance_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Gives a command --serving-for and --chaired-by (as ``serving_for``, ``chaired_by``)."""
    for option in paragraph_attendance_options():
        f = option(f)
    return f


def decide(store: Store, effect: c.EffectType, sitting: Sitting) -> None:
    """Record a paragraph at the meeting whose decision carries the money effect; with
    no --title, the title is made from the effect and the names it concerns."""
    command = c.AddParagraph(
        forbund=sitting.forbund,
        meeting=sitting.meeting,
        title=sitting.title or "",
        number=sitting.number,
        text=sitting.text,
        decisions=sitting.decisions,
        dissent=sitting.dissent,
        conflict=sitting.conflict,
        send_to=sitting.send_to,
        show_effects=sitting.show_effect,
        without_quorum=sitting.without_quorum,
        serving_for=sitting.serving_for,
        chaired_by=sitting.chaired_by,
        effects=(effect,),
    )
    store.run(command, f"decision recorded in the minutes of {sitting.meeting}")
