"""The hledger journal passes hledger's own strict check (accounts and commodity
declared), on the Sollefteå example; the balances against finsam's are in
tests/test_exports.py. Skipped where hledger is not installed (make test installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Finsam

HLEDGER = shutil.which("hledger")


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed (make test installs it)")
@pytest.mark.parametrize("as_of", ["2024-01-31", "2025-12-31"])
def test_hledger_check_strict_passes(finsam: Finsam, tmp_path: Path, as_of: str) -> None:
    assert HLEDGER is not None
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    path = tmp_path / "s.journal"
    finsam("export", "hledger", "--as-of", as_of, "--output", str(path))
    run = subprocess.run(
        [HLEDGER, "-f", str(path), "check", "--strict"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    # the check is not vacuous: an undeclared account is refused
    path.write_text(
        path.read_text() + "\n2024-12-31 x\n    assets:typo  1.00 SEK\n    assets:bank\n"
    )
    run = subprocess.run(
        [HLEDGER, "-f", str(path), "check", "--strict"], capture_output=True, text=True
    )
    assert run.returncode != 0 and "assets:typo" in run.stderr
