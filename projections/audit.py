"""Tamper evidence: reading the hash chain, checking it against the stored events, and
the heads (checkpoints) a signed protocol or an auditor can pin.

``check_chain`` walks the log and the chain side by side (store/chain.py) and
returns every problem found, each naming its log position; the first is the first
broken link. A store an older finsam wrote has no chain until something chains it
(its first write does, or `finsam audit seal`): until then it does not verify. A log
truncated at its end leaves a consistent chain; the view's tracked position and a
checkpoint taken earlier show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import msgspec

from projections.deadline import BATCH, Deadline
from projections.money_totals import DERIVED, canonical, derived
from projections.reader_base import Advance
from store.application import FinsamApp
from store.chain import GENESIS, NO_PREV, Link, facts, fill_prev, link_hash


class Problem(msgspec.Struct, frozen=True, order=True):
    position: int
    message: str


class ChainCheck(msgspec.Struct, frozen=True):
    events: int  # events read
    chained: int  # of which carry a link
    unchained: int  # events of a store an older finsam wrote and nothing has chained yet
    heads: dict[str, Link]  # each förbund's last link ("" is the store's own registry)
    problems: tuple[Problem, ...]


def links(
    app: FinsamApp,
    since: int = 1,
    deadline: Deadline | None = None,
    advance: Advance | None = None,
) -> dict[int, Link]:
    """Every link of the chain from a log position on, by log position: read in batches
    of ``BATCH`` rows, each within the ``deadline`` when one is given."""
    datastore: Any = getattr(app.factory, "datastore", None)
    mark = "%s" if "postgres" in type(datastore).__module__ else "?"
    out: dict[int, Link] = {}
    position = since
    while True:
        if deadline is not None:
            deadline.check(f"reading the hash chain at position {position}")
        with datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT position, forbund, seq, recorded, stored, actor, prev, hash "
                f"FROM finsam_chain WHERE position >= {mark} ORDER BY position LIMIT {BATCH}",
                (position,),
            )
            rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]
        for r in rows:
            out[int(r[0])] = Link(
                int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4]), r[5], r[6], r[7]
            )
        if advance is not None:
            advance(len(rows))
        if len(rows) < BATCH:
            return fill_prev(out, _stored_hash(datastore, mark))
        position = int(rows[-1][0]) + 1


def _stored_hash(datastore: Any, mark: str) -> Callable[[str, int], str | None]:
    """The hash of a förbund's link by its number, from the table (by its unique index)."""

    def stored_hash(forbund: str, seq: int) -> str | None:
        with datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT hash FROM finsam_chain WHERE forbund = {mark} AND seq = {mark}",
                (forbund, seq),
            )
            row = c.fetchone()
        if row is None:
            return None
        return str(next(iter(row.values())) if isinstance(row, dict) else row[0])

    return stored_hash


def forbund_links(app: FinsamApp, forbund: str, position: int | None = None) -> dict[int, Link]:
    """One förbund's links by log position (the chain's index on förbund), or only the link
    at ``position`` when it is that förbund's: never the whole chain."""
    datastore: Any = getattr(app.factory, "datastore", None)
    mark = "%s" if "postgres" in type(datastore).__module__ else "?"
    at, args = (f" AND position = {mark}", (forbund, position)) if position else ("", (forbund,))
    with datastore.transaction(commit=False) as c:
        c.execute(
            "SELECT position, forbund, seq, recorded, stored, actor, prev, hash FROM finsam_chain "
            f"WHERE forbund = {mark}{at} ORDER BY seq",
            args,
        )
        rows = [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]
    found = {
        int(r[0]): Link(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4]), r[5], r[6], r[7])
        for r in rows
    }
    return fill_prev(found, _stored_hash(datastore, mark))


def notifications(
    app: FinsamApp,
    batch: int = BATCH,
    deadline: Deadline | None = None,
    advance: Advance | None = None,
) -> Iterable[Any]:
    """The stored events in log order, read ``batch`` at a time, each batch within the
    ``deadline`` when one is given."""
    position = 1
    while True:
        if deadline is not None:
            deadline.check(f"checking the hash chain at position {position}")
        found = app.recorder.select_notifications(start=position, limit=batch)
        if not found:
            return
        yield from found
        if advance is not None:
            advance(len(found))
        position = found[-1].id + 1


def _describe(n: Any) -> str:
    return f"position {n.id} ({n.topic.rsplit(':', 1)[-1]} v{n.originator_version})"


def check_chain(
    stored: Iterable[Any], chain: dict[int, Link], decode: Callable[[Any], object] | None = None
) -> ChainCheck:
    """The chain recomputed over the stored events (notifications, in position order);
    with ``decode`` (the store's mapper), each event is also read as its class, so a
    state the replay could not read is named by its position, never a traceback."""
    pending = dict(chain)
    heads: dict[str, Link] = {}
    problems: list[Problem] = []
    events = prefix = 0
    for n in stored:
        events += 1
        if not isinstance(n.state, bytes):  # e.g. an SQL edit that stored text
            problems.append(
                Problem(
                    n.id,
                    f"{_describe(n)} holds its state as {type(n.state).__name__}, "
                    "not bytes: it was changed after it was recorded",
                )
            )
            pending.pop(n.id, None)
            continue
        if decode is not None:
            try:
                decode(n)
            except Exception:  # any failure to read the event is the finding
                problems.append(
                    Problem(
                        n.id,
                        f"{_describe(n)} cannot be read as its event class: its state "
                        "was changed after it was recorded",
                    )
                )
        link = pending.pop(n.id, None)
        if link is None:
            if not chain:
                prefix += 1
            else:
                problems.append(
                    Problem(n.id, f"{_describe(n)} has no link in the chain: added outside finsam")
                )
            continue
        try:
            forbund, recorded = facts(n.state)
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError, OverflowError):
            forbund, recorded = link.forbund, link.recorded  # the hash below names it
        if recorded != link.recorded:
            # the recorded time is outside the link's hash (old stores' links are as they
            # are), but the event carries it: the two must agree
            problems.append(
                Problem(
                    n.id,
                    f"{_describe(n)}: its recorded time in finsam_chain is not the one the "
                    "event carries: the chain table was changed",
                )
            )
        before = heads.get(forbund)
        seq, prev = (before.seq, before.hash) if before else (0, GENESIS)
        if link.forbund != forbund:
            problems.append(
                Problem(n.id, f"{_describe(n)} is not the event its link was made for: changed")
            )
        elif link.seq != seq + 1 or link.prev != prev:
            problems.append(
                Problem(
                    n.id,
                    f"{_describe(n)}: the chain of '{forbund or 'store'}' breaks here "
                    f"(link {link.seq} follows link {seq}): an event before it was removed or moved",
                )
            )
        if link.prev == NO_PREV:
            # stored empty and the link before it is gone: the break is named above, and
            # the hash cannot be recomputed without the hash it was made on
            heads[link.forbund] = link
            continue
        digest = link_hash(
            link.prev,
            n.id,
            link.forbund,
            link.seq,
            link.stored,
            link.actor,
            n.originator_id,
            n.originator_version,
            n.topic,
            n.state,
        )
        if digest != link.hash:
            problems.append(
                Problem(
                    n.id,
                    f"{_describe(n)} does not match its hash: it was changed after it was recorded",
                )
            )
        heads[link.forbund] = link
    if prefix:
        problems.append(
            Problem(
                1,
                f"the store has no hash chain: its {prefix} events were stored by an older "
                "finsam; `finsam audit seal` (or any command that records) chains them as "
                "they stand now",
            )
        )
    for position, link in pending.items():
        problems.append(
            Problem(
                position,
                f"position {position}: the chain of '{link.forbund or 'store'}' has a link "
                "but the event is gone: deleted",
            )
        )
    return ChainCheck(events, len(chain) - len(pending), prefix, heads, tuple(sorted(problems)))


def head_at(chain: dict[int, Link], forbund: str, at: datetime | int | None) -> Link | None:
    """A förbund's last link at a moment (recorded time) or log position; None if none."""
    found = None
    for position in sorted(chain):
        link = chain[position]
        if link.forbund != forbund:
            continue
        if isinstance(at, int) and position > at:
            break
        if isinstance(at, datetime) and link.recorded > int(at.timestamp() * 1_000_000):
            break
        found = link
    return found


# -- the view against the log --------------------------------------------------------

POSITION_COLUMN = {
    "fin_postings": 1,
    "fin_budget": 2,
    "fin_allocation": 2,
    "fin_insats": 2,
    "fin_plan": 2,
    "fin_diarium": 2,
}
# seq orders an event's rows; a view written before finsam numbered them within the
# event numbered them within a batch, so its value is not part of a row's meaning
SEQ_COLUMN = {"fin_budget": 3, "fin_plan": 3}


def _comparable(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    values = tuple(v if isinstance(v, int | str) else str(v) for v in row)
    seq = SEQ_COLUMN.get(table)
    return values if seq is None else values[:seq] + values[seq + 1 :]


def view_problems(
    expected: dict[str, list[tuple[Any, ...]]], stored: dict[str, list[tuple[Any, ...]]]
) -> list[Problem]:
    """Where the materialised tables differ from the rows the log writes afresh: one
    problem per table, at the first log position whose rows differ."""
    problems = []
    # the derived tables' rows depend on how the postings were batched: compared by
    # what they say, with the rows of the whole log's postings as one batch
    whole = derived(expected.get("fin_postings", []))
    for table, rows in expected.items():
        if table in DERIVED:
            want = Counter(canonical(table, whole[table]))
            have = Counter(canonical(table, stored.get(table, [])))
        else:
            want = Counter(_comparable(table, r) for r in rows)
            have = Counter(_comparable(table, r) for r in stored.get(table, []))
        if want == have:
            continue
        differing = (want - have) + (have - want)
        column = POSITION_COLUMN.get(table)
        positions = sorted(int(r[column]) for r in differing) if column is not None else [0]
        problems.append(
            Problem(
                positions[0],
                f"the view table {table} disagrees with the log at position {positions[0]} "
                f"({sum(differing.values())} rows differ): it was edited or is stale; "
                "finsam view rebuild writes it again from the log",
            )
        )
    return problems


class AuditReport(msgspec.Struct, frozen=True):
    """What `finsam audit verify` found; clean when ``problems`` is empty."""

    events: int
    chained: int
    unchained: int
    heads: dict[str, Link]
    checkpoint: Link | None
    problems: tuple[Problem, ...]


def find_checkpoint(chain: dict[int, Link], digest: str) -> Link | None:
    return next((link for link in chain.values() if link.hash == digest.strip().lower()), None)


def checkpoint_in(
    chain: dict[int, Link], checkpoint: str | None, forbund: str | None = None
) -> tuple[Link | None, list[Problem]]:
    """The checkpoint's link in the chain (the whole store's, or ``forbund``'s), and the
    problem when a checkpoint was given that the chain does not hold."""
    found = find_checkpoint(chain, checkpoint) if checkpoint else None
    if not checkpoint or found is not None:
        return found, []
    if forbund is None:
        why = "the log no longer extends it (truncated or rewritten since)"
        return None, [Problem(0, f"checkpoint {checkpoint} is not in the chain: {why}")]
    why = "the log no longer extends it (truncated or rewritten since), or it is another förbund's"
    return None, [Problem(0, f"checkpoint {checkpoint} is not in the chain of '{forbund}': {why}")]


def figure_problems(view: Any, fold: Any, forbund: str, years: Iterable[int]) -> list[Problem]:
    """The first figure (budget, result, equity, insatser at each year's end) on which the
    view and the fold disagree."""
    for year in sorted(years):
        end = date(year, 12, 31)
        answers = {
            f"budget:{year}": (view.budget(forbund, year, end), fold.budget(forbund, year, end)),
            f"result:{year}": (view.result(forbund, year, end), fold.result(forbund, year, end)),
            "equity": (view.equity(forbund, end), fold.equity(forbund, end)),
            "interventions": (view.insatser(forbund, end), fold.insatser(forbund, end)),
        }
        for name, (in_view, in_log) in answers.items():
            if in_view != in_log:
                return [
                    Problem(
                        0,
                        f"the view's {name} of {forbund} on {end} is not what the log gives: "
                        "finsam view rebuild writes it again",
                    )
                ]
    return []
