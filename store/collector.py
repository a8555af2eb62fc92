"""The pace of Python's cyclic garbage collector in a finsam process.

CPython runs a collection of its youngest generation every 700 net allocations of
container objects. Writing one förbund's year (a unit of work of some 130 events)
keeps about a thousand such objects alive until its commit: the domain events, their
stored forms, the rows and tuples of the insert. So at the default pace a collection
came in the middle of nearly every unit of work, found nothing to free (writing makes
almost no cyclic garbage) and moved all of those objects on to the older generations,
whose collections then walked them again, and walked every long-lived object of the
process (the aggregate cache, the id cache) some fifty times per million events.
Measured on 1 091 831 events written in one process (issue 25): 2.9 to 4.4 s of 40 to
52 s in the collector; with the youngest generation collected every ``YOUNG``
allocations instead, 0.1 s, and 7 to 9 % less processor time in all.

Objects freed by their reference count (nearly all of them) are freed at once as
before; only reference cycles wait longer to be collected, at most ``YOUNG`` container
allocations, a few megabytes. The `finsam` command sets this pace at start-up (its
journal imports and its web server write), and `make bench` sets it in the process
that writes, as the command does.
"""

from __future__ import annotations

import gc

YOUNG = 10_000  # ten times what one unit of work of a förbund's year keeps alive


def pace_for_writing() -> None:
    """Collect the youngest generation every ``YOUNG`` allocations (never more often
    than the interpreter's own setting); the older generations keep their pace."""
    young, middle, old = gc.get_threshold()
    if 0 < young < YOUNG:  # 0: the collector was turned off, and stays off
        gc.set_threshold(YOUNG, middle, old)
