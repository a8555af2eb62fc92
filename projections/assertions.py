"""A justering's passkey assertion verified offline, from the event alone.

WebAuthn's authenticator signs ``authenticatorData || sha256(clientDataJSON)``; the
client data names the challenge, which the workspace made the protokoll's content hash
(the bytes of ``content_sha256``). So the stored assertion, with the public key the
signature event carries, proves that the holder of that passkey approved exactly that
content: checked here without the passkeys table, the server or the browser, by
`audit verify` and by anyone holding the audit bundle. The key's algorithms are
WebAuthn's (COSE: ES256, EdDSA, RS256 ...), read by the ``webauthn`` package.
"""

from __future__ import annotations

import hashlib

from finsam_es.signatures import (
    Assertion,
    Signature,
    assertion_challenge,
    b64url,
    b64url_decode,
)

USER_PRESENT = 0x01  # the authenticator data's flag: a person touched the key


def assertion_problem(signature: Signature) -> str | None:
    """What is wrong with a signature's stored assertion, or None when it verifies (or
    the signature was made without a passkey)."""
    a = signature.assertion
    if a is None:
        return None
    try:
        kind, challenge = assertion_challenge(a)
    except (ValueError, UnicodeDecodeError):
        return "its client data cannot be read"
    if kind != "webauthn.get":
        return f"its client data is of type {kind[:40]!r}, not an assertion (webauthn.get)"
    if challenge != b64url(bytes.fromhex(signature.sha256)):
        return (
            f"its challenge {challenge[:60]} is not the signed content's sha256 {signature.sha256}"
        )
    return signature_problem(a)


def signature_problem(a: Assertion) -> str | None:
    """The authenticator's signature checked with the public key (COSE)."""
    from cryptography.exceptions import InvalidSignature
    from webauthn.helpers import decode_credential_public_key, decoded_public_key_to_cryptography
    from webauthn.helpers.exceptions import UnsupportedAlgorithm, UnsupportedPublicKey
    from webauthn.helpers.verify_signature import verify_signature

    try:
        data = b64url_decode(a.authenticator_data)
        client = b64url_decode(a.client_data_json)
        signed = b64url_decode(a.signature)
        decoded = decode_credential_public_key(b64url_decode(a.public_key))
        key = decoded_public_key_to_cryptography(decoded)
    except Exception:  # the store's bytes, decoded by base64, CBOR and COSE: any of them
        return "its public key or authenticator data cannot be read"
    if len(data) < 37 or not data[32] & USER_PRESENT:
        return "its authenticator data does not show a person present"
    try:
        verify_signature(
            public_key=key,
            signature_alg=decoded.alg,
            signature=signed,
            data=data + hashlib.sha256(client).digest(),
        )
    except InvalidSignature:
        return "its signature does not verify with the stored public key"
    except (UnsupportedAlgorithm, UnsupportedPublicKey, ValueError):
        return "its key's algorithm is not one WebAuthn names"
    return None
