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
    "position BIGINT NOT NULL, hash TEXT NOT NULL, mac TEXT NOT NULL)"
)
UPSERT_ANCHOR = (
    "INSERT INTO finsam_anchor VALUES (?, ?, ?, ?) ON CONFLICT (forbund) DO UPDATE SET "
    "position = excluded.position, hash = excluded.hash, mac = excluded.mac"
)


class Anchor(msgspec.Struct, frozen=True):
    forbund: str
    position: int
    hash: str
    mac: str


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


def mac(key: bytes, forbund: str, position: int, link_hash: str) -> str:
    message = f"{forbund}\n{position}\n{link_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def anchor_rows(key: bytes | None, heads: Iterable[Any]) -> list[tuple[str, int, str, str]]:
    """The anchors of a save's last link per förbund (links in position order)."""
    if key is None:
        return []
    last = {link.forbund: link for link in heads}
    return [
        (f, link.position, link.hash, mac(key, f, link.position, link.hash))
        for f, link in last.items()
    ]


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
        if found is None:
            problems.append(
                (
                    head.position,
                    f"the chain of '{name}' has no anchor: no write with the "
                    "chain key vouches for it (written without the key, or the anchor was deleted)",
                )
            )
        elif not hmac.compare_digest(found.mac, mac(key, forbund, found.position, found.hash)):
            problems.append(
                (
                    found.position,
                    f"the anchor of '{name}' at position {found.position} "
                    "is not made with this chain key: forged, or another key",
                )
            )
        elif found.position < head.position:
            problems.append(
                (
                    found.position + 1,
                    f"the chain of '{name}' goes on after its anchored link "
                    f"at position {found.position} to {head.position}: events were added "
                    "without the chain key",
                )
            )
        elif found.position > head.position or found.hash != head.hash:
            problems.append(
                (
                    found.position,
                    f"the anchored link of '{name}' at position "
                    f"{found.position} is no longer the chain's head: the log was cut back or rewritten",
                )
            )
    for forbund, found in sorted(by_forbund.items()):
        problems.append(
            (
                found.position,
                f"the anchored chain of '{forbund or 'store'}' is gone from the "
                "log: its events were removed",
            )
        )
    return problems


def anchor_heads(cursor: Any, key: bytes, mark: str = "?") -> int:
    """Anchor every förbund's head as it stands (`finsam audit seal` with the key: the
    operator vouches for the store as it is now); returns how many were anchored."""
    cursor.execute(
        "SELECT forbund, position, hash FROM finsam_chain c WHERE seq = "
        "(SELECT MAX(seq) FROM finsam_chain h WHERE h.forbund = c.forbund)"
    )
    rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in cursor.fetchall()]
    anchors = [(str(f), int(p), str(h), mac(key, str(f), int(p), str(h))) for f, p, h in rows]
    if anchors:
        cursor.executemany(UPSERT_ANCHOR.replace("?", mark), anchors)
    return len(anchors)


def read_anchors(cursor: Any) -> list[Anchor]:
    cursor.execute("SELECT forbund, position, hash, mac FROM finsam_anchor")
    rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in cursor.fetchall()]
    return [Anchor(str(f), int(p), str(h), str(m)) for f, p, h, m in rows]
