"""A page of ``web/pages.py`` answered at its route: the page function run on the
``View`` under the site's lock, its template rendered, and a bad parameter, a missing
thing or a refusal turned into the Swedish error page (never a trace)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from finsam_es.errors import FinsamError, NotFound
from web.clocks import BadParameter, View
from web.pages import PageFunction

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from web.site import Site


def endpoint(site: Site, build: PageFunction) -> Callable[[Request], Response]:
    from starlette.responses import HTMLResponse

    def answer(request: Request) -> Response:
        # the page's own parameters: the query's, and the path's over them
        params = {**request.query_params, **{k: str(v) for k, v in request.path_params.items()}}
        try:
            with site.lock:
                view = View(site.reader, request.query_params, request.url.path, site.today())
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
