"""docs/security.md names a test for each case of issue 26: every test it names exists,
so the page cannot point at a test that was renamed or removed."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
NAMED = re.compile(r"`(?:(test_\w+\.py)(?:::(\w+))?|::(\w+))")
CASE_ID = re.compile(r"`…\[([\w-]+)\]`")


def named_tests() -> list[tuple[str, str]]:
    """(file, test) for every test the page names; a bare ``::name`` is of the file
    named before it in its row."""
    found = []
    for row in DOC.read_text(encoding="utf-8").splitlines():
        file = ""
        for named_file, test, bare in NAMED.findall(row):
            file = named_file or file
            if test or bare:
                found.append((file, test or bare))
    return found


def test_every_test_the_page_names_exists() -> None:
    tests = named_tests()
    assert len(tests) > 60
    missing = [
        f"{file}::{test}"
        for file, test in tests
        if not re.search(rf"^def {test}\(", (ROOT / "tests" / file).read_text(), re.M)
    ]
    assert not missing, f"docs/security.md names tests that do not exist: {missing}"


def test_every_sie_case_the_page_names_is_a_case_of_the_test() -> None:
    ids = set(CASE_ID.findall(DOC.read_text(encoding="utf-8")))
    assert len(ids) >= 15
    spec = (ROOT / "tests" / "test_sie_spec.py").read_text(encoding="utf-8")
    assert all(f'"{case}"' in spec for case in ids), ids
