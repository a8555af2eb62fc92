"""The aggregates the last save in this process left, for the next unit of work.

A journal import or a running workspace writes to the same aggregates again and again:
the förbund on nearly every command, the year's books, the insatser of a meeting.
Loading one from the store (its snapshot decoded, the events after it folded) was an
eighth of writing's time (issue 25), the förbund's load alone a fourteenth.

A saved aggregate's state is what its stored events give: it was loaded from them
and changed only by the events now stored (``FinsamAggregate.record`` applies an event
exactly as a replay does). The cache keeps it after the save, and the next unit of work takes
it and folds the events stored after its version, if any (another process or thread
wrote), with the same indexed read a load makes; so a taken aggregate is as current as
a loaded one. An aggregate is taken out while a unit of work holds it and given back
only when that unit of work saved: a command refused half-way, or a save that failed,
leaves nothing behind, and two threads never share one object.

Snapshots stay as a load makes them (``FinsamApp.replay``): every ``SNAPSHOT_EVERY``
events of a kind that has them, the next take loads from the store instead, and that
load notes the snapshot of what it replayed. With ``FINSAM_CHECK_CACHE=1`` (the test
suite sets it) every aggregate given back is compared with a replay of its events,
so a state an event's ``apply`` and a replay would build differently fails loudly.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any
from uuid import UUID

from finsam_es.base import FinsamAggregate
from store.loading import AggregateT, SnapshotsDue

if TYPE_CHECKING:  # the store's application holds a cache: imported there, not here
    from store.application import FinsamApp

SIZE = 1024  # aggregates kept, the least recently saved dropped first
CHECK = "FINSAM_CHECK_CACHE"


class AggregateCache:
    """Saved aggregates by id, each with the version its latest snapshot stands at."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._items: OrderedDict[UUID, tuple[FinsamAggregate, int]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, aggregate_id: UUID) -> tuple[FinsamAggregate, int] | None:
        with self._lock:
            return self._items.pop(aggregate_id, None)

    def give(self, aggregate: FinsamAggregate, base: int) -> None:
        with self._lock:
            held = self._items.get(aggregate.id)
            if held is not None and held[0].version > aggregate.version:
                return  # another thread saved a later version
            self._items[aggregate.id] = (aggregate, base)
            self._items.move_to_end(aggregate.id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def latest(
    app: FinsamApp, kind: type[AggregateT], aggregate_id: UUID, due: SnapshotsDue
) -> tuple[AggregateT | None, int]:
    """The aggregate as all its stored events leave it (or None), and the version its
    latest snapshot stands at: from the cache when it holds it and no snapshot is due,
    else loaded (``due`` notes the snapshot the load made due)."""
    held = app.aggregates.take(aggregate_id)
    if held is not None:
        cached, base = held
        rows = app.stored_after(aggregate_id, cached.version)
        every = app.snapshot_every(type(cached))
        if every is None or cached.version + len(rows) - base < every:
            aggregate = app.fold(cached, rows)
            if isinstance(aggregate, kind):
                return aggregate, base
            raise TypeError(
                f"{aggregate_id} is a {type(aggregate).__name__}, not a {kind.__name__}"
            )
    loaded = app.load(kind, aggregate_id, due=due)
    return loaded, due.base


def give_back(app: FinsamApp, saved: list[tuple[FinsamAggregate, int]]) -> None:
    """The aggregates a unit of work saved (each with the version its latest snapshot
    stands at), for the next one to take."""
    check = os.environ.get(CHECK) == "1"
    for aggregate, base in saved:
        if check:  # up to its own version: another writer may have saved after it
            replayed: Any = None
            event: Any
            for event in app.events.get(aggregate.id, lte=aggregate.version):
                replayed = event.mutate(replayed)
            if replayed is None or vars(replayed) != vars(aggregate):
                raise AssertionError(
                    f"{type(aggregate).__name__} {aggregate.id} after its save is not what "
                    "its stored events give: an event's apply and a replay disagree"
                )
        app.aggregates.give(aggregate, base)
