"""A förbund as it is shown: its name, quorum rule, members with their shares, and
the opening equity its history starts from."""

from __future__ import annotations

import datetime as _dt

import msgspec

from finsam_es import shares as sh
from finsam_es.charter import Charter
from finsam_es.forbund import Forbund
from finsam_es.membership import Member, MemberKind
from finsam_es.quorum import QuorumRule
from finsam_es.thresholds import Thresholds


class OpeningEquity(msgspec.Struct, frozen=True):
    date: _dt.date
    equity: int


class MemberRow(msgspec.Struct, frozen=True):
    """A member in ``forbund show`` without a date: ``share`` in per cent as v1 answered
    it (a float, rounded to 4 decimals); the exact share in ``share_exact``."""

    id: str
    name: str
    kind: MemberKind
    share: float  # per cent
    # added in v2: the seats the charter gives the member (lag 2003:1210 10 §)
    ledamoter: int = 1
    ersattare: int = 1
    # added in v3 (issue 13): the exact share, "p/q", and how it reads
    share_exact: str = ""
    share_text: str = ""


class MemberOnDay(msgspec.Struct, frozen=True):
    """A member in force on a date (``forbund show --as-of``): the exact share."""

    id: str
    name: str
    kind: MemberKind
    share: str  # "1/24"
    share_percent: float  # 4.1667
    share_text: str  # "1/24 (4.1667 %)"
    ledamoter: int
    ersattare: int


class MembersChange(msgspec.Struct, frozen=True):
    """A date from which the members or their shares changed, and by what decision."""

    date: _dt.date
    joined: str
    left: str
    decision: str


class ForbundOnDay(msgspec.Struct, frozen=True):
    id: str
    name: str
    formed: _dt.date
    as_of: _dt.date
    quorum: QuorumRule
    members: tuple[MemberOnDay, ...]
    changes: tuple[MembersChange, ...]
    opening_equity: OpeningEquity | None
    thresholds: Thresholds
    # added in v4 (issue 24): the organisation number, "" while none is recorded
    orgnr: str = ""
    # added in v5 (issue 19): the notice boards and the term the charter sets, on the day
    charter: Charter = msgspec.field(default_factory=Charter)  # in force on the day


class ForbundInfo(msgspec.Struct, frozen=True):
    id: str
    name: str
    quorum: QuorumRule
    members: tuple[MemberRow, ...]
    opening_equity: OpeningEquity | None
    # added in v2: the thresholds and their sources; seats per member by the charter
    thresholds: Thresholds = msgspec.field(default_factory=Thresholds)
    # added in v3 (issue 13): the formation date
    formed: _dt.date | None = None
    # added in v4 (issue 24): the organisation number, "" while none is recorded
    orgnr: str = ""
    # added in v5 (issue 19): the notice boards and the term the charter sets, last set
    charter: Charter = msgspec.field(default_factory=Charter)


def forbund_info(f: Forbund) -> ForbundInfo:
    return ForbundInfo(
        id=f.forbund,
        name=f.name,
        quorum=f.quorum,
        members=tuple(
            MemberRow(
                m.id,
                m.name,
                m.kind,
                sh.percent(m.fraction),
                m.ledamoter,
                m.ersattare,
                m.share,
                sh.describe(m.fraction),
            )
            for m in f.members
        ),
        opening_equity=None if f.opening is None else OpeningEquity(*f.opening),
        thresholds=f.thresholds,
        formed=f.formed,
        orgnr=f.orgnr,
        charter=f.charter,
    )


def member_on_day(m: Member) -> MemberOnDay:
    return MemberOnDay(
        m.id,
        m.name,
        m.kind,
        m.share,
        sh.percent(m.fraction),
        sh.describe(m.fraction),
        m.ledamoter,
        m.ersattare,
    )


def forbund_on(f: Forbund, day: _dt.date) -> ForbundOnDay:
    return ForbundOnDay(
        id=f.forbund,
        name=f.name,
        formed=f.formed,
        as_of=day,
        quorum=f.quorum,
        members=tuple(member_on_day(m) for m in f.members_on(day)),
        changes=tuple(MembersChange(c.day, c.joined, c.left, c.decision) for c in f.changes),
        opening_equity=None if f.opening is None else OpeningEquity(*f.opening),
        thresholds=f.thresholds,
        orgnr=f.orgnr,
        charter=f.charter_on(day),
    )
