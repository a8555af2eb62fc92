"""The quick read path (cli/quick.py, issue 25 item 1): `finsam equity --format json`
answered from the materialised view without the domain's event classes, the library
or rich, byte for byte as the full command answers it, on the example stores; and the
full command answering whenever the view cannot answer alone.

No timings here: docs/performance.md has them, measured with benchmarks/bench.py.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable

import pytest
from eventsourcing.utils import get_topic

from cli.quick import answered
from finsam_es.forbund import Forbund
from finsam_es.values import stable_id
from projections.quick_money import THRESHOLDS_TOPICS, THRESHOLDS_VERSION, thresholds
from store.quick import QuickStore
from store.topics import MOVED
from tests.conftest import EXAMPLES, ROOT, Finsam, sqlite_only

pytestmark = sqlite_only  # the quick path reads a SQLite file; a URL goes the full path

EXAMPLE_FILES = ("solleftea-2024", "harnosand-timra-2020", "sex-kommuner")
DATES = ((), ("--as-of", "2020-06-30"), ("--as-of", "2024-12-31"), ("--as-of=2025-12-31",))


def quick(finsam: Finsam, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[bool, str, str]:
    """Whether the quick path answered the call, and what it printed on stdout and stderr."""
    capsys.readouterr()
    done = answered(["--db", finsam.db, *args])
    out, err = capsys.readouterr()
    return done, out, err


def same_as_full(finsam: Finsam, capsys: pytest.CaptureFixture[str], *args: str) -> None:
    """The quick path answers the call, with the full command's stdout and stderr."""
    full = finsam(*args)
    done, out, err = quick(finsam, capsys, *args)
    assert done, f"the quick path did not answer {args}"
    assert (out, err) == (full.stdout, full.stderr)


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_the_quick_answer_is_the_full_answer_on_the_examples(
    make_finsam: Callable[[str], Finsam], capsys: pytest.CaptureFixture[str], example: str
) -> None:
    finsam = make_finsam(example)
    finsam("import", str(EXAMPLES / f"{example}.toml"))
    for dates in DATES:
        same_as_full(finsam, capsys, "equity", *dates, "--format", "json")
        same_as_full(finsam, capsys, "equity", "--format=json", *dates)


def test_the_forbund_own_limit_and_the_over_limit_warning(
    finsam: Finsam, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    # 29 % of the 2024 allocation, over the default 20 %: the warning on stderr
    same_as_full(finsam, capsys, "equity", "--as-of", "2024-12-31", "--format", "json")
    finsam(
        "forbund", "thresholds", "--on", "2024-01-01", "--equity-limit", "35%",
        "--source", "Förbundsstyrelsen 2024",
    )  # fmt: skip
    full = finsam.json("equity", "--as-of", "2024-12-31")
    assert (full["limit"], full["over_limit"]) == (0.35, False)
    assert full["limit_source"] == "Förbundsstyrelsen 2024"
    same_as_full(finsam, capsys, "equity", "--as-of", "2024-12-31", "--format", "json")


def test_several_forbund_are_answered_when_one_is_named(
    finsam: Finsam, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("import", str(EXAMPLES / "harnosand-timra-2020.toml"))
    for forbund in ("solleftea", "harnosand-timra"):
        same_as_full(finsam, capsys, "--forbund", forbund, "equity", "--format", "json")
        same_as_full(finsam, capsys, "equity", "--forbund", forbund, "--format", "json")
        same_as_full(
            finsam, capsys, "--forbund", "x", "equity", f"--forbund={forbund}", "--format", "json"
        )
    # none named: the full command's refusal, which names how to list them
    assert not quick(finsam, capsys, "equity", "--format", "json")[0]
    assert "finsam forbund list" in finsam.fails("equity", "--format", "json").stderr
    for unknown in ("--forbund=kramfors", "--forbund="):
        assert not quick(finsam, capsys, "equity", unknown, "--format", "json")[0]


def test_the_full_command_answers_what_the_view_cannot_alone(
    finsam: Finsam, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("equity", "--format", "json")  # the view caught up
    assert quick(finsam, capsys, "equity", "--format", "json")[0]
    finsam("meeting", "open", "2025-05-05")  # a new event the view has not read
    assert not quick(finsam, capsys, "equity", "--format", "json")[0]
    same_as_full(finsam, capsys, "equity", "--format", "json")  # the full path caught it up
    for other in (
        ("equity",),  # a table
        ("equity", "--format", "csv"),
        ("equity", "--format", "json", "--fold"),
        ("equity", "--format", "json", "--known-at", "2024-06-30"),
        ("equity", "--format", "json", "--as-of", "2024-13-01"),
        ("equity", "--format", "json", "--as-of"),
        ("meetings", "--format", "json"),  # no quick path
        ("--actor", "revisorn", "equity", "--format", "json"),
        ("equity", "--format", "json", "extra"),
    ):
        assert not quick(finsam, capsys, *other)[0], other
    assert not answered(
        ["--db", "postgresql://finsam@localhost/finsam", "equity", "--format", "json"]
    )
    assert not answered(["--db", finsam.db + ".missing", "equity", "--format", "json"])


def test_the_quick_path_knows_the_forbund_as_the_domain_names_it() -> None:
    # the förbund's id and the topics of its limit, written there without the domain
    assert stable_id("forbund", "solleftea") == Forbund.id_for("solleftea")
    assert THRESHOLDS_TOPICS[0] == get_topic(Forbund.ThresholdsSet)
    old = next(topic for topic, cls in MOVED.items() if cls is Forbund)
    assert THRESHOLDS_TOPICS[1] == f"{old}.ThresholdsSet"
    # a new version of the event would be upcast by its class: the quick path reads v1
    assert getattr(Forbund.ThresholdsSet, "class_version", 1) == THRESHOLDS_VERSION


def test_the_quick_path_imports_neither_the_domain_events_nor_the_library_nor_rich(
    finsam: Finsam,
) -> None:
    finsam("import", str(EXAMPLES / "sex-kommuner.toml"))
    full = finsam("equity", "--as-of", "2025-12-31", "--format", "json")  # the view caught up
    # equity 5 130 000 kr of the allocation 6 000 000 kr (86 %): over the limit, so the
    # warning too is given without rich
    assert full.stderr.startswith("warning: equity is 86 % of the 2025 allocation")
    probe = (
        "import sys\n"
        "from cli.main import main\n"
        f"sys.argv = ['finsam', '--db', {finsam.db!r}, 'equity', '--as-of', '2025-12-31', "
        "'--format', 'json']\n"
        "main()\n"
        "heavy = ('eventsourcing', 'rich', 'finsam_es.base', 'finsam_es.forbund', 'commands')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    answer, loaded = ran.stdout.splitlines()
    assert answer == full.stdout.strip()
    assert ran.stderr == full.stderr
    assert loaded == "[]"


def test_a_limit_stored_by_another_version_goes_the_full_path() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, "
        "topic TEXT, state BLOB)"
    )
    store = QuickStore(conn)
    forbund = stable_id("forbund", "solleftea").hex
    limit = b'"thresholds":{"equity_limit":350000,"equity_source":"styrelsen"}'
    conn.execute(
        "INSERT INTO stored_events VALUES (?, 7, ?, ?)",
        (forbund, THRESHOLDS_TOPICS[0], b"{" + limit + b',"class_version":1}'),
    )
    found = thresholds(store, "solleftea")
    assert found is not None and (found.equity_limit, found.equity_source) == (350_000, "styrelsen")
    conn.execute(
        "INSERT INTO stored_events VALUES (?, 8, ?, ?)",
        (forbund, THRESHOLDS_TOPICS[0], b"{" + limit + b',"class_version":2}'),
    )
    assert thresholds(store, "solleftea") is None
