"""The web view against hostile input: every route with every parameter it reads given
other scripts' digits, overlong, control and markup text; a Host that is not this
server's (DNS rebinding); and the sign-in cookie, which holds a session id, never the
token. None of it may answer 500 or show a trace; a bad parameter is a 400 naming it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from urllib.parse import quote

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from store.application import FinsamApp
from tests.conftest import EXAMPLES, ON_POSTGRES, Finsam, postgres_database
from tests.test_web import BASE, TODAY
from tests.test_web_signing import SIGNING_ROUTES
from web.app import COOKIE, CSP, PUBLIC, create_app
from web.hosts import allowed_hosts, host_name
from web.pages import PAGES
from web.sessions import Sessions

# every GET route, with a valid value for each path segment
ROUTES = {
    "/": "/",
    "/meetings": "/meetings",
    "/meetings/{date}": "/meetings/2023-11-23",
    "/paragraphs/{year}/{number}": "/paragraphs/2023/71",
    "/budget/{year}": "/budget/2024",
    "/insatser": "/insatser",
    "/insatser/{id}": "/insatser/sfi",
    "/log": "/log",
    "/board": "/board",
    "/explain": "/explain?figure=equity",
    "/anslagstavla": "/anslagstavla",
    "/anslagstavla.atom": "/anslagstavla.atom",
    "/health": "/health",
    "/static/finsam.css": "/static/finsam.css",
    # the workspace's forms (issue 22): 404 here, where nobody is signed in
    "/static/forms.css": "/static/forms.css",
    "/forbund/{forbund}/act": "/forbund/solleftea/act",
    "/forbund/{forbund}/act/{name}": "/forbund/solleftea/act/register-document",
    "/forbund/{forbund}/sekreterare": "/forbund/solleftea/sekreterare",
    "/forbund/{forbund}/kallelse": "/forbund/solleftea/kallelse",
    "/forbund/{forbund}/sammantraden/{date}": "/forbund/solleftea/sammantraden/2025-03-20",
    "/forbund/{forbund}/sammantraden/{date}/narvaro": "/forbund/solleftea/sammantraden/2025-03-20/narvaro",
    "/forbund/{forbund}/sammantraden/{date}/omrostning/{item}": "/forbund/solleftea/sammantraden/2025-03-20/omrostning/1",
    "/forbund/{forbund}/sammantraden/{date}/protokoll.pdf": "/forbund/solleftea/sammantraden/2025-03-20/protokoll.pdf",
    # the sign-in, and every page scoped to a förbund
    "/login": "/login",
    "/logout": "/logout",
    "/login/oidc": "/login/oidc",
    "/login/oidc/callback": "/login/oidc/callback?code=x&state=y",
    "/forbund/{forbund}/konton": "/forbund/solleftea/konton",
    "/forbund/{forbund}/rapporter/{year}/{report}.pdf": "/forbund/solleftea/rapporter/2024/arsredovisning.pdf",
}
ROUTES |= {f"/forbund/{{forbund}}{path}": f"/forbund/solleftea{ROUTES[path]}" for path in PAGES}
ROUTES.update(SIGNING_ROUTES)  # the justerare's, the auditor's and the passkeys' pages
# what any page reads from the query (the clocks, the förbund, the log's filters)
QUERY = ("as_of", "known_at", "forbund", "limit", "since", "until", "figure", "paragraph",
         "insats", "type")  # fmt: skip
HOSTILE = (
    "١",  # ARABIC-INDIC DIGIT ONE: str.isdigit() and int() take it
    "²",  # SUPERSCRIPT TWO: isdigit() but not int()
    "９",  # FULLWIDTH DIGIT NINE
    "2024-01-0١",
    "position:١",
    "position:0",
    "position:" + "9" * 40,
    "9" * 500,
    "-1",
    "1e3",
    "20240101",
    "2024-W01-1",
    "\x00",
    "\u202e",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%ff",
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    # on the backend of the run: a position beyond 64 bits reached SQLite as an
    # OverflowError and PostgreSQL as "bigint out of range" before it was bounded
    with ExitStack() as stack:
        tmp = tmp_path_factory.mktemp("hostile")
        db = stack.enter_context(postgres_database()) if ON_POSTGRES else str(tmp / "s.db")
        finsam = Finsam(db)
        finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
        app = create_app(FinsamApp(finsam.db), today=lambda: TODAY)
        with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
            yield c


def test_the_hostile_tests_cover_every_route(client: TestClient) -> None:
    app = client.app
    assert isinstance(app, Starlette)
    served = {r.path for r in app.routes if isinstance(r, Route) and "GET" in (r.methods or ())}
    assert served == set(ROUTES)
    workspace = {path for path in served if path.startswith(("/forbund/", "/static/forms"))}
    workspace |= {"/login", "/logout", "/login/oidc", "/login/oidc/callback"}
    assert set(PAGES) | set(PUBLIC) | {"/health"} | workspace | set(SIGNING_ROUTES) == served


def refused_safely(answer_status: int, text: str, headers: dict[str, str]) -> None:
    assert answer_status in (200, 400, 404), text[:300]
    assert "Traceback" not in text and "<script>" not in text
    assert headers["content-security-policy"] == CSP


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("value", ["١", "9" * 500, "\x00", "position:0"])
def test_every_route_takes_hostile_values_in_all_its_parameters_at_once(
    client: TestClient, route: str, value: str
) -> None:
    url = ROUTES[route]
    query = "&".join(f"{name}={quote(value)}" for name in QUERY)
    answer = client.get(f"{url}{'&' if '?' in url else '?'}{query}")
    refused_safely(answer.status_code, answer.text, dict(answer.headers))


@pytest.mark.slow
@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("value", HOSTILE)
def test_every_route_takes_a_hostile_value_of_every_parameter(
    client: TestClient, route: str, value: str
) -> None:
    url = ROUTES[route]
    for name in QUERY:
        sep = "&" if "?" in url else "?"
        answer = client.get(f"{url}{sep}{name}={quote(value, safe='%')}")
        refused_safely(answer.status_code, answer.text, dict(answer.headers))
        if name in ("as_of", "known_at", "limit", "since", "until") and answer.status_code == 400:
            assert f"Fel i parametern {name}" in answer.text


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/paragraphs/2023/١", "number"),
        ("/paragraphs/²/1", "year"),
        ("/paragraphs/٢٠٢٣/71", "year"),
        ("/paragraphs/2023/９", "number"),
        ("/paragraphs/2023/" + "7" * 300, "number"),
        ("/budget/２０２４", "year"),
        ("/meetings/٢٠٢٣-11-23", "date"),
        ("/meetings/20231123", "date"),
        ("/?as_of=٢٠٢٤-01-01", "as_of"),
        ("/?known_at=position:١", "known_at"),
        ("/log?limit=١٠", "limit"),
        ("/anslagstavla?as_of=2024-0١-01", "as_of"),
        ("/anslagstavla.atom?as_of=x", "as_of"),
    ],
)
def test_a_path_segment_in_another_script_is_a_400_naming_it(
    client: TestClient, path: str, parameter: str
) -> None:
    answer = client.get(quote(path, safe="/?=&:"))
    assert answer.status_code == 400, answer.text[:300]
    assert f"Fel i parametern {parameter}" in answer.text


def test_a_position_past_the_head_of_the_log_is_refused(client: TestClient) -> None:
    head = client.get("/health").json()["position"]
    assert client.get(f"/?known_at=position:{head}").status_code == 200
    answer = client.get(f"/?known_at=position:{head + 1}")
    assert answer.status_code == 400 and "Fel i parametern known_at" in answer.text


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.2", "localhost.evil.example", ""]
)
def test_a_request_for_another_host_name_is_misdirected(client: TestClient, host: str) -> None:
    for route in ROUTES.values():
        answer = client.get(route, headers={"host": host})
        assert answer.status_code == 421, route
        assert answer.headers["content-security-policy"] == CSP
    assert client.get("/board", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/board", headers={"host": "[::1]:8000"}).status_code == 200


def test_the_allowed_names_come_from_the_options_the_environment_and_the_address() -> None:
    assert (
        host_name("[::1]:8000") == "::1"
        and host_name("Finsam.Example.SE:443") == "finsam.example.se"
    )
    names = allowed_hosts(("finsam.example.se",), "a.example, b.example", "192.168.1.10")
    assert {
        "localhost",
        "127.0.0.1",
        "::1",
        "finsam.example.se",
        "a.example",
        "b.example",
        "192.168.1.10",
    } == names
    assert "0.0.0.0" not in allowed_hosts(bound="0.0.0.0")


def test_the_sign_in_cookie_is_a_session_not_the_token(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    finsam = Finsam(str(tmp_path_factory.mktemp("session") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    now = [0.0]
    sessions = Sessions(lifetime=3600, clock=lambda: now[0])
    app = create_app(FinsamApp(finsam.db), token="s3cret", today=lambda: TODAY, sessions=sessions,
                     hosts=("localhost", "finsam.example.se"))  # fmt: skip
    local = TestClient(app, base_url=BASE)
    signed = local.post("/login", data={"token": "s3cret"}, follow_redirects=False)
    cookie = signed.headers["set-cookie"]
    assert "s3cret" not in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    [sid] = sessions.open
    assert f"{COOKIE}={sessions.cookie(sid)}" in cookie and len(sid) >= 43  # signed, 32 bytes
    assert local.get("/board").status_code == 200
    # a made-up id, or the token itself in the cookie, is no session
    for forged in ("s3cret", sid, sessions.cookie(sid[:-1] + ("A" if sid[-1] != "A" else "B"))):
        other = TestClient(app, base_url=BASE, cookies={COOKIE: forged})
        assert other.get("/board").status_code == 401
    now[0] = 3600.0  # the session has run out
    assert local.get("/board").status_code == 401
    # off loopback the cookie goes only over https
    remote = TestClient(app, base_url="https://finsam.example.se")
    assert (
        "Secure"
        in remote.post("/login", data={"token": "s3cret"}, follow_redirects=False).headers[
            "set-cookie"
        ]
    )
    assert remote.get("/board").status_code == 200
    remote.post("/logout", follow_redirects=False)
    assert remote.get("/board").status_code == 401


def test_the_anslagstavla_and_its_stylesheet_need_no_token(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    finsam = Finsam(str(tmp_path_factory.mktemp("public") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    client = TestClient(
        create_app(FinsamApp(finsam.db), token="s3cret", today=lambda: TODAY), base_url=BASE
    )
    for path in PUBLIC:
        assert client.get(path).status_code == 200, path
    assert client.get("/").status_code == 401 and client.get("/meetings").status_code == 401


def test_serve_hands_the_application_its_names_and_warns_when_it_has_none_for_afar(
    finsam: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from web import app as web_app

    given: list[frozenset[str]] = []
    real = web_app.create_app

    def recording(*args: object, hosts: frozenset[str], **kwargs: object) -> object:
        given.append(hosts)
        return real(*args, hosts=hosts, **kwargs)  # type: ignore[arg-type,misc]

    monkeypatch.setattr(web_app, "create_app", recording)
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    monkeypatch.setenv("FINSAM_WEB_TOKEN", "s3cret")
    members = ("fk:state:50%", "rvn:region:25%", "k:municipality:25%")
    finsam("forbund", "create", "s", "--name", "S", *(a for m in members for a in ("--member", m)))
    wide = finsam("serve", "--host", "0.0.0.0")
    assert "--allowed-host" in wide.stderr and given[-1] == allowed_hosts()
    monkeypatch.setenv("FINSAM_WEB_HOSTS", "finsam.example.se")
    named = finsam("serve", "--host", "0.0.0.0", "--allowed-host", "Intra.Example.SE")
    assert "warning" not in named.stderr
    assert {"finsam.example.se", "intra.example.se"} <= given[-1]
