"""The budget meeting is public (issue 20, item 7): the warning when the budget is
adopted at a meeting whose kallelse did not mark it public. A module of its own, as
commands/decisions.py reads it and commands/agenda.py reads decisions (through the
paragraph handler)."""

from __future__ import annotations

from datetime import date

from finsam_es.agenda import Agenda
from store.unit_of_work import UnitOfWork


def budget_meeting_warnings(uow: UnitOfWork, forbund: str, on: date) -> list[str]:
    """The budget is adopted at a public meeting (lag 2003:1210 19 § and 23 §): warned
    when the meeting's kallelse did not mark it public. A meeting without a kallelse in
    finsam is not warned about: whether it was public is not known."""
    agenda = uow.get(Agenda, Agenda.id_for(forbund, on.year))
    call = agenda.calls.get(on) if agenda is not None else None
    if call is None or call.public:
        return []
    return [
        f"budgeten fastställs på sammanträdet {on}, som inte är kallat som offentligt: "
        "budgeten ska fastställas på ett offentligt sammanträde (lag 2003:1210 19 §, 23 §)"
    ]
