"""The free text a förbund adds to a section of its annual or half-year report.

The report is written from the records; what only the förbund can say (the year's
events in its own words, the outlook) is recorded per section as text, versioned like
every record: recording a section again replaces it from that day, and the log keeps
each version, so a report "as known at" a moment shows the words it had then.
One ``ReportTexts`` per förbund and year.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.errors import InvalidInput

ReportKind = Literal["annual", "halfyear"]
MAX_TEXT = 20_000  # a few pages; a report's section, not a document of its own
SECTION = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class ReportTexts(YearlyAggregate):
    """The texts of one förbund's reports of a year, per report and section."""

    KEY = "report-texts"

    class Opened(FinsamAggregate.Created):
        label = "report texts of a year opened"
        year: int

        def apply(self, aggregate: ReportTexts) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year

    class TextRecorded(FinsamAggregate.Event):
        label = "report text recorded"
        report: ReportKind
        section: str
        text: str

        @property
        def summary(self) -> str:
            return f"{self.report} {self.section}: {self.text}"

    if TYPE_CHECKING:
        year: int

    def record_text(
        self, report: ReportKind, section: str, text: str, on: date, at: datetime
    ) -> None:
        """Record (or replace from ``on``) a section's text; an empty text removes it."""
        if not SECTION.match(section):
            raise InvalidInput(
                f"'{section}' is not a section name: lower-case letters, digits and -, "
                "like forvaltningsberattelse or framtid"
            )
        if len(text) > MAX_TEXT:
            raise InvalidInput(f"the text of '{section}' is longer than {MAX_TEXT} characters")
        self.record(
            self.TextRecorded, at, effective=on, report=report, section=section, text=text.strip()
        )
