"""A paragraph's money effects decided after it was added: an ärende taken from the
agenda becomes a paragraph first, and its proposed effect (a grant, a referral back, a
budget change) is decided when the board decides as proposed (issue 20, item 4).

Kept beside the minutes book rather than inside it (finsam_es/minutes.py is at the size
limit), as the signatures are: the event is recorded on the book and adds the effects'
summaries to the paragraph, as ``ParagraphAdded`` records them for a paragraph decided
when added. The money itself is recorded by the effects' own aggregates (insats, fiscal
year), each naming the paragraph.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import msgspec

from finsam_es.base import FinsamAggregate
from finsam_es.errors import Final

if TYPE_CHECKING:
    from finsam_es.minutes import MinutesBook


class EffectsDecided(FinsamAggregate.Event):
    """§ ``number`` decided these money effects (their summaries, as in the minutes)."""

    label = "paragraph's money effects decided"
    number: int
    effects: tuple[str, ...]

    @property
    def summary(self) -> str:
        return f"§{self.number}: " + "; ".join(self.effects)

    def apply(self, aggregate: Any) -> None:
        old = aggregate.paragraphs[self.number]
        aggregate.paragraphs[self.number] = msgspec.structs.replace(
            old, effects=(*old.effects, *self.effects)
        )


def check_undecided(book: MinutesBook, number: int) -> None:
    """Refused once § ``number`` is adjusted, or when it has decided money effects
    already (deciding the same ärende as proposed twice)."""
    p = book.paragraph(number)
    if p.adjusted is not None:
        raise Final(f"§{number} ({book.year}) justerades {p.adjusted}: beslutet kan inte ändras")
    if p.effects:
        raise Final(f"§{number} ({book.year}) har redan beslutat: {'; '.join(p.effects)}")


def decide_effects(
    book: MinutesBook, number: int, effects: tuple[str, ...], on: date, at: datetime
) -> None:
    """Record that § ``number`` decided ``effects``."""
    check_undecided(book, number)
    book.record(EffectsDecided, at, effective=on, number=number, effects=effects)
