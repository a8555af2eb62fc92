"""The budget's equity rule (lag 2003:1210 21 § with KL 11:5) reads one förbund's money
events through the store's per-förbund query: never the whole log, never projections/.

A store that also holds 100 000 money events of another förbund decides a budget from
equity by decoding only its own förbund's events (issue 18: at a national store the old
rule decoded every event of every förbund, a million per decision).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from commands import structs as c
from commands.bus import execute
from finsam_es.errors import Refused
from finsam_es.fiscal_year import FiscalYear
from finsam_es.money_state import MONEY_TYPES
from store.application import FinsamApp
from store.mapper import MsgspecMapper
from store.unit_of_work import UnitOfWork
from tests.conftest import Finsam, sqlite_only

KR = 100  # öre
OTHER_EVENTS = 100_000
MEMBERS = ("fk:state:25%", "af:state:25%", "rvn:region:25%", "k:municipality:25%")


def a_forbund(finsam: Finsam, forbund: str) -> None:
    """A förbund with opening equity 20 000 kr at 2023-12-31 and a balanced 2024 and
    2025 budget of 120 000 kr, adopted 2023-11-23 (the figures of test_law_money)."""
    members = [a for m in MEMBERS for a in ("--member", m)]
    finsam("forbund", "create", forbund, "--name", forbund, *members, "--on", "2005-11-01")
    finsam("--forbund", forbund, "opening-equity", "--year-end", "2023-12-31", "--equity", "20000")
    finsam("--forbund", forbund, "meeting", "open", "2023-11-23")
    for year in ("2024", "2025"):
        finsam(
            "--forbund", forbund, "budget", "adopt", "--year", year, "--meeting", "2023-11-23",
            "--line", "driftbidrag:income:120000", "--line", "insatser:cost:120000",
        )  # fmt: skip


def book_many(app: FinsamApp, forbund: str, count: int) -> None:
    """``count`` costs of 1 kr in the förbund's 2024, saved in one transaction (the
    quick way to a large store: one unit of work, as a journal import saves)."""
    uow = UnitOfWork(app)
    fy = uow.get(FiscalYear, FiscalYear.id_for(forbund, 2024))
    assert fy is not None
    for i in range(count):
        fy.book("cost", "insatser", 1 * KR, "", date(2024, 1 + i % 12, 1 + i % 28), uow.at)
    assert uow.commit() == count


def from_equity(forbund: str, amount_kr: int) -> c.AddParagraph:
    """A 2025 budget change on 2024-06-01 adding a cost line paid from equity."""
    change = c.ChangeBudget(
        year=2025,
        changes=(c.LineChangeSpec(line="extra", kind="cost", delta=c.Amount(amount_kr * KR)),),
        from_equity=c.Amount(amount_kr * KR),
    )
    return c.AddParagraph(
        forbund=forbund, meeting=date(2024, 6, 1), title="Budget", effects=(change,)
    )


@pytest.mark.slow
def test_a_budget_from_equity_decodes_only_its_own_forbunds_events(
    finsam: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_forbund(finsam, "other")
    a_forbund(finsam, "own")
    finsam("--forbund", "own", "meeting", "open", "2024-06-01")
    app = FinsamApp(finsam.db)
    book_many(app, "other", OTHER_EVENTS)

    decoded: list[str] = []
    original: Callable[..., Any] = MsgspecMapper.to_domain_event

    def counting(self: MsgspecMapper, stored: Any) -> Any:
        event = original(self, stored)
        decoded.append(getattr(event, "forbund", ""))
        return event

    monkeypatch.setattr(MsgspecMapper, "to_domain_event", counting)
    # The equity at 2023-12-31 is the opening 20 000 kr (nothing booked in 2024 counts
    # for the year end): 30 000 kr from it is refused, 20 000 kr is accepted.
    with pytest.raises(Refused) as refused:
        execute(app, from_equity("own", 30_000))
    assert "the equity at 2023-12-31 was 20 000 kr" in str(refused.value)
    execute(app, from_equity("own", 20_000))

    assert decoded, "the rule read no events at all"
    assert set(decoded) <= {"own"}, "the rule decoded another förbund's events"
    # Its own history: the förbund, two fiscal years, two minutes books, the opening
    # equity and budgets: a few dozen events, twice (a refused and an accepted decision).
    assert len(decoded) < 200


@sqlite_only
def test_a_store_an_older_finsam_wrote_is_chained_before_the_query(finsam: Finsam) -> None:
    # A store from before the hash chain has no chain rows to find a förbund's events
    # by: the query chains it first (as its next write would), then finds them.
    a_forbund(finsam, "other")
    a_forbund(finsam, "own")
    finsam("--forbund", "own", "meeting", "open", "2024-06-01")
    with sqlite3.connect(finsam.db) as conn:
        conn.execute("DELETE FROM finsam_chain")
    app = FinsamApp(finsam.db)
    found = app.forbund_events("own", MONEY_TYPES)
    # the opening equity, the two fiscal years opened and their budgets adopted
    assert [type(e).__name__ for _, e in found] == [
        "OpeningEquitySet",
        "Opened",
        "BudgetAdopted",
        "Opened",
        "BudgetAdopted",
    ]
    assert {e.forbund for _, e in found} == {"own"}
    with pytest.raises(Refused):
        execute(app, from_equity("own", 30_000))
