"""The documents' side table: their bytes by sha256, beside the log.

A command that registers documents hands their bytes to the unit of work
(``uow.side["documents"] = Documents(...)``); the store's recorder writes them into
``finsam_documents`` in the same transaction as the events that name them by hash
(finsam_es/documents.py), so a document is stored exactly when its event is. The same
bytes are stored once (the hash is the key). The table is created by the first write
that needs it, as ``finsam_imported`` is (store/imported.py): older stores and
read-only roles open as before. `audit verify` hashes every stored document again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import msgspec

TABLE_SQLITE = (
    "CREATE TABLE IF NOT EXISTS finsam_documents "
    "(sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, content BLOB NOT NULL)"
)
TABLE_POSTGRES = (
    "CREATE TABLE IF NOT EXISTS finsam_documents "
    "(sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, content BYTEA NOT NULL)"
)
INSERT_SQLITE = "INSERT OR IGNORE INTO finsam_documents VALUES (?, ?, ?)"
INSERT_POSTGRES = "INSERT INTO finsam_documents VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"


class Documents(msgspec.Struct, frozen=True):
    """The bytes of the documents one command stores, by their sha256."""

    contents: dict[str, bytes]


def write_documents(cursor: Any, kwargs: dict[str, Any], postgres: bool) -> None:
    """Store the documents a save carries (none: nothing), inside its transaction."""
    found = kwargs.get("documents")
    if not isinstance(found, Documents) or not found.contents:
        return
    cursor.execute(TABLE_POSTGRES if postgres else TABLE_SQLITE)
    for digest, content in found.contents.items():
        cursor.execute(
            INSERT_POSTGRES if postgres else INSERT_SQLITE, (digest, len(content), content)
        )


def _first(row: Any) -> Any:
    """A row's first column, from SQLite's tuples and psycopg's dicts alike."""
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


def _has_table(cursor: Any, postgres: bool) -> bool:
    if postgres:
        cursor.execute("SELECT to_regclass('finsam_documents') IS NOT NULL")
    else:
        cursor.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'finsam_documents'"
        )
    row = cursor.fetchone()
    if row is None:  # pragma: no cover - COUNT and to_regclass answer one row
        return False
    return bool(_first(row))


def stored_hashes(cursor: Any, postgres: bool) -> Iterator[tuple[str, str]]:
    """Each stored document's key and the sha256 of the bytes it holds now, one
    document in memory at a time."""
    if not _has_table(cursor, postgres):
        return
    cursor.execute("SELECT sha256 FROM finsam_documents ORDER BY sha256")
    keys = [str(_first(r)) for r in cursor.fetchall()]
    mark = "%s" if postgres else "?"
    for key in keys:
        cursor.execute(f"SELECT content FROM finsam_documents WHERE sha256 = {mark}", (key,))
        yield key, hashlib.sha256(bytes(_first(cursor.fetchone()))).hexdigest()


def _datastore(app: Any) -> tuple[Any, bool]:
    datastore: Any = getattr(app.factory, "datastore", None)
    return datastore, "postgres" in type(datastore).__module__


def changed_documents(app: Any) -> list[tuple[str, str]]:
    """Each stored document whose bytes no longer hash to its key, with the hash they
    have now (`audit verify` names them by their diarium entries)."""
    datastore, postgres = _datastore(app)
    with datastore.transaction(commit=False) as c:
        return [(key, now) for key, now in stored_hashes(c, postgres) if now != key]


def stored_keys(app: Any) -> set[str]:
    """The sha256 of every stored document (as keyed, not as hashed now)."""
    datastore, postgres = _datastore(app)
    with datastore.transaction(commit=False) as c:
        if not _has_table(c, postgres):
            return set()
        c.execute("SELECT sha256 FROM finsam_documents")
        return {str(_first(r)) for r in c.fetchall()}


def document_reader(app: Any) -> Callable[[str], bytes | None]:
    """A reader of stored documents' bytes by sha256 (None: not stored), for the audit
    bundle."""
    return lambda key: document_content(app, key)


def copy_documents(source: Any, source_postgres: bool, cursor: Any, postgres: bool) -> None:
    """Copy every stored document from the ``source`` datastore into the target through
    ``cursor`` (inside `finsam copy`'s one transaction), one document in memory at a time
    and as stored: a changed one stays changed, for `audit verify` on the copy to name."""
    with source.transaction(commit=False) as s:
        if not _has_table(s, source_postgres):
            return
        s.execute("SELECT sha256 FROM finsam_documents ORDER BY sha256")
        keys = [str(_first(r)) for r in s.fetchall()]
    cursor.execute(TABLE_POSTGRES if postgres else TABLE_SQLITE)
    mark = "%s" if source_postgres else "?"
    for key in keys:
        with source.transaction(commit=False) as s:
            s.execute(f"SELECT content FROM finsam_documents WHERE sha256 = {mark}", (key,))
            content = bytes(_first(s.fetchone()))
        cursor.execute(INSERT_POSTGRES if postgres else INSERT_SQLITE, (key, len(content), content))


def document_content(app: Any, sha256: str) -> bytes | None:
    """The bytes stored under ``sha256`` (None: none are), as stored: the archive
    package (projections/archive.py) hashes them again before it takes them."""
    datastore, postgres = _datastore(app)
    with datastore.transaction(commit=False) as c:
        if not _has_table(c, postgres):
            return None
        mark = "%s" if postgres else "?"
        c.execute(f"SELECT content FROM finsam_documents WHERE sha256 = {mark}", (sha256,))
        row = c.fetchone()
        return None if row is None else bytes(_first(row))
