"""The procedures a förbund must record beside its minutes, one book per förbund and
year: the budget consultation with the members (lag 2003:1210 23 §), the announcement
of adjusted minutes (recorded before the anslag had records of its own in the minutes
book, finsam_es.posting; KL 8:12), the delegation order and the
reports of delegated decisions (10 §), the auditors each member appoints (25 §) and
each member's decision on discharge (26 §).

Recording them is the secretary's act; what is missing is a warning of
``projections.procedures``, never a refusal: the board's decisions stand on their own.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.errors import InvalidInput, Refused
from finsam_es.membership import Member

ProcedureKind = Literal[
    "consultation",  # the members consulted on next year's budget (23 §)
    "announcement",  # adjusted minutes on a notice board (KL 8:12); now the minutes' anslag
    "delegation",  # the delegation order and what may not be delegated (10 §)
    "delegated_report",  # delegated decisions reported to the board (10 §)
    "auditor",  # a member's auditor; FK's is joint for FK and AF (25 §)
    "discharge",  # a member's decision on the board's discharge (26 §)
]


class Procedure(msgspec.Struct, frozen=True, kw_only=True):
    kind: ProcedureKind
    on: date
    member: str = ""  # the member it concerns (consultation, announcement, auditor, discharge)
    meeting: date | None = None  # the meeting whose minutes are announced / reported to
    name: str = ""  # the auditor's name
    text: str = ""  # what the delegation excludes, what was reported, the discharge decided
    granted: bool | None = None  # discharge granted (True) or refused (False)


def check_auditor_appointer(members: tuple[Member, ...], member: str) -> None:
    """25 §: each member appoints an auditor, but the state members (Försäkringskassan and
    Arbetsförmedlingen) have one between them, appointed by Försäkringskassan. The rule
    goes by the members' kind: the first state member the förbund lists (Försäkringskassan,
    as the law names it first) appoints; another state member's auditor is refused."""
    state = [m for m in members if m.kind == "state"]
    appointing = state[0] if state else None
    for m in state[1:]:
        if m.id == member and appointing is not None:
            raise Refused(
                f"{m.name} appoints no auditor of its own: {appointing.name} appoints one "
                f"jointly for both (lag 2003:1210 25 §); record it for {appointing.id}"
            )


class ProcedureBook(YearlyAggregate):
    """The procedures of one förbund and year (the year they concern)."""

    KEY = "procedures"

    class Opened(FinsamAggregate.Created):
        year: int

        def apply(self, aggregate: ProcedureBook) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.procedures = ()

    class ProcedureRecorded(FinsamAggregate.Event):
        procedure: Procedure

        def apply(self, aggregate: ProcedureBook) -> None:
            aggregate.procedures = (*aggregate.procedures, self.procedure)

    if TYPE_CHECKING:
        procedures: tuple[Procedure, ...]

    def of(self, kind: ProcedureKind) -> tuple[Procedure, ...]:
        return tuple(p for p in self.procedures if p.kind == kind)

    def record_procedure(self, procedure: Procedure, at: datetime) -> None:
        p = procedure
        if p.kind in ("consultation", "announcement", "auditor", "discharge") and not p.member:
            raise InvalidInput(f"a {p.kind} names the member it concerns (--member)")
        if p.kind == "announcement" and p.meeting is None:
            raise InvalidInput("an announcement names the meeting whose minutes it made known")
        if p.kind == "announcement" and p.meeting is not None and p.on < p.meeting:
            raise InvalidInput(f"minutes of {p.meeting} cannot be announced on {p.on}")
        if p.kind == "auditor" and not p.name.strip():
            raise InvalidInput("an auditor has a name")
        if p.kind == "discharge" and p.granted is None:
            raise InvalidInput("a discharge decision is granted or refused")
        for old in self.procedures:
            same_member = old.kind == p.kind and old.member == p.member and p.member
            if same_member and p.kind in ("discharge",):
                raise Refused(f"{p.member} already decided on discharge for {self.year} ({old.on})")
            if same_member and p.kind == "announcement" and old.meeting == p.meeting:
                raise Refused(
                    f"the minutes of {p.meeting} are already announced on {p.member}'s notice "
                    f"board ({old.on})"
                )
        self.record(self.ProcedureRecorded, at, effective=p.on, procedure=p)
