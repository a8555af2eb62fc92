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
