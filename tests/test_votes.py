"""Yrkanden and omröstning (issue 20, deliverable 5): proposals moved by named ledamöter,
an open vote with each deciding ledamot's vote, simple or qualified majority, the chair's
casting vote on a tie (KL 5:57), a reservation only from a losing vote; in the paragraph's
JSON and in the protokoll PDF."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf
import pytest

from finsam_es.errors import InvalidInput, Refused
from finsam_es.vote import Proposal, Vote, Votes, outcome
from tests.conftest import Finsam

AT = datetime(2026, 1, 1, tzinfo=UTC)
BOARD = (("Anna Berg", "fk"), ("Per Ek", "af"), ("Eva Lund", "region"), ("Lars Nord", "k1"),
         ("Mia Sund", "k2"))  # fmt: skip
NAMES = tuple(name for name, _ in BOARD)
DAY = "2024-03-14"
AB = (Proposal("A", "Bifall till ansökan"), Proposal("B", "Avslag på ansökan", ("Per Ek",)))


@pytest.fixture
def meeting(finsam: Finsam) -> Finsam:
    """Five ledamöter, one for each member (10 §), all present; Anna Berg chairs."""
    finsam("forbund", "create", "ost", "--name", "Östra", "--member", "fk:state:25%",
           "--member", "af:state:25%", "--member", "region:region:25%",
           "--member", "k1:municipality:12.5%", "--member", "k2:municipality:12.5%")  # fmt: skip
    for name, member in BOARD:
        finsam("board", "appoint", name, "--member", member, "--role", "ledamot",
               "--from", "2024-01-01")  # fmt: skip
    present = [arg for name in NAMES for arg in ("--present", name)]
    finsam("meeting", "open", DAY, "--place", "Kommunhuset", "--chair", "Anna Berg",
           "--secretary", "Förbundschefen", "--adjuster", "Per Ek", *present)  # fmt: skip
    finsam("paragraph", "add", DAY, "--title", "Ansökan om medel: Steget vidare",
           "--decision", "Styrelsen beslutar att bevilja ansökan.")  # fmt: skip
    return finsam


def vote(finsam: Finsam, *more: str) -> None:
    finsam("paragraph", "vote", "2024", "1", "--proposal", "A:Bifall till ansökan",
           "--proposal", "B:Avslag på ansökan", "--moved-by", "B:Per Ek",
           "--moved-by", "A:Eva Lund", *more)  # fmt: skip


def test_a_vote_won_3_2_in_the_json_and_the_pdf(meeting: Finsam, tmp_path: Path) -> None:
    # the reglemente allows participation at a distance; Mia Sund takes part so
    meeting("meeting", "allow-distance", "--from", "2024-01-01")
    meeting("meeting", "distance", DAY, "Mia Sund")
    vote(meeting, "--open", "A:B", "--ja", "Anna Berg", "--ja", "Eva Lund", "--ja", "Lars Nord",
         "--nej", "Per Ek", "--nej", "Mia Sund", "--reservation", "Per Ek",
         "--order", "Ordföranden ställer bifall mot avslag; omröstning begärs.")  # fmt: skip
    shown = meeting.json("paragraph", "show", "2024", "1", "--format", "json")
    assert shown["vote"] == {
        "kind": "open", "ja": ["Anna Berg", "Eva Lund", "Lars Nord"],
        "nej": ["Per Ek", "Mia Sund"], "avstar": [], "outcome": "A", "ja_for": "A",
        "nej_for": "B", "order": "Ordföranden ställer bifall mot avslag; omröstning begärs.",
        "qualified": "", "casting_vote": False, "reservations": ["Per Ek"],
        "matter": "", "qualified_source": "",
    }  # fmt: skip
    assert [(p["key"], p["moved_by"]) for p in shown["proposals"]] == [
        ("A", ["Eva Lund"]),
        ("B", ["Per Ek"]),
    ]
    assert shown["dissent"] == ["Per Ek"]
    assert [(a["name"], a["distance"]) for a in shown["attendees"]] == [
        (name, name == "Mia Sund") for name in NAMES
    ]
    # at a distance counts as present; five charter seats, more than half is three
    assert shown["quorum"] == {"present": 5, "required": 3, "seats": 5}
    out = tmp_path / "protokoll.pdf"
    meeting("minutes", DAY, "--format", "pdf", "--output", str(out))
    pages = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
    for line in (
        "Yrkande A (Eva Lund): Bifall till ansökan",
        "Yrkande B (Per Ek): Avslag på ansökan",
        "Propositionsordning: Ordföranden ställer bifall mot avslag; omröstning begärs.",
        "Ja (3): Anna Berg, Eva Lund, Lars Nord",
        "Nej (2): Per Ek, Mia Sund",
        "Med 3–2 har styrelsen beslutat enligt förslag A",
        "Reservation: Per Ek",
        "Deltar på distans Mia Sund",
    ):
        assert line in text


def test_a_tie_goes_the_chairs_way(meeting: Finsam) -> None:
    result = meeting("paragraph", "vote", "2024", "1", "--proposal", "A:Bifall",
                     "--proposal", "B:Avslag", "--open", "A:B", "--ja", "Anna Berg",
                     "--ja", "Eva Lund", "--nej", "Lars Nord", "--nej", "Per Ek",
                     "--avstar", "Mia Sund")  # fmt: skip
    assert "the chair's casting vote decided (KL 5:57)" in result.output
    shown = meeting.json("paragraph", "show", "2024", "1", "--format", "json")["vote"]
    assert (shown["outcome"], shown["casting_vote"]) == ("A", True)


def test_a_vote_the_minutes_cannot_record_is_refused(meeting: Finsam) -> None:
    events = meeting.events()
    result = meeting.fails("paragraph", "vote", "2024", "1", "--proposal", "A:Bifall",
                           "--proposal", "B:Avslag", "--open", "A:B", "--ja", "Anna Berg")  # fmt: skip
    assert result.output.strip() == (
        "error: in an open vote each deciding ledamot votes ja, nej or avstår: "
        "Per Ek, Eva Lund, Lars Nord, Mia Sund is missing"
    )
    result = meeting.fails("paragraph", "vote", "2024", "1", "--proposal", "A:Bifall",
                           "--acclamation", "A", "--reservation", "Per Ek")  # fmt: skip
    assert "only a ledamot who voted against the decision can (KL 4:25)" in result.output
    assert meeting.events() == events


def open_vote(ja: int, nej: int, avstar: int = 0, qualified: str = "") -> Vote:
    names = iter(f"L{i}" for i in range(ja + nej + avstar))
    return Vote(kind="open", ja_for="A", nej_for="B", qualified=qualified,
                ja=tuple(next(names) for _ in range(ja)), nej=tuple(next(names) for _ in range(nej)),
                avstar=tuple(next(names) for _ in range(avstar)))  # fmt: skip


def test_majorities() -> None:
    assert outcome(open_vote(3, 2), "L0").adopted == "A"
    assert outcome(open_vote(2, 3), "L0").adopted == "B"
    # a qualified majority of 2/3 of the votes cast: 4 of 6 is enough, 3 of 5 is not
    assert outcome(open_vote(4, 2, qualified="2/3"), "L0").adopted == "A"
    assert outcome(open_vote(3, 2, qualified="2/3"), "L0").adopted == "B"
    with pytest.raises(Refused, match="voted neither ja nor nej"):
        outcome(open_vote(2, 2, 1), "L4")
    with pytest.raises(InvalidInput, match="more than half"):
        outcome(open_vote(1, 1, qualified="1/2"), "L0")


def test_the_rules_of_a_vote() -> None:
    votes = Votes.open_for("ost", 2024, AT)
    day = date(2024, 3, 14)
    with pytest.raises(InvalidInput, match="Per Ek moved proposal B but does not decide"):
        votes.record_vote(1, day, AB, Vote(kind="acclamation", adopted="A"), NAMES[:1], "", AT)
    with pytest.raises(InvalidInput, match="there is no proposal 'C'"):
        votes.record_vote(1, day, AB, Vote(kind="acclamation", adopted="C"), NAMES, "", AT)
    with pytest.raises(InvalidInput, match="voted more than once"):
        twice = Vote(kind="open", ja_for="A", nej_for="B", ja=NAMES, nej=NAMES[:1])
        votes.record_vote(1, day, AB, twice, NAMES, "Anna Berg", AT)
    found = votes.record_vote(1, day, AB, Vote(kind="acclamation", adopted="A"), NAMES, "", AT)
    assert found.adopted == "A"
