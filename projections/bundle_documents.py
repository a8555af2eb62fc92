"""The stored documents (handlingar) in the audit bundle: ``documents/SHA256``, the bytes
of every document the förbund's bundled diarium entries name (issue 20, item 2).

The events carry each document's sha256 and the chain covers the events, so a document
is checked against its entry's hash, not only against the manifest (which a forger can
rewrite with the file): a changed or missing one is named by its diarium entry and file
name, as `audit verify` names one changed in the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from finsam_es.diarium import Diarium

FOLDER = "documents/"


def named(events: Iterable[tuple[int, Any]]) -> dict[str, list[str]]:
    """Each document's sha256 and how its entries name it: "budget.pdf (2024/1)"."""
    found: dict[str, list[str]] = {}
    for _, event in events:
        if isinstance(event, Diarium.Registered):
            number = f"{event.effective.year}/{event.number}"
            for d in event.documents:
                found.setdefault(d.sha256, []).append(f"{d.name} ({number})")
    return found


def document_files(
    events: Iterable[tuple[int, Any]], content: Callable[[str], bytes | None]
) -> dict[str, bytes]:
    """The bundle's documents: each named one the store holds, as it holds it (a changed
    one goes in changed, for the bundle's check to name)."""
    files = {}
    for key in sorted(named(events)):
        data = content(key)
        if data is not None:
            files[FOLDER + key] = data
    return files


def document_problems(files: dict[str, bytes], events: Iterable[tuple[int, Any]]) -> list[str]:
    """Each named document missing from the bundle or not matching its entry's hash."""
    problems = []
    for key, names in sorted(named(events).items()):
        data = files.get(FOLDER + key)
        what = ", ".join(names)
        if data is None:
            problems.append(f"the document {what} is missing from the bundle ({FOLDER}{key})")
        elif (now := hashlib.sha256(data).hexdigest()) != key:
            problems.append(
                f"the document {what} has changed: its bytes hash to {now[:16]}..., "
                f"its entry names {key[:16]}..."
            )
    return problems
