"""The grant-capacity rule: the money granted for a year should not exceed what that
year's budget holds for insatser (its cost lines marked ``insats``).

A warning the board should hear, never a refusal. Pure: the caller loads the year's
budget and the insatser with money in the year. ``insatser`` is iterated only when the
budget holds money for insatser, so a lazy iterable loads no insats it does not need.
"""

from __future__ import annotations

from collections.abc import Iterable

from finsam_es.fiscal_year import FiscalYear
from finsam_es.insats import Insats
from finsam_es.values import format_kr


def grant_capacity_warnings(
    year: int,
    budget: FiscalYear | None,
    insatser: Iterable[Insats],
    changed: Insats | None = None,
) -> list[str]:
    """What the board should hear about the grants for ``year``: granted beyond what the
    budget holds for insatser, or (for ``changed``, the insats a decision just changed) a
    grant in a year with no adopted budget to check it against."""
    if budget is None or budget.adopted is None:
        if changed is not None and changed.granted_by_year().get(year):
            return [
                f"no budget for {year} is adopted: the grant cannot be checked against what "
                "the budget holds for insatser"
            ]
        return []
    capacity = budget.insats_capacity()
    if not capacity:
        return []
    granted = sum(i.granted_by_year().get(year, 0) for i in insatser)
    if granted > capacity:
        return [
            f"grants for {year} come to {format_kr(granted)}, beyond the {format_kr(capacity)} "
            "the budget holds for insatser"
        ]
    return []


# -- the line an insats is charged to ---------------------------------------------------


def insats_lines(budget: FiscalYear | None) -> tuple[str, ...]:
    """The förbund's lines for insatser in an adopted budget, in its order: the cost
    lines marked ``insats`` ("Medel för insatser")."""
    if budget is None or budget.adopted is None:
        return ()
    return tuple(b.line for b in budget.lines.values() if b.kind == "cost" and b.insats)


def default_line(insats: str, budgets: Iterable[FiscalYear | None]) -> tuple[str, list[str]]:
    """The line an application names none of is charged to, and what to warn: the first
    line for insatser of the first adopted budget among ``budgets`` (the year the insats
    starts, then the year it is received); the insats id when none marks one, as before,
    so the grant's warning names the unbudgeted line."""
    for budget in budgets:
        lines = insats_lines(budget)
        if not lines:
            continue
        if len(lines) == 1:
            return lines[0], []
        assert budget is not None  # it has lines
        return lines[0], [
            f"{insats}: charged to '{lines[0]}', the first of the {budget.year} budget's lines "
            f"for insatser ({', '.join(lines)}); name another with --line"
        ]
    return insats, []


def unbudgeted_line_warnings(insats: Insats, budgets: dict[int, FiscalYear | None]) -> list[str]:
    """A grant charged to a line the year's adopted budget gives no money: the grant's
    cost lands on a line without budget while the budget's lines for insatser stay
    untouched. Years with no adopted budget are warned of by the grant-capacity rule."""
    years: list[int] = []
    marked: set[str] = set()
    for year, amount in sorted(insats.granted_by_year().items()):
        budget = budgets.get(year)
        if not amount or budget is None or budget.adopted is None:
            continue
        line = budget.lines.get(insats.line)
        if line is None or line.amount <= 0:
            years.append(year)
            marked.update(insats_lines(budget))
    if not years:
        return []
    where = ", ".join(str(y) for y in years)
    instead = (
        f"the lines for insatser are {', '.join(sorted(marked))}"
        if marked
        else "the budget marks no line for insatser"
    )
    return [
        f"{insats.insats}: the grant is charged to the line '{insats.line}', which has no "
        f"money in the budget of {where} ({instead}); a `budget change` can give it money"
    ]
