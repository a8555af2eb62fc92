"""Sign-in through a municipality's identity provider (OpenID Connect, issue 22),
against a fake provider made here: a Starlette app on loopback serving discovery, its
keys (an RS256 key made for the test) and the token endpoint, which checks the client's
secret and the PKCE verifier before it signs the ID token."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from finsam_es.errors import InvalidInput
from store.application import FinsamApp
from tests.conftest import Finsam
from tests.test_web import BASE, TODAY
from tests.workspace import make_account
from web.app import create_app
from web.browser import serving_app
from web.oidc import Settings, settings

CLIENT_ID, SECRET = "finsam", "hemligt-klientlosen"
MEMBERS = tuple(
    part
    for member in ("fk:state:25%", "af:state:25%", "rvn:region:25%", "k:municipality:25%")
    for part in ("--member", member)
)


class FakeProvider:
    """What the provider knows: its key, and per code the claims it will sign."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
        self.issuer = ""
        self.codes: dict[str, dict[str, Any]] = {}  # code -> claims, PKCE challenge
        self.token_for_other_audience = False

    def app(self) -> Starlette:
        def discovery(request: Request) -> JSONResponse:
            return JSONResponse({
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "id_token_signing_alg_values_supported": ["RS256"],
            })  # fmt: skip

        def jwks(request: Request) -> JSONResponse:
            return JSONResponse({"keys": [self.key.as_dict(private=False)]})

        async def token(request: Request) -> JSONResponse:
            form = await request.form()
            basic = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
            wanted = self.codes.pop(str(form.get("code")), None)
            if request.headers.get("authorization") != f"Basic {basic}" or wanted is None:
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            verifier = str(form.get("code_verifier", ""))
            digest = hashlib.sha256(verifier.encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != wanted["challenge"]:
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            now = int(time.time())
            claims = {
                "iss": self.issuer,
                "sub": "12345",
                "aud": "someone-else" if self.token_for_other_audience else CLIENT_ID,
                "iat": now,
                "exp": now + 300,
                **wanted["claims"],
            }
            signed = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)
            return JSONResponse({"access_token": "at", "token_type": "Bearer", "id_token": signed})

        return Starlette(routes=[
            Route("/.well-known/openid-configuration", discovery),
            Route("/jwks", jwks),
            Route("/token", token, methods=["POST"]),
        ])  # fmt: skip


@pytest.fixture(scope="module")
def provider() -> Iterator[FakeProvider]:
    fake = FakeProvider()
    with serving_app(fake.app()) as base:
        fake.issuer = base
        yield fake


@pytest.fixture
def client(tmp_path: Path, provider: FakeProvider) -> Iterator[TestClient]:
    finsam = Finsam(str(tmp_path / "s.db"))
    finsam("forbund", "create", "a", "--name", "Förbund A", *MEMBERS)
    make_account(FinsamApp(finsam.db), "anna.berg@kommun.se", "a", "ledamot")
    config = Settings(provider.issuer, CLIENT_ID, SECRET)
    app = create_app(FinsamApp(finsam.db), today=lambda: TODAY, writable=True, oidc=config)
    with TestClient(app, base_url=BASE) as c:
        yield c


def authorize(client: TestClient, provider: FakeProvider, **claims: str) -> str:
    """Start the sign-in and play the provider's part: the user said yes; the callback's
    URL with the code the provider hands back."""
    started = client.get("/login/oidc?next=/forbund/a/board", follow_redirects=False)
    assert started.status_code == 303
    asked = {k: v[0] for k, v in parse_qs(urlsplit(started.headers["location"]).query).items()}
    assert asked["client_id"] == CLIENT_ID and asked["code_challenge_method"] == "S256"
    assert asked["redirect_uri"] == f"{BASE}/login/oidc/callback"
    code = f"code-{len(provider.codes)}-{asked['state'][:8]}"
    provider.codes[code] = {
        "challenge": asked["code_challenge"],
        "claims": {"nonce": asked["nonce"], **claims},
    }
    return f"/login/oidc/callback?code={code}&state={asked['state']}"


def test_the_providers_claim_signs_in_its_account(
    client: TestClient, provider: FakeProvider
) -> None:
    assert "Logga in med kommunens konto" in client.get("/login").text
    back = client.get(authorize(client, provider, preferred_username="Anna.Berg@kommun.se"))
    assert back.status_code == 200 and 'content="0;url=/forbund/a/board"' in back.text
    assert "SameSite=strict" in back.headers["set-cookie"]
    assert client.get("/forbund/a/board").status_code == 200


def test_a_token_that_does_not_hold_is_refused(client: TestClient, provider: FakeProvider) -> None:
    # an identity without an account here
    stranger = client.get(authorize(client, provider, preferred_username="okand@kommun.se"))
    assert stranger.status_code == 403 and "har inget konto i finsam" in stranger.text
    # a nonce that is not the one sent
    url = authorize(client, provider, preferred_username="anna.berg@kommun.se")
    code = parse_qs(urlsplit(url).query)["code"][0]
    provider.codes[code]["claims"]["nonce"] = "another"
    assert client.get(url).status_code == 400
    # a token for another client
    provider.token_for_other_audience = True
    try:
        refused = client.get(authorize(client, provider, preferred_username="anna.berg@kommun.se"))
    finally:
        provider.token_for_other_audience = False
    assert refused.status_code == 400 and "Traceback" not in refused.text
    # a state that is not this browser's, or used twice
    url = authorize(client, provider, preferred_username="anna.berg@kommun.se")
    other = TestClient(client.app, base_url=BASE)
    assert other.get(url).status_code == 400
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 400
    assert client.get("/forbund/a/board", follow_redirects=False).status_code == 200


def test_the_settings_come_from_the_environment_or_a_file(tmp_path: Path) -> None:
    assert settings({}) is None
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n", encoding="utf-8")
    file = tmp_path / "oidc.toml"
    file.write_text(
        f'issuer = "https://login.kommun.se/"\nclient_id = "finsam"\nclaim = "email"\n'
        f'client_secret_file = "{secret}"\n',
        encoding="utf-8",
    )
    found = settings({"FINSAM_OIDC_SETTINGS": str(file)})
    assert found == Settings("https://login.kommun.se", "finsam", "s3cret", "email")
    env = {"FINSAM_OIDC_ISSUER": "https://idp", "FINSAM_OIDC_CLIENT_ID": "x"}
    with pytest.raises(InvalidInput, match="client secret"):
        settings(env)
    assert settings({**env, "FINSAM_OIDC_CLIENT_SECRET": "y"}) == Settings("https://idp", "x", "y")


def test_without_a_provider_the_routes_are_404(tmp_path: Path) -> None:
    finsam = Finsam(str(tmp_path / "s.db"))
    finsam("forbund", "create", "a", "--name", "Förbund A", *MEMBERS)
    app = create_app(FinsamApp(finsam.db), today=lambda: TODAY, writable=True)
    plain = TestClient(app, base_url=BASE)
    assert plain.get("/login/oidc").status_code == 404
    assert "kommunens konto" not in plain.get("/login").text
