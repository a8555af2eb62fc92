"""What every command is handed: the store in ``ctx.obj``, opened on first use.

Questions go to ``store.reader`` (projections/queries.py), commands to ``store.run``
(commands.bus.execute), so no command module opens the store's parts itself.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # imported when first used: a command's help imports neither side
    from commands.bus import Outcome
    from commands.structs import Command
    from projections.queries import Reader
    from store.application import FinsamApp


class Store:
    """The store's location, the förbund chosen with the group's --forbund, and who
    records (the group's --actor, read here at the edge and handed to the store)."""

    def __init__(self, db: str, forbund: str | None, actor: str = ""):
        self.db = db
        self.forbund = forbund
        self.actor = actor
        self._app: FinsamApp | None = None
        self._reader: Reader | None = None

    @property
    def app(self) -> FinsamApp:
        if self._app is None:
            from store.application import FinsamApp

            self._app = FinsamApp(self.db, actor=self.actor)
        return self._app

    @property
    def opened(self) -> FinsamApp | None:
        """The store when a command has opened it, else None."""
        return self._app

    @property
    def reader(self) -> Reader:
        if self._reader is None:
            from projections.queries import Reader

            self._reader = Reader(self.app)
        return self._reader

    def known_at(self, at: datetime | int | None) -> datetime | None:
        """The moment a --known-at names (projections/clocks.py); a note on stderr when
        the store held nothing by then."""
        if at is None:
            return None
        from projections.clocks import known_at

        found = known_at(self.app, at)
        if found.empty:
            from cli.output import note

            note(found.empty)
        return found.moment

    def run(self, command: Command, message: str = "") -> Outcome:
        """Execute a command, print its warnings and a one-line receipt."""
        from cli.output import done, warn
        from commands.bus import execute

        outcome = execute(self.app, command)
        warn(outcome.warnings)
        if message:
            made = f"{', '.join(outcome.made)}: " if outcome.made else ""
            done(
                f"{made}{message} ({outcome.events} event{'s' if outcome.events != 1 else ''} stored)"
            )
        return outcome


pass_store = click.make_pass_decorator(Store)
