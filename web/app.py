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
from projections.accounts import passwords_set
from projections.queries import Reader
from store.application import FinsamApp
from web import oidc as sign_in_oidc
from web import signin, workspace
from web.anslagstavla import ATOM_TYPE, atom, board
from web.clocks import BadParameter
from web.gate import Gate
from web.hosts import LOOPBACK_NAMES, host_name
from web.page_view import endpoint
from web.pages import PAGES
from web.sessions import COOKIE, Sessions
from web.site import Site

if TYPE_CHECKING:
    import jinja2
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from web.oidc import Settings as OidcSettings

HERE = Path(__file__).resolve().parent
PUBLIC = ("/anslagstavla", "/anslagstavla.atom", "/static/finsam.css")  # without the token
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; "
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
    oidc: OidcSettings | None = None,
) -> Starlette:
    """The web view of a store, answering requests for the ``hosts`` names only; with a
    token every request but the public anslagstavla must carry it (or a session its
    sign-in opened). ``writable`` leaves the store able to record, for the workspace's
    forms (web/workspace.py); the view alone never records."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
    from starlette.responses import HTMLResponse, JSONResponse, Response
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

    def passwords(name: str) -> int:
        with lock:  # a session begins outside the lock (web/signin.py, passkeys, oidc)
            return passwords_set(store, name)

    signed_in.passwords = passwords
    site = Site(store, reader, env, lock, today, error_page, writable)
    gate = Gate(site, signed_in)

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

    def authorised(request: Request) -> bool:
        if token is None:
            return True
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer "):
            return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())
        return signed_in.valid(signed_in.sid_of(request.cookies.get(COOKIE, "")))

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
        elif writable:  # the workspace: people sign in (web/gate.py)
            response = await gate(request, call_next)
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

    routes: list[BaseRoute] = [Route(path, endpoint(site, build)) for path, build in PAGES.items()]
    routes += workspace.routes(site)
    routes += signin.routes(site, signed_in, token, oidc is not None)
    routes += sign_in_oidc.routes(site, signed_in, oidc)
    routes += [
        Route("/health", health),
        Route("/static/finsam.css", stylesheet),
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
