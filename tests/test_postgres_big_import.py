"""An import of 100 000 entries on PostgreSQL completes (issue 10: ~30 000 hung in
psycopg's pipeline inside the library's insert, holding the events table's lock; see
store/chain_postgres.py). Run in a child process with a time limit, so a hang
fails the test instead of stopping the suite."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ON_POSTGRES, PG_URL, postgres_database

ENTRIES = 100_000
EXAMPLE = EXAMPLES / "harnosand-timra-2018.toml"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PG_URL, reason="set FINSAM_TEST_POSTGRES"),
    # the SQLite run already imports it on the server; the PostgreSQL run need not again
    pytest.mark.skipif(ON_POSTGRES, reason="run once per `make test`, in the first run"),
]


def big_journal(path: Path, bookings: int) -> None:
    """The 2018 example (16 entries) and `bookings` distinct costs on its line ovriga."""
    parts = [EXAMPLE.read_text(encoding="utf-8")]
    for i in range(bookings):
        parts.append(
            f'\n[[bookings]]\nkind = "cost"\nline = "ovriga"\namount = "{1 + i % 100},{i % 100:02d}"\n'
            f'on = 2018-{1 + i % 12:02d}-{1 + i % 28:02d}\ntext = "Utlägg nr {i}"\n'
        )
    path.write_text("".join(parts), encoding="utf-8")


def finsam(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "finsam"), "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=600,  # a hang is a failure, not a stuck suite
        check=False,
    )


def test_a_100_000_entry_import_completes_and_reimports_nothing(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    journal = tmp_path / "big.toml"
    big_journal(journal, ENTRIES - 16)
    with postgres_database() as db:
        first = finsam(db, "import", str(journal))
        assert first.returncode == 0, first.stderr
        # the 16 example entries make the events the example alone makes (counted on a
        # SQLite file: an application is registered in the diarium too, a posting makes an
        # anslag per notice board); each booking one more
        alone = finsam(str(tmp_path / "alone.db"), "import", str(EXAMPLE))
        found = re.search(r"\((\d+) events stored\)", alone.stdout + alone.stderr)
        assert found, alone.stdout + alone.stderr
        receipt = first.stdout + first.stderr
        assert f"imported {ENTRIES} of {ENTRIES} entries" in receipt
        assert f"({int(found.group(1)) + ENTRIES - 16} events stored)" in receipt
        again = finsam(db, "import", str(journal))
        assert again.returncode == 0, again.stderr
        assert "nothing new" in again.stdout + again.stderr
