"""The minutes as a printed protocol: plain text wrapped like a page, or markdown.

The words are the Swedish of a protocol (Beslutande, Justerare, Reservation, ...);
the content comes from the read models in projections/minutes.py.
"""

from __future__ import annotations

import textwrap

from projections.minutes import MinutesDocument, ParagraphView

WIDTH = 92  # protocol text is wrapped like a printed page


def minutes_text(doc: MinutesDocument, markdown: bool) -> str:
    """The whole protocol of a meeting: its head, its fields, then every paragraph."""
    md = markdown
    kind = "Extra sammanträde" if doc.extra else "Sammanträde"
    header = [
        f"# PROTOKOLL {doc.forbund_name}" if md else f"PROTOKOLL  {doc.forbund_name}",
        f"{kind} med styrelsen {doc.date}",
        "",
    ]
    fields = [
        ("Plats och tid", ", ".join(x for x in (doc.place, doc.time) if x) or "–"),
        ("Beslutande", ", ".join(doc.deciding) or "–"),
        ("Övriga deltagare", ", ".join(doc.others) or "–"),
        ("Ordförande", doc.chair or "–"),
        ("Sekreterare", doc.secretary or "–"),
        ("Justerare", ", ".join(doc.adjusters) or "–"),
        ("Paragrafer", doc.paragraphs_range or "–"),
        ("Justering", str(doc.adjusted) if doc.adjusted else "ej justerat"),
        (
            "Anslag",
            f"uppsatt {doc.posted_up}, nedtas {doc.posted_down}"
            if doc.posted_up
            else "ej anslaget",
        ),
    ]
    width = max(len(k) for k, _ in fields) + 2
    body = [
        f"**{k}:** {v}  "
        if md
        else textwrap.fill(f"{k + ':':<{width}}{v}", WIDTH, subsequent_indent=" " * width)
        for k, v in fields
    ]
    parts = header + body
    for p in doc.paragraphs:
        parts += ["", *paragraph_lines(p, markdown=md)]
    return "\n".join(parts)


def paragraph_text(view: ParagraphView, markdown: bool) -> str:
    """One paragraph on its own, with whether it is adjusted and posted."""
    lines = paragraph_lines(view, markdown)
    lines.append("")
    lines.append(
        f"Justerad: {view.adjusted or 'nej'}"
        + (" (omedelbar justering)" if view.immediately_adjusted else "")
    )
    lines.append(f"Anslagen: {view.posted or 'nej'}")
    return "\n".join(lines)


def paragraph_lines(p: ParagraphView, markdown: bool) -> list[str]:
    """A paragraph as the minutes print it: title, text, decisions and what follows them."""
    head = f"### §{p.number} {p.title}" if markdown else f"§{p.number} {p.title}"
    out = [head]
    if p.text:
        out += ["", p.text if markdown else textwrap.fill(p.text, WIDTH)]
    if p.decisions:
        out += ["", "**Beslut**" if markdown else "Beslut"]
        out += [f"- {d}" if markdown else f"  {d}" for d in p.decisions]
    if p.decisions and p.effects:
        out += [f"Ekonomisk effekt: {e}" for e in p.effects]
    if p.assignments:
        for a in p.assignments:
            due = f" (rapport senast {a['due']})" if a["due"] else ""
            state = " [klart]" if a["done"] else ""
            out.append(f"Uppdrag: {a['who']}: {a['what']}{due}{state}")
    if p.dissent:
        out.append("Reservation: " + ", ".join(p.dissent))
    if p.conflict:
        out.append("Jäv (deltar inte): " + ", ".join(p.conflict))
    if p.corrects:
        out.append(f"Rättar §{p.corrects}")
    if p.corrected_by:
        out.append("Rättad genom " + ", ".join(f"§{r}" for r in p.corrected_by))
    if p.immediately_adjusted:
        out.append(f"Paragrafen justerades omedelbart {p.adjusted}")
    return out
