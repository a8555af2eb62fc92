"""The limits a förbund's board lives by (balanskrav, the equity limit), each with where
it comes from; set by the förbund (``Forbund.change_thresholds``) and stored in its
``ThresholdsSet`` events."""

from __future__ import annotations

from typing import Literal

import msgspec

BalanskravForm = Literal["balanced", "surplus"]
EquityBasis = Literal["allocation"]


class Thresholds(msgspec.Struct, frozen=True, kw_only=True):
    """The limits the förbund's board lives by, each with where it comes from.

    ``balanskrav``: "balanced" lets a budget whose income equals its costs pass (as
    finsam always checked it); "surplus" asks income to exceed costs, as KL 11:5 (through
    lag 2003:1210 21 §) words it. ``equity_limit``: the most equity should be of the
    ``equity_basis`` (the year's allocation), in parts per million; Nationella rådet's
    recommendation (2013-10-02) is a staircase by the förbund's size, and equity over it
    can lower the next year's state allocation; the seeds state it as 20 %."""

    balanskrav: BalanskravForm = "balanced"
    balanskrav_source: str = "KL 11:5 through lag 2003:1210 21 §, a balanced budget passing"
    equity_limit: int = 200_000  # parts per million of the basis
    equity_basis: EquityBasis = "allocation"
    equity_source: str = (
        "Nationella rådets rekommendation 2013-10-02, 20 % som förbundens rapporter anger; "
        "över gränsen kan nästa års statliga medel minska"
    )
