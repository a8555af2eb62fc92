"""The audit questions read one förbund's events by the hash chain's index on förbund:
`explain`, `impact`, `diff`, the checkpoint (`audit checkpoint`), the head a signed
protocol pins (`adjustment_head`), the audit bundle (`audit export`) and `audit verify
--forbund` never read the whole log (issue 25 item 6).

The example of Sollefteå is imported first, then another förbund with many money events
is stored after it: the example's events keep their positions, so every answer must be
the same as on the example alone, and answering it may decode none of the other
förbund's events nor read the notification log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import msgspec
import pytest

from projections.forbund_verify import verify_forbund
from projections.money_view import MoneyView
from projections.queries import Reader
from store.application import FinsamApp
from store.mapper import MsgspecMapper
from tests.conftest import EXAMPLES, Finsam
from tests.test_equity_rule_reads import a_forbund, book_many

OTHER_EVENTS = 100_000  # the measure: a store with 100 000 events of other förbund
AS_OF = date(2024, 12, 31)
MEETING = date(2023, 11, 23)  # adjusted 2023-11-30 in the example


def answers(app: FinsamApp) -> dict[str, Any]:
    """Every audit question of this scope, about Sollefteå, as plain data."""
    reader = Reader(app)
    at = reader.at(AS_OF)
    moments: tuple[datetime | None, datetime | None] = (
        datetime.fromisoformat("2024-01-01T00:00:00+00:00"),
        None,
    )
    found = {
        "explain equity": at.audit.explain("solleftea", "equity"),
        "explain budget": at.audit.explain("solleftea", "budget:2024:kansli"),
        "impact 2023:64": at.audit.impact("solleftea", 2023, 64),
        "diff equity": reader.diff("solleftea", "equity", 2024, AS_OF, moments),
        "head": at.audit.audit_head("solleftea"),
        "head at 2024": at.audit.audit_head("solleftea", moments[0]),
        "adjustment head": at.audit.adjustment_head("solleftea", MEETING),
        "bundle": at.audit.bundle("solleftea", (2024,)),
        "verify": verify_forbund(app, "solleftea", AS_OF),
    }
    return {name: msgspec.to_builtins(answer) for name, answer in found.items()}


@pytest.mark.slow
def test_audit_questions_read_only_their_forbunds_events(
    finsam: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    finsam("--actor", "sekreteraren", "import", str(EXAMPLES / "solleftea-2024.toml"))
    example = FinsamApp(finsam.db)
    own = example.event_count()  # Sollefteå's events and the registry's
    alone = answers(example)
    assert alone["explain equity"]["value"] == 82_052_600  # as tests/test_explain.py
    assert alone["adjustment head"] is not None
    assert alone["head"]["forbund"] == "solleftea"
    assert not alone["verify"]["problems"] and alone["verify"]["events"] > 0

    a_forbund(finsam, "other")
    app = FinsamApp(finsam.db)
    book_many(app, "other", OTHER_EVENTS)
    MoneyView(app).catch_up()  # the view's own reading (verify compares its figures)

    decoded: list[tuple[str, str]] = []
    original: Callable[..., Any] = MsgspecMapper.to_domain_event

    def counting(self: MsgspecMapper, stored: Any) -> Any:
        event = original(self, stored)
        decoded.append((getattr(event, "forbund", ""), type(event).__qualname__))
        return event

    def no_log_scan(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("an audit question of one förbund read the notification log")

    monkeypatch.setattr(MsgspecMapper, "to_domain_event", counting)
    monkeypatch.setattr(type(app.recorder), "select_notifications", no_log_scan)
    assert answers(app) == alone
    assert decoded, "the questions decoded no events at all"
    others = [kind for forbund, kind in decoded if forbund not in ("solleftea", "")]
    # the registry names each förbund by its event (read to check the förbund named is
    # registered): the only event of another förbund a question may decode
    assert set(others) <= {"Registry.ForbundAdded"}, "another förbund's events were decoded"
    # at most Sollefteå's own history per question that reads it: explain twice, impact
    # once, diff at two moments, the minutes book for the adjustment head, the bundle's
    # fiscal years and verify's chain check (no more events than the example's)
    assert len(decoded) <= 8 * own
