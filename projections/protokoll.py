"""The protokoll and the protokollsutdrag as HTML and PDF, from one Jinja2 layout
(projections/templates/protokoll/protokoll.j2) written out in HTML or in Typst markup; the Typst
compiler (the `typst` package, which ships it) makes the PDF and the PNG of a page.

Both libraries are imported where they are used, so `finsam --help` stays fast.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from projections.minutes import MinutesDocument, ParagraphView
from projections.minutes_text import (
    after_decisions,
    anslag_fields,
    diarienummer_line,
    header_fields,
    signatures,
)
from projections.pdf_standards import PDF_STANDARDS

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates" / "protokoll"
Dialect = Literal["html", "typst"]


def typst_string(value: object) -> str:
    """A Typst string literal: whatever the text holds, it is printed as text."""
    return json.dumps(str(value), ensure_ascii=False)


def css_string(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"')


def context(
    doc: MinutesDocument, extract: bool, links: dict[int, str] | None = None
) -> dict[str, Any]:
    """What the layout prints, worked out once for both dialects. With ``links`` (the web
    view's: § number -> URL) the HTML is a fragment whose § headings are links."""
    kind = "extra sammanträde" if doc.extra else "sammanträde"
    header = header_fields(doc, extract)
    adjusted = doc.adjusted or next(
        (p.adjusted for p in doc.paragraphs if p.immediately_adjusted), None
    )
    extract_fields = [
        ("Protokollet justerat", [str(adjusted) if adjusted else "ej justerat"]),
        ("Anslaget", [str(doc.posted_up) if doc.posted_up else "ej anslaget"]),
    ]
    return {
        "page": {
            "document_title": (
                f"{'Protokollsutdrag' if extract else 'Protokoll'} {doc.forbund_name} {doc.date}"
            ),
            "running_left": doc.forbund_name,
            "orgnr": doc.forbund_orgnr,  # under the name in the title block
            "running_right": f"Sammanträdesdatum {doc.date}",
            "initials": [*doc.adjusters, doc.chair] if doc.chair else list(doc.adjusters),
            "fragment": links is not None,
            "links": links or {},
        },
        "extract": extract,
        "organ_line": f"Styrelsen, {kind} {doc.date}",
        "header": header,
        "paragraphs": doc.paragraphs,
        "notes": {p.number: after_decisions(p) for p in doc.paragraphs},
        "dnr": {p.number: diarienummer_line(p) for p in doc.paragraphs},
        "signatures": signatures(doc),
        "anslag": [(k, [v]) for k, v in anslag_fields(doc)],
        "adjusted": doc.adjusted,
        "extract_by_role": "Sekreterare",
        "extract_by": doc.secretary,
        "extract_fields": extract_fields,
        "audit_head": doc.audit_head,
        "digital": digital_signatures(doc),
        "whole": {p.number for p in doc.paragraphs if fits_on_a_page(p)},
    }


# A4 with the protokoll's margins and type: some 48 lines of about 85 characters
PAGE_LINES, LINE_CHARS = 48, 85


def fits_on_a_page(p: ParagraphView) -> bool:
    """Whether a § fits on one page, so it is moved whole to the next page rather than
    split (a longer one breaks where the page ends)."""
    texts = [p.title, p.text, *p.decisions, *after_decisions(p)]
    lines = 4 + sum(1 + len(t) // LINE_CHARS + t.count("\n") for t in texts)
    return lines <= PAGE_LINES


def digital_signatures(doc: MinutesDocument) -> list[tuple[str, list[str]]]:
    """The signature page's rows of digital justering: who, when, the hash signed."""
    return [
        (
            f"{s.name} ({s.role})",
            [
                f"{s.at:%Y-%m-%d %H:%M:%S} UTC",
                f"sha256 {s.sha256}",
                *(["med passnyckel (WebAuthn)"] if s.passkey else []),
                *([] if s.valid else ["ogiltig: protokollet ändrades efter underskriften"]),
            ],
        )
        for s in doc.signatures
    ]


@functools.cache
def environment(dialect: Dialect) -> jinja2.Environment:
    """The templates' environment, made once per dialect: compiling the layout costs more
    than printing it (the web view prints the protokoll on every request)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=dialect == "html",
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["esc"] = typst_string
    env.filters["css"] = css_string
    return env


def render(
    doc: MinutesDocument,
    dialect: Dialect,
    extract: bool = False,
    links: dict[int, str] | None = None,
) -> str:
    """The protokoll (or, with ``extract``, the protokollsutdrag of its paragraphs); with
    ``links``, as the HTML fragment the web view shows (web/)."""
    env = environment(dialect)
    return env.get_template("protokoll.j2").render(dialect=dialect, **context(doc, extract, links))


def compile_typst(
    source: str, fmt: Literal["pdf", "png"], day: date, ppi: int = 110
) -> list[bytes]:
    """The Typst source compiled: one PDF, or one PNG per page. Only the fonts Typst
    ships are used and the date stamped in the PDF is the meeting's, so the same
    minutes give the same bytes on every machine."""
    import datetime as _dt

    import typst

    stamp = int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC).timestamp())
    out = typst.compile(
        source.encode(),
        format=fmt,
        ppi=ppi if fmt == "png" else None,
        ignore_system_fonts=True,
        timestamp=stamp,
        pdf_standards=PDF_STANDARDS if fmt == "pdf" else None,
    )
    if isinstance(out, bytes):
        return [out]
    return list(out)


def pdf(doc: MinutesDocument, extract: bool = False) -> bytes:
    return compile_typst(render(doc, "typst", extract), "pdf", doc.date)[0]


def png_pages(doc: MinutesDocument, extract: bool = False, ppi: int = 110) -> list[bytes]:
    return compile_typst(render(doc, "typst", extract), "png", doc.date, ppi)
