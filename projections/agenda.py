"""The kallelse as every face shows it: the meeting's call as last sent by the date asked
about, each ärende with the documents of its diarienummer (its handlingar), and whether
it went out in time; the kallelse as HTML and PDF in the protokoll's layout family
(projections/templates/protokoll/kallelse.j2), and a public meeting's kungörelse on the
förbund's anslagstavla (``NOTICE_SOURCES``)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import msgspec

from finsam_es.agenda import Agenda, Call, NoticeRule, late_warning, notice_on
from finsam_es.diarium import Diarium, DocumentRef, parse_number
from finsam_es.errors import NotFound, Refused
from finsam_es.forbund import Forbund
from finsam_es.values import format_kr
from projections.anslag import Notice, organ
from projections.governance_queries import NOTICE_SOURCES
from projections.protokoll import Dialect, compile_typst, environment
from projections.reader_base import Records


class ItemView(msgspec.Struct, frozen=True, kw_only=True):
    number: int
    title: str
    proposal: str
    account: str
    diarienummer: str
    documents: tuple[DocumentRef, ...]
    description: str = ""  # the ärendebeskrivning
    # the money effects the förslag carries, as a paragraph's effects in a journal
    # (tagged by "do", amounts in öre)
    effects: tuple[dict[str, Any], ...] = ()


class AgendaView(msgspec.Struct, frozen=True, kw_only=True):
    forbund: str
    forbund_name: str
    date: _dt.date
    sent: _dt.date
    time: str
    place: str
    public: bool
    distance_allowed: bool
    notice_days: int
    notice_source: str
    late: str | None  # the warning when it went out later than the notice period
    items: tuple[ItemView, ...]
    forbund_orgnr: str = ""  # printed under the name, as in the protokoll (issue 24)


def last_call(events: Iterable[Any], meeting: date, as_of: date) -> Call | None:
    """The call of the meeting last sent by ``as_of``."""
    found: Call | None = None
    for e in events:
        if isinstance(e, Agenda.Called) and e.meeting == meeting and e.effective <= as_of:
            found = Call(
                meeting=e.meeting,
                sent=e.effective,
                time=e.time,
                place=e.place,
                public=e.public,
                distance_allowed=e.distance_allowed,
                items=tuple(e.items),
            )
    return found


class AgendaQueries:
    """The agenda part of the bound reader (``Reader.at(...).agenda``)."""

    def __init__(self, records: Records, as_of: date):
        self.records = records
        self.as_of = as_of

    def show(self, forbund: str | None, meeting: date) -> AgendaView:
        f = self.records.forbund(forbund)
        return view(f, self.records, meeting, self.as_of)

    def called(self, forbund: str | None, year: int) -> tuple[date, ...]:
        """The days of the year's meetings a kallelse was sent to, in order."""
        f = self.records.forbund(forbund)
        days = {
            e.meeting
            for e in self.records.events(Agenda.id_for(f.forbund, year))
            if isinstance(e, Agenda.Called)
        }
        return tuple(sorted(days))

    def taken(self, forbund: str | None, meeting: date) -> tuple[int, ...]:
        """The § each ärende became when the meeting was opened from its agenda, in
        order; none before it was (the workspace's meeting page)."""
        f = self.records.forbund(forbund)
        for e in self.records.events(Agenda.id_for(f.forbund, meeting.year)):
            if isinstance(e, Agenda.Taken) and e.meeting == meeting:
                return tuple(e.numbers)
        return ()


def view(f: Forbund, records: Records, meeting: date, as_of: date) -> AgendaView:
    events = records.events(Agenda.id_for(f.forbund, meeting.year))
    call = last_call(events, meeting, as_of)
    if call is None:
        raise NotFound(f"ingen kallelse till ett sammanträde {meeting} (per {as_of})")
    rule = records.load(NoticeRule, NoticeRule.id_for(f.forbund))
    days, source = notice_on(rule, call.sent)
    documents = _documents(f.forbund, records, call)
    return AgendaView(
        forbund=f.forbund,
        forbund_name=f.name,
        forbund_orgnr=f.orgnr,
        date=call.meeting,
        sent=call.sent,
        time=call.time,
        place=call.place,
        public=call.public,
        distance_allowed=call.distance_allowed,
        notice_days=days,
        notice_source=source,
        late=late_warning(call.meeting, call.sent, days, source),
        items=tuple(
            ItemView(
                number=n,
                title=i.title,
                proposal=i.proposal,
                account=i.account,
                diarienummer=i.diarienummer,
                documents=documents.get(i.diarienummer, ()),
                effects=tuple(msgspec.json.decode(i.effects)) if i.effects else (),
                description=i.description,
            )
            for n, i in enumerate(call.items, 1)
        ),
    )


def _documents(forbund: str, records: Records, call: Call) -> dict[str, tuple[DocumentRef, ...]]:
    """Each diarienummer's documents, from the diarium as the records stand."""
    found: dict[str, tuple[DocumentRef, ...]] = {}
    years = {parse_number(i.diarienummer)[0] for i in call.items if i.diarienummer}
    for year in years:
        for e in records.events(Diarium.id_for(forbund, year)):
            if isinstance(e, Diarium.Registered):
                found[e.entry.number] = e.entry.documents
    return found


EFFECT_WORDS = {
    "grant": "bevilja",
    "refer_back": "återremittera",
    "reject": "avslå",
    "change_budget": "ändra budgeten",
    "adopt_budget": "fastställa budgeten",
}


def effect_text(effect: dict[str, Any]) -> str:
    """A money effect an ärende proposes, in a line of the kallelse: "bevilja sfi
    998 000 kr", "ändra budgeten 2024: sfi +998 000 kr" (amounts are öre)."""
    do = str(effect.get("do", ""))
    words = [EFFECT_WORDS.get(do, do.replace("_", " "))]
    if "insats" in effect:
        words.append(str(effect["insats"]))
    if isinstance(effect.get("amount"), int):
        words.append(format_kr(effect["amount"]))
    if "year" in effect and "insats" not in effect:
        words.append(str(effect["year"]))
    changes = effect.get("changes") or []
    if changes:
        words[-1] += ":"
        words.append(", ".join(f"{c['line']} {'+' if c['delta'] > 0 else ''}{format_kr(c['delta'])}"
                               for c in changes))  # fmt: skip
    return " ".join(words)


def document_title(v: AgendaView) -> str:
    return f"Kallelse {v.forbund_name} {v.date.isoformat()}"


def render(v: AgendaView, dialect: Dialect) -> str:
    """The kallelse with its föredragningslista and handlingar."""
    page = {
        "document_title": document_title(v),
        "running_left": v.forbund_name,
        "orgnr": v.forbund_orgnr,  # under the name in the title block
        "running_right": f"Sammanträde {v.date.isoformat()}",
        "initials": [],
        "footer_label": "",  # a kallelse has no justerare
        "fragment": False,
    }
    header = [
        ("Tid", [f"{v.date.isoformat()} {v.time}".strip()]),
        ("Plats", [v.place]),
        ("Sammanträdet", ["Offentligt" if v.public else "Inte offentligt"]),
        (
            "Deltagande på distans",
            ["Tillåtet (lag 2003:1210 19 a §)" if v.distance_allowed else "Inte tillåtet"],
        ),
        ("Kallelsen utsänd", [v.sent.isoformat()]),
    ]
    items = [
        {
            "heading": f"{i.number}. {i.title}",
            "fields": [
                *([("Diarienummer", [i.diarienummer])] if i.diarienummer else []),
                *([("Konto", [i.account])] if i.account else []),
                *([("Ekonomisk effekt", [effect_text(e) for e in i.effects])] if i.effects else []),
            ],
            "description": i.description,
            "proposal": i.proposal,
            "documents": [f"{d.name} ({d.size} byte, sha256 {d.sha256[:16]})" for d in i.documents],
        }
        for i in v.items
    ]
    return (
        environment(dialect)
        .get_template("kallelse.j2")
        .render(
            dialect=dialect,
            page=page,
            organ=f"Styrelsen, {v.forbund_name}",
            header=header,
            items=items,
        )
    )


def pdf(v: AgendaView) -> bytes:
    return compile_typst(render(v, "typst"), "pdf", v.sent)[0]


def render_kungorelse(v: AgendaView, dialect: Dialect) -> str:
    """The kungörelse of a public meeting: its time, place and ärenden."""
    if not v.public:
        raise Refused(
            f"sammanträdet {v.date} är inte kallat som offentligt: det har ingen kungörelse"
        )
    page = {
        "document_title": f"Kungörelse {v.forbund_name} {v.date.isoformat()}",
        "running_left": v.forbund_name,
        "orgnr": v.forbund_orgnr,
        "running_right": f"Sammanträde {v.date.isoformat()}",
        "initials": [],
        "footer_label": "",
    }
    header = [
        ("Tid", [f"{v.date.isoformat()} {v.time}".strip()]),
        ("Plats", [v.place]),
        ("Kungjord", [v.sent.isoformat()]),
    ]
    return (
        environment(dialect)
        .get_template("kungorelse.j2")
        .render(
            dialect=dialect,
            page=page,
            organ=f"Styrelsen, {v.forbund_name}",
            header=header,
            items=[f"{i.number}. {i.title}" for i in v.items],
        )
    )


def kungorelse_pdf(v: AgendaView) -> bytes:
    return compile_typst(render_kungorelse(v, "typst"), "pdf", v.sent)[0]


def kungorelse_notices(f: Forbund, records: Records, as_of: date) -> list[Notice]:
    """A public meeting's kungörelse: up from the day its kallelse went out until the day
    after the meeting (KL 8:11: time, place and the ärenden made known in advance)."""
    found = []
    for year in (as_of.year, as_of.year + 1):
        events = records.events(Agenda.id_for(f.forbund, year))
        meetings = sorted({e.meeting for e in events if isinstance(e, Agenda.Called)})
        for meeting in meetings:
            call = last_call(events, meeting, as_of)
            if call is None or not call.public:
                continue
            titles = "; ".join(i.title for i in call.items)
            found.append(
                Notice(
                    kind="kungorelse",
                    key=f"kungorelse-{meeting.isoformat()}",
                    title=(
                        f"Kungörelse: sammanträde {meeting.isoformat()} {call.time}, "
                        f"{call.place}. Ärenden: {titles}"
                    ).strip(),
                    organ=organ(f),
                    meeting=meeting,
                    up=call.sent,
                    down=meeting + timedelta(days=1),
                )
            )
    return found


NOTICE_SOURCES.append(kungorelse_notices)
