"""Benchmark: finsam at 10k, 100k and 1M events and a förbund with 100 years of history,
side by side with the same work done by others.

Builds synthetic stores of F förbund x Y years (each year: a budget, an allocation, ten
insatser applied for, granted, paid quarterly and settled, and monthly bookings on three
lines: about 122 events per förbund and year) through the same handlers the CLI uses, one
unit of work (one transaction) per förbund and year as a journal import does, then
measures per store: writing, the view's rebuild, the fold (the audit path), the as-of
queries in process (p50/p99) and as a whole CLI call, peak memory of each, and bytes per
event. Anchors in the same run: the eventsourcing library alone and raw SQLite writing,
plain sqlite3 reading the log, `hledger bal -e` on the same history exported, and the
same store on PostgreSQL (a throw-away server on loopback, tests/with_postgres.sh, when
PostgreSQL is installed).

Usage:
  python benchmarks/bench.py            # make bench: 10k, 100k, 1M, 8 x 100 years
  python benchmarks/bench.py --quick    # make bench-quick: 100k only
  python benchmarks/bench.py --sizes 10k --dir /tmp/bench --reuse
Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from commands import structs as c
from commands.bus import handle
from projections.money_view import MoneyView
from store.application import FinsamApp
from store.collector import pace_for_writing
from store.unit_of_work import UnitOfWork
from store.view_file import view_path

A = c.Amount
MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rvn", kind="region", share="25%"),
    c.MemberSpec(id="k", kind="municipality", share="25%"),
)


def year_commands(fid: str, year: int) -> list[c.Command]:
    meeting = date(year - 1, 11, 20)
    cmds: list[c.Command] = [c.OpenMeeting(forbund=fid, meeting=c.MeetingDetails(date=meeting))]
    lines = (
        c.BudgetLineSpec(line="driftbidrag", kind="income", amount=A(300_000_000)),
        c.BudgetLineSpec(line="insatser", kind="cost", amount=A(200_000_000), insats=True),
        c.BudgetLineSpec(line="kansli", kind="cost", amount=A(70_000_000)),
        c.BudgetLineSpec(line="styrelsen", kind="cost", amount=A(20_000_000)),
        c.BudgetLineSpec(line="ovrigt", kind="cost", amount=A(10_000_000)),
    )
    effects: list[c.EffectType] = [c.AdoptBudget(year=year, lines=lines)]
    for i in range(10):
        insats = f"i{year}-{i}"
        cmds.append(
            c.ReceiveApplication(
                forbund=fid,
                insats=insats,
                amount=A(20_000_000),
                start=date(year, 1, 1),
                end=date(year, 12, 31),
                line="insatser",
                on=date(year - 1, 10, 1),
            )
        )
        effects.append(c.GrantFunds(insats=insats))
    cmds.append(
        c.AddParagraph(
            forbund=fid, meeting=meeting, title="Budget och beviljanden", effects=tuple(effects)
        )
    )
    cmds.append(c.SetAllocation(forbund=fid, year=year, total=A(300_000_000)))
    for month in range(1, 13):
        day = date(year, month, 28)
        for line in ("kansli", "styrelsen", "ovrigt"):
            cmds.append(
                c.Book(forbund=fid, kind="cost", line=line, amount=A(500_000 + month), on=day)
            )
    for i in range(10):
        insats = f"i{year}-{i}"
        for quarter in (4, 7, 10, 12):
            cmds.append(
                c.PayOwner(
                    forbund=fid, insats=insats, amount=A(5_000_000), on=date(year, quarter, 15)
                )
            )
        cmds.append(
            c.SettleWithoutDecision(
                forbund=fid, insats=insats, year=year, used=A(19_000_000), on=date(year, 12, 31)
            )
        )
    return cmds


def build(
    app: FinsamApp,
    forbund: int,
    years: int,
    marks: list[tuple[int, float]] | None = None,
    first: int = 0,
) -> tuple[int, float]:
    """Write the synthetic store (förbund ``first`` up to ``forbund``); ``marks`` gets
    (events so far, seconds) after every transaction, for the rate of the first and the
    last tenth (``tenths``)."""
    start = time.perf_counter()
    written = app.event_count()
    for f in range(first, forbund):
        fid = f"f{f:03d}"
        uow = UnitOfWork(app)
        handle(
            uow, c.CreateForbund(id=fid, name=f"Förbund {f}", members=MEMBERS, on=date(2005, 1, 1))
        )
        handle(
            uow, c.SetOpeningEquity(forbund=fid, year_end=date(2014, 12, 31), equity=A(50_000_000))
        )
        written += uow.commit()
        for y in range(2015, 2015 + years):
            uow = UnitOfWork(app)
            for command in year_commands(fid, y):
                handle(uow, command)
            written += uow.commit()
            if marks is not None:
                marks.append((written, time.perf_counter() - start))
        print(f"  förbund {f + 1}/{forbund}: {app.event_count()} events", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return app.event_count(), time.perf_counter() - start


def tenths(marks: list[tuple[int, float]]) -> float:
    """The write rate of the last tenth of the events over that of the first tenth
    (issue 25: writing flat with size and history, >= 0.9), from ``build``'s marks."""
    if len(marks) < 20:
        return 0.0
    total = marks[-1][0]

    def rate(low: int, high: int) -> float:
        inside = [(e, t) for e, t in marks if low <= e <= high]
        before = [(e, t) for e, t in marks if e < low] or [(0, 0.0)]
        first, last = before[-1], inside[-1]
        return (last[0] - first[0]) / (last[1] - first[1])

    return rate(total * 9 // 10, total) / rate(0, total // 10)


# -- measuring --------------------------------------------------------------------------
#
# Each measure is a function of a built store returning figures by name; main() runs them
# per size and prints the side-by-side table and the scaling table. Commands that may use
# memory (the rebuild, the fold, a query) run in a fresh process each, so their peak
# memory is their own (``child``).

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FINSAM = [PYTHON, "-c", "import sys; from cli.main import main; sys.argv[0] = 'finsam'; main()"]


class Size(NamedTuple):
    name: str
    forbund: int
    years: int


SIZES = {
    "10k": Size("10k", 4, 20),
    "100k": Size("100k", 41, 20),
    "1M": Size("1M", 410, 20),
    "8x100y": Size("8 förbund x 100 years", 8, 100),
}
QUICK = ("100k",)
FULL = ("10k", "100k", "1M", "8x100y")

CHILD = """
import json, resource, sys, time
from datetime import date
sys.path.insert(0, {root!r})
from store.application import FinsamApp
app = FinsamApp({db!r})
t = time.perf_counter()
{code}
# the peak of the process or of its largest child (the rebuild's workers, when it splits)
peak = max(resource.getrusage(r).ru_maxrss for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({{"s": time.perf_counter() - t, "mb": peak / 1024}}))
"""


def child(db: str, code: str) -> dict[str, float]:
    """Run code against the store in a fresh process: its seconds and peak memory (MB)."""
    script = CHILD.format(root=str(ROOT), db=db, code=code)
    out = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def cli_median_ms(*args: str, repeat: int = 9) -> float:
    """The median wall time of a whole `finsam` process."""
    return process_median_ms([*FINSAM, *args], repeat)


def process_median_ms(command: list[str], repeat: int = 9) -> float:
    """The median wall time of a process, after one run that writes its bytecode cache
    (as a user's second call finds it: PYTHONDONTWRITEBYTECODE is dropped)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def percentiles_ms(fn: Callable[[], object], repeat: int = 200) -> tuple[float, float]:
    """p50 and p99 of an in-process call, in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def file_bytes(path: str) -> int:
    """The bytes of a SQLite file's pages in use (its tables and indexes, by dbstat)."""
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT SUM(pgsize) FROM dbstat").fetchone()[0] or 0)
    finally:
        con.close()


def store_bytes(db: str) -> tuple[float, float]:
    """Bytes per event of the log's file (events, chain, snapshots, their indexes) and of
    the view's own file beside it (store/view_file.py), each by SQLite's page accounting."""
    con = sqlite3.connect(db)
    try:
        events = con.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] or 1
    finally:
        con.close()
    view = view_path(db)
    return file_bytes(db) / events, (file_bytes(view) if os.path.isfile(view) else 0) / events


def measure_store(db: str, size: Size) -> dict[str, float]:
    """Everything measured on one built store (SQLite or PostgreSQL)."""
    out: dict[str, float] = {}
    app = FinsamApp(db)
    events = out["events"] = app.event_count()
    fid, last = "f000", 2015 + size.years - 1
    day = date(last, 6, 30)
    # the product's default (workers auto): split per förbund from 200 000 events
    rebuild = child(db, "from projections.money_view import MoneyView\nMoneyView(app).rebuild()")
    out["rebuild s"], out["rebuild MB"] = rebuild["s"], rebuild["mb"]
    progress(f"{size.name}: rebuilt in {rebuild['s']:.1f} s")
    fold = child(
        db,
        "from projections.money_fold import Fold\n"
        f"Fold.of_log(app).equity({fid!r}, date({last}, 6, 30))",
    )
    out["fold events/s"], out["fold MB"] = events / fold["s"], fold["mb"]
    progress(f"{size.name}: folded in {fold['s']:.1f} s")
    view = MoneyView(app)
    view.catch_up()
    queries: dict[str, Callable[[], object]] = {
        "budget": lambda: view.budget(fid, last, day),
        "result": lambda: view.result(fid, last, day),
        "equity": lambda: view.equity(fid, day),
        # what `finsam interventions` answers by default: the insatser current on the date
        "interventions": lambda: view.insatser(fid, day, current_only=True),
        "interventions --all": lambda: view.insatser(fid, day),
    }
    for name, fn in queries.items():
        out[f"{name} p50 ms"], out[f"{name} p99 ms"] = percentiles_ms(fn)
    args = ("--db", db, "equity", "--forbund", fid, "--as-of", day.isoformat(), "--format", "json")
    out["equity CLI ms"] = cli_median_ms(*args)
    # the other queries with a quick path (cli/quick.py): the insatser current on the date
    out["interventions CLI ms"] = cli_median_ms(*args[:2], "interventions", *args[3:])
    query = child(
        db,
        "from projections.queries import Reader\n"
        f"Reader(app).at(date({last}, 6, 30)).money.equity({fid!r})",
    )
    out["query MB"] = query["mb"]
    if not db.startswith("postgresql"):
        out["log B/event"], out["view B/event"] = store_bytes(db)
    return out


def progress(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def build_in_child(db: str, size: Size) -> dict[str, float]:
    """Write the synthetic store in a fresh process: events, seconds, peak memory."""
    out = subprocess.run(
        [
            PYTHON,
            __file__,
            "--write-only",
            "--db",
            db,
            "--forbund",
            str(size.forbund),
            "--years",
            str(size.years),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


# -- anchors: the same work done by others -----------------------------------------------


class Item(Aggregate):
    """The library-alone anchor's aggregate: created, then booked on."""

    @event("Created")
    def __init__(self, name: str):
        self.name = name
        self.amounts: list[int] = []

    @event("Booked")
    def book(self, amount: int, line: str, day: str) -> None:
        self.amounts.append(amount)


def library_alone(events: int, per_transaction: int) -> float:
    """Events/s the eventsourcing library writes alone (SQLite, its own JSON transcoder):
    aggregates of ten events, ``per_transaction`` events saved together."""
    path = Path(tempfile.mkdtemp()) / "library.db"
    app: Application[UUID] = Application(
        env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
    )
    t = time.perf_counter()
    written = 0
    while written < events:
        items = []
        for _ in range(max(per_transaction // 10, 1)):
            item = Item(name="insats")
            for month in range(9):
                item.book(5_000_000 + month, "insatser", f"2024-{month + 1:02d}-28")
            items.append(item)
        app.save(*items)
        written += 10 * len(items)
    return written / (time.perf_counter() - t)


def raw_sqlite(events: int) -> float:
    """Rows/s raw SQLite inserts with executemany, rows the size of a stored event."""
    path = Path(tempfile.mkdtemp()) / "raw.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(
        "CREATE TABLE e (id TEXT, version INTEGER, topic TEXT, state BLOB, "
        "PRIMARY KEY (id, version))"
    )
    state = b'{"forbund":"f000","effective":"2024-04-15","amount":5000000}' * 4
    t = time.perf_counter()
    for start in range(0, events, 1000):
        rows = [
            (f"{i:032x}", 1, "finsam_es.insats:Insats.PaymentMade", state)
            for i in range(start, min(start + 1000, events))
        ]
        with con:
            con.executemany("INSERT INTO e VALUES (?,?,?,?)", rows)
    seconds = time.perf_counter() - t
    con.close()
    return events / seconds


def sqlite_read(db: str) -> float:
    """Rows/s plain sqlite3 reads the whole log."""
    con = sqlite3.connect(db)
    t = time.perf_counter()
    count = 0
    cursor = con.execute("SELECT * FROM stored_events")
    while rows := cursor.fetchmany(5000):
        count += len(rows)
    seconds = time.perf_counter() - t
    con.close()
    return count / seconds


def hledger(db: str, size: Size, every: bool = False) -> tuple[float, float] | None:
    """Median ms of `hledger bal -e` on the history exported with `finsam export hledger`
    (förbund f000's, or with ``every`` all the store's förbund in one journal: the same
    history finsam's view holds), and of `finsam equity --as-of` on f000 as a whole
    process; None without hledger."""
    if shutil.which("hledger") is None:
        return None
    last = 2015 + size.years - 1
    journal = Path(db).with_suffix(".all.hledger" if every else ".hledger")
    with journal.open("w", encoding="utf-8") as out:
        for k in range(size.forbund if every else 1):
            part = journal.with_suffix(f".f{k:03d}")
            subprocess.run(
                [
                    *FINSAM,
                    "--db",
                    db,
                    "export",
                    "hledger",
                    "--forbund",
                    f"f{k:03d}",
                    "--as-of",
                    f"{last}-12-31",
                    "--output",
                    str(part),
                ],
                capture_output=True,
                check=True,
                cwd=ROOT,
            )
            out.write(part.read_text(encoding="utf-8") + "\n")
            part.unlink()
    times = []
    for _ in range(3 if every else 5):  # the whole history takes hledger seconds a call
        t = time.perf_counter()
        subprocess.run(
            ["hledger", "-f", str(journal), "bal", "-e", f"{last}-07-01"],
            capture_output=True,
            check=True,
        )
        times.append((time.perf_counter() - t) * 1000)
    ours = cli_median_ms(
        "--db", db, "equity", "--forbund", "f000", "--as-of", f"{last}-06-30", "--format", "json"
    )
    return statistics.median(times), ours


# -- PostgreSQL ---------------------------------------------------------------------------


def postgres(size: Size) -> dict[str, float] | None:
    """Writing and querying the same store on a throw-away PostgreSQL server (started by
    tests/with_postgres.sh when PostgreSQL is installed); None when it is not."""
    installed = list(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not installed or importlib.util.find_spec("psycopg") is None:
        return None
    # durability on, as an operator runs PostgreSQL (SQLite runs synchronous=FULL)
    env = {**os.environ, "WITH_POSTGRES_DURABLE": "1"}
    out = subprocess.run(
        [
            str(ROOT / "tests" / "with_postgres.sh"),
            PYTHON,
            __file__,
            "--postgres-part",
            "--forbund",
            str(size.forbund),
            "--years",
            str(size.years),
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def postgres_part(size: Size) -> dict[str, float]:
    """Run inside tests/with_postgres.sh: write and query on its server."""
    url = os.environ["FINSAM_TEST_POSTGRES"]
    app = FinsamApp(url)
    events, seconds = build(app, size.forbund, size.years)
    out = {"write events/s": events / seconds}
    view = MoneyView(app)
    view.catch_up()
    last = 2015 + size.years - 1
    day = date(last, 6, 30)
    out["equity p50 ms"], out["equity p99 ms"] = percentiles_ms(lambda: view.equity("f000", day))
    out["interventions p50 ms"], out["interventions p99 ms"] = percentiles_ms(
        lambda: view.insatser("f000", day, current_only=True)
    )
    out["interventions --all p50 ms"], out["interventions --all p99 ms"] = percentiles_ms(
        lambda: view.insatser("f000", day)
    )
    started = time.perf_counter()
    view.rebuild()
    out["rebuild s"] = time.perf_counter() - started
    out["events"] = events
    app.close()
    return out


# -- the report ---------------------------------------------------------------------------

TARGETS = {  # issue 11: the figure, and whether more (1) or less (-1) is better
    "write events/s": (25_000, 1),
    "write last tenth / first": (0.9, 1),
    "rebuild s": (30, -1),
    "rebuild MB": (300, -1),
    "fold events/s": (200_000, 1),
    "fold MB": (300, -1),
    "write MB": (300, -1),
    "query MB": (300, -1),
    "equity p99 ms": (5, -1),
    "interventions p99 ms": (5, -1),
    "budget p99 ms": (5, -1),
    "result p99 ms": (5, -1),
    "equity CLI ms": (150, -1),
    "interventions CLI ms": (150, -1),
    "equity CLI / python -c pass": (5, -1),
    "help CLI ms": (100, -1),
    "store B/event": (500, -1),
}


def verdict(name: str, value: float) -> str:
    if name not in TARGETS:
        return ""
    target, better = TARGETS[name]
    met = value >= target if better > 0 else value <= target
    return f"{'met' if met else 'NOT met'} ({'>=' if better > 0 else '<='} {target:,})"


def fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"


def judged_value(results: dict[str, dict[str, float]], row: str) -> float | None:
    """The figure a target is judged on: the store with the most events, and for an as-of
    query ("whatever the length of the history") the worst of every store."""
    if row.endswith(" ms") and " p" in row:
        values = [r[row] for r in results.values() if row in r]
        return max(values) if values else None
    largest = max(results, key=lambda n: results[n].get("events", 0))
    return results[largest].get(row)


def print_scaling(results: dict[str, dict[str, float]]) -> None:
    names = list(results)
    rows = sorted({k for r in results.values() for k in r})
    print("\n## Scaling (one run; the machine is shared: medians, noisy)\n")
    print("| measure | " + " | ".join(names) + " | target (most events; as-of: worst) |")
    print("| --- |" + " ---: |" * len(names) + " --- |")
    order = [
        "events",
        "write events/s",
        "write last tenth / first",
        "write MB",
        "rebuild s",
        "rebuild MB",
        "fold events/s",
        "fold MB",
        "budget p50 ms",
        "budget p99 ms",
        "result p50 ms",
        "result p99 ms",
        "equity p50 ms",
        "equity p99 ms",
        "interventions p50 ms",
        "interventions p99 ms",
        "interventions --all p50 ms",
        "interventions --all p99 ms",
        "equity CLI ms",
        "interventions CLI ms",
        "equity CLI / python -c pass",
        "help CLI ms",
        "python -c pass ms",
        "query MB",
        "log B/event",
        "view B/event",
        "store B/event",
        "log+view B/event",
    ]
    for row in [r for r in order if r in rows] + [r for r in rows if r not in order]:
        cells = [fmt(results[n][row]) if row in results[n] else "" for n in names]
        target = verdict(row, judged) if (judged := judged_value(results, row)) else ""
        print(f"| {row} | " + " | ".join(cells) + f" | {target} |")


def print_side_by_side(rows: list[tuple[str, float, str, float, str]]) -> None:
    print("\n## Side by side (ratio = finsam / anchor; >1 means finsam is faster for rates)\n")
    print("| measure | finsam | anchor | anchor's figure | ratio |")
    print("| --- | ---: | --- | ---: | ---: |")
    for measure, ours, anchor, theirs, unit in rows:
        print(
            f"| {measure} ({unit}) | {fmt(ours)} | {anchor} | {fmt(theirs)} | {ours / theirs:.2f} |"
        )


def written_and_measured(db: str, size: Size, reuse: bool) -> dict[str, float]:
    """A store of ``size`` written at ``db`` (kept as it is with ``reuse`` when there),
    and everything measured on it."""
    figures: dict[str, float] = {}
    if not (reuse and Path(db).exists()):
        for suffix in ("", "-wal", "-shm", "-view", "-view-wal", "-view-shm"):
            Path(db + suffix).unlink(missing_ok=True)
        written = build_in_child(db, size)
        progress(f"{size.name}: written in {written['s']:.1f} s")
        figures["write events/s"] = written["events"] / written["s"]
        figures["write MB"] = written["mb"]
        figures["write last tenth / first"] = written["tenths"]
    figures.update(measure_store(db, size))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="100k events only (make bench-quick)")
    parser.add_argument("--sizes", default=None, help=f"comma-separated, of {', '.join(SIZES)}")
    parser.add_argument("--dir", default=None, help="where the stores are written (a temp dir)")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the stores in --dir as they are"
    )
    parser.add_argument("--forbund", type=int, default=20, help=argparse.SUPPRESS)
    parser.add_argument("--years", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--db", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--write-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--postgres-part", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # the collector's pace the `finsam` command sets (store/collector.py), here for
    # finsam's writing and for the anchors alike
    pace_for_writing()
    if args.write_only:  # a child: write one store, print what it took
        app = FinsamApp(args.db)
        marks: list[tuple[int, float]] = []
        events, seconds = build(app, args.forbund, args.years, marks)
        mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"events": events, "s": seconds, "mb": mb, "tenths": tenths(marks)}))
        return
    if args.postgres_part:
        print(json.dumps(postgres_part(Size("", args.forbund, args.years))))
        return

    names = args.sizes.split(",") if args.sizes else list(QUICK if args.quick else FULL)
    where = Path(args.dir or tempfile.mkdtemp(prefix="finsam-bench-"))
    where.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, dict[str, float]] = {}
    help_ms = cli_median_ms("--help")
    python_ms = process_median_ms([PYTHON, "-c", "pass"])
    for name in names:
        size = SIZES[name]
        db = str(where / f"{name}.db")
        figures = written_and_measured(db, size, args.reuse)
        figures["help CLI ms"] = help_ms
        figures["python -c pass ms"] = python_ms
        if "log B/event" in figures:
            # the "store <= 500 B/event" on the log's file, the view being in a
            # file of its own (a cache, rebuilt from the log); the two together beside it
            figures["store B/event"] = figures["log B/event"]
            figures["log+view B/event"] = figures["log B/event"] + figures["view B/event"]
        # the "a query in the time Python takes to start": <= 5x, in the same run
        figures["equity CLI / python -c pass"] = figures["equity CLI ms"] / python_ms
        results[size.name] = figures
        progress(f"{size.name}: measured")

    largest = names[-2] if names[-1] == "8x100y" and len(names) > 1 else names[-1]
    big = results[SIZES[largest].name]
    db = str(where / f"{largest}.db")
    anchor_events = 30_000 if args.quick else 100_000
    side: list[tuple[str, float, str, float, str]] = []
    if "write events/s" in big:
        ours = big["write events/s"]
        side.append(
            (
                "writing",
                ours,
                "eventsourcing alone, 10 events/transaction",
                library_alone(anchor_events, 10),
                "events/s",
            )
        )
        side.append(
            (
                "writing",
                ours,
                "eventsourcing alone, 122 events/transaction",
                library_alone(anchor_events, 120),
                "events/s",
            )
        )
        side.append(
            ("writing", ours, "raw SQLite executemany", raw_sqlite(anchor_events), "events/s")
        )
    side.append(
        ("fold", big["fold events/s"], "sqlite3 reading every row", sqlite_read(db), "events/s")
    )
    progress("anchors written and read")
    ledger = hledger(db, SIZES[largest])
    if ledger is None:
        print(
            "note: hledger is not installed: no comparison with `hledger bal -e`", file=sys.stderr
        )
    else:
        theirs, ours_ms = ledger
        side.append(
            (
                "equity --as-of, whole process",
                1000 / ours_ms,
                "hledger bal -e",
                1000 / theirs,
                "calls/s",
            )
        )
    if "8x100y" in names and ledger is not None:
        # the same history whole: every förbund of the 100-year store (about 100k events)
        whole = hledger(str(where / "8x100y.db"), SIZES["8x100y"], every=True)
        if whole is not None:
            theirs, ours_ms = whole
            side.append(
                (
                    "equity --as-of, whole process (8 förbund x 100 years)",
                    1000 / ours_ms,
                    "hledger bal -e on all their bookings",
                    1000 / theirs,
                    "calls/s",
                )
            )
    pg_size = SIZES["100k"]  # issue 25: PostgreSQL at 100k with durability on
    progress("hledger done")
    pg = postgres(pg_size)
    if pg is None:
        print("note: PostgreSQL is not installed: no SQLite/PostgreSQL comparison", file=sys.stderr)
    else:
        # the SQLite side in the same run: the 100k store measured above, or one written now
        sq = results.get(pg_size.name) or written_and_measured(
            str(where / "pg-size.db"), pg_size, args.reuse
        )
        side.append(
            (
                f"writing, {pg_size.name} (SQLite vs PostgreSQL)",
                sq.get("write events/s", 0.0),
                "PostgreSQL",
                pg["write events/s"],
                "events/s",
            )
        )
        side.append(
            (
                f"equity p50, {pg_size.name} (SQLite vs PostgreSQL)",
                1000 / sq["equity p50 ms"],
                "PostgreSQL",
                1000 / pg["equity p50 ms"],
                "queries/s",
            )
        )
        side.append(
            (
                f"equity p99, {pg_size.name} (SQLite vs PostgreSQL)",
                1000 / sq["equity p99 ms"],
                "PostgreSQL",
                1000 / pg["equity p99 ms"],
                "queries/s",
            )
        )
        side.append(
            (
                f"interventions p50, {pg_size.name} (SQLite vs PostgreSQL)",
                1000 / sq["interventions p50 ms"],
                "PostgreSQL",
                1000 / pg["interventions p50 ms"],
                "queries/s",
            )
        )
        side.append(
            (
                f"rebuild, {pg_size.name} (SQLite vs PostgreSQL)",
                sq["events"] / sq["rebuild s"],
                "PostgreSQL",
                pg["events"] / pg["rebuild s"],
                "events/s",
            )
        )
    print(
        f"# finsam benchmark ({time.strftime('%Y-%m-%d %H:%M')}, load {os.getloadavg()[0]:.1f}, "
        f"{os.cpu_count()} cores; stores in {where})"
    )
    print_side_by_side(side)
    print_scaling(results)
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
