"""The forms generated from the command structs (issue 22, item 3), in-process: a
secretary of Sollefteå registers in the diarium through the browser's post, a refused
act keeps what was typed and stores nothing, those who do not record get a 404, and
every event recorded through a form names the signed-in person as its actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam
from tests.test_web import BASE, TODAY
from tests.workspace import WorkspaceClient
from tests.workspace_people import AUDITOR, OTHER_FORBUND, SECRETARY, signed_in
from web.app import create_app
from web.form_fields import Field
from web.form_labels import ACT_LABELS, LABELS, TITLES
from web.form_post import MAX_POST
from web.forms import ACTS
from web.identity import Person

FORM = "/forbund/solleftea/act/register-document"
# An application received by post: the diarium's first number of 2025 (the example
# registers nothing in 2025).
LETTER = {"on": "2025-02-03", "direction": "in", "party": "Sollefteå kommun",
          "subject": "Ansökan om medel till Steget vidare"}  # fmt: skip


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("forms") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def client_for(finsam: Finsam, person: Person | None, writable: bool = True) -> TestClient:
    app = create_app(FinsamApp(finsam.db), today=lambda: TODAY, writable=writable)
    return WorkspaceClient(signed_in(app, person), base_url=BASE, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def secretary(solleftea: Finsam) -> Iterator[TestClient]:
    with client_for(solleftea, SECRETARY) as c:
        yield c


def errors(html: str) -> dict[str, str]:
    """The errors shown beside fields, by the field's id."""
    return dict(re.findall(r'<p class="fel" id="([\w-]+)-fel">([^<]*)</p>', html))


def every_field(fields: tuple[Field, ...]) -> Iterator[Field]:
    for f in fields:
        yield f
        yield from every_field(f.children)


def test_every_field_of_every_form_has_a_swedish_label() -> None:
    assert "register-document" in ACTS and "call-meeting" in ACTS
    for command, fields in ACTS.values():
        assert command.__name__ in TITLES
        for f in every_field(fields):
            assert (command.__name__, f.key) in ACT_LABELS or f.key in LABELS, (command, f.key)


def test_a_secretary_registers_a_letter_with_its_file_as_herself(
    secretary: TestClient, solleftea: Finsam
) -> None:
    page = secretary.get(FORM)
    assert page.status_code == 200
    assert 'name="csrf"' in page.text and 'pattern="\\d{4}-\\d{2}-\\d{2}"' in page.text
    assert 'type="date"' not in page.text and "party" not in re.sub(r'name="party"|id="party|for="party"', "", page.text)  # fmt: skip
    before = solleftea.events()
    pdf = b"%PDF-1.4 ansokan"
    answer = secretary.post(FORM, data=LETTER, files={"documents": ("ansokan.pdf", pdf)},
                            follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303, answer.text[:500]
    done = secretary.get(answer.headers["location"])
    assert "Registrerat: Registrera i diariet: 2025/1" in done.text
    assert solleftea.events() == before + 2  # the diarium of 2025 opened, the letter in it
    [row] = solleftea.json("diarium", "--year", "2025")
    assert row["number"] == "2025/1" and row["party"] == "Sollefteå kommun"
    [document] = row["documents"]
    import hashlib

    assert document["sha256"] == hashlib.sha256(pdf).hexdigest()
    events = solleftea.json("log", "--limit", "2")["events"]
    assert [e["actor"] for e in events] == [SECRETARY.name] * 2


def test_a_refused_form_keeps_what_was_typed_names_the_field_and_stores_nothing(
    secretary: TestClient, solleftea: Finsam
) -> None:
    before = solleftea.events()
    typed = {**LETTER, "on": "2025-02-30", "party": ""}
    answer = secretary.post(FORM, data=typed)
    assert answer.status_code == 400
    assert errors(answer.text) == {
        "on": "2025-02-30 är inget datum.",
        "party": "Fyll i avsändare eller mottagare.",
    }
    assert 'value="2025-02-30"' in answer.text and LETTER["subject"] in answer.text
    assert 'aria-invalid="true" aria-describedby="on-fel"' in answer.text
    assert "Traceback" not in answer.text and solleftea.events() == before


def test_a_number_past_its_bound_is_refused_beside_its_field(
    secretary: TestClient, solleftea: Finsam
) -> None:
    before = solleftea.events()
    answer = secretary.post("/forbund/solleftea/act/renumber-paragraph",
                            data={"year": "2024", "number": "١", "to": "3", "on": "2024-03-01"})  # fmt: skip
    assert errors(answer.text) == {"number": "Skriv ett heltal med siffrorna 0–9."}
    answer = secretary.post("/forbund/solleftea/act/renumber-paragraph",
                            data={"year": "1800", "number": "3", "to": "3", "on": "2024-03-01"})  # fmt: skip
    assert errors(answer.text) == {"year": "Minst 1900."}
    assert solleftea.events() == before


def test_a_refusal_of_the_domain_is_one_line_and_stores_nothing(
    secretary: TestClient, solleftea: Finsam
) -> None:
    before = solleftea.events()
    answer = secretary.post("/forbund/solleftea/act/close-meeting", data={"date": "2025-02-01"})
    assert answer.status_code == 400
    shown = errors(answer.text)
    assert shown == {"date": "Det finns inget sammanträde 2025-02-01; öppna det först."}
    assert "\n" not in shown["date"] and solleftea.events() == before


def test_the_forbund_comes_from_the_path_never_from_the_form(
    secretary: TestClient, solleftea: Finsam
) -> None:
    answer = secretary.post(FORM, data={**LETTER, "forbund": "annat"}, follow_redirects=False)
    assert answer.status_code == 303
    assert solleftea.json("diarium", "--year", "2025")[-1]["party"] == LETTER["party"]


@pytest.mark.parametrize(
    "person", [AUDITOR, OTHER_FORBUND, None], ids=["revisor", "annat", "ingen"]
)
def test_only_those_who_record_reach_a_form_anyone_else_gets_404(
    solleftea: Finsam, person: Person | None
) -> None:
    before = solleftea.events()
    with client_for(solleftea, person) as c:
        for url in ("/forbund/solleftea/act", FORM):
            answer = c.get(url, follow_redirects=False)
            if person is None:  # nobody signed in: to the sign-in, and back after it
                assert answer.status_code == 303
                assert answer.headers["location"].startswith("/login?next=")
            else:
                assert answer.status_code == 404
        posted = c.post(FORM, data=LETTER, follow_redirects=False)
        assert posted.status_code == (303 if person is None else 404)
    assert solleftea.events() == before


def test_an_upload_over_the_limit_is_refused_in_one_line_before_it_is_read(
    secretary: TestClient, solleftea: Finsam
) -> None:
    before = solleftea.events()
    big: Any = ("stor.pdf", b"0" * (MAX_POST + 1))
    answer = secretary.post(FORM, data=LETTER, files={"documents": big})
    assert answer.status_code == 413 and "högst 20 MB" in answer.text
    assert solleftea.events() == before


def test_a_store_opened_read_only_records_nothing(solleftea: Finsam) -> None:
    before = solleftea.events()
    with client_for(solleftea, SECRETARY, writable=False) as c:
        assert c.post(FORM, data=LETTER).status_code == 403
    assert solleftea.events() == before


def test_a_form_with_a_group_lines_and_rows_opens_a_meeting(
    secretary: TestClient, solleftea: Finsam
) -> None:
    """OpenMeeting's form: its details as a group, the present as lines, who serves for
    whom and the others present as rows (an empty row offered is left out)."""
    url = "/forbund/solleftea/act/open-meeting"
    names = re.findall(r'name="(meeting\.[^"]+)"', secretary.get(url).text)
    assert names[:3] == ["meeting.date", "meeting.extra", "meeting.place"]
    assert "meeting.serving_for.2.for" in names and "meeting.others.0.role" in names
    opened = {"meeting.date": "2025-06-12", "meeting.chair": "Birgitta Häggkvist",
              "meeting.present": "Birgitta Häggkvist\nPatrik Lockner\nLina Kempe\nSandra Formgren",
              "meeting.serving_for.0.name": "Sandra Formgren", "meeting.serving_for.0.for": "Gudrun Sjödin",
              "meeting.serving_for.1.name": "", "meeting.serving_for.1.for": "",
              "meeting.others.0.name": "Camilla Steen", "meeting.others.0.role": "ersättare"}  # fmt: skip
    half = {**opened, "meeting.serving_for.0.for": ""}
    assert errors(secretary.post(url, data=half).text) == {
        "meeting-serving_for-0-for": "Fyll i tjänstgör för."
    }
    assert secretary.post(url, data=opened, follow_redirects=False).status_code == 303
    minutes = solleftea.json("minutes", "2025-06-12")
    assert [(a["name"], a["serving_for"]) for a in minutes["beslutande"]] == [
        ("Birgitta Häggkvist", None), ("Patrik Lockner", None), ("Lina Kempe", None),
        ("Sandra Formgren", "Gudrun Sjödin"),
    ]  # fmt: skip
    assert minutes["ovriga"] == [
        {"name": "Camilla Steen", "role": "ersättare", "serving_for": None}
    ]


@pytest.mark.parametrize("name", sorted(ACTS))
def test_every_generated_form_renders_in_swedish_without_raw_names(
    secretary: TestClient, name: str
) -> None:
    page = secretary.get(f"/forbund/solleftea/act/{name}")
    assert page.status_code == 200
    shown = re.sub(r"<[^>]+>", " ", page.text)  # the words, not the inputs' names
    command, fields = ACTS[name]
    assert TITLES[command.__name__] in shown and command.__name__ not in shown
    assert all(f.key not in shown.split() or f.label.lower() == f.key for f in fields)
    assert 'type="date"' not in page.text
