"""Eight processes add 25 paragraphs each to one meeting at once, on the backend of the
run: every § number is used once, no event is lost, and a command refused because
another wrote first says to run it again (the workers do)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Finsam

WORKERS, COMMANDS = 8, 25
MEETING = "2018-03-01"
RETRY = ("run it again",)

WORKER = """
import json, random, sys, time
ATTEMPTS = 500
from click.testing import CliRunner
from cli.main import cli
db, worker, commands, meeting = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
runner, refusals = CliRunner(), []
for i in range(commands):
    for attempt in range(ATTEMPTS):
        args = ["--db", db, "paragraph", "add", meeting, "--title", f"W{worker}-{i}"]
        result = runner.invoke(cli, args)
        if result.exit_code == 0:
            break
        refusals.append(result.output.strip())
        time.sleep(random.random() * 0.01 * min(attempt + 1, 20))  # back off a little
    else:
        raise SystemExit(f"W{worker}-{i} refused {ATTEMPTS} times: {refusals[-1]}")
print(json.dumps(refusals))
"""


@pytest.mark.slow
def test_eight_writers_never_share_a_paragraph_number(finsam: Finsam) -> None:
    finsam("import", str(EXAMPLES / "harnosand-timra-2018.toml"))
    finsam("meeting", "open", MEETING)
    before = len(finsam.json("log")["events"])
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, finsam.db, str(w), str(COMMANDS), MEETING],
            cwd=Path(__file__).resolve().parent.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WORKERS)
    ]
    refusals: list[str] = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err[-2000:]
        refusals += json.loads(out.strip().splitlines()[-1])
    # each paragraph add stores one event (counted in the log: PostgreSQL's positions
    # have gaps where a refused command's transaction drew numbers and rolled back)
    assert len(finsam.json("log")["events"]) == before + WORKERS * COMMANDS
    rows = [  # the example's meeting of 2017 holds §40-45
        r
        for r in finsam.json("log", "--type", "MinutesBook.ParagraphAdded")["events"]
        if r["paragraph"].startswith("2018:")
    ]
    numbers = sorted(int(r["paragraph"].split(":")[1]) for r in rows)
    assert numbers == list(range(1, WORKERS * COMMANDS + 1))
    titles = sorted(r["event"]["paragraph"]["title"] for r in rows)
    assert titles == sorted(f"W{w}-{i}" for w in range(WORKERS) for i in range(COMMANDS))
    for refusal in refusals:
        assert len(refusal.splitlines()) == 1 and any(r in refusal for r in RETRY), refusal
