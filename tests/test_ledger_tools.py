"""The hledger journal passes hledger's own strict check (accounts and commodity
declared) and the beancount ledger passes bean-check, on the Sollefteå example; the
balances against finsam's are in tests/test_exports.py. Skipped where a tool is not
installed (make test installs hledger; beancount is a PyPI package)."""

from __future__ import annotations

import shutil
import subprocess
import sys
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


# beancount is in the test extra: its bean-check stands beside this Python (the venv's
# bin, which need not be on PATH)
BESIDE = Path(sys.executable).parent / "bean-check"
BEAN_CHECK = str(BESIDE) if BESIDE.exists() else shutil.which("bean-check")


@pytest.mark.skipif(BEAN_CHECK is None, reason="beancount is not installed (pip: beancount)")
def test_bean_check_passes(finsam: Finsam, tmp_path: Path) -> None:
    assert BEAN_CHECK is not None
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    path = tmp_path / "s.beancount"
    finsam("export", "beancount", "--as-of", "2025-12-31", "--output", str(path))
    run = subprocess.run([BEAN_CHECK, str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    # not vacuous: a posting to an account never opened is an error
    path.write_text(
        path.read_text() + '\n2025-12-31 * "x"\n  Assets:Typo  1.00 SEK\n  Assets:Bank\n'
    )
    run = subprocess.run([BEAN_CHECK, str(path)], capture_output=True, text=True)
    assert run.returncode != 0 and "Assets:Typo" in run.stdout + run.stderr
