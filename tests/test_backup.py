"""`finsam backup FILE`: a consistent online copy of a SQLite store that answers every
question as the store does; a file that exists is refused; a PostgreSQL store is
pointed to pg_dump."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, ON_POSTGRES, Finsam

QUERIES = (
    ("result", "--year", "2024", "--as-of", "2024-12-31"),
    ("equity", "--as-of", "2024-12-31"),
    ("interventions", "--as-of", "2024-12-31"),
    ("log",),
)


def test_a_backup_answers_as_the_store(finsam: Finsam, tmp_path: Path) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    target = tmp_path / "backup.db"
    if ON_POSTGRES:
        result = finsam.fails("backup", str(target))
        assert "use pg_dump" in result.output
        return
    result = finsam("backup", str(target))
    assert f"backed up to {target} ({finsam.events()} events)" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = Finsam(str(target))
    for query in QUERIES:
        assert copy.json(*query) == finsam.json(*query)
    again = finsam.fails("backup", str(target))
    assert again.output.strip() == f"error: {target} already exists or is no file: name a new file"


def test_a_backup_taken_while_another_process_writes_is_whole(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    store = Finsam(str(db))
    store("import", str(EXAMPLES / "harnosand-timra-2018.toml"))
    writer = subprocess.Popen(
        [str(Path(sys.executable).parent / "finsam"), "--db", str(db), "import",
         str(EXAMPLES / "harnosand-timra-2020.toml")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    target = tmp_path / "backup.db"
    store("backup", str(target))
    writer.wait(timeout=120)
    copy = Finsam(str(target))
    # the copy is the store at one moment: its chain is whole and its view agrees
    assert "verified" in copy("audit", "verify").stdout
