"""The audit bundle carries the stored documents (handlingar) and `audit verify --bundle`
checks each against the sha256 its diarium entry names (issue 20, item 2): a document
changed by one byte in the bundle fails, named by its entry and file name, even when the
forger rewrites the manifest's hash of it too (the entry's hash is in the chain)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import Finsam

FILE = b"%PDF-1.7 Budgetunderlag 2025\n"
DIGEST = hashlib.sha256(FILE).hexdigest()


@pytest.fixture
def bundle(finsam: Finsam, tmp_path: Path) -> Path:
    finsam("forbund", "create", "sol", "--name", "Samordningsförbundet Sol",
           "--member", "fk:state:50%", "--member", "kommun:municipality:50%")  # fmt: skip
    underlag = tmp_path / "budgetunderlag.pdf"
    underlag.write_bytes(FILE)
    finsam("diarium", "register", "--on", "2024-10-01", "--direction", "out",
           "--party", "Medlemmarna", "--subject", "Budgetunderlag 2025",
           "--file", str(underlag))  # fmt: skip
    directory = tmp_path / "revision"
    finsam("audit", "export", str(directory))
    return directory


def test_the_bundle_holds_each_document_under_its_hash(finsam: Finsam, bundle: Path) -> None:
    assert (bundle / "documents" / DIGEST).read_bytes() == FILE
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["format"] == "finsam-audit-bundle/3"
    assert manifest["files"][f"documents/{DIGEST}"] == DIGEST
    assert "verified" in finsam("audit", "verify", "--bundle", str(bundle)).output


def test_a_document_changed_by_one_byte_fails_naming_it(finsam: Finsam, bundle: Path) -> None:
    path = bundle / "documents" / DIGEST
    changed = bytearray(FILE)
    changed[0] ^= 1
    path.write_bytes(bytes(changed))
    # the forger rewrites the manifest's hash of the file as well: its entry still names it
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["files"][f"documents/{DIGEST}"] = hashlib.sha256(changed).hexdigest()
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    out = finsam.fails("audit", "verify", "--bundle", str(bundle)).output
    assert "the document budgetunderlag.pdf (2024/1) has changed" in out


def test_a_document_left_out_fails(finsam: Finsam, bundle: Path) -> None:
    (bundle / "documents" / DIGEST).unlink()
    out = finsam.fails("audit", "verify", "--bundle", str(bundle), "--format", "json").output
    assert "budgetunderlag.pdf (2024/1) is missing from the bundle" in out
