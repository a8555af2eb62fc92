"""The diarium as a list: each entry registered by a date, as the records stood.

In a public list (``public``) a secret entry keeps its number, date, party and what it
concerns, and its subject is left out (offentlighets- och sekretesslagen 5 kap. 1 §
andra stycket): that a document exists is public even when its content is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec

from finsam_es.diarium import Diarium, DocumentRef, Entry
from projections.reader_base import Records


class DiariumRow(msgspec.Struct, frozen=True, kw_only=True):
    number: str
    date: date
    direction: str
    party: str
    subject: str | None  # None: secret, in a public list
    secret: bool
    concerns: str
    documents: tuple[DocumentRef, ...]


def entries(events: Iterable[Any], as_of: date) -> list[Entry]:
    """A diarium's entries registered by ``as_of``, with what each concerns as last
    recorded by then (``Diarium.Concerned``)."""
    found: list[Entry] = []
    for e in events:
        if e.effective > as_of:
            continue
        if isinstance(e, Diarium.Registered):
            found.append(e.entry)
        elif isinstance(e, Diarium.Concerned) and e.number <= len(found):
            found[e.number - 1] = msgspec.structs.replace(found[e.number - 1], concerns=e.concerns)
    return found


def diarium_rows(events: Iterable[Any], as_of: date, public: bool) -> list[DiariumRow]:
    """The entries registered by ``as_of`` in the order numbered."""
    return [_row(e, public) for e in entries(events, as_of)]


def _row(e: Entry, public: bool) -> DiariumRow:
    return DiariumRow(
        number=e.number,
        date=e.date,
        direction=e.direction,
        party=e.party,
        subject=None if public and e.secret else e.subject,
        secret=e.secret,
        concerns=e.concerns,
        documents=e.documents,
    )


class DiariumQueries:
    """The diarium part of the bound reader (``Reader.at(...).diarium``)."""

    def __init__(self, records: Records, as_of: date):
        self.records = records
        self.as_of = as_of

    def entries(
        self, forbund: str | None, year: int | None = None, public: bool = False
    ) -> list[DiariumRow]:
        """The year's entries (default: the year of the date) registered by the date."""
        fid = self.records.forbund_id(forbund)
        events = self.records.events(Diarium.id_for(fid, year or self.as_of.year))
        return diarium_rows(events, self.as_of, public)

    def concerning(self, forbund: str | None, concerns: str) -> list[DiariumRow]:
        """The entries of the date's year and the year before that concern an application,
        an insats or a meeting (``application:ID`` ...): its diarienummer on the faces."""
        rows = [
            *self.entries(forbund, self.as_of.year - 1),
            *self.entries(forbund, self.as_of.year),
        ]
        return [r for r in rows if r.concerns == concerns]
