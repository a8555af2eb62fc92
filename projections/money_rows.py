"""The rows each stored event writes into the money view's tables (projections/view_tables.py).

Each money event becomes rows: postings (double-entry legs), budget deltas, plan
amounts, allocation totals and insats summaries. Every row carries ``valid_from``
(the effective date of the event that wrote it) and ``recorded`` (when the event was
stored), so one table answers "as of D" and "as known at T" with plain sums:
``valid_from <= D AND recorded <= T``. Rows for an insats are the difference between
its postings before and after the event; since an insats's records go forward in
time, the rows admitted for any D and T add up to exactly what the reference fold
derives (tests/test_agreement.py).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, NamedTuple
from uuid import UUID

import msgspec

from finsam_es import accounting
from finsam_es.accounting import Posting
from finsam_es.base import FinsamAggregate
from finsam_es.diarium import Diarium
from finsam_es.errors import FinsamError
from finsam_es.event_bounds import out_of_bounds
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from projections.money_fold import summarise
from projections.money_shapes import current_until
from projections.view_numbers import DIARIUM
from projections.view_tables import Rows

MONEY = (Forbund.OpeningEquitySet, FiscalYear.Event, Insats.Event)  # events that write rows
DIARIUM_EVENTS = (Diarium.Opened, Diarium.Registered, Diarium.Concerned)
# Insatser the writer keeps in memory while it writes (the least recently written is
# dropped first and loaded again from the log if it has another event): a rebuild's
# memory does not grow with the number of insatser in the store.
KEPT_INSATSER = 4096


def micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


class RowWriter:
    """Writes the rows of stored events, in log order, remembering what the next one needs:
    each insats as the last event left it, and the year of each fiscal year.

    ``load_insats(id, version)`` gives an insats as it stood at a version (when the
    writer starts in the middle of the log); ``stored_year(id)`` the year of a fiscal
    year whose opening was written earlier, or None.
    """

    def __init__(
        self,
        load_insats: Callable[[UUID, int], Insats],
        stored_year: Callable[[UUID], int | None],
        kept: int | None = None,
    ):
        self.load_insats = load_insats
        self.stored_year = stored_year
        self.kept = kept  # how many insatser to keep in memory (None: all)
        self.insatser: dict[UUID, _Written] = {}
        self.years: dict[UUID, int] = {}
        # (position, why) of each event left out as beyond finsam's bounds
        self.refused: list[tuple[int, str]] = []

    def write(self, position: int, event: Any, rows: Rows) -> None:
        forbund = getattr(event, "forbund", "")
        if isinstance(event, DIARIUM_EVENTS):  # the diarienummer (projections/view_numbers.py)
            self._diarium_row(position, event, rows)
            return
        if not isinstance(event, MONEY):
            return
        found = out_of_bounds(event)
        if found:  # its rows would overflow the view's sums: left out, and named
            self.refused.append((position, found))
            return
        valid = event.effective.isoformat()
        recorded = micros(event.timestamp)

        numbered = itertools.count()  # the event's postings in order: with the position, a key
        written = rows["fin_postings"]

        def postings(items: Iterable[Posting]) -> None:
            for p in items:
                written.append(
                    (
                        forbund,
                        position,
                        valid,
                        recorded,
                        p.day.isoformat(),
                        p.account,
                        p.line,
                        p.insats,
                        p.kind,
                        p.amount,
                        next(numbered),
                    )
                )

        def changes(delta: Counter[tuple[Any, ...]]) -> None:
            """Postings by their (day, account, line, insats, kind) and amount, in order."""
            for (day, account, line, insats, kind), amount in sorted(delta.items()):
                if amount:
                    written.append(
                        (
                            forbund,
                            position,
                            valid,
                            recorded,
                            day.isoformat(),
                            account,
                            line,
                            insats,
                            kind,
                            amount,
                            next(numbered),
                        )
                    )

        if isinstance(event, Forbund.OpeningEquitySet):
            postings(accounting.opening_postings(event))
        elif isinstance(event, FiscalYear.Opened):
            self.years[event.originator_id] = event.year
            rows["fin_years"].append((event.originator_id.hex, event.year))
        elif isinstance(event, FiscalYear.Event):
            year = self._year(event.originator_id)
            head = (forbund, year, position)
            when = (valid, recorded)
            # seq numbers the event's own rows (what is read of it is their order within
            # the position): the rows are the same whichever batch or process wrote them
            budget_seq, plan_seq = itertools.count(), itertools.count()

            def budget_row(
                line: str, kind: str, name: str, insats: bool, delta: int, par: str
            ) -> None:
                rows["fin_budget"].append(
                    (*head, next(budget_seq), *when, line, kind, name, int(insats), delta, par)
                )

            if isinstance(event, FiscalYear.BudgetAdopted):
                for plan_year in event.plan:
                    for a in plan_year.lines:
                        rows["fin_plan"].append(
                            (*head, next(plan_seq), *when, plan_year.year, a.line, a.amount)
                        )
                for b in event.lines:
                    budget_row(b.line, b.kind, b.name, b.insats, b.amount, event.paragraph or "")
                budget_row("", "equity", "", False, event.from_equity, "")
            elif isinstance(event, FiscalYear.BudgetChanged):
                for ch in event.changes:
                    budget_row(
                        ch.line, ch.kind or "", ch.name, ch.insats, ch.delta, event.paragraph or ""
                    )
                if event.from_equity:
                    budget_row("", "equity", "", False, event.from_equity, "")
            elif isinstance(event, FiscalYear.AllocationSet):
                postings(accounting.allocation_postings(event, year))
                rows["fin_allocation"].append(
                    (forbund, year, position, valid, recorded, sum(a.amount for a in event.amounts))
                )
            elif isinstance(event, FiscalYear.Booked):
                postings(accounting.booking_postings(event))
            elif isinstance(event, FiscalYear.Transferred):
                postings(accounting.transfer_postings(event))
        else:
            self._insats_rows(position, event, rows, postings, changes, valid, recorded)

    def _diarium_row(self, position: int, event: Any, rows: Rows) -> None:
        if isinstance(event, Diarium.Opened):  # a diarium's year, as a fiscal year's
            self.years[event.originator_id] = event.year
            rows["fin_years"].append((event.originator_id.hex, event.year))
            return
        year = self._year(event.originator_id)
        entry = event.entry.number if isinstance(event, Diarium.Registered) else ""
        when = (event.effective.isoformat(), micros(event.timestamp))
        rows[DIARIUM].append(
            (event.forbund, year, position, *when, event.number, event.concerns, entry)
        )

    def _year(self, fiscal_year_id: UUID) -> int:
        if fiscal_year_id not in self.years:
            year = self.stored_year(fiscal_year_id)
            if year is None:  # pragma: no cover - the Opened event always comes first
                raise FinsamError(
                    f"fiscal year {fiscal_year_id} is unknown to the view; rebuild it"
                )
            self.years[fiscal_year_id] = year
        return self.years[fiscal_year_id]

    def _insats_rows(
        self,
        position: int,
        event: Any,
        rows: Rows,
        postings: Callable[[Iterable[Posting]], None],
        changes: Callable[[Counter[tuple[Any, ...]]], None],
        valid: str,
        recorded: int,
    ) -> None:
        oid = event.originator_id
        if isinstance(event, Insats.ApplicationReceived):
            agg: Insats = event.mutate(None)
            before = _Written(agg, _who(agg), {}, b"")
        else:
            if oid not in self.insatser:
                previous = self.load_insats(oid, event.originator_version - 1)
                parts, _delta = _charged(previous, {})
                self.insatser[oid] = _Written(previous, _who(previous), parts, _summary(previous))
            before = self.insatser.pop(oid)
            agg = before.insats
            # the event's own change, as the reference fold applies it (money_state.py):
            # the library's version bookkeeping is nothing the rows read
            event.apply(agg)
        # A payment changes only what is paid, which neither the charges nor the summary
        # read (tests/test_money_rows.py holds it to that); an event whose class keeps the
        # base ``apply`` records without changing the insats at all. Both leave the
        # charges and the summary as they were.
        if type(event) is Insats.PaymentMade or type(event).apply is FinsamAggregate.Event.apply:
            if isinstance(event, Insats.PaymentMade):
                postings(accounting.payment_postings(event, agg))
            self._keep(oid, before)
            return
        # The charges per money year: a part (the plan's months of a year, or a year's
        # interim reports and settlement) is charged again only when what it follows
        # from changed, and only the difference is written.
        who = _who(agg)
        parts, delta = _charged(agg, before.parts if who == before.who else {}, before.parts)
        changes(delta)
        summarised = summarise(agg)
        summary = msgspec.json.encode(summarised)
        self._keep(oid, _Written(agg, who, parts, summary))
        if summary != before.summary:
            # an unchanged summary needs no row: the insats's previous row answers the
            # same for every date and moment that admits this event (its records go
            # forward in time)
            rows["fin_insats"].append(
                (
                    event.forbund,
                    agg.insats,
                    position,
                    valid,
                    recorded,
                    summary.decode(),
                    current_until(summarised),
                )
            )

    def _keep(self, oid: UUID, written: _Written) -> None:
        self.insatser[oid] = written
        if self.kept is not None and len(self.insatser) > self.kept:
            del self.insatser[next(iter(self.insatser))]  # the least recently written


class _Written(NamedTuple):
    """An insats as the writer last left it: the aggregate, whose charges its postings
    name (``_who``), its charges by part with what each follows from, and its summary
    as written."""

    insats: Insats
    who: tuple[str, str]
    parts: Parts
    summary: bytes


Part = tuple[str, int]  # ("plan", year) or ("settlement", year)
Parts = dict[Part, tuple[Any, Counter[tuple[Any, ...]]]]


def _who(agg: Insats) -> tuple[str, str]:
    """What every charge of an insats names besides its own year's figures."""
    return (agg.insats, agg.line)


def _part_keys(agg: Insats) -> dict[Part, Any]:
    """Each part of an insats's charges and what it follows from (``accounting``'s
    ``plan_charges`` and ``settlement_charges`` of one year)."""
    keys: dict[Part, Any] = {}
    for month, amount in agg.plan.items():
        months = keys.setdefault(("plan", month // 12), {})
        months[month] = amount
    for year in {*agg.interim, *agg.settled, *agg.corrections}:
        keys[("settlement", year)] = accounting.settlement_of(agg, year)
    return keys


def _charged(
    agg: Insats, same: Parts, before: Parts | None = None
) -> tuple[Parts, Counter[tuple[Any, ...]]]:
    """The insats's charges by part, and how they differ from ``before``'s: a part whose
    key is as in ``same`` keeps its charges uncomputed."""
    keys = _part_keys(agg)
    parts: Parts = {}
    delta: Counter[tuple[Any, ...]] = Counter()
    for part, (_key, counted) in (before or {}).items():
        if part not in keys or same.get(part, (None,))[0] != keys[part]:
            delta.subtract(counted)
    for part, key in keys.items():
        kept = same.get(part)
        if kept is not None and kept[0] == key:
            parts[part] = kept
            continue
        kind, year = part
        charges = (
            accounting.plan_charges(agg, year)
            if kind == "plan"
            else accounting.settlement_charges(agg, year)
        )
        counted = _counted(charges)
        delta.update(counted)
        parts[part] = (key, counted)
    return parts, delta


def _summary(agg: Insats) -> bytes:
    return msgspec.json.encode(summarise(agg))


def _counted(postings: tuple[Posting, ...]) -> Counter[tuple[Any, ...]]:
    out: Counter[tuple[Any, ...]] = Counter()
    for p in postings:
        out[(p.day, p.account, p.line, p.insats, p.kind)] += p.amount
    return out
