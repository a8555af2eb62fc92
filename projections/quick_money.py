"""Money questions answered from the materialised view alone, in the time Python takes
to start (issue 25 items 1 and 4): equity, the budget, the result and the insatser.

When the view has read the log to its head, its tables answer a money question with
plain sums (projections/view_sums.py, the same statements ``MoneyView`` runs), and the
one more fact the equity answer needs, the förbund's own limit, is the state of its
last ``ThresholdsSet`` event. Nothing here imports the domain's event classes nor the
eventsourcing library: each function returns None whenever the full path must answer
(the view behind the log, a store an older finsam wrote, several förbund and none
named, a förbund not in the store, a moment in the past asked for), and the full path
then gives the same answer, or the refusal, as always.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import msgspec

from finsam_es.thresholds import Thresholds
from finsam_es.values import stable_id
from projections import view_sums as sums
from projections.equity_report import EquityReport, equity_report, judged
from projections.money_shapes import BudgetReport, InsatserReport, ResultReport
from projections.view_numbers import by_insats
from projections.view_sums import NAME, equity_sums
from store.quick import QuickStore

# The topics the förbund's limit is stored under: the class's own and the one it had
# before the förbund moved out of finsam_es.governance (store/topics.py);
# tests/test_quick_reads.py holds them to the class.
THRESHOLDS_TOPICS = (
    "finsam_es.forbund:Forbund.ThresholdsSet",
    "finsam_es.governance:Forbund.ThresholdsSet",
)
# Every row is recorded before the end of time: the view's bound when no moment is asked.
FOREVER = int(datetime.max.replace(tzinfo=UTC).timestamp() * 1_000_000)


# The event's schema version this path decodes (the mapper's ``class_version``): a
# stored state of another version is upcast by the domain's class, so the full path
# reads it; tests/test_quick_reads.py holds this to the class.
THRESHOLDS_VERSION = 1


class _ThresholdsSet(msgspec.Struct):
    thresholds: Thresholds
    class_version: int = 1


def answerable(store: QuickStore, forbund: str | None) -> str | None:
    """The förbund the question is about when the view alone may answer it now: the view
    has read this log to its head and the chain names the förbund (the one named, or the
    only one); None sends the question to the full path."""
    # The view's position first, then the log's head: the view never tracks beyond the
    # head it read, so tracked (read at t1) == head (read at t2 >= t1) proves nothing was
    # written between; read the other way round, a write between could pass unseen. The
    # link's hash binds the view to this very log (store/view_file.py): a view file of
    # another store, or newer than a log restored from a backup, is not asked.
    tracked = store.tracked(NAME)
    head = store.head()
    if not head or tracked is None or tracked[0] != head or store.chained() != head:
        return None
    if tracked[1] is None or tracked[1] != store.link(head):
        return None
    if forbund is None:
        return store.only_forbund()
    # "" names the store's own registry in the chain, never a förbund
    return forbund if forbund and store.has_forbund(forbund) else None


def thresholds(store: QuickStore, forbund: str) -> Thresholds | None:
    """The förbund's limits as they stand: its last ``ThresholdsSet``, else the defaults
    it was registered with; None when the event is of a version this path cannot read."""
    aggregate = stable_id("forbund", forbund)
    state = store.last_state(aggregate, THRESHOLDS_TOPICS)
    if state is None:
        return Thresholds()
    found = msgspec.json.decode(state, type=_ThresholdsSet)
    return found.thresholds if found.class_version == THRESHOLDS_VERSION else None


def quick_equity(store: QuickStore, forbund: str | None, as_of: date) -> EquityReport | None:
    """Equity on ``as_of`` as the records stand, judged against the förbund's own limit,
    as ``Reader.at(as_of).money.equity`` answers it; None when the view cannot alone."""
    fid = answerable(store, forbund)
    if fid is None:
        return None
    limits = thresholds(store, fid)
    if limits is None:
        return None
    sums = equity_sums(store.query, fid, as_of, FOREVER)
    return judged(equity_report(as_of, *sums), limits)


def quick_budget(
    store: QuickStore, forbund: str | None, year: int | None, as_of: date
) -> BudgetReport | None:
    """The budget of ``year`` (default: as_of's) on ``as_of`` as the records stand, as
    ``Reader.at(as_of).money.budget`` answers it; None when the view cannot alone."""
    fid = answerable(store, forbund)
    if fid is None:
        return None
    return sums.budget(store.query, fid, as_of.year if year is None else year, as_of, FOREVER)


def quick_result(
    store: QuickStore, forbund: str | None, year: int | None, as_of: date
) -> ResultReport | None:
    """The result of ``year`` (default: as_of's) against its budget on ``as_of``, as
    ``Reader.at(as_of).money.result`` answers it; None when the view cannot alone."""
    fid = answerable(store, forbund)
    if fid is None:
        return None
    return sums.result(store.query, fid, as_of.year if year is None else year, as_of, FOREVER)


def quick_insatser(
    store: QuickStore, forbund: str | None, as_of: date, every: bool
) -> InsatserReport | None:
    """The insatser current on ``as_of`` (``every``: all of them) as the records stand,
    each with its application's diarienummer, as ``Reader.at(as_of).money.insatser``
    answers it; None when the view cannot alone."""
    fid = answerable(store, forbund)
    if fid is None:
        return None
    report = sums.insatser(store.query, fid, as_of, FOREVER, current_only=not every)
    numbers = by_insats(store.query, fid, as_of, FOREVER)
    rows = tuple(
        msgspec.structs.replace(r, diarienummer=numbers[r.id]) if r.id in numbers else r
        for r in report.interventions
    )
    return msgspec.structs.replace(report, interventions=rows)
