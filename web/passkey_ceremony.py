"""The WebAuthn ceremonies of the workspace, by the ``webauthn`` package (py_webauthn):
registering a passkey, signing in with one, and signing a protokoll with one.

The relying party is the host the person reached (already held to the Host allow-list,
web/hosts.py) and the origin its scheme and host: a passkey made for
``finsam.example.se`` answers there only. A registration's and a sign-in's challenge is
random and kept here for a few minutes, used once; a justering's challenge is the
protokoll's content hash itself (projections/signing.py), so the assertion proves which
content was approved and needs no state between the page and the post.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from finsam_es.errors import Refused
from finsam_es.signatures import Assertion, b64url
from store.passkeys import Passkey
from web.hosts import host_name

if TYPE_CHECKING:
    from starlette.requests import Request

RP_NAME = "finsam"
CHALLENGE_SECONDS = 300  # the person has five minutes to touch the key
MAX_PENDING = 1024  # challenges handed out and not yet used; a flood drops the oldest


class Unverified(Refused):
    """The browser's answer did not verify (message in Swedish, for the page)."""


def relying_party(request: Request) -> tuple[str, str]:
    """The RP ID and the origin the browser reports, from the host asked for."""
    host = request.headers.get("host", "")
    return host_name(host), f"{request.url.scheme}://{host}"


class Challenges:
    """Random challenges handed out, each with its expiry and what it is for (an
    account name, or "" for a sign-in that does not know who yet)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.pending: dict[str, tuple[float, str]] = {}
        self.lock = threading.Lock()  # pages are built in the server's worker threads

    def new(self, purpose: str) -> bytes:
        with self.lock:
            return self._new(purpose)

    def _new(self, purpose: str) -> bytes:
        now = self.clock()
        self.pending = {c: v for c, v in self.pending.items() if v[0] > now}
        while len(self.pending) >= MAX_PENDING:
            del self.pending[next(iter(self.pending))]
        challenge = secrets.token_bytes(32)
        self.pending[b64url(challenge)] = (now + CHALLENGE_SECONDS, purpose)
        return challenge

    def take(self, challenge: str, purpose: str) -> bytes:
        """The challenge's bytes once, when it was handed out for ``purpose``."""
        with self.lock:
            found = self.pending.pop(challenge, None)
        if found is None or found[0] <= self.clock() or found[1] != purpose:
            raise Unverified("inloggningsförsöket har gått ut: försök igen")
        from webauthn import base64url_to_bytes

        return base64url_to_bytes(challenge)


def user_handle(account: str) -> bytes:
    """The WebAuthn user handle: not the name itself, which an authenticator may show."""
    return hashlib.sha256(b"finsam account " + account.encode()).digest()[:16]


def registration_options(
    request: Request, account: str, have: list[Passkey], challenge: bytes
) -> str:
    from webauthn import base64url_to_bytes, generate_registration_options, options_to_json
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        PublicKeyCredentialDescriptor,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    rp_id, _origin = relying_party(request)
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=RP_NAME,
        user_name=account,
        user_id=user_handle(account),
        challenge=challenge,
        # a discoverable key signs in without a typed name; verification is the PIN or
        # the finger, so the key alone (found or stolen) signs nothing
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id)) for p in have
        ],
    )
    return options_to_json(options)


def request_options(request: Request, challenge: bytes, allowed: list[Passkey]) -> str:
    from webauthn import base64url_to_bytes, generate_authentication_options, options_to_json
    from webauthn.helpers.structs import (
        PublicKeyCredentialDescriptor,
        UserVerificationRequirement,
    )

    rp_id, _origin = relying_party(request)
    options = generate_authentication_options(
        rp_id=rp_id,
        challenge=challenge,
        allow_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id)) for p in allowed
        ],
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return options_to_json(options)


def client_challenge(credential: str) -> str:
    """The challenge the browser's answer names (base64url), to find what it answers."""
    import json

    from finsam_es.signatures import b64url_decode

    try:
        data = json.loads(credential)
        client = json.loads(b64url_decode(str(data["response"]["clientDataJSON"])))
        return str(client["challenge"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise Unverified("webbläsarens svar från passnyckeln går inte att läsa") from None


def credential_id(credential: str) -> str:
    import json

    try:
        return str(json.loads(credential)["rawId"])
    except (ValueError, KeyError, TypeError):
        raise Unverified("webbläsarens svar från passnyckeln går inte att läsa") from None


def verify_registration(
    request: Request, account: str, credential: str, challenge: bytes, now: Any
) -> Passkey:
    from webauthn import verify_registration_response
    from webauthn.helpers.exceptions import WebAuthnException

    rp_id, origin = relying_party(request)
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        raise Unverified("passnyckeln kunde inte registreras: försök igen") from None
    return Passkey(
        b64url(verified.credential_id),
        account,
        b64url(verified.credential_public_key),
        verified.sign_count,
        now,
    )


def verify_assertion(
    request: Request, credential: str, challenge: bytes, key: Passkey
) -> tuple[Assertion, int]:
    """The browser's assertion verified against the stored passkey: what the signature
    event keeps of it, and the authenticator's new counter."""
    from webauthn import verify_authentication_response
    from webauthn.helpers import parse_authentication_credential_json
    from webauthn.helpers.exceptions import WebAuthnException

    rp_id, origin = relying_party(request)
    try:
        parsed = parse_authentication_credential_json(credential)
        from webauthn import base64url_to_bytes

        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=base64url_to_bytes(key.public_key),
            credential_current_sign_count=key.sign_count,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        raise Unverified("passnyckelns svar stämmer inte: försök igen") from None
    r = parsed.response
    assertion = Assertion(
        credential_id=key.credential_id,
        public_key=key.public_key,
        authenticator_data=b64url(r.authenticator_data),
        client_data_json=b64url(r.client_data_json),
        signature=b64url(r.signature),
    )
    return assertion, verified.new_sign_count


def csrf_token(request: Request) -> str:
    """The form's CSRF field (web/csrf.py, the sign-in part's), "" until it exists."""
    import importlib

    try:
        csrf = importlib.import_module("web.csrf")
    except ImportError:
        return ""
    return str(csrf.token_for(request))
