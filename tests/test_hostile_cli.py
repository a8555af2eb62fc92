"""Issue 26's last cases on the command line, on the backend of the run: a share text
that hung `forbund create` for minutes, `audit export` onto a file, and the help that
once advised a password in the URL."""

from __future__ import annotations

import re
import time
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli
from tests.conftest import Finsam


def test_a_share_with_a_huge_exponent_is_refused_at_once(finsam: Finsam) -> None:
    started = time.monotonic()
    result = finsam.fails(
        "forbund", "create", "f", "--name", "F",
        "--member", "fk:state:1e999999999%", "--member", "k:municipality:50%",
    )  # fmt: skip
    assert time.monotonic() - started < 10  # Decimal("1e999999999") took over 180 s
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "error: '1e999999999%' is not a share (write it like 25%, 4.16667%, 1/24 or 250000kr)"
    ]


def test_audit_export_onto_a_file_is_one_line(finsam: Finsam, tmp_path: Path) -> None:
    target = tmp_path / "revision"
    target.write_text("kept")
    result = finsam.fails("audit", "export", str(target))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: Invalid value for 'DIRECTORY': Directory '{target}' is a file. "
        "(see: finsam audit export --help)"
    ]
    assert target.read_text() == "kept"


def test_the_help_shows_the_safe_way_to_give_a_password() -> None:
    out = " ".join(CliRunner().invoke(cli, ["--help"]).output.split())
    assert "postgresql://user@host/db URL; give its password in FINSAM_DB_PASSWORD" in out
    assert "never in the URL (ps shows it)" in out
    assert not re.search(r"postgresql://[^@\s]*:[^@\s]*@", out)  # no user:password@ form
    serve = " ".join(CliRunner().invoke(cli, ["serve", "--help"]).output.split())
    assert "use FINSAM_WEB_TOKEN or --token-file" in serve
