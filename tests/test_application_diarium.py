"""Applications get their diarienummer on receipt (issue 20, item 1): registered in the
diarium automatically, or naming the entry the letter was registered under, and the
number shows on every face: the insats register (table, json, csv), `paragraph show`,
the minutes (text and PDF) and the web insats page. A store from before keeps answering:
the number is read from the diarium (a read rule), nothing rewritten.

Figures: the SFI application of the Sollefteå example (998 000 kr for 2024), received
2023-10-20, the first entry of the förbund's diarium of 2023, so 2023/1.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from store.application import FinsamApp
from tests.conftest import Finsam

MEETING = "2023-11-23"
BOARD = ("Birgitta Häggkvist:kommun", "Patrik Lockner:fk", "Mikael Sjölund:rs")


@pytest.fixture
def store(finsam: Finsam) -> Finsam:
    finsam("forbund", "create", "sol", "--name", "Samordningsförbundet Sollefteå",
           "--member", "fk:state:50%:Försäkringskassan", "--member", "rs:region:25%",
           "--member", "kommun:municipality:25%:Sollefteå kommun")  # fmt: skip
    for seat in BOARD:
        name, member = seat.split(":")
        finsam("board", "appoint", name, "--member", member, "--role", "ledamot",
               "--from", "2023-01-01")  # fmt: skip
    return finsam


def receive(finsam: Finsam, *more: str) -> str:
    return finsam("application", "receive", "sfi", "--name", "SFI på modersmål",
                  "--owner", "kommun", "--amount", "998000", "--start", "2024-01-01",
                  "--end", "2024-12-31", "--on", "2023-10-20", *more).output  # fmt: skip


def refer_back(finsam: Finsam) -> None:
    finsam("meeting", "open", MEETING, "--chair", "Birgitta Häggkvist",
           "--present", "Birgitta Häggkvist", "--present", "Patrik Lockner",
           "--present", "Mikael Sjölund", "--adjuster", "Patrik Lockner")  # fmt: skip
    finsam("refer-back", "sfi", "--meeting", MEETING, "--reason", "Komplettera med mål")


def test_an_application_is_registered_on_receipt_and_its_number_shows_everywhere(
    store: Finsam,
) -> None:
    assert "dnr 2023/1" in receive(store)
    rows = store.json("diarium", "--as-of", "2023-12-31")
    assert [(r["number"], r["direction"], r["party"], r["subject"], r["concerns"])
            for r in rows] == [
        ("2023/1", "in", "Sollefteå kommun", "Ansökan om medel: SFI på modersmål",
         "application:sfi")
    ]  # fmt: skip
    refer_back(store)
    sfi = store.json("interventions", "--as-of", MEETING)["interventions"][0]
    assert (sfi["id"], sfi["diarienummer"]) == ("sfi", "2023/1")
    assert "2023/1" in store("interventions", "--as-of", MEETING).output
    assert "2023/1" in store("interventions", "--as-of", MEETING, "--format", "csv").output
    assert store.json("paragraph", "show", "2023", "1")["diarienummer"] == "2023/1"
    assert "§1 Ansökan om medel: SFI på modersmål\n\nDnr 2023/1" in store("minutes", MEETING).output
    pdf = store("minutes", MEETING, "--format", "pdf").stdout_bytes
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Dnr 2023/1" in text
    from web.app import create_app

    with TestClient(create_app(FinsamApp(store.db)), base_url="http://localhost") as client:
        page = client.get("/insatser/sfi?as_of=2023-11-23").text
    assert '<dd class="dnr">2023/1</dd>' in page


def test_an_application_names_the_entry_its_letter_was_registered_under(
    store: Finsam, tmp_path: Path
) -> None:
    store("diarium", "register", "--on", "2023-10-19", "--direction", "in",
          "--party", "Sollefteå kommun", "--subject", "Ansökan SFI")  # fmt: skip
    assert "dnr 2023/1" in receive(store, "--diarienummer", "2023/1")
    rows = store.json("diarium", "--as-of", "2023-12-31")
    assert [(r["number"], r["concerns"]) for r in rows] == [("2023/1", "application:sfi")]
    refer_back(store)
    assert store.json("paragraph", "show", "2023", "1")["diarienummer"] == "2023/1"
    # a number the diarium does not hold is refused, with nothing stored
    events = store.events()
    out = store.fails("application", "receive", "sfi2", "--amount", "1000", "--start",
                      "2024-01-01", "--end", "2024-12-31", "--on", "2023-10-20",
                      "--diarienummer", "2023/9").output  # fmt: skip
    assert "2023/9" in out
    assert store.events() == events
    # nor can one number name two applications
    out = store.fails("application", "receive", "sfi2", "--amount", "1000", "--start",
                      "2024-01-01", "--end", "2024-12-31", "--on", "2023-10-20",
                      "--diarienummer", "2023/1").output  # fmt: skip
    assert "redan" in out and "application:sfi" in out
