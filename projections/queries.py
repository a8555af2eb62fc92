"""The front door for reads: every question the CLI and the web view ask of a store.

``Reader(app)`` answers what spans the whole store (the log, the hash chain, the full
audit, the view's upkeep, what changed between two moments). Every other question is
asked of ``Reader.at(as_of, known_at)``: the store bound once to the date asked about
and the moment its records are read as of, composed of parts that each answer one
family of questions with those clocks (``governance``, ``money``, ``statements``,
``audit``), as Fava's ``FilteredLedger`` binds its filters once. The parts load what a
question needs and hand it to the pure read models of this package; nothing here
records an event (writes go through ``commands.bus.execute``).

A question names its förbund, or None when the store holds only one; the choice is the
registry's, so its messages are the same as a command's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from typing import Any

import msgspec
from eventsourcing.persistence import MapperDeserialisationError, PersistenceError

from finsam_es.errors import FinsamError
from finsam_es.thresholds import Thresholds
from projections import audit
from projections.agenda import AgendaQueries
from projections.audit_queries import Audit
from projections.deadline import BATCH, Deadline, unbounded
from projections.diarium import DiariumQueries
from projections.event_log import LogFilter, LogRow, log_row
from projections.explain import Diff, diff
from projections.follow_up_queries import FollowUp
from projections.forbund import ForbundInfo, ForbundOnDay
from projections.governance_queries import Governance
from projections.money_queries import Money
from projections.money_rows import RowWriter
from projections.money_view import MoneyView
from projections.reader_base import Advance, Records, ShowProgress, money_source, no_progress
from projections.statement_queries import Statements
from projections.view_tables import VIEW_TABLES, no_rows
from store.anchor import anchor_problems, chain_key, fingerprint_problems
from store.application import FinsamApp
from store.read_bound import statement_bound, timed_out

__all__ = ["Advance", "At", "Reader", "ShowProgress", "no_progress"]


class At:
    """The store on ``as_of`` as its records stood at ``known_at`` (None: as they stand):
    both clocks bound once. Money questions are answered by the view, caught up first
    (with ``progress`` while it reads many events), or with ``fold`` by the reference
    fold; a part is made when first asked for."""

    def __init__(
        self,
        records: Records,
        as_of: date,
        fold: bool = False,
        progress: ShowProgress = no_progress,
    ):
        self.records = records
        self.as_of = as_of
        self.known_at = records.known_at
        self._fold = fold
        self._progress = progress

    @cached_property
    def governance(self) -> Governance:
        return Governance(self.records, self.as_of, self.audit.adjustment_head)

    @cached_property
    def money(self) -> Money:
        source = money_source(self.records.app, self._fold, self._progress)
        return Money(self.records, self.as_of, source)

    @cached_property
    def statements(self) -> Statements:
        return Statements(self.records, self.money, self._reference)

    @cached_property
    def follow_up(self) -> FollowUp:
        return FollowUp(self.records, self.money)

    @cached_property
    def diarium(self) -> DiariumQueries:
        return DiariumQueries(self.records, self.as_of)

    @cached_property
    def agenda(self) -> AgendaQueries:
        return AgendaQueries(self.records, self.as_of)

    @cached_property
    def audit(self) -> Audit:
        return Audit(self.records, self.as_of)

    def _reference(self) -> Money:
        """The money part answered by the reference fold at the same moment."""
        return Money(self.records, self.as_of, money_source(self.records.app, True))

    # -- which förbund ---------------------------------------------------------------

    def forbund_ids(self) -> tuple[str, ...]:
        """The förbund the store holds, in the order they were created."""
        return self.records.forbund_ids()

    def forbund_id(self, forbund: str | None) -> str:
        """The förbund named, or the only one in the store."""
        return self.records.forbund_id(forbund)

    def forbund_info(self, forbund: str | None) -> ForbundInfo:
        return self.records.forbund_info(forbund)

    def forbund_on(self, forbund: str | None) -> ForbundOnDay:
        """The förbund with its members and their exact shares in force on the date."""
        return self.records.forbund_on(forbund, self.as_of)

    def thresholds(self, forbund: str) -> Thresholds:
        return self.records.thresholds(forbund)

    def view_agrees(self, forbund: str, year: int) -> dict[str, bool]:
        """Each money question, and whether the view answers it as the fold does."""
        view = Money(
            self.records, self.as_of, money_source(self.records.app, False, self._progress)
        )
        fold = self._reference()
        return {
            "budget": view.budget(forbund, year) == fold.budget(forbund, year),
            "result": view.result(forbund, year) == fold.result(forbund, year),
            "equity": view.equity(forbund) == fold.equity(forbund),
            "interventions": view.insatser(forbund) == fold.insatser(forbund),
        }


class Reader:
    """The questions a store answers. ``today`` is the default date asked about and
    bounds the years searched for minutes books."""

    def __init__(self, app: FinsamApp, today: Callable[[], date] = date.today):
        self.app = app
        self.today = today

    def at(
        self,
        as_of: date | None = None,
        known_at: datetime | None = None,
        *,
        fold: bool = False,
        progress: ShowProgress = no_progress,
    ) -> At:
        """The store on a date (default today) as its records stood at a moment (None: as
        they stand), answering money from the view or, with ``fold``, the fold."""
        records = Records(self.app, self.today, known_at)
        return At(records, self.today() if as_of is None else as_of, fold, progress)

    def log(
        self, since: int = 1, only: LogFilter | None = None, limit: int | None = None
    ) -> list[LogRow]:
        """The events from a log position on that the filter admits, the last ``limit``,
        each with who recorded it and its link in the hash chain."""
        only = only or LogFilter()
        if limit is not None and only == LogFilter():
            # Every event is admitted: the last N are at the last N positions, so read
            # only those (not the whole log). PostgreSQL's positions can have gaps (a
            # rolled-back write drew numbers): then read on from earlier.
            last = max(since, self.app.event_count() - limit + 1)
            rows = self._log_rows(last, only)
            if len(rows) >= limit or last == since:
                return rows[-limit:]
        rows = self._log_rows(since, only)
        return rows if limit is None else rows[-limit:]

    def _log_rows(self, since: int, only: LogFilter) -> list[LogRow]:
        chain = audit.links(self.app)
        return [
            log_row(position, event, chain.get(position))
            for position, event in self.app.read(start=since)
            if only.admits(event)
        ]

    def diff(
        self,
        forbund: str | None,
        query: str,
        year: int,
        as_of: date,
        moments: tuple[datetime | None, datetime | None],
    ) -> Diff:
        """A query's figures that differ as known at two moments, and the events between."""
        first, second = (self.at(as_of, m).audit.provenance(forbund) for m in moments)
        return diff(first, second, query, year, as_of)

    # -- the money view --------------------------------------------------------------

    def rebuild_view(self, progress: ShowProgress = no_progress, workers: int | None = None) -> int:
        """Fold the whole log into the view again; returns how many events were read.
        ``workers``: processes split per förbund (None: auto; 1: one process)."""
        view = MoneyView(self.app)
        with progress(self.app.event_count()) as advance:
            return view.rebuild(advance, workers=workers)

    # -- tamper evidence -------------------------------------------------------------

    def check_chain(self) -> audit.ChainCheck:
        """Every link of the hash chain recomputed over the stored events."""
        return audit.check_chain(audit.notifications(self.app), audit.links(self.app))

    def verify_audit(
        self,
        checkpoint: str | None = None,
        progress: ShowProgress = no_progress,
        deadline: Deadline | None = None,
        steps: Callable[[str], ShowProgress] = lambda _doing: no_progress,
    ) -> audit.AuditReport:
        """The hash chain recomputed, the view's tables and figures replayed from the log,
        and whether the log still extends a checkpoint (a link's hash). Every read is in
        bounded batches within the ``deadline`` (projections/deadline.py), each statement
        too (store/read_bound.py); ``steps`` shows the progress of each long step,
        ``progress`` the view's catch-up."""
        deadline = deadline or unbounded()
        try:
            with statement_bound(self.app, deadline.left):
                return self._verify_audit(checkpoint, progress, deadline, steps)
        except PersistenceError as e:
            if timed_out(e):
                raise deadline.timed_out("waiting for the database") from None
            raise

    def _verify_audit(
        self,
        checkpoint: str | None,
        progress: ShowProgress,
        deadline: Deadline,
        steps: Callable[[str], ShowProgress],
    ) -> audit.AuditReport:
        total = self.app.event_count()
        with steps("reading the hash chain")(total) as advance:
            chain = audit.links(self.app, deadline=deadline, advance=advance)
        with steps("checking the hash chain")(total) as advance:
            checked = audit.check_chain(
                audit.notifications(self.app, deadline=deadline, advance=advance),
                chain,
                self.app.mapper.to_domain_event,
            )
        problems = list(checked.problems)
        key = chain_key()
        anchors = self.app.anchors()
        if key is not None:  # the heads against their anchors (store/anchor.py)
            problems.extend(
                audit.Problem(position, message)
                for position, message in anchor_problems(key, anchors, checked.heads)
            )
        behind = self.view_behind_log()
        # a broken log cannot be replayed: its first broken link is the finding
        if not problems and behind is not None:
            count = self.app.event_count()
            problems.append(
                audit.Problem(
                    count + 1,
                    f"the log ends at position {count} but the view has read up to {behind}: "
                    "events were removed from the end of the log",
                )
            )
        elif not problems:
            view = money_source(self.app, False, deadline.progress(progress, "updating the view"))
            assert isinstance(view, MoneyView)
            expected = no_rows()
            writer = RowWriter(
                lambda oid, version: self.app.repository.get(oid, version=version),
                lambda _id: None,
            )
            with steps("replaying the log")(total) as advance:
                for position, event in deadline.every(
                    self.app.read(), lambda item: f"replaying the log at position {item[0]}"
                ):
                    writer.write(position, event, expected)
                    if position % BATCH == 0:
                        advance(BATCH)
            problems.extend(
                audit.Problem(
                    position,
                    f"the event at position {position} is beyond finsam's bounds ({why}): "
                    "the ledger view leaves it out",
                )
                for position, why in writer.refused
            )
            stored = {}
            for table in VIEW_TABLES:
                deadline.check(f"reading the view table {table}")
                stored[table] = view.table_rows(table)
            problems.extend(audit.view_problems(expected, stored))
            years = {int(year) for _id, year in expected["fin_years"]}
            fold = money_source(self.app, True)
            for forbund in Records(self.app, self.today).forbund_ids():
                deadline.check(f"comparing the figures of {forbund}")
                problems.extend(audit.figure_problems(view, fold, forbund, years))
            deadline.check("checking the snapshots and documents")
            # imported here: only audit verify reads the snapshot table (every query
            # imports this module, and start-up is most of a query's time)
            from store.snapshot_table import snapshot_problems

            problems.extend(audit.Problem(0, found) for found in snapshot_problems(self.app))
            from projections.documents import document_problems

            problems.extend(document_problems(self.app))  # the diarium's files (issue 20)
        deadline.check("checking the signatures")
        problems.extend(self.signature_problems())
        deadline.check("checking the journal fingerprints")
        # the journal fingerprints against what the anchored writes counted (a re-import
        # trusts them: one added skips an entry, one deleted imports it twice)
        problems.extend(
            audit.Problem(position, message)
            for position, message in fingerprint_problems(anchors, self.app.fingerprints())
        )
        found, missing = audit.checkpoint_in(chain, checkpoint)
        problems.extend(missing)
        return audit.AuditReport(
            checked.events,
            checked.chained,
            checked.unchained,
            checked.heads,
            found,
            tuple(problems),
        )

    def verify_forbund(
        self,
        forbund: str,
        checkpoint: str | None = None,
        progress: ShowProgress = no_progress,
    ) -> audit.AuditReport | None:
        """One förbund's chain, anchor, checkpoint and figures from its own events
        (projections/forbund_verify.py), and its signed protokoll recomputed; None when
        the store has no chain yet (the whole verify says so)."""
        from finsam_es.signatures import MinutesSigned
        from projections.forbund_verify import verify_forbund
        from projections.signature_audit import signature_problems

        report = verify_forbund(self.app, forbund, self.today(), checkpoint, progress)
        if report is None:
            return None

        def minutes_at(at: datetime, fid: str, day: date) -> Any:
            return self.at(known_at=at).governance.minutes(fid, day)

        signed = self.app.forbund_events(forbund, (MinutesSigned,))
        found = signature_problems(signed, minutes_at)
        return msgspec.structs.replace(report, problems=(*report.problems, *found))

    def signature_problems(self) -> list[audit.Problem]:
        """Every signed protokoll recomputed as it stood when signed (issue 21)."""
        from projections.signature_audit import signature_problems

        def minutes_at(at: datetime, forbund: str, day: date) -> Any:
            return self.at(known_at=at).governance.minutes(forbund, day)

        try:
            return signature_problems(self.app.read(), minutes_at)
        except (FinsamError, MapperDeserialisationError):
            return []  # a log that cannot be read: the chain check names where

    def view_behind_log(self) -> int | None:
        """The position the money view has read up to, when it is past the end of the log
        (events were removed from the end); None when the log is whole."""
        tracked = MoneyView(self.app).position()
        return tracked if tracked > self.app.event_count() else None
