"""A justering signed with a passkey (issue 22 item 4), verified offline: the assertion
a WebAuthn authenticator makes is reproduced here with a P-256 key made in the test
(cryptography), as Chrome's virtual authenticator makes it: authenticator data (the
relying party's hash, the user-present and user-verified flags, a counter), the client
data naming the protokoll's content hash as its challenge, and an ES256 signature over
``authenticatorData || sha256(clientDataJSON)``.

The meeting is Sollefteå's of 2023-11-23 unsigned, as tests/test_justering.py imports it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from commands import structs as c
from commands.bus import execute
from finsam_es.errors import InvalidInput
from finsam_es.signatures import Assertion, Signature, b64url
from projections.assertions import assertion_problem
from projections.signing import content_sha256
from store.application import FinsamApp
from store.passkeys import (
    MAX_PER_ACCOUNT,
    Passkey,
    PasskeyTaken,
    TooManyPasskeys,
    add_passkey,
    count_used,
    passkey,
    passkeys_of,
)
from tests.conftest import Finsam, sqlite_only
from tests.test_justering import CHAIR, DAY, JUSTERARE, unsigned  # noqa: F401 - fixture

RP_ID = "localhost"
FLAGS_UP_UV = 0x01 | 0x04


class Authenticator:
    """A passkey: a P-256 key pair and its credential id, signing as WebAuthn does."""

    def __init__(self, credential: bytes = b"passkey-1") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential = credential
        self.counter = 0

    def cose(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        # COSE_Key EC2: kty 2, alg -7 (ES256), crv 1 (P-256), x, y
        return cbor2.dumps(
            {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32), -3: numbers.y.to_bytes(32)}
        )

    def assert_(self, challenge: bytes, kind: str = "webauthn.get") -> Assertion:
        self.counter += 1
        data = (
            hashlib.sha256(RP_ID.encode()).digest()
            + bytes([FLAGS_UP_UV])
            + self.counter.to_bytes(4, "big")
        )
        client = json.dumps(
            {"type": kind, "challenge": b64url(challenge), "origin": "http://localhost:8000"}
        ).encode()
        signature = self.key.sign(data + hashlib.sha256(client).digest(), ec.ECDSA(hashes.SHA256()))
        return Assertion(
            credential_id=b64url(self.credential),
            public_key=b64url(self.cose()),
            authenticator_data=b64url(data),
            client_data_json=b64url(client),
            signature=b64url(signature),
        )


def signature(sha256: str, assertion: Assertion | None) -> Signature:
    at = datetime(2023, 11, 24, 9, 0, tzinfo=UTC)
    return Signature(date(2023, 11, 23), "Patrik Lockner", "justerare", at, sha256, "", assertion)


SHA = hashlib.sha256(b"protokollet").hexdigest()


def test_an_assertion_over_the_content_hash_verifies_with_its_public_key() -> None:
    key = Authenticator()
    assert assertion_problem(signature(SHA, key.assert_(bytes.fromhex(SHA)))) is None
    assert assertion_problem(signature(SHA, None)) is None  # signed from the CLI


def test_an_assertion_over_other_content_or_changed_bytes_is_named() -> None:
    key = Authenticator()
    good = key.assert_(bytes.fromhex(SHA))
    other = hashlib.sha256(b"ett annat protokoll").hexdigest()
    assert "is not the signed content's sha256" in str(assertion_problem(signature(other, good)))
    # the signature made by another key than the one the event carries
    thief = Authenticator().assert_(bytes.fromhex(SHA))
    swapped = Assertion(
        good.credential_id,
        good.public_key,
        thief.authenticator_data,
        thief.client_data_json,
        thief.signature,
    )
    assert "does not verify with the stored public key" in str(
        assertion_problem(signature(SHA, swapped))
    )
    # the authenticator data changed after signing (the counter, one byte)
    data = bytearray(__import__("base64").urlsafe_b64decode(good.authenticator_data + "=="))
    data[-1] ^= 1
    changed = Assertion(
        good.credential_id,
        good.public_key,
        b64url(bytes(data)),
        good.client_data_json,
        good.signature,
    )
    assert "does not verify" in str(assertion_problem(signature(SHA, changed)))
    # a registration's client data, not an assertion's
    made = key.assert_(bytes.fromhex(SHA), kind="webauthn.create")
    assert "not an assertion" in str(assertion_problem(signature(SHA, made)))
    broken = Assertion(
        good.credential_id, "AAAA", good.authenticator_data, good.client_data_json, good.signature
    )
    assert "cannot be read" in str(assertion_problem(signature(SHA, broken)))


def sign_with_passkey(db: str, name: str, key: Authenticator, over: str | None = None) -> None:
    """What the workspace does when a justerare signs: the content hash as the
    challenge, the command of the CLI with the assertion added."""
    app = FinsamApp(db)
    from projections.queries import Reader

    at = Reader(app).at()
    doc = at.governance.minutes(None, date.fromisoformat(DAY))
    sha = content_sha256(doc)
    assertion = key.assert_(bytes.fromhex(over or sha))
    command = c.SignMinutes(
        date=date.fromisoformat(DAY), signer=name, sha256=sha, assertion=assertion
    )
    execute(app, command, actor=name)


def test_the_signing_command_refuses_an_assertion_over_other_content(
    unsigned: Finsam,  # noqa: F811 - the fixture
) -> None:
    before = unsigned.events()
    with pytest.raises(InvalidInput, match="gäller inte protokollet som det nu lyder"):
        sign_with_passkey(unsigned.db, JUSTERARE[0], Authenticator(), over=SHA)
    assert unsigned.events() == before


@sqlite_only  # changes the stored event in the SQLite file itself
def test_passkey_signatures_adjust_the_minutes_and_a_forged_one_is_named_by_position(
    unsigned: Finsam,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    keys = {name: Authenticator(name.encode()) for name in (*JUSTERARE, CHAIR)}
    for name, key in keys.items():
        sign_with_passkey(unsigned.db, name, key)
    meeting = next(r for r in unsigned.json("meetings", "--year", "2023") if r["date"] == DAY)
    assert meeting["adjusted"] is not None
    assert all(s["passkey"] for s in meeting["signatures"])
    text = unsigned("minutes", DAY).stdout
    assert f"Justerat digitalt: {CHAIR} (ordförande)" in text and ", med passnyckel," in text
    assert "verified" in unsigned("audit", "verify").stdout
    # the audit bundle verifies the assertions with no store: its events carry the keys
    bundle = tmp_path / "revision"
    unsigned("audit", "export", str(bundle), "--year", "2023")
    assert "verified" in unsigned("audit", "verify", "--bundle", str(bundle)).stdout
    events = bundle / "events.jsonl"
    lines = events.read_bytes().splitlines()
    signed = next(
        i for i, line in enumerate(lines) if b64url(keys[CHAIR].credential).encode() in line
    )
    item = json.loads(lines[signed])
    state = json.loads(item["state"])
    state["signature"]["assertion"]["signature"] = b64url(b"\x30\x06\x02\x01\x01\x02\x01\x01")
    item["state"] = json.dumps(state)
    lines[signed] = json.dumps(item).encode()
    events.write_bytes(b"\n".join(lines) + b"\n")
    forged_bundle = unsigned("audit", "verify", "--bundle", str(bundle), ok=False)
    assert f"the passkey signature by {CHAIR} does not verify" in forged_bundle.output
    # one byte of Mikael Sjölund's stored signature changed (the chain is re-sealed
    # by nobody: the chain check names the position too, and so does this check)
    with sqlite3.connect(unsigned.db) as conn:
        rows = conn.execute("SELECT rowid, state FROM stored_events").fetchall()
        sjolund = keys[JUSTERARE[1]].credential
        position, state = next(
            (p, bytes(s)) for p, s in rows if b64url(sjolund).encode() in bytes(s)
        )
        stored = json.loads(state)["signature"]["assertion"]["signature"]
        forged_sig = ("B" if stored[10] != "B" else "C").join((stored[:10], stored[11:]))
        forged = state.replace(stored.encode(), forged_sig.encode())
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (forged, position))
    result = unsigned("audit", "verify", ok=False)
    assert result.exit_code != 0
    assert f"the passkey signature by {JUSTERARE[1]} on the minutes of {DAY}" in result.output
    assert f"{position}" in result.output


def test_passkeys_live_in_their_table_beside_the_log(app: FinsamApp) -> None:
    assert passkeys_of(app, "Patrik Lockner") == [] and passkey(app, "x") is None
    key = Authenticator()
    made = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
    add_passkey(app, Passkey(b64url(key.credential), "Patrik Lockner", b64url(key.cose()), 0, made))
    count_used(app, b64url(key.credential), 7)
    found = passkey(app, b64url(key.credential))
    assert found is not None and found.account == "Patrik Lockner" and found.sign_count == 7
    assert [p.created for p in passkeys_of(app, "Patrik Lockner")] == [made]
    assert app.event_count() == 0  # nothing of a device in the log
    again = Passkey(b64url(key.credential), "Mikael Sjölund", b64url(key.cose()), 0, made)
    with pytest.raises(PasskeyTaken, match="redan registrerad"):  # one account per key
        add_passkey(app, again)
    for n in range(MAX_PER_ACCOUNT - 1):
        add_passkey(app, Passkey(f"k{n}", "Patrik Lockner", b64url(key.cose()), 0, made))
    with pytest.raises(TooManyPasskeys):
        add_passkey(app, Passkey("one-too-many", "Patrik Lockner", b64url(key.cose()), 0, made))
