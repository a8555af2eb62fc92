"""`interventions --format json` answered by the quick path (issue 25 item 4): each
application's diarienummer read from the view's rows of the diaria
(projections/view_numbers.py) by the rule the full path reads the events with
(projections/application_numbers.py), byte for byte as the full command answers:
before and after the letter was registered, after an application named the entry its
letter was registered under (a ``Diarium.Concerned``), and in the next year's diarium.
"""

from __future__ import annotations

import pytest

from projections.reader_base import FINSAM_LAW
from projections.view_numbers import FIRST_YEAR
from tests.conftest import Finsam, sqlite_only
from tests.test_application_diarium import receive, store  # noqa: F401 - the fixture
from tests.test_quick_reads import quick, same_as_full

pytestmark = sqlite_only  # the quick path reads a SQLite file


def test_the_diarienummer_of_the_quick_path_is_the_full_paths(
    store: Finsam,  # noqa: F811 - the fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    store("diarium", "register", "--on", "2023-10-19", "--direction", "in",
          "--party", "Sollefteå kommun", "--subject", "Ansökan SFI")  # fmt: skip
    store("diarium", "register", "--on", "2023-10-19", "--direction", "out",
          "--party", "Sollefteå kommun", "--subject", "Mottagningsbevis")  # fmt: skip
    assert "dnr 2023/1" in receive(store, "--diarienummer", "2023/1")
    store("application", "receive", "bip", "--name", "BIP", "--owner", "kommun",
          "--amount", "500000", "--start", "2025-01-01", "--end", "2025-12-31",
          "--on", "2024-10-20")  # fmt: skip
    store("equity", "--format", "json")  # the view caught up
    found = {}
    for as_of in ("2023-10-18", "2023-10-19", "2023-10-20", "2024-10-20", "2025-12-31"):
        for every in ((), ("--all",)):
            same_as_full(
                store, capsys, "interventions", "--as-of", as_of, *every, "--format", "json"
            )
            answer = store.json("interventions", "--as-of", as_of, *every)["interventions"]
            found.update({(as_of, r["id"]): r["diarienummer"] for r in answer})
    # the letter's entry became the application's number when the application named it;
    # the next application was registered on receipt in the diarium of 2024
    assert found[("2023-10-20", "sfi")] == "2023/1"
    assert found[("2025-12-31", "bip")] == "2024/1"
    assert quick(store, capsys, "interventions", "--format", "json")[0]


def test_the_first_year_of_the_diaria_is_the_laws() -> None:
    assert FIRST_YEAR == FINSAM_LAW
