"""Governance aggregates: the förbund (members, shares, board) and the minutes book.

A minutes book is one per förbund and calendar year; it owns the § numbering, so
"a number is never used twice in a year" is a rule of one aggregate. Command
methods check the rules and raise a FinsamError, or record events and return
warnings (rules the board should hear about but that do not block).
"""

from __future__ import annotations

import datetime as _dt
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

import msgspec

from finsam_es.base import FinsamAggregate
from finsam_es.errors import Final, InvalidInput, NotFound, Refused
from finsam_es.values import WHOLE, format_share, paragraph_ref, stable_id

MemberKind = Literal["state", "region", "municipality"]
Role = Literal["ledamot", "ersattare"]
QuorumRule = Literal["at_least_half", "more_than_half"]

KIND_SHARE = {"state": WHOLE // 2, "region": WHOLE // 4, "municipality": WHOLE // 4}
KIND_LABEL = {
    "state": "state members (FK and AF)",
    "region": "the region",
    "municipality": "the municipalities",
}


class Member(msgspec.Struct, frozen=True):
    id: str
    name: str
    kind: MemberKind
    share: int  # parts per million


class Seat(msgspec.Struct, frozen=True):
    name: str
    member: str
    role: Role
    start: date
    end: date | None = None
    chair: bool = False
    vice_chair: bool = False

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Assignment(msgspec.Struct, frozen=True):
    who: str
    what: str
    due: date | None = None


class Meeting(msgspec.Struct, frozen=True):
    date: _dt.date
    extra: bool = False
    place: str = ""
    time: str = ""
    chair: str = ""
    secretary: str = ""
    adjusters: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    closed: _dt.date | None = None
    adjusted: _dt.date | None = None
    posted_up: _dt.date | None = None
    posted_down: _dt.date | None = None


class Paragraph(msgspec.Struct, frozen=True):
    number: int
    meeting: date
    title: str
    text: str = ""
    decisions: tuple[str, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    dissent: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    deciding: tuple[str, ...] = ()
    corrects: str | None = None
    effects: tuple[str, ...] = ()
    adjusted: date | None = None
    immediately: bool = False
    completed: tuple[int, ...] = ()  # numbers of the assignments done
    completed_on: tuple[_dt.date, ...] = ()  # ... and the dates they were reported done


def check_shares(members: tuple[Member, ...]) -> None:
    """The law's split: state 50 %, region 25 %, municipalities 25 %, 100 % in all."""
    if not members:
        raise InvalidInput("a förbund needs its members (--member ID:KIND:SHARE)")
    ids = [m.id for m in members]
    for member_id in ids:
        if ids.count(member_id) > 1:
            raise InvalidInput(f"member '{member_id}' is named twice")
    total = sum(m.share for m in members)
    for kind, required in KIND_SHARE.items():
        if not any(m.kind == kind for m in members):
            raise Refused(
                f"the shares do not follow the law: no {kind} member ({KIND_LABEL[kind]} hold {format_share(required)})"
            )
    for kind, required in KIND_SHARE.items():
        held = sum(m.share for m in members if m.kind == kind)
        if held != required:
            raise Refused(
                f"the shares do not follow the law: {KIND_LABEL[kind]} hold {format_share(held)}, "
                f"the law says {format_share(required)}"
            )
    if total != WHOLE:  # pragma: no cover - implied by the three checks above
        raise Refused(f"the shares add up to {format_share(total)}, not 100 %")


class Registry(FinsamAggregate):
    """The list of förbund in a store (one per store)."""

    ID = stable_id("registry")

    class Started(FinsamAggregate.Created):
        def apply(self, aggregate: Registry) -> None:
            aggregate.forbund = ""
            aggregate.ids = ()

    class ForbundAdded(FinsamAggregate.Event):
        label = "förbund added"
        id: str

        def apply(self, aggregate: Registry) -> None:
            aggregate.ids = (*aggregate.ids, self.id)

    if TYPE_CHECKING:
        ids: tuple[str, ...]

    @classmethod
    def start(cls, at: datetime) -> Registry:
        return cls._create(cls.Started, id=cls.ID, timestamp=at, forbund="", effective=at.date())

    def add(self, forbund: str, at: datetime, effective: date) -> None:
        self.trigger_event(
            self.ForbundAdded, timestamp=at, forbund=forbund, effective=effective, id=forbund
        )


class Forbund(FinsamAggregate):
    """A samordningsförbund: members and their shares, the board over time."""

    class Registered(FinsamAggregate.Created):
        label = "förbund created"
        name: str
        members: tuple[Member, ...]
        quorum: QuorumRule

        def apply(self, aggregate: Forbund) -> None:
            aggregate.forbund = self.forbund
            aggregate.name = self.name
            aggregate.members = self.members
            aggregate.quorum = self.quorum
            aggregate.seats = ()
            aggregate.opening = None
            aggregate.insats_years = {}
            aggregate.imported = frozenset()

    class BoardMemberAppointed(FinsamAggregate.Event):
        label = "board member appointed"
        seat: Seat

        def apply(self, aggregate: Forbund) -> None:
            aggregate.seats = (*aggregate.seats, self.seat)

    class BoardMemberLeft(FinsamAggregate.Event):
        label = "board member left"
        name: str
        member: str
        role: Role
        last_day: date

        def apply(self, aggregate: Forbund) -> None:
            aggregate.seats = tuple(
                msgspec.structs.replace(s, end=self.last_day)
                if s.name == self.name
                and s.member == self.member
                and s.role == self.role
                and (s.end is None or s.end > self.last_day)
                and s.start <= self.last_day
                else s
                for s in aggregate.seats
            )

    class OpeningEquitySet(FinsamAggregate.Event):
        label = "opening equity"
        equity: int

        def apply(self, aggregate: Forbund) -> None:
            aggregate.opening = (self.effective, self.equity)

    class InsatsYearsNoted(FinsamAggregate.Event):
        """The years an insats has granted money in (an index for the budget check)."""

        label = "insats years noted"
        insats: str
        years: tuple[int, ...]

        def apply(self, aggregate: Forbund) -> None:
            noted = aggregate.insats_years.get(self.insats, frozenset())
            aggregate.insats_years = {
                **aggregate.insats_years,
                self.insats: noted | set(self.years),
            }

    class JournalEntriesImported(FinsamAggregate.Event):
        label = "journal imported"
        fingerprints: tuple[str, ...]

        def apply(self, aggregate: Forbund) -> None:
            aggregate.imported = aggregate.imported | set(self.fingerprints)

    if TYPE_CHECKING:
        name: str
        members: tuple[Member, ...]
        quorum: QuorumRule
        imported: frozenset[str]
        seats: tuple[Seat, ...]
        opening: tuple[date, int] | None
        insats_years: dict[str, frozenset[int]]

    def mark_imported(self, fingerprints: tuple[str, ...], at: datetime) -> None:
        self.record(self.JournalEntriesImported, at, effective=at.date(), fingerprints=fingerprints)

    def note_insats_years(self, insats: str, years: tuple[int, ...], at: datetime) -> None:
        new = tuple(y for y in years if y not in self.insats_years.get(insats, frozenset()))
        if new:
            self.record(self.InsatsYearsNoted, at, effective=at.date(), insats=insats, years=new)

    @staticmethod
    def id_for(forbund: str) -> object:
        return stable_id("forbund", forbund)

    @classmethod
    def register(
        cls,
        forbund: str,
        name: str,
        members: tuple[Member, ...],
        quorum: QuorumRule,
        at: datetime,
        effective: date,
    ) -> Forbund:
        if not forbund or not forbund.replace("-", "").replace("_", "").isalnum():
            raise InvalidInput(f"'{forbund}' is not a förbund id (letters, digits, - and _)")
        if not name.strip():
            raise InvalidInput("a förbund needs a name (--name)")
        check_shares(members)
        return cls._create(
            cls.Registered,
            id=stable_id("forbund", forbund),
            timestamp=at,
            forbund=forbund,
            effective=effective,
            name=name,
            members=members,
            quorum=quorum,
        )

    def member(self, member_id: str) -> Member:
        for m in self.members:
            if m.id == member_id:
                return m
        known = ", ".join(m.id for m in self.members)
        raise NotFound(f"{self.forbund} has no member '{member_id}' (members: {known})")

    def appoint(self, seat: Seat, at: datetime) -> None:
        self.member(seat.member)
        if seat.end is not None and seat.end < seat.start:
            raise InvalidInput(f"{seat.name}: --to {seat.end} is before --from {seat.start}")
        if seat.chair and seat.vice_chair:
            raise InvalidInput(f"{seat.name} cannot be both chair and vice chair")
        for other in self.seats:
            if not _overlaps(seat, other):
                continue
            if other.member == seat.member and other.role == seat.role:
                raise Refused(
                    f"{seat.member} already has a {seat.role} from {other.start}: {other.name}; "
                    f'end that seat first (finsam board leave "{other.name}" --on DATE)'
                )
            if seat.chair and other.chair:
                raise Refused(
                    f"{other.name} is chair from {other.start}; a förbund has one chair at a time"
                )
            if seat.vice_chair and other.vice_chair:
                raise Refused(
                    f"{other.name} is vice chair from {other.start}; there is one vice chair at a time"
                )
        self.record(self.BoardMemberAppointed, at, effective=seat.start, seat=seat)

    def leave(self, name: str, last_day: date, at: datetime) -> None:
        open_seats = [
            s for s in self.seats if s.name == name and (s.end is None or s.end > last_day)
        ]
        if not open_seats:
            raise NotFound(f"{name} holds no seat on the board of {self.forbund} after {last_day}")
        for seat in open_seats:
            if last_day < seat.start:
                raise InvalidInput(
                    f"{name} took the seat on {seat.start}; cannot leave on {last_day}"
                )
            self.record(
                self.BoardMemberLeft,
                at,
                effective=last_day,
                name=name,
                member=seat.member,
                role=seat.role,
                last_day=last_day,
            )

    def board_on(self, day: date) -> tuple[Seat, ...]:
        return tuple(s for s in self.seats if s.holds_on(day))

    def set_opening_equity(self, year_end: date, equity: int, at: datetime) -> None:
        if self.opening is not None:
            raise Refused(
                f"{self.forbund} already has its opening equity ({self.opening[1]} öre on {self.opening[0]})"
            )
        if (year_end.month, year_end.day) != (12, 31):
            raise InvalidInput(f"opening equity is set at a year end (YYYY-12-31), not {year_end}")
        self.record(self.OpeningEquitySet, at, effective=year_end, equity=equity)

    def quorum_warning(self, day: date, present: tuple[str, ...]) -> str | None:
        """'fewer than half of the seats present' as the förbund's charter counts it."""
        board = self.board_on(day)
        seats = sum(1 for s in board if s.role == "ledamot")
        if seats == 0:
            return f"no board seats are registered on {day}: quorum cannot be checked"
        represented = {s.member for s in board if s.name in present}
        count = len(represented)
        short = count * 2 <= seats if self.quorum == "more_than_half" else count * 2 < seats
        if short:
            rule = "more than half" if self.quorum == "more_than_half" else "at least half"
            return f"quorum: {count} of {seats} seats present on {day}; the charter asks {rule}"
        return None


def _overlaps(a: Seat, b: Seat) -> bool:
    a_end = a.end or date.max
    b_end = b.end or date.max
    return a.start <= b_end and b.start <= a_end


class MinutesBook(FinsamAggregate):
    """The minutes of one förbund and calendar year: meetings and numbered paragraphs."""

    class Opened(FinsamAggregate.Created):
        label = "minutes book opened"
        year: int

        def apply(self, aggregate: MinutesBook) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.meetings = {}
            aggregate.paragraphs = {}
            aggregate.used_numbers = frozenset()

    class MeetingOpened(FinsamAggregate.Event):
        label = "meeting opened"
        meeting: Meeting

        def apply(self, aggregate: MinutesBook) -> None:
            aggregate.meetings[self.meeting.date] = self.meeting

    class ParagraphAdded(FinsamAggregate.Event):
        label = "paragraph added"
        paragraph: Paragraph

        def apply(self, aggregate: MinutesBook) -> None:
            aggregate.paragraphs[self.paragraph.number] = self.paragraph
            aggregate.used_numbers = aggregate.used_numbers | {self.paragraph.number}

    class ParagraphAmended(FinsamAggregate.Event):
        label = "paragraph amended"
        year: int
        number: int
        title: str
        text: str
        decisions: tuple[str, ...]

        def apply(self, aggregate: MinutesBook) -> None:
            old = aggregate.paragraphs[self.number]
            aggregate.paragraphs[self.number] = msgspec.structs.replace(
                old, title=self.title, text=self.text, decisions=self.decisions
            )

    class ParagraphRenumbered(FinsamAggregate.Event):
        label = "paragraph renumbered"
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
        label = "meeting closed"
        meeting: date

        def apply(self, aggregate: MinutesBook) -> None:
            m = aggregate.meetings[self.meeting]
            aggregate.meetings[self.meeting] = msgspec.structs.replace(m, closed=self.effective)

    class MinutesAdjusted(FinsamAggregate.Event):
        label = "minutes adjusted"
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
        label = "minutes posted"
        meeting: date
        up: date
        down: date

        def apply(self, aggregate: MinutesBook) -> None:
            m = aggregate.meetings[self.meeting]
            aggregate.meetings[self.meeting] = msgspec.structs.replace(
                m, posted_up=self.up, posted_down=self.down
            )

    class AssignmentCompleted(FinsamAggregate.Event):
        label = "assignment completed"
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

    @staticmethod
    def id_for(forbund: str, year: int) -> object:
        return stable_id("minutes", forbund, year)

    @classmethod
    def open_book(cls, forbund: str, year: int, at: datetime) -> MinutesBook:
        return cls._create(
            cls.Opened,
            id=stable_id("minutes", forbund, year),
            timestamp=at,
            forbund=forbund,
            effective=date(year, 1, 1),
            year=year,
        )

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

    def paragraphs_of(self, day: date) -> list[Paragraph]:
        return sorted(
            (p for p in self.paragraphs.values() if p.meeting == day), key=lambda p: p.number
        )

    def next_number(self) -> int:
        return max(self.used_numbers, default=0) + 1

    # -- commands ------------------------------------------------------------

    def open_meeting(self, meeting: Meeting, at: datetime) -> None:
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

    def add_paragraph(self, paragraph: Paragraph, at: datetime) -> list[str]:
        meeting = self.check_accepts_paragraphs(paragraph.meeting)
        if not paragraph.title.strip():
            raise InvalidInput("a paragraph needs a title (--title)")
        if paragraph.number <= 0:
            raise InvalidInput(f"§{paragraph.number} is not a paragraph number (1, 2, 3 ...)")
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
        deciding = paragraph.deciding or meeting.present
        for name in paragraph.conflict:
            if name in deciding:
                warnings.append(
                    f"§{paragraph.number}: {name} has a conflict of interest (jäv) but is listed as "
                    "deciding; name who decided with --deciding"
                )
        for name in paragraph.dissent:
            if deciding and name not in deciding:
                warnings.append(
                    f"§{paragraph.number}: {name} enters dissent but is not listed as deciding"
                )
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
    ) -> None:
        p = self._unadjusted(number, "changed")
        self.record(
            self.ParagraphAmended,
            at,
            effective=on,
            year=self.year,
            number=number,
            title=title if title is not None else p.title,
            text=text if text is not None else p.text,
            decisions=decisions if decisions is not None else p.decisions,
        )

    def renumber_paragraph(self, number: int, new_number: int, on: date, at: datetime) -> None:
        self._unadjusted(number, "renumbered")
        if new_number in self.used_numbers:
            raise Refused(f"§{new_number} is already used in {self.year}")
        if new_number <= 0:
            raise InvalidInput(f"§{new_number} is not a paragraph number")
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
        m = self.meeting(day)
        if on < day:
            raise InvalidInput(f"minutes of {day} cannot be adjusted on {on}, before the meeting")
        if m.adjusted is not None:
            raise Final(f"the minutes of {day} were already adjusted on {m.adjusted}")
        if number is not None:
            p = self.paragraph(number)
            if p.meeting != day:
                raise InvalidInput(f"§{number} belongs to the meeting of {p.meeting}, not {day}")
            if p.adjusted is not None:
                raise Final(f"§{number} was already adjusted on {p.adjusted}")
            numbers: tuple[int, ...] = (number,)
        else:
            numbers = tuple(p.number for p in self.paragraphs_of(day) if p.adjusted is None)
        warnings = []
        if number is None and not self.paragraphs_of(day):
            warnings.append(f"the minutes of {day} have no paragraphs")
        if (on - day).days > 14:
            warnings.append(
                f"adjusted {(on - day).days} days after the meeting of {day}; the law asks within 14 days"
            )
        self.record(
            self.MinutesAdjusted,
            at,
            effective=on,
            meeting=day,
            numbers=numbers,
            immediately=number is not None,
        )
        return warnings

    def post(self, day: date, up: date, down: date, at: datetime) -> list[str]:
        m = self.meeting(day)
        if m.adjusted is None:
            raise Refused(
                f"the minutes of {day} are not adjusted yet; adjust them before posting (anslag)"
            )
        if m.posted_up is not None:
            raise Refused(f"the minutes of {day} were already posted on {m.posted_up}")
        if up < m.adjusted:
            raise InvalidInput(f"posted {up}, before the adjustment on {m.adjusted}")
        if down < up:
            raise InvalidInput(f"taken down {down}, before it was posted {up}")
        warnings = []
        if (up - m.adjusted).days > 2:
            warnings.append(
                f"posted {(up - m.adjusted).days} days after adjustment ({m.adjusted}); the law asks within 2 days"
            )
        if down < up + timedelta(days=21):
            warnings.append(
                f"taken down {down}, before the three weeks of appeal from {up} have run"
            )
        self.record(self.MinutesPosted, at, effective=up, meeting=day, up=up, down=down)
        return warnings

    def complete_assignment(
        self, number: int, index: int, on: date, note: str, at: datetime
    ) -> None:
        p = self.paragraph(number)
        if not 1 <= index <= len(p.assignments):
            raise NotFound(
                f"§{number} ({self.year}) has no assignment {index} (it has {len(p.assignments)})"
            )
        if index in p.completed:
            raise Refused(f"assignment {index} of §{number} ({self.year}) is already completed")
        if on < p.meeting:
            raise InvalidInput(f"an assignment given on {p.meeting} cannot be completed on {on}")
        self.record(
            self.AssignmentCompleted,
            at,
            effective=on,
            year=self.year,
            number=number,
            index=index,
            note=note,
        )
