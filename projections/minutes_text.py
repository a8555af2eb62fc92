"""The minutes as a printed protokoll: plain text wrapped like a page, or markdown.

The layout is a Swedish municipal protokoll: the header (organ, plats och tid,
beslutande with "tjänstgör för", övriga närvarande, utses att justera, justeringens
plats och tid, paragrafer), every § with its decisions, reservationer, jäv and
expediering, the Underskrifter block and the ANSLAG/BEVIS block. The content comes
from the read models in projections/minutes.py; projections/protokoll.py prints the same
document as HTML and PDF.
"""

from __future__ import annotations

import textwrap
from datetime import date

from finsam_es.charter import OWN_BOARD
from projections.minutes import Attending, MinutesDocument, ParagraphView
from projections.votes import vote_lines

WIDTH = 92  # protocol text is wrapped like a printed page
LINE = "." * 34  # where a signature goes


def attending(a: Attending) -> str:
    """'Sandra Formgren (ersättare), tjänstgör för Mikael Sjölund'."""
    role = f" ({a.role})" if a.role else ""
    serving = f", tjänstgör för {a.serving_for}" if a.serving_for else ""
    return f"{a.name}{role}{serving}"


def plats_och_tid(doc: MinutesDocument) -> str:
    when = f"{doc.date}" + (f" kl. {doc.time}" if doc.time else "")
    return ", ".join(x for x in (doc.place, when) if x)


def justering(doc: MinutesDocument) -> str:
    when = str(doc.adjusted) if doc.adjusted else "ej justerat"
    return ", ".join(x for x in (doc.adjust_place, when) if x)


def header_fields(doc: MinutesDocument, extract: bool = False) -> list[tuple[str, list[str]]]:
    """The header's fields, each with its lines (several for the lists of people); an
    extract names its own paragraphs."""
    beslutande = [attending(a) for a in doc.beslutande] or list(doc.deciding)
    numbers = ", ".join(f"§{p.number}" for p in doc.paragraphs)
    paragrafer = (
        ("Paragraf", [numbers]) if extract else ("Paragrafer", [doc.paragraphs_range or "–"])
    )
    return [
        ("Plats och tid", [plats_och_tid(doc) or "–"]),
        ("Beslutande", beslutande or ["–"]),
        ("Övriga närvarande", [attending(a) for a in doc.ovriga] or ["–"]),
        *([("Deltar på distans", [", ".join(doc.distance)])] if doc.distance else []),
        ("Utses att justera", [", ".join(doc.adjusters) or "–"]),
        ("Justeringens plats och tid", [justering(doc)]),
        paragrafer,
    ]


def signatures(doc: MinutesDocument) -> list[tuple[str, str]]:
    """The Underskrifter block: sekreterare, ordförande, each justerare."""
    rows = [("Sekreterare", doc.secretary), ("Ordförande", doc.chair)]
    return rows + [("Justerare", name) for name in doc.adjusters or ("",)]


def anslag_fields(doc: MinutesDocument) -> list[tuple[str, str]]:
    """The ANSLAG/BEVIS block, its dates computed from the posting."""
    a = doc.anslag

    def d(day: date | None, missing: str = "–") -> str:
        return str(day) if day else missing

    if a is None:  # pragma: no cover - every document built since v2 has one
        return []
    down = d(a.posted_down)
    if a.take_down_earliest:
        down += f" (tidigast {a.take_down_earliest})"
    rows = [
        ("Organ", a.organ),
        ("Sammanträdesdatum", str(a.meeting)),
        ("Datum då anslaget sätts upp", d(a.posted_up, "ej anslaget")),
        ("Datum då anslaget tas ned", down),
        ("Sista dag för överklagande", d(a.appeal_last_day)),
    ]
    # one line per board when the charter names several, or a § was posted on its own
    if len(a.boards) > 1 or any(b.number for b in a.boards):
        rows += [(board_name(b.board, b.number), f"{b.up}–{d(b.down)}") for b in a.boards]
    early = a.take_down_earliest
    rows += [
        (
            "Varning",
            f"{board_name(b.board, None)}: tas ned {b.down}, före {early}, innan "
            "tiden för överklagande har löpt ut (KL 8:12)",
        )
        for b in a.boards
        if early and b.down and b.down < early and b.number is None
    ]
    return [*rows, ("Förvaringsplats för protokollet", a.storage)]


def board_name(board: str, number: int | None) -> str:
    if board == OWN_BOARD:
        where = "Förbundets anslagstavla"
    else:
        where = f"Anslagstavla {board}" if board else "Anslagstavlan"
    return f"{where} (§{number})" if number else where


def minutes_text(doc: MinutesDocument, markdown: bool, extract: bool = False) -> str:
    """The whole protocol of a meeting: its head, its fields, then every paragraph,
    the signatures and the anslag; or, as an ``extract`` (protokollsutdrag), its
    paragraphs with "Rätt utdraget intygar"."""
    md = markdown
    kind = "Extra sammanträde" if doc.extra else "Sammanträde"
    word = "PROTOKOLLSUTDRAG" if extract else "PROTOKOLL"
    parts = [
        f"# {word} {doc.forbund_name}" if md else f"{word}  {doc.forbund_name}",
        *([""] if md and doc.forbund_orgnr else []),
        *([f"Org.nr {doc.forbund_orgnr}"] if doc.forbund_orgnr else []),  # as in the PDF
        "",
        f"Styrelsen – {kind.lower()} {doc.date}" if md else f"Styrelsen, {kind.lower()} {doc.date}",
        "",
    ]
    fields = header_fields(doc, extract)
    width = max(len(k) for k, _ in fields) + 2
    for label, lines in fields:
        if md:
            parts.append(f"**{label}:** " + "  \n".join(lines) + "  ")
            continue
        for i, line in enumerate(lines):
            head = f"{label + ':':<{width}}" if i == 0 else " " * width
            parts.append(textwrap.fill(head + line, WIDTH, subsequent_indent=" " * width))
    for p in doc.paragraphs:
        parts += ["", *paragraph_lines(p, markdown=md)]
    if extract:
        adjusted = doc.adjusted or next((p.adjusted for p in doc.paragraphs if p.adjusted), None)
        parts += ["", "## Rätt utdraget intygar" if md else "RÄTT UTDRAGET INTYGAR", ""]
        parts.append(f"{'Sekreterare:':<14}{LINE}  {doc.secretary}" + ("  " if md else ""))
        parts += ["", f"Protokollet justerat: {adjusted or 'ej justerat'}" + ("  " if md else "")]
        parts.append(f"Anslaget: {doc.posted_up or 'ej anslaget'}")
        return "\n".join(parts)
    parts += ["", "## Underskrifter" if md else "UNDERSKRIFTER", ""]
    for role, name in signatures(doc):
        parts.append(f"{role + ':':<14}{LINE}  {name}" + ("  " if md else ""))
    for s in doc.signatures:  # digital justering: who, when and the hash they signed
        void = "" if s.valid else " (ogiltig: protokollet ändrades efter underskriften)"
        when = f"{s.at:%Y-%m-%d %H:%M:%S} UTC"
        key = ", med passnyckel" if s.passkey else ""
        parts.append(f"Justerat digitalt: {s.name} ({s.role}) {when}{key}, sha256 {s.sha256}{void}")
    parts += ["", "## ANSLAG/BEVIS" if md else "ANSLAG/BEVIS", ""]
    if doc.adjusted:
        parts.append("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.")
        parts.append("")
    awidth = max(len(k) for k, _ in anslag_fields(doc)) + 2
    for label, value in anslag_fields(doc):
        parts.append(f"**{label}:** {value}  " if md else f"{label + ':':<{awidth}}{value}")
    parts += ["", f"{'Underskrift:':<{awidth}}{LINE}"]
    if doc.warnings:
        parts += ["", *(f"Obs: {w}" for w in doc.warnings)]
    return "\n".join(parts)


def paragraph_text(view: ParagraphView, markdown: bool) -> str:
    """One paragraph on its own, with whether it is adjusted and posted."""
    lines = paragraph_lines(view, markdown)
    lines.append("")
    if view.quorum is not None:
        q = view.quorum
        of = f" av {q.seats}" if q.seats is not None else ""
        lines.append(f"Beslutförhet: {q.present}{of} ledamöter närvarande, {q.required} krävs")
    lines.append(
        f"Justerad: {view.adjusted or 'nej'}"
        + (" (omedelbar justering)" if view.immediately_adjusted else "")
    )
    lines.append(f"Anslagen: {view.posted or 'nej'}")
    return "\n".join(lines)


def without_quorum_note(p: ParagraphView) -> str:
    """The line a § decided without quorum carries (KL 6:27)."""
    count = f" ({p.quorum.present} av {p.quorum.required} ledamöter som krävs)" if p.quorum else ""
    return f"Beslutat utan att styrelsen var beslutför{count}"


def after_decisions(p: ParagraphView) -> list[str]:
    """What follows the decisions, each its own line: effect, uppdrag, reservation,
    jäv, expediering, corrections."""
    # the agenda's förslag where the board decided otherwise (issue 20, item 4)
    differs = p.proposal and (p.proposal,) != tuple(p.decisions)
    out = [f"Förslag till beslut: {p.proposal}"] if differs else []
    out += [f"Ekonomisk effekt: {e}" for e in p.effects] if p.show_effects else []
    out += paragraph_attendance(p)
    for a in p.assignments:
        due = f" (rapport senast {a['due']})" if a["due"] else ""
        state = " [klart]" if a["done"] else ""
        out.append(f"Uppdrag: {a['who']}: {a['what']}{due}{state}")
    out += vote_lines(p.proposals, p.vote)  # yrkanden and omröstning (issue 20)
    if p.dissent:
        out.append("Reservation: " + ", ".join(p.dissent))
    if p.conflict:
        out.append("Jäv (deltar inte): " + ", ".join(p.conflict))
    if p.without_quorum:
        out.append(without_quorum_note(p))
    if p.send_to:
        out.append("Expediering: " + ", ".join(p.send_to))
    if p.corrects:
        out.append(f"Rättar §{p.corrects}")
    if p.corrected_by:
        out.append("Rättad genom " + ", ".join(f"§{r}" for r in p.corrected_by))
    if p.immediately_adjusted:
        out.append(f"Paragrafen justerades omedelbart {p.adjusted}")
    return out


def paragraph_attendance(p: ParagraphView) -> list[str]:
    """Who chaired the § in the chair's place and who served for it only (KL 6:28)."""
    out = [f"Ordförande för paragrafen: {p.chaired_by}"] if p.chaired_by else []
    out += [
        f"Tjänstgör för paragrafen: {e} för {ledamot}"
        for e, ledamot in p.serving_for_paragraph.items()
    ]
    return out


def diarienummer_line(p: ParagraphView) -> str:
    """ "Dnr 2023/1" under the title: the matter's diarienummer, unless the § text gives
    it already (an ärende taken from the agenda says it so)."""
    return f"Dnr {p.diarienummer}" if p.diarienummer and p.diarienummer not in p.text else ""


def paragraph_lines(p: ParagraphView, markdown: bool) -> list[str]:
    """A paragraph as the minutes print it: title, text, decisions and what follows them."""
    head = f"### §{p.number} {p.title}" if markdown else f"§{p.number} {p.title}"
    out = [head]
    if dnr := diarienummer_line(p):
        out += ["", dnr]
    if p.text:
        out += ["", p.text if markdown else textwrap.fill(p.text, WIDTH)]
    if p.decisions:
        out += ["", "**Beslut**" if markdown else "Beslut", ""]
        out += [
            f"- {d}" if markdown else textwrap.fill(f"  {d}", WIDTH, subsequent_indent="  ")
            for d in p.decisions
        ]
    more = after_decisions(p)
    if more:
        # a blank line ends the list, and in markdown each line is its own
        out += [""] + ([f"{line}  " for line in more] if markdown else more)
    return out
