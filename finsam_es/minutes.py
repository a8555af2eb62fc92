"""The minutes book: one per förbund and calendar year, its meetings and numbered
paragraphs.

The book owns the § numbering, so "a number is never used twice in a year" is a
rule of one aggregate; adjusted minutes are final and posting needs adjustment.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import msgspec

from finsam_es import posting
from finsam_es.adjustment import adjustment, check_unadjusted
from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.errors import Final, InvalidInput, NotFound, Refused
from finsam_es.meeting import Meeting, MeetingDetails, meeting_details
from finsam_es.paragraph import Paragraph, Wording, check_paragraph_number, wording_of
from finsam_es.values import paragraph_ref


class MinutesBook(YearlyAggregate):
    """The minutes of one förbund and calendar year: meetings and numbered paragraphs."""

    KEY = "minutes"  # ids: stable_id("minutes", förbund, year)

    class Opened(FinsamAggregate.Created):
        year: int

        def apply(self, aggregate: MinutesBook) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.meetings = {}
            aggregate.paragraphs = {}
            aggregate.used_numbers = frozenset()
            aggregate.anslag = ()

    class MeetingOpened(FinsamAggregate.Event):
        meeting: Meeting

        def apply(self, aggregate: MinutesBook) -> None:
            aggregate.meetings[self.meeting.date] = self.meeting

    class ParagraphAdded(FinsamAggregate.Event):
        paragraph: Paragraph

        def apply(self, aggregate: MinutesBook) -> None:
            aggregate.paragraphs[self.paragraph.number] = self.paragraph
            aggregate.used_numbers = aggregate.used_numbers | {self.paragraph.number}

    class ParagraphAmended(FinsamAggregate.Event):
        year: int
        number: int
        title: str
        text: str
        decisions: tuple[str, ...]
        # Since v2 (defaults: stored amendments left these unchanged and kept no old values)
        dissent: tuple[str, ...] | None = None
        conflict: tuple[str, ...] | None = None
        send_to: tuple[str, ...] | None = None
        was: Wording | None = None

        def apply(self, aggregate: MinutesBook) -> None:
            old = aggregate.paragraphs[self.number]
            aggregate.paragraphs[self.number] = msgspec.structs.replace(
                old,
                title=self.title,
                text=self.text,
                decisions=self.decisions,
                dissent=old.dissent if self.dissent is None else self.dissent,
                conflict=old.conflict if self.conflict is None else self.conflict,
                send_to=old.send_to if self.send_to is None else self.send_to,
            )

    class MeetingAmended(FinsamAggregate.Event):
        """The header of a meeting changed before adjustment, with what it said before."""

        before: MeetingDetails
        after: MeetingDetails

        def apply(self, aggregate: MinutesBook) -> None:
            m = aggregate.meetings[self.after.date]
            aggregate.meetings[self.after.date] = msgspec.structs.replace(
                m, **meeting_details(self.after)
            )

    class MeetingCancelled(FinsamAggregate.Event):
        """A meeting withdrawn before adjustment, with its paragraphs; their numbers
        stay used (a number is never used twice in a year)."""

        meeting: Meeting
        reason: str
        paragraphs: tuple[int, ...]

        def apply(self, aggregate: MinutesBook) -> None:
            del aggregate.meetings[self.meeting.date]
            for n in self.paragraphs:
                del aggregate.paragraphs[n]

    class ParagraphRenumbered(FinsamAggregate.Event):
        year: int
        number: int
        new_number: int

        def apply(self, aggregate: MinutesBook) -> None:
            old = aggregate.paragraphs.pop(self.number)
            aggregate.paragraphs[self.new_number] = msgspec.structs.replace(
                old, number=self.new_number
            )
            aggregate.used_numbers = aggregate.used_numbers | {self.new_number}

    class MeetingClosed(FinsamAggregate.Event):
        meeting: date

        def apply(self, aggregate: MinutesBook) -> None:
            m = aggregate.meetings[self.meeting]
            aggregate.meetings[self.meeting] = msgspec.structs.replace(m, closed=self.effective)

    class MinutesAdjusted(FinsamAggregate.Event):
        meeting: date
        numbers: tuple[int, ...]
        immediately: bool

        def apply(self, aggregate: MinutesBook) -> None:
            for n in self.numbers:
                p = aggregate.paragraphs[n]
                aggregate.paragraphs[n] = msgspec.structs.replace(
                    p, adjusted=self.effective, immediately=self.immediately
                )
            if not self.immediately:
                m = aggregate.meetings[self.meeting]
                aggregate.meetings[self.meeting] = msgspec.structs.replace(
                    m, adjusted=self.effective
                )

    class MinutesPosted(FinsamAggregate.Event):
        meeting: date
        up: date
        down: date

        def apply(self, aggregate: MinutesBook) -> None:
            m = aggregate.meetings[self.meeting]
            aggregate.meetings[self.meeting] = msgspec.structs.replace(
                m, posted_up=self.up, posted_down=self.down
            )
            # recorded before boards were named: it stands for every board (posting.py)
            old = posting.BoardPosting(meeting=self.meeting, board="", up=self.up, down=self.down)
            aggregate.anslag = (*aggregate.anslag, old)

    class AnslagPosted(FinsamAggregate.Event):
        """The adjusted minutes (or a § adjusted at once) on one notice board."""

        anslag: posting.BoardPosting

        def apply(self, aggregate: MinutesBook) -> None:
            aggregate.anslag = (*aggregate.anslag, self.anslag)

    class AssignmentCompleted(FinsamAggregate.Event):
        year: int
        number: int
        index: int
        note: str

        def apply(self, aggregate: MinutesBook) -> None:
            p = aggregate.paragraphs[self.number]
            aggregate.paragraphs[self.number] = msgspec.structs.replace(
                p,
                completed=(*p.completed, self.index),
                completed_on=(*p.completed_on, self.effective),
            )

    if TYPE_CHECKING:
        year: int
        meetings: dict[date, Meeting]
        paragraphs: dict[int, Paragraph]
        used_numbers: frozenset[int]
        anslag: tuple[posting.BoardPosting, ...]

    # -- queries on the book -------------------------------------------------

    def meeting(self, day: date) -> Meeting:
        try:
            return self.meetings[day]
        except KeyError:
            raise NotFound(
                f"no meeting of {self.forbund} on {day} (open it with: finsam meeting open {day})"
            ) from None

    def paragraph(self, number: int) -> Paragraph:
        try:
            return self.paragraphs[number]
        except KeyError:
            raise NotFound(f"§{number} does not exist in {self.year} for {self.forbund}") from None

    def decided_before(self, number: int, on: date) -> str:
        """The reference ("2024:12") of a paragraph a payment or settlement beyond the
        grant names: the decision must be in the minutes, at a meeting on or before the act."""
        paragraph = self.paragraph(number)
        if paragraph.meeting > on:
            raise Refused(
                f"§{number} of {self.year} is decided on {paragraph.meeting}, after {on}: "
                "a decision beyond the grant comes first"
            )
        return paragraph_ref(self.year, number)

    def paragraphs_of(self, day: date) -> list[Paragraph]:
        return sorted(
            (p for p in self.paragraphs.values() if p.meeting == day), key=lambda p: p.number
        )

    def next_number(self) -> int:
        return max(self.used_numbers, default=0) + 1

    # -- commands ------------------------------------------------------------

    def open_meeting(self, details: MeetingDetails | Meeting, at: datetime) -> None:
        meeting = Meeting(**meeting_details(details))
        if meeting.date.year != self.year:
            raise InvalidInput(f"meeting {meeting.date} does not belong to {self.year}")
        if meeting.date in self.meetings:
            raise Refused(f"{self.forbund} already has a meeting on {meeting.date}")
        self.record(self.MeetingOpened, at, effective=meeting.date, meeting=meeting)

    def check_accepts_paragraphs(self, day: date) -> Meeting:
        """The meeting exists and its minutes are not adjusted (final) yet."""
        meeting = self.meeting(day)
        if meeting.adjusted is not None:
            raise Final(
                f"the minutes of {meeting.date} were adjusted on {meeting.adjusted}: they are final; "
                "record a correction at a later meeting (--corrects YEAR:N)"
            )
        return meeting

    def check_correctable(self, number: int, at_meeting: date) -> None:
        """§number exists and a correction of it is made at a later meeting."""
        old = self.paragraph(number)
        if old.meeting >= at_meeting:
            raise Refused(
                f"a correction of §{number} ({self.year}) is made at a later meeting than {old.meeting}"
            )

    def add_paragraph(self, paragraph: Paragraph, at: datetime) -> list[str]:
        meeting = self.check_accepts_paragraphs(paragraph.meeting)
        paragraph.check_title_and_number()
        if paragraph.number in self.used_numbers:
            existing = self.paragraphs.get(paragraph.number)
            where = f" (meeting {existing.meeting})" if existing else " (renumbered away)"
            raise Refused(f"§{paragraph.number} is already used in {self.year}{where}")
        warnings = []
        earlier = [p.number for p in self.paragraphs.values() if p.meeting < paragraph.meeting]
        if earlier and paragraph.number <= max(earlier):
            warnings.append(
                f"§{paragraph.number} comes after §{max(earlier)} of an earlier meeting in {self.year}; "
                "numbering runs on through the year"
            )
        warnings += paragraph.deciding_warnings(meeting.present)
        self.record(self.ParagraphAdded, at, effective=paragraph.meeting, paragraph=paragraph)
        return warnings

    def _unadjusted(self, number: int, verb: str) -> Paragraph:
        p = self.paragraph(number)
        if p.adjusted is not None:
            raise Final(
                f"§{number} ({self.year}) was adjusted on {p.adjusted}: it is final and cannot be {verb}; "
                "record a correction at a later meeting (--corrects "
                f"{paragraph_ref(self.year, number)})"
            )
        return p

    def amend_paragraph(
        self,
        number: int,
        title: str | None,
        text: str | None,
        decisions: tuple[str, ...] | None,
        on: date,
        at: datetime,
        *,
        dissent: tuple[str, ...] | None = None,
        conflict: tuple[str, ...] | None = None,
        send_to: tuple[str, ...] | None = None,
    ) -> None:
        p = self._unadjusted(number, "changed")
        if title is not None and not title.strip():
            raise InvalidInput(f"§{number} needs a title; --title cannot be empty")
        self.record(
            self.ParagraphAmended,
            at,
            effective=on,
            year=self.year,
            number=number,
            title=title if title is not None else p.title,
            text=text if text is not None else p.text,
            decisions=decisions if decisions is not None else p.decisions,
            dissent=dissent,
            conflict=conflict,
            send_to=send_to,
            was=wording_of(p),
        )

    def _unadjusted_meeting(self, day: date, verb: str) -> Meeting:
        m = self.meeting(day)
        check_unadjusted(m, self.paragraphs_of(day), verb)
        return m

    def amend_meeting(self, details: MeetingDetails, on: date, at: datetime) -> None:
        """Change the header of a meeting whose minutes are not adjusted yet."""
        m = self._unadjusted_meeting(details.date, "amended")
        before = MeetingDetails(**meeting_details(m))
        if before == details:
            raise InvalidInput(f"nothing to change in the meeting of {details.date}")
        self.record(self.MeetingAmended, at, effective=on, before=before, after=details)

    def cancel_meeting(self, day: date, reason: str, on: date, at: datetime) -> list[str]:
        """Withdraw a meeting (and its paragraphs) whose minutes are not adjusted."""
        m = self._unadjusted_meeting(day, "cancelled")
        paragraphs = self.paragraphs_of(day)
        money = [p.number for p in paragraphs if p.effects]
        if money:
            raise Refused(
                f"the meeting of {day} cannot be cancelled: "
                + ", ".join(f"§{n}" for n in money)
                + " carry money decisions already in the books"
            )
        numbers = tuple(p.number for p in paragraphs)
        self.record(
            self.MeetingCancelled, at, effective=on, meeting=m, reason=reason, paragraphs=numbers
        )
        if not numbers:
            return []
        span = f"§{numbers[0]}" + (f"–§{numbers[-1]}" if len(numbers) > 1 else "")
        return [f"{span} withdrawn with the meeting; their numbers stay used"]

    def renumber_paragraph(self, number: int, new_number: int, on: date, at: datetime) -> None:
        self._unadjusted(number, "renumbered")
        if new_number in self.used_numbers:
            raise Refused(f"§{new_number} is already used in {self.year}")
        if new_number <= 0:
            raise InvalidInput(f"§{new_number} is not a paragraph number")
        check_paragraph_number(new_number)
        self.record(
            self.ParagraphRenumbered,
            at,
            effective=on,
            year=self.year,
            number=number,
            new_number=new_number,
        )

    def close_meeting(self, day: date, at: datetime) -> None:
        m = self.meeting(day)
        if m.closed is not None:
            raise Refused(f"the meeting of {day} is already closed")
        self.record(self.MeetingClosed, at, effective=day, meeting=day)

    def adjust(self, day: date, on: date, at: datetime, number: int | None = None) -> list[str]:
        """Adjust the meeting's minutes, or one paragraph at once (finsam_es/adjustment.py)."""
        m = self.meeting(day)
        numbers, warnings = adjustment(m, self.paragraphs_of(day), on, number, self.paragraph)
        self.record(
            self.MinutesAdjusted,
            at,
            effective=on,
            meeting=day,
            numbers=numbers,
            immediately=number is not None,
        )
        return warnings

    def post(
        self,
        day: date,
        up: date,
        down: date | None,
        at: datetime,
        boards: tuple[str, ...] = ("",),
        number: int | None = None,
    ) -> list[str]:
        """Post the adjusted minutes, or a § adjusted at once, on each board (posting.plan)."""
        p = None if number is None else self.paragraph(number)
        new, warnings = posting.plan(self.meeting(day), p, self.anslag, up, down, boards)
        for a in new:
            self.record(self.AnslagPosted, at, effective=up, anslag=a)
        return warnings

    def complete_assignment(
        self, number: int, index: int, on: date, note: str, at: datetime
    ) -> None:
        self.paragraph(number).check_completable(self.year, index, on)
        self.record(
            self.AssignmentCompleted,
            at,
            effective=on,
            year=self.year,
            number=number,
            index=index,
            note=note,
        )
