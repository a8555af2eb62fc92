"""The README's tour and the auditor's walk-through run as written, against the demo
store `make demo` builds, and what the README shows is what finsam prints.

Each ```sh block runs command by command (`export FINSAM_DB=...` switches the store, a
`# ... refused` comment expects exit 1 with one line on stderr, `| grep -E` and `> FILE`
work as in a shell); a plain ``` block after it must be the output of one of its
commands (`$ CMD` lines run CMD; `...` skips lines), a ```json block must be the JSON one
of them printed ("..." matches any value), "on stderr: `TEXT`" must be on stderr, and an
amount in a command's comment ("# result 236 500 kr"), or a position in a JSON answer
shown there, must be in what it printed.
"""

from __future__ import annotations

import contextlib
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import EXAMPLES, ON_POSTGRES

README = Path(__file__).resolve().parent.parent / "README.md"
SECTIONS = ("## A five-minute tour", "## An auditor's walk-through")
AMOUNT = re.compile(r"(?<![\d:])(\d{1,3}(?: \d{3})+|\d+) kr\b")
SPACES = re.compile(r"[\s\u00a0\u202f]+")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(ON_POSTGRES, reason="the README's stores are SQLite files under demo/"),
]


@dataclass
class Block:
    lang: str
    lines: list[str]
    after: str = ""  # the prose up to the next block


def blocks(section: str) -> list[Block]:
    text = README.read_text(encoding="utf-8")
    start = text.index(section)
    end = text.find("\n## ", start + len(section))
    body = text[start : end if end >= 0 else len(text)]
    found: list[Block] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        fence = lines[i]
        if fence.startswith("```"):
            lang = fence[3:].strip()
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            found.append(Block(lang, lines[i + 1 : j]))
            i = j + 1
            continue
        if found:
            found[-1].after += fence + "\n"
        i += 1
    return found


def commands(block: Block) -> Iterator[tuple[str, str]]:
    """(command, comment) for each command line, continuations joined."""
    pending = ""
    for line in block.lines:
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        whole = pending + line
        pending = ""
        if whole.strip():
            yield split_comment(whole)


def split_comment(line: str) -> tuple[str, str]:
    quote = ""
    for i, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i].strip(), line[i + 1 :].strip()
    return line.strip(), ""


@dataclass
class Ran:
    command: str
    exit_code: int
    stdout: str
    stderr: str


@dataclass
class Shell:
    """The README's shell: FINSAM_DB, files under a temporary folder, the last outputs."""

    root: Path
    stores: dict[str, Path]
    db: Path | None = None
    history: list[Ran] = field(default_factory=list)

    def path(self, name: str) -> Path:
        return self.stores.get(name) or self.root / name

    def run(self, line: str, comment: str) -> Ran | None:
        if line.startswith(". ") or not line:
            return None
        if line.startswith("export FINSAM_DB="):
            first, _, rest = line.partition("&&")
            self.db = self.path(first.split("=", 1)[1].strip())
            if rest.strip().startswith("rm -f"):
                self.db.unlink(missing_ok=True)
            return None
        if "<that hash>" in line:
            line = line.replace("<that hash>", last_hash(self.history))
        pipeline, _, grep = line.partition(" | grep -E ")
        command, _, target = pipeline.partition(" > ")
        argv = shlex.split(command)
        assert argv[0] == "finsam", f"the README's tour runs only finsam: {line}"
        assert self.db is not None, f"no FINSAM_DB set before: {line}"
        with contextlib.chdir(self.root):  # files the README names land beside the stores
            result = CliRunner().invoke(
                cli, argv[1:], env={"FINSAM_DB": str(self.db), "COLUMNS": "250"}
            )
        stdout = result.stdout
        if grep:
            pattern = re.compile(shlex.split(grep)[0])
            stdout = "".join(s for s in stdout.splitlines(True) if pattern.search(s))
        if target:
            self.path(target.strip()).write_text(stdout, encoding="utf-8")
        ran = Ran(line, result.exit_code, stdout, result.stderr)
        expect_refusal = "refused" in comment
        if expect_refusal:
            assert ran.exit_code == 1, f"{line}: should be refused\n{result.output}"
            assert len(ran.stderr.strip().splitlines()) == 1, f"{line}: not one line\n{ran.stderr}"
        else:
            assert ran.exit_code == 0, f"{line} failed ({ran.exit_code}):\n{result.output}"
        for position in re.findall(r'"position": (\d+)', comment):  # a JSON answer shown
            assert f'"position":{position}' in stdout, f"{line}: not at position {position}"
        for amount in AMOUNT.findall(comment):
            assert amount in normal(stdout), f"{line}: the comment's {amount} kr is not printed"
        self.history.append(ran)
        return ran


def last_hash(history: list[Ran]) -> str:
    for ran in reversed(history):
        found = re.findall(r"\b[0-9a-f]{64}\b", ran.stdout)
        if found:
            return str(found[-1])
    raise AssertionError("no hash printed before '<that hash>'")


def normal(text: str) -> str:
    """Whitespace as one space and table rules as bars, so a shown table matches at any
    width of the terminal it was copied from."""
    return SPACES.sub(" ", text.replace("│", "|").replace("┃", "|")).strip()


def shows(expected: list[str], printed: str) -> bool:
    """Each shown line is a line printed, in order; "..." skips any lines."""
    lines = [normal(line) for line in printed.splitlines()]
    at = 0
    for want in expected:
        if want.strip() == "...":
            continue
        want = normal(want)
        while at < len(lines) and lines[at] != want:
            at += 1
        if at == len(lines):
            return False
        at += 1
    return True


def same_json(expected: Any, actual: Any) -> bool:
    if expected == "...":
        return True
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and expected.keys() == actual.keys()
            and all(same_json(v, actual[k]) for k, v in expected.items())
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(same_json(e, a) for e, a in zip(expected, actual, strict=True))
        )
    return bool(expected == actual)


def check_output(block: Block, ran: list[Ran], shell: Shell) -> None:
    if block.lang == "json":
        expected = json.loads("\n".join(block.lines))
        outputs = [json.loads(r.stdout) for r in ran if r.stdout.lstrip().startswith("{")]
        assert any(same_json(expected, out) for out in outputs), (
            f"no command printed the README's JSON {expected}; printed: {outputs}"
        )
        return
    if any(line.startswith("$ ") for line in block.lines):
        pairs: list[tuple[str, list[str]]] = []
        for line in block.lines:
            if line.startswith("$ "):
                pairs.append((line[2:], []))
            else:
                pairs[-1][1].append(line)
        for command, expected in pairs:
            done = shell.run(command, "")
            assert done is not None
            assert shows(expected, done.stdout + done.stderr), (
                f"$ {command} printed:\n{done.stdout}{done.stderr}\nnot:\n" + "\n".join(expected)
            )
        return
    assert any(shows(block.lines, r.stdout + r.stderr) for r in ran), (
        "no command of the block before printed:\n" + "\n".join(block.lines)
    )


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory) -> Shell:
    root = tmp_path_factory.mktemp("readme")
    demo = root / "solleftea-2024.db"
    imported = CliRunner().invoke(
        cli, ["--db", str(demo), "import", str(EXAMPLES / "solleftea-2024.toml")]
    )
    assert imported.exit_code == 0, imported.output
    return Shell(root, {"demo/solleftea-2024.db": demo, "demo/tour.db": root / "tour.db"})


@pytest.mark.parametrize("section", SECTIONS)
def test_the_readme_runs_as_written(shell: Shell, section: str) -> None:
    shell.db = shell.stores["demo/solleftea-2024.db"]
    ran: list[Ran] = []
    for block in blocks(section):
        if block.lang == "sh":
            ran = [r for line, comment in commands(block) if (r := shell.run(line, comment))]
        elif ran:
            check_output(block, ran, shell)
        for shown in re.findall(r"on stderr: `([^`]+)`", block.after):
            assert any(shown in r.stderr for r in ran), f"no command warned: {shown}"
