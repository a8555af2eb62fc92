"""The kallelse and föredragningslista of a board meeting (issue 20, item 3).

A board secretary calls a meeting some weeks before it: its day, time and place, whether
it is public and whether a ledamot may take part at a distance, and its ärenden in order,
each with the director's förslag till beslut and the diarienummer whose documents are its
handlingar. ``Agenda`` (per förbund and year, beside the minutes book) holds each meeting's
call; calling the same meeting again amends it, which is allowed until the meeting (the
last call sent is the one that counts, the earlier ones stay in the log).

``NoticeRule`` (per förbund) holds how many days before a meeting the kallelse must go
out, with its source (the förbund's reglemente or arbetsordning); without one finsam
takes ``DEFAULT_NOTICE_DAYS`` (docs/rules.md says why).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.diarium import parse_number
from finsam_es.errors import Final, InvalidInput, NotFound
from finsam_es.values import stable_id

# The seeds hold no reglemente and state no notice period; seven days is a common one in
# arbetsordningar, a default the förbund replaces with its own (docs/rules.md).
DEFAULT_NOTICE_DAYS = 7
DEFAULT_NOTICE_SOURCE = "finsams standard (7 dagar; ingen kallelsetid registrerad)"
MAX_ITEMS = 200


class AgendaItem(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One ärende of the föredragningslista: its title, the account or budget line it
    concerns (or ""), the förslag till beslut and the diarienummer ("YYYY/N" or "")
    whose documents are its handlingar.

    ``effects`` holds the money effects the förslag carries (a grant, a referral back,
    a budget change: a paragraph's effects as the journal writes them, a JSON array of
    objects tagged by ``do``, amounts in öre), or "". The agenda keeps them as proposed
    without reading them: the commands layer checks them when the meeting is called
    and decides them, through the paragraph's own rules, when the board decides as
    proposed."""

    title: str
    proposal: str = ""
    account: str = ""
    diarienummer: str = ""
    effects: str = ""
    # the ärendebeskrivning: what the matter is, as the kallelse says it and the
    # paragraph's text becomes when the meeting is opened from the agenda
    description: str = ""


class Call(msgspec.Struct, frozen=True, kw_only=True):
    """A meeting's kallelse as last sent."""

    meeting: date
    sent: date
    time: str
    place: str
    public: bool
    distance_allowed: bool
    items: tuple[AgendaItem, ...]


def check_items(items: tuple[AgendaItem, ...]) -> None:
    """Each ärende has a title, and a diarienummer where one is given is one."""
    if len(items) > MAX_ITEMS:
        raise InvalidInput(f"en föredragningslista har högst {MAX_ITEMS} ärenden")
    for n, item in enumerate(items, 1):
        if not item.title.strip():
            raise InvalidInput(f"ärende {n} saknar rubrik")
        if item.diarienummer:
            parse_number(item.diarienummer)


class Agenda(YearlyAggregate):
    """One förbund's kallelser of a year, per meeting day."""

    KEY = "agenda"

    class Opened(FinsamAggregate.Created):
        label = "agenda of a year opened"
        year: int

        def apply(self, aggregate: Agenda) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.calls = {}
            aggregate.taken = {}

    class Called(FinsamAggregate.Event):
        """The kallelse sent on ``effective`` for the meeting on ``meeting``."""

        label = "meeting called"
        meeting: date
        time: str
        place: str
        public: bool
        distance_allowed: bool
        items: tuple[AgendaItem, ...]

        @property
        def summary(self) -> str:
            return f"kallelse till {self.meeting} ({len(self.items)} ärenden)"

        def apply(self, aggregate: Agenda) -> None:
            aggregate.calls[self.meeting] = Call(
                meeting=self.meeting,
                sent=self.effective,
                time=self.time,
                place=self.place,
                public=self.public,
                distance_allowed=self.distance_allowed,
                items=tuple(self.items),
            )

    class Taken(FinsamAggregate.Event):
        """The meeting opened from its agenda: ärende n became § ``numbers[n-1]``."""

        label = "agenda taken into the minutes"
        meeting: date
        numbers: tuple[int, ...]

        @property
        def summary(self) -> str:
            return f"föredragningslistan {self.meeting} blev §§ " + ", ".join(
                str(n) for n in self.numbers
            )

        def apply(self, aggregate: Agenda) -> None:
            aggregate.taken[self.meeting] = tuple(self.numbers)

    if TYPE_CHECKING:
        year: int
        calls: dict[date, Call]
        taken: dict[date, tuple[int, ...]]

    def call(
        self,
        meeting: date,
        sent: date,
        at: datetime,
        *,
        time: str,
        place: str,
        public: bool,
        distance_allowed: bool,
        items: tuple[AgendaItem, ...],
    ) -> None:
        """Call (or amend the call of) the meeting on ``meeting``; the kallelse goes out
        on ``sent``, which is not after the meeting."""
        if meeting.year != self.year:  # pragma: no cover - the handler opens its year
            raise InvalidInput(f"{meeting} is not in the agenda of {self.year}")
        if sent > meeting:
            raise Final(
                f"sammanträdet {meeting} har redan hållits: kallelsen kan inte ändras {sent}"
            )
        if not place.strip():
            raise InvalidInput("ange var sammanträdet hålls (plats)")
        check_items(items)
        self.record(
            self.Called,
            at,
            effective=sent,
            meeting=meeting,
            time=time.strip(),
            place=place.strip(),
            public=public,
            distance_allowed=distance_allowed,
            items=items,
        )

    def check_not_taken(self, meeting: date) -> None:
        if meeting in self.taken:
            raise Final(f"föredragningslistan {meeting} är redan tagen in i protokollet")

    def take(self, meeting: date, numbers: tuple[int, ...], at: datetime) -> None:
        """Record which § each ärende became when the meeting was opened from it."""
        self.check_not_taken(meeting)
        self.record(self.Taken, at, effective=meeting, meeting=meeting, numbers=numbers)

    def paragraph_of(self, meeting: date, item: int) -> tuple[int, AgendaItem]:
        """The § ärende ``item`` (from 1) became, and the ärende as last called."""
        numbers = self.taken.get(meeting)
        if numbers is None:
            raise NotFound(f"föredragningslistan {meeting} är inte tagen in i protokollet")
        items = self.called(meeting).items
        if not 1 <= item <= len(items):
            raise NotFound(f"föredragningslistan {meeting} har inget ärende {item}")
        return numbers[item - 1], items[item - 1]

    def called(self, meeting: date) -> Call:
        found = self.calls.get(meeting)
        if found is None:
            raise NotFound(f"ingen kallelse till ett sammanträde {meeting}")
        return found


class NoticeRule(FinsamAggregate):
    """How many days before a meeting its kallelse must go out, with the source."""

    class Started(FinsamAggregate.Created):
        label = "notice rule started"

        def apply(self, aggregate: NoticeRule) -> None:
            aggregate.forbund = self.forbund
            aggregate.settings = []

    class Set(FinsamAggregate.Event):
        label = "notice period set"
        days: int
        source: str

        @property
        def summary(self) -> str:
            return f"kallelsetid {self.days} dagar från {self.effective} ({self.source})"

        def apply(self, aggregate: NoticeRule) -> None:
            aggregate.settings.append((self.effective, self.days, self.source))

    if TYPE_CHECKING:
        settings: list[tuple[date, int, str]]

    @staticmethod
    def id_for(forbund: str) -> UUID:
        return stable_id("notice-rule", forbund)

    @classmethod
    def start(cls, forbund: str, at: datetime) -> Self:
        return cls._create(
            cls.Started,
            id=cls.id_for(forbund),
            timestamp=at,
            forbund=forbund,
            effective=date(2004, 1, 1),  # the förbund law's first year
        )

    def set(self, days: int, source: str, on: date, at: datetime) -> None:
        if not 0 <= days <= 60:
            raise InvalidInput(f"kallelsetiden {days} dagar: ange 0-60 dagar")
        if not source.strip():
            raise InvalidInput("ange källan till kallelsetiden (reglemente, arbetsordning)")
        self.record(self.Set, at, effective=on, days=days, source=source.strip())


def notice_on(rule: NoticeRule | None, day: date) -> tuple[int, str]:
    """The notice period in force on ``day`` and its source."""
    found = (DEFAULT_NOTICE_DAYS, DEFAULT_NOTICE_SOURCE)
    for on, days, source in sorted(rule.settings if rule else [], key=lambda s: s[0]):
        if on <= day:
            found = (days, source)
    return found


def late_warning(meeting: date, sent: date, days: int, source: str) -> str | None:
    """The warning when the kallelse goes out later than the notice period."""
    before = (meeting - sent).days
    if before >= days:
        return None
    return (
        f"kallelsen till sammanträdet {meeting} går ut {sent}, {before} dagar före; "
        f"kallelsetiden är {days} dagar ({source})"
    )
