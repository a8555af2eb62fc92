"""The workspace's benchmark runs (make bench calls it, CI does not): on a small store,
signed in through the login form and posting with the CSRF token, every form of the
secretary's path answers as it should. A change to the sign-in or the forms that the
benchmark does not follow fails here, not in the next `make bench`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ON_POSTGRES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(ON_POSTGRES, reason="the benchmark's store is SQLite"),
]


def test_the_workspace_benchmark_drives_every_form_on_a_small_store(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    small = ["--size", "10k", "--dir", str(tmp_path), "--repeat", "2", "--letters", "2"]
    done = subprocess.run(
        [sys.executable, "benchmarks/web_workspace.py", *small],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    # every page and post of the path answered and was measured (the times are the
    # benchmark's to judge, never a test's: a loaded machine is slow, not wrong)
    measured = [line for line in lines if line.startswith(("GET /", "POST "))]
    assert len(measured) == 9 + 9, done.stdout
    assert all("(p99 <= " in line for line in measured)
    assert any(line.startswith("GET protokoll.pdf") for line in lines)
