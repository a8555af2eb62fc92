"""The members of a förbund over time: who the members are on a date and their shares.

A förbund is formed with its members; a municipality (or region) joining or leaving is
a decision with a date, and from that date every share is as the decision states it
(the shares must again follow the law's split). ``History`` is the list of the member
lists in force, each from its first day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

import msgspec

from finsam_es import shares as sh
from finsam_es.errors import InvalidInput, NotFound, Refused

MemberKind = Literal["state", "region", "municipality"]
Role = Literal["ledamot", "ersattare"]

KIND_SHARE = {"state": sh.HALF, "region": sh.QUARTER, "municipality": sh.QUARTER}
KIND_LABEL = {
    "state": "state members (FK and AF)",
    "region": "the region",
    "municipality": "the municipalities",
}


class Member(msgspec.Struct, frozen=True):
    id: str
    name: str
    kind: MemberKind
    # The exact share as "p/q" (since v2 of the förbund's Registered event; stored
    # before in parts per million and upcast, finsam_es/forbund.py).
    share: str
    # The seats the charter gives the member (lag 2003:1210 10 §: at least one of each,
    # as many ersättare as ledamöter). Since v2; members stored before have one of each.
    ledamoter: int = 1
    ersattare: int = 1

    @property
    def fraction(self) -> Fraction:
        return sh.from_text(self.share)

    def seats(self, role: Role) -> int:
        return self.ledamoter if role == "ledamot" else self.ersattare


History = tuple[tuple[date, tuple[Member, ...]], ...]


class Change(msgspec.Struct, frozen=True):
    """A member joined or left: the first day of the new shares, and the decision."""

    day: date
    joined: str
    left: str
    decision: str


def law_shares(members: tuple[Member, ...]) -> dict[str, Fraction]:
    return law_for_kinds({m.kind for m in members})


def law_for_kinds(kinds: set[str]) -> dict[str, Fraction]:
    """The law's split (lag 2003:1210 5 §): state half, region a quarter, municipalities a
    quarter; where no region is a member, the municipalities pay the other half (5 a §)."""
    if "region" in kinds or "municipality" not in kinds:
        return dict(KIND_SHARE)
    return {"state": sh.HALF, "municipality": sh.HALF}


def check_shares(members: tuple[Member, ...]) -> None:
    """The law's split: state 50 %, region 25 %, municipalities 25 %, exactly."""
    if not members:
        raise InvalidInput("a förbund needs its members (--member ID:KIND:SHARE)")
    ids = [m.id for m in members]
    for member_id in ids:
        if ids.count(member_id) > 1:
            raise InvalidInput(f"member '{member_id}' is named twice")
    law = law_shares(members)
    for kind, required in law.items():
        if not any(m.kind == kind for m in members):
            raise Refused(
                f"the shares do not follow the law: no {kind} member ({KIND_LABEL[kind]} "
                f"hold {sh.describe(required)})"
            )
    for kind, required in law.items():
        held = sum((m.fraction for m in members if m.kind == kind), Fraction(0))
        without = " where no region is a member (5 a §)" if "region" not in law else ""
        sh.check_kind_total(KIND_LABEL[kind], held, required, without)


def check_restated(members: tuple[Member, ...]) -> None:
    """The law's split after a change, with what to do when it does not hold."""
    try:
        check_shares(members)
    except Refused as e:
        raise Refused(
            f"{e}: restate the members' shares from that day (--share ID:SHARE)"
        ) from None


def check_seat_counts(members: tuple[Member, ...]) -> None:
    """Lag 2003:1210 10 §: each member at least one ledamot and one ersättare, and as
    many ersättare as ledamöter."""
    for m in members:
        if m.ledamoter < 1 or m.ersattare < 1:
            raise InvalidInput(
                f"member '{m.id}': the law asks at least one ledamot and one ersättare per "
                f"member (lag 2003:1210 10 §), not {m.ledamoter} and {m.ersattare}"
            )
        if m.ledamoter != m.ersattare:
            raise InvalidInput(
                f"member '{m.id}': {m.ledamoter} ledamöter and {m.ersattare} ersättare; the law "
                "asks as many ersättare as ledamöter (lag 2003:1210 10 §)"
            )


def with_shares(
    members: list[tuple[Member, sh.ShareInput]],
) -> tuple[Member, ...]:
    """The members with their shares resolved exactly (kronor within their kind)."""
    law = law_for_kinds({m.kind for m, _ in members})
    exact = sh.resolve([(m.id, m.kind, s) for m, s in members], law)
    return tuple(msgspec.structs.replace(m, share=sh.to_text(exact[m.id])) for m, _ in members)


def members_on(history: History, day: date) -> tuple[Member, ...]:
    """The members in force on the day (before the förbund was formed: its first members)."""
    found = history[0][1]
    for first_day, members in history:
        if first_day <= day:
            found = members
    return found


def ever(history: History) -> tuple[Member, ...]:
    """Every member the förbund has had, the latest version of each, in order of joining."""
    seen: dict[str, Member] = {}
    for _, members in history:
        for m in members:
            seen[m.id] = m
    return tuple(seen.values())


def check_decision(decision: str) -> None:
    if not decision.strip():
        raise InvalidInput(
            "a member joins or leaves by decision: name it (--decision, like "
            "'förbundsordning 2025-01-01, KF Kramfors 2024-11-25 § 112')"
        )


def check_change_day(history: History, first_day: date) -> None:
    formed, last = history[0][0], history[-1][0]
    if first_day <= formed:
        raise InvalidInput(f"the förbund was formed on {formed}; a member changes after that day")
    if first_day <= last:
        raise Refused(
            f"the members already change on {last}; record changes of members in date order"
        )


def joined(
    current: tuple[Member, ...],
    member: Member,
    share: sh.ShareInput,
    restated: Mapping[str, sh.ShareInput],
) -> tuple[Member, ...]:
    """The members after ``member`` joins, the others' shares as restated."""
    if any(m.id == member.id for m in current):
        raise Refused(f"'{member.id}' is already a member")
    return restate([*current, member], {**restated, member.id: share})


def left(
    current: tuple[Member, ...],
    member_id: str,
    last_day: date,
    restated: Mapping[str, sh.ShareInput],
) -> tuple[Member, ...]:
    if not any(m.id == member_id for m in current):
        known = ", ".join(m.id for m in current)
        raise NotFound(f"'{member_id}' is not a member on {last_day} (members: {known})")
    if member_id in restated:
        raise InvalidInput(f"--share '{member_id}': the member leaving keeps no share")
    return restate([m for m in current if m.id != member_id], restated)


def restate(members: list[Member], restated: Mapping[str, sh.ShareInput]) -> tuple[Member, ...]:
    ids = {m.id for m in members}
    for member_id in restated:
        if member_id not in ids:
            raise NotFound(f"--share '{member_id}': no such member then")
    return with_shares([(m, restated.get(m.id, m.fraction)) for m in members])


def mid_year_warning(first_day: date) -> list[str]:
    if (first_day.month, first_day.day) == (1, 1):
        return []
    return [
        f"the shares change on {first_day}, mid-year: an allocation of {first_day.year} is "
        f"divided by the shares in force on its first day; the shares of "
        f"{first_day - timedelta(days=1)} and of {first_day} differ"
    ]
