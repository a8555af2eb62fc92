"""The people part of the workspace (issue 22): the pages scoped to a förbund
(web/page_view.py) and the admin's page of the förbund's accounts, where roles are
given and taken (``/forbund/{id}/konton``).

The admin's form drives the same commands as `finsam user grant|revoke`, through the
command bus with the signed-in admin as actor; a refusal is shown in Swedish beside the
form, with what was typed kept, and stores nothing.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from commands import structs as c
from commands.bus import execute
from finsam_es.accounts import ROLES
from finsam_es.errors import FinsamError, NotFound
from projections.accounts import accounts
from web import csrf, page_view
from web.identity import ACCOUNTS, require

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

# The accounts as they stand now: their events take effect when recorded, so every one
# recorded counts (the site's ``today`` may be a day the tests chose for the books).
NOW = date.max
ACTIONS = {"grant": "Ge rollen", "revoke": "Ta bort rollen"}


def refusal(action: str, name: str, role: str, roles: dict[str, Any] | None, forbund: str) -> str:
    """Why the act cannot be done, in Swedish, from the accounts as they stand ("" if
    it can; the domain still decides, and its last-admin rule is named here too)."""
    if role not in ROLES:
        return "Välj en av rollerna i listan."
    if roles is None:
        return f"Det finns inget öppet konto med namnet {name[:64]}."
    held = role in roles.get(forbund, ())
    if action == "grant" and held:
        return f"{name} har redan rollen {role} här."
    if action == "revoke" and not held:
        return f"{name} har inte rollen {role} här."
    return ""


def routes(site: Site) -> list[BaseRoute]:
    from starlette.responses import HTMLResponse, RedirectResponse
    from starlette.routing import Route

    def page(request: Request, forbund: str, message: str = "", typed: Any = None) -> Response:
        with site.lock:
            rows = accounts(site.store, NOW, forbund=forbund)
            name = site.reader.at(site.today(), None).forbund_info(forbund).name
        html = site.env.get_template("konton.html.j2").render(
            forbund=forbund,
            forbund_name=name,
            rows=[(r.name, ", ".join(r.roles[forbund])) for r in rows],
            roles=ROLES,
            actions=ACTIONS,
            csrf=csrf.token_for(request),
            message=message,
            typed=typed or {},
            signed_in=require(request, forbund).name,
        )
        return HTMLResponse(html, status_code=400 if message else 200)

    def show(request: Request) -> Response:
        forbund = str(request.path_params["forbund"])
        try:
            require(request, forbund, ACCOUNTS)
            return page(request, forbund)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))

    async def change(request: Request) -> Response:
        forbund = str(request.path_params["forbund"])
        async with request.form() as posted:
            typed = {k: v for k, v in posted.items() if isinstance(v, str)}
        try:
            admin = require(request, forbund, ACCOUNTS)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        action = typed.get("action", "")
        name = typed.get("name", "").strip().lower()[:64]
        role: Any = typed.get("role", "")
        with site.lock:
            now = {r.name: r.roles for r in accounts(site.store, NOW)}
            why = refusal(action, name, role, now.get(name), forbund)
            if not why and action in ACTIONS:
                kind = c.GrantRole if action == "grant" else c.RevokeRole
                try:
                    execute(site.store, kind(forbund=forbund, name=name, role=role), admin.name)
                except FinsamError as e:
                    last = "last admin" in str(e)
                    why = (
                        "Det är förbundets sista administratör: ge någon annan rollen admin först."
                        if last
                        else "Ändringen kunde inte registreras."
                    )
        if why or action not in ACTIONS:
            return page(request, forbund, why or "Välj vad som ska göras.", typed)
        return RedirectResponse(f"/forbund/{forbund}/konton", status_code=303)

    return [
        *page_view.scoped_routes(site),
        Route("/forbund/{forbund}/konton", show, methods=["GET"]),
        Route("/forbund/{forbund}/konton", change, methods=["POST"]),
    ]
