"""Which journal entries a store has imported: their fingerprints in a side table.

A journal import records each new entry's fingerprint (commands/journal.py) so that
importing the file again adds nothing. The fingerprints used to be events of the
förbund (``Forbund.JournalEntriesImported``), so every command that loaded the förbund
replayed every fingerprint ever imported: memory grew with the history. Now they are
rows of ``finsam_imported`` (förbund, fingerprint, the log position of the import's
last event), written by the store's recorder in the same transaction as the import's
events (the ``imported`` keyword of ``app.save``, as the hash chain's ``actor`` is), and
an import looks up only its own file's fingerprints, a chunk at a time.

Stores written before keep their fingerprints in the ``JournalEntriesImported`` events;
the import still reads those through ``Forbund.imported`` (they no longer grow). The
table is created by the first import that writes to it, so older stores and read-only
roles open as before; a store without it has imported nothing this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import msgspec

IMPORTED_TABLE = (
    "CREATE TABLE IF NOT EXISTS finsam_imported (forbund TEXT NOT NULL, "
    "fingerprint TEXT NOT NULL, position BIGINT NOT NULL, PRIMARY KEY (forbund, fingerprint))"
)
INSERT_IMPORTED = "INSERT INTO finsam_imported VALUES (?, ?, ?)"
CHUNK = 500  # fingerprints per lookup


class Imported(msgspec.Struct, frozen=True):
    """The fingerprints of the entries one import adds for a förbund."""

    forbund: str
    fingerprints: tuple[str, ...]


def imported_rows(kwargs: dict[str, Any], positions: Sequence[int]) -> list[tuple[str, str, int]]:
    """The rows ``app.save(..., imported=Imported(...))`` asks the recorder to write, at the
    position of the save's last event; none when the save carries no fingerprints."""
    found = kwargs.get("imported")
    if not isinstance(found, Imported) or not found.fingerprints or not positions:
        return []
    last = int(positions[-1])
    return [(found.forbund, fingerprint, last) for fingerprint in found.fingerprints]


def _row(row: Any) -> tuple[Any, ...]:
    return tuple(row.values()) if isinstance(row, dict) else tuple(row)


def has_table(cursor: Any, postgres: bool) -> bool:
    if postgres:
        cursor.execute("SELECT to_regclass('finsam_imported') IS NOT NULL")
    else:
        cursor.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'finsam_imported'"
        )
    row = cursor.fetchone()
    return bool(_row(row)[0]) if row else False


def already_imported(cursor: Any, postgres: bool, forbund: str, prints: Iterable[str]) -> set[str]:
    """Which of ``prints`` the store records as imported for the förbund (looked up a
    chunk at a time: memory in proportion to the file, not to the history)."""
    if not has_table(cursor, postgres):
        return set()
    mark = "%s" if postgres else "?"
    wanted = list(dict.fromkeys(prints))
    found: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        cursor.execute(
            f"SELECT fingerprint FROM finsam_imported WHERE forbund = {mark} "
            f"AND fingerprint IN ({', '.join([mark] * len(chunk))})",
            (forbund, *chunk),
        )
        found.update(str(_row(row)[0]) for row in cursor.fetchall())
    return found
