"""The diarium: the register of the documents a förbund receives and sends.

Public documents must be registered when they arrive or are drawn up (offentlighets-
och sekretesslagen 5 kap. 1 §), each with its date, the sender or recipient and what it
is about; a document under secrecy is registered too, with a mark so the subject is
kept out of the lists anyone may read (5 kap. 1 § andra stycket). Each entry has a
diarienummer ``YYYY/N``: the year of its date and the next number of that year, never
reused, so a number once given names that entry for good. One ``Diarium`` per förbund
and year; an entry may name what it concerns (an application, an insats, a meeting) and
the documents it holds by their sha256 (finsam_es/documents.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.errors import InvalidInput, NotFound, Refused

Direction = Literal["in", "out"]
# What an entry concerns: an application or insats by its id, a meeting by its date.
CONCERNS = re.compile(
    r"^(application|insats):[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$|^meeting:\d{4}-\d{2}-\d{2}$"
)
NUMBER = re.compile(r"^(\d{4})/([1-9]\d{0,5})$")


class DocumentRef(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A document held in the store, named by its content's sha256 (the event carries
    the hash, so the hash chain covers the bytes)."""

    name: str
    sha256: str
    size: int


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    """One registered document as the diarium holds it."""

    number: str
    date: date
    direction: Direction
    party: str
    subject: str
    secret: bool
    concerns: str
    documents: tuple[DocumentRef, ...]


def parse_number(text: str) -> tuple[int, int]:
    """``"2024/7"`` as (2024, 7); refused in one line otherwise."""
    m = NUMBER.match(text.strip())
    if m is None:
        raise InvalidInput(f"'{text}' is not a diarienummer: write it YYYY/N, like 2024/7")
    return int(m.group(1)), int(m.group(2))


class Diarium(YearlyAggregate):
    """One förbund's diarium of a year: its entries in the order numbered."""

    KEY = "diarium"

    class Opened(FinsamAggregate.Created):
        label = "diarium of a year opened"
        year: int

        def apply(self, aggregate: Diarium) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.entries = []

    class Registered(FinsamAggregate.Event):
        label = "document registered in the diarium"
        number: int
        direction: Direction
        party: str
        subject: str
        secret: bool
        concerns: str
        documents: tuple[DocumentRef, ...]

        @property
        def summary(self) -> str:
            subject = "(sekretess)" if self.secret else self.subject
            return f"{self.effective.year}/{self.number} {self.direction} {self.party}: {subject}"

        def apply(self, aggregate: Diarium) -> None:
            aggregate.entries.append(self.entry)

        @property
        def entry(self) -> Entry:
            return Entry(
                number=f"{self.effective.year}/{self.number}",
                date=self.effective,
                direction=self.direction,
                party=self.party,
                subject=self.subject,
                secret=self.secret,
                concerns=self.concerns,
                documents=tuple(self.documents),
            )

    class Concerned(FinsamAggregate.Event):
        """Entry ``number`` is found to concern ``concerns`` (an application received
        later that names the entry its letter was registered under)."""

        label = "diarium entry concerns"
        number: int
        concerns: str

        @property
        def summary(self) -> str:
            return f"{self.effective.year}/{self.number} gäller {self.concerns}"

        def apply(self, aggregate: Diarium) -> None:
            i = self.number - 1
            aggregate.entries[i] = msgspec.structs.replace(
                aggregate.entries[i], concerns=self.concerns
            )

    if TYPE_CHECKING:
        year: int
        entries: list[Entry]

    def register(
        self,
        on: date,
        direction: Direction,
        party: str,
        subject: str,
        at: datetime,
        *,
        secret: bool = False,
        concerns: str = "",
        documents: tuple[DocumentRef, ...] = (),
    ) -> str:
        """Register a document received or sent on ``on``; its diarienummer is the next
        of the year (numbers are given in the order registered, never reused)."""
        if on.year != self.year:  # pragma: no cover - the handler opens the date's year
            raise InvalidInput(f"{on} is not in the diarium of {self.year}")
        if not party.strip():
            raise InvalidInput("name the sender or recipient (party)")
        if not subject.strip():
            raise InvalidInput("give the document's subject")
        if concerns and not CONCERNS.match(concerns):
            raise InvalidInput(
                f"'{concerns}' is not what an entry can concern: application:ID, insats:ID "
                "or meeting:YYYY-MM-DD"
            )
        number = len(self.entries) + 1
        self.record(
            self.Registered,
            at,
            effective=on,
            number=number,
            direction=direction,
            party=party.strip(),
            subject=subject.strip(),
            secret=secret,
            concerns=concerns,
            documents=documents,
        )
        return f"{self.year}/{number}"

    def concern(self, number: str, concerns: str, on: date, at: datetime) -> None:
        """Mark entry ``number`` as concerning ``concerns``; refused when it concerns
        something else already (a diarienummer names one matter)."""
        entry = self.entry(number)
        if entry.concerns == concerns:
            return
        if entry.concerns:
            raise Refused(f"diarienummer {number} gäller redan {entry.concerns}")
        if not CONCERNS.match(concerns):  # pragma: no cover - the handler builds it
            raise InvalidInput(f"'{concerns}' is not what an entry can concern")
        seq = parse_number(number)[1]
        self.record(self.Concerned, at, effective=on, number=seq, concerns=concerns)

    def entry(self, number: str) -> Entry:
        for e in self.entries:
            if e.number == number:
                return e
        raise NotFound(f"the diarium of {self.year} has no number {number}")


def number_of(entries: Iterable[Entry], insats: str) -> str:
    """The diarienummer of an application: the first entry that concerns it (as an
    application or as the insats it became), or "" (a store from before the diarium)."""
    wanted = (f"application:{insats}", f"insats:{insats}")
    return next((e.number for e in entries if e.concerns in wanted), "")
