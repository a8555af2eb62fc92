"""Where a decision is recorded: a paragraph at a board meeting, carrying its effect.

``decision_options`` gives a command --meeting, --title, --number, --text and
--forbund, handed on as one ``Sitting``; ``decide`` records the paragraph.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

import click

from cli.context import Store
from cli.options import DATE, forbund_option
from commands import structs as c


class Sitting(NamedTuple):
    """Where a decision is recorded: the meeting, and the paragraph's title, number and text."""

    meeting: date
    title: str | None
    number: int | None
    text: str
    forbund: str | None


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
        **kwargs: Any,
    ) -> Any:
        return f(*args, sitting=Sitting(meeting, title, number, text, forbund), **kwargs)

    wrapper = click.option("--text", default="", help="A short account of the matter.")(wrapper)
    wrapper = click.option(
        "--number", type=int, default=None, help="The § number (default: next free)."
    )(wrapper)
    wrapper = click.option(
        "--title", default=None, help="The paragraph's title (default: from the decision)."
    )(wrapper)
    wrapper = click.option("--meeting", type=DATE, required=True, help="The meeting that decides.")(
        wrapper
    )
    return forbund_option(wrapper)


def decide(store: Store, effect: c.EffectType, default_title: str, sitting: Sitting) -> None:
    """Record a paragraph at the meeting whose decision carries the money effect."""
    command = c.AddParagraph(
        forbund=sitting.forbund,
        meeting=sitting.meeting,
        title=sitting.title or default_title,
        number=sitting.number,
        text=sitting.text,
        effects=(effect,),
    )
    store.run(command, f"decision recorded in the minutes of {sitting.meeting}")
