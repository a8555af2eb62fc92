"""Experiment (issue 25 item 3): the money view rebuilt per förbund in two processes.

Not the product's rebuild: it measures whether splitting one would bring a 1 M-event
rebuild under 30 s on two cores. Each worker reads its half of the förbund by the hash
chain's index (``store.forbund_log``), writes their rows with the view's own
``RowWriter`` into a SQLite file of its own (no lock shared with the other), and the
parent merges both files into the view's tables with ``INSERT ... SELECT``. Prints each
part's processor time, the critical path (the slower worker plus the merge) and whether
the rows are the one-process rebuild's (``--check``: rebuilds a copy the usual way too).

    python benchmarks/parallel_rebuild.py STORE.db [--workers 2] [--check]

The store is copied first and never written. The rows agree but for ``seq`` of the
budget and plan rows, which numbers rows within a batch (only their order within one
event is read, and that is kept); the comparison leaves it out and checks the order.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WITHOUT_SEQ = {"fin_budget": 3, "fin_plan": 3}  # the seq column's index


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker(db: str, forbund: list[str], out: str, result: Any) -> None:
    from projections.money_rows import INSERTED, KEPT_INSATSER, RowWriter, no_rows, statements
    from store.application import FinsamApp
    from store.forbund_log import forbund_notifications

    started = cpu()
    app = FinsamApp(db)
    target = sqlite3.connect(out)
    for statement in statements(False):
        target.execute(statement)
    writer = RowWriter(
        lambda oid, version: app.repository.get(oid, version=version),
        lambda _fiscal_year: None,
        KEPT_INSATSER,
    )
    events = 0
    for f in forbund:
        notifications = forbund_notifications(app, f) or []
        for first in range(0, len(notifications), 2000):
            rows = no_rows()
            for n in notifications[first : first + 2000]:
                writer.write(n.id, app.mapper.to_domain_event(n), rows)
            for table, width in INSERTED:
                if rows[table]:
                    marks = ",".join("?" * width)
                    target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
            target.executemany(
                "INSERT INTO fin_years VALUES (?,?) ON CONFLICT (id) DO NOTHING", rows["fin_years"]
            )
            target.commit()
            events += len(notifications[first : first + 2000])
    result.put((os.getpid(), events, cpu() - started))


def digest(path: str) -> str:
    from projections.money_rows import VIEW_TABLES

    con = sqlite3.connect(path)
    h = hashlib.sha256()
    for table in VIEW_TABLES:
        rows = list(con.execute(f"SELECT * FROM {table}"))
        if table in WITHOUT_SEQ:
            seq = WITHOUT_SEQ[table]
            # the rows of one event in their order, without the batch's numbering
            rows.sort(key=lambda r: (r[0], r[2], r[seq]))
            rows = [r[:seq] + r[seq + 1 :] for r in rows]
        for row in sorted(rows, key=repr) if table not in WITHOUT_SEQ else rows:
            h.update(repr(row).encode())
    return h.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="parallel-rebuild-")
    store = os.path.join(tmp, "store.db")
    shutil.copy(args.db, store)
    con = sqlite3.connect(store)
    forbund = [r[0] for r in con.execute("SELECT DISTINCT forbund FROM finsam_chain ORDER BY 1")]
    sizes = dict(con.execute("SELECT forbund, COUNT(*) FROM finsam_chain GROUP BY forbund"))
    con.close()
    # the förbund dealt to the workers by size, largest first, to the least loaded
    halves: list[list[str]] = [[] for _ in range(args.workers)]
    loads = [0] * args.workers
    for f in sorted(forbund, key=lambda f: -sizes[f]):
        k = loads.index(min(loads))
        halves[k].append(f)
        loads[k] += sizes[f]
    context = multiprocessing.get_context("fork")
    result = context.Queue()
    outs = [os.path.join(tmp, f"w{k}.db") for k in range(args.workers)]
    wall = time.perf_counter()
    processes = [
        context.Process(target=worker, args=(store, halves[k], outs[k], result))
        for k in range(args.workers)
    ]
    for p in processes:
        p.start()
    parts = [result.get() for _ in processes]
    for p in processes:
        p.join()
    from projections.money_rows import VIEW_TABLES, statements

    merged = os.path.join(tmp, "merged.db")
    started = cpu()
    target = sqlite3.connect(merged)
    for statement in statements(False):
        target.execute(statement)
    for k, out in enumerate(outs):
        target.execute(f"ATTACH DATABASE '{out}' AS w{k}")
        for table in VIEW_TABLES:
            verb = "INSERT OR IGNORE" if table == "fin_years" else "INSERT"
            # ordered by the clustered key: the B-tree is appended to, not split at random
            order = " ORDER BY 1, 5, 2, 11" if table == "fin_postings" else ""
            target.execute(f"{verb} INTO {table} SELECT * FROM w{k}.{table}{order}")
        target.commit()
        target.execute(f"DETACH DATABASE w{k}")
    merge = cpu() - started
    wall = time.perf_counter() - wall
    events = sum(n for _pid, n, _cpu in parts)
    per = 100_000 / max(events, 1)
    for pid, n, seconds in parts:
        print(f"worker {pid}: {n} events, {seconds:.2f} s processor time")
    slowest = max(seconds for _pid, _n, seconds in parts)
    print(f"merge: {merge:.2f} s processor time")
    print(
        f"per 100k events: all parts {(sum(s for *_, s in parts) + merge) * per:.2f} s, "
        f"critical path (slowest worker + merge) {(slowest + merge) * per:.2f} s; "
        f"wall {wall:.1f} s"
    )
    if args.check:
        from projections.money_view import MoneyView
        from store.application import FinsamApp

        started = cpu()
        MoneyView(FinsamApp(store)).rebuild()
        print(f"one process: {(cpu() - started) * per:.2f} s per 100k events")
        same = digest(store) == digest(merged)
        print("rows: the same as one process's" if same else "rows: DIFFERENT")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
