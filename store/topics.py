"""Stored topics: where events written by earlier versions find their classes now.

Events are stored under the ``module:QualName`` topic of their class, and stored
events are forever. When a class moves or is renamed, its old topic is registered
here, so every store ever written still reads (``tests/test_golden_store.py``).
An aggregate's old topic also resolves its nested events (``Old.Event``); an event
renamed inside its aggregate needs its own line.
"""

from __future__ import annotations

from eventsourcing.utils import register_topic

from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.insats import Insats
from finsam_es.minutes import MinutesBook
from finsam_es.registry import Registry

MOVED: dict[str, type] = {
    # 0.1: governance.py and ledger.py held two aggregates each.
    "finsam_es.governance:Registry": Registry,
    "finsam_es.governance:Forbund": Forbund,
    "finsam_es.governance:MinutesBook": MinutesBook,
    "finsam_es.ledger:FiscalYear": FiscalYear,
    # 0.1: the insats aggregate was called Intervention, and completing an application
    # after a referral back was called resubmitting.
    "finsam_es.ledger:Intervention": Insats,
    "finsam_es.ledger:Intervention.ApplicationResubmitted": Insats.ApplicationCompleted,
}


def register_moved_topics() -> None:
    """Register every old topic (idempotent: registering the same class again is a no-op)."""
    for topic, cls in MOVED.items():
        register_topic(topic, cls)
