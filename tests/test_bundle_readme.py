"""The audit bundle's README: its recipe, run as written with bash, sha256sum, jq and
sqlite3 only, reproduces the chain's head that finsam reports and the store holds; it
fails on a changed event. And the protocol and the manifest pin one adjustment at the
same position. Skipped where one of the tools is missing."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from projections.bundle_readme import RECIPE_END, RECIPE_START
from projections.queries import Reader
from store.application import FinsamApp
from tests.conftest import EXAMPLES, ON_POSTGRES, Finsam

TOOLS = ("bash", "sha256sum", "jq", "sqlite3")
missing = [t for t in TOOLS if shutil.which(t) is None]
pytestmark = [
    pytest.mark.skipif(bool(missing), reason=f"not installed: {', '.join(missing)}"),
    pytest.mark.skipif(ON_POSTGRES, reason="the recipe's step 4 reads a SQLite store"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Finsam, Path]:
    tmp = tmp_path_factory.mktemp("readme")
    finsam = Finsam(str(tmp / "s.db"))
    finsam("--actor", "kansliet", "import", str(EXAMPLES / "solleftea-2024.toml"))
    directory = tmp / "bundle"
    finsam("audit", "export", str(directory), "--year", "2024")
    return finsam, directory


def recipe(directory: Path) -> str:
    text = (directory / "README.md").read_text(encoding="utf-8")
    start = text.index(RECIPE_START) + len(RECIPE_START)
    return text[start : text.index(RECIPE_END, start)]


def run(directory: Path, db: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"} | ({"FINSAM_DB": db} if db else {})
    return subprocess.run(
        ["bash", "-c", recipe(directory)],
        cwd=directory, env=env, capture_output=True, text=True,
    )  # fmt: skip


def test_the_recipe_reproduces_the_head(exported: tuple[Finsam, Path]) -> None:
    finsam, directory = exported
    readme = (directory / "README.md").read_text(encoding="utf-8")
    assert "## Svenska" in readme and "## English" in readme
    done = run(directory, finsam.db)
    assert done.returncode == 0, done.stdout + done.stderr
    head = finsam.json("audit", "checkpoint")["hash"]
    assert done.stdout.split() == ["head", head, "store", head]


def test_the_recipe_finds_a_changed_event(exported: tuple[Finsam, Path], tmp_path: Path) -> None:
    _, directory = exported
    copy = tmp_path / "copy"
    shutil.copytree(directory, copy)
    (copy / "head.computed").unlink(missing_ok=True)
    events = copy / "events.jsonl"
    lines = events.read_text(encoding="utf-8").splitlines()
    item = json.loads(lines[10])
    item["state"] = item["state"].replace("2024", "2025", 1)
    lines[10] = json.dumps(item, ensure_ascii=False)
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the manifest's hash of events.jsonl is mended too, so step 2 must find it
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["files"]["events.jsonl"] = hashlib.sha256(events.read_bytes()).hexdigest()
    (copy / "manifest.json").write_text(json.dumps(manifest))
    done = run(copy)
    assert done.returncode != 0
    assert f"position {item['position']}: ändrad / changed" in done.stderr


def test_protocol_and_manifest_pin_an_adjustment_at_one_position(
    exported: tuple[Finsam, Path],
) -> None:
    finsam, directory = exported
    manifest = json.loads((directory / "manifest.json").read_text())
    reader = Reader(FinsamApp(finsam.db))
    adjusted = [c for c in manifest["checkpoints"] if c["label"].startswith("minutes of ")]
    # paragraphs adjusted at once are checkpoints of their own, labelled so
    assert any("at once" in c["label"] for c in adjusted)
    whole = [c for c in adjusted if c["label"].endswith(" adjusted")]
    assert whole
    for checkpoint in whole:
        meeting = date.fromisoformat(checkpoint["label"].split()[2])
        head = reader.at().audit.adjustment_head(None, meeting)
        assert head is not None
        assert (head.position, head.hash) == (checkpoint["position"], checkpoint["hash"])
