"""The auditor's questions: the events behind a figure (explain), the figures a
paragraph moved (impact), what changed between two moments (diff), the registers of
bookings and decisions, the hash chain and its checkpoints, the full audit, and the
offline bundle.
"""

from __future__ import annotations

from datetime import date, datetime

from finsam_es.chain import Link
from finsam_es.fiscal_year import FiscalYear
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from finsam_es.values import paragraph_ref
from projections import audit
from projections.bundle import make_bundle
from projections.explain import Diff, Explanation, Impact, Provenance, check_figure, diff
from projections.money_rows import VIEW_TABLES, RowWriter, no_rows
from projections.money_view import MoneyView
from projections.reader_base import FINSAM_LAW, ReaderBase, ShowProgress, no_progress
from projections.registers import BookingList, DecisionList, booking_list, decision_list


class AuditQueries(ReaderBase):
    """What an auditor asks of a store."""

    # -- provenance ------------------------------------------------------------------

    def provenance(self, forbund: str | None) -> Provenance:
        """The förbund's money rows from its events recorded by this reader's moment."""
        fid = self.known(None).forbund_id(forbund)  # which förbund is a question of now
        return Provenance(self.app.read(), fid, self.known_at, audit.links(self.app))

    def explain(self, forbund: str | None, figure: str, as_of: date) -> Explanation:
        """Every event behind a figure on a date, with amounts that sum to it."""
        return self.provenance(forbund).explain(check_figure(figure), as_of)

    def impact(self, forbund: str | None, year: int, number: int, as_of: date) -> Impact:
        """Every figure a paragraph's events changed on a date, without them and with."""
        return self.provenance(forbund).impact(paragraph_ref(year, number), as_of)

    def diff(
        self,
        forbund: str | None,
        query: str,
        year: int,
        as_of: date,
        moments: tuple[datetime | None, datetime | None],
    ) -> Diff:
        """A query's figures that differ as known at two moments, and the events between."""
        first, second = (self.known(m).provenance(forbund) for m in moments)
        return diff(first, second, query, year, as_of)

    # -- registers -------------------------------------------------------------------

    def bookings(self, forbund: str | None, year: int) -> BookingList:
        """The verifikationslista of a year: bookings and payments to owners, numbered."""
        fid = self.known(None).forbund_id(forbund)
        booked = self._events(FiscalYear.id_for(fid, year))
        payments = [
            (insats, event)
            for insats, events in self._insatser(fid)
            for event in events
            if isinstance(event, Insats.PaymentMade)
        ]
        return booking_list(fid, year, booked, payments)

    def decisions(self, forbund: str | None, year: int) -> DecisionList:
        """Every paragraph of a year with a money effect, and what its events moved."""
        fid = self.known(None).forbund_id(forbund)
        book = self._load(MinutesBook, MinutesBook.id_for(fid, year))
        money = [
            *self._events(FiscalYear.id_for(fid, year)),
            *self._events(FiscalYear.id_for(fid, year + 1)),  # next year's budget
            *(event for _insats, events in self._insatser(fid) for event in events),
        ]
        return decision_list(fid, year, book, money)

    # -- tamper evidence -------------------------------------------------------------

    def check_chain(self) -> audit.ChainCheck:
        """Every link of the hash chain recomputed over the stored events."""
        return audit.check_chain(audit.notifications(self.app), audit.links(self.app))

    def audit_head(self, forbund: str | None, at: datetime | int | None = None) -> Link | None:
        """The förbund's last link in the chain at a moment or log position (None: now):
        the checkpoint a signed protocol pins (e.g. as of its adjustment)."""
        return audit.head_at(audit.links(self.app), self.forbund_id(forbund), at)

    def adjustment_head(self, forbund: str | None, meeting: date) -> Link | None:
        """The head of the förbund's chain when the minutes of a meeting were adjusted
        (justerade): what the signed protocol pins. The events of one command share their
        recorded time, so after a journal import it is the head at the end of the import."""
        fid = self.known(None).forbund_id(forbund)
        adjusted = [
            e.timestamp
            for e in self._events(MinutesBook.id_for(fid, meeting.year))
            if isinstance(e, MinutesBook.MinutesAdjusted) and e.meeting == meeting
        ]
        return audit.head_at(audit.links(self.app), fid, adjusted[0]) if adjusted else None

    def verify_audit(
        self, checkpoint: str | None = None, progress: ShowProgress = no_progress
    ) -> audit.AuditReport:
        """The hash chain recomputed, the view's tables and figures replayed from the log,
        and whether the log still extends a checkpoint (a link's hash)."""
        chain = audit.links(self.app)
        checked = audit.check_chain(audit.notifications(self.app), chain)
        problems = list(checked.problems)
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
            view = self.money(False, progress)
            assert isinstance(view, MoneyView)
            expected = no_rows()
            writer = RowWriter(
                lambda oid, version: self.app.repository.get(oid, version=version),
                lambda _id: None,
            )
            for position, event in self.app.read():
                writer.write(position, event, expected)
            problems.extend(
                audit.Problem(
                    position,
                    f"the event at position {position} is beyond finsam's bounds ({why}): "
                    "the ledger view leaves it out",
                )
                for position, why in writer.refused
            )
            stored = {table: view.table_rows(table) for table in VIEW_TABLES}
            problems.extend(audit.view_problems(expected, stored))
            years = {int(year) for _id, year in expected["fin_years"]}
            fold = self.money(True)
            for forbund in self.known(None).forbund_ids():
                problems.extend(audit.figure_problems(view, fold, forbund, years))
            problems.extend(audit.Problem(0, found) for found in self.app.snapshot_problems())
        found = audit.find_checkpoint(chain, checkpoint) if checkpoint else None
        if checkpoint and found is None:
            problems.append(
                audit.Problem(
                    0,
                    f"checkpoint {checkpoint} is not in the chain: the log no longer extends it "
                    "(truncated or rewritten since)",
                )
            )
        return audit.AuditReport(
            checked.events,
            checked.chained,
            checked.unchained,
            checked.heads,
            found,
            tuple(problems),
        )

    def bundle(self, forbund: str | None, years: tuple[int, ...] = ()) -> dict[str, bytes]:
        """The audit bundle of a förbund (projections/bundle.py): its events with their
        links, a manifest with the checkpoints, and the reports of the years (default:
        every year it has a budget year for)."""
        fid = self.forbund_id(forbund)
        if not years:
            years = tuple(
                y for y in range(FINSAM_LAW, self.today().year + 2)
                if self._load(FiscalYear, FiscalYear.id_for(fid, y)) is not None
            )  # fmt: skip
        return make_bundle(fid, years, audit.notifications(self.app), audit.links(self.app))

    def view_behind_log(self) -> int | None:
        """The position the money view has read up to, when it is past the end of the log
        (events were removed from the end); None when the log is whole."""
        tracked = MoneyView(self.app).position()
        return tracked if tracked > self.app.event_count() else None
