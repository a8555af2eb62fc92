"""A budget decision's further rules (finsam_es/budget_rules.py), fed by the unit of
work: the förbund's own money events, read through the store's per-förbund query only
when the rule needs them (money from equity)."""

from __future__ import annotations

from datetime import date
from typing import Any

from finsam_es.budget_rules import budget_rule_warnings as rule_warnings
from finsam_es.budget_rules import money_events_needed
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.money_state import MONEY_TYPES
from store.unit_of_work import UnitOfWork


def budget_rule_warnings(uow: UnitOfWork, f: Forbund, fy: FiscalYear, on: date) -> list[str]:
    events: list[tuple[int, Any]] = []
    if money_events_needed(f, fy):
        events = uow.forbund_events(f.forbund, MONEY_TYPES)
    return rule_warnings(f, fy, on, events)
