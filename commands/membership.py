"""Handlers of the förbund's members over time and the board's roles with terms of
their own: a member joining or leaving, a chair or vice chair elected or ending, a
rotating seat.

Each handler loads the förbund, lets it decide and leaves the events pending in the
unit of work; it returns the warnings the board should hear.
"""

from __future__ import annotations

from commands import structs as c
from commands.loading import resolve_forbund
from finsam_es import shares as sh
from finsam_es.errors import InvalidInput
from finsam_es.membership import Member
from finsam_es.roles import RoleTerm, Rotation
from finsam_es.values import paragraph_ref, parse_paragraph_ref
from store.unit_of_work import UnitOfWork


def restated(specs: tuple[c.MemberShareSpec, ...]) -> dict[str, sh.ShareInput]:
    out: dict[str, sh.ShareInput] = {}
    for spec in specs:
        if spec.member in out:
            raise InvalidInput(f"--share '{spec.member}' is given twice")
        out[spec.member] = sh.parse(spec.share)
    return out


def join_forbund(uow: UnitOfWork, cmd: c.JoinForbund) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    m = cmd.member
    member = Member(
        id=m.id,
        name=m.name or m.id,
        kind=m.kind,
        share="0/1",
        ledamoter=m.ledamoter,
        ersattare=m.ersattare,
    )
    share = sh.parse(m.share)
    return f.join(member, share, restated(cmd.shares), cmd.on, cmd.decision, uow.at)


def leave_forbund(uow: UnitOfWork, cmd: c.LeaveForbund) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    return f.leave_forbund(cmd.member, cmd.on, restated(cmd.shares), cmd.decision, uow.at)


def change_shares(uow: UnitOfWork, cmd: c.ChangeShares) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    return f.change_shares(restated(cmd.shares), cmd.on, cmd.decision, uow.at)


def _paragraph(text: str | None) -> str | None:
    return None if text is None else paragraph_ref(*parse_paragraph_ref(text))


def elect_role(uow: UnitOfWork, cmd: c.ElectRole) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    term = RoleTerm(
        name=cmd.name,
        role=cmd.role,
        start=cmd.start,
        end=cmd.end,
        paragraph=_paragraph(cmd.paragraph),
    )
    return f.elect(term, uow.at)


def end_role(uow: UnitOfWork, cmd: c.EndRole) -> list[str]:
    resolve_forbund(uow, cmd.forbund).end_role(cmd.name, cmd.role, cmd.on, uow.at)
    return []


def set_rotation(uow: UnitOfWork, cmd: c.SetRotation) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    rotation = Rotation(
        name=cmd.name,
        members=cmd.members,
        start=cmd.start,
        months=cmd.months,
        end=cmd.end,
        paragraph=_paragraph(cmd.paragraph),
    )
    f.set_rotation(rotation, uow.at)
    return []
