"""The audit bundle: exported from a store, checked with no database; a changed event,
report or manifest is named."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Finsam


@pytest.fixture
def bundle(finsam: Finsam, tmp_path: Path) -> Path:
    finsam("--actor", "kansliet", "import", str(EXAMPLES / "solleftea-2024.toml"))
    directory = tmp_path / "revision-2024"
    finsam("audit", "export", str(directory), "--year", "2024")
    return directory


def offline() -> Finsam:
    """finsam with a database path that does not exist: nothing may be opened."""
    return Finsam(str(Path("/nonexistent") / "no.db"))


def test_a_bundle_verifies_offline(bundle: Path, finsam: Finsam) -> None:
    names = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())
    assert names == [
        "README.md",
        "events.jsonl",
        "manifest.json",
        "reports/2024/budget.json",
        "reports/2024/equity.json",
        "reports/2024/interventions.json",
        "reports/2024/result.json",
    ]
    result = offline()("audit", "verify", "--bundle", str(bundle))
    assert "verified" in result.stdout
    equity = json.loads((bundle / "reports/2024/equity.json").read_text())
    assert equity["equity"] == 82_052_600  # 584 026 kr opening + 236 500 kr result of 2024
    manifest = json.loads((bundle / "manifest.json").read_text())
    head = finsam.json("audit", "checkpoint")
    assert manifest["checkpoints"][-1] == {"label": "head", **head}
    assert any(c["label"].startswith("minutes of 2024-") for c in manifest["checkpoints"])
    first = json.loads((bundle / "events.jsonl").read_text().splitlines()[0])
    assert first["link"]["actor"] == "kansliet" and first["recorded"] and first["effective"]


def rewrite(bundle: Path, name: str, old: str, new: str, manifest_too: bool) -> None:
    path = bundle / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    if manifest_too:  # a careful forger updates the manifest's hash as well
        manifest = json.loads((bundle / "manifest.json").read_text())
        manifest["files"][name] = hashlib.sha256(path.read_bytes()).hexdigest()
        (bundle / "manifest.json").write_text(json.dumps(manifest))


def last_line(bundle: Path) -> str:
    result = offline().fails("audit", "verify", "--bundle", str(bundle))
    return result.stderr.strip().splitlines()[-1]


def test_a_changed_file_is_named(bundle: Path) -> None:
    rewrite(bundle, "reports/2024/equity.json", "82052600", "92052600", manifest_too=False)
    assert last_line(bundle) == (
        "error: reports/2024/equity.json does not match its hash in the manifest: changed"
    )


def test_a_changed_report_is_not_what_the_events_rebuild(bundle: Path) -> None:
    rewrite(bundle, "reports/2024/equity.json", "82052600", "92052600", manifest_too=True)
    assert last_line(bundle) == "error: reports/2024/equity.json is not what the events rebuild"


def test_a_changed_event_breaks_its_link(bundle: Path) -> None:
    # the first 2024 allocation payment, 1 416 000 kr, made larger
    rewrite(bundle, "events.jsonl", '\\"amount\\":141600000', '\\"amount\\":141700000', True)
    line = last_line(bundle)
    assert line.startswith("error: position ") and line.endswith("does not match its hash: changed")


def test_not_a_bundle(tmp_path: Path) -> None:
    assert last_line(tmp_path) == "error: the bundle has no manifest.json"
    result = offline().fails("audit", "verify", "--bundle", str(tmp_path / "missing"))
    assert "it is not a directory" in result.stderr


def test_export_refuses_a_directory_in_use(bundle: Path, finsam: Finsam) -> None:
    result = finsam.fails("audit", "export", str(bundle))
    assert f"{bundle} is not empty: export into a new directory" in result.stderr
