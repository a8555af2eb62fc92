"""What a justerare signs: the sha256 of the protokoll's canonical content, and the
signatures of a meeting as they stand against the content now.

The canonical content is the minutes' JSON (`finsam minutes DATE --format json`)
encoded with sorted keys and no spaces, without the fields the justering and the anslag
themselves change (the adjustment, the posting and the appeal dates, the signatures and
the audit head, the warnings that count days, assignments reported done since, later
corrections) and without the förbund's organisation number printed beside them (it may
be recorded later): signing and posting must not void the signatures, and a
regenerated PDF needs no byte-identity. Every word, name, decision and § of the minutes is in it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import msgspec

from finsam_es.signatures import Signature

# what the justering, the anslag and later acts change in the minutes document
VOLATILE = frozenset(
    {"closed", "adjusted", "posted_up", "posted_down", "anslag", "warnings"}
    | {"audit_head", "signatures"}
    # the förbund's identity beside the minutes, recorded at any time (forbund orgnr)
    | {"forbund_orgnr"}
)
VOLATILE_PARAGRAPH = frozenset(
    {"adjusted", "posted", "appeal_last_day", "corrected_by", "immediately_adjusted"}
)


class SignatureView(msgspec.Struct, frozen=True):
    """A signature as the minutes and `meetings` show it; ``valid`` is False when the
    minutes were amended after it was made (it is void)."""

    name: str
    at: datetime
    sha256: str
    role: str
    head: str
    valid: bool
    passkey: bool = False  # signed with a passkey: its assertion is in the event


def canonical(doc: Any) -> bytes:
    """The canonical encoding of a minutes document (a ``MinutesDocument``)."""
    data = msgspec.to_builtins(doc)
    for key in VOLATILE:
        data.pop(key, None)
    for p in data.get("paragraphs", ()):
        for key in VOLATILE_PARAGRAPH:
            p.pop(key, None)
        if p.get("proposal") == "":  # no agenda: as signed before the field was added
            p.pop("proposal")
        for a in p.get("assignments", ()):
            a.pop("done", None)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def content_sha256(doc: Any) -> str:
    return hashlib.sha256(canonical(doc)).hexdigest()


def views(signatures: tuple[Signature, ...], sha256: str) -> tuple[SignatureView, ...]:
    """A meeting's signatures in the order made; a signer's earlier ones on another
    content are shown void beside the one that stands."""
    return tuple(
        SignatureView(
            s.name, s.at, s.sha256, s.role, s.head, s.sha256 == sha256, s.assertion is not None
        )
        for s in signatures
    )
