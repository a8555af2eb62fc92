"""The shape of writing: speed per tenth of förbund and per tenth of history (issue 11's
flatness targets), wall clock and processor time; with --commit-each one transaction per
command. `benchmarks/bench.py` (make bench) is the whole table; this is the write path's
own instrument, measuring also view catch-up and as-of queries on the store it builds.

Builds a synthetic store of FORBUND förbund x YEARS years (each year: a budget,
an allocation, ten insatser applied for, granted, paid quarterly and settled, and
monthly bookings on three lines), then measures:

- writing: events per second through the same handlers the CLI uses, one unit of
  work (one transaction) per förbund and year, as a journal import does;
- the materialised view: catching up from scratch, events per second;
- queries: median latency of budget, result, equity and interventions as of a date
  from the view, against the reference fold for one query.

Usage: python benchmarks/bench.py [--forbund 20] [--years 10] [--db /tmp/bench.db]
       python benchmarks/bench.py --forbund 40 --years 20 --write-only
         (write speed per tenth of förbund and per tenth of each förbund's history)
Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench import MEMBERS, A, year_commands  # the same synthetic year as make bench
from commands import structs as c
from commands.bus import handle
from commands.journal import import_journal
from projections.money_fold import Fold
from projections.money_view import MoneyView
from store.application import FinsamApp
from store.collector import pace_for_writing
from store.unit_of_work import UnitOfWork


def tenths(spans: list[tuple[int, float]]) -> list[float]:
    """Events per second in each tenth of a list of (events, seconds) spans."""
    rates = []
    for k in range(10):
        part = spans[len(spans) * k // 10 : len(spans) * (k + 1) // 10]
        if part:
            rates.append(sum(e for e, _ in part) / max(sum(s for _, s in part), 1e-9))
    return rates


def report_write_shape(
    per_forbund: list[tuple[int, float]], per_year: list[list[float]], clock: str = ""
) -> None:
    """Write speed per tenth of förbund (in the order written) and per tenth of a förbund's
    history (year by year, over every förbund): flat means the last tenth is as fast as the
    first."""
    by_forbund = tenths(per_forbund)
    print(f"write per tenth of förbund{clock}: " + " ".join(f"{r:,.0f}" for r in by_forbund))
    if len(by_forbund) > 1:
        print(f"  last tenth / first tenth: {by_forbund[-1] / by_forbund[0]:.2f}")
    if per_year and per_year[0]:
        events = sum(e for e, _ in per_forbund)
        n = len(per_year[0])
        seconds = [sum(f[y] for f in per_year) for y in range(n)]
        spans = [(events // n, s) for s in seconds]  # about the same events every year
        by_year = tenths(spans)
        print(f"write per tenth of history{clock}: " + " ".join(f"{r:,.0f}" for r in by_year))
        if len(by_year) > 1:
            print(f"  last tenth / first tenth: {by_year[-1] / by_year[0]:.2f}")


SHAPE: tuple[list[tuple[int, float]], list[list[float]]] = ([], [])
SHAPE_CPU: tuple[list[tuple[int, float]], list[list[float]]] = ([], [])  # processor time


CPU: list[float] = []  # the writing's processor time (the machine is shared: less noisy)


def build(app: FinsamApp, forbund: int, years: int, each: bool = False) -> tuple[int, float]:
    start = time.perf_counter()
    cpu = time.process_time()
    per_forbund, per_year = SHAPE
    cpu_forbund, cpu_year = SHAPE_CPU
    for f in range(forbund):
        before, began, began_cpu = app.event_count(), time.perf_counter(), time.process_time()
        per_year.append([])
        cpu_year.append([])
        fid = f"f{f:03d}"
        uow = UnitOfWork(app)
        handle(
            uow, c.CreateForbund(id=fid, name=f"Förbund {f}", members=MEMBERS, on=date(2005, 1, 1))
        )
        handle(
            uow, c.SetOpeningEquity(forbund=fid, year_end=date(2014, 12, 31), equity=A(50_000_000))
        )
        uow.commit()
        for y in range(2015, 2015 + years):
            t, t_cpu = time.perf_counter(), time.process_time()
            uow = UnitOfWork(app)
            for command in year_commands(fid, y):
                handle(uow, command)
                if each:  # one transaction per command, as single CLI commands write
                    uow.commit()
                    uow = UnitOfWork(app)
            uow.commit()
            per_year[-1].append(time.perf_counter() - t)
            cpu_year[-1].append(time.process_time() - t_cpu)
        written = app.event_count() - before
        per_forbund.append((written, time.perf_counter() - began))
        cpu_forbund.append((written, time.process_time() - began_cpu))
        print(f"  förbund {f + 1}/{forbund}: {app.event_count()} events", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    CPU.append(time.process_time() - cpu)
    return app.event_count(), time.perf_counter() - start


def median_ms(fn, repeat: int = 15) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forbund", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--db", default=None)
    parser.add_argument(
        "--reuse", action="store_true", help="measure an existing --db, don't write"
    )
    parser.add_argument(
        "--write-only",
        action="store_true",
        help="measure writing only (per tenth of förbund and of history), no reads",
    )
    parser.add_argument(
        "--commit-each",
        action="store_true",
        help="one transaction per command (as single commands) instead of per förbund-year",
    )
    args = parser.parse_args()
    pace_for_writing()  # as the `finsam` command does (store/collector.py)
    db = args.db or str(Path(tempfile.mkdtemp()) / "bench.db")
    if not args.reuse:
        Path(db).unlink(missing_ok=True)
    app = FinsamApp(db)
    print(f"store: {db}")
    if args.reuse:
        events = app.event_count()
    else:
        events, seconds = build(app, args.forbund, args.years, args.commit_each)
        print(f"write: {events} events in {seconds:.1f} s = {events / seconds:,.0f} events/s")
        print(f"  of which processor time {CPU[0]:.1f} s = {events / CPU[0]:,.0f} events/s")
        report_write_shape(*SHAPE)
        report_write_shape(*SHAPE_CPU, clock=" (processor time)")
        if args.write_only:
            return

    view = MoneyView(app)
    t = time.perf_counter()
    view.rebuild()
    seconds = time.perf_counter() - t
    print(f"view rebuild: {events} events in {seconds:.1f} s = {events / seconds:,.0f} events/s")

    fid, last = "f000", 2015 + args.years - 1
    day = date(last, 6, 30)
    queries = {
        "budget": lambda: view.budget(fid, last, day),
        "result": lambda: view.result(fid, last, day),
        "equity": lambda: view.equity(fid, day),
        "interventions": lambda: view.insatser(fid, day),
    }
    for name, fn in queries.items():
        print(f"view {name} as of {day}: {median_ms(fn):.1f} ms (median of 15)")

    t = time.perf_counter()
    fold = Fold(app.read())
    read = time.perf_counter() - t
    t = time.perf_counter()
    assert fold.equity(fid, day) == view.equity(fid, day)
    print(
        f"fold: reading {events} events {read:.1f} s ({events / read:,.0f} events/s), one equity query {time.perf_counter() - t:.2f} s"
    )

    example = Path(__file__).resolve().parent.parent / "examples" / "solleftea-2024.toml"
    fresh = Path(db).with_name("import.db")
    fresh.unlink(missing_ok=True)
    other = FinsamApp(str(fresh))
    t = time.perf_counter()
    result = import_journal(other, example)
    print(
        f"import {example.name}: {result.events} events in {(time.perf_counter() - t) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
