"""The justerare's path: the protokoll awaiting my signature, read as HTML or PDF, and
signed with my passkey.

An account signs as the board member of the same name: the account name is the name
the minutes give the chair and the justerare (``finsam user add "Patrik Lockner"``),
so no second register of who is who can drift from the minutes. The challenge the
passkey signs is the protokoll's content hash (projections/signing.py), and the
signature goes through the command the CLI uses (``SignMinutes`` with the assertion
added, commands.bus.execute, the person as actor); the minutes are adjusted by the last
required signature, as on the command line.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import msgspec

from commands import structs as c
from commands.bus import execute
from finsam_es.errors import FinsamError, NotFound
from finsam_es.signatures import b64url, required_signers
from projections.minutes import MinutesDocument
from projections.signing import content_sha256
from store import passkeys
from web.identity import SIGN, Person, person_of, require
from web.passkey_ceremony import (
    Unverified,
    client_challenge,
    credential_id,
    csrf_token,
    request_options,
    verify_assertion,
)
from web.passkeys import form_fields

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site


class Awaiting(msgspec.Struct, frozen=True):
    """A protokoll of a meeting I must sign, and whether I have."""

    date: date
    place: str
    role: str
    signed: bool
    waiting_for: tuple[str, ...]


def awaiting(doc: MinutesDocument, name: str) -> Awaiting | None:
    """The protokoll as one of its signers sees it, or None when I am not one or it is
    adjusted already."""
    required = required_signers(doc)
    if doc.adjusted is not None or name not in required:
        return None
    signed = {s.name for s in doc.signatures if s.valid}
    missing = tuple(n for n in required if n not in signed)
    return Awaiting(doc.date, doc.place, required[name], name in signed, missing)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise NotFound(f"inget sammanträde {text[:20]}") from None


def routes(site: Site) -> list[BaseRoute]:
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

    def context(request: Request, fid: str) -> tuple[Person, Any]:
        person = require(request, fid, SIGN)
        at = site.reader.at()
        at.forbund_id(fid)  # a förbund the store does not hold: NotFound
        return person, at

    def answer(build: Any) -> Any:
        """The page built in a worker thread under the store's lock (the event loop
        only reads the posted form): a PDF or a signature takes a moment."""
        from starlette.concurrency import run_in_threadpool

        def locked(request: Request, fields: dict[str, str]) -> Response:
            try:
                with site.lock:
                    result: Response = build(request, fields)
                    return result
            except NotFound as e:
                return site.error_page(404, "Finns inte", str(e))
            except FinsamError as e:
                return site.error_page(400, "Kan inte visas", str(e))

        async def endpoint(request: Request) -> Response:
            try:
                fields = await form_fields(request) if request.method == "POST" else {}
            except FinsamError as e:
                return site.error_page(400, "Kan inte tas emot", str(e))
            result: Response = await run_in_threadpool(locked, request, fields)
            return result

        return endpoint

    def render(request: Request, template: str, fid: str, at: Any, **more: Any) -> Response:
        html = site.env.get_template(template).render(
            person=person_of(request),
            forbund=fid,
            forbund_name=at.forbund_info(fid).name,
            csrf=csrf_token(request),
            **more,
        )
        return HTMLResponse(html, status_code=more.get("status", 200))

    def listing(request: Request, fields: dict[str, str]) -> Response:
        fid = request.path_params["forbund"]
        person, at = context(request, fid)
        rows = []
        for m in at.governance.meetings(fid):
            if m.adjusted is None:
                found = awaiting(at.governance.minutes(fid, m.date), person.signer)
                if found is not None:
                    rows.append(found)
        return render(request, "signing/justering.html.j2", fid, at, rows=rows)

    def protokoll_page(
        request: Request, fid: str, day: date, message: str = "", status: int = 200
    ) -> Response:
        from markupsafe import Markup

        from projections.protokoll import render as protokoll_html

        person, at = context(request, fid)
        doc = at.governance.minutes(fid, day)
        mine = awaiting(doc, person.signer)
        options = ""
        keys = passkeys.passkeys_of(site.store, person.name)
        if mine is not None and not mine.signed and keys:
            # the challenge is the content hash: the assertion names what was approved
            options = request_options(request, bytes.fromhex(content_sha256(doc)), keys)
        return render(
            request,
            "signing/protokoll.html.j2",
            fid,
            at,
            doc=doc,
            mine=mine,
            options=options,
            has_keys=bool(keys),
            message=message,
            status=status,
            protokoll=Markup(protokoll_html(doc, "html")),
        )

    def read(request: Request, fields: dict[str, str]) -> Response:
        fid, day = request.path_params["forbund"], parse_day(request.path_params["date"])
        return protokoll_page(request, fid, day)

    def pdf(request: Request, fields: dict[str, str]) -> Response:
        from projections.protokoll import pdf as protokoll_pdf

        fid, day = request.path_params["forbund"], parse_day(request.path_params["date"])
        _person, at = context(request, fid)
        data = protokoll_pdf(at.governance.minutes(fid, day))
        name = f"protokoll-{day.isoformat()}.pdf"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(data, media_type="application/pdf", headers=headers)

    def sign(request: Request, fields: dict[str, str]) -> Response:
        fid, day = request.path_params["forbund"], parse_day(request.path_params["date"])
        person, at = context(request, fid)
        try:
            outcome = record(request, person, at, fid, day, fields.get("credential", ""))
        except NotFound:
            raise
        except FinsamError as e:  # refused: the one line above the button, nothing stored
            return protokoll_page(request, fid, day, str(e), 400)
        done = "; ".join(outcome.warnings)
        message = "Du har justerat protokollet." + (
            f" {done[:1].upper()}{done[1:]}." if done else ""
        )
        return protokoll_page(request, fid, day, message)

    def record(
        request: Request, person: Person, at: Any, fid: str, day: date, credential: str
    ) -> Any:
        """The passkey's answer verified against the content as it stands, then the
        CLI's command with the assertion added."""
        if not site.writable:
            raise Unverified("visningen är skrivskyddad: protokoll justeras i arbetsytan")
        sha = content_sha256(at.governance.minutes(fid, day))
        if client_challenge(credential) != b64url(bytes.fromhex(sha)):
            raise Unverified(
                "protokollet har ändrats sedan du öppnade det: läs det igen och justera då"
            )
        key = passkeys.passkey(site.store, credential_id(credential))
        if key is None or key.account != person.name:
            raise Unverified("passnyckeln är inte din: lägg till den under Passnycklar")
        assertion, count = verify_assertion(request, credential, bytes.fromhex(sha), key)
        head = at.audit.audit_head(fid)
        pinned = "" if head is None else f"position {head.position}, {head.hash}"
        command = c.SignMinutes(
            forbund=fid,
            date=day,
            signer=person.signer,
            sha256=sha,
            head=pinned,
            assertion=assertion,
        )
        outcome = execute(site.store, command, actor=person.name)
        passkeys.count_used(site.store, key.credential_id, count)
        return outcome

    base = "/forbund/{forbund}/justering"
    return [
        Route(base, answer(listing)),
        Route(base + "/{date}", answer(read)),
        Route(base + "/{date}/pdf", answer(pdf)),
        Route(base + "/{date}", answer(sign), methods=["POST"]),
    ]
