"""The forms generated from the command structs: ``/forbund/{id}/act`` lists the acts a
secretary can record, ``/forbund/{id}/act/{name}`` shows one act's form and records it.

Only those who record (sekreterare, förbundschef) reach a form; anyone else gets the
404 of a förbund that does not exist (web/identity.py). The förbund comes from the path,
never from the form. A refused act shows its one-line error beside the field it names,
keeps what was typed and stores nothing (web/form_post.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from commands import structs as c
from commands.bus import HANDLERS
from finsam_es.errors import NotFound
from web.form_fields import Field, Parsed, Posted, Unsupported, build, command_fields, read
from web.form_labels import HELP, TITLES, label
from web.form_post import (
    Recorded,
    forbund_name,
    received,
    record,
    render,
)
from web.identity import RECORD, require

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

# Acts not offered as generated forms: the förbund itself is created by its first
# administrator (`finsam forbund create`), and a signature is the justerare's passkey's.
NOT_FORMS = {"CreateForbund", "SignMinutes"}


def slug(name: str) -> str:
    """A command's name in a path: RegisterDocument -> register-document."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _acts() -> dict[str, tuple[type[c.Command], tuple[Field, ...]]]:
    found = {}
    for command in HANDLERS:
        if command.__name__ in NOT_FORMS or command.__name__ not in TITLES:
            continue
        try:
            found[slug(command.__name__)] = (command, command_fields(command))
        except Unsupported:
            continue  # a field it needs has no input: the journal and the CLI take it
    return found


ACTS = _acts()


def act_title(command: type[c.Command]) -> str:
    return TITLES[command.__name__]


def shown(posted_form: Posted) -> dict[str, str]:
    """What was typed, by field name, to fill the form again (files are not kept)."""
    return {
        name: "\n".join(v for v in values if isinstance(v, str))
        for name, values in posted_form.items()
    }


def render_form(
    site: Site,
    request: Request,
    forbund: str,
    name: str,
    typed: Mapping[str, str],
    errors: Mapping[str, str],
    status: int = 200,
) -> Response:
    command, fields = ACTS[name]
    return render(
        site,
        request,
        "act.html.j2",
        forbund,
        status,
        title=act_title(command),
        help=HELP.get(command.__name__, ""),
        fields=fields,
        typed=typed,
        errors=errors,
        top_error=errors.get("", ""),
        action=f"/forbund/{forbund}/act/{name}",
        multipart=any(f.kind == "files" for f in fields),
        rows=rows_shown,
    )


def rows_shown(f: Field, name: str, typed: Mapping[str, str]) -> range:
    """The rows of a group of rows to show: those typed and a few empty ones."""
    filled = 0
    for n in range(200):
        if any(typed.get(f"{name}.{n}.{child.key}") for child in f.children):
            filled = n + 1
    return range(filled + (3 if filled == 0 else 1))


def placed(
    error: Recorded, fields: tuple[Field, ...], command: str, typed: Mapping[str, str]
) -> dict[str, str]:
    """A refusal beside the field it names: msgspec's path, or a field whose label or
    typed value the message mentions; else above the form."""
    if error.error_field:
        return {error.error_field: error.error}
    text = error.error.lower()
    for f in fields:
        value = typed.get(f.key, "").strip().lower()
        if f.kind != "group" and (
            label(command, f.key).lower() in text or (len(value) >= 3 and value in text)
        ):
            return {f.key: error.error}
    return {"": error.error}


def routes(site: Site) -> list[BaseRoute]:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import RedirectResponse, Response
    from starlette.routing import Route

    def listing(request: Request) -> Response:
        forbund = str(request.path_params["forbund"])
        try:
            require(request, forbund, RECORD)
            forbund_name(site, forbund)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        acts = sorted(
            (act_title(cmd), f"/forbund/{forbund}/act/{n}") for n, (cmd, _) in ACTS.items()
        )
        done = request.query_params.get("klart", "")[:200]
        return render(site, request, "acts.html.j2", forbund, acts=acts, done=done)

    async def act(request: Request) -> Response:
        forbund = str(request.path_params["forbund"])
        name = str(request.path_params["name"])
        try:
            person = require(request, forbund, RECORD)
            if name not in ACTS:
                raise NotFound(f"ingen blankett {name[:60]}")
            forbund_name(site, forbund)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        if request.method == "GET":
            return render_form(site, request, forbund, name, dict(request.query_params), {})
        form = await received(site, request)
        if not isinstance(form, Mapping):  # the page that says why none
            return form
        command, fields = ACTS[name]
        parsed: Parsed = read(fields, form)
        typed = shown(form)
        if not parsed.errors:
            try:
                cmd: Any = build(command, parsed.data, forbund)
            except msgspec.ValidationError as e:
                from web.form_fields import where

                field_name, words = where(e)
                parsed.errors[field_name] = words
            else:
                done = await run_in_threadpool(record, site, person, cmd)
                if not done.error:
                    made = ", ".join(done.made + done.warnings)
                    note = f"{act_title(command)}{': ' + made if made else ''}"
                    from urllib.parse import quote

                    url = f"/forbund/{forbund}/act?klart={quote(note)}"
                    return RedirectResponse(url, status_code=303)
                parsed.errors.update(placed(done, fields, command.__name__, typed))
        return render_form(site, request, forbund, name, typed, parsed.errors, 400)

    css = (Path(__file__).resolve().parent / "static" / "forms.css").read_text(encoding="utf-8")

    def stylesheet(request: Request) -> Response:
        return Response(css, media_type="text/css")

    return [
        Route("/static/forms.css", stylesheet),
        Route("/forbund/{forbund}/act", listing),
        Route("/forbund/{forbund}/act/{name}", act, methods=["GET", "POST"]),
    ]
