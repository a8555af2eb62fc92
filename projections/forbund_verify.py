"""`finsam audit verify --forbund ID`: one förbund's part of the audit, read by index.

The whole `audit verify` recomputes every förbund's chain over the whole log and
replays the money view from it: linear in the log, meant for the annual audit. An
auditor of one förbund in a national store needs that förbund's part only, and this
reads only its events (the chain's index on förbund, store/forbund_log.py) and its
links (issue 25 item 6): its chain recomputed link by link, each event read as its
class, its head against its anchor when the chain key is set, a checkpoint found in
its chain, and its figures (budget, result, equity, insatser at each year's end) in
the view against the fold of its own events.

What it cannot see, the whole verify does: an event stored with no link at all (it
is found by reading the log, not the chain), the view's tables row by row, and the
store-wide records (snapshots, documents, signatures, journal fingerprints).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import Notification

from finsam_es.fiscal_year import FiscalYear
from projections import audit
from projections.money_fold import Fold
from projections.reader_base import FINSAM_LAW, ShowProgress, money_source, no_progress
from store.anchor import anchor_problems, chain_key
from store.application import FinsamApp
from store.forbund_log import forbund_notifications


def verify_forbund(
    app: FinsamApp,
    forbund: str,
    today: date,
    checkpoint: str | None = None,
    progress: ShowProgress = no_progress,
) -> audit.AuditReport | None:
    """The förbund's chain, anchor, checkpoint and figures checked from its own events;
    None when the store has no chain yet (the whole verify says so)."""
    stored = forbund_notifications(app, forbund)
    if stored is None:
        return None
    chain = audit.forbund_links(app, forbund)
    events: list[tuple[int, Any]] = []

    def decode(n: Notification) -> object:
        """Each event read once, as the chain check reads it, kept for the fold."""
        event = app.mapper.to_domain_event(n)
        events.append((n.id, event))
        return event

    checked = audit.check_chain(stored, chain, decode)
    problems = list(checked.problems)
    key = chain_key()
    if key is not None:
        anchors = [a for a in app.anchors() if a.forbund == forbund]
        problems.extend(
            audit.Problem(position, message)
            for position, message in anchor_problems(key, anchors, checked.heads)
        )
    if not problems:
        view = money_source(app, False, progress)
        fold = Fold(events)
        ids = {n.originator_id for n in stored}
        years = [
            y for y in range(FINSAM_LAW, today.year + 2) if FiscalYear.id_for(forbund, y) in ids
        ]
        problems.extend(audit.figure_problems(view, fold, forbund, years))
    found, missing = audit.checkpoint_in(chain, checkpoint, forbund)
    problems.extend(missing)
    return audit.AuditReport(
        checked.events, checked.chained, checked.unchained, checked.heads, found, tuple(problems)
    )
