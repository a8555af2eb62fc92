"""A time bound for the long reads of `audit verify`: it never hangs.

An auditor runs `audit verify` unattended (in a nightly job, before signing): one that
does not answer is worse than one that says it ran out of time. The verification reads
the log, the chain and the view in batches of at most ``BATCH`` rows, and checks the
deadline before every batch and at every step of its progress; on PostgreSQL every
statement also carries the time left as its ``statement_timeout`` (store/read_bound.py),
so a read stuck behind another session's lock ends too. What ran out is said in one line, with
how far the verification came: nothing beyond is verified.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from finsam_es.errors import FinsamError
from projections.reader_base import Advance, ShowProgress, no_progress

T = TypeVar("T")

BATCH = 2000  # rows per read: one batch is read in well under a second on either store
DEFAULT_SECONDS = 3600  # a million events verify in minutes; an hour is a hang
MOST_SECONDS = 7 * 24 * 3600  # a week: beyond it a bound means nothing


class TimedOut(FinsamError):
    """The deadline passed before the verification was done."""


class Deadline:
    """The moment a long read must be done by; ``clock`` is monotonic seconds."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self.end = clock() + seconds

    def left(self) -> float:
        return self.end - self.clock()

    def check(self, doing: str) -> None:
        if self.left() <= 0:
            raise self.timed_out(doing)

    def every(
        self, items: Iterable[T], doing: Callable[[T], str], batch: int = BATCH
    ) -> Iterator[T]:
        """The items, with the deadline checked before each ``batch`` of them; ``doing``
        names where the verification stands at an item (for the message)."""
        for n, item in enumerate(items):
            if n % batch == 0:
                self.check(doing(item))
            yield item

    def progress(self, show: ShowProgress, doing: str) -> ShowProgress:
        """``show`` with the deadline checked at every step it advances."""

        @contextmanager
        def shown(total: int) -> Iterator[Advance]:
            with show(total) as advance:

                def step(done: int) -> None:
                    advance(done)
                    self.check(doing)

                yield step

        return shown

    def timed_out(self, doing: str) -> TimedOut:
        return TimedOut(
            f"audit verify stopped after {self.seconds:g} s while {doing}: nothing is "
            "verified; give it more time with --deadline SECONDS"
        )


def unbounded() -> Deadline:
    """No bound worth the name, for callers other than the CLI."""
    return Deadline(float(MOST_SECONDS))


__all__ = ["BATCH", "DEFAULT_SECONDS", "Deadline", "TimedOut", "no_progress", "unbounded"]
