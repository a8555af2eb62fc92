"""The chain's anchor: each förbund's head, keyed with a secret the operator holds.

The hash chain (store/chain.py) is unkeyed: anyone can recompute a link, so an intruder
with write access can append a forged event with a correct link, and it verifies. An
earlier checkpoint does not catch an append (the log still extends it). So every write
made with the chain key also keeps, per förbund, an HMAC-SHA256 of its head link
(``finsam_anchor``: förbund, position, hash, mac), in the same transaction as the
events. `audit verify` with the key then requires each förbund's head to be the
anchored link: an event appended after it, an anchor deleted or a log cut back before
it is named.

Why an HMAC and not signed checkpoints: the writer and the verifier are the same
operator (the kansli's server), so one shared secret is enough, costs a hash per write,
and needs no key pair or signing tool; checkpoints and the audit bundle stay as they are
(the links are unchanged, so the bundle's offline recipe and older stores keep
verifying). The key is read from ``FINSAM_CHAIN_KEY`` or the file
``FINSAM_CHAIN_KEY_FILE`` names, never from the command line (a process's arguments
are visible to every user of the machine). A store written without the key has no
anchors; with the key, verify says so for each förbund it cannot vouch for.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable
from typing import Any

import msgspec

from finsam_es.errors import InvalidInput

KEY_ENV = "FINSAM_CHAIN_KEY"
KEY_FILE_ENV = "FINSAM_CHAIN_KEY_FILE"
KEY_FILE_LIMIT = 4096  # bytes read from the key file: a key, not a file's contents
ANCHOR_TABLE = (
    "CREATE TABLE IF NOT EXISTS finsam_anchor (forbund TEXT PRIMARY KEY, "
    "position BIGINT NOT NULL, hash TEXT NOT NULL, prints BIGINT NOT NULL, "
    "digest TEXT NOT NULL, mac TEXT NOT NULL)"
)
UPSERT_ANCHOR = (
    "INSERT INTO finsam_anchor VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (forbund) DO UPDATE SET "
    "position = excluded.position, hash = excluded.hash, prints = excluded.prints, "
    "digest = excluded.digest, mac = excluded.mac"
)
NO_DIGEST = "0" * 64


class Anchor(msgspec.Struct, frozen=True):
    """A förbund's head and its journal fingerprints (``finsam_imported``) as the last
    write left them: their number and digest (an XOR of each row's hash, so a write
    adds its own rows without reading the others), and the HMAC of all of it with the
    chain key ("" when written without one). The fingerprints are covered this way,
    not by the links: a fingerprint added behind finsam's back makes a re-import skip
    an entry, one deleted makes it import the entry twice."""

    forbund: str
    position: int
    hash: str
    prints: int
    digest: str
    mac: str


def row_digest(rows: Iterable[tuple[str, str, int]]) -> tuple[int, int]:
    """How many fingerprint rows (förbund, fingerprint, position) and their XOR digest."""
    count = value = 0
    for forbund, fingerprint, position in rows:
        count += 1
        row = f"{forbund}\n{fingerprint}\n{int(position)}".encode()
        value ^= int.from_bytes(hashlib.sha256(row).digest(), "big")
    return count, value


def _hex(value: int) -> str:
    return f"{value:064x}"


def chain_key() -> bytes | None:
    """The operator's chain key, or None when none is set."""
    found = os.environ.get(KEY_ENV, "")
    path = os.environ.get(KEY_FILE_ENV, "")
    if not found and path:
        try:
            with open(path, "rb") as f:
                found = f.read(KEY_FILE_LIMIT).decode("utf-8", "replace")
        except OSError as e:
            raise InvalidInput(
                f"{KEY_FILE_ENV} names {path}, which cannot be read ({e.strerror})"
            ) from None
    found = found.strip()
    return found.encode() if found else None


def mac(key: bytes, forbund: str, position: int, link_hash: str, prints: int, digest: str) -> str:
    message = f"{forbund}\n{position}\n{link_hash}\n{prints}\n{digest}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _rows(cursor: Any) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in cursor.fetchall()]


def _all_prints(cursor: Any, forbund: str, mark: str, imported_table: bool) -> tuple[int, int]:
    if not imported_table:
        return 0, 0
    cursor.execute(
        f"SELECT forbund, fingerprint, position FROM finsam_imported WHERE forbund = {mark}",
        (forbund,),
    )
    return row_digest((str(f), str(p), int(n)) for f, p, n in _rows(cursor))


def write_anchors(
    cursor: Any,
    links: Iterable[Any],
    imported: list[tuple[str, str, int]],
    imported_table: bool,
    mark: str = "?",
) -> None:
    """After a write's links and fingerprint rows, in its transaction: each förbund it
    wrote gets its head anchored, its fingerprints' count and digest carried on with
    the rows this write added (the first anchor of a förbund counts the rows already
    there: it vouches for them as they stand, as sealing does for events)."""
    key = chain_key()
    last = {link.forbund: link for link in links}
    for forbund, link in last.items():
        cursor.execute(
            f"SELECT prints, digest FROM finsam_anchor WHERE forbund = {mark}", (forbund,)
        )
        found = _rows(cursor)
        if found:
            added, value = row_digest(r for r in imported if r[0] == forbund)
            prints, digest = int(found[0][0]) + added, int(str(found[0][1]), 16) ^ value
        else:
            prints, digest = _all_prints(cursor, forbund, mark, imported_table)
        sealed = mac(key, forbund, link.position, link.hash, prints, _hex(digest)) if key else ""
        row = (forbund, link.position, link.hash, prints, _hex(digest), sealed)
        cursor.execute(UPSERT_ANCHOR.replace("?", mark), row)


def recount_prints(cursor: Any, forbund: str, mark: str = "?") -> None:
    """After fingerprints recorded without events (entries that stored nothing): the
    förbund's anchor counts its fingerprints again, its head unchanged."""
    cursor.execute(f"SELECT position, hash FROM finsam_anchor WHERE forbund = {mark}", (forbund,))
    found = _rows(cursor)
    if not found:
        return  # its first anchored write counts them
    position, link_hash = int(found[0][0]), str(found[0][1])
    prints, value = _all_prints(cursor, forbund, mark, True)
    key = chain_key()
    sealed = mac(key, forbund, position, link_hash, prints, _hex(value)) if key else ""
    row = (forbund, position, link_hash, prints, _hex(value), sealed)
    cursor.execute(UPSERT_ANCHOR.replace("?", mark), row)


def anchor_problems(
    key: bytes, anchors: list[Anchor], heads: dict[str, Any]
) -> list[tuple[int, str]]:
    """What the anchors say of the chain's heads (each förbund's last link): (position,
    message) for each head the key does not vouch for."""
    problems = []
    by_forbund = {a.forbund: a for a in anchors}
    for forbund, head in sorted(heads.items()):
        name = forbund or "store"
        found = by_forbund.pop(forbund, None)
        if found is None or not found.mac:
            problems.append(
                (
                    head.position,
                    f"the chain of '{name}' has no anchor: no write with the chain key vouches "
                    "for it (written without the key, or the anchor was deleted; `finsam "
                    "audit seal` with the key anchors a store checked as it stands)",
                )
            )
            continue
        expected = mac(key, forbund, found.position, found.hash, found.prints, found.digest)
        if not hmac.compare_digest(found.mac, expected):
            problems.append(
                (
                    found.position,
                    f"the anchor of '{name}' at position {found.position} in finsam_anchor "
                    "is not made with this chain key: forged, or another key",
                )
            )
        elif found.position < head.position:
            problems.append(
                (
                    found.position + 1,
                    f"the chain of '{name}' goes on after its anchored link at position "
                    f"{found.position} to {head.position}: events were added without the "
                    "chain key",
                )
            )
        elif found.position > head.position or found.hash != head.hash:
            problems.append(
                (
                    found.position,
                    f"the anchored link of '{name}' at position {found.position} is no "
                    "longer the chain's head: the log was cut back or rewritten",
                )
            )
    for forbund, found in sorted(by_forbund.items()):
        if found.mac:
            problems.append(
                (
                    found.position,
                    f"the anchored chain of '{forbund or 'store'}' is gone from the log: its "
                    "events were removed",
                )
            )
    return problems


def fingerprint_problems(
    anchors: list[Anchor], rows: Iterable[tuple[str, str, int]]
) -> list[tuple[int, str]]:
    """The journal fingerprints (``finsam_imported``) of each anchored förbund against
    the count and digest its writes carried on (no key needed: the digest is checked
    here, the key vouches for the digest itself in ``anchor_problems``)."""
    by_forbund: dict[str, list[tuple[str, str, int]]] = {}
    for row in rows:
        by_forbund.setdefault(row[0], []).append(row)
    problems = []
    for found in sorted(anchors, key=lambda a: a.forbund):
        count, value = row_digest(by_forbund.get(found.forbund, []))
        if count == found.prints and _hex(value) == found.digest:
            continue
        n = abs(count - found.prints)
        were = "was" if n == 1 else "were"
        if count > found.prints:
            what = f"{n} {were} added (a re-import skips those entries)"
        elif count < found.prints:
            what = f"{n} {were} deleted (a re-import imports those entries again)"
        else:
            what = "some were changed"
        problems.append(
            (
                found.position,
                f"finsam_imported holds {count} journal fingerprints of '{found.forbund}', its "
                f"writes up to position {found.position} recorded {found.prints}: {what}",
            )
        )
    return problems


def anchor_heads(cursor: Any, key: bytes, imported_table: bool, mark: str = "?") -> int:
    """Anchor every förbund's head and fingerprints as they stand (`finsam audit seal`
    with the key: the operator vouches for the store as it is now); how many."""
    cursor.execute(
        "SELECT forbund, position, hash FROM finsam_chain c WHERE seq = "
        "(SELECT MAX(seq) FROM finsam_chain h WHERE h.forbund = c.forbund)"
    )
    heads = _rows(cursor)
    for forbund, position, link_hash in heads:
        prints, value = _all_prints(cursor, str(forbund), mark, imported_table)
        digest = _hex(value)
        sealed = mac(key, str(forbund), int(position), str(link_hash), prints, digest)
        row = (str(forbund), int(position), str(link_hash), prints, digest, sealed)
        cursor.execute(UPSERT_ANCHOR.replace("?", mark), row)
    return len(heads)


def read_anchors(cursor: Any) -> list[Anchor]:
    cursor.execute("SELECT forbund, position, hash, prints, digest, mac FROM finsam_anchor")
    return [
        Anchor(str(f), int(p), str(h), int(n), str(d), str(m)) for f, p, h, n, d, m in _rows(cursor)
    ]
