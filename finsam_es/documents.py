"""Documents (handlingar) held in the store, named by the sha256 of their bytes.

The bytes live beside the log (store/documents.py), not in an event: a 5 MB PDF in the
log would be replayed by every read of its aggregate. The event that registers a
document carries its name, size and sha256 (``DocumentRef``), so the hash chain covers
the bytes: a document changed in the store no longer matches the hash its event holds,
and `audit verify` names it. The same bytes are stored once, whatever they are called.
"""

from __future__ import annotations

import hashlib
import re

import msgspec

from finsam_es.diarium import DocumentRef
from finsam_es.errors import InvalidInput

MAX_SIZE = 20 * 1024 * 1024  # a scanned application with its annexes; not an archive
NAME = re.compile(r"^[^/\\\x00-\x1f]{1,200}$")  # a file's own name, no directory


class Document(msgspec.Struct, frozen=True):
    """A document's name and bytes, on its way into the store."""

    name: str
    content: bytes


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def reference(document: Document) -> DocumentRef:
    """The document as its event names it; refused in one line when it is too large,
    empty or its name is no file name."""
    if not NAME.match(document.name):
        raise InvalidInput(f"'{document.name}' is not a document's file name")
    size = len(document.content)
    if size == 0:
        raise InvalidInput(f"{document.name} is empty")
    if size > MAX_SIZE:
        raise InvalidInput(
            f"{document.name} is larger than {MAX_SIZE // 1024 // 1024} MB, "
            "the most finsam keeps of one document"
        )
    return DocumentRef(document.name, sha256(document.content), size)
