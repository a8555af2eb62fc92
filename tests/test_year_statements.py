"""A year's statements answer on the year's balance day (31 December) with what was
recorded later: a settlement decided on 2025-02-13 for 2024 belongs to 2024 (LKBR 4:4)
and the annual report, adopted after it, shows it (issue 19, item 4).

The förbund is the one of tests/test_law_money.py: 120 000 kr budgeted for insatser in
2024, one insats granted 120 000 kr for 2024 (10 000 kr a month), 100 000 kr used,
settled on 2025-02-13. Charged by 31 December: 12 x 10 000 = 120 000 kr; known later:
100 000 kr (the 20 000 kr difference is 2024's).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from msgspec.json import Decoder

from projections import bundle
from projections.queries import Reader
from store.application import FinsamApp
from tests.conftest import Finsam

KR = 100  # öre
MEMBERS = ("fk:state:25%", "af:state:25%", "rvn:region:25%", "solleftea:municipality:25%")


@pytest.fixture
def settled(finsam: Finsam) -> tuple[Finsam, int, int]:
    """The förbund with its 2024 settled on 2025-02-13, and the log positions before and
    after the settlement."""
    members = [a for m in MEMBERS for a in ("--member", m)]
    finsam("forbund", "create", "s", "--name", "S", *members, "--on", "2005-11-01")
    finsam("meeting", "open", "2023-11-23")
    finsam(
        "budget", "adopt", "--year", "2024", "--meeting", "2023-11-23",
        "--line", "driftbidrag:income:120000", "--line", "insatser:cost:120000",
        "--insats-line", "insatser",
    )  # fmt: skip
    finsam(
        "application", "receive", "coach", "--amount", "120000", "--line", "insatser",
        "--start", "2024-01-01", "--end", "2024-12-31", "--on", "2023-10-01",
    )  # fmt: skip
    finsam("grant", "coach", "--meeting", "2023-11-23")
    before = finsam.events()
    finsam("meeting", "open", "2025-02-13")
    finsam("settle", "coach", "--year", "2024", "--used", "100000", "--meeting", "2025-02-13")
    return finsam, before, finsam.events()


def costs(statement: Any) -> int:
    return sum(int(x["outcome"]) for x in statement["lines"] if x["kind"] == "cost")


def accrued(sheet: Any) -> int:
    return next(int(r["amount"]) for r in sheet["liabilities"] if r["account"] == "accrued_costs")


def test_the_years_statements_known_later_hold_the_settlement(
    settled: tuple[Finsam, int, int],
) -> None:
    finsam, before, after = settled
    year = ("--year", "2024")
    # known on 2025-03-15 (here: every event recorded): 100 000 kr, headed 2024-12-31
    later = finsam.json("report", "resultatrakning", *year, "--known-at", f"position:{after}")
    assert later["as_of"] == "2024-12-31"
    assert costs(later) == 100_000 * KR
    # before the settlement was recorded: the charge of 120 000 kr stands
    then = finsam.json("report", "resultatrakning", *year, "--known-at", f"position:{before}")
    assert then["as_of"] == "2024-12-31" and costs(then) == 120_000 * KR
    # by default a year's statement holds everything recorded
    assert costs(finsam.json("report", "resultatrakning", *year)) == 100_000 * KR
    # the balance sheet on 2024-12-31: nothing paid, so the accrued cost is what was used
    sheet = finsam.json("report", "balansrakning", *year, "--known-at", f"position:{after}")
    assert sheet["as_of"] == "2024-12-31" and accrued(sheet) == 100_000 * KR


def test_a_later_as_of_is_the_knowledge_not_the_balance_day(
    settled: tuple[Finsam, int, int],
) -> None:
    finsam, _, _ = settled
    sheet = finsam.json("report", "balansrakning", "--year", "2024", "--as-of", "2025-02-28")
    # headed 2024-12-31, with the settlement of 2025-02-13 (effective by 2025-02-28)
    assert sheet["as_of"] == "2024-12-31" and accrued(sheet) == 100_000 * KR
    # as of 2025-02-01 the settlement was not yet decided
    early = finsam.json("report", "resultatrakning", "--year", "2024", "--as-of", "2025-02-01")
    assert early["as_of"] == "2024-12-31" and costs(early) == 120_000 * KR
    # a day within the year is still the balance day of an interim statement
    june = finsam.json("report", "balansrakning", "--year", "2024", "--as-of", "2024-06-30")
    assert june["as_of"] == "2024-06-30" and accrued(june) == 60_000 * KR  # 6 x 10 000 kr


def test_the_annual_report_shows_the_settlement_decided_after_year_end(
    settled: tuple[Finsam, int, int],
) -> None:
    finsam, _, _ = settled
    statements = Reader(FinsamApp(finsam.db)).at(date(2024, 12, 31)).statements
    books = statements.books(None, 2024, decided_by=date.max)
    doc = statements.report_document("annual", books)
    note = next(s for s in doc.sections if s.heading.startswith("Resultaträkning"))
    result = next(row for row in note.sheet.rows if row[0] == "Årets resultat")
    # no allocation was set: the result is the 100 000 kr used (outcome is column 2)
    assert result[2] == -100_000 * KR


def test_report_annual_is_headed_31_december_and_holds_what_was_known_later(
    settled: tuple[Finsam, int, int], tmp_path: Path
) -> None:
    finsam, before, _ = settled

    def annual(*args: str) -> str:
        out = tmp_path / "a.html"
        finsam("report", "annual", "--year", "2024", *args, "--output", str(out))
        return out.read_text(encoding="utf-8")

    # Årets resultat in tkr (budget 120 - 120 = 0, outcome, previous year): the
    # 100 000 kr used by default, the 120 000 kr charged before the settlement
    result = "<tr><td>Årets resultat</td><td>0</td><td>{}</td><td>0</td>"
    assert result.format(-100) in annual()
    assert result.format(-120) in annual("--known-at", f"position:{before}")
    later = annual("--as-of", "2025-02-28")
    assert "Balansräkning per 2024-12-31" in later and "2025-02-28" not in later
    assert result.format(-100) in later


def test_the_audit_bundles_year_end_reports_hold_the_settlement(
    settled: tuple[Finsam, int, int], tmp_path: Path
) -> None:
    finsam, _, _ = settled
    directory = tmp_path / "revision-2024"
    finsam("audit", "export", str(directory), "--year", "2024")
    result = json.loads((directory / "reports/2024/result.json").read_text())
    used = {x["line"]: x["outcome"] for x in result["lines"]}
    assert result["as_of"] == "2024-12-31" and used["insatser"] == 100_000 * KR
    # no allocation and no opening equity: the equity is the result, -100 000 kr
    equity = json.loads((directory / "reports/2024/equity.json").read_text())
    assert equity["equity"] == -100_000 * KR
    assert "verified" in finsam("audit", "verify", "--bundle", str(directory)).stdout


def test_a_bundle_of_the_first_format_is_checked_by_its_own_rule(
    settled: tuple[Finsam, int, int], tmp_path: Path
) -> None:
    finsam, _, _ = settled
    directory = tmp_path / "b"
    finsam("audit", "export", str(directory), "--year", "2024")
    found = (p for p in directory.rglob("*") if p.is_file())
    files = {p.relative_to(directory).as_posix(): p.read_bytes() for p in found}
    events = [
        (item.position, bundle.decode(item))
        for item in map(Decoder(bundle.BundledEvent).decode, files[bundle.EVENTS].splitlines())
    ]
    # a /1 bundle held the reports of 31 December: the 120 000 kr charged then
    thresholds = bundle.thresholds_of(events)
    old = bundle.reports(bundle.Fold(events), "s", 2024, thresholds, later=False)
    assert old["reports/2024/result.json"] != files["reports/2024/result.json"]
    files.update(old)
    manifest = json.loads(files[bundle.MANIFEST])
    manifest["format"] = bundle.FORMAT_1
    manifest["files"].update({n: hashlib.sha256(d).hexdigest() for n, d in old.items()})
    files[bundle.MANIFEST] = json.dumps(manifest).encode()
    assert bundle.check_bundle(files) == []
    manifest["format"] = bundle.FORMAT  # the same files claimed as /2 do not verify
    files[bundle.MANIFEST] = json.dumps(manifest).encode()
    assert bundle.check_bundle(files) == [
        "reports/2024/result.json is not what the events rebuild",
        "reports/2024/equity.json is not what the events rebuild",
        "reports/2024/interventions.json is not what the events rebuild",
    ]
