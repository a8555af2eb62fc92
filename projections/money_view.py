"""The materialised money view: tables kept up to date from the notification log,
and the budget, result, equity and insats questions they answer with plain sums.

What rows each event writes is ``projections.money_rows``. The rows and the tracking
position are written in one transaction with the library's tracking recorder, in
the view's own file beside a SQLite store's (store/view_file.py: the store's file holds
the log alone), in the store's own database on PostgreSQL (the SQL is plain and written
once; only the placeholders differ). Catching up reads only the events after the
tracked position, once the view is known to have read this very log (``_bound``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, Tracking
from eventsourcing.sqlite import SQLiteTrackingRecorder

from finsam_es.accounting import Posting
from finsam_es.insats import Insats
from projections import money_reports as reports
from projections import rebuild_parts as parts
from projections import view_sums as sums
from projections.money_reports import (
    BudgetReport,
    EquityReport,
    InsatserReport,
    ResultReport,
)
from projections.money_rows import KEPT_INSATSER, RowWriter, micros
from projections.view_sums import NAME, equity_sums
from projections.view_tables import (
    INSERTED,
    KEYED,
    VIEW_TABLES,
    Rows,
    insert_rows,
    no_rows,
    statements,
)
from store.application import FinsamApp
from store.view_file import (
    BOUND_TABLE,
    SELECT_LINK,
    bound_to,
    drop_in_file_view,
    put_bound,
    view_datastore,
)

FOREVER = datetime.max.replace(tzinfo=UTC)
NEXT = "_next"  # the suffix of the tables a rebuild writes before it swaps them in


def _next_table(statement: str) -> str:
    """``CREATE TABLE IF NOT EXISTS fin_x (...)`` for the rebuild's table fin_x_next."""
    head, rest = statement.split(" (", 1)
    return f"{head}{NEXT} ({rest}"


@contextmanager
def _without_collector() -> Iterator[None]:
    """Python's cycle collector paused while a long fold runs: the rows and aggregates
    it makes are freed by reference counting, and the collector would otherwise walk
    every live object again and again (a fifth of a rebuild's time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class MoneyView:
    """The materialised money tables of a store and the questions they answer."""

    def __init__(self, app: FinsamApp):
        log: Any = getattr(app.factory, "datastore", None)
        self.app = app
        self.log = log  # the store's datastore: the log, and its chain links
        self.postgres = "postgres" in type(log).__module__
        if self.postgres:
            from eventsourcing.postgres import PostgresTrackingRecorder

            self.datastore: Any = log
            self.tracking: Any = PostgresTrackingRecorder(
                log, tracking_table_name="finsam_tracking"
            )
            self.tracking_table = "finsam_tracking"
        else:
            # the view an older finsam kept in the store's file goes (it is rebuilt here)
            drop_in_file_view(log)
            self.datastore = view_datastore(app)
            self.tracking = SQLiteTrackingRecorder(self.datastore)
            self.tracking_table = "tracking"
        self.tables = statements(self.postgres)
        self.tracking.create_table()
        if not self.postgres:
            with self.datastore.transaction(commit=True) as c:
                c.execute(BOUND_TABLE)
        if self.tracking.max_tracking_id(NAME) is None:
            self._clear()  # a new view, or rows of an older shape: start from scratch
        else:
            self._create()
        self.writer = RowWriter(self._insats_at, self._stored_year, KEPT_INSATSER)

    # -- keeping up ----------------------------------------------------------------

    def position(self) -> int:
        return self.tracking.max_tracking_id(NAME) or 0

    def pending(self) -> int:
        return max(self.app.event_count() - self.position(), 0)

    def catch_up(self, progress: Callable[[int], None] | None = None, batch: int = 2000) -> int:
        """Process the events after the tracked position; returns how many were read.
        A view not read from this log (``_bound``) is rebuilt from it instead."""
        if not self._bound():
            # one process, as for a position moved back (_catch_up)
            return self.rebuild(progress, batch, workers=1)
        pending = self.pending()
        if not pending:  # read to the head: the log need not be asked for what follows
            return 0
        if pending > batch:
            with _without_collector():
                return self._catch_up(progress, batch)
        return self._catch_up(progress, batch)

    def _catch_up(self, progress: Callable[[int], None] | None, batch: int) -> int:
        done = 0
        while True:
            tracked = self.position()
            notifications = self.app.recorder.select_notifications(start=tracked + 1, limit=batch)
            if not notifications:
                return done
            if not done and self._applied_after(tracked):
                # one process: a repair inside a query, maybe in the web's threaded
                # server, where a fork could copy a lock another thread holds
                return self.rebuild(progress, batch, workers=1)
            rows = no_rows()
            for n in notifications:
                self.writer.write(n.id, self.app.mapper.to_domain_event(n), rows)
            last = notifications[-1].id
            link = self._link(last)
            try:
                with self.datastore.transaction(commit=True) as c:
                    self._insert(c, rows)
                    self.tracking._insert_tracking(c, Tracking(NAME, last))
                    self._put_bound(c, last, link)
            except IntegrityError:
                # Another process recorded these positions first: drop what this one
                # holds in memory and go on from the position now tracked. When the
                # tracked position has not moved, nobody did: it was moved back behind
                # rows the view holds, and reading on would loop for ever.
                self.writer.insatser.clear()
                if self.position() == tracked:
                    return done + self.rebuild(progress, batch, workers=1)
                continue
            done += len(notifications)
            if progress:
                progress(len(notifications))

    def _bound(self) -> bool:
        """Whether the view was read from this log (store/view_file.py ``bound_to``): its
        file may be a copy beside another store, or newer than a log restored from a
        backup. The tracked position is read before the log's head (it never passes the
        head it was read from: a view ahead of the log is from another). PostgreSQL keeps
        the view in the log's own database, which is restored with it."""
        if self.postgres:
            return True
        events = getattr(self.app.recorder, "events_table_name", "stored_events")
        with self.datastore.transaction(commit=False) as v, self.log.transaction(commit=False) as c:
            v.execute(
                "SELECT MAX(notification_id) FROM tracking WHERE application_name = ?", (NAME,)
            )
            tracked = int(v.fetchone()[0] or 0)
            if not tracked:
                return True  # an empty view answers for no log
            c.execute(f"SELECT MAX(rowid) FROM {events}")
            head = int(c.fetchone()[0] or 0)
            return bound_to(v, c, NAME, tracked, head)

    def _link(self, position: int) -> Any:
        """The log's chain link hash at a position (None: not chained); PostgreSQL: None."""
        if self.postgres:
            return None
        with self.log.transaction(commit=False) as c:
            c.execute(SELECT_LINK, (position,))
            row = c.fetchone()
        return None if row is None else row[0]

    def _put_bound(self, c: Any, position: int, link: Any) -> None:
        if not self.postgres:
            put_bound(c, NAME, position, link)

    def _applied_after(self, tracked: int) -> bool:
        """Whether the view holds rows of events after its tracked position: the
        position was moved back (by hand, or a restored tracking table). Catching up
        from there would add the rows again; the tables without a key would take them
        twice (a doubled budget), so they are the ones asked (and they are small: the
        postings, the large table, have a key and refuse a second row)."""
        unkeyed = [t for t, _width in INSERTED if t not in KEYED]
        found = self._query(
            " UNION ALL ".join(f"SELECT MAX(position) FROM {t}" for t in unkeyed), ()
        )
        return any(row[0] is not None and int(row[0]) > tracked for row in found)

    def _insert(self, c: Any, rows: Rows, suffix: str = "") -> None:
        insert_rows(c, rows, suffix, self._sql)

    def rebuild(
        self,
        progress: Callable[[int], None] | None = None,
        batch: int = 2000,
        workers: int | None = None,
    ) -> int:
        """Fold the whole log again into new tables, then swap them in for the old ones
        and set the tracked position, in one transaction: a query meanwhile answers from
        the old rows (or waits for the swap), never from half-written new ones.
        ``workers``: processes to split the writing over, per förbund (None: as many as
        the store and the machine allow; projections/rebuild_parts.py); 1 for one."""
        split = None if self.postgres else parts.split_for(self.app, workers)
        with self.datastore.transaction(commit=True) as c:
            for table in VIEW_TABLES:
                c.execute(f"DROP TABLE IF EXISTS {table}{NEXT}")
            for statement in self.tables:
                if statement.startswith("CREATE TABLE"):
                    c.execute(_next_table(statement))
        with _without_collector():
            if split is None:
                position, done = self._write_all(progress, batch)
            else:
                done, refused = parts.write_parts(self.app.db, split, NEXT, progress, batch)
                position = split.head
                # what the next catch-up needs it loads from the log, as after a restart
                self.writer = RowWriter(self._insats_at, self._stored_year, KEPT_INSATSER)
                self.writer.refused = refused
        self._swap(position)
        return done

    def _swap(self, position: int) -> None:
        """The rebuild's tables in for the view's, and the tracked position, at once."""
        link = self._link(position)
        with self.datastore.transaction(commit=True) as c:
            for table in VIEW_TABLES:
                c.execute(f"DROP TABLE IF EXISTS {table}")
                c.execute(f"ALTER TABLE {table}{NEXT} RENAME TO {table}")
            if self.postgres:  # a key's index keeps its name: give it the old table's
                for table in KEYED:
                    c.execute(f"ALTER INDEX {table}{NEXT}_pkey RENAME TO {table}_pkey")
            for statement in self.tables:
                c.execute(statement)  # the indexes (the tables exist now)
            c.execute(
                self._sql(f"DELETE FROM {self.tracking_table} WHERE application_name = ?"), (NAME,)
            )
            if position:
                self.tracking._insert_tracking(c, Tracking(NAME, position))
                self._put_bound(c, position, link)

    def _write_all(self, progress: Callable[[int], None] | None, batch: int) -> tuple[int, int]:
        """Write the whole log's rows into the rebuild's tables; the last position
        written and how many events were read."""
        writer = RowWriter(self._insats_at, self._stored_year, KEPT_INSATSER)
        done = position = 0
        while True:
            notifications = self.app.recorder.select_notifications(start=position + 1, limit=batch)
            if not notifications:
                break
            rows = no_rows()
            for n in notifications:
                writer.write(n.id, self.app.mapper.to_domain_event(n), rows)
            with self.datastore.transaction(commit=True) as c:
                self._insert(c, rows, NEXT)
            position = notifications[-1].id
            done += len(notifications)
            if progress:
                progress(len(notifications))
        self.writer = writer
        return position, done

    def _create(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            for statement in self.tables:
                c.execute(statement)

    def _clear(self) -> None:
        """Drop the tables (their shape may be older) and the tracking position."""
        with self.datastore.transaction(commit=True) as c:
            for table in VIEW_TABLES:
                c.execute(f"DROP TABLE IF EXISTS {table}")
            c.execute(
                self._sql(f"DELETE FROM {self.tracking_table} WHERE application_name = ?"), (NAME,)
            )
            if not self.postgres:
                c.execute("DELETE FROM finsam_view_bound WHERE application_name = ?", (NAME,))
        self._create()

    def _insats_at(self, insats_id: UUID, version: int) -> Insats:
        found: Insats = self.app.repository.get(insats_id, version=version)
        return found

    def _stored_year(self, fiscal_year_id: UUID) -> int | None:
        rows = self._query("SELECT year FROM fin_years WHERE id = ?", (fiscal_year_id.hex,))
        return int(rows[0][0]) if rows else None

    def table_rows(self, table: str) -> list[tuple[Any, ...]]:
        """Every row of one of the view's tables (``VIEW_TABLES``), for audit."""
        if table not in VIEW_TABLES:
            raise ValueError(f"{table} is not a table of the money view")
        return self._query(f"SELECT * FROM {table}", ())

    # -- questions -----------------------------------------------------------------

    def _sql(self, statement: str) -> str:
        """Our statements use SQLite's ? placeholders; PostgreSQL's driver wants %s."""
        return statement.replace("?", "%s") if self.postgres else statement

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self._sql(sql), params)
            return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]

    def budget(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> BudgetReport:
        return sums.budget(self._query, forbund, year, as_of, micros(known_at or FOREVER))

    def result(
        self, forbund: str, year: int, as_of: date, known_at: datetime | None = None
    ) -> ResultReport:
        return sums.result(self._query, forbund, year, as_of, micros(known_at or FOREVER))

    def equity(self, forbund: str, as_of: date, known_at: datetime | None = None) -> EquityReport:
        sums = equity_sums(self._query, forbund, as_of, micros(known_at or FOREVER))
        return reports.equity_report(as_of, *sums)

    def postings(
        self, forbund: str, as_of: date, known_at: datetime | None = None
    ) -> tuple[Posting, ...]:
        rows = self._query(
            "SELECT day, account, line, insats, kind, CAST(SUM(amount) AS BIGINT) "
            "FROM fin_postings WHERE forbund=? AND day<=? AND valid_from<=? AND recorded<=? "
            "GROUP BY day, account, line, insats, kind",
            (forbund, as_of.isoformat(), as_of.isoformat(), micros(known_at or FOREVER)),
        )
        return reports.canonical(
            Posting(date.fromisoformat(d), a, amount, line, insats, kind)
            for d, a, line, insats, kind, amount in rows
        )

    def insatser(
        self,
        forbund: str,
        as_of: date,
        known_at: datetime | None = None,
        current_only: bool = False,
    ) -> InsatserReport:
        known = micros(known_at or FOREVER)
        return sums.insatser(self._query, forbund, as_of, known, current_only)
