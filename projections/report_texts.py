"""The texts of a year's report on a date: each section's last text recorded by then."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec

from finsam_es.report_text import ReportTexts


class ReportTextRow(msgspec.Struct, frozen=True):
    report: str
    section: str
    text: str
    on: date


def report_text_rows(events: Iterable[Any], as_of: date) -> list[ReportTextRow]:
    """The sections with text by ``as_of``, in the order first recorded; a section whose
    last text is empty is left out."""
    found: dict[tuple[str, str], ReportTextRow] = {}
    for e in events:
        if isinstance(e, ReportTexts.TextRecorded) and e.effective <= as_of:
            key = (e.report, e.section)
            found[key] = ReportTextRow(e.report, e.section, e.text, e.effective)
    return [row for row in found.values() if row.text]
