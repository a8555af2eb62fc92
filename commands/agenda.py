"""Handlers of the kallelse: calling (or amending the call of) a meeting, and the notice
period it is held to."""

from __future__ import annotations

from datetime import date

from commands import structs as c
from commands.governance import add_paragraph
from commands.loading import minutes_book, opened, resolve_forbund
from finsam_es.agenda import Agenda, NoticeRule, late_warning, notice_on
from finsam_es.diarium import Diarium, parse_number
from finsam_es.errors import InvalidInput, NotFound
from store.unit_of_work import UnitOfWork


def _rule(uow: UnitOfWork, forbund: str) -> NoticeRule:
    found = uow.get(NoticeRule, NoticeRule.id_for(forbund))
    return found if found is not None else uow.add(NoticeRule.start(forbund, uow.at))


def call_meeting(uow: UnitOfWork, cmd: c.CallMeeting) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    for item in cmd.items:  # a handling names an entry the diarium holds
        if item.diarienummer:
            year, _ = parse_number(item.diarienummer)
            diarium = uow.get(Diarium, Diarium.id_for(f.forbund, year))
            if diarium is None:
                raise NotFound(f"diariet har inget nummer {item.diarienummer}")
            diarium.entry(item.diarienummer.strip())
    agenda = opened(uow, Agenda, f.forbund, cmd.date.year)
    agenda.call(
        cmd.date,
        cmd.sent,
        uow.at,
        time=cmd.time,
        place=cmd.place,
        public=cmd.public,
        distance_allowed=cmd.distance_allowed,
        items=cmd.items,
    )
    uow.receipts.append(f"kallelse {cmd.date}")
    days, source = notice_on(uow.get(NoticeRule, NoticeRule.id_for(f.forbund)), cmd.sent)
    late = late_warning(cmd.date, cmd.sent, days, source)
    return [late] if late else []


def set_notice_period(uow: UnitOfWork, cmd: c.SetNoticePeriod) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    _rule(uow, f.forbund).set(cmd.days, cmd.source, cmd.on, uow.at)
    return []


def _agenda(uow: UnitOfWork, forbund: str, day: date) -> Agenda:
    found = uow.get(Agenda, Agenda.id_for(forbund, day.year))
    if found is None:
        raise NotFound(f"ingen kallelse till ett sammanträde {day}")
    return found


def take_agenda(uow: UnitOfWork, cmd: c.TakeAgenda) -> list[str]:
    """Each ärende becomes a paragraph of the opened meeting, in order, through the same
    handler as `paragraph add` (its checks and numbering)."""
    f = resolve_forbund(uow, cmd.forbund)
    agenda = _agenda(uow, f.forbund, cmd.date)
    call = agenda.called(cmd.date)
    agenda.check_not_taken(cmd.date)
    book = minutes_book(uow, f.forbund, cmd.date.year)
    warnings: list[str] = []
    numbers = []
    for item in call.items:
        numbers.append(book.next_number())
        text = f"Dnr {item.diarienummer}" if item.diarienummer else ""
        add = c.AddParagraph(forbund=f.forbund, meeting=cmd.date, title=item.title, text=text)
        warnings += add_paragraph(uow, add)
    agenda.take(cmd.date, tuple(numbers), uow.at)
    return warnings


def decide_as_proposed(uow: UnitOfWork, cmd: c.DecideAsProposed) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    number, item = _agenda(uow, f.forbund, cmd.date).paragraph_of(cmd.date, cmd.item)
    if not item.proposal.strip():
        raise InvalidInput(f"ärende {cmd.item} ({item.title}) har inget förslag till beslut")
    book = minutes_book(uow, f.forbund, cmd.date.year)
    book.amend_paragraph(number, None, None, (item.proposal,), cmd.date, uow.at)
    uow.receipts.append(f"§{number} ({cmd.date.year})")
    return []
