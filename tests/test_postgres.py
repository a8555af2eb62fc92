"""The same store on PostgreSQL: set FINSAM_TEST_POSTGRES to a database URL to run.

    FINSAM_TEST_POSTGRES=postgresql://finsam:finsam@127.0.0.1:5432/finsam make test

The database is emptied first (it must be one made for these tests). Without the
variable these tests are skipped: CI machines have no PostgreSQL server.
"""

from __future__ import annotations

import os
from datetime import date

import pytest

from commands import structs as c
from commands.bus import execute
from commands.journal import import_journal
from finsam_es.base import FinsamAggregate
from finsam_es.forbund import Forbund
from projections.money_fold import Fold
from projections.money_view import MoneyView
from store import loading
from store.application import FinsamApp
from tests.conftest import EXAMPLES

URL = os.environ.get("FINSAM_TEST_POSTGRES", "")
pytestmark = pytest.mark.skipif(not URL, reason="set FINSAM_TEST_POSTGRES to a PostgreSQL URL")


@pytest.fixture
def app() -> FinsamApp:
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(URL.replace("postgresql://", "postgres://", 1), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return FinsamApp(URL)


def test_solleftea_on_postgresql(app: FinsamApp) -> None:
    result = import_journal(app, EXAMPLES / "solleftea-2024.toml")
    assert result.new == result.entries
    assert import_journal(app, EXAMPLES / "solleftea-2024.toml").new == 0
    view, fold = MoneyView(app), Fold(app.read())
    view.catch_up()
    year_end = date(2024, 12, 31)
    assert view.equity("solleftea", year_end).equity == 82_052_600  # 584 026 + 236 500 kr
    assert view.result("solleftea", 2024, year_end).result == 23_650_000
    for day in (date(2023, 12, 1), date(2024, 6, 30), year_end):
        assert view.insatser("solleftea", day) == fold.insatser("solleftea", day)
        assert view.budget("solleftea", 2024, day) == fold.budget("solleftea", 2024, day)


def test_a_store_from_before_snapshots_gets_their_table_on_opening(
    app: FinsamApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    every: dict[type[FinsamAggregate], int] = {**loading.SNAPSHOT_EVERY, Forbund: 20}
    monkeypatch.setattr(loading, "SNAPSHOT_EVERY", every)  # the interval, kept short

    import_journal(app, EXAMPLES / "solleftea-2024.toml")
    with psycopg.connect(URL, autocommit=True) as conn:
        conn.execute("DROP TABLE finsam_snapshots")
    again = FinsamApp(URL)
    assert again.snapshot_recorder is not None
    assert again.snapshot_recorder.select_events(Forbund.id_for("solleftea")) == []
    for n in range(40):  # the förbund from version 18 to 57: loaded from the store at 20
        source = f"beslut {n}"  # and 40, its snapshot written with the next event (the
        execute(  # latest kept)
            again, c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source=source)
        )
    found = again.snapshot_recorder.select_events(Forbund.id_for("solleftea"))
    assert [s.originator_version for s in found] == [40]
