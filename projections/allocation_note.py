"""The report's note of each member's allocation (driftbidrag per medlem), this period
and the same period a year before: the year's allocation as the fiscal year records it
per member, spread over the months it covers as the ledger books it, so the rows add up
to the driftbidrag of Not 2 (a half-year report shows the months of its half)."""

from __future__ import annotations

from datetime import date

from finsam_es.fiscal_year import FiscalYear
from finsam_es.periodisation import charge_date, spread_over
from projections.annual_report import Section
from projections.reader_base import Records
from projections.sheets import TEXT, Column, Sheet
from projections.statements import Books

NUMBER = 6


def member_amounts(fiscal: FiscalYear | None, start: date, end: date) -> dict[str, int]:
    """Each member's allocation income of the days (start, end], by the months it covers."""
    if fiscal is None or not fiscal.allocation:
        return {}
    first, last = fiscal.allocation_months
    year = fiscal.year
    out: dict[str, int] = {}
    for share in fiscal.allocation:
        months = spread_over(share.amount, year * 12 + first - 1, year * 12 + last - 1)
        part = sum(a for m, a in months.items() if start <= charge_date(m) <= end)
        out[share.member] = out.get(share.member, 0) + part
    return out


def allocation_note(records: Records, books: Books) -> Section | None:
    """Not 6: the driftbidrag from each member; None when no allocation is recorded."""
    fid, year = books.forbund, books.year
    now = member_amounts(
        records.load(FiscalYear, FiscalYear.id_for(fid, year)), *books.outcome_span()
    )
    if not now:
        return None
    before = member_amounts(
        records.load(FiscalYear, FiscalYear.id_for(fid, year - 1)),
        *books.outcome_span(year - 1),
    )
    f = records.forbund(fid)
    names = {m.id: m.name or m.id for m in f.members}
    members = [m for m in names if m in now or m in before]
    rows: list[tuple[str | int | None, ...]] = [
        (f"Driftbidrag från {names[m]}", now.get(m, 0), before.get(m) if before else None)
        for m in members
    ]
    rows.append(("Summa", sum(now.values()), sum(before.values()) if before else None))
    heading = f"Not {NUMBER}. Driftbidrag per medlem"
    cols = (TEXT, Column(str(year)), Column(str(year - 1)))
    return Section(heading, Sheet(f"Not {NUMBER}", heading, cols, tuple(rows)))
