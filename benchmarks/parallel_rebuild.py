"""The view's rebuild split per förbund (issue 25 item 3) against one process, as built.

Rebuilds a copy of the store with ``MoneyView.rebuild(workers=1)`` and
``MoneyView.rebuild(workers=N)`` in turn, ``--rounds`` times each, every run in a fresh
process, and prints per run the wall time and the processor time per 100k events: the
parent's (reading the log in one process; in the split the fork, the merge and the swap),
each worker's, and the critical path (the slowest worker plus the parent). On a busy
machine the processor times are the figures to compare; the load is printed beside.

    python benchmarks/parallel_rebuild.py STORE.db [--workers 2] [--rounds 2] [--check]

The store is copied first and never written. ``--check`` compares the view's tables
after the last two runs row for row.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent

RUN = """
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
from projections import rebuild_parts as parts
from projections.money_view import MoneyView
from store.application import FinsamApp

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

work = parts._work

def timed(*args):  # each worker's own processor time, beside the scratch files
    work(*args)
    with open(os.path.join({times!r}, str(os.getpid())), "w") as out:
        out.write(str(cpu()))

parts._work = timed
app = FinsamApp({db!r})
view = MoneyView(app)
started, wall = cpu(), time.perf_counter()
events = view.rebuild(workers={workers})
print(json.dumps({{"events": events, "wall": time.perf_counter() - wall,
    "parent": cpu() - started}}))
"""


class Run(NamedTuple):
    events: int
    wall: float  # seconds
    parent: float  # processor seconds of the process that rebuilt
    workers: list[float]  # processor seconds of each worker


def run(db: str, workers: int) -> Run:
    with tempfile.TemporaryDirectory() as times:
        script = RUN.format(root=str(ROOT), db=db, workers=workers, times=times)
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=False
        )
        if out.returncode:
            sys.exit(out.stderr.strip().splitlines()[-1])
        found = json.loads(out.stdout.strip().splitlines()[-1])
        each = sorted(float(p.read_text()) for p in Path(times).iterdir())
    return Run(int(found["events"]), float(found["wall"]), float(found["parent"]), each)


def rows(db: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the view's tables, read from the view's own file beside the store; a
    derived table's by what its rows say (``money_totals.canonical``, as `audit verify`
    compares them): their rows are grouped per batch, which the split changes."""
    from projections.money_totals import canonical
    from projections.view_tables import VIEW_TABLES
    from store.view_file import view_path

    with sqlite3.connect(view_path(db)) as con:
        return {
            t: sorted(canonical(t, con.execute(f"SELECT * FROM {t}")), key=repr)
            for t in VIEW_TABLES
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="parallel-rebuild-")
    store = os.path.join(tmp, "store.db")
    shutil.copy(args.db, store)
    seen: dict[int, dict[str, list[tuple[object, ...]]]] = {}
    try:
        for round_ in range(1, args.rounds + 1):
            for workers in (1, args.workers):
                load = os.getloadavg()[0]
                found = run(store, workers)
                per = 100_000 / max(found.events, 1)
                path = found.parent + max(found.workers, default=0.0)
                each = ", ".join(f"{w * per:.2f}" for w in found.workers) or "-"
                print(
                    f"round {round_}, {workers} process(es): wall {found.wall:.1f} s "
                    f"(load {load:.1f}); per 100k events: parent {found.parent * per:.2f} s, "
                    f"workers {each} s, all {(found.parent + sum(found.workers)) * per:.2f} s, "
                    f"critical path {path * per:.2f} s"
                )
                if args.check:
                    seen[workers] = rows(store)
        if args.check:
            same = seen[1] == seen[args.workers]
            print("rows: the same as one process's" if same else "rows: DIFFERENT")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
