"""The closed year: once a year's annual report is adopted, nothing may change the money
of that year (LKBR 4:4: a difference found later is booked in the open year as a
correction naming the closed one). A decision on an insats that moves money in or out
of a closed year is refused, whichever effect it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from finsam_es.fiscal_year import FiscalYear


def changed_years(before: Mapping[int, int], after: Mapping[int, int]) -> tuple[int, ...]:
    """The years whose amount differs between two sums per year, in order."""
    return tuple(y for y in sorted(set(before) | set(after)) if before.get(y, 0) != after.get(y, 0))


def check_closed_years_unchanged(
    before: Mapping[int, int],
    after: Mapping[int, int],
    fiscal_year: Callable[[int], FiscalYear | None],
) -> None:
    """Refuse a change of an insats's charges per year (``before`` -> ``after``) that
    touches a year whose annual report is adopted; ``fiscal_year`` gives the förbund's
    fiscal year of a year (None: never opened, so not closed either)."""
    for year in changed_years(before, after):
        fy = fiscal_year(year)
        if fy is not None:
            fy.check_open(f"a change to {year}'s money")
