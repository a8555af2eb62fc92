"""The secretary's meeting cycle by hand (issue 22, item 4): the start page, the kallelse
with its ärenden and their handlingar uploaded, a meeting's page (the ärenden, each
decided as proposed or after a vote, and closing), and the protokoll as PDF.

The kallelse's handlingar go into the diarium in the same unit of work as the call that
names them by diarienummer: both are stored or neither. Everything is recorded through
the command bus as the signed-in person (web/form_post.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from commands import structs as c
from finsam_es.agenda import AgendaItem
from finsam_es.documents import Document
from finsam_es.errors import FinsamError, NotFound
from web.form_fields import MAX_ROWS, Field, Posted, build, read
from web.form_post import (
    Recorded,
    Run,
    meeting_day,
    read_only,
    received,
    record,
    render,
)
from web.forms import ACTS, shown
from web.identity import READ, RECORD, Person, require

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

ITEM_ROWS = 5  # empty ärenden a new kallelse offers


def kallelse_fields() -> tuple[Field, ...]:
    """The call's own fields as the generated form has them, its ärenden apart."""
    return tuple(f for f in ACTS["call-meeting"][1] if f.key != "items")


def item_fields() -> tuple[Field, ...]:
    [items] = [f for f in ACTS["call-meeting"][1] if f.key == "items"]
    return tuple(f for f in items.children if f.key != "account")


def typed_rows(form: Posted) -> list[int]:
    """The ärenden rows the secretary filled in, by their index in the form."""
    found = []
    for n in range(MAX_ROWS):
        texts = [form.get(f"items.{n}.{f.key}") or () for f in item_fields()]
        if not any(isinstance(v, str) and v.strip() for values in texts for v in values):
            if not any(f"items.{n}.{f.key}" in form for f in item_fields()):
                break
            continue
        found.append(n)
    return found


def handling(form: Posted, row: int) -> Document | None:
    for value in form.get(f"items.{row}.handling") or ():
        if isinstance(value, tuple) and value[0] and value[1]:
            return Document(value[0], value[1])
    return None


def call_acts(form: Posted, forbund: str) -> tuple[dict[str, str], Any]:
    """The errors of a kallelse's form, or the acts recording it: each uploaded handling
    registered (sent, concerning the meeting), then the call naming their numbers."""
    parsed = read(ACTS["call-meeting"][1], form)
    if parsed.errors:
        return parsed.errors, None
    rows = typed_rows(form)
    call: c.CallMeeting = build(c.CallMeeting, parsed.data, forbund)

    def acts(run: Run) -> None:
        items = []
        for row, item in zip(rows, call.items, strict=True):
            document = handling(form, row)
            if document is not None and not item.diarienummer:
                register = c.RegisterDocument(
                    forbund=forbund,
                    on=call.sent,
                    direction="out",
                    party="Styrelsen",
                    subject=f"Handling till ärende: {item.title}",
                    concerns=f"meeting:{call.date.isoformat()}",
                    documents=(document,),
                )
                [number] = run(register)
                item = AgendaItem(title=item.title, proposal=item.proposal, diarienummer=number)
            items.append(item)
        run(c.CallMeeting(**{**_fields(call), "items": tuple(items)}))

    return {}, acts


def _fields(command: Any) -> dict[str, Any]:
    return {name: getattr(command, name) for name in command.__struct_fields__}


class MeetingState:
    """What the meeting page shows: the call, the minutes if opened, each ärende's §."""

    def __init__(self, site: Site, forbund: str, day: date):
        at = site.reader.at(as_of=max(day, site.today()))
        self.call = at.agenda.show(forbund, day)
        try:
            self.minutes: Any = at.governance.minutes(forbund, day)
        except NotFound:
            self.minutes = None
        numbers = at.agenda.taken(forbund, day) if self.minutes else ()
        paragraphs = {p.number: p for p in self.minutes.paragraphs} if self.minutes else {}
        self.items = [
            (item, paragraphs.get(numbers[n]) if n < len(numbers) else None)
            for n, item in enumerate(self.call.items)
        ]


def routes(site: Site) -> list[BaseRoute]:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import RedirectResponse, Response
    from starlette.routing import Route

    def who(request: Request, allowed: frozenset[str] = RECORD) -> tuple[Person, str]:
        forbund = str(request.path_params["forbund"])
        person = require(request, forbund, allowed)
        with site.lock:
            site.reader.at().forbund_info(forbund)  # NotFound for a förbund not held
        return person, forbund

    def meeting_url(forbund: str, day: date) -> str:
        return f"/forbund/{forbund}/sammantraden/{day.isoformat()}"

    def start(request: Request) -> Response:
        try:
            _, forbund = who(request)
            with site.lock:
                at = site.reader.at()
                year = site.today().year
                called = at.agenda.called(forbund, year) + at.agenda.called(forbund, year + 1)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        return render(site, request, "secretary.html.j2", forbund, meetings=called)

    async def kallelse(request: Request) -> Response:
        try:
            person, forbund = who(request)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        typed: Mapping[str, str] = dict(request.query_params) if request.method == "GET" else {}
        errors: dict[str, str] = {}
        if request.method == "POST":
            form = await received(site, request)
            if not isinstance(form, Mapping):  # the page that says why none
                return form
            typed = shown(form)
            try:
                errors, acts = call_acts(form, forbund)
            except FinsamError as e:
                errors = {"": str(e)}
            if not errors:
                done: Recorded = await run_in_threadpool(record, site, person, acts)
                if not done.error:
                    day = typed.get("date", "")
                    return RedirectResponse(f"/forbund/{forbund}/sammantraden/{day}", 303)
                errors = {done.error_field: done.error}
        rows = [
            n
            for n in range(MAX_ROWS)
            if any(typed.get(f"items.{n}.{f.key}") for f in item_fields())
        ]
        shown_rows = range((max(rows) + 2) if rows else ITEM_ROWS)
        return render(
            site,
            request,
            "kallelse.html.j2",
            forbund,
            400 if errors else 200,
            fields=kallelse_fields(),
            item_fields=item_fields(),
            item_rows=shown_rows,
            typed=typed,
            errors=errors,
        )

    def meeting_page(request: Request, error: str = "", status: int = 200) -> Response:
        try:
            _, forbund = who(request)
            day = meeting_day(str(request.path_params["date"]))
            with site.lock:
                state = MeetingState(site, forbund, day)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        return render(
            site, request, "meeting_work.html.j2", forbund, status, s=state, day=day, error=error
        )

    async def act(request: Request) -> Response:
        """Decide an ärende as proposed, or close the meeting: a button on its page."""
        try:
            person, forbund = who(request)
            day = meeting_day(str(request.path_params["date"]))
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        if not site.writable:
            return read_only(site)
        item = request.path_params.get("item")
        command: c.Command
        if item is None:
            command = c.CloseMeeting(forbund=forbund, date=day)
        elif str(item).isascii() and str(item).isdigit() and int(item) <= MAX_ROWS:
            command = c.DecideAsProposed(forbund=forbund, date=day, item=int(item))
        else:
            return site.error_page(404, "Finns inte", "Inget sådant ärende.")
        done = await run_in_threadpool(record, site, person, command)
        if done.error:
            return meeting_page(request, done.error, 400)
        return RedirectResponse(meeting_url(forbund, day), 303)

    def protokoll_pdf(request: Request) -> Response:
        from projections import protokoll

        try:
            _, forbund = who(request, READ)
            day = meeting_day(str(request.path_params["date"]))
            with site.lock:
                doc = site.reader.at(as_of=max(day, site.today())).governance.minutes(forbund, day)
            content = protokoll.pdf(doc)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        except FinsamError as e:
            return site.error_page(400, "Kan inte visas", str(e))
        name = f"protokoll-{forbund}-{day.isoformat()}.pdf"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(content, media_type="application/pdf", headers=headers)

    base = "/forbund/{forbund}/sammantraden/{date}"
    return [
        Route("/forbund/{forbund}/sekreterare", start),
        Route("/forbund/{forbund}/kallelse", kallelse, methods=["GET", "POST"]),
        Route(base, meeting_page),
        Route(base + "/beslut/{item}", act, methods=["POST"]),
        Route(base + "/stang", act, methods=["POST"]),
        Route(base + "/protokoll.pdf", protokoll_pdf),
    ]
