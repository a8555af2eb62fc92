"""Provenance: every event behind a figure, and every figure a paragraph changed.

A figure is ``budget:YEAR:LINE`` (a budget line of a year), ``result:YEAR``, ``equity``
or ``insats:ID:charged|paid|unused``. Its explanation lists each event that moved it,
with the amount it moved it by, so the amounts sum to the figure exactly.

The amounts come from the rows the materialised view writes for each event
(``projections.money_rows``), selected the way ``MoneyView`` selects them: an event's
rows are what it adds (for an insats, the difference its event made to the postings),
so the rows a question admits add up to the answer, which tests/test_agreement.py
holds equal to the reference fold. Here the rows are written in memory from the log.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import msgspec

from finsam_es.errors import InvalidInput
from finsam_es.values import ascii_digits, shown
from projections.event_log import content_of, paragraph_of
from projections.money_reports import InsatsSummary
from projections.money_rows import RowWriter
from projections.view_tables import Rows, no_rows
from store.chain import Link

INSATS_FIGURES = ("charged", "paid", "unused")
_summary = msgspec.json.Decoder(InsatsSummary)

# The amount's column in a fin_postings row (projections/view_tables.py TABLES): the rows are
# read by position, so the index is named once.
POSTING_AMOUNT = 9


class Contribution(msgspec.Struct, frozen=True):
    position: int
    amount: int
    effective: date
    recorded: str
    actor: str
    paragraph: str | None
    type: str
    content: str


class Explanation(msgspec.Struct, frozen=True):
    figure: str
    as_of: date
    known_at: datetime | None
    value: int
    events: tuple[Contribution, ...]


class Change(msgspec.Struct, frozen=True):
    figure: str
    before: int
    after: int


class Impact(msgspec.Struct, frozen=True):
    paragraph: str
    as_of: date
    events: tuple[int, ...]  # the log positions of the paragraph's events
    figures: tuple[Change, ...]


def check_figure(figure: str) -> str:
    """The figure named, or InvalidInput naming the forms."""
    parts = figure.split(":")
    ok = (
        (parts[0] == "budget" and len(parts) == 3 and ascii_digits(parts[1], 4) and parts[2] != "")
        or (parts[0] == "result" and len(parts) == 2 and ascii_digits(parts[1], 4))
        or parts == ["equity"]
        or (parts[0] == "insats" and len(parts) == 3 and parts[2] in INSATS_FIGURES and parts[1])
    )
    if not ok:
        raise InvalidInput(
            f"'{shown(figure)}' is not a figure (write budget:YEAR:LINE, result:YEAR, equity "
            "or insats:ID:charged|paid|unused)"
        )
    return figure


class Provenance:
    """The view's rows of one förbund's events recorded by a moment, written from the log,
    and the figures they make up on a date."""

    def __init__(
        self,
        events: Iterable[tuple[int, Any]],
        forbund: str,
        known_at: datetime | None,
        chain: dict[int, Link],
    ):
        self.forbund = forbund
        self.known_at = known_at
        self.chain = chain
        self.rows: Rows = no_rows()
        self.events: dict[int, Any] = {}
        writer = RowWriter(_never, lambda _id: None)  # from the start: nothing to load
        for position, event in events:
            if getattr(event, "forbund", None) != forbund:
                continue
            if known_at is not None and event.timestamp > known_at:
                continue
            self.events[position] = event
            writer.write(position, event, self.rows)

    # -- what each figure is made of: log position -> amount -----------------------

    def parts(self, figure: str, as_of: date) -> dict[int, int]:
        kind, *rest = check_figure(figure).split(":")
        day = as_of.isoformat()
        out: dict[int, int] = {}

        def add(position: int, amount: int) -> None:
            out[position] = out.get(position, 0) + amount

        postings = [r for r in self.rows["fin_postings"] if r[2] <= day and r[4] <= day]
        if kind == "budget":
            year, line = int(rest[0]), rest[1]
            for r in self.rows["fin_budget"]:
                if r[1] == year and r[4] <= day and r[6] == line and r[7] != "equity":
                    add(r[2], r[10])
        elif kind == "result":
            first, last = f"{rest[0]}-01-01", f"{rest[0]}-12-31"
            for r in postings:
                if r[5] in ("income", "cost") and first <= r[4] <= last:
                    add(r[1], -r[POSTING_AMOUNT])
        elif kind == "equity":
            opening = [r for r in postings if r[8] == "opening" and r[5] == "equity"]
            start = min((r[4] for r in opening), default="0000-00-00")
            for r in opening:
                add(r[1], -r[POSTING_AMOUNT])
            for r in postings:
                if r[5] in ("income", "cost") and r[4] > start:
                    add(r[1], -r[POSTING_AMOUNT])
        elif rest[1] == "unused":
            previous = 0
            for r in sorted(self.rows["fin_insats"], key=lambda r: r[2]):
                if r[1] == rest[0] and r[3] <= day:
                    s = _summary.decode(r[5])
                    unused = s.dropped + s.settled_unused - s.carried
                    add(r[2], unused - previous)
                    previous = unused
        else:
            for r in postings:
                if r[7] != rest[0]:
                    continue
                if (rest[1] == "charged" and r[5] == "cost") or (
                    rest[1] == "paid" and r[8] == "payment" and r[5] == "accrued_costs"
                ):
                    add(r[1], r[POSTING_AMOUNT])
        return out

    def figures(self) -> list[str]:
        """Every figure the rows make: each budget line, each year's result, equity and
        each insats's three."""
        found = {f"budget:{r[1]}:{r[6]}" for r in self.rows["fin_budget"] if r[7] != "equity"}
        found |= {
            f"result:{r[4][:4]}" for r in self.rows["fin_postings"] if r[5] in ("income", "cost")
        }
        found.add("equity")
        for r in self.rows["fin_insats"]:
            found |= {f"insats:{r[1]}:{f}" for f in INSATS_FIGURES}
        return sorted(found)

    # -- the answers ---------------------------------------------------------------

    def explain(self, figure: str, as_of: date) -> Explanation:
        parts = self.parts(figure, as_of)
        events = tuple(
            self.contribution(position, amount)
            for position, amount in sorted(parts.items())
            if amount
        )
        return Explanation(figure, as_of, self.known_at, sum(parts.values()), events)

    def contribution(self, position: int, amount: int) -> Contribution:
        event = self.events[position]
        link = self.chain.get(position)
        return Contribution(
            position=position,
            amount=amount,
            effective=event.effective,
            recorded=event.timestamp.isoformat(),
            actor=link.actor if link else "",
            paragraph=paragraph_of(event),
            type=type(event).__qualname__,
            content=content_of(event),
        )

    def impact(self, paragraph: str, as_of: date) -> Impact:
        """Each figure the paragraph's events moved on the date: without them and with."""
        mine = {p for p, e in self.events.items() if paragraph_of(e) == paragraph}
        changes = []
        for figure in self.figures():
            parts = self.parts(figure, as_of)
            moved = sum(amount for position, amount in parts.items() if position in mine)
            touched = any(position in mine for position in parts)
            if touched and (moved or figure.startswith("budget:")):
                after = sum(parts.values())
                changes.append(Change(figure, after - moved, after))
        return Impact(paragraph, as_of, tuple(sorted(mine)), tuple(changes))


def _never(insats_id: Any, version: int) -> Any:  # pragma: no cover - starts from the log's start
    raise AssertionError("the provenance writer reads every event from the first")


class FigureChange(msgspec.Struct, frozen=True):
    figure: str
    before: int
    after: int
    events: tuple[Contribution, ...]  # what each event recorded in between moved it by


class Diff(msgspec.Struct, frozen=True):
    as_of: date
    known_at: tuple[datetime | None, datetime | None]
    changes: tuple[FigureChange, ...]


QUERIES = {"budget": "budget:", "result": "result:", "equity": "equity", "interventions": "insats:"}


def diff(before: Provenance, after: Provenance, query: str, year: int, as_of: date) -> Diff:
    """Which of a query's figures differ between two moments, and the events that moved
    them (their amounts sum to after - before)."""
    prefix = QUERIES[query] + (f"{year}" if query in ("budget", "result") else "")
    figures = sorted(set(before.figures()) | set(after.figures()))
    changes = []
    for figure in (f for f in figures if f.startswith(prefix)):
        old, new = before.parts(figure, as_of), after.parts(figure, as_of)
        if sum(old.values()) == sum(new.values()) and old == new:
            continue
        moved = {p: new.get(p, 0) - old.get(p, 0) for p in sorted(set(old) | set(new))}
        events = tuple(
            (after if p in after.events else before).contribution(p, amount)
            for p, amount in moved.items()
            if amount
        )
        changes.append(FigureChange(figure, sum(old.values()), sum(new.values()), events))
    return Diff(as_of, (before.known_at, after.known_at), tuple(changes))
