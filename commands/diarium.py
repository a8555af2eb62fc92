"""Handlers of the diarium: registering a document received or sent, with its files.

The files' bytes go to the store's document table in the same transaction as the event
that names them by sha256 (store/documents.py, through ``uow.side``).
"""

from __future__ import annotations

from commands import structs as c
from commands.loading import load_insats, opened, resolve_forbund
from finsam_es.diarium import Diarium
from finsam_es.documents import reference
from store.documents import Documents
from store.unit_of_work import UnitOfWork


def register_document(uow: UnitOfWork, cmd: c.RegisterDocument) -> list[str]:
    f = resolve_forbund(uow, cmd.forbund)
    kind, _, what = cmd.concerns.partition(":")
    if kind in ("application", "insats"):
        load_insats(uow, f.forbund, what)  # refuses an id the förbund does not have
    refs = tuple(reference(d) for d in cmd.documents)
    diarium = opened(uow, Diarium, f.forbund, cmd.on.year)
    number = diarium.register(
        cmd.on,
        cmd.direction,
        cmd.party,
        cmd.subject,
        uow.at,
        secret=cmd.secret,
        concerns=cmd.concerns,
        documents=refs,
    )
    if cmd.documents:
        held = uow.side.get("documents")
        contents = dict(held.contents) if isinstance(held, Documents) else {}
        contents.update((r.sha256, d.content) for r, d in zip(refs, cmd.documents, strict=True))
        uow.side["documents"] = Documents(contents)
    uow.receipts.append(number)
    return []
