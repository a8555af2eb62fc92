"""Each application's diarienummer from the view, for the quick read path (issue 25
item 4): the rule of projections/application_numbers.py (``by_insats``) over rows the
view keeps of the diaria's events, so `interventions --format json` is answered without
the domain's event classes.

``fin_diarium`` holds a row per entry registered (``entry``: its number ``YYYY/N``) and
per later finding of what an entry concerns (``entry`` empty), in each diarium's order,
with the year of the diarium and the bitemporal keys of the event. Only ever appended.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

DIARIUM = "fin_diarium"
# clustered on its key ({clustered}: WITHOUT ROWID on SQLite, view_tables.statements): one
# row per event, read in the order of the key
DIARIUM_TABLES = (
    f"CREATE TABLE IF NOT EXISTS {DIARIUM} (forbund TEXT, year INTEGER, position BIGINT, "
    "valid_from TEXT, recorded BIGINT, number INTEGER, concerns TEXT, entry TEXT, "
    "PRIMARY KEY (forbund, year, position)){clustered}",
)
DIARIUM_WIDTH = 8
# projections/reader_base.py FINSAM_LAW (tests/test_view_totals.py holds them equal):
# no förbund's diarium is older than the law
FIRST_YEAR = 2004
KINDS = ("application:", "insats:")

Query = Callable[[str, tuple[Any, ...]], Sequence[Sequence[Any]]]


def by_insats(query: Query, forbund: str, as_of: date, known: int) -> dict[str, str]:
    """Each application's diarienummer by its id, from the diaria up to ``as_of`` as
    recorded by ``known``: as ``application_numbers.by_insats`` reads the events."""
    rows = query(
        f"SELECT year, number, concerns, entry FROM {DIARIUM} WHERE forbund=? AND year>=? "
        "AND year<=? AND valid_from<=? AND recorded<=? ORDER BY year, position",
        (forbund, FIRST_YEAR, as_of.year, as_of.isoformat(), known),
    )
    registered: list[list[str]] = []  # [number, concerns] of every diarium, year by year
    found: list[list[str]] = []  # of the diarium being read
    year = None
    for row_year, number, concerns, entry in rows:
        if row_year != year:
            registered.extend(found)
            found, year = [], row_year
        if entry:
            found.append([entry, concerns])
        elif number <= len(found):  # projections/diarium.py entries: the entry as found
            found[number - 1][1] = concerns
    registered.extend(found)
    ids = sorted({c.partition(":")[2] for _n, c in registered if c.startswith(KINDS)})
    numbers = {}
    for i in ids:
        wanted = (f"application:{i}", f"insats:{i}")
        # finsam_es.diarium.number_of: the first entry that concerns it
        number = next((n for n, c in registered if c in wanted), "")
        if number:
            numbers[i] = number
    return numbers
