"""The year-end forecast (prognos 31/12) the director makes at a follow-up.

A half-year report states, per budget line, what the year is expected to end at, and
from that the forecast result and equity. Each forecast is made on a day and kept
with it; a later forecast of the same year replaces the earlier for the days after
it was made, so the forecast "as of" any date is the last one made by then, and "as
known at" any moment the last one recorded by then, like every other figure.

A line the forecast leaves out is expected to end at its budget (the reader fills it
in); amounts are öre, income and costs both positive.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.budget import LineKind
from finsam_es.errors import InvalidInput
from finsam_es.values import MAX_AMOUNT, format_kr


class ForecastLine(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A budget line's expected outcome at the year's end."""

    line: str
    kind: LineKind
    amount: int


class Forecast(YearlyAggregate):
    """The forecasts of one förbund's year."""

    KEY = "forecast"

    class Opened(FinsamAggregate.Created):
        label = "forecast of a year opened"
        year: int

        def apply(self, aggregate: Forecast) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year

    class Made(FinsamAggregate.Event):
        label = "forecast made"
        lines: tuple[ForecastLine, ...]
        text: str

        @property
        def summary(self) -> str:
            return ", ".join(f"{x.line} {format_kr(x.amount)}" for x in self.lines)

    if TYPE_CHECKING:
        year: int

    def make(self, lines: tuple[ForecastLine, ...], text: str, on: date, at: datetime) -> None:
        """Record the forecast made on ``on``: within the year it forecasts."""
        if on.year != self.year:
            raise InvalidInput(f"a forecast of {self.year} is made during {self.year}, not on {on}")
        if not lines:
            raise InvalidInput("a forecast gives at least one line (LINE:AMOUNT)")
        seen: set[tuple[str, str]] = set()
        for x in lines:
            if not x.line.strip():
                raise InvalidInput("a forecast line has an empty line id")
            if (x.kind, x.line) in seen:
                raise InvalidInput(f"the {x.kind} line '{x.line}' is forecast twice")
            if not 0 <= x.amount <= MAX_AMOUNT:
                raise InvalidInput(
                    f"'{x.line}': a forecast is between 0 and 1 000 000 000 kr "
                    "(income and costs both positive)"
                )
            seen.add((x.kind, x.line))
        self.record(self.Made, at, effective=on, lines=lines, text=text.strip())
