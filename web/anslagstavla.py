"""The förbund's own digital anslagstavla: public pages of ``finsam serve``, answered
without the token, that show the notices current on a date and nothing else of the
store (issue 21: the notice of each justering with how to appeal, and what the förbund
makes known itself through ``projections.governance_queries.NOTICE_SOURCES``).

Each notice is what its anslag record holds (``projections.anslag.Notice``): the same
last day of appeal as the minutes' bevis and ``finsam meetings``. The page takes only
``as_of`` and ``forbund``: the records are read as they stand, never as earlier known.
The Atom feed is built with ElementTree, which escapes every text it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import msgspec

from projections.anslag import Notice
from projections.queries import Reader
from web.clocks import YEARS, BadParameter, iso_date, parameter

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


class Board(msgspec.Struct, frozen=True):
    """The anslagstavla of one förbund on one date."""

    forbund: str
    name: str
    as_of: date
    notices: list[Notice]
    query: dict[str, str]  # the parameters given, carried by its links

    def href(self, path: str) -> str:
        return f"{path}?{urlencode(self.query)}" if self.query else path


def board(reader: Reader, params: Mapping[str, str], today: date) -> Board:
    """The notices up on ``as_of`` (default today) on the förbund's board."""
    as_of = parameter(params, "as_of", iso_date) or today
    if as_of.year not in YEARS:
        raise BadParameter("as_of", f"{as_of} is outside the years {YEARS[0]}-{YEARS[-1]}")
    given = params.get("forbund", "").strip() or None
    at = reader.at(as_of)
    fid = at.forbund_id(given)
    query = {k: params[k].strip() for k in ("as_of", "forbund") if params.get(k, "").strip()}
    notices = at.governance.notices(fid)
    return Board(fid, at.forbund_info(fid).name, as_of, notices, query)


def stamp(day: date) -> str:
    """An Atom date (RFC 3339): the start of the day, as the notices carry days only."""
    return f"{day.isoformat()}T00:00:00Z"


def lines(n: Notice) -> list[str]:
    """A notice in words, the page's fields in the feed's text."""
    out = [f"Organ: {n.organ}", f"Sammanträdesdatum: {n.meeting}"]
    if n.kind == "justering":
        out += [
            f"Protokollet justerat: {n.adjusted or '–'}",
            f"Anslaget sattes upp: {n.up}",
            f"Anslaget tas ned tidigast: {n.take_down_earliest or n.down}",
            f"Förvaringsplats för protokollet: {n.storage}",
            f"Sista dag för överklagande: {n.appeal_last_day or '–'}",
            n.how_to_appeal,
        ]
    else:
        out += [f"Anslaget: {n.up}", f"Tas ned: {n.down}"]
    return out


def atom(b: Board, base: str) -> bytes:
    """The notices of ``b`` as an Atom 1.0 feed (RFC 4287); ``base`` is the server's own
    address (scheme and host, the host already allow-listed)."""
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
        child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        child.text = text or None
        return child

    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})
    add(feed, "id", f"urn:finsam:anslagstavla:{b.forbund}")
    add(feed, "title", f"Anslagstavla – {b.name}")
    add(feed, "updated", stamp(max((n.up for n in b.notices), default=b.as_of)))
    add(add(feed, "author"), "name", b.name)
    add(
        feed,
        "link",
        rel="self",
        type=ATOM_TYPE.split(";")[0],
        href=base + b.href("/anslagstavla.atom"),
    )
    add(feed, "link", rel="alternate", type="text/html", href=base + b.href("/anslagstavla"))
    for n in b.notices:
        entry = add(feed, "entry")
        add(entry, "id", f"urn:finsam:anslagstavla:{b.forbund}:{n.key}")
        add(entry, "title", n.title)
        add(entry, "updated", stamp(n.up))
        add(entry, "published", stamp(n.up))
        add(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=f"{base}{b.href('/anslagstavla')}#{n.key}",
        )
        add(entry, "content", "\n".join(lines(n)), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
