"""The justerare's and the auditor's paths and the passkeys in the workspace (issue 22),
through the application with Starlette's client: the browser's part (WebAuthn's
answers) is made here by tests/test_passkey_assertions.py's ``Authenticator``, a
P-256 key made in the test, as the virtual authenticators of tests/test_web_passkeys.py
make it in chromium.

Sollefteå's meeting of 2023-11-23 unsigned (tests/test_justering.py): chair Birgitta
Häggkvist, justerare Patrik Lockner and Mikael Sjölund.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import cbor2
import pytest
from starlette.testclient import TestClient

from projections.signing import content_sha256
from store.application import FinsamApp
from store.passkeys import passkeys_of
from tests.conftest import EXAMPLES, Finsam
from tests.signed_in import SignedIn
from tests.test_justering import CHAIR, DAY, DIGITAL, JUSTERARE, PAPER
from tests.test_passkey_assertions import RP_ID, Authenticator
from tests.test_web import BASE, TODAY
from tests.workspace import WorkspaceClient
from web.app import create_app

FORBUND = "solleftea"
REVISOR = "Rut Revisor"
OTHER = "Olle Annan"  # a ledamot of another förbund
ACCOUNTS = {
    **{name: {FORBUND: frozenset({"ledamot"})} for name in (*JUSTERARE, CHAIR)},
    REVISOR: {FORBUND: frozenset({"revisor"})},
    OTHER: {"annat": frozenset({"ledamot", "revisor"})},
}
# every GET route of the signing part, with a valid value for each path segment
SIGNING_ROUTES = {
    "/konto/passnycklar": "/konto/passnycklar",
    "/inloggning/passnyckel": "/inloggning/passnyckel",
    "/static/passkey.js": "/static/passkey.js",
    "/static/signing.css": "/static/signing.css",
    "/forbund/{forbund}/justering": f"/forbund/{FORBUND}/justering",
    "/forbund/{forbund}/justering/{date}": f"/forbund/{FORBUND}/justering/{DAY}",
    "/forbund/{forbund}/justering/{date}/pdf": f"/forbund/{FORBUND}/justering/{DAY}/pdf",
    "/forbund/{forbund}/revision": f"/forbund/{FORBUND}/revision",
    "/forbund/{forbund}/revision/logg": f"/forbund/{FORBUND}/revision/logg",
    "/forbund/{forbund}/revision/forklara": f"/forbund/{FORBUND}/revision/forklara?figur=equity",
    "/forbund/{forbund}/revision/kontroll": f"/forbund/{FORBUND}/revision/kontroll",
    "/forbund/{forbund}/revision/paket": f"/forbund/{FORBUND}/revision/paket",
}


def unsigned_store(directory: Path) -> Finsam:
    text = (EXAMPLES / "solleftea-2024.toml").read_text(encoding="utf-8")
    journal = directory / "solleftea-ojusterat.toml"
    journal.write_text(text.replace(PAPER, DIGITAL), encoding="utf-8")
    finsam = Finsam(str(directory / "s.db"))
    finsam("import", str(journal))
    return finsam


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Finsam, SignedIn, TestClient]]:
    finsam = unsigned_store(tmp_path)
    app = create_app(FinsamApp(finsam.db), today=lambda: TODAY, writable=True)
    wrapped = SignedIn(app, ACCOUNTS)
    with WorkspaceClient(wrapped, base_url=BASE) as client:
        yield finsam, wrapped, client


def registered(client: TestClient, wrapped: SignedIn, name: str) -> Authenticator:
    """``name`` adds a passkey: the page's options, the authenticator's attestation
    ("none", as a passkey without a vendor's certificate gives it), the form posted."""
    wrapped.who = name
    page = client.get("/konto/passnycklar").text
    options = json.loads(attribute(page, "data-options"))
    key = Authenticator(name.encode())
    data = (
        hashlib.sha256(RP_ID.encode()).digest()
        + bytes([0x01 | 0x04 | 0x40])  # present, verified, attested credential data
        + (0).to_bytes(4, "big")
        + bytes(16)  # AAGUID
        + len(key.credential).to_bytes(2, "big")
        + key.credential
        + key.cose()
    )
    client_data = json.dumps(
        {"type": "webauthn.create", "challenge": options["challenge"], "origin": BASE}
    ).encode()
    attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": data})
    credential = {
        "id": b64(key.credential),
        "rawId": b64(key.credential),
        "type": "public-key",
        "response": {"clientDataJSON": b64(client_data), "attestationObject": b64(attestation)},
        "clientExtensionResults": {},
    }
    answer = client.post("/konto/passnycklar", data={"credential": json.dumps(credential)})
    assert "Passnyckeln är tillagd." in answer.text, answer.text[:2000]
    return key


def b64(data: bytes) -> str:
    from finsam_es.signatures import b64url

    return b64url(data)


def attribute(html: str, name: str) -> str:
    import html as markup

    start = html.index(f'{name}="') + len(name) + 2
    return markup.unescape(html[start : html.index('"', start)])


def assertion_json(key: Authenticator, challenge: bytes) -> str:
    a = key.assert_(challenge)
    client = json.loads(__import__("base64").urlsafe_b64decode(a.client_data_json + "=="))
    client["origin"] = BASE  # the origin the browser reports for this page
    body = json.dumps(client).encode()
    # signed again over the client data as this origin gives it
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from finsam_es.signatures import b64url_decode

    data = b64url_decode(a.authenticator_data)
    signature = key.key.sign(data + hashlib.sha256(body).digest(), ec.ECDSA(hashes.SHA256()))
    return json.dumps(
        {
            "id": a.credential_id,
            "rawId": a.credential_id,
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(body),
                "authenticatorData": a.authenticator_data,
                "signature": b64(signature),
            },
            "clientExtensionResults": {},
        }
    )


def test_justerare_register_passkeys_and_sign_and_the_minutes_are_adjusted(
    site: tuple[Finsam, SignedIn, TestClient],
) -> None:
    finsam, wrapped, client = site
    keys = {name: registered(client, wrapped, name) for name in (*JUSTERARE, CHAIR)}
    assert [len(passkeys_of(FinsamApp(finsam.db), n)) for n in keys] == [1, 1, 1]
    sha = content_sha256(finsam.json("minutes", DAY))
    for i, (name, key) in enumerate(keys.items()):
        wrapped.who = name
        listing = client.get(f"/forbund/{FORBUND}/justering").text
        assert f"Protokoll {DAY}" in listing and "Väntar på din justering" in listing
        page = client.get(f"/forbund/{FORBUND}/justering/{DAY}").text
        options = json.loads(attribute(page, "data-options"))
        assert options["challenge"] == b64(bytes.fromhex(sha))  # the content hash itself
        signed = client.post(
            f"/forbund/{FORBUND}/justering/{DAY}",
            data={"credential": assertion_json(key, bytes.fromhex(sha))},
        )
        assert signed.status_code == 200, signed.text[:2000]
        assert "Du har justerat protokollet." in signed.text
        if i < 2:
            assert "Väntar på justering av" in signed.text
    meeting = next(r for r in finsam.json("meetings", "--year", "2023") if r["date"] == DAY)
    assert meeting["adjusted"] is not None
    log = finsam.json("log", "--type", "MinutesSigned")["events"]
    assert [r["actor"] for r in log] == [*JUSTERARE, CHAIR]  # the person is the actor
    assert all(r["event"]["signature"]["assertion"]["public_key"] for r in log)
    assert "verified" in finsam("audit", "verify").stdout
    wrapped.who = REVISOR
    verify = client.get(f"/forbund/{FORBUND}/revision/kontroll").text
    assert "Allt stämmer" in verify


def test_a_passkey_answer_over_other_content_or_of_another_person_signs_nothing(
    site: tuple[Finsam, SignedIn, TestClient],
) -> None:
    finsam, wrapped, client = site
    lockner = registered(client, wrapped, JUSTERARE[0])
    before = finsam.events()
    url = f"/forbund/{FORBUND}/justering/{DAY}"
    other = hashlib.sha256(b"ett annat protokoll").digest()
    wrong = client.post(url, data={"credential": assertion_json(lockner, other)})
    assert wrong.status_code == 400 and "protokollet har ändrats sedan du öppnade" in wrong.text
    wrapped.who = JUSTERARE[1]  # Sjölund with Lockner's key
    sha = bytes.fromhex(content_sha256(finsam.json("minutes", DAY)))
    theirs = client.post(url, data={"credential": assertion_json(lockner, sha)})
    assert theirs.status_code == 400 and "passnyckeln är inte din" in theirs.text
    forged = json.loads(assertion_json(lockner, sha))
    forged["response"]["signature"] = b64(b"\x30\x06\x02\x01\x01\x02\x01\x01")
    wrapped.who = JUSTERARE[0]
    bad = client.post(url, data={"credential": json.dumps(forged)})
    assert bad.status_code == 400 and "passnyckelns svar stämmer inte" in bad.text
    garbage = client.post(url, data={"credential": "{not json"})
    assert garbage.status_code == 400 and "Traceback" not in garbage.text
    assert finsam.events() == before


def test_a_passkey_signs_its_person_in(site: tuple[Finsam, SignedIn, TestClient]) -> None:
    _finsam, wrapped, client = site
    key = registered(client, wrapped, JUSTERARE[0])
    wrapped.who = None
    page = client.get("/inloggning/passnyckel").text
    challenge = json.loads(attribute(page, "data-options"))["challenge"]
    from finsam_es.signatures import b64url_decode

    answer = client.post(
        "/inloggning/passnyckel",
        data={"credential": assertion_json(key, b64url_decode(challenge))},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[:1000]
    assert "test_person=Patrik%20Lockner" in answer.headers["set-cookie"]
    # the challenge is used once: the same answer again signs nobody in
    again = client.post(
        "/inloggning/passnyckel",
        data={"credential": assertion_json(key, b64url_decode(challenge))},
        follow_redirects=False,
    )
    assert again.status_code == 400 and "gått ut" in again.text


def test_each_path_is_its_roles_own_and_another_forbund_is_not_there(
    site: tuple[Finsam, SignedIn, TestClient],
) -> None:
    _finsam, wrapped, client = site
    justering = f"/forbund/{FORBUND}/justering/{DAY}"
    wrapped.who = REVISOR  # reads, verifies, exports: no form that records
    assert client.get(f"/forbund/{FORBUND}/justering").status_code == 404
    assert client.get(justering).status_code == 404
    assert client.post(justering, data={"credential": "{}"}).status_code == 404
    for path in ("", "/logg", "/forklara?figur=equity", "/kontroll"):
        page = client.get(f"/forbund/{FORBUND}/revision{path}")
        assert page.status_code == 200 and 'method="post"' not in page.text
    wrapped.who = JUSTERARE[0]
    assert client.get(f"/forbund/{FORBUND}/revision/logg").status_code == 404
    wrapped.who = OTHER  # both roles, in another förbund: Sollefteå does not exist
    for path in (justering, f"/forbund/{FORBUND}/revision/paket", "/forbund/annat/justering"):
        answer = client.get(path)
        assert answer.status_code == 404 and "Sollefteå" not in answer.text
    wrapped.who = None  # nobody: to the sign-in first
    answer = client.get("/konto/passnycklar", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")


def test_the_auditor_reads_the_log_explains_a_figure_and_takes_the_bundle(
    site: tuple[Finsam, SignedIn, TestClient],
) -> None:
    finsam, wrapped, client = site
    wrapped.who = REVISOR
    log = client.get(f"/forbund/{FORBUND}/revision/logg").text
    total = len([e for e in finsam.json("log")["events"] if e["forbund"] == FORBUND])
    assert f"av förbundets {total} händelser" in log
    equity = finsam.json("equity")
    explained = client.get(f"/forbund/{FORBUND}/revision/forklara?figur=equity").text
    assert "summan av händelserna nedan" in explained
    bad = client.get(f"/forbund/{FORBUND}/revision/forklara?figur=%3Cscript%3E").text
    assert 'role="alert"' in bad and "<script>" not in bad
    bundle = client.get(f"/forbund/{FORBUND}/revision/paket")
    assert bundle.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
    assert any(n.endswith("manifest.json") for n in names), names
    assert isinstance(equity, dict)


def test_the_protokoll_downloads_as_pdf(site: tuple[Finsam, SignedIn, TestClient]) -> None:
    _finsam, wrapped, client = site
    wrapped.who = JUSTERARE[0]
    pdf = client.get(f"/forbund/{FORBUND}/justering/{DAY}/pdf")
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf.headers["content-disposition"]


@pytest.mark.parametrize("route", SIGNING_ROUTES)
@pytest.mark.parametrize("value", ["١", "9" * 500, "\x00", "<script>", "2023-02-30"])
def test_hostile_path_and_query_values_answer_a_page_never_a_trace(
    site: tuple[Finsam, SignedIn, TestClient], route: str, value: str
) -> None:
    from urllib.parse import quote

    _finsam, wrapped, client = site
    wrapped.who = JUSTERARE[0]
    both_roles = {FORBUND: frozenset({"ledamot", "revisor"})}
    wrapped.accounts = {**ACCOUNTS, JUSTERARE[0]: both_roles}
    path = route.replace("{forbund}", quote(value, safe="")).replace(
        "{date}", quote(value, safe="")
    )
    for url in (path, SIGNING_ROUTES[route] + ("&" if "?" in SIGNING_ROUTES[route] else "?")
                + f"figur={quote(value)}&fore={quote(value)}"):  # fmt: skip
        answer = client.get(url)
        assert answer.status_code in (200, 400, 404), (url, answer.text[:500])
        assert "Traceback" not in answer.text and "<script>" not in answer.text


def test_every_kind_of_event_has_a_swedish_name_on_the_auditors_log() -> None:
    """No event type name on a page: each domain event class gets words, its own or
    its book's."""
    import importlib
    import pkgutil

    import finsam_es
    from finsam_es.base import FinsamAggregate
    from projections.event_labels import LABELS, event_label

    kinds = set()
    for info in pkgutil.iter_modules(finsam_es.__path__):
        module = importlib.import_module(f"finsam_es.{info.name}")
        for found in list(vars(module).values()):
            if not isinstance(found, type):
                continue
            for cls in (found, *(v for v in vars(found).values() if isinstance(v, type))):
                if issubclass(cls, FinsamAggregate.Event):
                    kinds.add(cls.__qualname__)
    assert "MinutesBook.ParagraphAdded" in kinds and "MinutesSigned" in kinds
    for kind in kinds:
        label = event_label(kind)
        assert kind.rsplit(".", 1)[-1] not in label and label[0].isupper(), (kind, label)
    recorded = {k.rsplit(".", 1)[-1] for k in kinds}
    assert set(LABELS) <= recorded  # no word for a kind that does not exist
    assert event_label("MinutesBook.MinutesSigned") == "Justering (underskrift)"


def test_every_page_is_well_formed_with_one_heading_and_unique_ids(
    site: tuple[Finsam, SignedIn, TestClient],
) -> None:
    """What a validator looks at first (as tests/test_anslagstavla.py checks its page):
    every element closed in order, one h1, unique ids, the language."""
    from html.parser import HTMLParser

    _finsam, wrapped, client = site
    wrapped.accounts = {**ACCOUNTS, JUSTERARE[0]: {FORBUND: frozenset({"ledamot", "revisor"})}}
    wrapped.who = JUSTERARE[0]
    void = {"meta", "link", "input", "br", "img", "col", "hr"}

    class Check(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []
            self.ids: list[str] = []
            self.h1 = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs).get("id")
            if found:
                self.ids.append(found)
            self.h1 += tag == "h1"
            if tag not in void:
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing open"

    pages = [u for u in SIGNING_ROUTES.values() if "/static/" not in u]
    for url in pages:
        if url.endswith(("/pdf", "/paket")):
            continue
        html = client.get(url).text
        check = Check()
        check.feed(html)
        assert check.open == [] and check.h1 == 1, url
        assert len(check.ids) == len(set(check.ids)), url
        assert '<html lang="sv">' in html and 'class="skip" href="#innehall"' in html
