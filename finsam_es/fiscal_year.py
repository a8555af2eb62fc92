"""The fiscal year: one förbund's budget and its changes, the members' allocation,
bookings, and the annual report that closes the year.

Every money event a decision caused names its paragraph (``"2024:12"``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.budget import (
    DEFAULT_ALLOCATION_LINE,
    BudgetLine,
    LineChange,
    MemberAmount,
    PlanYear,
    budget_totals,
    changed_lines,
)
from finsam_es.errors import Final, InvalidInput, NotFound, Refused
from finsam_es.values import format_kr

BookingKind = Literal["cost", "income", "allocation_payment"]
BalanceAccount = Literal[
    "bank",
    "receivables",
    "other_receivables",
    "prepaid_costs",
    "accrued_costs",
    "prepaid_income",
    "other_liabilities",
]
"""The balance accounts apart from equity (the chart is in finsam_es/accounting.py)."""
TransferAccount = Literal[BalanceAccount, "cost", "income"]


class FiscalYear(YearlyAggregate):
    """One förbund's year: its budget and changes, allocation, bookings and closing."""

    KEY = "year"  # ids: stable_id("year", förbund, year)

    class Opened(FinsamAggregate.Created):
        year: int

        def apply(self, aggregate: FiscalYear) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year
            aggregate.lines = {}
            aggregate.adopted = None
            aggregate.from_equity = 0
            aggregate.plan = ()
            aggregate.allocation = ()
            aggregate.closed = None

    class BudgetAdopted(FinsamAggregate.Decision):
        lines: tuple[BudgetLine, ...]
        plan: tuple[PlanYear, ...]
        from_equity: int

        def apply(self, aggregate: FiscalYear) -> None:
            aggregate.lines = {b.line: b for b in self.lines}
            aggregate.adopted = (self.effective, self.paragraph)
            aggregate.budget_dated = self.effective
            aggregate.plan = self.plan
            aggregate.from_equity = self.from_equity

    class BudgetChanged(FinsamAggregate.Decision):
        changes: tuple[LineChange, ...]
        from_equity: int

        def apply(self, aggregate: FiscalYear) -> None:
            aggregate.lines = changed_lines(aggregate.lines, self.changes)
            aggregate.from_equity += self.from_equity
            aggregate.budget_dated = self.effective

    class AllocationSet(FinsamAggregate.Event):
        amounts: tuple[MemberAmount, ...]
        first_month: int
        last_month: int

        def apply(self, aggregate: FiscalYear) -> None:
            aggregate.allocation = self.amounts
            aggregate.allocation_months = (self.first_month, self.last_month)

    class Booked(FinsamAggregate.Event):
        kind: BookingKind
        line: str
        amount: int
        text: str

    class Transferred(FinsamAggregate.Event):
        """A booking that names a balance account: a prepaid cost, another receivable,
        a liability, prepaid income; a result account (cost, income) names its line."""

        debit: TransferAccount
        credit: TransferAccount
        amount: int
        line: str
        text: str

    class AnnualReportAdopted(FinsamAggregate.Decision):
        def apply(self, aggregate: FiscalYear) -> None:
            aggregate.closed = (self.effective, self.paragraph)

    if TYPE_CHECKING:
        year: int
        lines: dict[str, BudgetLine]
        adopted: tuple[date, str | None] | None
        budget_dated: date
        from_equity: int
        plan: tuple[PlanYear, ...]
        allocation: tuple[MemberAmount, ...]
        allocation_months: tuple[int, int]
        closed: tuple[date, str | None] | None

    def insats_capacity(self) -> int:
        """What the budget holds for insatser: its cost lines marked ``insats``."""
        return sum(b.amount for b in self.lines.values() if b.kind == "cost" and b.insats)

    def check_open(self, what: str) -> None:
        if self.closed is not None:
            day, par = self.closed
            by = f" (§{par})" if par else ""
            raise Final(
                f"{self.year} is closed: its annual report was adopted on {day}{by}; "
                f"{what} dated in {self.year} is refused, book the correction in an open year"
            )

    def _check_balance(self, lines: dict[str, BudgetLine], from_equity: int) -> None:
        income, cost = budget_totals(lines)
        if income + from_equity < cost:
            deficit = cost - income - from_equity
            raise Refused(
                f"the {self.year} budget does not balance: costs {format_kr(cost)} exceed income "
                f"{format_kr(income)} by {format_kr(deficit)}; a planned deficit must say it uses "
                "equity (--from-equity)"
            )

    def adopt_budget(
        self,
        lines: tuple[BudgetLine, ...],
        plan: tuple[PlanYear, ...],
        from_equity: int,
        paragraph: str | None,
        on: date,
        at: datetime,
    ) -> list[str]:
        if self.adopted is not None:
            day, par = self.adopted
            raise Refused(
                f"the {self.year} budget was already adopted on {day}"
                + (f" (§{par})" if par else "")
                + "; change it with a budget change"
            )
        self.check_open("a budget")
        if not lines:
            raise InvalidInput(f"the {self.year} budget has no lines")
        seen: set[str] = set()
        for b in lines:
            if b.line in seen:
                raise InvalidInput(f"budget line '{b.line}' is named twice")
            if b.amount < 0:
                raise InvalidInput(f"budget line '{b.line}' has a negative amount")
            seen.add(b.line)
        if from_equity < 0:
            raise InvalidInput("--from-equity cannot be negative")
        self._check_balance({b.line: b for b in lines}, from_equity)
        warnings = []
        if on > date(self.year - 1, 11, 30):
            warnings.append(
                f"the {self.year} budget is adopted on {on}; the law asks for it by {self.year - 1}-11-30"
            )
        self.record(
            self.BudgetAdopted,
            at,
            effective=on,
            paragraph=paragraph,
            lines=lines,
            plan=plan,
            from_equity=from_equity,
        )
        return warnings

    def change_budget(
        self,
        changes: tuple[LineChange, ...],
        from_equity: int,
        paragraph: str | None,
        on: date,
        at: datetime,
    ) -> None:
        if self.adopted is None:
            raise Refused(f"the {self.year} budget is not adopted yet; adopt it before changing it")
        self.check_open("a budget change")
        if on < self.budget_dated:
            raise Refused(
                f"the {self.year} budget was last decided on {self.budget_dated}; "
                f"a change dated {on} must come after that"
            )
        if not changes and not from_equity:
            raise InvalidInput("a budget change needs at least one line change")
        for c in changes:
            old = self.lines.get(c.line)
            if old is None:
                if c.kind is None:
                    known = ", ".join(sorted(self.lines))
                    raise NotFound(
                        f"the {self.year} budget has no line '{c.line}' (lines: {known}); "
                        "a new line needs its kind (income or cost)"
                    )
                if c.delta < 0:
                    raise InvalidInput(f"new line '{c.line}' cannot start negative")
            elif old.amount + c.delta < 0:
                raise Refused(
                    f"line '{c.line}' holds {format_kr(old.amount)}; it cannot give {format_kr(-c.delta)}"
                )
        self._check_balance(changed_lines(self.lines, changes), self.from_equity + from_equity)
        self.record(
            self.BudgetChanged,
            at,
            effective=on,
            paragraph=paragraph,
            changes=changes,
            from_equity=from_equity,
        )

    def allocation_line(self, member: str) -> str:
        """The income line the member's allocation lands on: the budget line that names
        the member (``members = [...]``), else ``driftbidrag``."""
        lines = {m: b.line for b in self.lines.values() for m in b.members}
        return lines.get(member, DEFAULT_ALLOCATION_LINE)

    def allocate(
        self,
        parts: dict[str, int],
        member_order: tuple[str, ...],
        first_month: int,
        last_month: int,
        on: date,
        at: datetime,
    ) -> list[str]:
        """Set the allocation, each member's part on its income line, in the förbund's
        order of members; warns where a part lands on a line the budget lacks."""
        warnings = []
        lines = {member: self.allocation_line(member) for member in parts}
        if self.adopted is None and DEFAULT_ALLOCATION_LINE in lines.values():
            warnings.append(
                f"the {self.year} budget is not adopted yet: the allocation lands on line "
                f"'{DEFAULT_ALLOCATION_LINE}'; "
                "set the allocation after the budget to route it to the members' income lines"
            )
        for member, line in lines.items():
            if self.adopted is not None and line not in self.lines:
                warnings.append(
                    f"{member}'s allocation lands on line '{line}', which is not in the {self.year} budget "
                    "(name the members of an income line with members = [...])"
                )
        amounts = tuple(
            MemberAmount(member=m, amount=parts[m], line=lines[m])
            for m in member_order
            if m in parts
        )
        self.set_allocation(amounts, first_month, last_month, on, at)
        return warnings

    def set_allocation(
        self,
        amounts: tuple[MemberAmount, ...],
        first_month: int,
        last_month: int,
        on: date,
        at: datetime,
    ) -> None:
        if self.allocation:
            raise Refused(f"the {self.year} allocation is already set")
        self.check_open("an allocation")
        if not 1 <= first_month <= last_month <= 12:
            raise InvalidInput(f"months {first_month}-{last_month} are not a period within a year")
        if any(a.amount < 0 for a in amounts) or not amounts:
            raise InvalidInput("an allocation needs an amount per member, none negative")
        self.record(
            self.AllocationSet,
            at,
            effective=on,
            amounts=amounts,
            first_month=first_month,
            last_month=last_month,
        )

    def book(
        self, kind: BookingKind, line: str, amount: int, text: str, on: date, at: datetime
    ) -> list[str]:
        self.check_open("a booking")
        if on.year != self.year:
            raise InvalidInput(f"a booking on {on} does not belong to {self.year}")
        if amount == 0:
            raise InvalidInput("a booking of 0 kr records nothing")
        warnings = []
        if kind != "allocation_payment" and line not in self.lines:
            warnings.append(f"line '{line}' is not in the {self.year} budget")
        self.record(self.Booked, at, effective=on, kind=kind, line=line, amount=amount, text=text)
        return warnings

    def transfer(
        self,
        debit: TransferAccount,
        credit: TransferAccount,
        amount: int,
        line: str,
        text: str,
        on: date,
        at: datetime,
    ) -> list[str]:
        """Book between two accounts, at least one of them a balance account."""
        self.check_open("a booking")
        if on.year != self.year:
            raise InvalidInput(f"a booking on {on} does not belong to {self.year}")
        if amount <= 0:
            raise InvalidInput("a booking on a balance account is of a positive amount")
        if debit == credit:
            raise InvalidInput(f"a booking from {debit} to itself records nothing")
        result = {"cost", "income"}
        if {debit, credit} <= result:
            raise InvalidInput("a booking between cost and income names no balance account")
        if {debit, credit} & result and not line:
            raise InvalidInput(
                f"a booking on {'cost' if 'cost' in (debit, credit) else 'income'} names its budget line"
            )
        if not {debit, credit} & result and line:
            raise InvalidInput("a booking between balance accounts names no budget line")
        warnings = []
        if line and line not in self.lines:
            warnings.append(f"line '{line}' is not in the {self.year} budget")
        self.record(
            self.Transferred,
            at,
            effective=on,
            debit=debit,
            credit=credit,
            amount=amount,
            line=line,
            text=text,
        )
        return warnings

    def adopt_annual_report(self, paragraph: str | None, on: date, at: datetime) -> list[str]:
        self.check_open("adopting the annual report again")
        if on.year <= self.year:
            raise InvalidInput(
                f"the {self.year} annual report is adopted after the year ends, not on {on}"
            )
        warnings = []
        if on > date(self.year + 1, 3, 31):
            warnings.append(
                f"the {self.year} annual report is adopted on {on}; it is due by "
                f"{self.year + 1}-03-31 (lag 2003:1210: within three months of the year's end)"
            )
        self.record(self.AnnualReportAdopted, at, effective=on, paragraph=paragraph)
        return warnings
