"""The quick read path for the budget, the result and the insatser (cli/quick.py, issue
25 item 1): `finsam budget|result|interventions --format json` answered from the view
without the domain, byte for byte as the full commands answer, on the example stores
and on random histories; and `interventions` listing the insatser current on the date
unless --all is given.

No timings here: docs/performance.md has them, measured with benchmarks/bench.py.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import QUICK
from cli.quick import COMMAND_OPTIONS, answered
from projections.money_view import MoneyView
from store.application import FinsamApp
from tests.conftest import EXAMPLES, ROOT, Clock, Finsam, sqlite_only
from tests.test_agreement import FID, build, histories
from tests.test_quick_reads import EXAMPLE_FILES, quick, same_as_full

pytestmark = sqlite_only  # the quick path reads a SQLite file; a URL goes the full path

QUESTIONS = (
    ("budget",),
    ("budget", "--year", "2024"),
    ("budget", "--year=2025"),
    ("result",),
    ("result", "--year", "2024"),
    # the insatser current on the date, or all; each with its diarienummer from the view
    ("interventions",),
    ("interventions", "--all"),
)
DATES = (("--as-of", "2020-06-30"), ("--as-of", "2024-12-31"), ("--as-of=2025-12-31",))


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_the_quick_answers_are_the_full_answers_on_the_examples(
    make_finsam: Callable[[str], Finsam], capsys: pytest.CaptureFixture[str], example: str
) -> None:
    finsam = make_finsam(example)
    finsam("import", str(EXAMPLES / f"{example}.toml"))
    finsam("equity", "--format", "json")  # the view caught up
    for question in QUESTIONS:
        same_as_full(finsam, capsys, *question, "--format", "json")
        for dates in DATES:
            same_as_full(finsam, capsys, *question, *dates, "--format", "json")


def test_the_full_commands_answer_what_the_quick_path_does_not_know(
    finsam: Finsam, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("equity", "--format", "json")
    for other in (
        ("budget", "--year", "24", "--format", "json"),  # the full path refuses it
        ("budget", "--year", "1899", "--format", "json"),
        ("budget", "adopt", "--format", "json"),  # a subcommand
        ("budget", "--format", "json", "--all"),  # interventions' flag only
        ("result", "--format", "json", "--known-at", "2024-06-30"),
        ("interventions", "--all=yes", "--format", "json"),
        ("interventions", "--format", "json", "--fold"),
        ("interventions", "--format", "csv"),
        ("interventions",),
        ("interventions", "--all", "--format", "json", "--known-at", "2024-06-30"),
    ):
        assert not quick(finsam, capsys, *other)[0], other
    # main() hands the quick path exactly the calls of the commands it knows
    assert set(COMMAND_OPTIONS) == QUICK


def test_interventions_lists_the_insatser_current_on_the_date_unless_all(
    finsam: Finsam, capsys: pytest.CaptureFixture[str]
) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))

    def listed(as_of: str, *every: str) -> dict[str, str]:
        found = finsam.json("interventions", "--as-of", as_of, *every)["interventions"]
        return {r["id"]: r["status"] for r in found}

    everything = listed("2025-12-31", "--all")
    # SamCoach and SFI ran through 2024 and were settled (slutredovisade); the region's
    # application for 2024 was withdrawn in November 2023
    assert everything["samcoach"] == everything["sfi"] == "closed"
    assert everything["rvn-ansokan"] == "withdrawn"
    current = listed("2025-12-31")
    assert set(everything) - set(current) == {"samcoach", "sfi", "rvn-ansokan"}
    assert all(everything[i] == s for i, s in current.items())
    # while its period had not ended, the withdrawn application is still listed
    assert listed("2023-12-01")["rvn-ansokan"] == "withdrawn"


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=histories(), days=st.lists(st.integers(0, 900), min_size=2, max_size=2))
def test_the_quick_answers_are_the_full_answers_on_random_histories(
    steps: list[tuple[str, object]], days: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "a.db")
        app = FinsamApp(db, clock=Clock())
        build(app, steps)  # type: ignore[arg-type]
        MoneyView(app).catch_up()
        finsam = Finsam(db)
        for day in days:
            as_of = (date(2023, 11, 1) + timedelta(days=day)).isoformat()
            for question in (*QUESTIONS, ("equity",)):
                call = ("--forbund", FID, *question, "--as-of", as_of, "--format", "json")
                full = finsam(*call)
                with _captured() as out:
                    assert answered(["--db", db, *call]), call
                assert out() == full.stdout, call


class _captured:
    """stdout captured around the quick path's print (hypothesis cannot take capsys)."""

    def __enter__(self) -> Callable[[], str]:
        import io

        self.saved, self.buffer = sys.stdout, io.StringIO()
        sys.stdout = self.buffer
        return self.buffer.getvalue

    def __exit__(self, *exc: object) -> None:
        sys.stdout = self.saved


def test_the_quick_answers_import_neither_the_domain_nor_the_library(finsam: Finsam) -> None:
    finsam("import", str(EXAMPLES / "sex-kommuner.toml"))
    finsam("equity", "--format", "json")
    for question in (("budget",), ("result", "--year", "2025")):
        full = finsam(*question, "--as-of", "2025-12-31", "--format", "json")
        probe = (
            "import sys\n"
            "from cli.main import main\n"
            f"sys.argv = ['finsam', '--db', {finsam.db!r}, *{question!r}, "
            "'--as-of', '2025-12-31', '--format', 'json']\n"
            "main()\n"
            "heavy = ('eventsourcing', 'rich', 'finsam_es.base', 'finsam_es.forbund', 'commands')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
        )
        ran = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
        )
        *answer, loaded = ran.stdout.splitlines()
        assert "\n".join(answer) == full.stdout.strip()
        assert loaded == "[]", question
