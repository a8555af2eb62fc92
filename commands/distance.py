"""Handlers of participation at a distance: the board's decision allowing it, and who
took part so in a meeting (checked against the decision in force on its day)."""

from __future__ import annotations

from commands import structs as c
from commands.loading import minutes_book, opened, resolve_forbund
from finsam_es.distance import Distance, DistanceRules
from finsam_es.errors import Final, InvalidInput
from finsam_es.values import paragraph_ref, parse_paragraph_ref
from store.unit_of_work import UnitOfWork


def _rules(uow: UnitOfWork, forbund: str) -> DistanceRules:
    found = uow.get(DistanceRules, DistanceRules.id_for(forbund))
    return found if found is not None else uow.add(DistanceRules.start(forbund, uow.at))


def allow_distance(uow: UnitOfWork, cmd: c.AllowDistance) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    ref = ""
    if cmd.paragraph:
        year, number = parse_paragraph_ref(cmd.paragraph)
        decided = minutes_book(uow, f.forbund, year).paragraph(number).meeting
        if cmd.on < decided:
            raise InvalidInput(
                f"§{number} ({year}) was decided on {decided}: it allows participation at a "
                f"distance from then, not from {cmd.on}"
            )
        ref = paragraph_ref(year, number)
    _rules(uow, f.forbund).decide(cmd.allowed, cmd.on, ref, uow.at)
    return []


def record_distance(uow: UnitOfWork, cmd: c.RecordDistance) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    meeting = minutes_book(uow, f.forbund, cmd.date.year).meeting(cmd.date)
    if meeting.adjusted:
        raise Final(f"the minutes of {cmd.date} are adjusted: who attended can no longer change")
    attending = (
        *meeting.present,
        *(s.name for s in meeting.serving_for),
        *(a.name for a in meeting.others),
    )
    rules = uow.get(DistanceRules, DistanceRules.id_for(f.forbund))
    allowed_by = rules.allowing(cmd.date) if rules is not None else None
    distance = opened(uow, Distance, f.forbund, cmd.date.year)
    distance.record_distance(cmd.date, cmd.names, attending, allowed_by, uow.at)
    return []
