"""Handler of a paragraph's yrkanden and vote: checked against who decided the § at its
meeting (the paragraph's own list, else the meeting's beslutande, less those with jäv)
and its chair, before the minutes are adjusted."""

from __future__ import annotations

from commands import structs as c
from commands.loading import minutes_book, opened, resolve_forbund
from finsam_es.errors import Final, InvalidInput
from finsam_es.vote import Votes, judged_by_charter
from store.unit_of_work import UnitOfWork


def record_vote(uow: UnitOfWork, cmd: c.RecordVote) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.year)
    p = book.paragraph(cmd.number)
    meeting = book.meetings[p.meeting]
    if cmd.on is not None and cmd.on != p.meeting:
        raise InvalidInput(f"§{p.number} ({cmd.year}) was decided on {p.meeting}, not {cmd.on}")
    if p.adjusted or meeting.adjusted:
        raise Final(f"§{p.number} ({cmd.year}) is adjusted: its vote can no longer change")
    deciding = tuple(n for n in (p.deciding or meeting.present) if n not in p.conflict)
    vote = judged_by_charter(cmd.vote, f.charter_on(p.meeting))  # 9 § p. 6
    votes = opened(uow, Votes, f.forbund, cmd.year)
    found = votes.record_vote(
        p.number, p.meeting, cmd.proposals, vote, deciding, meeting.chair, uow.at
    )
    uow.receipts.append(f"§{p.number} ({cmd.year})")
    if found.casting_vote:
        return [f"§{p.number}: the vote was tied; the chair's casting vote decided (KL 5:57)"]
    return []
