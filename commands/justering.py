"""Handler of digital justering: a signer's approval of the minutes as they stand
(finsam_es/signatures.py decides; the minutes are adjusted by the last signature)."""

from __future__ import annotations

from commands import structs as c
from commands.loading import minutes_book, resolve_forbund
from finsam_es.signatures import sign
from store.unit_of_work import UnitOfWork


def sign_minutes(uow: UnitOfWork, cmd: c.SignMinutes) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    book = minutes_book(uow, f.forbund, cmd.date.year)
    return sign(book, cmd.date, cmd.signer, cmd.sha256, cmd.head, uow.at, cmd.assertion)
