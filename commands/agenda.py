"""Handlers of the kallelse: calling (or amending the call of) a meeting, and the notice
period it is held to."""

from __future__ import annotations

from datetime import date

from commands.agenda_structs import CallMeeting, SetNoticePeriod
from commands.loading import opened, resolve_forbund
from finsam_es.agenda import Agenda, NoticeRule, late_warning, notice_on
from finsam_es.diarium import Diarium, parse_number
from finsam_es.errors import NotFound
from store.unit_of_work import UnitOfWork


def _rule(uow: UnitOfWork, forbund: str) -> NoticeRule:
    found = uow.get(NoticeRule, NoticeRule.id_for(forbund))
    return found if found is not None else uow.add(NoticeRule.start(forbund, uow.at))


def call_meeting(uow: UnitOfWork, cmd: CallMeeting) -> list[str]:
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


def set_notice_period(uow: UnitOfWork, cmd: SetNoticePeriod) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    _rule(uow, f.forbund).set(cmd.days, cmd.source, cmd.on, uow.at)
    return []


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
