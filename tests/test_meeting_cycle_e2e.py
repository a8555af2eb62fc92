"""Issue 20's Done-when, end to end through the CLI as a secretary works: on a fresh
store an application is registered in the diarium on receipt, the meeting is called
with its ärende (förslag till beslut, the grant it proposes, a handling uploaded to the
diarium) and distance participation allowed, opened from the agenda with one ledamot at
a distance, the ärende decided in an open vote won 3–2 (the förslag against a yrkande
to reject), the meeting closed; the protokoll PDF shows the förslag, the yrkanden, the
vote with names and the distance participant; and a stored document changed by one
byte fails `audit verify`, named.

Figures: five ledamöter, one per member; more than half of five is three (KL 6:27),
and all five decide, Mia Sund at a distance (lag 2003:1210 19 a §: counted as present).
The grant is the 998 000 kr of the Sollefteå example's SFI application.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from store.application import FinsamApp
from tests.conftest import Finsam

BOARD = (("Anna Berg", "fk"), ("Per Ek", "af"), ("Eva Lund", "region"), ("Lars Nord", "k1"),
         ("Mia Sund", "k2"))  # fmt: skip
DAY = "2024-11-21"
FORSLAG = "Styrelsen beslutar att bevilja SFI på modersmål 998 000 kr för 2025."
AVSLAG = "Styrelsen avslår ansökan."
UNDERLAG = b"%PDF-1.7 Beredningens underlag: SFI 2025\n"

pytestmark = pytest.mark.slow  # over 5 s: the protokoll through Typst, some 25 commands


def test_a_meeting_from_the_diarium_to_the_protokoll(finsam: Finsam, tmp_path: Path) -> None:
    s = finsam
    s("forbund", "create", "ost", "--name", "Samordningsförbundet Öst",
      "--member", "fk:state:25%", "--member", "af:state:25%",
      "--member", "region:region:25%", "--member", "k1:municipality:12.5%",
      "--member", "k2:municipality:12.5%:Kommunen")  # fmt: skip
    for name, member in BOARD:
        s("board", "appoint", name, "--member", member, "--role", "ledamot",
          "--from", "2024-01-01")  # fmt: skip
    # the application comes in: registered in the diarium on receipt
    out = s("application", "receive", "sfi", "--name", "SFI på modersmål", "--owner", "k2",
            "--amount", "998000", "--start", "2025-01-01", "--end", "2025-12-31",
            "--on", "2024-10-01").output  # fmt: skip
    assert "dnr 2024/1" in out
    # the beredning's underlag, a handling of the ärende, uploaded to the diarium
    underlag = tmp_path / "underlag.pdf"
    underlag.write_bytes(UNDERLAG)
    s("diarium", "register", "--on", "2024-10-20", "--direction", "out", "--party", "Styrelsen",
      "--subject", "Beredningens underlag: SFI 2025", "--concerns", "application:sfi",
      "--file", str(underlag))  # fmt: skip
    # the board's decision to allow distance participation, then the kallelse
    s("meeting", "allow-distance", "--from", "2024-01-01")
    s("agenda", "call", "--date", DAY, "--sent", "2024-11-07", "--time", "13.00",
      "--place", "Kommunhuset", "--distance",
      "--item", f"Ansökan om medel: SFI på modersmål | {FORSLAG} | 2024/2",
      "--grant", "1:sfi:998 000")  # fmt: skip
    kallelse = s.json("agenda", "show", DAY, "--as-of", "2024-11-07")
    [item] = kallelse["items"]
    assert kallelse["distance_allowed"] is True
    assert (item["proposal"], [e["do"] for e in item["effects"]]) == (FORSLAG, ["grant"])
    assert [d["name"] for d in item["documents"]] == ["underlag.pdf"]
    # the meeting: all five decide, Mia Sund at a distance
    present = [arg for name, _ in BOARD for arg in ("--present", name)]
    s("meeting", "open", DAY, "--place", "Kommunhuset", "--time", "13.00",
      "--chair", "Anna Berg", "--secretary", "Förbundschefen", "--adjuster", "Per Ek",
      *present)  # fmt: skip
    s("meeting", "distance", DAY, "Mia Sund")
    s("agenda", "take", DAY)
    # Per Ek moves to reject; the chair puts the förslag against it; an open vote, 3–2
    s("paragraph", "vote", "2024", "1", "--proposal", f"A:{FORSLAG}",
      "--proposal", f"B:{AVSLAG}", "--moved-by", "B:Per Ek",
      "--order", "Ordföranden ställer förslaget mot avslagsyrkandet; omröstning begärs.",
      "--open", "A:B", "--ja", "Anna Berg", "--ja", "Eva Lund", "--ja", "Lars Nord",
      "--nej", "Per Ek", "--nej", "Mia Sund", "--reservation", "Per Ek")  # fmt: skip
    s("agenda", "decide", DAY, "1")  # the förslag won: decided as proposed, with its grant
    s("meeting", "close", DAY)
    shown = s.json("paragraph", "show", "2024", "1")
    assert shown["decisions"] == [FORSLAG]
    # the application's number (its grant names the §) and the ärende's handling
    assert shown["diarienummer"] == "2024/1, 2024/2"
    assert (shown["vote"]["outcome"], len(shown["vote"]["ja"]), len(shown["vote"]["nej"])) == (
        "A", 3, 2,
    )  # fmt: skip
    assert shown["quorum"] == {"present": 5, "required": 3, "seats": 5}
    sfi = s.json("interventions", "--as-of", DAY)["interventions"][0]
    assert (sfi["granted"], sfi["diarienummer"]) == (998_000 * 100, "2024/1")
    # the protokoll PDF
    pdf = tmp_path / "protokoll.pdf"
    s("minutes", DAY, "--format", "pdf", "--output", str(pdf))
    pages = PdfReader(io.BytesIO(pdf.read_bytes())).pages
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
    for shown_text in (
        f"Yrkande A (förslag till beslut): {FORSLAG}",
        f"Yrkande B (Per Ek): {AVSLAG}",
        "Ja (3): Anna Berg, Eva Lund, Lars Nord",
        "Nej (2): Per Ek, Mia Sund",
        "Med 3–2 har styrelsen beslutat enligt förslag A",
        "Mia Sund",
        "distans",
    ):
        assert shown_text in text, shown_text
    # a stored document changed by one byte fails audit verify, named
    s("audit", "verify")
    app = FinsamApp(s.db)  # held while its datastore is used
    datastore = app.factory.datastore  # type: ignore[attr-defined]
    mark = "%s" if "postgres" in type(datastore).__module__ else "?"
    changed = bytearray(UNDERLAG)
    changed[-2] ^= 1
    with datastore.transaction(commit=True) as c:
        c.execute(f"UPDATE finsam_documents SET content = {mark}", (bytes(changed),))
    out = s.fails("audit", "verify").output
    assert "the document underlag.pdf (2024/2) has changed in the store" in out
