"""Handlers of the kallelse: calling (or amending the call of) a meeting, and the notice
period it is held to."""

from __future__ import annotations

from datetime import date

from commands import structs as c
from commands.decisions import decide_effects
from commands.governance import add_paragraph, decision_sentence
from commands.loading import load_insats, minutes_book, opened, resolve_forbund
from commands.proposed_effects import decode, with_effects
from finsam_es.agenda import Agenda, NoticeRule, late_warning, notice_on
from finsam_es.diarium import Diarium, parse_number
from finsam_es.errors import InvalidInput, NotFound
from finsam_es.paragraph_effects import check_undecided
from finsam_es.paragraph_effects import decide_effects as record_effects
from finsam_es.values import paragraph_ref
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
    items, effects = with_effects(cmd)
    for proposed in effects.values():  # an effect on an insats names one the förbund has
        for effect in proposed:
            if insats := getattr(effect, "insats", None):
                load_insats(uow, f.forbund, insats)
    agenda = opened(uow, Agenda, f.forbund, cmd.date.year)
    agenda.call(
        cmd.date,
        cmd.sent,
        uow.at,
        time=cmd.time,
        place=cmd.place,
        public=cmd.public,
        distance_allowed=cmd.distance_allowed,
        items=items,
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
    for n, item in enumerate(call.items):
        number = book.next_number() if cmd.first is None else cmd.first + n
        numbers.append(number)
        # the text is the ärendebeskrivning; the diarienummer is shown from the agenda
        # (projections/application_numbers.py)
        add = c.AddParagraph(
            forbund=f.forbund,
            meeting=cmd.date,
            title=item.title,
            number=number,
            text=item.description,
        )
        warnings += add_paragraph(uow, add)
    agenda.take(cmd.date, tuple(numbers), uow.at)
    return warnings


def decide_as_proposed(uow: UnitOfWork, cmd: c.DecideAsProposed) -> list[str]:
    """The förslag becomes the paragraph's decision, and the money effect it carries is
    decided by the paragraph through the same rules as `paragraph add --grant ...`."""
    f = resolve_forbund(uow, cmd.forbund)
    number, item = _agenda(uow, f.forbund, cmd.date).paragraph_of(cmd.date, cmd.item)
    if not item.proposal.strip() and not item.effects:
        raise InvalidInput(f"ärende {cmd.item} ({item.title}) har inget förslag till beslut")
    book = minutes_book(uow, f.forbund, cmd.date.year)
    warnings: list[str] = []
    decisions: tuple[str, ...] = (item.proposal,) if item.proposal.strip() else ()
    if item.effects:
        check_undecided(book, number)
        ref = paragraph_ref(book.year, number)
        effects = decode(item.effects, cmd.item)
        summaries, warnings = decide_effects(uow, f, effects, ref, cmd.date)
        decisions = decisions or tuple(decision_sentence(s) for s in summaries)
        record_effects(book, number, summaries, cmd.date, uow.at)
    book.amend_paragraph(number, None, None, decisions, cmd.date, uow.at)
    uow.receipts.append(f"§{number} ({cmd.date.year})")
    return warnings
