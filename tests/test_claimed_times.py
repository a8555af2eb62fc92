"""Claimed recording times for history migrated from paper or an older system: a
journal entry may state `recorded`; --known-at uses that claim, `log` shows it beside
the store's own time, and a claim may not run backwards or lie in the future."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Finsam

JOURNAL = """
[forbund]
id = "demo"
name = "Samordningsförbundet Demo"
created = 2005-11-30
recorded = 2019-01-10T09:00:00Z
members = [
  { id = "fk",  kind = "state",        share = "25%" },
  { id = "af",  kind = "state",        share = "25%" },
  { id = "rvn", kind = "region",       share = "25%" },
  { id = "k",   kind = "municipality", share = "25%" },
]

[[board]]
name = "Lars Kempe"
member = "k"
role = "ledamot"
from = 2019-01-01
chair = true

[[meetings]]
date = 2019-02-01
recorded = {FEBRUARY}
[[meetings.paragraphs]]
title = "Mötets öppnande"

[[meetings]]
date = 2019-03-01
recorded = 2019-03-04T15:30:00Z
[[meetings.paragraphs]]
title = "Mötets öppnande"
"""


def journal(tmp_path: Path, february: str = "2019-02-05T10:00:00Z") -> Path:
    path = tmp_path / "migrated.toml"
    path.write_text(JOURNAL.replace("{FEBRUARY}", february))
    return path


def test_known_at_uses_the_claimed_times(finsam: Finsam, tmp_path: Path) -> None:
    finsam("import", str(journal(tmp_path)))
    # as known on 10 February 2019 the March meeting had not been recorded
    refused = finsam.fails("minutes", "2019-03-01", "--known-at", "2019-02-10")
    assert "2019-03-01" in refused.stderr
    march = finsam.json("minutes", "2019-03-01", "--known-at", "2019-03-05")
    assert march == finsam.json("minutes", "2019-03-01")
    february = finsam.json("minutes", "2019-02-01", "--known-at", "2019-02-10")
    assert february == finsam.json("minutes", "2019-02-01")
    # the board appointment states no time: it takes the claim before it (the förbund's)
    assert finsam.json("board", "--as-of", "2019-06-30", "--known-at", "2019-01-10")["seats"]


def test_log_shows_the_claim_beside_the_stores_own_time(finsam: Finsam, tmp_path: Path) -> None:
    finsam("import", str(journal(tmp_path)))
    events = finsam.json("log")["events"]
    claimed = [e for e in events if e["claimed"]]
    assert claimed and claimed[0]["recorded"] == "2019-01-10T09:00:00+00:00"
    assert all(e["stored"] > "2026" or e["stored"] > e["recorded"] for e in claimed)
    # the import marks what it imported in the store's side table, not in an event
    assert not [e for e in events if e["type"] == "Forbund.JournalEntriesImported"]
    table = finsam("log", "--limit", "3").stdout
    assert "(uppgiven)" in table and "Lagrad" in table
    assert "verified" in finsam("audit", "verify").stdout


def test_a_claim_that_runs_backwards_is_refused(finsam: Finsam, tmp_path: Path) -> None:
    result = finsam.fails("import", str(journal(tmp_path, february="2018-12-01T00:00:00Z")))
    assert "meetings[0] (2019-02-01): recorded = 2018-12-01T00:00:00+00:00 runs backwards" in (
        result.stderr
    )
    assert finsam.events() == 0


def test_a_claim_in_the_future_is_refused(finsam: Finsam, tmp_path: Path) -> None:
    result = finsam.fails("import", str(journal(tmp_path, february="2999-01-01T00:00:00Z")))
    assert "recorded = 2999-01-01T00:00:00+00:00 lies in the future" in result.stderr
    assert finsam.events() == 0


def test_claims_before_what_the_store_holds_are_refused(finsam: Finsam, tmp_path: Path) -> None:
    finsam("import", str(journal(tmp_path)))
    later = tmp_path / "later.toml"
    later.write_text(
        '[forbund]\nid = "demo"\n\n[[meetings]]\ndate = 2019-04-01\n'
        "recorded = 2019-01-01T00:00:00Z\n"
    )
    result = finsam.fails("import", str(later))
    assert "is before what the store already holds for this förbund" in result.stderr


def test_a_claim_is_not_part_of_the_fingerprint(finsam: Finsam, tmp_path: Path) -> None:
    finsam("import", str(journal(tmp_path)))
    before = finsam.events()
    result = finsam("import", str(journal(tmp_path, february="2019-02-06T10:00:00Z")))
    assert "nothing new" in result.output
    assert finsam.events() == before
