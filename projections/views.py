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
library's tracking recorder, in the store's own database (SQLite or PostgreSQL: the
SQL is plain and written once; only the placeholders differ). Catching up reads
only the events after the tracked position.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import IntegrityError, Tracking
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
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from projections.money import summarise
from projections.reports import (
    BudgetReport,
    BudgetRow,
    EquityReport,
    InsatserReport,
    InsatsSummary,
    ResultReport,
    budget_report,
    equity_report,
    insats_row,
    result_report,
)

NAME = "finsam_money_view_v3"  # bump when the rows change shape: the view then rebuilds
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
    "CREATE TABLE IF NOT EXISTS fin_postings (forbund TEXT, position BIGINT, valid_from TEXT, "
    "recorded BIGINT, day TEXT, account TEXT, line TEXT, insats TEXT, kind TEXT, paragraph TEXT, "
    "amount BIGINT)",
    "CREATE INDEX IF NOT EXISTS fin_postings_day ON fin_postings (forbund, day)",
    "CREATE TABLE IF NOT EXISTS fin_budget (forbund TEXT, year INTEGER, position BIGINT, seq INTEGER, "
    "valid_from TEXT, recorded BIGINT, line TEXT, kind TEXT, name TEXT, insats INTEGER, "
    "delta BIGINT, paragraph TEXT)",
    "CREATE INDEX IF NOT EXISTS fin_budget_year ON fin_budget (forbund, year)",
    "CREATE TABLE IF NOT EXISTS fin_allocation (forbund TEXT, year INTEGER, position BIGINT, "
    "valid_from TEXT, recorded BIGINT, amount BIGINT)",
    "CREATE TABLE IF NOT EXISTS fin_insats (forbund TEXT, insats TEXT, position BIGINT, "
    "valid_from TEXT, recorded BIGINT, summary TEXT)",
    "CREATE INDEX IF NOT EXISTS fin_insats_key ON fin_insats (forbund, insats, position)",
    "CREATE TABLE IF NOT EXISTS fin_years (id TEXT PRIMARY KEY, year INTEGER)",
    "CREATE TABLE IF NOT EXISTS fin_plan (forbund TEXT, year INTEGER, position BIGINT, seq INTEGER, "
    "valid_from TEXT, recorded BIGINT, plan_year INTEGER, line TEXT, amount BIGINT)",
)

_summary_decoder = msgspec.json.Decoder(InsatsSummary)


def micros(moment: datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


class MoneyView:
    """The materialised money tables of a store and the questions they answer."""

    def __init__(self, app: FinsamApp):
        datastore: Any = getattr(app.factory, "datastore", None)
        self.app = app
        self.datastore = datastore
        self.postgres = "postgres" in type(datastore).__module__
        if self.postgres:
            from eventsourcing.postgres import PostgresTrackingRecorder

            self.tracking: Any = PostgresTrackingRecorder(
                datastore, tracking_table_name="finsam_tracking"
            )
            self.tracking_table = "finsam_tracking"
        else:
            self.tracking = SQLiteTrackingRecorder(datastore)
            self.tracking_table = "tracking"
        self.tracking.create_table()
        self._create()
        if self.tracking.max_tracking_id(NAME) is None:
            self._clear()  # a new view, or rows of an older shape: start from scratch
        self._insatser: dict[UUID, tuple[Insats, Counter[tuple[Any, ...]]]] = {}
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
            rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in VIEW_TABLES}
            for n in notifications:
                self._rows(n.id, self.app.mapper.to_domain_event(n), rows)
            try:
                with self.datastore.transaction(commit=True) as c:
                    for table, width in (
                        ("fin_postings", 11),
                        ("fin_budget", 12),
                        ("fin_allocation", 6),
                        ("fin_insats", 6),
                        ("fin_plan", 9),
                    ):
                        if rows[table]:
                            marks = ",".join("?" * width)
                            c.executemany(
                                self._sql(f"INSERT INTO {table} VALUES ({marks})"), rows[table]
                            )
                    if rows["fin_years"]:
                        c.executemany(
                            self._sql(
                                "INSERT INTO fin_years VALUES (?,?) ON CONFLICT (id) DO NOTHING"
                            ),
                            rows["fin_years"],
                        )
                    self.tracking._insert_tracking(c, Tracking(NAME, notifications[-1].id))
            except IntegrityError:
                # Another process recorded these positions first: drop what this one
                # holds in memory and go on from the position now tracked.
                self._insatser.clear()
                continue
            done += len(notifications)
            if progress:
                progress(len(notifications))

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Drop every row and the tracking position, then fold the whole log again."""
        self._clear()
        self._insatser.clear()
        self.years.clear()
        return self.catch_up(progress)

    def _create(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            for statement in TABLES:
                c.execute(statement)

    def _clear(self) -> None:
        """Drop the tables (their shape may be older) and the tracking position."""
        with self.datastore.transaction(commit=True) as c:
            for table in VIEW_TABLES:
                c.execute(f"DROP TABLE IF EXISTS {table}")
            c.execute(
                self._sql(f"DELETE FROM {self.tracking_table} WHERE application_name = ?"), (NAME,)
            )
        self._create()

    def _rows(self, position: int, event: Any, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        forbund = getattr(event, "forbund", "")
        if not isinstance(event, Forbund.OpeningEquitySet | FiscalYear.Event | Insats.Event):
            return
        valid = event.effective.isoformat()
        recorded = micros(event.timestamp)

        def postings(items: Any, sign: int = 1) -> None:
            for p in items:
                rows["fin_postings"].append(
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
            rows["fin_years"].append((event.originator_id.hex, event.year))
        elif isinstance(event, FiscalYear.Event):
            year = self._year(event.originator_id)
            head = (forbund, year, position)
            when = (valid, recorded)

            def budget_row(
                line: str, kind: str, name: str, insats: bool, delta: int, par: str
            ) -> None:
                seq = len(rows["fin_budget"])
                rows["fin_budget"].append(
                    (*head, seq, *when, line, kind, name, int(insats), delta, par)
                )

            if isinstance(event, FiscalYear.BudgetAdopted):
                for plan_year in event.plan:
                    for a in plan_year.lines:
                        seq = len(rows["fin_plan"])
                        rows["fin_plan"].append(
                            (*head, seq, *when, plan_year.year, a.line, a.amount)
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
                postings(allocation_postings(event, year))
                rows["fin_allocation"].append(
                    (forbund, year, position, valid, recorded, sum(a.amount for a in event.amounts))
                )
            elif isinstance(event, FiscalYear.Booked):
                postings(booking_postings(event))
        else:
            self._insats_rows(position, event, rows, postings, valid, recorded)

    def _year(self, fiscal_year_id: UUID) -> int:
        if fiscal_year_id not in self.years:
            with self.datastore.transaction(commit=False) as c:
                c.execute(
                    self._sql("SELECT year FROM fin_years WHERE id = ?"), (fiscal_year_id.hex,)
                )
                row = c.fetchone()
            row = tuple(row.values()) if isinstance(row, dict) else row
            if row is None:  # pragma: no cover - the Opened event always comes first
                raise FinsamError(
                    f"fiscal year {fiscal_year_id} is unknown to the view; rebuild it"
                )
            self.years[fiscal_year_id] = row[0]
        return self.years[fiscal_year_id]

    def _insats_rows(
        self,
        position: int,
        event: Any,
        rows: dict[str, list[tuple[Any, ...]]],
        postings: Callable[..., None],
        valid: str,
        recorded: int,
    ) -> None:
        oid = event.originator_id
        if isinstance(event, Insats.ApplicationReceived):
            agg: Insats = event.mutate(None)
            before: Counter[tuple[Any, ...]] = Counter()
        else:
            if oid not in self._insatser:
                previous: Insats = self.app.repository.get(
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
        if isinstance(event, Insats.PaymentMade):
            postings(payment_postings(event, agg))
        self._insatser[oid] = (agg, after)
        rows["fin_insats"].append(
            (
                event.forbund,
                agg.insats,
                position,
                valid,
                recorded,
                msgspec.json.encode(summarise(agg)).decode(),
            )
        )

    # -- questions -----------------------------------------------------------------

    def _sql(self, statement: str) -> str:
        """Our statements use SQLite's ? placeholders; PostgreSQL's driver wants %s."""
        return statement.replace("?", "%s") if self.postgres else statement

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self._sql(sql), params)
            return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]

    def budget_rows(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None
    ) -> tuple[list[BudgetRow], int]:
        rows = self._query(
            "SELECT line, kind, name, insats, delta, paragraph FROM fin_budget WHERE forbund=? AND year=? "
            "AND valid_from<=? AND recorded<=? ORDER BY position, seq",
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
            "AND recorded<=? ORDER BY position, seq",
            (forbund, year, as_of.isoformat(), micros(known_at or FOREVER)),
        ):
            plan.setdefault(str(plan_year), {})[line] = amount
        return budget_report(year, as_of, rows, from_equity, plan)

    def result(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> ResultReport:
        rows, _ = self.budget_rows(forbund, year, as_of, known_at)
        sums = self._query(
            "SELECT account, line, CAST(SUM(amount) AS BIGINT) AS total FROM fin_postings WHERE forbund=? AND account IN ('income','cost') "
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
            "SELECT day, CAST(-SUM(amount) AS BIGINT) AS equity FROM fin_postings WHERE forbund=? AND kind='opening' AND account='equity' "
            "AND valid_from<=? AND day<=? AND recorded<=? GROUP BY day",
            params,
        )
        opening = (
            (date.fromisoformat(opening_rows[0][0]), opening_rows[0][1]) if opening_rows else None
        )
        start = opening[0].isoformat() if opening else "0000-00-00"
        (result,) = self._query(
            "SELECT CAST(COALESCE(-SUM(amount), 0) AS BIGINT) FROM fin_postings WHERE forbund=? AND account IN ('income','cost') "
            "AND day>? AND day<=? AND valid_from<=? AND recorded<=?",
            (forbund, start, as_of.isoformat(), as_of.isoformat(), micros(known_at or FOREVER)),
        )[0]
        (allocation,) = self._query(
            "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM fin_allocation WHERE forbund=? AND year=? AND valid_from<=? AND recorded<=?",
            (forbund, as_of.year, as_of.isoformat(), micros(known_at or FOREVER)),
        )[0]
        return equity_report(as_of, opening, result, allocation)

    def insatser(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> InsatserReport:
        cutoff = (as_of.isoformat(), micros(known_at or FOREVER))
        summaries = self._query(
            "SELECT i.summary FROM fin_insats i JOIN (SELECT insats, MAX(position) AS p FROM fin_insats "
            "WHERE forbund=? AND valid_from<=? AND recorded<=? GROUP BY insats) latest "
            "ON i.insats = latest.insats AND i.position = latest.p WHERE i.forbund=?",
            (forbund, *cutoff, forbund),
        )
        money = {
            insats: (charged, paid)
            for insats, charged, paid in self._query(
                "SELECT insats, CAST(SUM(CASE WHEN account='cost' THEN amount ELSE 0 END) AS BIGINT) AS charged, "
                "CAST(SUM(CASE WHEN kind='payment' AND account='accrued_costs' THEN amount ELSE 0 END) AS BIGINT) AS paid "
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
        return InsatserReport(as_of, tuple(sorted(rows, key=lambda r: r.id)))


def _counted(postings: tuple[Posting, ...]) -> Counter[tuple[Any, ...]]:
    out: Counter[tuple[Any, ...]] = Counter()
    for p in postings:
        out[(p.day, p.account, p.line, p.insats, p.kind, p.paragraph)] += p.amount
    return out


def _items(counter: Counter[tuple[Any, ...]]) -> list[tuple[tuple[Any, ...], int]]:
    return sorted(counter.items())
