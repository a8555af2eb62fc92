"""The money view's rebuild split per förbund over worker processes (issue 25 item 3).

The förbund are independent for the view (an insats, a fiscal year and their rows
belong to one förbund), so on a SQLite file whose hash chain covers the log each
worker reads its förbund's events by the chain's index on förbund, writes their rows
with the view's own ``RowWriter`` into a scratch SQLite file of its own (no lock shared
with the others), and the parent merges the files into the rebuild's ``_next`` tables;
``MoneyView.rebuild`` then swaps them in as it does after a rebuild in one process.
The events of no förbund (the store's registry, accounts, roles: chain rows with
``forbund = ''``) go to one worker like a förbund. Every worker reads up to the head the
parent fixed at the start; what is written meanwhile the next catch-up reads.

PostgreSQL, a store whose chain does not cover the log (an older finsam's, not yet
sealed) and a small store keep the rebuild in one process: docs/performance.md.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.persistence import Notification

from finsam_es.errors import FinsamError
from projections.money_rows import KEPT_INSATSER, RowWriter
from projections.money_totals import FIRST_DAYS, OPENINGS, TOTALS
from projections.view_numbers import DIARIUM
from projections.view_tables import VIEW_TABLES, insert_rows, no_rows, statements
from store.application import FinsamApp
from store.database import LOCK_TIMEOUT_SECONDS, is_postgres
from store.view_file import view_path

# Below this many events the split is not worth its processes: it costs 15-25 % more
# processor time in all (each worker opens the store, the merge) to save under a second
# or two; from here on it costs about none and halves the critical path
# (docs/performance.md, "A rebuild per förbund on two cores").
THRESHOLD = 100_000
MOST = 8  # workers at most: SQLite attaches ten databases to one connection
ENV = "FINSAM_REBUILD_WORKERS"  # the default of --workers: auto, or a number

# The order rows are merged in: a clustered table's key (its B-tree is appended to, not
# split at random), the log's order for the others (as the one-process rebuild wrote them).
ORDER = {
    "fin_postings": "forbund, day, position, seq",
    "fin_insats": "forbund, insats, position",
    "fin_years": "id",
    "fin_budget": "position, seq",
    "fin_plan": "position, seq",
    "fin_allocation": "position",
    TOTALS: "forbund, year, valid_from, recorded, position",
    OPENINGS: "forbund, day, position, seq",
    FIRST_DAYS: "forbund, insats, position",
    DIARIUM: "forbund, year, position",
}
# each part's rows already in the key's order (the tables clustered on their key)
CLUSTERED = ("fin_postings", "fin_insats", TOTALS, OPENINGS, FIRST_DAYS, DIARIUM)

Refused = list[tuple[int, str]]


class Split(NamedTuple):
    """The log's head every worker reads up to, and the förbund each worker writes."""

    head: int
    parts: list[list[str]]


def workers_setting(workers: int | None) -> int | None:
    """The workers asked for: ``workers``, else ``FINSAM_REBUILD_WORKERS``; None for auto."""
    if workers is not None:
        return workers
    text = os.environ.get(ENV, "auto").strip()
    if text in ("", "auto"):
        return None
    if not text.isdigit() or int(text) < 1:
        raise FinsamError(f"{ENV}={text!r}: give auto or a number of processes (1 or more)")
    return int(text)


def cores() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - Linux has the affinity call


def split_for(app: FinsamApp, workers: int | None) -> Split | None:
    """How to split the store's rebuild, or None for one process: PostgreSQL, a store
    not in a file, a chain that does not reach the log's head, one worker asked for, or
    (auto) one core or fewer than ``THRESHOLD`` events."""
    asked = workers_setting(workers)
    if asked == 1 or is_postgres(app.db) or not os.path.isfile(app.db):
        return None
    datastore: Any = getattr(app.factory, "datastore", None)
    events: str = getattr(app.recorder, "events_table_name", "stored_events")
    with datastore.transaction(commit=False) as c:  # the head and the chain: one snapshot
        c.execute(f"SELECT MAX(rowid) FROM {events}")
        head = int(c.fetchone()[0] or 0)
        c.execute("SELECT MAX(position) FROM finsam_chain")
        chained = int(c.fetchone()[0] or 0)
        if not head or chained != head:  # events the chain does not name: the log's way
            return None
        if asked is None and (cores() < 2 or head < THRESHOLD):
            return None
        c.execute(
            "SELECT forbund, COUNT(*) FROM finsam_chain WHERE position <= ? GROUP BY forbund",
            (head,),
        )
        sizes = {str(f): int(n) for f, n in c.fetchall()}
    count = min(asked or cores(), len(sizes), MOST)
    return Split(head, deal(sizes, count)) if count > 1 else None


def deal(sizes: dict[str, int], count: int) -> list[list[str]]:
    """The förbund dealt to ``count`` workers by size, largest first to the least loaded."""
    parts: list[list[str]] = [[] for _ in range(count)]
    loads = [0] * count
    for forbund in sorted(sizes, key=lambda f: (-sizes[f], f)):
        k = loads.index(min(loads))
        parts[k].append(forbund)
        loads[k] += sizes[forbund]
    return parts


def write_parts(
    db: str, split: Split, suffix: str, progress: Callable[[int], None] | None, batch: int
) -> tuple[int, Refused]:
    """Write the rows of the events up to ``split.head`` into the tables ``fin_x{suffix}``
    of the view of the store at ``db`` from one worker process per part; how many events were read,
    and the events left out as beyond finsam's bounds (position, why) in log order.
    A worker that fails or stops makes it fail with one line; nothing is merged then."""
    context = multiprocessing.get_context("fork")
    processes: list[Any] = []
    readers: list[Connection] = []
    with tempfile.TemporaryDirectory(prefix="finsam-rebuild-") as scratch:
        outs = [str(Path(scratch) / f"part{k}.db") for k in range(len(split.parts))]
        try:
            for k, forbund in enumerate(split.parts):
                reader, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_work,
                    args=(db, forbund, split.head, outs[k], batch, sender, os.getpid()),
                    daemon=True,
                )
                # Ctrl-C between the fork and the worker's own SIG_IGN (_work) would break
                # into the child's start-up and print a traceback: it stays blocked in the
                # child until then; the parent gets its own as soon as the fork is done
                held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    process.start()
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, held)
                # the parent's copy closed: the pipe ends when the worker does, and the
                # workers started after it do not hold it open
                sender.close()
                processes.append(process)
                readers.append(reader)
            results = _results(processes, readers, progress)
            for process in processes:  # each has sent its result: let it end on its own
                process.join(timeout=30)
            _merge(db, outs, suffix)
        finally:
            for process in processes:
                if process.is_alive():
                    process.kill()
                process.join()
            for reader in readers:
                reader.close()
    refused = sorted(r for _done, part in results for r in part)
    return sum(done for done, _refused in results), refused


def _results(
    processes: list[Any], readers: list[Connection], progress: Callable[[int], None] | None
) -> list[tuple[int, Refused]]:
    """Each worker's result, advancing the progress by their batches as they come."""
    results: dict[int, tuple[int, Refused]] = {}
    open_readers = dict(enumerate(readers))

    def take(k: int) -> None:
        """What worker k has sent; its pipe forgotten when it is closed."""
        reader = open_readers[k]
        while reader.poll():
            try:
                kind, *values = reader.recv()
            except (EOFError, OSError):
                del open_readers[k]
                return
            if kind == "progress":
                if progress:
                    progress(values[0])
            elif kind == "failed":
                raise FinsamError(f"the view's rebuild failed: {values[0]}; the view is unchanged")
            else:
                results[k] = (values[0], values[1])

    while len(results) < len(processes):
        waiting: list[Any] = [r for r in open_readers.values()]
        waiting += [p.sentinel for k, p in enumerate(processes) if k not in results]
        ready = wait(waiting)
        for k in range(len(processes)):
            if k in open_readers and open_readers[k] in ready:
                take(k)
        for k, process in enumerate(processes):
            if k in results or process.sentinel not in ready:
                continue
            process.join()
            if k in open_readers:
                take(k)  # what it sent before it ended
            if k not in results:
                raise FinsamError(
                    f"a process of the view's rebuild stopped ({_ended(process.exitcode)}) "
                    "before it finished; the view is unchanged: run finsam view rebuild again"
                )
    return [results[k] for k in range(len(processes))]


def _ended(code: int | None) -> str:
    return f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"


def _merge(db: str, outs: list[str], suffix: str) -> None:
    """The parts' rows appended to the view's ``_next`` tables (in its own file), one
    statement each (a writer meanwhile waits at most one statement's time, as between a
    rebuild's batches)."""
    conn = sqlite3.connect(view_path(db), timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None)
    try:
        for k, out in enumerate(outs):
            conn.execute(f"ATTACH DATABASE ? AS part{k}", (out,))
        for table in VIEW_TABLES:
            verb = "INSERT OR IGNORE" if table == "fin_years" else "INSERT"
            into = f"{verb} INTO main.{table}{suffix}"
            if table in CLUSTERED:
                for k in range(len(outs)):
                    conn.execute(f"{into} SELECT * FROM part{k}.{table} ORDER BY {ORDER[table]}")
            else:
                every = " UNION ALL ".join(
                    f"SELECT * FROM part{k}.{table}" for k in range(len(outs))
                )
                conn.execute(f"{into} SELECT * FROM ({every}) ORDER BY {ORDER[table]}")
    finally:
        conn.close()


# -- in a worker process ------------------------------------------------------------------


def _work(
    db: str, forbund: list[str], head: int, out: str, batch: int, sender: Connection, parent: int
) -> None:
    """One worker: the rows of its förbund's events into the scratch file ``out``. It
    opens the store anew: the parent's connections, copied by the fork, are never used.
    Sends ("progress", n) per batch, then ("done", events, refused) or ("failed", line)."""
    gc.disable()  # as in the one-process rebuild: reference counting frees the rows
    # Ctrl-C reaches the whole process group: the parent stops the rebuild (and these
    # workers) and says so once, where a worker would print its own traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked over the fork
    try:
        app = FinsamApp(db)
        scratch = sqlite3.connect(out, isolation_level=None)
        scratch.execute("PRAGMA journal_mode = OFF")  # a scratch file: kept by nobody
        scratch.execute("PRAGMA synchronous = OFF")
        for statement in statements(False):
            if statement.startswith("CREATE TABLE"):
                scratch.execute(statement)

        def stored_year(fiscal_year: UUID) -> int | None:
            found = scratch.execute(
                "SELECT year FROM fin_years WHERE id = ?", (fiscal_year.hex,)
            ).fetchone()
            return None if found is None else int(found[0])

        writer = RowWriter(
            lambda oid, version: app.repository.get(oid, version=version),
            stored_year,
            KEPT_INSATSER,
        )
        done = 0
        for f in forbund:
            for notifications in _batches(app, f, head, batch):
                if os.getppid() != parent:  # the rebuild was stopped: nobody to merge
                    os._exit(1)
                rows = no_rows()
                for n in notifications:
                    writer.write(n.id, app.mapper.to_domain_event(n), rows)
                scratch.execute("BEGIN")
                insert_rows(scratch, rows)
                scratch.execute("COMMIT")
                done += len(notifications)
                sender.send(("progress", len(notifications)))
        scratch.close()
        sender.send(("done", done, writer.refused))
    except Exception as e:  # every failure goes back to the parent, as a line
        sender.send(("failed", _line(e)))


def _line(e: Exception) -> str:
    text = str(e).strip().splitlines()
    said = text[0] if text else ""
    return said if isinstance(e, FinsamError) else f"{type(e).__name__}: {said}".rstrip(": ")


def _batches(app: FinsamApp, forbund: str, head: int, batch: int) -> Iterator[list[Notification]]:
    """The förbund's events up to ``head`` in log order, ``batch`` at a time, by the
    chain's index on (förbund, seq): its links are numbered in log order."""
    datastore: Any = getattr(app.factory, "datastore", None)
    events: str = getattr(app.recorder, "events_table_name", "stored_events")
    seq = 0
    while True:
        with datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT l.seq, e.rowid, e.originator_id, e.originator_version, e.topic, e.state "
                f"FROM finsam_chain AS l JOIN {events} AS e "
                "ON e.rowid = l.position WHERE l.forbund = ? AND l.seq > ? AND l.position <= ? "
                "ORDER BY l.seq LIMIT ?",
                (forbund, seq, head, batch),
            )
            rows = [tuple(r) for r in c.fetchall()]
        if not rows:
            return
        seq = int(rows[-1][0])
        yield [
            Notification(UUID(str(oid)), int(version), topic, bytes(state), int(at))
            for _seq, at, oid, version, topic, state in rows
        ]
