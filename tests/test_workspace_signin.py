"""The workspace's sign-in (issue 22): the password form with its CSRF token, the
session cookie's flags and expiry, the lockout that says when it lifts, the throttle
per client address, and each person kept to the förbund they hold a role in (another
förbund's pages answer 404, exactly as a förbund that does not exist)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from starlette.testclient import TestClient

from commands import structs as c
from commands.bus import execute
from projections.queries import Reader
from store.application import FinsamApp
from store.credentials import MAX_FAILURES
from tests.conftest import EXAMPLES, Finsam
from tests.test_web import BASE, TODAY
from tests.test_web_hostile import ROUTES
from tests.workspace import PASSWORD, WorkspaceClient, csrf_token, make_account, sign_in
from web.app import create_app
from web.identity import PERSON, Person
from web.pages import PAGES
from web.sessions import COOKIE, Sessions
from web.signin import Throttle

# every route of a förbund's workspace; the pages every role reads
EVERY = [url for route, url in ROUTES.items() if route.startswith("/forbund/")]
# the read pages every role reads, scoped (the forms and the signing pages ask more roles)
SCOPED = [f"/forbund/solleftea{ROUTES[path]}" for path in PAGES]
MEMBERS = tuple(
    part
    for member in ("fk:state:25%", "af:state:25%", "rvn:region:25%", "k:municipality:25%")
    for part in ("--member", member)
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Sollefteå example beside a second förbund, with three accounts."""
    finsam = Finsam(str(tmp_path_factory.mktemp("workspace") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("forbund", "create", "b", "--name", "Förbund B", *MEMBERS)
    app = FinsamApp(finsam.db)
    make_account(app, "sara", "solleftea", "sekreterare")
    make_account(app, "bo", "b", "ledamot")
    make_account(app, "rut", "solleftea", "revisor")
    make_account(app, "anna", "solleftea", "admin")
    execute(app, c.GrantRole(forbund="b", name="rut", role="revisor"))
    return finsam.db


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(store: str, clock: Clock) -> Iterator[TestClient]:
    sessions = Sessions(lifetime=3600, clock=clock)
    app = create_app(FinsamApp(store), today=lambda: TODAY, sessions=sessions, writable=True,
                     hosts=("localhost", "finsam.example.se"))  # fmt: skip
    with TestClient(app, base_url=BASE) as c:
        yield c


def test_without_sign_in_only_the_public_pages_answer(client: TestClient) -> None:
    for url in ("/", "/board", *SCOPED[:3]):
        answer = client.get(url, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")
    for url in ("/anslagstavla?forbund=b", "/health", "/static/finsam.css"):
        assert client.get(url).status_code == 200
    page = client.get("/login")
    assert page.status_code == 200 and csrf_token(page.text)
    assert 'lang="sv"' in page.text and "Hoppa till innehållet" in page.text


def test_the_session_cookie_is_signed_httponly_strict_and_secure_off_loopback(
    client: TestClient, store: str
) -> None:
    form = client.get("/login")
    answer = client.post(
        "/login",
        data={"name": "sara", "password": PASSWORD, "csrf": csrf_token(form.text)},
        follow_redirects=False,
    )
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    assert PASSWORD not in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    assert value.count(".") == 1  # the id and its signature (itsdangerous)
    # the same sign-in by a name that is not loopback: a Secure cookie
    remote = TestClient(client.app, base_url="http://finsam.example.se")
    form = remote.get("/login")
    answer = remote.post(
        "/login",
        data={"name": "sara", "password": PASSWORD, "csrf": csrf_token(form.text)},
        follow_redirects=False,
    )
    assert "Secure" in answer.headers["set-cookie"]


def test_one_forbund_goes_straight_to_it_and_every_page_is_scoped(client: TestClient) -> None:
    sign_in(client, "sara")
    home = client.get("/", follow_redirects=False)
    assert home.headers["location"] == "/forbund/solleftea/"
    old = client.get("/board?as_of=2024-06-30", follow_redirects=False)
    assert old.headers["location"] == "/forbund/solleftea/board?as_of=2024-06-30"
    for url in SCOPED:
        page = client.get(url)
        assert page.status_code == 200, url
        links = re.findall(r'href="(/[^"]*)"', page.text)
        # every link stays in the förbund (or is public)
        assert all(
            link.startswith(("/forbund/solleftea/", "/anslagstavla", "/static/")) for link in links
        ), (url, [x for x in links if not x.startswith("/forbund/solleftea/")])
    # a query cannot name another förbund on a scoped page
    assert "Förbund B" not in client.get("/forbund/solleftea/board?forbund=b").text


def test_another_forbunds_pages_answer_404(client: TestClient) -> None:
    sign_in(client, "bo")
    for url in EVERY:
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert "Sollefteå" not in answer.text
    unknown = client.get("/forbund/nowhere/")
    mine = client.get("/forbund/b/board")
    assert unknown.status_code == 404 and mine.status_code == 200
    assert client.get("/board?forbund=solleftea").status_code == 404


def test_several_forbund_are_listed(client: TestClient) -> None:
    sign_in(client, "rut")
    home = client.get("/")
    assert home.status_code == 200
    assert 'href="/forbund/b/"' in home.text and 'href="/forbund/solleftea/"' in home.text
    assert "Samordningsförbundet Sollefteå" in home.text and "revisor" in home.text
    assert client.get("/board", follow_redirects=False).status_code == 404  # which one?


def test_a_wrong_password_then_the_lockout_that_says_when_it_lifts(
    client: TestClient, store: str
) -> None:
    make_account(FinsamApp(store), "lasse", "solleftea", "ledamot")

    def attempt(password: str) -> tuple[int, str]:
        form = client.get("/login")
        data = {"name": "lasse", "password": password, "csrf": csrf_token(form.text)}
        answer = client.post("/login", data=data, follow_redirects=False)
        return answer.status_code, answer.text

    for _ in range(MAX_FAILURES - 1):
        status, text = attempt("fel lösenord!")
        assert status == 401 and "Fel användarnamn eller lösenord." in text
    before = datetime.now(UTC)
    status, text = attempt("fel lösenord!")
    found = re.search(r"Kontot är låst till (\d{4}-\d{2}-\d{2} \d{2}:\d{2})", text)
    assert status == 403 and found
    lifts = datetime.strptime(found.group(1), "%Y-%m-%d %H:%M").replace(
        tzinfo=ZoneInfo("Europe/Stockholm")
    )
    assert 14 * 60 <= (lifts - before).total_seconds() <= 15 * 60  # 15 minutes, shown to the minute
    status, text = attempt(PASSWORD)  # even the right password, until then
    assert status == 403 and "Kontot är låst till" in text


def test_the_session_expires_and_a_closed_account_is_signed_out(
    client: TestClient, clock: Clock, store: str
) -> None:
    sign_in(client, "sara")
    assert client.get("/forbund/solleftea/board").status_code == 200
    clock.now = 3600.0
    assert client.get("/forbund/solleftea/board", follow_redirects=False).status_code == 303
    make_account(FinsamApp(store), "tove", "solleftea", "ledamot")
    sign_in(client, "tove")
    assert client.get("/forbund/solleftea/board").status_code == 200
    execute(FinsamApp(store), c.CloseAccount(name="tove"))
    assert client.get("/forbund/solleftea/board", follow_redirects=False).status_code == 303


def test_a_password_set_from_the_cli_signs_out_whoever_used_the_old_one(
    client: TestClient, store: str
) -> None:
    from store.credentials import hash_password

    make_account(FinsamApp(store), "ulla", "solleftea", "ledamot")
    sign_in(client, "ulla")
    assert client.get("/forbund/solleftea/board").status_code == 200
    # `finsam user reset ulla` in another process: the same command on the same store
    new = "ett helt annat lösenord"
    execute(FinsamApp(store), c.ResetPassword(name="ulla", password_hash=hash_password(new)))
    answer = client.get("/forbund/solleftea/board", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")
    sign_in(client, "ulla", new)  # a session begun after the reset stays
    assert client.get("/forbund/solleftea/board").status_code == 200
    assert client.get("/forbund/solleftea/board").status_code == 200


def test_a_post_without_its_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")  # the browser has its CSRF cookie
    forged = client.post(
        "/login", data={"name": "sara", "password": PASSWORD}, follow_redirects=False
    )
    assert forged.status_code == 403 and "Formuläret kunde inte tas emot" in forged.text
    assert COOKIE not in forged.headers.get("set-cookie", "")
    wrong = client.post("/login", data={"name": "sara", "password": PASSWORD, "csrf": "0" * 64})
    assert wrong.status_code == 403
    sign_in(client, "sara")
    assert client.post("/logout", follow_redirects=False).status_code == 403  # still signed in
    assert client.get("/forbund/solleftea/board").status_code == 200
    out = client.get("/logout", follow_redirects=False)
    assert out.headers["location"] == "/login"
    assert client.get("/forbund/solleftea/board", follow_redirects=False).status_code == 303


def test_the_throttle_per_client_address() -> None:
    now = [0.0]
    throttle = Throttle(limit=3, window=600, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait("10.0.0.1") == 0
        throttle.failed("10.0.0.1")
    assert throttle.wait("10.0.0.1") == 10 and throttle.wait("10.0.0.2") == 0
    now[0] = 601.0
    assert throttle.wait("10.0.0.1") == 0


def test_the_token_mode_stays_as_it_was(store: str) -> None:
    app = create_app(FinsamApp(store), token="s3cret", today=lambda: TODAY)
    kiosk = TestClient(app, base_url=BASE)
    assert kiosk.get("/board").status_code == 401
    bearer = {"Authorization": "Bearer s3cret"}
    assert kiosk.get("/board?forbund=solleftea", headers=bearer).status_code == 200
    signed = kiosk.post("/login", data={"token": "s3cret"}, follow_redirects=False)
    assert signed.status_code == 303  # no csrf asked of the kiosk's token form
    assert kiosk.get("/board?forbund=solleftea").status_code == 200


def test_serve_is_the_workspace_once_the_store_has_accounts(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    seen: list[int] = []

    def run(app: Any, **options: Any) -> None:  # while serve holds the store open
        workspace = TestClient(app, base_url=BASE)
        assert workspace.get("/health").status_code == 200
        redirect = workspace.get("/board", follow_redirects=False).headers["location"]
        assert redirect.startswith("/login")
        sign_in(workspace, "sara")
        seen.append(workspace.get("/forbund/solleftea/board").status_code)

    monkeypatch.setattr(uvicorn, "run", run)
    out = Finsam(store)("serve", "--port", "0")
    assert "the workspace: sign in at /login" in out.stderr
    assert seen == [200]


def test_the_admin_gives_and_takes_roles_as_themself(client: TestClient, store: str) -> None:
    app = FinsamApp(store)
    sign_in(client, "anna")
    page = client.get("/forbund/solleftea/konton")
    assert page.status_code == 200 and "<td>sara</td>" in page.text
    assert "<td>bo</td>" not in page.text  # of another förbund
    before = app.event_count()
    forged = client.post(
        "/forbund/solleftea/konton", data={"name": "bo", "role": "ledamot", "action": "grant"}
    )
    assert forged.status_code == 403 and app.event_count() == before  # stored nothing
    data = {"name": "bo", "role": "ledamot", "action": "grant", "csrf": csrf_token(page.text)}
    done = client.post("/forbund/solleftea/konton", data=data, follow_redirects=False)
    assert done.status_code == 303 and app.event_count() == before + 1
    [row] = Reader(app).log(only=None, limit=1)
    assert row.actor == "anna"
    again = client.post("/forbund/solleftea/konton", data=data)
    assert again.status_code == 400 and "bo har redan rollen ledamot här." in again.text
    assert 'value="bo"' in again.text  # what was typed is kept
    last = {**data, "name": "anna", "role": "admin", "action": "revoke"}
    refused = client.post("/forbund/solleftea/konton", data=last)
    assert "sista administratör" in refused.text and app.event_count() == before + 1


def test_only_the_admin_reaches_the_accounts(client: TestClient) -> None:
    for name in ("sara", "rut", "bo"):
        sign_in(client, name)
        assert client.get("/forbund/solleftea/konton").status_code == 404, name


@pytest.mark.parametrize("value", ["١", "9" * 500, "\x00", "<script>alert(1)</script>", "b"])
def test_every_workspace_route_takes_hostile_values_signed_in(
    client: TestClient, value: str
) -> None:
    from urllib.parse import quote

    from tests.test_web_hostile import QUERY, refused_safely

    sign_in(client, "anna")
    for url in EVERY:
        query = "&".join(f"{name}={quote(value)}" for name in QUERY)
        answer = client.get(f"{url}{'&' if '?' in url else '?'}{query}")
        refused_safely(answer.status_code, answer.text, dict(answer.headers))
        assert "Förbund B" not in answer.text  # forbund=b in the query changes nothing
    for path in (f"/forbund/{quote(value, safe='')}/", f"/forbund/{quote(value, safe='')}/konton"):
        answer = client.get(path)
        assert answer.status_code == 404 and "Traceback" not in answer.text


def test_a_workspace_client_posts_with_the_token_signed_in_or_wrapped(store: str) -> None:
    """tests/workspace.py's WorkspaceClient for the other parts' form tests: its posts
    pass the CSRF check with a real session and with a Person put into the scope."""
    app = create_app(FinsamApp(store), today=lambda: TODAY, writable=True)
    signed = WorkspaceClient(app, base_url=BASE)
    sign_in(signed, "anna")
    data = {"name": "sara", "role": "ledamot", "action": "grant"}
    assert signed.post("/forbund/solleftea/konton", data=data).status_code == 200

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        scope[PERSON] = Person("anna", {"solleftea": frozenset({"admin"})})
        await app(scope, receive, send)

    data = {"name": "sara", "role": "ledamot", "action": "revoke"}
    answer = WorkspaceClient(wrapped, base_url=BASE).post("/forbund/solleftea/konton", data=data)
    assert answer.status_code == 200 and "<td>sara</td><td>sekreterare</td>" in answer.text
