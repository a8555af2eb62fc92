"""The förbund's own words per section of its report (issue 23): recorded, replaced from
a day, kept in the log so the report as known at a moment shows the words it had."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from finsam_es.errors import InvalidInput
from finsam_es.report_text import ReportTexts
from tests.conftest import Finsam

AT = datetime(2026, 1, 1, tzinfo=UTC)
# seeds/solleftea-arsredovisning-2024.txt, 1.5: the förbund's own words on its equity
OWN_WORDS = (
    "Förbundet har i olika forum och vid återkommande tillfällen informerat medlemsparterna "
    "om att ekonomiskt utrymme funnits för finansiering av ytterligare insatser."
)


@pytest.fixture
def store(finsam: Finsam) -> Finsam:
    finsam("forbund", "create", "sol", "--name", "Sol", "--member", "fk:state:50%",
           "--member", "kommun:municipality:50%")  # fmt: skip
    return finsam


def texts(finsam: Finsam, *more: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = finsam.json("report-texts", "--year", "2024", *more)
    return rows


def test_a_text_is_replaced_from_its_day_and_kept(store: Finsam, tmp_path: Path) -> None:
    store("report-text", "ekonomi", "--year", "2024", "--on", "2025-02-13", "--text", "Utkast.")
    first = store.events()
    words = tmp_path / "ekonomi.txt"
    words.write_text(OWN_WORDS + "\n", encoding="utf-8")
    store("report-text", "ekonomi", "--year", "2024", "--on", "2025-03-01", "--file", str(words))
    assert [(r["section"], r["text"]) for r in texts(store)] == [("ekonomi", OWN_WORDS)]
    assert texts(store, "--as-of", "2025-02-28")[0]["text"] == "Utkast."
    assert texts(store, "--known-at", f"position:{first}")[0]["text"] == "Utkast."
    store("report-text", "ekonomi", "--year", "2024", "--on", "2025-03-05", "--text", "")
    assert texts(store) == []


def test_a_text_needs_one_source_and_a_section_name(store: Finsam) -> None:
    events = store.events()
    result = store.fails("report-text", "ekonomi", "--year", "2024", "--on", "2025-02-13")
    assert result.output.strip() == "error: give the text with --text or --file (one of them)"
    result = store.fails(
        "report-text", "Ekonomi och annat", "--year", "2024", "--on", "2025-02-13", "--text", "x"
    )
    assert "is not a section name" in result.output
    assert store.events() == events


def test_the_rules_of_a_text() -> None:
    texts = ReportTexts.open_for("sol", 2024, AT)
    with pytest.raises(InvalidInput, match="longer than 20000 characters"):
        texts.record_text("annual", "ekonomi", "x" * 20_001, date(2025, 2, 13), AT)
    texts.record_text("halfyear", "ekonomi", " Ord. ", date(2024, 8, 31), AT)
    *_, event = texts.collect_events()
    assert isinstance(event, ReportTexts.TextRecorded)
    assert (event.report, event.section, event.text) == ("halfyear", "ekonomi", "Ord.")
