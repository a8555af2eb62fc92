"""Double entry underneath: the chart of accounts and the postings of money events.

A posting is one leg of a balanced entry: ``amount`` is positive for debit and
negative for credit, so every entry's legs sum to zero. Income accounts are
credited and cost accounts debited, which makes the result ``-(income + cost)``
over a period. The functions here are pure: they read aggregate state or an
event and return postings, and are used both by the reference fold and by the
materialised view.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

import msgspec

from finsam_es.fiscal_year import BalanceAccount, FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from finsam_es.periodisation import charge_date, spread_over

Account = Literal[BalanceAccount, "equity", "income", "cost"]
ACCOUNTS: dict[str, str] = {
    "bank": "Kassa och bank",
    "receivables": "Fordringar (driftbidrag)",
    "other_receivables": "Övriga fordringar",
    "prepaid_costs": "Förutbetalda kostnader",
    "accrued_costs": "Upplupna kostnader",
    "prepaid_income": "Förutbetalda intäkter",
    "other_liabilities": "Övriga kortfristiga skulder",
    "equity": "Eget kapital",
    "income": "Intäkter",
    "cost": "Kostnader",
}
RESULT_ACCOUNTS = ("income", "cost")


class Posting(msgspec.Struct, frozen=True, order=True):
    day: date
    account: str
    amount: int
    line: str = ""
    insats: str = ""
    kind: str = ""  # opening, allocation, booking, charge, settlement, correction, payment


def entry(
    day: date,
    debit: str,
    credit: str,
    amount: int,
    *,
    line: str = "",
    insats: str = "",
    kind: str = "",
) -> tuple[Posting, Posting]:
    """A balanced two-legged entry; the income/cost leg carries the budget line."""
    return (
        Posting(day, debit, amount, line if debit in RESULT_ACCOUNTS else "", insats, kind),
        Posting(day, credit, -amount, line if credit in RESULT_ACCOUNTS else "", insats, kind),
    )


def opening_postings(event: Forbund.OpeningEquitySet) -> tuple[Posting, ...]:
    return entry(event.effective, "bank", "equity", event.equity, kind="opening")


def allocation_postings(event: FiscalYear.AllocationSet, year: int) -> tuple[Posting, ...]:
    """Income of the months the allocation covers, one entry per member and month."""
    out: list[Posting] = []
    first, last = year * 12 + event.first_month - 1, year * 12 + event.last_month - 1
    for share in event.amounts:
        for month, part in spread_over(share.amount, first, last).items():
            if part:
                out.extend(
                    entry(
                        charge_date(month),
                        "receivables",
                        "income",
                        part,
                        line=share.line,
                        kind="allocation",
                    )
                )
    return tuple(out)


def booking_postings(event: FiscalYear.Booked) -> tuple[Posting, ...]:
    if event.kind == "cost":
        return entry(event.effective, "cost", "bank", event.amount, line=event.line, kind="booking")
    if event.kind == "income":
        return entry(
            event.effective, "bank", "income", event.amount, line=event.line, kind="booking"
        )
    return entry(
        event.effective, "bank", "receivables", event.amount, line=event.line, kind="payment_in"
    )


def transfer_postings(event: FiscalYear.Transferred) -> tuple[Posting, ...]:
    """A booking that names a balance account on one side or both."""
    return entry(
        event.effective, event.debit, event.credit, event.amount, line=event.line, kind="transfer"
    )


def payment_postings(event: Insats.PaymentMade, agg: Insats) -> tuple[Posting, ...]:
    return entry(
        event.effective, "accrued_costs", "bank", event.amount, insats=agg.insats, kind="payment"
    )


def charge_postings(agg: Insats) -> tuple[Posting, ...]:
    """Every month the grant schedule charges (postponed or cut months are never charged),
    then what interim reports and settlements bring each year's cost to."""
    return (*plan_charges(agg), *settlement_charges(agg))


def plan_charges(agg: Insats, year: int | None = None) -> tuple[Posting, ...]:
    """The months the schedule charges (of ``year`` alone when given): they follow from
    the plan's months of that year, the insats and its line only."""
    out: list[Posting] = []
    for month in sorted(agg.plan):
        if not agg.plan[month] or (year is not None and month // 12 != year):
            continue
        out.extend(
            entry(
                charge_date(month),
                "cost",
                "accrued_costs",
                agg.plan[month],
                line=agg.line,
                insats=agg.insats,
                kind="charge",
            )
        )
    return tuple(out)


def settlement_charges(agg: Insats, year: int | None = None) -> tuple[Posting, ...]:
    """What the interim reports and the settlement of each year (of ``year`` alone when
    given) book against what was charged: they follow from that year's reports,
    settlement and correction mark only (``settlement_of``)."""
    out: list[Posting] = []
    adjusted: dict[int, int] = {}
    for y, reports in sorted(agg.interim.items()):
        if year is not None and y != year:
            continue
        # each delredovisning brings the year's cost up to what was used by its day
        for used, charged, day in reports:
            change = used - charged - adjusted.get(y, 0)
            adjusted[y] = used - charged
            if change:
                out.extend(
                    entry(
                        day,
                        "cost",
                        "accrued_costs",
                        change,
                        line=agg.line,
                        insats=agg.insats,
                        kind="interim",
                    )
                )
    for y, (used, charged, day) in sorted(agg.settled.items()):
        if year is not None and y != year:
            continue
        # while the year is open, booked on its last day (LKBR 4:4); after, a correction
        rest = used - charged - adjusted.get(y, 0)
        if rest:
            out.extend(
                entry(
                    day,
                    "cost",
                    "accrued_costs",
                    rest,
                    line=agg.line,
                    insats=agg.insats,
                    kind="correction" if y in agg.corrections else "settlement",
                )
            )
    return tuple(out)


def settlement_of(agg: Insats, year: int) -> tuple[Any, ...]:
    """All that ``settlement_charges`` reads of one year (beside the insats and its line)."""
    return (agg.interim.get(year), agg.settled.get(year), agg.corrections.get(year))


def balance(postings: Iterable[Posting]) -> int:
    return sum(p.amount for p in postings)
