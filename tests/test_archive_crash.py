"""`finsam archive` killed with SIGKILL while it writes (issue 21): no partial package is
ever left where the package goes, only a hidden folder beside it, which the next run
removes before it writes the package whole. Each finsam runs in a child process. The
archive only reads the store, so SQLite stands for both backends here.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[1]
NS = {"mets": "http://www.loc.gov/METS/"}
HREF = "{http://www.w3.org/1999/xlink}href"
KILLS = 3  # kill points per kind of output: after a random number of files written

pytestmark = pytest.mark.slow


def finsam(db: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "cli.main", "--db", str(db), *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finished(process: subprocess.Popen[bytes]) -> None:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, (out + err).decode()


def partial(where: Path) -> list[Path]:
    return [p for p in where.iterdir() if ".finsam-partial-" in p.name]


def written(where: Path) -> int:
    """The files a running archive has written so far (0 while its folder moves)."""
    try:
        return sum(1 for d in partial(where) for f in d.rglob("*") if f.is_file())
    except FileNotFoundError:  # renamed into place (or removed) while counted
        return 0


def whole(files: dict[str, bytes]) -> None:
    """Every file METS.xml lists is there with its SHA-256, and nothing else is."""
    mets = ET.fromstring(files.pop("METS.xml"))
    listed = {
        ref.attrib[HREF]: ref.attrib["CHECKSUM"] for ref in mets.iterfind(".//mets:mdRef", NS)
    }
    for f in mets.iterfind(".//mets:file", NS):
        located = f.find("mets:FLocat", NS)
        assert located is not None
        listed[located.attrib[HREF]] = f.attrib["CHECKSUM"]
    assert listed == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def read(output: Path) -> dict[str, bytes]:
    if output.suffix == ".zip":
        with zipfile.ZipFile(output) as z:
            prefix = f"{output.stem}/"
            return {n[len(prefix) :]: z.read(n) for n in z.namelist() if not n.endswith("/")}
    return {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("name", ["arkiv-2024", "arkiv-2024.zip"])
def test_a_killed_archive_leaves_no_partial_package_and_the_next_run_completes(
    tmp_path: Path, name: str
) -> None:
    db = tmp_path / "solleftea.db"
    finished(finsam(db, "import", str(EXAMPLES / "solleftea-2024.toml")))
    where = tmp_path / "ut"
    where.mkdir()
    output = where / name
    rng = random.Random(f"archive-{name}")
    killed = 0
    for _ in range(KILLS):
        after = rng.randrange(1, 55)  # the package has 61 files; kill after this many
        process = finsam(db, "archive", "--year", "2024", "--output", str(output))
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if written(where) >= after:
                break
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        if output.exists():  # it finished before the kill: then it is whole
            whole(read(output))
            shutil.rmtree(output) if output.is_dir() else output.unlink()
            continue
        assert partial(where), "a killed run leaves its hidden folder, nothing else"
        killed += 1
    assert killed > 0, "no kill came while the package was being written"
    finished(finsam(db, "archive", "--year", "2024", "--output", str(output)))
    assert partial(where) == []  # the killed runs' folders are gone
    assert [p.name for p in where.iterdir()] == [name]
    whole(read(output))
