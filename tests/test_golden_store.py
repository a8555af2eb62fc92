"""A store written by an earlier version opens and answers exactly as it did then.

See tests/golden/README.md: the store and the answers were made on one commit; the
events in it are stored under that commit's topics and shapes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli

GOLDEN = Path(__file__).resolve().parent / "golden"
pytestmark = pytest.mark.slow


def load_answers(name: str) -> list[dict[str, Any]]:
    with open(GOLDEN / f"{name}.answers.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.mark.parametrize("name", ["store-v1"])
def test_golden_store_answers_as_before(name: str, tmp_path: Path) -> None:
    db = tmp_path / f"{name}.sqlite"
    shutil.copyfile(GOLDEN / f"{name}.sqlite", db)
    runner = CliRunner()
    answers = load_answers(name)
    differ = []
    for item in answers:
        result = runner.invoke(cli, ["--db", str(db), *v1_call(item["args"]), "--format", "json"])
        if result.exit_code != 0:
            differ.append((item["args"], result.output))
        elif not keeps(item["answer"], json.loads(result.stdout)):
            differ.append((item["args"], "answer differs"))
    assert not differ, f"{len(differ)} of {len(answers)} answers differ, first: {differ[:3]}"


def v1_call(args: list[str]) -> list[str]:
    """The call that asks today what v1 was asked: v1's `interventions` listed every
    insats, which `interventions --all` does now (by default it lists those current on
    the date, issue 25)."""
    return [*args, "--all"] if "interventions" in args else args


def keeps(v1: Any, now: Any) -> bool:
    """Every key and value v1 answered is answered the same now. Documents may gain
    keys (the minutes and paragraphs did, with attendance and the anslag), never lose
    or change one; lists keep their length and order."""
    if isinstance(v1, dict):
        return isinstance(now, dict) and all(k in now and keeps(v, now[k]) for k, v in v1.items())
    if isinstance(v1, list):
        return (
            isinstance(now, list)
            and len(v1) == len(now)
            and all(keeps(a, b) for a, b in zip(v1, now, strict=True))
        )
    return bool(v1 == now and type(v1) is type(now))


def test_keeps_allows_added_keys_only() -> None:
    assert keeps({"a": [{"b": 1}]}, {"a": [{"b": 1, "c": 2}], "d": 3})
    assert not keeps({"a": [{"b": 1}]}, {"a": [{"b": 2}]})
    assert not keeps({"a": [1]}, {"a": [1, 2]})
    assert not keeps({"a": 1}, {"a": 1.0})
    assert not keeps({"a": 1}, {})


def test_golden_store_holds_the_published_figures(tmp_path: Path) -> None:
    """The store's answers are the seed's figures, not just whatever v1 said."""
    answers = {" ".join(a["args"]): a["answer"] for a in load_answers("store-v1")}
    equity = answers["--forbund solleftea equity --as-of 2024-12-31"]
    # Sollefteå årsredovisning 2024: eget kapital 584 026 kr + årets resultat 236 500 kr.
    assert equity["equity"] == (584_026 + 236_500) * 100
    result = answers["--forbund solleftea result --year 2024 --as-of 2024-12-31"]
    assert result["result"] == 236_500 * 100


def test_a_journal_imported_by_v1_imports_nothing_again(tmp_path: Path) -> None:
    """Fingerprints of imported entries are stored; renamed or reshaped commands must
    still give the fingerprints v1 stored, or a grown journal would import twice."""
    db = tmp_path / "store.sqlite"
    shutil.copyfile(GOLDEN / "store-v1.sqlite", db)
    runner = CliRunner()
    journal = GOLDEN / "solleftea-2024.v1.toml"

    def count() -> int:
        result = runner.invoke(cli, ["--db", str(db), "log", "--format", "json"])
        return len(json.loads(result.stdout)["events"])

    before = count()
    result = runner.invoke(cli, ["--db", str(db), "import", str(journal)])
    assert result.exit_code == 0, result.output
    assert "nothing new" in result.output
    assert count() == before
