"""Money ärenden carry their effect from the agenda to the decision (issue 20, item 4):
the förslag of an ärende holds a paragraph's effect (grant, referral back, rejection,
budget change), `agenda show` gives it back, and `agenda decide` records the paragraph
with its money through the paragraph's own rules, so the secretary types nothing twice.

Figures: the SFI application of the Sollefteå example (998 000 kr for 2024, its
årsredovisning), referred back on 2023-11-23 and granted later.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Finsam

MEETING = "2023-11-23"
SFI = "Ansökan SFI på modersmål | | 2023/1"
BOARD = ("Birgitta Häggkvist:kommun", "Patrik Lockner:fk", "Mikael Sjölund:rs")


@pytest.fixture
def store(finsam: Finsam) -> Finsam:
    finsam("forbund", "create", "sol", "--name", "Samordningsförbundet Sollefteå",
           "--member", "fk:state:50%", "--member", "rs:region:25%",
           "--member", "kommun:municipality:25%")  # fmt: skip
    for seat in BOARD:
        name, member = seat.split(":")
        finsam("board", "appoint", name, "--member", member, "--role", "ledamot",
               "--from", "2023-01-01")  # fmt: skip
    finsam("diarium", "register", "--on", "2023-10-20", "--direction", "in",
           "--party", "Sollefteå kommun", "--subject", "Ansökan SFI på modersmål")  # fmt: skip
    finsam("application", "receive", "sfi", "--name", "SFI på modersmål",
           "--amount", "998000", "--start", "2024-01-01", "--end", "2024-12-31",
           "--on", "2023-10-20")  # fmt: skip
    return finsam


def open_meeting(finsam: Finsam) -> None:
    finsam("meeting", "open", MEETING, "--chair", "Birgitta Häggkvist",
           "--present", "Birgitta Häggkvist", "--present", "Patrik Lockner",
           "--present", "Mikael Sjölund", "--adjuster", "Patrik Lockner")  # fmt: skip
    finsam("agenda", "take", MEETING)


def call(finsam: Finsam, *effect: str) -> None:
    finsam("agenda", "call", "--date", MEETING, "--sent", "2023-11-09", "--place", "Kommunhuset",
           "--item", "Val av justerare", "--item", SFI, *effect)  # fmt: skip


def test_a_referral_back_on_the_agenda_is_decided_as_proposed(store: Finsam) -> None:
    call(store, "--refer-back", "2:sfi:Komplettera med mål och budget")
    item = store.json("agenda", "show", MEETING, "--as-of", MEETING)["items"][1]
    assert item["effects"] == [{"do": "refer_back", "insats": "sfi",
                                "reason": "Komplettera med mål och budget"}]  # fmt: skip
    assert store.json("agenda", "show", MEETING, "--as-of", MEETING)["items"][0]["effects"] == []
    open_meeting(store)
    store("agenda", "decide", MEETING, "2")
    p = store.json("paragraph", "show", "2023", "2")
    # no förslag written: the effect is the decision, in a sentence, as `paragraph add`
    assert p["effects"] == [
        "återremittera ansökan om medel för insatsen SFI på modersmål för komplettering: "
        "Komplettera med mål och budget"
    ]
    assert p["decisions"] == [f"Styrelsen beslutar att {p['effects'][0]}."]
    sfi = store.json("interventions", "--as-of", MEETING)["interventions"][0]
    assert (sfi["status"], sfi["paragraphs"]) == ("referred_back", ["2023:2"])
    # deciding the same ärende again decides nothing twice
    events = store.events()
    assert "redan beslutat" in store.fails("agenda", "decide", MEETING, "2").output
    assert store.events() == events


def test_a_budget_change_and_a_grant_on_one_ärende_are_decided_in_order(store: Finsam) -> None:
    # as §71 of the Sollefteå example: 998 000 kr moved from Andra insatser to SFI's own
    # line, then SFI granted (the change first: the grant is checked against its line)
    call(store, "--budget-change", "2:2024:sfi:998000",
         "--budget-change", "2:2024:andra-insatser:-998000", "--grant", "2:sfi:998 000")  # fmt: skip
    item = store.json("agenda", "show", MEETING, "--as-of", MEETING)["items"][1]
    assert [e["do"] for e in item["effects"]] == ["change_budget", "grant"]
    html = store("agenda", "show", MEETING, "--as-of", MEETING, "--format", "html").output
    assert "bevilja sfi 998 000 kr" in html
    assert "ändra budgeten 2024: sfi +998 000 kr, andra-insatser -998 000 kr" in html


def test_a_grant_on_the_agenda_grants_with_its_paragraph(store: Finsam) -> None:
    call(store, "--grant", "2:sfi:998 000")
    open_meeting(store)
    out = store("agenda", "decide", MEETING, "2").output
    assert "no budget for 2024" in out  # the grant's own checks ran
    register = store.json("decisions", "--year", "2023")["decisions"]
    assert [(d["paragraph"], d["amount"], d["events"]) for d in register] == [
        ("2023:2", 998_000 * 100, ["Insats.GrantAwarded"])  # öre
    ]


def test_an_effect_names_an_ärende_and_an_application_the_förbund_has(store: Finsam) -> None:
    out = store.fails("agenda", "call", "--date", MEETING, "--sent", "2023-11-09",
                      "--place", "Kommunhuset", "--item", SFI,
                      "--grant", "3:sfi:998000").output  # fmt: skip
    assert "ärende 3" in out and "1 ärenden" in out
    out = store.fails("agenda", "call", "--date", MEETING, "--sent", "2023-11-09",
                      "--place", "Kommunhuset", "--item", SFI,
                      "--refer-back", "1:okand:Komplettera").output  # fmt: skip
    assert "okand" in out
    assert "ärende's number" in store.fails("agenda", "call", "--date", MEETING, "--sent",
                                       "2023-11-09", "--place", "K", "--item", SFI,
                                       "--grant", "x:sfi").output  # fmt: skip


JOURNAL = """
[forbund]
id = "sol"
name = "Samordningsförbundet Sollefteå"
members = [{ id = "fk", kind = "state", share = "50%" },
           { id = "rs", kind = "region", share = "25%" },
           { id = "kommun", kind = "municipality", share = "25%" }]

[[applications]]
insats = "sfi"
name = "SFI på modersmål"
amount = 998000
start = 2024-01-01
end = 2024-12-31
on = 2023-10-20

[[agenda]]
date = 2023-11-23
sent = 2023-11-09
place = "Kommunhuset"
items = [{ title = "Ansökan SFI på modersmål" }]
effects = [{ item = 1, effect = { do = "grant", insats = "sfi", amount = "998 000" } }]
"""


def test_the_journal_carries_the_effect_in_kronor(finsam: Finsam, tmp_path: Path) -> None:
    journal = tmp_path / "sol.toml"
    journal.write_text(JOURNAL, encoding="utf-8")
    finsam("import", str(journal))
    assert "nothing new" in finsam("import", str(journal)).output
    item = finsam.json("agenda", "show", MEETING, "--as-of", MEETING)["items"][0]
    # kronor in the journal, öre as stored and shown: 998 000 kr = 99 800 000 öre
    assert item["effects"][0]["amount"] == 998_000 * 100


def test_the_journal_schema_describes_the_agenda_effects_diarienummer_and_matter(
    finsam: Finsam,
) -> None:
    defs = json.loads(finsam("journal", "schema").stdout)["$defs"]
    assert {"item", "effect"} <= set(defs["ProposedEffect"]["properties"])
    assert "grant" in defs["ProposedEffect"]["properties"]["effect"]["discriminator"]["mapping"]
    assert "effects" in defs["CallMeeting"]["properties"]
    assert {"effects", "description"} <= set(defs["AgendaItem"]["properties"])
    assert {"first", "decided"} <= set(defs["MeetingAgenda"]["properties"])
    assert "agenda" in defs["JournalMeeting"]["properties"]
    assert "diarienummer" in defs["ReceiveApplication"]["properties"]
    assert "matter" in defs["Vote"]["properties"]
