"""Digital justering: each justerare and the chair approve the protokoll as it stands.

A signature names the signer, the moment, the sha256 of the protokoll's canonical
content (computed by the read side from the minutes as `finsam minutes --format json`
gives them, so a regenerated PDF needs no byte-identity) and the head of the förbund's
hash chain it pins. The minutes are adjusted when every required signer has signed the
same content; a signature on content amended since is void.

Kept beside the minutes book rather than inside it (finsam_es/minutes.py is over the
size limit): the event is recorded on the book and folded into ``book.signatures``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from finsam_es.base import FinsamAggregate
from finsam_es.errors import InvalidInput, Refused

if TYPE_CHECKING:
    from finsam_es.minutes import MinutesBook

SHA256_HEX = 64


class Assertion(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A passkey's WebAuthn assertion over the protokoll's content hash (issue 22), as
    the browser returned it, every part base64url as WebAuthn's JSON writes it. The
    public key is not secret: kept here, it lets anyone verify the signature offline
    (authenticator_data || sha256(client_data_json), projections/assertions.py)."""

    credential_id: str
    public_key: str  # COSE_Key, as the authenticator gave it at registration
    authenticator_data: str
    client_data_json: str
    signature: str


class Signature(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One signer's approval of a meeting's protokoll as it stood."""

    meeting: date
    name: str
    role: str  # "ordförande" or "justerare"
    at: datetime  # the moment signed (the store's recorded time)
    sha256: str  # of the protokoll's canonical content
    head: str  # the chain head it pins: "position N, HASH" ("" in an empty chain)
    # signed with a passkey in the workspace; None from the CLI and in older stores
    assertion: Assertion | None = None


class MinutesSigned(FinsamAggregate.Event):
    """A signer approved the minutes of ``signature.meeting``."""

    signature: Signature

    def apply(self, aggregate: Any) -> None:
        # books stored before digital justering have no signatures attribute yet
        aggregate.signatures = (*signatures_of(aggregate), self.signature)


def signatures_of(book: Any) -> tuple[Signature, ...]:
    """Every signature recorded on a minutes book, in recorded order."""
    found: tuple[Signature, ...] = getattr(book, "signatures", ())
    return found


class Signed(Protocol):
    """What names the signers: a meeting, or its minutes as the read side gives them."""

    @property
    def chair(self) -> str: ...
    @property
    def adjusters(self) -> tuple[str, ...]: ...


def required_signers(meeting: Signed) -> dict[str, str]:
    """Who must sign, with the role they sign in: the chair and every justerare."""
    out = {meeting.chair: "ordförande"} if meeting.chair else {}
    for name in meeting.adjusters:
        out.setdefault(name, "justerare")
    return out


def current(sigs: Iterable[Signature], day: date, sha256: str) -> dict[str, Signature]:
    """The signatures of a meeting that stand: the last of each signer, on this content."""
    last: dict[str, Signature] = {}
    for s in sigs:
        if s.meeting == day:
            last[s.name] = s
    return {n: s for n, s in last.items() if s.sha256 == sha256}


def void(sigs: Iterable[Signature], day: date, sha256: str) -> list[Signature]:
    """The meeting's signatures made on content that has been amended since."""
    return [s for s in sigs if s.meeting == day and s.sha256 != sha256]


def b64url_decode(text: str) -> bytes:
    """WebAuthn's base64url without padding, to bytes (ValueError when it is not)."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def assertion_challenge(assertion: Assertion) -> tuple[str, str]:
    """The assertion's client data: its type and its challenge (base64url); ValueError
    when it cannot be read."""
    data = json.loads(b64url_decode(assertion.client_data_json))
    if not isinstance(data, dict):
        raise ValueError("client data is not an object")
    return str(data.get("type", "")), str(data.get("challenge", ""))


def check_assertion(assertion: Assertion, sha256: str) -> None:
    """An assertion signs this content: its challenge is the content hash's bytes. The
    signature itself is verified by the face that received it and by `audit verify`."""
    try:
        kind, challenge = assertion_challenge(assertion)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("passnyckelns svar går inte att läsa") from None
    if kind != "webauthn.get" or challenge != b64url(bytes.fromhex(sha256)):
        raise InvalidInput("passnyckelns underskrift gäller inte protokollet som det nu lyder")


def sign(
    book: MinutesBook,
    day: date,
    name: str,
    sha256: str,
    head: str,
    at: datetime,
    assertion: Assertion | None = None,
) -> list[str]:
    """Record ``name``'s signature on the minutes of ``day`` with the content's hash
    (and the passkey's assertion over it, when signed so); adjust the minutes once
    every required signer has signed this same content."""
    meeting = book.meeting(day)
    if meeting.adjusted is not None:
        raise Refused(
            f"protokollet från {day} justerades {meeting.adjusted}: det är redan justerat"
        )
    required = required_signers(meeting)
    if not meeting.adjusters:
        raise Refused(
            f"mötet {day} har inga justerare: ange dem med finsam meeting amend {day} --adjuster NAMN"
        )
    if name not in required:
        who = ", ".join(required)
        raise Refused(f"{name} är varken ordförande eller justerare för mötet {day} (de är: {who})")
    if len(sha256) != SHA256_HEX or not all(ch in "0123456789abcdef" for ch in sha256):
        raise InvalidInput(f"{sha256!r} är ingen sha256 av protokollet")
    if assertion is not None:
        check_assertion(assertion, sha256)
    if at.date() < day:
        raise Refused(f"protokollet från {day} kan inte justeras {at.date()}, före mötet")
    stands = current(signatures_of(book), day, sha256)
    if name in stands:
        raise Refused(f"{name} har redan justerat protokollet från {day} som det nu lyder")
    warnings = [
        f"{s.name}s justering {s.at:%Y-%m-%d %H:%M} gällde en tidigare lydelse (ändrad sedan): "
        "den är ogiltig och behöver göras om"
        for s in void(signatures_of(book), day, sha256)
        if s.name not in stands and s.name != name
    ]
    signature = Signature(day, name, required[name], at, sha256, head, assertion)
    book.record(MinutesSigned, at, effective=at.date(), signature=signature)
    signed = {*stands, name}
    missing = [n for n in required if n not in signed]
    if missing:
        return [*dict.fromkeys(warnings), f"väntar på justering av {', '.join(missing)}"]
    return [*dict.fromkeys(warnings), *book.adjust(day, at.date(), at)]
