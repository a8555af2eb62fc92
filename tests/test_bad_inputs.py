"""The attack corpus kept as tests: each malformed journal in tests/bad_inputs/ gets its
exact one-line error (tests/bad_inputs/expected.tsv), exit code 1, and leaves the store
as it was (event count and a hash of every stored row). The journals are written by
tests/bad_inputs/make_corpus.py from the 2018 example; the store holds Sollefteå 2024,
so a case fails on its own fault, not on a förbund already imported.

A hypothesis test feeds random documents and random bytes to the journal decoder: it
returns a journal or refuses with a FinsamError, never another exception."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commands.journal import decode
from finsam_es.errors import FinsamError
from tests.conftest import (
    EXAMPLES,
    EXAMPLES_PER_PROPERTY,
    ON_POSTGRES,
    Finsam,
    postgres_database,
    sqlite_only,
)

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
EXPECTED = dict(
    line.split("\t", 1)
    for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines()
)


def store_digest(db: Path) -> tuple[int, str]:
    """The number of stored events and a hash of every row of the events and the chain."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
        for table in ("stored_events", "finsam_chain"):
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
    return int(count), digest.hexdigest()


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("base") / "solleftea.db"
    Finsam(str(db))("import", str(EXAMPLES / "solleftea-2024.toml"))
    return db


def test_the_corpus_has_at_least_sixty_cases_each_with_its_error() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.toml"))
    assert len(files) >= 60
    assert files == sorted(EXPECTED)


@sqlite_only
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_malformed_journal_is_one_line_and_changes_nothing(
    name: str, base_store: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.db"
    with sqlite3.connect(base_store) as source, sqlite3.connect(db) as copy:
        source.backup(copy)  # the events may still be in the -wal file: copy the store
    before = store_digest(db)
    journal = CORPUS / name
    result = Finsam(str(db)).fails("import", str(journal))
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"error: {journal}: {EXPECTED[name]}"]
    assert store_digest(db) == before


def postgres_digest(url: str) -> tuple[int, str]:
    """``store_digest`` of a PostgreSQL store."""
    import psycopg

    digest = hashlib.sha256()
    with psycopg.connect(url) as conn:  # its password from PGPASSWORD (conftest.py)
        row = conn.execute("SELECT COUNT(*) FROM finsam_events").fetchone()
        for table, key in (("finsam_events", "notification_id"), ("finsam_chain", "position")):
            for found in conn.execute(f"SELECT * FROM {table} ORDER BY {key}"):
                digest.update(repr(found).encode())
    return int(row[0] if row else 0), digest.hexdigest()


@pytest.fixture(scope="module")
def postgres_store() -> Iterator[str]:
    """Sollefteå 2024 on PostgreSQL, shared by the cases: each must leave it as it was."""
    with postgres_database() as url:
        Finsam(url)("import", str(EXAMPLES / "solleftea-2024.toml"))
        yield url


@pytest.mark.skipif(not ON_POSTGRES, reason="the PostgreSQL pass; SQLite's is above")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_malformed_journal_is_refused_alike_on_postgresql(name: str, postgres_store: str) -> None:
    before = postgres_digest(postgres_store)
    journal = CORPUS / name
    result = Finsam(postgres_store).fails("import", str(journal))
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"error: {journal}: {EXPECTED[name]}"]
    assert postgres_digest(postgres_store) == before


# -- the same bounds on the command line ----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("paragraph", "add", "2025-03-01", "--title", "Fel", "--number", "10000"),
        ("paragraph", "renumber", "2025", "1", "--to", "10000"),
    ],
)
def test_a_paragraph_number_beyond_a_year_is_one_line_on_the_cli(
    finsam: Finsam, args: tuple[str, ...]
) -> None:
    # the journal refuses number > 9999 (paragraph-number-huge.toml); the CLI alike
    finsam(
        "forbund",
        "create",
        "test",
        "--name",
        "Test",
        "--member",
        "fk:state:50%",
        "--member",
        "k:municipality:50%",
    )
    finsam("meeting", "open", "2025-03-01")
    finsam("paragraph", "add", "2025-03-01", "--title", "Mötets öppnande")
    before = finsam.events()
    result = finsam.fails(*args)
    assert result.exit_code == 1
    number = args[-1]
    assert result.output.splitlines() == [
        f"error: §{number} is beyond the highest paragraph number of a year (9999)"
    ]
    assert finsam.events() == before
    # the next free number is still §2, not one beyond the refused one
    assert "§2 " in finsam("paragraph", "add", "2025-03-01", "--title", "Nästa").output


# -- the decoder under random input ----------------------------------------------------

_keys = st.sampled_from(
    ["forbund", "id", "name", "created", "quorum", "members", "allocations", "year", "total",
     "applications", "insats", "amount", "start", "end", "on", "meetings", "date", "number",
     "paragraphs", "decisions", "kind", "share", "bookings", "line", "text", "x"]
)  # fmt: skip
_scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "").replace('"', "") + '"'),
    st.sampled_from(["true", "2024-02-30", "2024-01-01", "0001-01-01", "9999-12-31", "[]", "{}"]),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            lines.append(f"[{draw(_keys)}]")
        elif kind == 1:
            lines.append(f"[[{draw(_keys)}]]")
        else:
            lines.append(f"{draw(_keys)} = {draw(_scalars)}")
    return "\n".join(lines) + "\n"


FUZZ = settings(
    max_examples=EXAMPLES_PER_PROPERTY * 5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _decode_or_refuse(path: Path) -> None:
    try:
        decode(path)
    except FinsamError as e:
        assert "\n" not in str(e)


@FUZZ
@given(text=documents())
def test_random_documents_decode_or_are_refused_in_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_text(text, encoding="utf-8")
    _decode_or_refuse(path)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_decode_or_are_refused_in_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(data)
    _decode_or_refuse(path)


@FUZZ
@given(cut=st.integers(0, 9000), junk=st.binary(max_size=8))
def test_the_example_cut_anywhere_is_decoded_or_refused(
    tmp_path: Path, cut: int, junk: bytes
) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes((EXAMPLES / "harnosand-timra-2018.toml").read_bytes()[:cut] + junk)
    _decode_or_refuse(path)


# -- hostile arguments: every number bounded before it is converted (issue 26) ---------

CREATE = (
    "forbund",
    "create",
    "t",
    "--name",
    "T",
    "--member",
    "fk:state:50%",
    "--member",
    "k:municipality:50%",
)
_HUGE = "9" * 5000  # beyond Python's 4 300-digit int-string limit


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("result", "--year", "-1"), "'--year': '-1' is outside 1900 to 2199"),
        (("result", "--year", "1"), "'--year': '1' is outside 1900 to 2199"),
        (("report", "resultatrakning", "--year", "1"), "'--year': '1' is outside 1900 to 2199"),
        (("audit", "export", "--year", "99999", "b"), "'--year': '99999' is outside 1900 to 2199"),
        (("result", "--year", "²⁰²⁴"), "'--year': '²⁰²⁴' is not a whole number"),
        (
            ("result", "--known-at", "position:99999999999999999999"),
            "'--known-at': 'position:99999999999999999999' names no log position",
        ),
        (("result", "--known-at", "position:" + _HUGE), "'--known-at': 'position:9999"),
        (("result", "--known-at", "0001-01-01"), "0001-01-01 is outside the dates finsam accepts"),
        (("book", "cost", "kansli", _HUGE, "--on", "2024-03-01"), "beyond the largest amount"),
        (("explain", f"result:{_HUGE}"), "is not a figure"),
        (("explain", "budget:²⁰²⁴:kansli"), "is not a figure"),
        (("impact", _HUGE), "is not a paragraph reference"),
        (
            ("paragraph", "add", "2025-03-01", "--title", "F", "--corrects", f"2024:{_HUGE}"),
            "'2024:99999999999999999999999999999999999… (5005 characters)' is not a paragraph "
            "reference",
        ),
        (("paragraph", "show", "2024", _HUGE), "'NUMBER': '9999"),
        (
            ("paragraph", "add", "2025-03-01", "--title", "F", "--number", "99999999999999999999"),
            "'--number': '99999999999999999999' is outside 0 to 999999999",
        ),
    ],
)
def test_a_hostile_argument_is_one_line_naming_it(
    finsam: Finsam, args: tuple[str, ...], names: str
) -> None:
    finsam(*CREATE)
    before = finsam.events()
    result = finsam.fails(*args)
    assert finsam.events() == before
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert names in lines[0]
    assert len(lines[0]) < 400  # a 5 000-digit argument is not echoed back whole


@pytest.mark.parametrize(
    ("actor", "said"),
    [
        ("Anna\x1b[2J", "holds the control character U+001B"),
        ("A" * 201, "201 characters is longer than finsam accepts (200)"),
    ],
)
def test_an_actor_with_a_control_character_or_too_long_is_one_line(
    finsam: Finsam, actor: str, said: str
) -> None:
    result = finsam.fails("--actor", actor, "forbund", "list")
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: Invalid value for '--actor': ")
    assert said in lines[0]
    assert "\x1b" not in result.output


def test_dev_zero_as_a_journal_is_one_line_at_once(finsam: Finsam) -> None:
    # read up to the bound (256 MiB), not until memory runs out as before
    result = finsam.fails("import", "/dev/zero")
    assert result.output.splitlines() == [
        "error: /dev/zero: larger than a journal finsam reads (256 MiB); split it into years"
    ]
