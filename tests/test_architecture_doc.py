"""docs/architecture.md is true of the code, as far as a test can read it: every module
it names exists where it says (in a path like `store/chain.py`, or in the table of
where things are, under its package), and every module of the packages has a row, so
the map never lags the territory. The layering it describes is held by test_layers.py.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PACKAGES = ("finsam_es", "store", "commands", "projections", "cli", "web")
PATH = re.compile(r"`((?:" + "|".join(PACKAGES) + r")/[\w/]+\.py)`")
ROW = re.compile(r"^\| (?:`(\w+)/`[^|]*)?\| (.*?) \|", re.M)
MODULE = re.compile(r"`([\w/]+\.py)`")


def table_modules() -> dict[str, set[str]]:
    """The modules the table of "Where things are" names, per package."""
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("| package | module | what it holds |") :]
    table = table[: table.index("\n\n")]
    found: dict[str, set[str]] = {}
    package = ""
    for named, modules in ROW.findall(table):
        package = named or package
        if package in PACKAGES:
            found.setdefault(package, set()).update(MODULE.findall(modules))
    return found


def test_every_path_the_document_names_exists() -> None:
    missing = sorted({p for p in PATH.findall(DOC.read_text(encoding="utf-8"))} - existing())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_module_in_the_table_exists_in_its_package() -> None:
    missing = [
        f"{package}/{module}"
        for package, modules in table_modules().items()
        for module in sorted(modules)
        if not (ROOT / package / module).exists()
    ]
    assert not missing, f"the table names modules its package does not have: {missing}"


def test_every_module_has_a_row() -> None:
    named = table_modules()
    unnamed = [
        f"{package}/{path.name}"
        for package in PACKAGES
        for path in sorted((ROOT / package).glob("*.py"))
        if path.name != "__init__.py" and path.name not in named.get(package, set())
    ]
    assert not unnamed, f"modules docs/architecture.md does not place: {unnamed}"


def existing() -> set[str]:
    return {
        p.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for p in (ROOT / package).rglob("*.py")
    }
