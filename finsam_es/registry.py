"""The registry: which förbund a store holds (one aggregate per store).

Every command and query names a förbund, or none when the store holds one; the
registry resolves that choice with a message a secretary can act on.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from finsam_es.base import FinsamAggregate
from finsam_es.errors import InvalidInput, NotFound, Refused
from finsam_es.values import stable_id


class Registry(FinsamAggregate):
    """The list of förbund in a store (one per store)."""

    ID = stable_id("registry")

    class Started(FinsamAggregate.Created):
        def apply(self, aggregate: Registry) -> None:
            aggregate.forbund = ""
            aggregate.ids = ()

    class ForbundAdded(FinsamAggregate.Event):
        id: str

        def apply(self, aggregate: Registry) -> None:
            aggregate.ids = (*aggregate.ids, self.id)

    if TYPE_CHECKING:
        ids: tuple[str, ...]

    @classmethod
    def start(cls, at: datetime) -> Registry:
        return cls._create(cls.Started, id=cls.ID, timestamp=at, forbund="", effective=at.date())

    def add(self, forbund: str, at: datetime, effective: date) -> None:
        self.trigger_event(
            self.ForbundAdded, timestamp=at, forbund=forbund, effective=effective, id=forbund
        )

    def check_new(self, forbund: str) -> None:
        """A förbund id is registered once."""
        if forbund in self.ids:
            raise Refused(f"förbund '{forbund}' already exists")


def choose_forbund(ids: tuple[str, ...], forbund: str | None) -> str:
    """``forbund`` when it is registered; the only förbund when none is named."""
    if forbund is None:
        if not ids:
            raise NotFound("the store holds no förbund yet; create one with: finsam forbund create")
        if len(ids) > 1:
            raise InvalidInput(
                f"the store holds {_several(ids)}; choose one with --forbund "
                f"({LIST_COMMAND} lists them)"
            )
        return ids[0]
    if forbund not in ids:
        known = f" (the store holds {_several(ids)}; {LIST_COMMAND} lists them)" if ids else ""
        raise NotFound(f"no förbund '{forbund}'{known}")
    return forbund


LIST_COMMAND = "finsam forbund list"
NAMED_UP_TO = 5  # a store of 410 förbund named them all: a 2.5 KB message (issue 25)


def _several(ids: tuple[str, ...]) -> str:
    """How many förbund, named when they are few enough to read in one line."""
    if len(ids) > NAMED_UP_TO:
        return f"{len(ids)} förbund"
    return f"{len(ids)} förbund ({', '.join(ids)})"
