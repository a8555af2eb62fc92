"""Digital justering (issue 21 item 1) on the Sollefteå meeting of 2023-11-23
(examples/solleftea-2024.toml), imported here before its paper justering and with a
second justerare (Mikael Sjölund, present at the meeting), so the chair and two
justerare sign it: each signature names the signer, the moment, the sha256 of the
minutes' JSON and the chain head; the last one adjusts the minutes; an amendment in
between voids the signatures made before it; `audit verify` recomputes the hashes.
"""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from projections.signing import content_sha256
from tests.conftest import EXAMPLES, Finsam, sqlite_only

DAY = "2023-11-23"
CHAIR = "Birgitta Häggkvist"
JUSTERARE = ("Patrik Lockner", "Mikael Sjölund")
PAPER = """adjusters = ["Patrik Lockner"]
present = ["Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund", "Lina Kempe"]
adjusted = 2023-11-30
posted = { up = 2023-12-01, down = 2023-12-27 }
"""
DIGITAL = """adjusters = ["Patrik Lockner", "Mikael Sjölund"]
present = ["Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund", "Lina Kempe"]
"""


@pytest.fixture
def unsigned(finsam: Finsam, tmp_path: Path) -> Finsam:
    text = (EXAMPLES / "solleftea-2024.toml").read_text(encoding="utf-8")
    assert text.count(PAPER) == 1
    journal = tmp_path / "solleftea-ojusterat.toml"
    journal.write_text(text.replace(PAPER, DIGITAL), encoding="utf-8")
    finsam("import", str(journal))
    return finsam


def row(finsam: Finsam) -> dict[str, object]:
    rows = finsam.json("meetings", "--year", "2023")
    found: dict[str, object] = next(r for r in rows if r["date"] == DAY)
    return found


def test_the_chair_and_two_justerare_sign_and_the_minutes_are_adjusted(unsigned: Finsam) -> None:
    sha = content_sha256(unsigned.json("minutes", DAY))
    first = unsigned("meeting", "sign", DAY, "--as", JUSTERARE[0])
    assert f"väntar på justering av {CHAIR}, {JUSTERARE[1]}" in first.output
    assert row(unsigned)["adjusted"] is None
    unsigned("meeting", "sign", DAY, "--as", JUSTERARE[1])
    unsigned("meeting", "sign", DAY, "--as", CHAIR)
    meeting = row(unsigned)
    assert meeting["adjusted"] is not None
    signatures = meeting["signatures"]
    assert isinstance(signatures, list)
    assert [s["name"] for s in signatures] == [*JUSTERARE, CHAIR]
    # the hash of the minutes' JSON as `finsam minutes --format json` gives it
    assert {s["sha256"] for s in signatures} == {sha}
    assert all(s["valid"] and s["head"].startswith("position ") for s in signatures)
    text = unsigned("minutes", DAY).stdout
    assert f"Justerat digitalt: {CHAIR} (ordförande)" in text
    assert f"sha256 {sha}" in text
    # adjusted means final: the rule of paper justering holds
    refused = unsigned.fails("paragraph", "amend", "2023", "60", "--title", "Ny rubrik")
    assert "final" in refused.output
    assert "verified" in unsigned("audit", "verify").stdout


def test_a_paragraph_amended_before_the_last_signature_voids_the_earlier_ones(
    unsigned: Finsam,
) -> None:
    unsigned("meeting", "sign", DAY, "--as", JUSTERARE[0])
    unsigned("paragraph", "amend", "2023", "60", "--title", "Val av justerare")
    unsigned("meeting", "sign", DAY, "--as", JUSTERARE[1])
    last = unsigned("meeting", "sign", DAY, "--as", CHAIR)
    assert "Patrik Lockners justering" in last.output
    assert "ogiltig" in last.output
    assert "väntar på justering av Patrik Lockner" in last.output
    meeting = row(unsigned)
    assert meeting["adjusted"] is None
    signatures = meeting["signatures"]
    assert isinstance(signatures, list)
    assert [(s["name"], s["valid"]) for s in signatures] == [
        (JUSTERARE[0], False),
        (JUSTERARE[1], True),
        (CHAIR, True),
    ]
    unsigned("meeting", "sign", DAY, "--as", JUSTERARE[0])
    assert row(unsigned)["adjusted"] is not None


def test_meetings_shows_each_signature_with_its_moment_and_hash(unsigned: Finsam) -> None:
    unsigned("meeting", "sign", DAY, "--as", JUSTERARE[0])
    unsigned("paragraph", "amend", "2023", "60", "--title", "Val av justerare")
    unsigned("meeting", "sign", DAY, "--as", JUSTERARE[1])
    signatures = row(unsigned)["signatures"]
    assert isinstance(signatures, list)
    table = unsigned("meetings", "--year", "2023").stdout
    # the table wraps its cells at spaces: each word of a signature is there whole
    words = {w.rstrip(",)") for w in table.split()}
    assert "Underskrifter" in words
    for s in signatures:
        day, minute = s["at"][:16].split("T")
        assert {*s["name"].split(), day, minute, f"{s['sha256'][:12]}…"} <= words
    # the first was made before the amendment: void, and the table says so once
    assert table.count("ogiltig: gäller") == 1
    assert table.index(f"{signatures[0]['sha256'][:12]}…, ogiltig") > 0


def signatures_section(sha: str, chair_sha: str | None = None) -> str:
    """[[signatures]] of the two justerare and the chair, on three days after the meeting."""
    return "".join(
        f'\n[[signatures]]\ndate = {DAY}\nsigner = "{name}"\n'
        f'sha256 = "{chair_sha if chair_sha and name == CHAIR else sha}"\n'
        f"recorded = 2023-11-{28 + i}T10:00:00Z\n"
        for i, name in enumerate((*JUSTERARE, CHAIR))
    )


def test_a_journal_records_the_signatures_as_meeting_sign_does(
    unsigned: Finsam, make_finsam: Callable[[str], Finsam], tmp_path: Path
) -> None:
    # the hash of the minutes' content, as the store that signed them showed it
    sha = content_sha256(unsigned.json("minutes", DAY))
    text = (EXAMPLES / "solleftea-2024.toml").read_text(encoding="utf-8")
    journal = tmp_path / "signerat.toml"
    journal.write_text(text.replace(PAPER, DIGITAL) + signatures_section(sha), encoding="utf-8")
    signed = make_finsam("signerat")
    signed("import", str(journal))
    meeting = row(signed)
    assert meeting["adjusted"] == "2023-11-30"  # the day of the last signature
    signatures = meeting["signatures"]
    assert isinstance(signatures, list)
    assert [(s["name"], datetime.fromisoformat(s["at"])) for s in signatures] == [
        (name, datetime(2023, 11, 28 + i, 10, tzinfo=UTC))
        for i, name in enumerate((*JUSTERARE, CHAIR))
    ]
    assert all(s["valid"] and s["sha256"] == sha for s in signatures)
    events = signed.events()
    signed("import", str(journal))
    assert signed.events() == events  # a second import adds nothing
    assert "verified" in signed("audit", "verify").stdout
    schema = json.loads(signed("journal", "schema").stdout)
    section = schema["$defs"]["Journal"]["properties"]["signatures"]
    assert section["items"] == {"$ref": "#/$defs/SignMinutes"}  # meeting sign's command
    assert schema["$defs"]["SignMinutes"]["required"] == ["date", "signer", "sha256"]


def test_a_journal_signature_on_other_content_is_void(
    unsigned: Finsam, make_finsam: Callable[[str], Finsam], tmp_path: Path
) -> None:
    sha = content_sha256(unsigned.json("minutes", DAY))
    text = (EXAMPLES / "solleftea-2024.toml").read_text(encoding="utf-8")
    journal = tmp_path / "fel.toml"
    section = signatures_section(sha, chair_sha="0" * 64)
    journal.write_text(text.replace(PAPER, DIGITAL) + section, encoding="utf-8")
    signed = make_finsam("fel")
    signed("import", str(journal))
    meeting = row(signed)
    assert meeting["adjusted"] is None  # the chair approved content that is not these minutes
    signatures = meeting["signatures"]
    assert isinstance(signatures, list)
    assert [(s["name"], s["valid"]) for s in signatures] == [
        (JUSTERARE[0], True),
        (JUSTERARE[1], True),
        (CHAIR, False),
    ]
    result = signed.fails("audit", "verify")
    assert f"signed by {CHAIR}" in result.output and "no longer match" in result.output
    # one förbund's verify, read by index (issue 25), recomputes its signed minutes too
    result = signed.fails("audit", "verify", "--forbund", "solleftea")
    assert f"signed by {CHAIR}" in result.output and "no longer match" in result.output


def test_only_the_chair_and_the_justerare_sign_and_each_once(unsigned: Finsam) -> None:
    before = unsigned.events()
    other = unsigned.fails("meeting", "sign", DAY, "--as", "Lina Kempe")
    assert "Lina Kempe är varken ordförande eller justerare" in other.output
    assert len(other.output.strip().splitlines()) == 1
    assert unsigned.events() == before
    unsigned("meeting", "sign", DAY, "--as", CHAIR)
    again = unsigned.fails("meeting", "sign", DAY, "--as", CHAIR)
    assert "har redan justerat" in again.output


def test_minutes_adjusted_on_paper_are_not_signed_again(finsam: Finsam) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    refused = finsam.fails("meeting", "sign", DAY, "--as", CHAIR)
    assert "justerades 2023-11-30" in refused.output
    assert "paper" in finsam("meeting", "adjust", "--help").output


def test_the_pdf_lists_each_signature_with_its_time_and_hash(unsigned: Finsam) -> None:
    from pypdf import PdfReader

    for name in (*JUSTERARE, CHAIR):
        unsigned("meeting", "sign", DAY, "--as", name)
    signatures = row(unsigned)["signatures"]
    assert isinstance(signatures, list)
    pdf = unsigned.runner.invoke(
        __import__("cli.main", fromlist=["cli"]).cli,
        ["--db", unsigned.db, "minutes", DAY, "--format", "pdf"],
    ).stdout_bytes
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = "".join(text.split())
    assert "Digital justering" in text
    for s in signatures:
        assert s["sha256"] in flat
        assert "".join(f"{s['name']} ({s['role']})".split()) in flat


@sqlite_only  # forges the stored event in the SQLite file itself
def test_audit_verify_names_minutes_that_no_longer_match_their_signatures(
    unsigned: Finsam,
) -> None:
    for name in (*JUSTERARE, CHAIR):
        unsigned("meeting", "sign", DAY, "--as", name)
    # §60's decision changed in the stored event, behind finsam's back
    with sqlite3.connect(unsigned.db) as conn:
        rows = conn.execute("SELECT rowid, state FROM stored_events").fetchall()
        position, state = next(
            (p, bytes(s)) for p, s in rows if "godkänna dagordningen".encode() in bytes(s)
        )
        forged = state.replace("godkänna dagordningen".encode(), "godkänna dagordningar".encode())
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (forged, position))
    result = unsigned("audit", "verify", ok=False)
    assert result.exit_code != 0
    assert f"the minutes of {DAY} (solleftea) signed by {CHAIR}" in result.output
    assert "no longer match their signature" in result.output
