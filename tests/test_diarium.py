"""The diarium and its documents (issue 20, deliverables 1 and 2): diarienummer YYYY/N
never reused, secret subjects kept out of public lists, files kept once by their sha256
beside the log, and a file changed in the store named by `audit verify`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from finsam_es.diarium import Diarium, parse_number
from finsam_es.documents import MAX_SIZE, Document, reference
from finsam_es.errors import InvalidInput
from store.application import FinsamApp
from tests.conftest import Finsam

AT = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def store(finsam: Finsam) -> Finsam:
    finsam("forbund", "create", "sol", "--name", "Sol", "--member", "fk:state:50%",
           "--member", "kommun:municipality:50%")  # fmt: skip
    return finsam


def register(finsam: Finsam, on: str, *more: str) -> str:
    result = finsam("diarium", "register", "--on", on, "--direction", "in",
                    "--party", "Arbetsförmedlingen", "--subject", "Ansökan om medel", *more)  # fmt: skip
    return result.output.split(":")[0].lstrip("✓ ").strip()


def test_numbers_follow_the_year_and_are_never_reused(store: Finsam) -> None:
    assert register(store, "2023-12-28") == "2023/1"
    assert register(store, "2024-01-02") == "2024/1"
    assert register(store, "2024-01-02") == "2024/2"
    rows = store.json("diarium", "--year", "2024", "--as-of", "2024-12-31", "--format", "json")
    assert [r["number"] for r in rows] == ["2024/1", "2024/2"]
    assert set(rows[0]) == {"number", "date", "direction", "party", "subject", "secret",
                            "concerns", "documents"}  # fmt: skip
    # the list on an earlier date holds what was registered by then
    assert store.json("diarium", "--as-of", "2023-12-31", "--format", "json")[0]["number"] == (
        "2023/1"
    )


def test_a_secret_subject_stays_out_of_the_public_list(store: Finsam) -> None:
    register(store, "2024-02-01", "--secret")
    public = store.json("diarium", "--as-of", "2024-02-01", "--public", "--format", "json")
    assert (public[0]["subject"], public[0]["secret"]) == (None, True)
    own = store.json("diarium", "--as-of", "2024-02-01", "--format", "json")
    assert own[0]["subject"] == "Ansökan om medel"
    csv = store("diarium", "--as-of", "2024-02-01", "--public", "--format", "csv").output
    assert "(sekretess)" in csv and "Ansökan" not in csv


def test_what_an_entry_concerns_must_exist(store: Finsam) -> None:
    events = store.events()
    result = store.fails("diarium", "register", "--on", "2024-02-01", "--direction", "in",
                         "--party", "AF", "--subject", "x", "--concerns", "application:nope")  # fmt: skip
    assert result.output.strip() == "error: sol has no application or insats 'nope'"
    result = store.fails("diarium", "register", "--on", "2024-02-01", "--direction", "in",
                         "--party", "AF", "--subject", "x", "--concerns", "ett möte")  # fmt: skip
    assert "is not what an entry can concern" in result.output
    assert store.events() == events


def test_files_are_kept_once_and_a_changed_one_fails_audit_verify(
    store: Finsam, tmp_path: Path
) -> None:
    pdf = tmp_path / "ansokan.pdf"
    pdf.write_bytes(b"%PDF-1.7 Ansokan om medel, Steget vidare\n")
    copy = tmp_path / "bilaga.pdf"
    copy.write_bytes(pdf.read_bytes())
    register(store, "2024-02-01", "--file", str(pdf))
    register(store, "2024-02-02", "--file", str(copy))
    rows = store.json("diarium", "--as-of", "2024-12-31", "--format", "json")
    digests = {r["documents"][0]["sha256"] for r in rows}
    assert len(digests) == 1  # the same bytes under two names
    app = FinsamApp(store.db)
    datastore = app.factory.datastore  # type: ignore[attr-defined]
    mark = "%s" if "postgres" in type(datastore).__module__ else "?"
    with datastore.transaction(commit=False) as c:
        c.execute("SELECT COUNT(*) FROM finsam_documents")
        row = c.fetchone()
        assert (tuple(row.values()) if isinstance(row, dict) else tuple(row))[0] == 1
    store("audit", "verify")
    changed = bytearray(pdf.read_bytes())
    changed[-2] ^= 1  # one byte
    with datastore.transaction(commit=True) as c:
        c.execute(f"UPDATE finsam_documents SET content = {mark}", (bytes(changed),))
    result = store.fails("audit", "verify")
    assert "the document ansokan.pdf (2024/1) has changed in the store" in result.output
    assert "the document bilaga.pdf (2024/2) has changed in the store" in result.output


def test_a_file_too_large_is_refused_in_one_line(store: Finsam, tmp_path: Path) -> None:
    big = tmp_path / "arkiv.zip"
    with big.open("wb") as f:
        f.truncate(MAX_SIZE + 1)
    events = store.events()
    result = store.fails("diarium", "register", "--on", "2024-02-01", "--direction", "in",
                         "--party", "AF", "--subject", "x", "--file", str(big))  # fmt: skip
    assert result.output.strip() == (
        "error: arkiv.zip is larger than 20 MB, the most finsam keeps of one document"
    )
    assert store.events() == events


def test_the_rules_of_an_entry() -> None:
    diarium = Diarium.open_for("sol", 2024, AT)
    with pytest.raises(InvalidInput, match="name the sender or recipient"):
        diarium.register(date(2024, 3, 1), "in", " ", "Ansökan", AT)
    with pytest.raises(InvalidInput, match="is empty"):
        reference(Document("tom.pdf", b""))
    assert diarium.register(date(2024, 3, 1), "out", "Kommunen", "Beslut", AT) == "2024/1"
    assert diarium.entry("2024/1").party == "Kommunen"
    assert parse_number(" 2024/17 ") == (2024, 17)
    with pytest.raises(InvalidInput, match="not a diarienummer"):
        parse_number("17/2024")


def test_a_journal_registers_its_diarium(finsam: Finsam, tmp_path: Path) -> None:
    journal = tmp_path / "diarium.toml"
    journal.write_text(
        """
[forbund]
id = "sol"
name = "Sol"
members = [{ id = "fk", kind = "state", share = "50%" },
           { id = "kommun", kind = "municipality", share = "50%" }]

[[diarium]]
on = 2024-02-01
direction = "in"
party = "Arbetsförmedlingen"
subject = "Ansökan om medel"
documents = [{ name = "ansokan.txt", content = "QW5zw7ZrYW4K" }]
""",
        encoding="utf-8",
    )
    finsam("import", str(journal))
    finsam("import", str(journal))  # imported once
    rows = finsam.json("diarium", "--as-of", "2024-12-31", "--format", "json")
    # the content is base64 of "Ansökan\n": 7 letters, ö two bytes in UTF-8, a newline
    assert [(r["number"], r["documents"][0]["size"]) for r in rows] == [("2024/1", 9)]
    finsam("audit", "verify")


def test_a_copy_of_the_store_holds_the_documents(store: Finsam, tmp_path: Path) -> None:
    pdf = tmp_path / "ansokan.pdf"
    pdf.write_bytes(b"%PDF-1.7 Ansokan om medel, Steget vidare\n")
    register(store, "2024-02-01", "--file", str(pdf))
    target = tmp_path / "kopia.db"
    store("copy", "--from", store.db, "--to", str(target))
    copy = Finsam(str(target))
    copy("audit", "verify")  # every document the entries name is there, unchanged
    assert copy.json("diarium", "--as-of", "2024-02-01", "--format", "json") == store.json(
        "diarium", "--as-of", "2024-02-01", "--format", "json"
    )
