"""Loading the aggregates a command touches, from its unit of work.

Each loader returns the aggregate or refuses with a message naming what is missing.
A loader that opens the aggregate when it does not exist yet records the opening
event, and says so in its name (``..._or_open``, ``..._or_start``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TypeVar

from finsam_es.base import YearlyAggregate
from finsam_es.errors import NotFound
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from finsam_es.registry import Registry, choose_forbund
from store.unit_of_work import UnitOfWork

Yearly = TypeVar("Yearly", bound=YearlyAggregate)


def registry(uow: UnitOfWork) -> Registry | None:
    return uow.get(Registry, Registry.ID)


def registry_or_start(uow: UnitOfWork) -> Registry:
    """The store's registry; the first förbund of a store starts it."""
    reg = registry(uow)
    if reg is None:
        reg = uow.add(Registry.start(uow.at))
    return reg


def resolve_forbund(uow: UnitOfWork, forbund: str | None) -> Forbund:
    """The förbund named, or the only one in the store, loaded for a command.

    A named förbund is loaded by its id without the registry (which grows with every
    förbund in the store); the registry is read only to choose the only förbund, or to
    say which ones exist when the named one does not."""
    if forbund is not None:
        found = uow.get(Forbund, Forbund.id_for(forbund))
        if found is not None:
            return found
    reg = registry(uow)
    agg = uow.get(Forbund, Forbund.id_for(choose_forbund(reg.ids if reg else (), forbund)))
    if agg is None:  # pragma: no cover - the registry lists only förbund that exist
        raise NotFound(f"no förbund '{forbund}'")
    return agg


def minutes_book(uow: UnitOfWork, forbund: str, year: int) -> MinutesBook:
    book = uow.get(MinutesBook, MinutesBook.id_for(forbund, year))
    if book is None:
        raise NotFound(f"{forbund} has no minutes in {year}")
    return book


def opened(uow: UnitOfWork, kind: type[Yearly], forbund: str, year: int) -> Yearly:
    """The förbund's minutes book or fiscal year of a year; the first meeting or act of
    money in a year opens it (and records that it was opened)."""
    found = uow.get(kind, kind.id_for(forbund, year))
    return found if found is not None else uow.add(kind.open_for(forbund, year, uow.at))


def load_insats(uow: UnitOfWork, forbund: str, insats: str) -> Insats:
    agg = uow.get(Insats, Insats.id_for(forbund, insats))
    if agg is None:
        raise NotFound(f"{forbund} has no application or insats '{insats}'")
    return agg


def insatser_with_money_in(uow: UnitOfWork, f: Forbund, year: int) -> Iterator[Insats]:
    """The insatser with granted money in the year, each loaded as it is iterated."""
    for insats in f.insatser_with_money_in(year):
        agg = uow.get(Insats, Insats.id_for(f.forbund, insats))
        if agg is not None:
            yield agg


def year_is_open(uow: UnitOfWork, forbund: str, year: int) -> bool:
    """Whether the year's annual report is not adopted yet (the year is not closed)."""
    fy = uow.get(FiscalYear, FiscalYear.id_for(forbund, year))
    return fy is None or fy.closed is None


def check_year_open(uow: UnitOfWork, forbund: str, on: date) -> None:
    """Refuse anything that changes the money of a year whose annual report is adopted."""
    fy = uow.get(FiscalYear, FiscalYear.id_for(forbund, on.year))
    if fy is not None:
        fy.check_open(f"a change to {on.year}'s money")
