"""The equity answer: its report, shaped from the view's or the fold's sums and judged
against a förbund's limit. Apart from projections/money_reports.py so that it imports
nothing of the domain's events: the quick read path (projections/quick_money.py)
answers with it in the time Python takes to start.
"""

from __future__ import annotations

from datetime import date

import msgspec

from finsam_es.thresholds import Thresholds
from finsam_es.values import format_kr
from projections.labels import PARTS_PER_MILLION, equity_verdict

DEFAULT_THRESHOLDS = Thresholds()  # what the fold and the view judge by, alone


class EquityReport(msgspec.Struct, frozen=True):
    as_of: date
    equity: int
    allocation: int
    ratio: float | None
    over_limit: bool
    opening: int
    opening_date: date | None
    # added in v2: the limit over_limit is measured against, a setting of the förbund
    limit: float = 0.2
    limit_source: str = ""
    # added in v3 (issue 13): negative equity at the opening or after the results since
    # (the balanskrav: a deficit is restored within three years, KL 11:12)
    warnings: tuple[str, ...] = ()
    # added in v4 (issue 18): the verdict against the limit in the words every face prints
    verdict: str = ""


def equity_report(
    as_of: date,
    opening: tuple[date, int] | None,
    result_since_opening: int,
    allocation: int,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> EquityReport:
    """Equity on a date, judged against a limit: the defaults' when the fold or the view
    answer alone; the reader judges it again against the förbund's own (``judged``)."""
    opening_amount = opening[1] if opening and opening[0] <= as_of else 0
    equity = opening_amount + result_since_opening
    ratio = round(equity / allocation, 4) if allocation else None
    report = EquityReport(
        as_of,
        equity,
        allocation,
        ratio,
        False,
        opening_amount,
        opening[0] if opening else None,
        warnings=negative_equity(as_of, opening_amount, equity, opening),
    )
    return judged(report, thresholds)


def judged(report: EquityReport, thresholds: Thresholds) -> EquityReport:
    """The equity report measured against a förbund's equity limit (parts per million of
    the year's allocation, compared exactly in öre), with the limit, its source and the
    verdict's sentence."""
    limit = thresholds.equity_limit
    over = bool(report.allocation) and report.equity * PARTS_PER_MILLION > report.allocation * limit
    source = thresholds.equity_source
    return msgspec.structs.replace(
        report,
        over_limit=over,
        limit=limit / PARTS_PER_MILLION,
        limit_source=source,
        verdict=equity_verdict(report.ratio, over, limit, source, report.as_of.year),
    )


def negative_equity(
    as_of: date, opening_amount: int, equity: int, opening: tuple[date, int] | None
) -> tuple[str, ...]:
    """The balanskrav's warning: equity below zero at the opening or after a result."""
    restore = "the deficit is to be restored within three years (balanskrav, KL 11:12)"
    if opening and opening_amount < 0 and equity < 0:
        return (
            f"equity is negative: {format_kr(opening_amount)} at the opening ({opening[0]}), "
            f"{format_kr(equity)} on {as_of}; {restore}",
        )
    if equity < 0:
        return (f"equity is negative on {as_of} after the results: {format_kr(equity)}; {restore}",)
    return ()
