"""The web view as an ASGI application (Starlette): the pages of ``pages.py`` at their
routes, ``/health``, the stylesheet, and what every response shares: the token check,
the security headers (a Content-Security-Policy that admits nothing but this server's
stylesheet), and error pages that name what is wrong and never show a stack trace.

The store is opened read-only: ``FinsamApp.save`` and the recorder's insert refuse, so
no request can append an event (the money view still catches its own tables up).
Requests are answered one at a time: the store's connection is not shared across
threads, and a page takes milliseconds.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finsam_es.errors import FinsamError, NotFound, Refused
from finsam_es.values import format_kr
from projections.queries import Reader
from store.application import FinsamApp
from web import workspace
from web.anslagstavla import ATOM_TYPE, atom, board
from web.clocks import BadParameter
from web.hosts import LOOPBACK_NAMES, host_name, is_loopback
from web.page_view import endpoint
from web.pages import PAGES
from web.sessions import Sessions
from web.site import Site

if TYPE_CHECKING:
    import jinja2
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

HERE = Path(__file__).resolve().parent
COOKIE = "finsam_session"
PUBLIC = ("/anslagstavla", "/anslagstavla.atom", "/static/finsam.css")  # without the token
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class ReadOnly(Refused):
    pass


def read_only(app: FinsamApp) -> FinsamApp:
    """The store with every way of appending an event refusing."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise ReadOnly("the web view is read-only: it records nothing")

    setattr(app, "save", refuse)  # noqa: B010 - an instance attribute over the method
    setattr(app.recorder, "insert_events", refuse)  # noqa: B010
    return app


def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["kr"] = lambda ore: "" if ore is None else format_kr(ore)
    return env


def create_app(
    store: FinsamApp,
    token: str | None = None,
    today: Callable[[], date] = date.today,
    hosts: Iterable[str] = LOOPBACK_NAMES,
    sessions: Sessions | None = None,
    writable: bool = False,
) -> Starlette:
    """The web view of a store, answering requests for the ``hosts`` names only; with a
    token every request but the public anslagstavla must carry it (or a session its
    sign-in opened). ``writable`` leaves the store able to record, for the workspace's
    forms (web/workspace.py); the view alone never records."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
    from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
    from starlette.routing import BaseRoute, Route

    reader = Reader(store if writable else read_only(store), today)
    allowed = frozenset(host_name(h) for h in hosts)
    signed_in = sessions or Sessions()
    env = environment()
    lock = threading.Lock()
    css = (HERE / "static" / "finsam.css").read_text(encoding="utf-8")

    def error_page(status: int, title: str, message: str, name: str = "") -> HTMLResponse:
        html = env.get_template("error.html.j2").render(
            status=status, title=title, message=message, parameter=name, token_form=status == 401
        )
        return HTMLResponse(html, status_code=status)

    def public(request: Request, feed: bool) -> Response:
        """The anslagstavla, as a page or as its Atom feed."""
        try:
            with lock:
                b = board(reader, request.query_params, today())
        except BadParameter as e:
            return error_page(400, f"Fel i parametern {e.name}", str(e), e.name)
        except FinsamError as e:
            return error_page(404 if isinstance(e, NotFound) else 400, "Kan inte visas", str(e))
        if feed:
            base = f"{request.url.scheme}://{request.url.netloc}"
            return Response(atom(b, base), media_type=ATOM_TYPE)
        return HTMLResponse(env.get_template("anslagstavla.html.j2").render(board=b))

    def health(request: Request) -> Response:
        with lock:
            position = store.event_count()
            recorded = store.recorded_at(position) if position else None
        return JSONResponse(
            {
                "status": "ok",
                "position": position,
                "recorded": recorded.isoformat() if recorded else None,
            }
        )

    def stylesheet(request: Request) -> Response:
        return Response(css, media_type="text/css")

    async def login(request: Request) -> Response:
        """The token typed into the 401 page's form opens a session: the cookie holds
        its random id, never the token (web/sessions.py)."""
        from urllib.parse import parse_qs

        body = (await request.body())[:4096].decode("utf-8", "replace")  # a form, urlencoded
        given = parse_qs(body).get("token", [""])[0]
        if token is None or not hmac.compare_digest(given.encode(), token.encode()):
            return error_page(401, "Fel nyckel", "Nyckeln stämmer inte.")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            COOKIE,
            signed_in.start(),
            max_age=int(signed_in.lifetime),
            httponly=True,
            samesite="strict",
            # a cookie sent in clear off this machine could be read on the way
            secure=not is_loopback(host_name(request.headers.get("host", ""))),
        )
        return response

    async def logout(request: Request) -> Response:
        signed_in.end(request.cookies.get(COOKIE, ""))
        response = RedirectResponse("/anslagstavla", status_code=303)
        response.delete_cookie(COOKIE, httponly=True, samesite="strict")
        return response

    def authorised(request: Request) -> bool:
        if token is None:
            return True
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer "):
            return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())
        return signed_in.valid(request.cookies.get(COOKIE, ""))

    async def guard(request: Request, call_next: RequestResponseEndpoint) -> Response:
        name = host_name(request.headers.get("host", ""))
        response: Response
        if name not in allowed:
            # another name pointed at this address (DNS rebinding): not this server's
            shown = name[:60].encode("ascii", "backslashreplace").decode("ascii")
            response = error_page(
                421,
                "Okänt värdnamn",
                f"Servern svarar inte på namnet '{shown}' (finsam serve --allowed-host).",
            )
        elif (
            authorised(request)
            or request.url.path in PUBLIC
            or (request.url.path == "/login" and request.method == "POST")
        ):
            response = await call_next(request)
        else:
            response = error_page(
                401, "Nyckel krävs", "Visningen kräver en nyckel (--token / FINSAM_WEB_TOKEN)."
            )
            response.headers["WWW-Authenticate"] = "Bearer"
        response.headers.update(HEADERS)
        return response

    async def crashed(request: Request, exc: Exception) -> Response:
        response = error_page(500, "Internt fel", "Sidan kunde inte visas.")
        response.headers.update(HEADERS)
        return response

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_page(404, "Finns inte", f"Ingen sida på {request.url.path}.")

    site = Site(store, reader, env, lock, today, error_page, writable)
    routes: list[BaseRoute] = [Route(path, endpoint(site, build)) for path, build in PAGES.items()]
    routes += workspace.routes(site)
    routes += [
        Route("/health", health),
        Route("/static/finsam.css", stylesheet),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/anslagstavla", lambda request: public(request, feed=False)),
        Route("/anslagstavla.atom", lambda request: public(request, feed=True)),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        404: not_found,
        Exception: crashed,
    }
    return Starlette(
        routes=routes,
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=guard)],
        exception_handlers=handlers,
    )
