"""The CLI's shape: no import cycle among its modules, reads only through the read
side's front door, writes only through commands/, and no module grown too long.

Read from the source with ``ast``, so a violation is named by file and import.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from finsam_es.base import FinsamAggregate

ROOT = Path(__file__).resolve().parent.parent
CLI = sorted((ROOT / "cli").glob("*.py"))
WEB = sorted((ROOT / "cli" / "web").glob("*.py"))  # the web view: held to the same rules
MAX_LINES = 400
# the file importers (journal, SIE) run the handlers in one unit of work, like the bus
COMMANDS_THE_CLI_MAY_USE = {
    "commands",
    "commands.bus",
    "commands.structs",
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


def test_main_imports_every_noun_and_no_noun_imports_main() -> None:
    importers = [p.name for p in CLI if "main" in cli_modules_imported(p)]
    assert importers == []
    assert {"forbund", "meetings", "reports", "decisions"} <= cli_modules_imported(
        ROOT / "cli" / "main.py"
    )


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


@pytest.mark.parametrize(
    "path",
    [*CLI, *WEB, *sorted((ROOT / "projections").glob("*.py"))],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_no_module_is_too_long(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.parent.name}/{path.name} has {lines} lines"
