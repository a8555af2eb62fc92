"""Typesetting the annual and half-year report: the model (projections/annual_report.py)
through one Jinja2 template of typst markup (projections/templates/reports/), compiled
to PDF or HTML by the typst package. Both libraries are imported only here, when a
report is made; amounts are formatted in tkr the Swedish way before the template."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from finsam_es.values import format_kr
from projections.annual_report import ReportDocument, Section
from projections.number_format import swedish
from projections.pdf_standards import PDF_STANDARDS

TEMPLATES = Path(__file__).parent / "templates" / "reports"
UNIT = "tkr"


def typst_string(value: Any) -> str:
    """A value as a typst string literal: the only escapes are \\ and "."""
    text = "" if value is None else str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _table(section: Section) -> dict[str, Any]:
    sheet = section.sheet
    return {
        "heading": section.heading,
        "columns": sheet.columns,
        "rows": [
            [swedish(v, c, UNIT) for v, c in zip(row, sheet.columns, strict=True)]
            for row in sheet.rows
        ],
    }


def typst_source(doc: ReportDocument) -> str:
    """The report as typst markup, from the one template."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        block_start_string="<%",
        block_end_string="%>",
        variable_start_string="<<",
        variable_end_string=">>",
        comment_start_string="<#",
        comment_end_string="#>",
        trim_blocks=True,
        autoescape=False,  # typst, not HTML: every text goes through |s
        undefined=jinja2.StrictUndefined,
    )
    env.filters["s"] = typst_string
    env.filters["kr"] = format_kr  # amounts in the förvaltningsberättelse's text
    template = env.get_template("report.typ.j2")
    return template.render(
        doc=doc,
        sections=[_table(s) for s in doc.sections],
        notes=[_table(n) for n in doc.notes],
    )


def render(doc: ReportDocument, fmt: Literal["pdf", "html", "png"]) -> bytes:
    """The report as PDF, HTML (typst's HTML export) or a PNG of its first page."""
    import typst

    source = typst_source(doc).encode("utf-8")
    if fmt == "png":
        pages = typst.compile(source, format="png", ppi=110)
        return pages if isinstance(pages, bytes) else pages[0]
    if fmt == "pdf":
        pdf: bytes = typst.compile(source, format="pdf", pdf_standards=PDF_STANDARDS)
        return pdf
    out: bytes = typst.compile(source, format=fmt)
    return out
