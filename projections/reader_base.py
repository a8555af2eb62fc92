"""What every part of the reader starts from: the store read as its records stood at
one moment (``Records``: which förbund a question means, the aggregates as they stood
then), and the money questions' two sources (``money_source``: the view, caught up
first, or the reference fold).

``projections.queries.Reader`` is the front door; ``Reader.at(as_of, known_at)`` binds
both clocks once and hands the parts (governance, money, statements, audit) this
``Records`` at that moment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import PersistenceError

from finsam_es.errors import NotFound
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from finsam_es.registry import Registry, choose_forbund
from finsam_es.thresholds import Thresholds
from projections.forbund import ForbundInfo, ForbundOnDay, forbund_info, forbund_on
from projections.money_fold import Fold
from projections.money_reports import MoneyQueries
from projections.money_view import MoneyView
from store.application import FinsamApp
from store.loading import AggregateT

FINSAM_LAW = 2004  # SFS 2003:1210 took effect on 1 January 2004: no förbund is older
QUIET_BELOW = 2000  # catching up on fewer events is too quick to show progress

Advance = Callable[[int], None]
"""Called with the number of events just read."""

ShowProgress = Callable[[int], AbstractContextManager[Advance]]
"""Given how many events a long read will take, a context that shows its progress."""


@contextmanager
def no_progress(total: int) -> Iterator[Advance]:
    yield lambda done: None


class Records:
    """A store read as its records stood at ``known_at`` (None: as they stand).
    ``today`` bounds the years searched for minutes books."""

    def __init__(
        self,
        app: FinsamApp,
        today: Callable[[], date] = date.today,
        known_at: datetime | None = None,
    ):
        self.app = app
        self.today = today
        self.known_at = known_at

    def now(self) -> Records:
        """The same store as its records stand now: which förbund a question names is a
        question of now, whatever moment the answer is read at."""
        return self if self.known_at is None else Records(self.app, self.today)

    # -- which förbund ---------------------------------------------------------------

    def forbund_ids(self) -> tuple[str, ...]:
        """The förbund the store holds, in the order they were created."""
        registry = self.load(Registry, Registry.ID)
        return registry.ids if registry else ()

    def forbund_id(self, forbund: str | None) -> str:
        """The förbund named, or the only one in the store."""
        return choose_forbund(self.forbund_ids(), forbund)

    def forbund_info(self, forbund: str | None) -> ForbundInfo:
        return forbund_info(self.forbund(forbund))

    def forbund_on(self, forbund: str | None, day: date) -> ForbundOnDay:
        """The förbund with its members and their exact shares in force on the day."""
        return forbund_on(self.forbund(forbund), day)

    def thresholds(self, forbund: str) -> Thresholds:
        """The förbund's thresholds as the records stood (the defaults before it existed)."""
        found = self.load(Forbund, Forbund.id_for(forbund))
        return found.thresholds if found is not None else Thresholds()

    # -- loading ---------------------------------------------------------------------

    def load(self, kind: type[AggregateT], aggregate_id: UUID) -> AggregateT | None:
        return self.app.load(kind, aggregate_id, self.known_at)

    def forbund(self, forbund: str | None) -> Forbund:
        fid = self.forbund_id(forbund)
        f = self.load(Forbund, Forbund.id_for(fid))
        if f is None:  # pragma: no cover - the registry lists only förbund that exist
            raise NotFound(f"no förbund '{fid}'")
        return f

    def minutes_books(self, forbund: str, until_year: int) -> dict[int, MinutesBook]:
        """The förbund's minutes books up to a year (none can be older than the law)."""
        found = {
            year: self.load(MinutesBook, MinutesBook.id_for(forbund, year))
            for year in range(FINSAM_LAW, until_year + 1)
        }
        return {year: book for year, book in found.items() if book is not None}

    def minutes_book(self, books: dict[int, MinutesBook], forbund: str, year: int) -> MinutesBook:
        book = (
            books[year]
            if year in books
            else self.load(MinutesBook, MinutesBook.id_for(forbund, year))
        )
        if book is None:
            raise NotFound(f"{forbund} has no minutes in {year}")
        return book

    def events(self, aggregate_id: UUID) -> list[Any]:
        """An aggregate's events recorded by this reader's moment."""
        events: list[Any] = list(self.app.events.get(aggregate_id))
        return [e for e in events if self.known_at is None or e.timestamp <= self.known_at]

    def insatser(self, forbund: str) -> list[tuple[Insats, list[Any]]]:
        """Each insats of the förbund with money (its index on the förbund), with its events."""
        f = self.load(Forbund, Forbund.id_for(forbund))
        out = []
        for insats in sorted(f.insats_years if f else ()):
            found = self.load(Insats, Insats.id_for(forbund, insats))
            if found is not None:
                out.append((found, self.events(found.id)))
        return out


def money_source(
    app: FinsamApp, fold: bool = False, progress: ShowProgress = no_progress
) -> MoneyQueries:
    """The reference fold over the whole log, or the view caught up first."""
    if fold:
        return Fold.of_log(app)
    try:
        view = MoneyView(app)
        pending = view.pending()
        if pending > QUIET_BELOW:
            with progress(pending) as advance:
                view.catch_up(advance)
        else:
            view.catch_up()
    except PersistenceError as e:
        if "permission denied" not in str(e):
            raise
        # A read-only role (an auditor's) may not write the view: the fold answers
        # every money question the same, from the events alone.
        return Fold.of_log(app)
    return view
