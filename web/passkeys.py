"""Passkeys in the workspace: a signed-in person adds one (``/konto/passnycklar``), and
signs in with one (``/inloggning/passnyckel``), the strong option beside the password.

The pages carry the WebAuthn options in a data attribute; web/static/passkey.js (the
one script, served from here: the CSP admits ``script-src 'self'`` and nothing inline)
calls ``navigator.credentials`` and posts the answer as an ordinary form with its CSRF
field, so the pages need no fetch and no JSON endpoint.

A passkey sign-in ends in the session the password sign-in makes: the workspace's gate
(web/gate.py) puts its session starter in the request's scope under ``START_SESSION``;
``signed_in`` calls it with the account's name. Without one (no
accounts: the read-only view) a passkey signs nobody in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finsam_es.errors import FinsamError, NotFound
from store import passkeys
from web.identity import START_SESSION, person_of
from web.passkey_ceremony import (
    Challenges,
    Unverified,
    client_challenge,
    credential_id,
    csrf_token,
    registration_options,
    request_options,
    verify_assertion,
    verify_registration,
)

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

STATIC = Path(__file__).resolve().parent / "static"
SIGN_IN = "sign-in"  # the purpose of a sign-in's challenge; a registration's is "add:NAME"
MAX_FORM = 16_384  # a WebAuthn answer is about a kilobyte


def signed_in(request: Request, response: Response, account: str) -> bool:
    """Start ``account``'s session on ``response`` by the sign-in part's starter."""
    start: Callable[[Response, str], None] | None = request.scope.get(START_SESSION)
    if start is None:
        return False
    start(response, account)
    return True


async def form_fields(request: Request) -> dict[str, str]:
    """A posted form's fields, refused beyond ``MAX_FORM`` bytes."""
    from urllib.parse import parse_qs

    body = await request.body()
    if len(body) > MAX_FORM:
        raise Unverified("formuläret är för stort")
    fields = parse_qs(body.decode("utf-8", "replace"))
    return {k: v[0] for k, v in fields.items()}


def static(name: str, media: str) -> Callable[[Request], Response]:
    text = (STATIC / name).read_text(encoding="utf-8")

    def answer(request: Request) -> Response:
        from starlette.responses import Response

        return Response(text, media_type=media)

    return answer


def routes(site: Site) -> list[BaseRoute]:
    from starlette.responses import HTMLResponse, RedirectResponse
    from starlette.routing import Route

    from web.identity import AUDIT, SIGN

    challenges = Challenges()
    # the workspace's navigation shows the parts the person holds a role for
    site.env.globals.update(SIGN_ROLES=SIGN, AUDIT_ROLES=AUDIT)

    def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
        html = site.env.get_template(template).render(
            person=person_of(request),
            csrf=csrf_token(request),
            forbund=None,
            forbund_name="",
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def account(request: Request) -> str:
        person = person_of(request)
        if person is None:
            raise NotFound("sidan finns inte")
        return person.name

    def own_page(request: Request, message: str = "", status: int = 200) -> Response:
        name = account(request)
        with site.lock:
            have = passkeys.passkeys_of(site.store, name)
        options = registration_options(request, name, have, challenges.new(f"add:{name}"))
        return page(
            request,
            "signing/passkeys.html.j2",
            status,
            keys=have,
            options=options,
            message=message,
            writable=site.writable,
        )

    def keys_page(request: Request) -> Response:
        try:
            return own_page(request)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))

    async def add_key(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        try:
            credential = (await form_fields(request)).get("credential", "")
        except FinsamError as e:
            return site.error_page(400, "Kan inte tas emot", str(e))
        answer: Response = await run_in_threadpool(adding, request, credential)
        return answer

    def adding(request: Request, credential: str) -> Response:
        try:
            name = account(request)
            if not site.writable:
                raise Unverified("visningen är skrivskyddad: passnycklar läggs till i arbetsytan")
            challenge = challenges.take(client_challenge(credential), f"add:{name}")
            now = datetime.now(UTC)
            key = verify_registration(request, name, credential, challenge, now)
            with site.lock:
                passkeys.add_passkey(site.store, key)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        except FinsamError as e:
            return own_page(request, str(e), 400)
        return own_page(request, "Passnyckeln är tillagd.")

    def login_page(request: Request, message: str = "", status: int = 200) -> Response:
        options = request_options(request, challenges.new(SIGN_IN), [])
        return page(request, "signing/login.html.j2", status, options=options, message=message)

    async def login(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        try:
            credential = (await form_fields(request)).get("credential", "")
        except FinsamError as e:
            return login_page(request, str(e), 400)
        answer: Response = await run_in_threadpool(signing_in, request, credential)
        return answer

    def signing_in(request: Request, credential: str) -> Response:
        try:
            challenge = challenges.take(client_challenge(credential), SIGN_IN)
            with site.lock:
                key = passkeys.passkey(site.store, credential_id(credential))
                if key is None:
                    raise Unverified("passnyckeln är inte registrerad här")
                _assertion, count = verify_assertion(request, credential, challenge, key)
                passkeys.count_used(site.store, key.credential_id, count)
        except FinsamError as e:
            return login_page(request, str(e), 400)
        response = RedirectResponse("/", status_code=303)
        if not signed_in(request, response, key.account):
            return login_page(request, "inloggning kräver konton: finsam user add", 400)
        return response

    return [
        Route("/konto/passnycklar", keys_page),
        Route("/konto/passnycklar", add_key, methods=["POST"]),
        Route("/inloggning/passnyckel", lambda request: login_page(request)),
        Route("/inloggning/passnyckel", login, methods=["POST"]),
        Route("/static/passkey.js", static("passkey.js", "text/javascript")),
        Route("/static/signing.css", static("signing.css", "text/css")),
    ]
