"""The förbund aggregate: its events (all stored under finsam_es.forbund topics), its
registration, thresholds, opening equity and the indexes its commands keep (insats
years, imported journal entries). Its members over time and their shares are in
finsam_es/forbund_members.py, its board (seats, roles, quorum) in
finsam_es/forbund_board.py: parts of the one aggregate, by concern.

Command methods check the rules and raise a FinsamError, or record events and
return warnings (rules the board should hear about but that do not block).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

import msgspec

from finsam_es import membership as ms
from finsam_es import shares as sh
from finsam_es.base import FinsamAggregate
from finsam_es.charter import Charter, check_charter
from finsam_es.errors import InvalidInput, Refused
from finsam_es.forbund_board import ForbundBoard
from finsam_es.forbund_members import ForbundMembers
from finsam_es.membership import History, Member, Role, check_seat_counts, check_shares
from finsam_es.quorum import QuorumRule
from finsam_es.roles import RoleName, RoleTerm, Rotation
from finsam_es.seats import Seat, seat_term
from finsam_es.thresholds import Thresholds
from finsam_es.values import WHOLE, format_kr, format_share, stable_id


class Forbund(ForbundBoard, ForbundMembers, FinsamAggregate):
    """A samordningsförbund: members and their shares, the board over time."""

    orgnr = ""  # until an OrgnrRecorded (finsam_es/orgnr.py) says otherwise

    class Registered(FinsamAggregate.Created):
        name: str
        members: tuple[Member, ...]
        quorum: QuorumRule
        # v3 (issue 26): whether the formation date was stated (a journal's `created`,
        # `forbund create --formed`) or defaulted (today, a file's first date): only a
        # stated one refuses what is dated before it (finsam_es/formation.py)
        stated: bool
        # v2 (issue 13): a member's share is exact, "p/q"; v1 stored parts per million
        class_version = 3

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            for m in state["members"]:
                m["share"] = sh.to_text(sh.from_ppm(m["share"]))

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["stated"] = False  # stores before it kept no word of it

        def apply(self, aggregate: Forbund) -> None:
            aggregate.forbund = self.forbund
            aggregate.name = self.name
            aggregate.members = self.members
            aggregate.quorum = self.quorum
            aggregate.formed = self.effective
            aggregate.stated_formation = self.effective if self.stated else None
            aggregate.history = ((self.effective, self.members),)
            aggregate.changes = ()
            aggregate.elected = ()
            aggregate.rotations = ()
            aggregate.seats = ()
            aggregate.opening = None
            aggregate.set_thresholds = Thresholds()  # the defaults until the board sets its own
            aggregate.charters = ()  # finsam's rules before a charter is set (charter.py)
            aggregate.insats_years = {}
            aggregate.insatser_by_year = {}
            aggregate.imported = frozenset()

    class BoardMemberAppointed(FinsamAggregate.Event):
        seat: Seat

        def apply(self, aggregate: Forbund) -> None:
            aggregate.seats = (*aggregate.seats, self.seat)

    class BoardMemberLeft(FinsamAggregate.Event):
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
        equity: int

        def apply(self, aggregate: Forbund) -> None:
            aggregate.opening = (self.effective, self.equity)

    class SeatsChanged(FinsamAggregate.Event):
        """The charter gives a member another number of seats (10 §)."""

        member: str
        ledamoter: int
        ersattare: int

        def apply(self, aggregate: Forbund) -> None:
            def seats(members: tuple[Member, ...]) -> tuple[Member, ...]:
                return tuple(
                    msgspec.structs.replace(m, ledamoter=self.ledamoter, ersattare=self.ersattare)
                    if m.id == self.member
                    else m
                    for m in members
                )

            aggregate.members = seats(aggregate.members)
            aggregate.history = tuple((day, seats(ms_)) for day, ms_ in aggregate.history)

    class MembersChanged(FinsamAggregate.Event):
        """A member joins or leaves by decision (the members' own, as the changed
        förbundsordning): the members and every share from ``effective``, their first
        day."""

        decision: str
        joined: str
        left: str
        members: tuple[Member, ...]

        def apply(self, aggregate: Forbund) -> None:
            aggregate.history = (*aggregate.history, (self.effective, self.members))
            aggregate.members = self.members
            change = ms.Change(self.effective, self.joined, self.left, self.decision)
            aggregate.changes = (*aggregate.changes, change)

    class RoleElected(FinsamAggregate.Event):
        """A chair or vice chair elected for a term of its own (17 §)."""

        term: RoleTerm

        def apply(self, aggregate: Forbund) -> None:
            aggregate.elected = (*aggregate.elected, self.term)

    class RoleEnded(FinsamAggregate.Event):
        """A role's term ends on ``last_day`` (the seat goes on). A role held with a seat
        (``--chair`` on `board appoint`) becomes a term of its own that ends then."""

        name: str
        role: RoleName
        last_day: date

        def apply(self, aggregate: Forbund) -> None:
            for t in aggregate.elected:
                if t.name == self.name and t.role == self.role and t.holds_on(self.last_day):
                    ended = msgspec.structs.replace(t, end=self.last_day)
                    aggregate.elected = tuple(ended if x is t else x for x in aggregate.elected)
                    return
            for seat in aggregate.seats:
                term = seat_term(seat)
                if (
                    term
                    and (term.name, term.role) == (self.name, self.role)
                    and term.holds_on(self.last_day)
                ):
                    plain = msgspec.structs.replace(seat, chair=False, vice_chair=False)
                    aggregate.seats = tuple(plain if s is seat else s for s in aggregate.seats)
                    ended = msgspec.structs.replace(term, end=self.last_day)
                    aggregate.elected = (*aggregate.elected, ended)
                    return

    class RotationSet(FinsamAggregate.Event):
        rotation: Rotation

        def apply(self, aggregate: Forbund) -> None:
            aggregate.rotations = (*aggregate.rotations, self.rotation)

    class ThresholdsSet(FinsamAggregate.Event):
        thresholds: Thresholds

        def apply(self, aggregate: Forbund) -> None:
            aggregate.set_thresholds = self.thresholds

    class CharterSet(FinsamAggregate.Event):
        charter: Charter

        def apply(self, aggregate: Forbund) -> None:
            # dated: a posting or a seat is read against the charter of its day
            aggregate.charters = (*aggregate.charters, (self.effective, self.charter))

    class InsatsYearsNoted(FinsamAggregate.Event):
        """The years an insats has granted money in (an index for the budget check)."""

        insats: str
        years: tuple[int, ...]

        def apply(self, aggregate: Forbund) -> None:
            # In place: the dict belongs to this aggregate object alone, and copying it
            # for every event made replaying a long history quadratic.
            noted = aggregate.insats_years.get(self.insats, frozenset())
            aggregate.insats_years[self.insats] = noted | set(self.years)
            by_year = aggregate.insatser_by_year  # the same index by year: a grant reads its own
            for year in self.years:
                by_year[year] = by_year.get(year, frozenset()) | {self.insats}

    class JournalEntriesImported(FinsamAggregate.Event):
        """Fingerprints of imported journal entries and SIE verifications, as stores
        written before store/imported.py hold them (new imports write its table)."""

        fingerprints: tuple[str, ...]

        def apply(self, aggregate: Forbund) -> None:
            aggregate.imported = aggregate.imported | set(self.fingerprints)

    if TYPE_CHECKING:
        name: str
        members: tuple[Member, ...]
        formed: date
        stated_formation: date | None  # `formed` when it was stated, not defaulted
        history: History
        changes: tuple[ms.Change, ...]
        elected: tuple[RoleTerm, ...]
        rotations: tuple[Rotation, ...]
        quorum: QuorumRule
        imported: frozenset[str]
        seats: tuple[Seat, ...]
        opening: tuple[date, int] | None
        insats_years: dict[str, frozenset[int]]
        insatser_by_year: dict[int, frozenset[str]]
        set_thresholds: Thresholds
        charters: tuple[tuple[date, Charter], ...]

    @property
    def thresholds(self) -> Thresholds:
        """The thresholds last set, else the defaults (set on registering)."""
        return self.set_thresholds

    @property
    def charter(self) -> Charter:
        """The charter's settings last set, else the defaults (finsam's rules before)."""
        return self.charters[-1][1] if self.charters else Charter()

    def charter_on(self, day: date) -> Charter:
        """The charter's settings in force on a day (the defaults before any was set)."""
        found = [c for since, c in self.charters if since <= day]
        return found[-1] if found else Charter()

    def change_charter(self, charter: Charter, on: date, at: datetime) -> None:
        check_charter(charter, self.charter)
        self.record(self.CharterSet, at, effective=on, charter=charter)

    def change_thresholds(self, thresholds: Thresholds, on: date, at: datetime) -> None:
        if not 0 < thresholds.equity_limit <= WHOLE:
            raise InvalidInput(
                f"an equity limit is a share above 0 and at most 100 %, not "
                f"{format_share(thresholds.equity_limit)}"
            )
        if not thresholds.equity_source.strip() or not thresholds.balanskrav_source.strip():
            raise InvalidInput("a threshold needs its source (--source, --balanskrav-source)")
        if thresholds == self.thresholds:
            raise InvalidInput(f"the thresholds of {self.forbund} are already these")
        self.record(self.ThresholdsSet, at, effective=on, thresholds=thresholds)

    def mark_imported(self, fingerprints: tuple[str, ...], at: datetime) -> None:
        """The old way of keeping fingerprints (tests build older stores with it)."""
        self.record(self.JournalEntriesImported, at, effective=at.date(), fingerprints=fingerprints)

    def record_insats_years(self, insats: str, years: tuple[int, ...], at: datetime) -> None:
        """Record the years of ``years`` not yet noted for the insats (none: no event)."""
        new = tuple(y for y in years if y not in self.insats_years.get(insats, frozenset()))
        if new:
            self.record(self.InsatsYearsNoted, at, effective=at.date(), insats=insats, years=new)

    def insatser_with_money_in(self, year: int) -> tuple[str, ...]:
        """The insatser noted as having granted money in the year."""
        return tuple(sorted(self.insatser_by_year.get(year, ())))

    @staticmethod
    def id_for(forbund: str) -> UUID:
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
        stated: bool = False,
    ) -> Forbund:
        if not forbund or not forbund.replace("-", "").replace("_", "").isalnum():
            raise InvalidInput(f"'{forbund}' is not a förbund id (letters, digits, - and _)")
        if not name.strip():
            raise InvalidInput("a förbund needs a name (--name)")
        check_shares(members)
        check_seat_counts(members)
        return cls._create(
            cls.Registered,
            id=cls.id_for(forbund),
            timestamp=at,
            forbund=forbund,
            effective=effective,
            name=name,
            members=members,
            quorum=quorum,
            stated=stated,
        )

    def set_opening_equity(self, year_end: date, equity: int, at: datetime) -> list[str]:
        if self.opening is not None:
            raise Refused(
                f"{self.forbund} already has its opening equity ({format_kr(self.opening[1])} on {self.opening[0]})"
            )
        if (year_end.month, year_end.day) != (12, 31):
            raise InvalidInput(f"opening equity is set at a year end (YYYY-12-31), not {year_end}")
        self.record(self.OpeningEquitySet, at, effective=year_end, equity=equity)
        if equity < 0:
            return [
                f"the opening equity on {year_end} is negative ({format_kr(equity)}): the "
                "deficit is to be restored within three years (balanskrav, KL 11:12 through "
                "lag 2003:1210 21 §)"
            ]
        return []
