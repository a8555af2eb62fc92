"""What every form of the workspace shares: reading a post (urlencoded or multipart,
size-limited), the CSRF field, recording through the command bus as the signed-in
person under the site's lock, and one page to render a form with its errors.

Recording goes through ``commands.bus`` only: one command with ``execute``; a hand
layout that records several acts at once (a handling uploaded with the kallelse that
names it) runs them with ``bus.execute_together``, so all are stored or none.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import msgspec

from commands import bus
from commands import structs as c
from finsam_es.documents import MAX_SIZE
from finsam_es.errors import FinsamError, NotFound
from web.form_errors import swedish
from web.form_fields import Posted

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from web.identity import Person
    from web.site import Site

MAX_POST = MAX_SIZE + 1024 * 1024  # one document at finsam's largest, and the form around it
MAX_MB = MAX_SIZE // 1024 // 1024


class TooLarge(Exception):
    """A post larger than a form takes: refused before it is read."""


def csrf_token(request: Request) -> str:
    """The CSRF token every POST form carries (field ``csrf``), from the sign-in part's
    ``web.csrf`` (issue 22); until that module is there, none."""
    try:
        module: Any = importlib.import_module("web.csrf")
    except ImportError:
        return ""
    token: str = module.token_for(request)
    return token


async def posted(request: Request) -> Posted:
    """The form's values by name: text, or (file name, bytes) for a file; a post over
    ``MAX_POST`` is refused by its length, before it is read."""
    length = request.headers.get("content-length", "")
    if length.isascii() and length.isdigit() and int(length) > MAX_POST:
        raise TooLarge
    from starlette.datastructures import UploadFile

    values: dict[str, list[Any]] = {}
    async with request.form(max_files=20, max_fields=2000, max_part_size=MAX_POST) as form:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                content = await value.read(MAX_SIZE + 1)
                if len(content) > MAX_SIZE:
                    raise TooLarge
                values.setdefault(name, []).append((value.filename or "", content))
            else:
                values.setdefault(name, []).append(value)
    return values


def read_only(site: Site) -> Response:
    """The answer to a post to the read-only view: it records nothing."""
    return site.error_page(403, "Skrivskyddad", "Visningen registrerar inget.")


async def received(site: Site, request: Request) -> Posted | Response:
    """A form posted to a page that records: its values by name (``posted``), or the
    page that says why there are none (the read-only view, a post over the limit)."""
    if not site.writable:
        return read_only(site)
    try:
        return await posted(request)
    except TooLarge:
        return too_large(site)


def too_large(site: Site) -> Response:
    return site.error_page(
        413,
        "För stor fil",
        f"En handling får vara högst {MAX_MB} MB. Dela upp den eller skicka en mindre fil.",
    )


@dataclass
class Recorded:
    """What the acts did (like "2024/3", "§14 (2024)") and what the board should hear;
    or the one-line refusal and the field it names (``""``: the form as a whole)."""

    made: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    error_field: str = ""


Run = bus.Run  # one act of several recorded together: what it made


def record(site: Site, person: Person, acts: c.Command | Callable[[Run], object]) -> Recorded:
    """Record one command through the bus, or several together (all or none), with the
    person as the actor; a refusal stores nothing and comes back as one line."""
    try:
        with site.lock:
            if isinstance(acts, c.Command):
                outcome = bus.execute(site.store, acts, actor=person.name)
            else:
                outcome = bus.execute_together(site.store, acts, actor=person.name)
            return Recorded(list(outcome.made), list(outcome.warnings))
    except FinsamError as e:
        return Recorded(error=swedish(one_line(str(e))))
    except msgspec.ValidationError as e:
        from web.form_fields import where

        name, words = where(e)
        return Recorded(error=words, error_field=name)


async def recorded_then_back(
    site: Site, person: Person, acts: Callable[[Run], object], forbund: str, day: date
) -> tuple[Response | None, dict[str, str]]:
    """Record a meeting page's acts together: back to the meeting's page when they were
    recorded, else the refusal by the field it names (the page shows it there)."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import RedirectResponse

    try:
        done: Recorded = await run_in_threadpool(record, site, person, acts)
    except FinsamError as e:
        done = Recorded(error=str(e))
    if not done.error:
        return RedirectResponse(f"/forbund/{forbund}/sammantraden/{day.isoformat()}", 303), {}
    return None, {done.error_field: done.error}


def one_line(text: str) -> str:
    return " ".join(text.split())[:400]


def forbund_name(site: Site, forbund: str) -> str:
    """The förbund's name (NotFound for one the store does not hold)."""
    with site.lock:
        return site.reader.at().forbund_info(forbund).name


def render(
    site: Site, request: Request, template: str, forbund: str, status: int = 200, **context: Any
) -> Response:
    """A workspace page of the förbund, with the CSRF token its forms carry."""
    from starlette.responses import HTMLResponse

    html = site.env.get_template(template).render(
        forbund=forbund,
        forbund_name=forbund_name(site, forbund),
        csrf=csrf_token(request),
        **context,
    )
    return HTMLResponse(html, status_code=status)


def meeting_day(text: str) -> date:
    """A meeting's date from a path (NotFound unless it is ÅÅÅÅ-MM-DD)."""
    from web.form_fields import DATE

    if DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise NotFound(f"inget sammanträde {text[:20]}")
