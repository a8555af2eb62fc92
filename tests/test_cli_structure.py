"""The CLI's shape: no import cycle among its modules, reads only through the read
side's front door, writes only through commands/, and no module grown too long.

Read from the source with ``ast``, so a violation is named by file and import.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_es.base import FinsamAggregate

ROOT = Path(__file__).resolve().parent.parent
CLI = sorted((ROOT / "cli").glob("*.py"))
WEB = sorted((ROOT / "web").glob("*.py"))  # the web view: held to the same rules
MAX_LINES = 400
# the file importers (journal, SIE) run the handlers in one unit of work, like the bus
COMMANDS_THE_CLI_MAY_USE = {
    "commands",
    "commands.bus",
    "commands.structs",
    "commands.agenda_structs",  # the kallelse's commands (issue 20), beside structs.py
    "commands.journal",
    "commands.sie_import",
}


def imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every name the file imports; name is "" for `import module`."""
    out: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out += [(node.module, alias.name) for alias in node.names]
    return out


def cli_modules_imported(path: Path) -> set[str]:
    """The cli modules a cli file imports (`from cli import x`, `from cli.x import y`)."""
    names = {p.stem for p in CLI}
    found = set()
    for module, name in imports(path):
        if module == "cli" and name in names:
            found.add(name)
        elif module.startswith("cli."):
            found.add(module.removeprefix("cli."))
    return found


def test_cli_modules_import_each_other_without_a_cycle() -> None:
    graph = {p.stem: cli_modules_imported(p) for p in CLI}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        if module in path:
            cycle = " -> ".join((*path[path.index(module) :], module))
            pytest.fail(f"import cycle in cli/: {cycle}")
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_main_names_every_noun_and_no_noun_imports_main() -> None:
    """cli/main.py loads each noun's module when one of its commands runs (its
    ``COMMANDS`` table), so no noun is imported by it, and none imports it."""
    from cli.catalog import COMMANDS

    importers = [p.name for p in CLI if "main" in cli_modules_imported(p)]
    assert importers == []
    nouns = {module.removeprefix("cli.") for module, _, _ in COMMANDS.values()}
    assert nouns == {
        p.stem
        for p in CLI
        if p.stem not in ("main", "catalog")
        and hasattr(importlib.import_module(f"cli.{p.stem}"), "COMMANDS")
    } | {"web.serve"}


def test_the_command_table_names_every_command_with_its_own_help() -> None:
    """``finsam --help`` lists the commands from cli/main.py's table without importing
    them: each entry must be the command its module defines, under its name and with the
    first paragraph of its help, and every command of every noun must be in it."""
    from cli.catalog import COMMANDS

    for name, (module, attribute, text) in COMMANDS.items():
        command = getattr(importlib.import_module(module), attribute)
        assert (command.name, command.get_short_help_str(limit=10**6)) == (name, text)
    defined = {
        command.name
        for module, _, _ in COMMANDS.values()
        for command in importlib.import_module(module).COMMANDS
    }
    assert defined == set(COMMANDS)


HEAVY = (  # what `finsam --help` must not import (each costs tens of milliseconds)
    "eventsourcing",
    "store.application",
    "finsam_es.insats",
    "commands.structs",
    "commands.bus",
    "projections.queries",
    "rich.console",
    "rich.emoji",
    "jinja2",
    "babel",
    "starlette",
    "xlsxwriter",
    "msgspec",
)


def test_help_imports_neither_side_nor_the_heavy_libraries() -> None:
    script = (
        "import sys\n"
        "from cli.main import main\n"
        "sys.argv = ['finsam', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "Commands:" in run.stdout
    loaded = set(run.stderr.split())
    imported = sorted(
        m for m in loaded for heavy in HEAVY if m == heavy or m.startswith(f"{heavy}.")
    )
    assert imported == []


@pytest.mark.parametrize("path", [*CLI, *WEB], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cli_writes_through_commands_and_reads_through_projections(path: Path) -> None:
    wrong = []
    for module, name in imports(path):
        if module.split(".")[0] == "commands" and module not in COMMANDS_THE_CLI_MAY_USE:
            wrong.append(f"{module}.{name}")
        if name == "UnitOfWork":
            wrong.append(f"{module}.{name}")
        if module.startswith("finsam_es") and name:
            imported = getattr(importlib.import_module(module), name, None)
            if isinstance(imported, type) and issubclass(imported, FinsamAggregate):
                wrong.append(f"{module}.{name} (an aggregate)")
    assert not wrong, f"{path.name} imports {', '.join(wrong)}"


@pytest.mark.parametrize("path", [*CLI, *WEB], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_two_faces_stand_side_by_side(path: Path) -> None:
    """web/ reads through projections/ and imports nothing of cli/, and cli/ imports
    nothing of web/: the catalogue names `finsam serve` by its module path instead."""
    other = "web" if path.parent.name == "cli" else "cli"
    wrong = [m for m, _ in imports(path) if m == other or m.startswith(f"{other}.")]
    assert not wrong, f"{path.parent.name}/{path.name} imports {', '.join(wrong)}"
