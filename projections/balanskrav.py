"""The balanskravsutredning (KL 11:12-13 through lag 2003:1210 21 §; the annual
report's förvaltningsberättelse, LKBR 11 kap.): what the year's balanskravsresultat
asks of the board.

A negative balanskravsresultat is a deficit to restore within the three years that
follow (a deficit of 2024 by 2027) unless the board has decided that synnerliga skäl
exist not to (``finsam exempt-deficit``). Positive results restore the open deficits,
the oldest first. The question is raised by the balanskravsresultat, never by equity:
a deficit year on positive equity asks it too.

The utredning looks at the year and the three before it, the years whose deficits can
still be due; a year before the store's books counts with its published result.
"""

from __future__ import annotations

from datetime import date

import msgspec

from finsam_es.values import format_kr
from projections.statements import Books, line_outcome

WINDOW = 3  # years to restore a deficit in (KL 11:12)


class Deficit(msgspec.Struct, frozen=True):
    """A negative balanskravsresultat of ``year``, in öre as a positive amount."""

    year: int
    deficit: int
    restored: int  # by positive results up to the report's year
    left: int  # still to restore (0 when restored or exempted)
    restore_by: int  # the last year of restoring it
    synnerliga_skal: str  # the paragraph deciding not to restore it ("" if none)


def year_result(books: Books, year: int) -> int | None:
    """A whole earlier year's result from the books, or as published; None when the
    store knows nothing of the year."""
    outcome = line_outcome(books.postings, date(year, 1, 1), date(year, 12, 31))
    if outcome:
        income = sum(a for (kind, _), a in outcome.items() if kind == "income")
        return income - sum(a for (kind, _), a in outcome.items() if kind == "cost")
    published = books.published.get(year)
    return published.result if published is not None else None


def deficits(books: Books, result: int) -> tuple[Deficit, ...]:
    """The deficits of the year (its result ``result``) and the three before it, with
    what later results restored, oldest first."""
    results: dict[int, int] = {}
    for year in range(books.year - WINDOW, books.year):
        found = year_result(books, year)
        if found is not None:
            results[year] = found
    results[books.year] = result
    owed = [(y, -r) for y, r in results.items() if r < 0 and y not in books.exemptions]
    restored: dict[int, int] = {}
    for year, surplus in results.items():
        for deficit_year, deficit in owed:
            if surplus <= 0 or deficit_year >= year:
                break  # a surplus restores the earlier deficits, the oldest first
            part = min(surplus, deficit - restored.get(deficit_year, 0))
            restored[deficit_year] = restored.get(deficit_year, 0) + part
            surplus -= part
    out = []
    for year, found in results.items():
        if found >= 0:
            continue
        exemption = books.exemptions.get(year)
        done = restored.get(year, 0)
        out.append(
            Deficit(
                year,
                -found,
                done,
                0 if exemption else -found - done,
                year + WINDOW,
                (exemption.paragraph or str(exemption.decided)) if exemption else "",
            )
        )
    return tuple(out)


def findings(year: int, found: tuple[Deficit, ...]) -> tuple[str, ...]:
    """What the board is asked, in Swedish as the annual report says it."""
    out = []
    for d in found:
        if not d.left:
            continue
        if d.year == year:
            out.append(
                f"Balanskravsresultatet {d.year} är negativt ({format_kr(-d.deficit)}): "
                f"underskottet ska återställas senast {d.restore_by}, om inte styrelsen "
                "beslutar att synnerliga skäl finns att inte göra det (KL 11:12-13)."
            )
        elif d.restore_by <= year:
            out.append(
                f"Underskottet från {d.year}, {format_kr(d.left)} kvar, skulle ha "
                f"återställts senast {d.restore_by} (KL 11:12)."
            )
        else:
            out.append(
                f"Underskottet från {d.year}, {format_kr(d.left)} kvar, ska återställas "
                f"senast {d.restore_by} (KL 11:12)."
            )
    return tuple(out)


def utredning_rows(
    found: tuple[Deficit, ...], to_restore: int
) -> tuple[tuple[str | int | None, ...], ...]:
    """The balanskravsutredning's rows: each deficit with what later surpluses restored
    of it or the synnerliga skäl decided, and what is left to restore."""
    rows: list[tuple[str | int | None, ...]] = []
    for d in found:
        rows.append((f"Underskott {d.year}, att återställa senast {d.restore_by}", -d.deficit))
        if d.restored:
            rows.append(("Återställt av senare års överskott", d.restored))
        if d.synnerliga_skal:
            rows.append((f"Ej att återställa: synnerliga skäl ({d.synnerliga_skal})", None))
    rows.append(("Underskott kvar att återställa", -to_restore))
    return tuple(rows)
