"""The diarienummer of applications on every face (issue 20, item 1): an application is
registered in the diarium on receipt (or names the entry its letter was registered
under), and the number is read back wherever the application or a § deciding on it is
shown: the insats register, `paragraph show`, the minutes.

A read rule over the diarium, not a field of the insats: an entry that concerns
``application:ID`` (or ``insats:ID``) gives the application its number, so a store
written before applications were registered on receipt keeps answering as it did (no
number) and one whose secretary registered the letter by hand gets it, with nothing
rewritten.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import msgspec

from finsam_es.agenda import Agenda
from finsam_es.base import FinsamAggregate
from finsam_es.diarium import Diarium, number_of
from finsam_es.insats import Insats
from projections.diarium import entries
from projections.reader_base import FINSAM_LAW, Records

T = TypeVar("T", bound=msgspec.Struct)
KINDS = ("application:", "insats:")


def by_insats(records: Records, forbund: str, as_of: date) -> dict[str, str]:
    """Each application's diarienummer by its id, from the diaria up to ``as_of``."""
    registered = [
        e
        for year in range(FINSAM_LAW, as_of.year + 1)
        for e in entries(records.events(Diarium.id_for(forbund, year)), as_of)
    ]
    ids = {e.concerns.partition(":")[2] for e in registered if e.concerns.startswith(KINDS)}
    return {i: n for i in sorted(ids) if (n := number_of(registered, i))}


def by_paragraph(records: Records, forbund: str, year: int, as_of: date) -> dict[int, str]:
    """The diarienummer of each § of ``year`` that decided on a registered application
    (its insats's decisions name the §), or that an agenda ärende with a diarienummer
    became."""
    found: dict[int, list[str]] = {}
    for insats, number in by_insats(records, forbund, as_of).items():
        for e in records.events(Insats.id_for(forbund, insats)):
            ref = e.paragraph if isinstance(e, FinsamAggregate.Decision) else None
            if ref and ref.startswith(f"{year}:"):
                found.setdefault(int(ref.partition(":")[2]), []).append(number)
    called: dict[date, tuple[str, ...]] = {}
    for e in records.events(Agenda.id_for(forbund, year)):
        if isinstance(e, Agenda.Called):
            called[e.meeting] = tuple(i.diarienummer for i in e.items)
        elif isinstance(e, Agenda.Taken):
            for n, dnr in zip(e.numbers, called.get(e.meeting, ()), strict=False):
                if dnr:
                    found.setdefault(n, []).append(dnr)
    return {n: ", ".join(dict.fromkeys(numbers)) for n, numbers in found.items()}


def with_diarienummer(view: T, numbers: dict[int, str]) -> T:
    """A paragraph view with the diarienummer of the matter it decided, if any."""
    found = numbers.get(getattr(view, "number"))  # noqa: B009 - any paragraph view
    return view if found is None else msgspec.structs.replace(view, diarienummer=found)
