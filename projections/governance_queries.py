"""The board's questions at one moment: the board and its changes, meetings, minutes
and paragraphs, open assignments and the procedures the law asks beside the minutes.
Part of the bound reader (``Reader.at``): the date asked about and the moment the
records are read as of are given once, to the ``At`` that holds this part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import msgspec

from finsam_es.agenda import Agenda
from finsam_es.distance import Distance
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.posting import BoardPosting
from finsam_es.procedures import ProcedureBook
from finsam_es.signatures import signatures_of
from finsam_es.values import paragraph_ref
from finsam_es.vote import Votes
from projections import application_numbers as numbers
from projections import signing
from projections.agenda_minutes import proposals_by_paragraph, with_proposal
from projections.anslag import Notice, justering_notices, old_announcements, paragraph_anslag
from projections.board import BoardReport, board, board_changes
from projections.distance import distance_by_meeting, with_attendees
from projections.meetings import MeetingRow, meeting_rows
from projections.minutes import (
    MinutesDocument,
    OpenAssignment,
    ParagraphView,
    corrections,
    minutes,
    open_assignments,
    paragraph_view,
)
from projections.procedures import ProcedureReport, procedure_report
from projections.reader_base import FINSAM_LAW, Records
from projections.votes import Recorded, votes_by_paragraph, with_vote
from store.chain import Link

NoticeSource = Callable[[Forbund, Records, date], Iterable[Notice]]
"""Notices of another kind on the förbund's anslagstavla, given the förbund, its records
as read and the date asked about: a public meeting's kungörelse (the agendas' issue)
registers its source in ``NOTICE_SOURCES`` and the board's pages list it beside the
justeringar, without this module naming it."""

NOTICE_SOURCES: list[NoticeSource] = []

AdjustmentHead = Callable[[str, date], Link | None]
"""The head of a förbund's chain when the minutes of a meeting were adjusted."""


class Governance:
    """Board, minutes and procedures as the records stood, on the date asked about."""

    def __init__(self, records: Records, as_of: date, adjustment_head: AdjustmentHead):
        self.records = records
        self.as_of = as_of
        self.adjustment_head = adjustment_head

    def board(self, forbund: str | None) -> BoardReport:
        return board(self.records.forbund(forbund), self.as_of)

    def board_changes(self, forbund: str | None) -> tuple[date, ...]:
        """The dates the board changed (a seat began, or the day after one ended)."""
        return board_changes(self.records.forbund(forbund))

    def procedures(self, forbund: str | None, year: int) -> ProcedureReport:
        """The procedures of a year the law asks beside the minutes, and what is missing."""
        r = self.records
        f = r.forbund(forbund)
        books = {
            y: b
            for y in range(FINSAM_LAW, year + 1)
            if (b := r.load(ProcedureBook, ProcedureBook.id_for(f.forbund, y)))
        }
        book = r.load(MinutesBook, MinutesBook.id_for(f.forbund, year))
        fiscal = r.load(FiscalYear, FiscalYear.id_for(f.forbund, year))
        return procedure_report(f, year, books, book, fiscal)

    def minutes(self, forbund: str | None, day: date) -> MinutesDocument:
        """The minutes of the meeting on a day, with the paragraphs correcting its own and
        the head of the audit chain when they were adjusted."""
        r = self.records
        f = r.forbund(forbund)
        books = r.minutes_books(f.forbund, r.today().year + 1)
        book = r.minutes_book(books, f.forbund, day.year)
        old = self._announced(f.forbund, day.year)
        doc = minutes(f, book, book.meeting(day), corrections(books.values()), old)
        # the votes and who took part at a distance are part of what the signers approve
        votes, away = self._votes(f.forbund, day.year), self._away(f.forbund, day.year)
        asked = self._proposals(f.forbund, day.year)  # the agenda's förslag (issue 20)
        dnr = numbers.by_paragraph(r, f.forbund, day.year, self.as_of)
        paragraphs = tuple(
            numbers.with_diarienummer(
                with_proposal(with_attendees(with_vote(p, votes), away), asked), dnr
            )
            for p in doc.paragraphs
        )
        doc = msgspec.structs.replace(doc, paragraphs=paragraphs, distance=away.get(day, ()))
        signed = tuple(s for s in signatures_of(book) if s.meeting == day)
        if signed:
            sigs = signing.views(signed, signing.content_sha256(doc))
            doc = msgspec.structs.replace(doc, signatures=sigs)
        head = self.adjustment_head(f.forbund, day) if doc.adjusted else None
        if head is None:
            return doc
        # the signed protocol pins the log as it stood when the minutes were adjusted
        return msgspec.structs.replace(doc, audit_head=f"position {head.position}, {head.hash}")

    def extract(self, forbund: str | None, year: int, number: int) -> MinutesDocument:
        """A protokollsutdrag: the minutes of the paragraph's meeting with that § alone."""
        p = self.paragraph(forbund, year, number)
        doc = self.minutes(forbund, p.meeting)
        return msgspec.structs.replace(
            doc, paragraphs=tuple(v for v in doc.paragraphs if v.number == number)
        )

    def meetings(self, forbund: str | None, year: int | None = None) -> list[MeetingRow]:
        """Every meeting (of a year), its § range, adjustment, posting and deadlines."""
        r = self.records
        f = r.forbund(forbund)
        today = r.today()
        if year is None:
            books = r.minutes_books(f.forbund, today.year + 1)
            old = tuple(a for y in books for a in self._announced(f.forbund, y))
        else:
            book = r.load(MinutesBook, MinutesBook.id_for(f.forbund, year))
            books = {year: book} if book else {}
            old = self._announced(f.forbund, year)
        rows = meeting_rows(f, books.values(), today, old)
        signed = {s.meeting for b in books.values() for s in signatures_of(b)}
        return [
            msgspec.structs.replace(row, signatures=self.minutes(forbund, row.date).signatures)
            if row.date in signed
            else row
            for row in rows
        ]

    def paragraph(self, forbund: str | None, year: int, number: int) -> ParagraphView:
        """One paragraph, with the paragraphs that correct it."""
        r = self.records
        f = r.forbund(forbund)
        books = r.minutes_books(f.forbund, r.today().year + 1)
        book = r.minutes_book(books, f.forbund, year)
        corrected_by = corrections(books.values()).get(paragraph_ref(year, number), ())
        p = book.paragraph(number)
        posted = paragraph_anslag(f, book, number, self._announced(f.forbund, year))
        board = f.board_on(p.meeting)
        members = f.members_on(p.meeting)
        view = paragraph_view(book, p, corrected_by, board, f.quorum, posted, members)
        view = with_vote(view, self._votes(f.forbund, year))
        view = with_proposal(view, self._proposals(f.forbund, year))
        view = numbers.with_diarienummer(view, numbers.by_paragraph(r, f.forbund, year, self.as_of))
        return with_attendees(view, self._away(f.forbund, year))

    def notices(self, forbund: str | None) -> list[Notice]:
        """The notices on the förbund's anslagstavla on the date asked about: each is up
        from its posting day until the day it comes down, whatever the date."""
        r = self.records
        f = r.forbund(forbund)
        books = r.minutes_books(f.forbund, self.as_of.year)  # none posted before its meeting
        old = tuple(a for y in books for a in self._announced(f.forbund, y))
        found = justering_notices(f, books.values(), old)
        found += [n for source in NOTICE_SOURCES for n in source(f, r, self.as_of)]
        return sorted(
            (n for n in found if n.current(self.as_of)), key=lambda n: (n.up, n.key), reverse=True
        )

    def _votes(self, fid: str, year: int) -> dict[int, Recorded]:
        """The year's yrkanden and votes per paragraph (finsam_es/vote.py)."""
        return votes_by_paragraph(self.records.events(Votes.id_for(fid, year)))

    def _proposals(self, fid: str, year: int) -> dict[int, str]:
        """The agenda's förslag till beslut of each § an ärende became (finsam_es/agenda.py)."""
        return proposals_by_paragraph(self.records.events(Agenda.id_for(fid, year)))

    def _away(self, fid: str, year: int) -> dict[date, tuple[str, ...]]:
        """Who took part in each meeting of the year at a distance (finsam_es/distance.py)."""
        return distance_by_meeting(self.records.events(Distance.id_for(fid, year)))

    def _announced(self, fid: str, year: int) -> tuple[BoardPosting, ...]:
        """The announcements of a year's minutes recorded as procedures (before the
        anslag had records of its own): one answer with the minutes' (posting.py)."""
        book = self.records.load(ProcedureBook, ProcedureBook.id_for(fid, year))
        return old_announcements(book.procedures) if book else ()

    def open_assignments(self, forbund: str | None) -> list[OpenAssignment]:
        """Assignments given on or before the date and not reported done by then."""
        books = self.records.minutes_books(self.records.forbund_id(forbund), self.as_of.year)
        return open_assignments(books.values(), self.as_of)
