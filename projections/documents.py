"""`audit verify`'s check of the documents: every stored document hashed again and held
to the sha256 its diarium entry names, and every document an entry names present.

The events carry the hashes and the chain covers the events, so a document whose
bytes were changed in the store (or removed from it) is found here and named by the
diarium entry and file name a secretary knows it by.
"""

from __future__ import annotations

from finsam_es.diarium import Diarium
from projections.audit import Problem
from store.application import FinsamApp
from store.documents import changed_documents, stored_keys


def document_problems(app: FinsamApp) -> list[Problem]:
    """One problem per changed or missing document, at the position of its entry."""
    named: dict[str, list[tuple[int, str]]] = {}
    for position, event in app.read():
        if isinstance(event, Diarium.Registered):
            number = f"{event.effective.year}/{event.number}"
            for d in event.documents:
                named.setdefault(d.sha256, []).append((position, f"{d.name} ({number})"))
    problems: list[Problem] = []
    for key, now in changed_documents(app):
        for position, what in named.get(key, [(0, "a document no entry names")]):
            problems.append(
                Problem(
                    position,
                    f"the document {what} has changed in the store: its bytes hash to "
                    f"{now[:16]}..., its entry names {key[:16]}...",
                )
            )
    present = stored_keys(app)
    for key, entries in named.items():
        if key not in present:
            problems.extend(
                Problem(position, f"the document {what} is missing from the store ({key[:16]}...)")
                for position, what in entries
            )
    return problems
