"""Who serves for whom in one paragraph, and who chairs it, set after the paragraph was
added: a paragraph taken from the agenda (issue 20) is added before the board reaches
it, and only then does a ledamot declare jäv and an ersättare step in for that § alone
(KL 6:28; lag 2003:1210 10 §, 12 §). The secretary records it on the paragraph, before
the minutes are adjusted, and the minutes show it as for a paragraph added with it.

Kept beside the minutes book (finsam_es/minutes.py is at the size limit), as the
paragraph's money effects are: the event is recorded on the book and replaces the
paragraph's service, keeping what it said before.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import msgspec

from finsam_es.base import FinsamAggregate
from finsam_es.errors import Final
from finsam_es.meeting import Serving

if TYPE_CHECKING:
    from finsam_es.minutes import MinutesBook


class ServiceChanged(FinsamAggregate.Event):
    """§ ``number``'s ersättare serving for this § only and who chairs it, as now set,
    with what the § said before."""

    label = "paragraph's service changed"
    number: int
    serving_for: tuple[Serving, ...]
    chaired_by: str
    was_serving_for: tuple[Serving, ...] = ()
    was_chaired_by: str = ""

    @property
    def summary(self) -> str:
        who = ", ".join(f"{s.name} för {s.for_}" for s in self.serving_for)
        return f"§{self.number}: " + (who or "ingen ersättare tjänstgör för just denna §")

    def apply(self, aggregate: Any) -> None:
        old = aggregate.paragraphs[self.number]
        aggregate.paragraphs[self.number] = msgspec.structs.replace(
            old, serving_for=self.serving_for, chaired_by=self.chaired_by
        )


def change_service(
    book: MinutesBook,
    number: int,
    serving_for: tuple[Serving, ...],
    chaired_by: str,
    on: date,
    at: datetime,
) -> None:
    """Record § ``number``'s service; refused once the minutes are adjusted (what was
    signed stays as signed: a correction is a new paragraph)."""
    p = book.paragraph(number)
    if p.adjusted is not None:
        raise Final(
            f"§{number} ({book.year}) justerades {p.adjusted}: vem som tjänstgjorde kan inte ändras"
        )
    book.record(
        ServiceChanged,
        at,
        effective=on,
        number=number,
        serving_for=serving_for,
        chaired_by=chaired_by,
        was_serving_for=p.serving_for,
        was_chaired_by=p.chaired_by,
    )
