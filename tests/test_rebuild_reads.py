"""Queries while `finsam view rebuild` runs in another process answer as before it
(issue 10: 4 of 73 reads during a rebuild said costs of 0 kr with exit 0). The rebuild
writes new tables and swaps them in with the tracked position in one transaction."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import Finsam
from tests.test_postgres_big_import import big_journal

QUERY = ("result", "--year", "2018", "--as-of", "2018-12-31", "--format", "json")
REBUILDS = 3
BOOKINGS = 5000  # the rebuild reads the log in batches of 2000: several commits before


def test_reads_during_rebuilds_answer_as_before(finsam: Finsam, tmp_path: Path) -> None:
    big_journal(tmp_path / "journal.toml", BOOKINGS)
    finsam("import", str(tmp_path / "journal.toml"))
    expected = json.loads(finsam(*QUERY).stdout)
    script = (
        "import sys\nfrom cli.main import main\ndb = sys.argv[1]\n"
        f"for _ in range({REBUILDS}):\n"
        "    sys.argv = ['finsam', '--db', db, 'view', 'rebuild']\n"
        "    try:\n        main()\n    except SystemExit as e:\n"
        "        if e.code:\n            raise\n"
    )
    rebuilding = subprocess.Popen(
        [sys.executable, "-c", script, finsam.db],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    answers: list[object] = []
    while rebuilding.poll() is None or not answers:
        answers.append(json.loads(finsam(*QUERY).stdout))
    _, errors = rebuilding.communicate(timeout=120)
    assert rebuilding.returncode == 0, errors
    assert answers and all(answer == expected for answer in answers), [
        a for a in answers if a != expected
    ][:1]
