"""What Försäkringskassan's Uppföljning Finsam asks of each insats in a year: its kind
(individ- or strukturinriktad), owner, budget (the money granted for the year),
outcome (what it cost in the year) and participants by sex. docs/reports.md names
the columns.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from finsam_es.accounting import Posting
from projections.money_reports import InsatsRow
from projections.participants import ParticipantRow

KIND_WORDS = {
    "individual": "individinriktad",
    "structural": "strukturinriktad",
    "volume": "volyminsats",
}

COLUMNS = (
    "insats",
    "namn",
    "insatstyp",
    "insatsagare",
    "budget",
    "utfall",
    "deltagare",
    "kvinnor",
    "man",
    "annat_okant",
    "nya",
    "avslutade",
)


class UppfoljningRow(msgspec.Struct, frozen=True):
    insats: str
    namn: str
    insatstyp: str
    insatsagare: str
    budget: int  # öre
    utfall: int  # öre
    deltagare: int | None
    kvinnor: int | None
    man: int | None
    annat_okant: int | None
    nya: int | None
    avslutade: int | None


def uppfoljning_rows(
    year: int,
    insatser: Iterable[InsatsRow],
    postings: Iterable[Posting],
    participants: Iterable[ParticipantRow],
    owners: dict[str, str],
) -> list[UppfoljningRow]:
    """One row per insats with money granted for the year or participants reported."""
    cost: dict[str, int] = {}
    for posting in postings:
        if posting.insats and posting.account == "cost" and posting.day.year == year:
            cost[posting.insats] = cost.get(posting.insats, 0) + posting.amount
    people = {p.insats: p for p in participants}
    out = []
    for i in insatser:
        budget = i.granted_by_year.get(str(year), 0)
        p = people.get(i.id)
        if not budget and p is None and i.id not in cost:
            continue
        out.append(
            UppfoljningRow(
                i.id,
                i.name,
                KIND_WORDS.get(i.kind, i.kind),
                owners.get(i.owner, i.owner),
                budget,
                cost.get(i.id, 0),
                p.total if p else None,
                p.women if p else None,
                p.men if p else None,
                p.other if p else None,
                p.new if p else None,
                p.finished if p else None,
            )
        )
    return out
