"""The board's decision that synnerliga skäl exist not to restore a year's negative
balanskravsresultat (KL 11:12-13 through lag 2003:1210 21 §).

A negative balanskravsresultat is to be restored within the three years that follow;
the board may instead decide that synnerliga skäl exist not to restore it. The decision
is recorded here, per förbund and deficit year, apart from the fiscal year's books: it
changes no posting and may be taken after the year is closed (often with the annual
report). Whether the year has a deficit is a question of the books, answered by the
balanskravsutredning (projections/balanskrav.py), which reads this decision.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.errors import InvalidInput, Refused


class Exemption(msgspec.Struct, frozen=True):
    """A decision that synnerliga skäl exist not to restore ``year``'s deficit."""

    year: int
    decided: date
    paragraph: str | None
    reason: str


class DeficitExemption(YearlyAggregate):
    """The synnerliga skäl decided for one förbund's deficit year, if any."""

    KEY = "deficit-exemption"

    class Opened(FinsamAggregate.Created):
        label = "deficit year opened"
        year: int

        def apply(self, aggregate: DeficitExemption) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.decided = None

    class Exempted(FinsamAggregate.Decision):
        label = "deficit not to be restored (synnerliga skäl)"
        reason: str

        def apply(self, aggregate: DeficitExemption) -> None:
            aggregate.decided = Exemption(
                aggregate.year, self.effective, self.paragraph, self.reason
            )

    if TYPE_CHECKING:
        decided: Exemption | None

    def exempt(self, reason: str, paragraph: str | None, on: date, at: datetime) -> None:
        """Decide that synnerliga skäl exist not to restore the year's deficit."""
        if not reason.strip():
            raise InvalidInput("say what the synnerliga skäl are (--reason)")
        if on.year <= self.year:
            raise InvalidInput(
                f"synnerliga skäl for {self.year}'s deficit are decided after the year ends, "
                f"not on {on}"
            )
        if self.decided is not None:
            raise Refused(
                f"synnerliga skäl for {self.year}'s deficit were decided on {self.decided.decided}"
            )
        self.record(self.Exempted, at, effective=on, paragraph=paragraph, reason=reason.strip())
