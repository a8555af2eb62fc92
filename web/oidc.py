"""Sign-in through the municipality's own identity provider (OpenID Connect, the
authorization code flow with PKCE, by authlib): ``GET /login/oidc`` sends the browser
to the provider, ``GET /login/oidc/callback`` takes the code back, exchanges it for the
ID token, checks the token (signature by the provider's published keys, issuer,
audience, expiry, the nonce) and maps one of its claims (``preferred_username`` unless
configured) to a finsam account: the person signs in as that account, with its roles.
An identity the store has no open account for is told so; nobody is created here.

Configured from the environment or a TOML file named by ``FINSAM_OIDC_SETTINGS``
(``issuer``, ``client_id``, ``claim``, ``client_secret_file``); the client secret from
``FINSAM_OIDC_CLIENT_SECRET`` or that file, never a command line. Without an issuer
the routes answer 404 and the login form shows no link.

The state of a sign-in under way is kept server-side (state → nonce, PKCE verifier,
where to go after) for ten minutes, and bound to the browser by a cookie that is
SameSite=Lax, since the provider's redirect back is a cross-site navigation that a
Strict cookie would not ride. For the same reason the callback answers with a page that
moves on by itself, so the Strict session cookie it sets is sent with the next page.
"""

from __future__ import annotations

import os
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finsam_es.errors import FinsamError, InvalidInput
from projections.accounts import roles_now
from web.gate import secure
from web.sessions import COOKIE, Sessions
from web.signin import safe_next

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

FLOW_COOKIE = "finsam_oidc"
FLOW_SECONDS = 600
MAX_FLOWS = 1024


@dataclass(frozen=True)
class Settings:
    issuer: str
    client_id: str
    client_secret: str
    claim: str = "preferred_username"


def _secret_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()[0].strip()
    except (OSError, UnicodeDecodeError, IndexError):
        raise InvalidInput(f"the OpenID Connect client secret file {path} cannot be read") from None


def settings(env: dict[str, str] | None = None) -> Settings | None:
    """The provider's settings from the environment and the settings file, or None when
    no issuer is configured (password sign-in only)."""
    env = dict(os.environ) if env is None else env
    found: dict[str, Any] = {}
    if env.get("FINSAM_OIDC_SETTINGS"):
        try:
            found = tomllib.loads(Path(env["FINSAM_OIDC_SETTINGS"]).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise InvalidInput(f"FINSAM_OIDC_SETTINGS: cannot read it ({e})") from None
    issuer = env.get("FINSAM_OIDC_ISSUER") or str(found.get("issuer", ""))
    if not issuer:
        return None
    client_id = env.get("FINSAM_OIDC_CLIENT_ID") or str(found.get("client_id", ""))
    secret = env.get("FINSAM_OIDC_CLIENT_SECRET", "")
    secret_file = env.get("FINSAM_OIDC_CLIENT_SECRET_FILE") or found.get("client_secret_file")
    if not secret and secret_file:
        secret = _secret_file(str(secret_file))
    if not client_id or not secret:
        raise InvalidInput(
            "OpenID Connect needs a client id and a client secret besides the issuer"
        )
    claim = env.get("FINSAM_OIDC_CLAIM") or str(found.get("claim", "preferred_username"))
    return Settings(issuer.rstrip("/"), client_id, secret, claim)


class Provider:
    """The provider's metadata and keys (fetched when first needed) and the flows under
    way."""

    def __init__(self, config: Settings, clock: Any = time.monotonic):
        self.config = config
        self.clock = clock
        self.metadata: dict[str, Any] = {}
        self.flows: dict[
            str, tuple[float, str, str, str]
        ] = {}  # state -> end, nonce, verifier, next

    def client(self, redirect_uri: str) -> Any:
        from authlib.integrations.httpx_client import OAuth2Client

        return OAuth2Client(
            self.config.client_id,
            self.config.client_secret,
            scope="openid profile",
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            timeout=10,
        )

    def discover(self) -> dict[str, Any]:
        if not self.metadata:
            import httpx2

            url = f"{self.config.issuer}/.well-known/openid-configuration"
            answer = httpx2.get(url, timeout=10)
            answer.raise_for_status()
            found = answer.json()
            if found.get("issuer", "").rstrip("/") != self.config.issuer:
                raise InvalidInput("the identity provider names another issuer")
            found["jwks"] = httpx2.get(found["jwks_uri"], timeout=10).json()
            self.metadata = found
        return self.metadata

    def start(self, redirect_uri: str, target: str) -> tuple[str, str]:
        """The provider's authorization URL for a new flow, and its state."""
        from authlib.common.security import generate_token

        now = self.clock()
        self.flows = {s: f for s, f in self.flows.items() if f[0] > now}
        if len(self.flows) >= MAX_FLOWS:
            self.flows.clear()
        nonce, verifier = generate_token(32), generate_token(48)
        url, state = self.client(redirect_uri).create_authorization_url(
            self.discover()["authorization_endpoint"], code_verifier=verifier, nonce=nonce
        )
        self.flows[state] = (now + FLOW_SECONDS, nonce, verifier, target)
        return url, state

    def finish(self, redirect_uri: str, state: str, code: str) -> tuple[str, str]:
        """The account name the provider vouches for, and where to go next."""
        from authlib.oidc.core import CodeIDToken
        from joserfc import jwt
        from joserfc.jwk import KeySet
        from joserfc.jws import JWSRegistry

        flow = self.flows.pop(state, None)
        if flow is None or flow[0] <= self.clock():
            raise InvalidInput("inloggningen tog för lång tid eller har redan använts")
        _, nonce, verifier, target = flow
        meta = self.discover()
        token = self.client(redirect_uri).fetch_token(
            meta["token_endpoint"], code=code, code_verifier=verifier
        )
        if "id_token" not in token:
            raise InvalidInput("identitetsleverantören gav ingen ID-token")
        decoded = jwt.decode(
            token["id_token"],
            key=KeySet.import_key_set(meta["jwks"]),
            registry=JWSRegistry(algorithms=["RS256", "ES256", "PS256"]),
        )
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            {"iss": {"values": [meta["issuer"]]}},
            {"nonce": nonce, "client_id": self.config.client_id, "access_token": token.get("access_token")},
        )  # fmt: skip
        claims.validate(leeway=60)
        name = claims.get(self.config.claim)
        if not isinstance(name, str) or not name:
            raise InvalidInput(f"ID-token saknar uppgiften {self.config.claim}")
        return name.strip().lower(), target


def routes(site: Site, sessions: Sessions, config: Settings | None) -> list[BaseRoute]:
    from starlette.responses import HTMLResponse, RedirectResponse
    from starlette.routing import Route

    provider = Provider(config) if config else None

    def redirect_uri(request: Request) -> str:
        return str(request.url_for("oidc_callback"))

    def begin(request: Request) -> Response:
        if provider is None or not site.writable:
            return site.error_page(
                404, "Finns inte", "Inloggning via kommunens konto är inte inställd."
            )
        try:
            url, state = provider.start(
                redirect_uri(request), safe_next(request.query_params.get("next", "/"))
            )
        except (FinsamError, OSError, ValueError, KeyError):
            return site.error_page(
                502, "Kan inte nå identitetsleverantören", "Försök igen om en stund."
            )
        response = RedirectResponse(url, status_code=303)
        response.set_cookie(FLOW_COOKIE, state, max_age=FLOW_SECONDS, httponly=True,
                            samesite="lax", secure=secure(request), path="/login/oidc")  # fmt: skip
        return response

    def callback(request: Request) -> Response:
        if provider is None or not site.writable:
            return site.error_page(
                404, "Finns inte", "Inloggning via kommunens konto är inte inställd."
            )
        state = request.query_params.get("state", "")
        if not state or request.cookies.get(FLOW_COOKIE) != state:
            return site.error_page(
                400, "Inloggningen kunde inte slutföras", "Börja om från inloggningssidan."
            )
        try:
            name, target = provider.finish(
                redirect_uri(request), state, request.query_params.get("code", "")
            )
        except FinsamError as e:
            return site.error_page(400, "Inloggningen kunde inte slutföras", str(e))
        except Exception:  # the provider's answer or token was refused: never a trace
            return site.error_page(
                400,
                "Inloggningen kunde inte slutföras",
                "Identitetsleverantörens svar godtogs inte.",
            )
        with site.lock:
            roles = roles_now(site.store, name)
        if roles is None:
            return site.error_page(
                403,
                "Inget konto",
                f"{name[:64]} har inget konto i finsam: be förbundets administratör lägga upp det.",
            )
        html = site.env.get_template("moving_on.html.j2").render(target=target)
        response = HTMLResponse(html)
        response.set_cookie(COOKIE, sessions.cookie(sessions.start(name)), max_age=int(sessions.lifetime),
                            httponly=True, samesite="strict", secure=secure(request))  # fmt: skip
        response.delete_cookie(FLOW_COOKIE, path="/login/oidc")
        return response

    return [
        Route("/login/oidc", begin, methods=["GET"]),
        Route("/login/oidc/callback", callback, methods=["GET"], name="oidc_callback"),
    ]
