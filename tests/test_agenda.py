"""The kallelse and föredragningslista (issue 20, item 3) and public meetings (item 7),
end to end through the CLI: a meeting called with its ärenden, förslag and handlingar
from the diarium, amended until the meeting, its JSON contract, the kallelse as PDF/A,
the warning when it goes out later than the notice period, the kungörelse of a public
meeting on the anslagstavla, and the warning when the budget is adopted at a meeting not
called as public.

Dates: the meeting of 2024-11-21 (a Thursday); a kallelse sent 2024-11-07 goes out 14
days before it, one sent 2024-11-18 three days before (21 - 18 = 3), under the default
seven days and the reglemente's ten below.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Finsam

MEETING = "2024-11-21"
BUDGET = "Verksamhetsplan och budget 2025 | Styrelsen fastställer budgeten för 2025 | 2024/1 | 3010"
SFI = "Ansökan SFI-stöd | Ärendet återremitteras för komplettering | 2024/2"
FILE = b"%PDF-1.7 Budgetunderlag 2025\n"


@pytest.fixture
def store(finsam: Finsam, tmp_path: Path) -> Finsam:
    finsam("forbund", "create", "sol", "--name", "Samordningsförbundet Sol",
           "--member", "fk:state:50%", "--member", "kommun:municipality:50%")  # fmt: skip
    underlag = tmp_path / "budgetunderlag.pdf"
    underlag.write_bytes(FILE)
    finsam("diarium", "register", "--on", "2024-10-01", "--direction", "out",
           "--party", "Medlemmarna", "--subject", "Budgetunderlag 2025",
           "--file", str(underlag))  # fmt: skip
    finsam("diarium", "register", "--on", "2024-10-15", "--direction", "in",
           "--party", "Arbetsförmedlingen", "--subject", "Ansökan SFI-stöd")  # fmt: skip
    return finsam


def call(finsam: Finsam, sent: str, *more: str, ok: bool = True) -> str:
    result = finsam("agenda", "call", "--date", MEETING, "--sent", sent, "--time", "13.00",
                    "--place", "Kommunhuset, Sol", *more, ok=ok)  # fmt: skip
    return result.output


def test_the_agenda_holds_its_items_in_order_with_their_handlingar(store: Finsam) -> None:
    out = call(store, "2024-11-07", "--public", "--distance", "--item", BUDGET, "--item", SFI)
    assert "warning" not in out  # 14 days before: within the default seven
    doc = store.json("agenda", "show", MEETING, "--as-of", "2024-11-07")
    assert (doc["public"], doc["distance_allowed"]) == (True, True)
    assert [
        (i["title"], i["proposal"], i["diarienummer"], i["account"]) for i in doc["items"]
    ] == [
        ("Verksamhetsplan och budget 2025", "Styrelsen fastställer budgeten för 2025",
         "2024/1", "3010"),
        ("Ansökan SFI-stöd", "Ärendet återremitteras för komplettering", "2024/2", ""),
    ]  # fmt: skip
    handlingar = doc["items"][0]["documents"]
    assert [(d["name"], d["sha256"], d["size"]) for d in handlingar] == [
        ("budgetunderlag.pdf", hashlib.sha256(FILE).hexdigest(), len(FILE))
    ]
    assert doc["items"][1]["documents"] == []  # the SFI letter came without a file
    # before it went out there is no kallelse to show
    assert (
        "ingen kallelse" in store.fails("agenda", "show", MEETING, "--as-of", "2024-11-06").output
    )


def test_the_kallelse_is_amended_until_the_meeting(store: Finsam) -> None:
    call(store, "2024-11-07", "--item", BUDGET)
    call(store, "2024-11-12", "--public", "--item", BUDGET, "--item", SFI)
    amended = store.json("agenda", "show", MEETING, "--as-of", "2024-11-30")
    assert (amended["public"], len(amended["items"]), amended["sent"]) == (True, 2, "2024-11-12")
    # as it stood before the amendment
    first = store.json("agenda", "show", MEETING, "--as-of", "2024-11-10")
    assert (first["public"], len(first["items"])) == (False, 1)
    events = store.events()
    result = store.fails("agenda", "call", "--date", MEETING, "--sent", "2024-11-22",
                         "--place", "Kommunhuset", "--item", "Övrigt")  # fmt: skip
    assert result.output.strip() == (
        "error: sammanträdet 2024-11-21 har redan hållits: kallelsen kan inte ändras 2024-11-22"
    )
    assert store.events() == events


def test_an_item_names_a_diarienummer_the_diarium_holds(store: Finsam) -> None:
    events = store.events()
    result = store.fails("agenda", "call", "--date", MEETING, "--sent", "2024-11-07",
                         "--place", "Kommunhuset", "--item", "Okänt | | 2024/9")  # fmt: skip
    assert result.output.strip() == "error: the diarium of 2024 has no number 2024/9"
    result = store.fails("agenda", "call", "--date", MEETING, "--sent", "2024-11-07",
                         "--place", "Kommunhuset", "--item", " | förslag utan rubrik")  # fmt: skip
    assert result.output.strip() == "error: ärende 1 saknar rubrik"
    assert store.events() == events


def test_a_late_kallelse_is_warned_against_the_notice_period_and_its_source(
    store: Finsam,
) -> None:
    out = call(store, "2024-11-18", "--item", BUDGET)
    assert (
        "warning: kallelsen till sammanträdet 2024-11-21 går ut 2024-11-18, 3 dagar före; "
        "kallelsetiden är 7 dagar (finsams standard" in out
    )
    store("agenda", "notice-period", "--days", "10", "--source", "Arbetsordning 2019 § 4",
          "--on", "2024-01-01")  # fmt: skip
    out = call(store, "2024-11-12", "--item", BUDGET)  # 9 days before, ten asked
    assert "9 dagar före; kallelsetiden är 10 dagar (Arbetsordning 2019 § 4)" in out
    doc = store.json("agenda", "show", MEETING, "--as-of", "2024-11-30")
    assert (doc["notice_days"], doc["notice_source"]) == (10, "Arbetsordning 2019 § 4")
    assert "warning" not in call(store, "2024-11-11", "--item", BUDGET)  # ten days: in time


def test_the_kallelse_pdf_lists_the_items_proposals_and_handlingar(store: Finsam) -> None:
    call(store, "2024-11-07", "--public", "--item", BUDGET, "--item", SFI)
    pdf = store("agenda", "show", MEETING, "--as-of", "2024-11-07", "--format", "pdf").stdout_bytes
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for expected in ("KALLELSE", "Kommunhuset, Sol", "Offentligt", "Föredragningslista",
                     "1. Verksamhetsplan och budget 2025", "Förslag till beslut",
                     "Styrelsen fastställer budgeten för 2025", "2. Ansökan SFI-stöd",
                     "Handlingar", "budgetunderlag.pdf", "2024/2"):  # fmt: skip
        assert expected in text, expected
    assert "Justerandes signatur" not in text  # a kallelse has no justerare
    # PDF/A, as the protokoll (projections/pdf_standards.py)
    assert b"pdfaid:part" in pdf
    html = store("agenda", "show", MEETING, "--as-of", "2024-11-07", "--format", "html").output
    assert "<h2>1. Verksamhetsplan och budget 2025</h2>" in html


def test_a_public_meeting_is_made_known_on_the_anslagstavla(store: Finsam) -> None:
    from datetime import date

    from projections.queries import Reader
    from store.application import FinsamApp

    call(store, "2024-11-07", "--public", "--item", BUDGET, "--item", SFI)
    reader = Reader(FinsamApp(store.db))

    def shown(day: date) -> list[str]:
        return [n.title for n in reader.at(day).governance.notices(None)]

    assert shown(date(2024, 11, 6)) == []
    assert shown(date(2024, 11, 21)) == [
        "Kungörelse: sammanträde 2024-11-21 13.00, Kommunhuset, Sol. Ärenden: "
        "Verksamhetsplan och budget 2025; Ansökan SFI-stöd"
    ]
    assert shown(date(2024, 11, 22)) == []  # down the day after the meeting


def test_a_budget_adopted_at_a_meeting_not_called_as_public_is_warned(store: Finsam) -> None:
    call(store, "2024-11-07", "--item", BUDGET)  # not marked public
    store("meeting", "open", MEETING)
    adopt = ("budget", "adopt", "--year", "2025", "--meeting", MEETING,
             "--line", "bidrag:income:1000000", "--line", "insatser:cost:1000000")  # fmt: skip
    out = store(*adopt).output
    assert (
        "warning: budgeten fastställs på sammanträdet 2024-11-21, som inte är kallat som "
        "offentligt" in out
    )


def test_a_budget_adopted_at_a_public_meeting_is_not_warned(store: Finsam) -> None:
    call(store, "2024-11-07", "--public", "--item", BUDGET)
    store("meeting", "open", MEETING)
    out = store("budget", "adopt", "--year", "2025", "--meeting", MEETING,
                "--line", "bidrag:income:1000000", "--line", "insatser:cost:1000000").output  # fmt: skip
    assert "offentligt" not in out


JOURNAL = """
[forbund]
id = "sol"
name = "Samordningsförbundet Sol"
created = 2024-01-01
members = [{ id = "fk", kind = "state", share = "50%" },
           { id = "kommun", kind = "municipality", share = "50%" }]

[[diarium]]
on = 2024-10-15
direction = "in"
party = "Arbetsförmedlingen"
subject = "Ansökan SFI-stöd"

[[notice_periods]]
on = 2024-01-01
days = 10
source = "Arbetsordning 2019 § 4"

[[agenda]]
date = 2024-11-21
sent = 2024-11-07
time = "13.00"
place = "Kommunhuset, Sol"
public = true
items = [{ title = "Ansökan SFI-stöd", proposal = "Återremiss", diarienummer = "2024/1" },
         { title = "Övriga frågor" }]
"""


def test_the_journal_records_the_kallelse_once(finsam: Finsam, tmp_path: Path) -> None:
    journal = tmp_path / "sol.toml"
    journal.write_text(JOURNAL, encoding="utf-8")
    out = finsam("import", str(journal)).output
    # sent 14 days before: within the arbetsordning's ten; the diarium entry it names is
    # recorded before it (the same rank, earlier in the journal's order)
    assert "warning" not in out
    assert "nothing new" in finsam("import", str(journal)).output
    doc = finsam.json("agenda", "show", MEETING, "--as-of", "2024-11-30")
    assert (doc["public"], doc["notice_days"]) == (True, 10)
    assert [(i["title"], i["diarienummer"]) for i in doc["items"]] == [
        ("Ansökan SFI-stöd", "2024/1"),
        ("Övriga frågor", ""),
    ]


def test_the_meeting_opens_from_its_agenda_and_decides_as_proposed(store: Finsam) -> None:
    # the board of the meeting: two ledamöter, one from each member
    for seat in ("Anna Ek:fk", "Bo Lind:kommun"):
        name, member = seat.split(":")
        store("board", "appoint", name, "--member", member, "--role", "ledamot",
              "--from", "2024-01-01")  # fmt: skip
    call(store, "2024-11-07", "--public", "--item", BUDGET, "--item", SFI)
    store("meeting", "open", "2024-03-14", "--chair", "Anna Ek", "--present", "Anna Ek",
          "--present", "Bo Lind", "--adjuster", "Bo Lind")  # fmt: skip
    store("paragraph", "add", "2024-03-14", "--title", "Val av justerare")
    store("meeting", "open", MEETING, "--chair", "Anna Ek", "--present", "Anna Ek",
          "--present", "Bo Lind", "--adjuster", "Bo Lind")  # fmt: skip
    store("agenda", "take", MEETING)
    # numbers continue the year: §1 was the March meeting's
    shown = [store.json("paragraph", "show", "2024", str(n)) for n in (2, 3)]
    assert [p["title"] for p in shown] == ["Verksamhetsplan och budget 2025", "Ansökan SFI-stöd"]
    events = store.events()
    assert "redan tagen" in store.fails("agenda", "take", MEETING).output
    assert store.events() == events
    # ärende 1 decided as proposed; ärende 2 decided otherwise
    store("agenda", "decide", MEETING, "1")
    store("paragraph", "amend", "2024", "3", "--decision", "Styrelsen beviljar SFI-stödet")
    budget = store.json("paragraph", "show", "2024", "2")
    assert budget["decisions"] == ["Styrelsen fastställer budgeten för 2025"]
    text = store("minutes", MEETING).output
    # the förslag shown only where the decision differs from it
    assert "Förslag till beslut: Ärendet återremitteras för komplettering" in text
    assert "Förslag till beslut: Styrelsen fastställer" not in text


def test_the_kungorelse_of_a_public_meeting_is_a_document(store: Finsam) -> None:
    call(store, "2024-11-07", "--item", BUDGET)
    result = store.fails("agenda", "kungorelse", MEETING, "--as-of", "2024-11-07")
    assert result.output.strip() == (
        "error: sammanträdet 2024-11-21 är inte kallat som offentligt: det har ingen kungörelse"
    )
    call(store, "2024-11-08", "--public", "--item", BUDGET, "--item", SFI)
    pdf = store("agenda", "kungorelse", MEETING, "--as-of", "2024-11-08", "--format", "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.stdout_bytes)).pages)
    for expected in ("KUNGÖRELSE", "Sammanträdet är offentligt", "2024-11-21 13.00",
                     "Kommunhuset, Sol", "1. Verksamhetsplan och budget 2025",
                     "2. Ansökan SFI-stöd"):  # fmt: skip
        assert expected in text, expected
    assert "Förslag till beslut" not in text  # the förslag are for the board, in the kallelse


def test_the_web_anslagstavla_shows_the_kungorelse(store: Finsam) -> None:
    from starlette.testclient import TestClient

    from store.application import FinsamApp
    from tests.test_anslagstavla import notices
    from tests.test_web import BASE, TODAY
    from web.app import create_app

    call(store, "2024-11-07", "--public", "--item", BUDGET)
    app = create_app(FinsamApp(store.db), token="s3cret", today=lambda: TODAY)
    with TestClient(app, base_url=BASE) as client:
        html = client.get("/anslagstavla?as_of=2024-11-10").text
        assert notices(html) == ["kungorelse-2024-11-21"]
        assert "Kungörelse: sammanträde 2024-11-21 13.00, Kommunhuset, Sol" in html
        assert notices(client.get("/anslagstavla?as_of=2024-11-22").text) == []
