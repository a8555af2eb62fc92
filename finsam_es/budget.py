"""The budget's value types: its lines (income or cost, with the insatser line and the
members whose allocation an income line holds), changes to them, the plan of later
years, the members' allocation amounts, and the sums and changed lines the fiscal year's
rules and events share.

Stored inside the fiscal year's events by their fields.
"""

from __future__ import annotations

from typing import Literal

import msgspec

LineKind = Literal["income", "cost"]

# The income line a member's allocation lands on when no line of the budget names it.
DEFAULT_ALLOCATION_LINE = "driftbidrag"


class BudgetLine(msgspec.Struct, frozen=True):
    line: str
    kind: LineKind
    amount: int
    name: str = ""
    insats: bool = False  # money for interventions (insatser)
    members: tuple[str, ...] = ()  # the members whose allocation this income line holds


class LineAmount(msgspec.Struct, frozen=True):
    line: str
    amount: int


class PlanYear(msgspec.Struct, frozen=True):
    year: int
    lines: tuple[LineAmount, ...]


class LineChange(msgspec.Struct, frozen=True):
    line: str
    delta: int
    kind: LineKind | None = None  # given for a new line
    name: str = ""
    insats: bool = False


class MemberAmount(msgspec.Struct, frozen=True):
    member: str
    amount: int
    line: str = DEFAULT_ALLOCATION_LINE


def changed_lines(
    lines: dict[str, BudgetLine], changes: tuple[LineChange, ...]
) -> dict[str, BudgetLine]:
    """The budget lines after a change: a delta on a line, or a new line of its kind.

    Used by the command (to check the balance before deciding) and by the event (to
    evolve), so the two cannot drift apart.
    """
    out = dict(lines)
    for c in changes:
        old = out.get(c.line)
        if old is None:
            out[c.line] = BudgetLine(
                line=c.line, kind=c.kind or "cost", amount=c.delta, name=c.name, insats=c.insats
            )
        else:
            out[c.line] = msgspec.structs.replace(old, amount=old.amount + c.delta)
    return out


def budget_totals(lines: dict[str, BudgetLine]) -> tuple[int, int]:
    income = sum(b.amount for b in lines.values() if b.kind == "income")
    cost = sum(b.amount for b in lines.values() if b.kind == "cost")
    return income, cost
