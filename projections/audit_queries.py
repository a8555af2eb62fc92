"""The auditor's questions at one moment: the events behind a figure (explain), the
figures a paragraph moved (impact), the registers of bookings and decisions, the heads
of the hash chain a protocol pins, and the offline bundle. Part of the bound reader
(``Reader.at``); what spans moments or the whole store (diff, the chain, the full
audit) is the ``Reader``'s own.
"""

from __future__ import annotations

from datetime import date, datetime

from finsam_es.fiscal_year import FiscalYear
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from finsam_es.values import paragraph_ref
from projections import audit
from projections.bundle import make_bundle
from projections.explain import Explanation, Impact, Provenance, check_figure
from projections.reader_base import FINSAM_LAW, Records
from projections.registers import BookingList, DecisionList, booking_list, decision_list
from store.chain import Link
from store.documents import document_reader
from store.forbund_log import forbund_notifications


class Audit:
    """What an auditor asks of a store, on ``as_of`` as the records stood."""

    def __init__(self, records: Records, as_of: date):
        self.records = records
        self.as_of = as_of

    # -- provenance ------------------------------------------------------------------

    def provenance(self, forbund: str | None) -> Provenance:
        """The förbund's money rows from its events recorded by this moment."""
        r = self.records
        fid = r.now().forbund_id(forbund)  # which förbund is a question of now
        # the förbund's own events and links, by the chain's index on förbund: an
        # explanation costs its förbund's history, never the whole log's (issue 25)
        events = r.app.forbund_events(fid, (object,), seal=False)
        return Provenance(events, fid, r.known_at, audit.forbund_links(r.app, fid))

    def explain(self, forbund: str | None, figure: str) -> Explanation:
        """Every event behind a figure on the date, with amounts that sum to it."""
        return self.provenance(forbund).explain(check_figure(figure), self.as_of)

    def impact(self, forbund: str | None, year: int, number: int) -> Impact:
        """Every figure a paragraph's events changed on the date, without them and with."""
        return self.provenance(forbund).impact(paragraph_ref(year, number), self.as_of)

    # -- registers -------------------------------------------------------------------

    def bookings(self, forbund: str | None, year: int) -> BookingList:
        """The verifikationslista of a year: bookings and payments to owners, numbered."""
        r = self.records
        fid = r.now().forbund_id(forbund)
        booked = r.events(FiscalYear.id_for(fid, year))
        payments = [
            (insats, event)
            for insats, events in r.insatser(fid)
            for event in events
            if isinstance(event, Insats.PaymentMade)
        ]
        return booking_list(fid, year, booked, payments)

    def decisions(self, forbund: str | None, year: int) -> DecisionList:
        """Every paragraph of a year with a money effect, and what its events moved."""
        r = self.records
        fid = r.now().forbund_id(forbund)
        book = r.load(MinutesBook, MinutesBook.id_for(fid, year))
        money = [
            *r.events(FiscalYear.id_for(fid, year)),
            *r.events(FiscalYear.id_for(fid, year + 1)),  # next year's budget
            *(event for _insats, events in r.insatser(fid) for event in events),
        ]
        return decision_list(fid, year, book, money)

    # -- tamper evidence -------------------------------------------------------------

    def audit_head(self, forbund: str | None, at: datetime | int | None = None) -> Link | None:
        """The förbund's last link in the chain at a moment or log position (None: now):
        the checkpoint a signed protocol pins (e.g. as of its adjustment)."""
        fid = self.records.forbund_id(forbund)
        return audit.head_at(audit.forbund_links(self.records.app, fid), fid, at)

    def adjustment_head(self, forbund: str | None, meeting: date) -> Link | None:
        """The link of the event that adjusted (justerade) the minutes of a meeting: the
        head of the förbund's chain as it stood then, which the signed protocol pins, at
        the same position as the audit bundle's checkpoint for it. (The head by recorded
        time would not do: the events of one journal import share their recorded time,
        so it would name the end of the import, a later position.)"""
        r = self.records
        fid = r.now().forbund_id(forbund)
        book = MinutesBook.id_for(fid, meeting.year)
        adjusted = [
            e
            for e in r.events(book)
            if isinstance(e, MinutesBook.MinutesAdjusted) and e.meeting == meeting
        ]
        # paragraphs adjusted at once (omedelbar justering) come first; the protocol is
        # signed when the whole of it is adjusted
        whole = [e for e in adjusted if not e.immediately] or adjusted
        if not whole:
            return None
        # the event's position by the events table's key, its link by the chain's
        # index: never a scan of every notification (issue 25)
        position = r.app.position_of(book, whole[-1].originator_version)
        if position is None:
            return None
        return audit.forbund_links(r.app, fid, position).get(position)

    def bundle(self, forbund: str | None, years: tuple[int, ...] = ()) -> dict[str, bytes]:
        """The audit bundle of a förbund (projections/bundle.py): its events with their
        links, a manifest with the checkpoints, and the reports of the years (default:
        every year it has a budget year for)."""
        r = self.records
        fid = r.forbund_id(forbund)
        if not years:
            years = tuple(
                y for y in range(FINSAM_LAW, r.today().year + 2)
                if r.load(FiscalYear, FiscalYear.id_for(fid, y)) is not None
            )  # fmt: skip
        # the förbund's events and links by the chain's index on förbund, never every
        # notification of the log (issue 25); a store with no chain yet is read whole
        stored = forbund_notifications(r.app, fid)
        documents = document_reader(r.app)
        if stored is None:
            return make_bundle(
                fid, years, audit.notifications(r.app), audit.links(r.app), documents
            )
        return make_bundle(fid, years, stored, audit.forbund_links(r.app, fid), documents)
