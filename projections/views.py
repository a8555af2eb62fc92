"""Materialised money tables, kept up to date from the notification log.

Each stored event becomes rows: postings (double-entry legs), budget deltas,
allocation totals and insats summaries. Every row carries ``valid_from`` (the
effective date of the event that wrote it) and ``recorded`` (when the event was
stored), so one table answers "as of D" and "as known at T" with plain sums:
``valid_from <= D AND recorded <= T``. Rows for an intervention are the
difference between its postings before and after the event; since an
intervention's records go forward in time, the rows admitted for any D and T
add up to exactly what the reference fold derives (tests/test_agreement.py).

The rows and the tracking position are written in one transaction with the
library's tracking recorder, on the store's own SQLite database. Catching up reads
only the events after the tracked position.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import Tracking
from eventsourcing.sqlite import SQLiteTrackingRecorder

from finsam_es.accounting import (
    Posting,
    allocation_postings,
    booking_postings,
    charge_postings,
    opening_postings,
    payment_postings,
)
from finsam_es.application import FinsamApp
from finsam_es.errors import FinsamError
from finsam_es.governance import Forbund
from finsam_es.ledger import FiscalYear, Intervention
from projections.money import summarise
from projections.reports import (
    BudgetReport,
    BudgetRow,
    EquityReport,
    InsatsSummary,
    InterventionsReport,
    ResultReport,
    budget_report,
    equity_report,
    insats_row,
    result_report,
)

NAME = "finsam_money_view_v2"  # bump when the rows change shape: the view then rebuilds
FOREVER = datetime.max.replace(tzinfo=UTC)

VIEW_TABLES = (
    "fin_postings",
    "fin_budget",
    "fin_allocation",
    "fin_insats",
    "fin_years",
    "fin_plan",
)
TABLES = (
    "CREATE TABLE IF NOT EXISTS fin_postings (forbund TEXT, position INTEGER, valid_from TEXT, "
    "recorded INTEGER, day TEXT, account TEXT, line TEXT, insats TEXT, kind TEXT, paragraph TEXT, "
    "amount INTEGER)",
    "CREATE INDEX IF NOT EXISTS fin_postings_day ON fin_postings (forbund, day)",
    "CREATE TABLE IF NOT EXISTS fin_budget (forbund TEXT, year INTEGER, position INTEGER, "
    "valid_from TEXT, recorded INTEGER, line TEXT, kind TEXT, name TEXT, insats INTEGER, "
    "delta INTEGER, paragraph TEXT)",
    "CREATE INDEX IF NOT EXISTS fin_budget_year ON fin_budget (forbund, year)",
    "CREATE TABLE IF NOT EXISTS fin_allocation (forbund TEXT, year INTEGER, position INTEGER, "
    "valid_from TEXT, recorded INTEGER, amount INTEGER)",
    "CREATE TABLE IF NOT EXISTS fin_insats (forbund TEXT, insats TEXT, position INTEGER, "
    "valid_from TEXT, recorded INTEGER, summary BLOB)",
    "CREATE INDEX IF NOT EXISTS fin_insats_key ON fin_insats (forbund, insats, position)",
    "CREATE TABLE IF NOT EXISTS fin_years (id TEXT PRIMARY KEY, year INTEGER)",
    "CREATE TABLE IF NOT EXISTS fin_plan (forbund TEXT, year INTEGER, position INTEGER, valid_from TEXT, "
    "recorded INTEGER, plan_year INTEGER, line TEXT, amount INTEGER)",
)

_summary_decoder = msgspec.json.Decoder(InsatsSummary)


def micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


class MoneyView:
    """The materialised money tables of a store and the questions they answer."""

    def __init__(self, app: FinsamApp):
        datastore = getattr(app.factory, "datastore", None)
        if (
            datastore is None
            or not hasattr(datastore, "pool")
            or "sqlite" not in type(datastore).__module__
        ):
            raise FinsamError(
                "materialised views need the SQLite store for now; use --fold on PostgreSQL"
            )
        self.app = app
        self.datastore = datastore
        self.tracking = SQLiteTrackingRecorder(datastore)
        self.tracking.create_table()
        with datastore.transaction(commit=True) as c:
            for statement in TABLES:
                c.execute(statement)
        if self.tracking.max_tracking_id(NAME) is None:
            self._clear()  # a new view, or rows of an older shape: start from scratch
        self._insatser: dict[UUID, tuple[Intervention, Counter[tuple[Any, ...]]]] = {}
        self.years: dict[UUID, int] = {}

    # -- keeping up ----------------------------------------------------------------

    def position(self) -> int:
        return self.tracking.max_tracking_id(NAME) or 0

    def pending(self) -> int:
        return max(self.app.event_count() - self.position(), 0)

    def catch_up(self, progress: Callable[[int], None] | None = None, batch: int = 2000) -> int:
        """Process the events after the tracked position; returns how many were read."""
        done = 0
        while True:
            notifications = self.app.recorder.select_notifications(
                start=self.position() + 1, limit=batch
            )
            if not notifications:
                return done
            rows: dict[str, list[tuple[Any, ...]]] = {
                "postings": [],
                "budget": [],
                "allocation": [],
                "insats": [],
                "years": [],
                "plan": [],
            }
            for n in notifications:
                self._rows(n.id, self.app.mapper.to_domain_event(n), rows)
            with self.datastore.transaction(commit=True) as c:
                c.executemany(
                    "INSERT INTO fin_postings VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows["postings"]
                )
                c.executemany(
                    "INSERT INTO fin_budget VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows["budget"]
                )
                c.executemany("INSERT INTO fin_allocation VALUES (?,?,?,?,?,?)", rows["allocation"])
                c.executemany("INSERT INTO fin_insats VALUES (?,?,?,?,?,?)", rows["insats"])
                c.executemany("INSERT OR REPLACE INTO fin_years VALUES (?,?)", rows["years"])
                c.executemany("INSERT INTO fin_plan VALUES (?,?,?,?,?,?,?,?)", rows["plan"])
                self.tracking._insert_tracking(c, Tracking(NAME, notifications[-1].id))
            done += len(notifications)
            if progress:
                progress(len(notifications))

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Drop every row and the tracking position, then fold the whole log again."""
        self._clear()
        self._insatser.clear()
        self.years.clear()
        return self.catch_up(progress)

    def _clear(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            for table in VIEW_TABLES:
                c.execute(f"DELETE FROM {table}")
            c.execute("DELETE FROM tracking WHERE application_name = ?", (NAME,))

    def _rows(self, position: int, event: Any, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        forbund = getattr(event, "forbund", "")
        if not isinstance(event, Forbund.OpeningEquitySet | FiscalYear.Event | Intervention.Event):
            return
        valid = event.effective.isoformat()
        recorded = micros(event.timestamp)

        def postings(items: Any, sign: int = 1) -> None:
            for p in items:
                rows["postings"].append(
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
                        p.paragraph,
                        sign * p.amount,
                    )
                )

        if isinstance(event, Forbund.OpeningEquitySet):
            postings(opening_postings(event))
        elif isinstance(event, FiscalYear.Opened):
            self.years[event.originator_id] = event.year
            rows["years"].append((event.originator_id.hex, event.year))
        elif isinstance(event, FiscalYear.Event):
            year = self._year(event.originator_id)
            if isinstance(event, FiscalYear.BudgetAdopted):
                for plan_year in event.plan:
                    rows["plan"].extend(
                        (forbund, year, position, valid, recorded, plan_year.year, a.line, a.amount)
                        for a in plan_year.lines
                    )
                for b in event.lines:
                    rows["budget"].append(
                        (
                            forbund,
                            year,
                            position,
                            valid,
                            recorded,
                            b.line,
                            b.kind,
                            b.name,
                            int(b.insats),
                            b.amount,
                            event.paragraph or "",
                        )
                    )
                rows["budget"].append(
                    (
                        forbund,
                        year,
                        position,
                        valid,
                        recorded,
                        "",
                        "equity",
                        "",
                        0,
                        event.from_equity,
                        "",
                    )
                )
            elif isinstance(event, FiscalYear.BudgetChanged):
                for ch in event.changes:
                    rows["budget"].append(
                        (
                            forbund,
                            year,
                            position,
                            valid,
                            recorded,
                            ch.line,
                            ch.kind or "",
                            ch.name,
                            int(ch.insats),
                            ch.delta,
                            event.paragraph or "",
                        )
                    )
                if event.from_equity:
                    rows["budget"].append(
                        (
                            forbund,
                            year,
                            position,
                            valid,
                            recorded,
                            "",
                            "equity",
                            "",
                            0,
                            event.from_equity,
                            "",
                        )
                    )
            elif isinstance(event, FiscalYear.AllocationSet):
                postings(allocation_postings(event, year))
                rows["allocation"].append(
                    (forbund, year, position, valid, recorded, sum(a.amount for a in event.amounts))
                )
            elif isinstance(event, FiscalYear.Booked):
                postings(booking_postings(event))
        else:
            self._intervention_rows(position, event, rows, postings, valid, recorded)

    def _year(self, fiscal_year_id: UUID) -> int:
        if fiscal_year_id not in self.years:
            with self.datastore.transaction(commit=False) as c:
                c.execute("SELECT year FROM fin_years WHERE id = ?", (fiscal_year_id.hex,))
                row = c.fetchone()
            if row is None:  # pragma: no cover - the Opened event always comes first
                raise FinsamError(
                    f"fiscal year {fiscal_year_id} is unknown to the view; rebuild it"
                )
            self.years[fiscal_year_id] = row[0]
        return self.years[fiscal_year_id]

    def _intervention_rows(
        self,
        position: int,
        event: Any,
        rows: dict[str, list[tuple[Any, ...]]],
        postings: Callable[..., None],
        valid: str,
        recorded: int,
    ) -> None:
        oid = event.originator_id
        if isinstance(event, Intervention.ApplicationReceived):
            agg: Intervention = event.mutate(None)
            before: Counter[tuple[Any, ...]] = Counter()
        else:
            if oid not in self._insatser:
                previous: Intervention = self.app.repository.get(
                    oid, version=event.originator_version - 1
                )
                self._insatser[oid] = (previous, _counted(charge_postings(previous)))
            agg, before = self._insatser[oid]
            event.mutate(agg)
        after = _counted(charge_postings(agg))
        delta = Counter(after)
        delta.subtract(before)
        postings(
            Posting(
                day=k[0],
                account=k[1],
                line=k[2],
                insats=k[3],
                kind=k[4],
                paragraph=k[5],
                amount=amount,
            )
            for k, amount in _items(delta)
            if amount
        )
        if isinstance(event, Intervention.PaymentMade):
            postings(payment_postings(event, agg))
        self._insatser[oid] = (agg, after)
        rows["insats"].append(
            (
                event.forbund,
                agg.insats,
                position,
                valid,
                recorded,
                msgspec.json.encode(summarise(agg)),
            )
        )

    # -- questions -----------------------------------------------------------------

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            return list(c.fetchall())

    def budget_rows(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None
    ) -> tuple[list[BudgetRow], int]:
        rows = self._query(
            "SELECT line, kind, name, insats, delta, paragraph FROM fin_budget WHERE forbund=? AND year=? "
            "AND valid_from<=? AND recorded<=? ORDER BY position, rowid",
            (forbund, year, as_of.isoformat(), micros(known_at or FOREVER)),
        )
        lines: dict[str, dict[str, Any]] = {}
        from_equity = 0
        for line, kind, name, insats, delta, paragraph in rows:
            if kind == "equity":
                from_equity += delta
                continue
            entry = lines.setdefault(
                line,
                {"kind": kind, "name": name, "insats": bool(insats), "amount": 0, "paragraphs": []},
            )
            entry["amount"] += delta
            if paragraph:
                entry["paragraphs"].append(paragraph)
        return [
            BudgetRow(line, e["kind"], e["amount"], tuple(e["paragraphs"]), e["name"], e["insats"])
            for line, e in lines.items()
        ], from_equity

    def budget(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> BudgetReport:
        rows, from_equity = self.budget_rows(forbund, year, as_of, known_at)
        plan: dict[str, dict[str, int]] = {}
        for plan_year, line, amount in self._query(
            "SELECT plan_year, line, amount FROM fin_plan WHERE forbund=? AND year=? AND valid_from<=? "
            "AND recorded<=? ORDER BY position, rowid",
            (forbund, year, as_of.isoformat(), micros(known_at or FOREVER)),
        ):
            plan.setdefault(str(plan_year), {})[line] = amount
        return budget_report(year, as_of, rows, from_equity, plan)

    def result(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> ResultReport:
        rows, _ = self.budget_rows(forbund, year, as_of, known_at)
        sums = self._query(
            "SELECT account, line, SUM(amount) FROM fin_postings WHERE forbund=? AND account IN ('income','cost') "
            "AND day>=? AND day<=? AND valid_from<=? AND recorded<=? GROUP BY account, line",
            (
                forbund,
                f"{year}-01-01",
                min(as_of, date(year, 12, 31)).isoformat(),
                as_of.isoformat(),
                micros(known_at or FOREVER),
            ),
        )
        outcome = {(a, line): (s if a == "cost" else -s) for a, line, s in sums}
        return result_report(year, as_of, rows, outcome)

    def equity(self, forbund: str, as_of: date, known_at: datetime | None = None) -> EquityReport:
        params = (forbund, as_of.isoformat(), as_of.isoformat(), micros(known_at or FOREVER))
        opening_rows = self._query(
            "SELECT day, -SUM(amount) FROM fin_postings WHERE forbund=? AND kind='opening' AND account='equity' "
            "AND valid_from<=? AND day<=? AND recorded<=? GROUP BY day",
            params,
        )
        opening = (
            (date.fromisoformat(opening_rows[0][0]), opening_rows[0][1]) if opening_rows else None
        )
        start = opening[0].isoformat() if opening else "0000-00-00"
        (result,) = self._query(
            "SELECT COALESCE(-SUM(amount), 0) FROM fin_postings WHERE forbund=? AND account IN ('income','cost') "
            "AND day>? AND day<=? AND valid_from<=? AND recorded<=?",
            (forbund, start, as_of.isoformat(), as_of.isoformat(), micros(known_at or FOREVER)),
        )[0]
        (allocation,) = self._query(
            "SELECT COALESCE(SUM(amount), 0) FROM fin_allocation WHERE forbund=? AND year=? AND valid_from<=? AND recorded<=?",
            (forbund, as_of.year, as_of.isoformat(), micros(known_at or FOREVER)),
        )[0]
        return equity_report(as_of, opening, result, allocation)

    def interventions(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> InterventionsReport:
        cutoff = (as_of.isoformat(), micros(known_at or FOREVER))
        summaries = self._query(
            "SELECT i.summary FROM fin_insats i JOIN (SELECT insats, MAX(position) AS p FROM fin_insats "
            "WHERE forbund=? AND valid_from<=? AND recorded<=? GROUP BY insats) last "
            "ON i.insats = last.insats AND i.position = last.p WHERE i.forbund=?",
            (forbund, *cutoff, forbund),
        )
        money = {
            insats: (charged, paid)
            for insats, charged, paid in self._query(
                "SELECT insats, SUM(CASE WHEN account='cost' THEN amount ELSE 0 END), "
                "SUM(CASE WHEN kind='payment' AND account='accrued_costs' THEN amount ELSE 0 END) "
                "FROM fin_postings WHERE forbund=? AND insats != '' AND day<=? AND valid_from<=? AND recorded<=? "
                "GROUP BY insats",
                (forbund, as_of.isoformat(), *cutoff),
            )
        }
        rows = []
        for (blob,) in summaries:
            summary = _summary_decoder.decode(blob)
            charged, paid = money.get(summary.id, (0, 0))
            rows.append(insats_row(summary, as_of, charged, paid))
        return InterventionsReport(as_of, tuple(sorted(rows, key=lambda r: r.id)))


def _counted(postings: tuple[Posting, ...]) -> Counter[tuple[Any, ...]]:
    out: Counter[tuple[Any, ...]] = Counter()
    for p in postings:
        out[(p.day, p.account, p.line, p.insats, p.kind, p.paragraph)] += p.amount
    return out


def _items(counter: Counter[tuple[Any, ...]]) -> list[tuple[tuple[Any, ...], int]]:
    return sorted(counter.items())
