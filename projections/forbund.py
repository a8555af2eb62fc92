"""A förbund as it is shown: its name, quorum rule, members with their shares, and
the opening equity its history starts from."""

from __future__ import annotations

import datetime as _dt

import msgspec

from finsam_es.forbund import Forbund, MemberKind, QuorumRule, Thresholds
from finsam_es.values import WHOLE, format_share
from projections.money_reports import EquityReport

PPM_PER_PERCENT = 10_000  # shares are kept in parts per million


class MemberRow(msgspec.Struct, frozen=True):
    id: str
    name: str
    kind: MemberKind
    share: float  # per cent
    # added in v2: the seats the charter gives the member (lag 2003:1210 10 §)
    ledamoter: int = 1
    ersattare: int = 1

    @property
    def share_text(self) -> str:
        """Like "25 %" or "12.5 %"."""
        return format_share(round(self.share * PPM_PER_PERCENT))


class OpeningEquity(msgspec.Struct, frozen=True):
    date: _dt.date
    equity: int


class ForbundInfo(msgspec.Struct, frozen=True):
    id: str
    name: str
    quorum: QuorumRule
    members: tuple[MemberRow, ...]
    opening_equity: OpeningEquity | None
    # added in v2: the thresholds and their sources; seats per member by the charter
    thresholds: Thresholds = msgspec.field(default_factory=Thresholds)


def with_limit(report: EquityReport, thresholds: Thresholds) -> EquityReport:
    """The equity report measured against the förbund's own equity limit."""
    limit = thresholds.equity_limit
    over = bool(report.allocation) and report.equity * WHOLE > report.allocation * limit
    return msgspec.structs.replace(
        report,
        over_limit=over,
        limit=limit / WHOLE,
        limit_source=thresholds.equity_source,
    )


def forbund_info(f: Forbund) -> ForbundInfo:
    return ForbundInfo(
        id=f.forbund,
        name=f.name,
        quorum=f.quorum,
        members=tuple(
            MemberRow(m.id, m.name, m.kind, m.share / PPM_PER_PERCENT, m.ledamoter, m.ersattare)
            for m in f.members
        ),
        opening_equity=None if f.opening is None else OpeningEquity(*f.opening),
        thresholds=f.thresholds,
    )
