"""What a year's archive package (e-arkivpaket) holds and where each file goes in the
E-ARK SIP layout: the adjusted protokoll and a protokollsutdrag of each of their §,
the kallelser (and the kungörelse of a public meeting), the annual report, each as
PDF/A; the documents the diarium keeps, as received; the audit bundle as preservation
metadata. `finsam archive` (cli/archive.py) writes them, then the package's METS.xml
from their sizes and SHA-256 (projections/mets.py).

A part is made only when the package is written (``Part.make``), so a progress bar can
follow the PDFs being set one by one.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

import msgspec

from finsam_es.agenda import Agenda
from finsam_es.errors import FinsamError
from projections import agenda as agenda_document
from projections import protokoll
from store.documents import document_content

if TYPE_CHECKING:
    from projections.minutes import MinutesDocument
    from projections.queries import Reader

DATA = "representations/rep1/data"  # the documents themselves: the one representation
PRESERVATION = "metadata/preservation"  # what proves them whole: the audit bundle
PDF = "application/pdf"


class Part(NamedTuple):
    """One file of the package: its path inside it, what the summary calls it, its
    media type, and how to make its bytes."""

    path: str
    kind: str  # protokoll, protokollsutdrag, kallelse, kungorelse, arsredovisning, ...
    mimetype: str
    make: Callable[[], bytes]


class Plan(NamedTuple):
    forbund: str
    forbund_name: str
    orgnr: str
    year: int
    parts: tuple[Part, ...]
    left_out: tuple[str, ...]  # what the year has that the package cannot hold, and why


def plan(reader: Reader, forbund: str | None, year: int) -> Plan:
    """The parts of the year's package, as the records stand now."""
    at = reader.at()
    info = at.forbund_info(forbund)
    fid = info.id
    parts: list[Part] = []
    left_out: list[str] = []
    for row in at.governance.meetings(fid, year):
        if row.adjusted is None:
            left_out.append(f"protokollet {row.date} är inte justerat")
            continue
        doc = at.governance.minutes(fid, row.date)
        parts.append(_minutes(doc))
        parts.extend(_extract(doc, p.number) for p in doc.paragraphs)
    called = sorted({e.meeting for e in at.records.events(Agenda.id_for(fid, year)) if _is_call(e)})
    for day in called:
        view = at.agenda.show(fid, day)
        parts.append(
            Part(f"{DATA}/kallelser/kallelse-{day}.pdf", "kallelse", PDF, _bound(view, False))
        )
        if view.public:
            parts.append(
                Part(
                    f"{DATA}/kallelser/kungorelse-{day}.pdf", "kungorelse", PDF, _bound(view, True)
                )
            )
    parts.extend(_documents(reader, fid, year))
    report = _annual_report(reader, fid, year)
    if isinstance(report, str):
        left_out.append(report)
    else:
        parts.append(report)
    for name, data in at.audit.bundle(fid, (year,)).items():
        parts.append(
            Part(f"{PRESERVATION}/revision/{name}", "revision", _mimetype(name), _const(data))
        )
    return Plan(fid, info.name, info.orgnr, year, tuple(parts), tuple(left_out))


def _is_call(event: object) -> bool:
    return isinstance(event, Agenda.Called)


def _const(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _bound(view: agenda_document.AgendaView, kungorelse: bool) -> Callable[[], bytes]:
    if kungorelse:
        return lambda: agenda_document.kungorelse_pdf(view)
    return lambda: agenda_document.pdf(view)


def _minutes(doc: MinutesDocument) -> Part:
    path = f"{DATA}/protokoll/protokoll-{doc.date}.pdf"
    return Part(path, "protokoll", PDF, lambda: protokoll.pdf(doc))


def _extract(doc: MinutesDocument, number: int) -> Part:
    """The protokollsutdrag of one §: the minutes with that § alone (as `paragraph
    extract` prints it)."""
    one = msgspec.structs.replace(
        doc, paragraphs=tuple(p for p in doc.paragraphs if p.number == number)
    )
    path = f"{DATA}/protokollsutdrag/utdrag-{doc.date.year}-{number:03d}.pdf"
    return Part(path, "protokollsutdrag", PDF, lambda: protokoll.pdf(one, extract=True))


def _documents(reader: Reader, fid: str, year: int) -> list[Part]:
    """The diarium's documents of the year as received, each checked against the hash
    its event holds: a changed one stops the package (`audit verify` names it)."""
    at = reader.at()
    parts = []
    for entry in at.diarium.entries(fid, year):
        folder = f"{DATA}/handlingar/{entry.number.replace('/', '-')}"
        for ref in entry.documents:

            def make(
                sha256: str = ref.sha256, name: str = ref.name, number: str = entry.number
            ) -> bytes:
                data = document_content(reader.app, sha256)
                if data is None or hashlib.sha256(data).hexdigest() != sha256:
                    raise FinsamError(
                        f"handlingen {name} i diarienummer {number} saknas eller är ändrad "
                        "i lagret: kör finsam audit verify"
                    )
                return data

            parts.append(Part(f"{folder}/{ref.name}", "handling", _mimetype(ref.name), make))
    return parts


def _annual_report(reader: Reader, fid: str, year: int) -> Part | str:
    """The annual report as `report annual --year Y` writes it (everything decided for
    the year, on 31 December), or why the year has none."""
    from projections.report_document import render

    statements = reader.at(date(year, 12, 31)).statements
    try:
        books = statements.books(fid, year, "year", decided_by=date.max)
        document = statements.report_document("annual", books, None, date.max)
    except FinsamError as e:
        return f"ingen årsredovisning för {year}: {e}"
    path = f"{DATA}/arsredovisning/arsredovisning-{year}.pdf"
    return Part(path, "arsredovisning", PDF, lambda: render(document, "pdf"))


# media types the E-ARK validator finds in IANA's register; JSON Lines has none yet
MEDIA_TYPES = {".jsonl": "text/plain", ".md": "text/markdown", ".json": "application/json"}


def _mimetype(name: str) -> str:
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
