"""Issue 26: no secret on a command line or in a message, and a write that fails (a
full disk) removes what it began and says so in one line, naming its target."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cli.secrets import mask, password_warning
from finsam_es.errors import InvalidInput
from store import store_copy
from tests.conftest import EXAMPLES, Finsam, sqlite_only
from web.serve import read_token, web_token

PASSWORD = "hemligt-9f3a"
# port 1 on loopback: nothing listens, so the connection is refused at once
URL = f"postgresql://finsam:{PASSWORD}@127.0.0.1:1/finsam"


def test_a_password_in_the_url_is_warned_about_and_never_printed(tmp_path: Path) -> None:
    result = Finsam(URL).fails("result", "--year", "2024")
    assert PASSWORD not in result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "warning: --db carries a password, which every user of this machine can read in the "
        "process list: give it in FINSAM_DB_PASSWORD, PGPASSWORD or ~/.pgpass instead"
    )
    assert len(lines) == 2 and lines[1].startswith("error: ")


def test_backup_to_a_url_is_refused_without_its_password(finsam: Finsam) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    result = finsam.fails("backup", URL)
    assert PASSWORD not in result.output
    assert result.output.splitlines() == [
        "error: backup writes a new SQLite file, not 127.0.0.1:1/finsam: use finsam copy "
        "--to for a PostgreSQL database"
    ]


def test_every_url_password_and_secret_variable_is_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", "ur-miljon")
    said = f"connection to {URL} failed for ur-miljon"
    assert mask(said) == ("connection to postgresql://finsam:***@127.0.0.1:1/finsam failed for ***")
    assert password_warning("postgresql://finsam@db.example.se/finsam") is None


def test_the_web_token_comes_from_a_file_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "token"
    path.write_text("s3cret-fil\n")
    monkeypatch.setenv("FINSAM_WEB_TOKEN", "s3cret-miljo")
    assert web_token(None, str(path)) == "s3cret-fil"
    assert web_token(None, None) == "s3cret-miljo"
    assert capsys.readouterr().err == ""
    assert web_token("s3cret-rad", None) == "s3cret-rad"
    assert "--token on the command line is visible" in capsys.readouterr().err
    with pytest.raises(InvalidInput, match=r"--token-file .*: cannot read it"):
        web_token(None, str(tmp_path / "none"))
    path.write_text("\n")
    with pytest.raises(InvalidInput, match="holds no token"):
        read_token(str(path))


class _DiskFullBackup:
    """A source connection whose backup begins writing the target, then finds the disk
    full, as SQLite does: the target's rollback journal is left beside it."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def backup(self, target: sqlite3.Connection) -> None:
        target.execute("BEGIN")
        target.execute("CREATE TABLE begun (x)")
        raise sqlite3.OperationalError("database or disk is full")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)

    def __enter__(self) -> _DiskFullBackup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()


@sqlite_only
def test_a_backup_onto_a_full_disk_leaves_nothing(
    finsam: Finsam, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    target = tmp_path / "kopia.db"
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> Any:
        conn = real(*args, **kwargs)
        # the backup opens the store by its path alone; the store's own connections differ
        return _DiskFullBackup(conn) if args == (finsam.db,) and not kwargs else conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    result = finsam.fails("backup", str(target))
    assert result.output.splitlines() == [
        f"error: cannot back up to {target}: database or disk is full; removed what it began"
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("kopia")) == []


@sqlite_only
def test_a_copy_onto_a_full_disk_names_the_target_and_leaves_nothing(
    finsam: Finsam, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    target = tmp_path / "kopia.db"

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_copy, "_insert_events", full)
    result = finsam.fails("copy", "--to", str(target))
    assert result.output.splitlines() == [
        f"error: the copy into {target} failed: [Errno 28] No space left on device "
        "(the new file is removed)"
    ]
    assert not any(p.name.startswith("kopia") for p in tmp_path.iterdir())


def test_an_audit_export_onto_a_full_disk_leaves_no_partial_bundle(
    finsam: Finsam, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    target = tmp_path / "revision"
    real = Path.write_bytes
    written: list[Path] = []

    def fills_the_disk(path: Path, data: Any) -> int:
        if written:  # the first file fits, the second does not
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", fills_the_disk)
    result = finsam.fails("audit", "export", str(target), "--year", "2024")
    assert written  # a file was written before the disk filled
    assert result.output.splitlines() == [
        f"error: cannot write the bundle into {target} (No space left on device): "
        "nothing of it is left"
    ]
    assert not target.exists()
