"""A page of ``web/pages.py`` answered at its route: the page function run on the
``View`` under the site's lock, its template rendered, and a bad parameter, a missing
thing or a refusal turned into the Swedish error page (never a trace).

In the workspace every page is also served scoped to a förbund, at
``/forbund/{id}/...`` (``scoped_routes``): only a person holding a role there gets it,
anyone else the same 404 as for a förbund that does not exist. The old unscoped URLs
send a signed-in person to their förbund's page (``/`` lists the förbund when they
hold roles in several); in the token mode they are the view as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from finsam_es.errors import FinsamError, NotFound
from web.clocks import BadParameter, View
from web.identity import person_of, require
from web.pages import PAGES, PageFunction

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

PREFIX = "/forbund/{forbund}"


def endpoint(
    site: Site, build: PageFunction, scoped: bool = False
) -> Callable[[Request], Response]:
    from starlette.responses import HTMLResponse

    def answer(request: Request) -> Response:
        # the page's own parameters: the query's, and the path's over them
        params = {**request.query_params, **{k: str(v) for k, v in request.path_params.items()}}
        path, scope = request.url.path, None
        try:
            if scoped:
                scope = str(request.path_params["forbund"])
                require(request, scope)
                path = path.removeprefix(f"/forbund/{scope}") or "/"
            elif site.writable:
                return unscoped(site, request)
            with site.lock:
                view = View(site.reader, request.query_params, path, site.today(), scope)
                template, context = build(view, params)
                html = site.env.get_template(template).render(view=view, **context)
        except BadParameter as e:
            return site.error_page(400, f"Fel i parametern {e.name}", str(e), e.name)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        except FinsamError as e:
            return site.error_page(400, "Kan inte visas", str(e))
        return HTMLResponse(html)

    return answer


def unscoped(site: Site, request: Request) -> Response:
    """An unscoped page in the workspace: to the same page of the förbund the query
    names or the person's only förbund; ``/`` with several lists them."""
    from starlette.responses import HTMLResponse, RedirectResponse

    person = person_of(request)
    if person is None:
        raise NotFound("sidan finns inte")
    mine = person.forbunds()
    wanted = request.query_params.get("forbund") or (mine[0] if len(mine) == 1 else "")
    if wanted:
        require(request, wanted)
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "forbund"])
        target = f"/forbund/{quote(wanted, safe='')}{request.url.path}"
        return RedirectResponse(target + (f"?{query}" if query else ""), status_code=303)
    if request.url.path != "/":
        raise NotFound(f"välj förbund först: {request.url.path[:80]}")
    with site.lock:
        at = site.reader.at(site.today(), None)
        rows = [(f, at.forbund_info(f).name, ", ".join(sorted(person.roles_in(f)))) for f in mine]
    html = site.env.get_template("home.html.j2").render(forbunds=rows, signed_in=person.name)
    return HTMLResponse(html)


def scoped_routes(site: Site) -> list[BaseRoute]:
    """Every page at ``/forbund/{id}/...`` (the overview at ``/forbund/{id}/``)."""
    from starlette.routing import Route

    return [
        Route(PREFIX + path, endpoint(site, build, scoped=True)) for path, build in PAGES.items()
    ]
