"""The published outcome of a year the store keeps no books for.

A förbund that starts keeping its books in finsam has years behind it: its annual
report compares the year with the one before (resultaträkning, driftredovisning) and
shows five years in its overview (medlemsbidrag, costs, result, equity, soliditet).
Those figures come from the annual reports the board adopted, not from bookings, and
are recorded as such, each year with its source: the statements show them where the
store has no postings for the year, and never where it has.

Amounts are öre, income and costs both positive. A year recorded again replaces what
was recorded before (the earlier record stays in the log: a correction is a new event).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.budget import LineKind
from finsam_es.errors import InvalidInput
from finsam_es.values import MAX_AMOUNT


class OutcomeLine(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A budget line's outcome in a published year (driftredovisning, Utfall)."""

    line: str
    kind: LineKind
    amount: int
    name: str = ""


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    """A year's figures as its adopted annual report states them."""

    source: str  # the document they come from: "Årsredovisning 2023, fastställd ..."
    allocation: int  # medlemsbidrag / driftbidrag from the members
    other_income: int = 0  # besides the allocation, financial income excluded
    costs: int  # operating costs, financial costs excluded
    result: int  # årets resultat (negative for a deficit)
    equity: int  # utgående eget kapital (may be negative)
    total_assets: int | None = None  # balansomslutning, for soliditet; None when unknown
    lines: tuple[OutcomeLine, ...] = ()  # the outcome per budget line, when published

    def checked(self) -> Outcome:
        """The figures, refused when they cannot be a year's published outcome."""
        if not self.source.strip():
            raise InvalidInput("say where the figures come from (--source), e.g. the annual report")
        for name in ("allocation", "other_income", "costs"):
            if getattr(self, name) < 0:
                raise InvalidInput(f"{name.replace('_', ' ')} is written as a positive amount")
        amounts = (self.allocation, self.other_income, self.costs, self.result, self.equity)
        if any(abs(a) > MAX_AMOUNT for a in amounts) or any(
            abs(x.amount) > MAX_AMOUNT for x in self.lines
        ):
            raise InvalidInput("an amount is beyond what finsam records (1 000 000 000 kr)")
        if self.total_assets is not None and self.total_assets <= 0:
            raise InvalidInput("total assets (balansomslutning) are positive when given")
        seen: set[tuple[str, str]] = set()
        for x in self.lines:
            if not x.line.strip():
                raise InvalidInput("an outcome line has an empty line id")
            if (x.kind, x.line) in seen:
                raise InvalidInput(f"the {x.kind} line '{x.line}' is given twice")
            seen.add((x.kind, x.line))
        return self

    def warnings(self, year: int) -> list[str]:
        """Where the published figures do not add up; they are recorded as published."""
        out: list[str] = []
        if self.lines:
            income = sum(x.amount for x in self.lines if x.kind == "income")
            costs = sum(x.amount for x in self.lines if x.kind == "cost")
            if income - costs != self.result:
                out.append(
                    f"{year}: the lines' income less costs is {income - costs} öre, "
                    f"the stated result {self.result} öre"
                )
        return out


class PublishedYear(YearlyAggregate):
    """The published outcome of one förbund's year."""

    KEY = "published-year"

    class Opened(FinsamAggregate.Created):
        year: int

        def apply(self, aggregate: PublishedYear) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.outcome = None

    class Recorded(FinsamAggregate.Event):
        outcome: Outcome

        def apply(self, aggregate: PublishedYear) -> None:
            aggregate.outcome = self.outcome

    if TYPE_CHECKING:
        outcome: Outcome | None

    def record_outcome(self, outcome: Outcome, at: datetime) -> None:
        self.record(self.Recorded, at, effective=date(self.year, 12, 31), outcome=outcome.checked())
