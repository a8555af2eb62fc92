"""Why writing slows as the store grows, and the experiment that shows the change that
would keep it flat (issue 25: the last tenth of writing >= 0.9 of the first).

An aggregate's id is uuid5 of its natural key (finsam_es/values.py: stable_id), so the
ids of one förbund's aggregates lie scattered over the whole of the events table's
index on (originator_id, originator_version). Writing a förbund's year touches some
twenty aggregates, and so some forty leaf pages of that index spread over the whole
file: as the file grows, more of them must be read from the operating system and more
distinct pages are copied back at each checkpoint.

The experiment writes the same synthetic years (benchmarks/bench.py) twice, in fresh
processes: once with finsam's ids, once with ids whose first six bytes come from the
förbund ("local" ids: the förbund's aggregates then lie together in the index). For
each it writes ``--before`` förbund first, then times the next ``--measured`` förbund
in a process of its own (the last tenth of a 1 M-event store with the defaults), with
the first ``--measured`` förbund of an empty store as its first tenth. The runs
alternate, ``--rounds`` times, because the machine is shared.

    python benchmarks/id_locality.py [--before 369] [--measured 41] [--rounds 3]

Local ids are an experiment, not finsam's ids: changing how ids are made would need an
id scheme recorded per store, since a stored event's id is forever (docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WRITE = """
import functools, hashlib, json, sys, uuid
sys.path.insert(0, {root!r})
from store.collector import pace_for_writing
pace_for_writing()
if {local!r}:
    import finsam_es.values as values  # before any module takes stable_id from it

    @functools.lru_cache(maxsize=1 << 16)
    def local_id(*parts):
        full = uuid.uuid5(values.NAMESPACE, "/".join(str(p) for p in parts)).bytes
        if len(parts) >= 2:  # (kind, förbund, ...): the förbund's six bytes first
            full = hashlib.sha256(str(parts[1]).encode()).digest()[:6] + full[6:]
        return uuid.UUID(bytes=full)

    values.stable_id = local_id
from benchmarks.bench import build
from store.application import FinsamApp

app = FinsamApp({db!r})
before = app.event_count()
after, seconds = build(app, {high}, 20, first={low})
print(json.dumps({{"events": after - before, "s": seconds}}))
"""


def write(db: Path, low: int, high: int, local: bool) -> float:
    """Events/s writing förbund ``low`` to ``high`` into ``db``, in a fresh process."""
    code = WRITE.format(root=str(ROOT), local=local, db=str(db), low=low, high=high)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return float(figures["events"]) / float(figures["s"])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before", type=int, default=369, help="förbund written first")
    parser.add_argument("--measured", type=int, default=41, help="förbund timed")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    where = Path(tempfile.mkdtemp(prefix="finsam-ids-"))
    try:
        grown = {}
        for local in (False, True):
            name = "local" if local else "finsam"
            print(f"writing {args.before} förbund with {name} ids ...", file=sys.stderr)
            grown[local] = where / f"{name}.db"
            write(grown[local], 0, args.before, local)
        rates: dict[tuple[bool, str], list[float]] = {}
        for _ in range(args.rounds):
            for local in (False, True):
                empty = where / "empty.db"
                rates.setdefault((local, "first"), []).append(write(empty, 0, args.measured, local))
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{empty}{suffix}").unlink(missing_ok=True)
                copy = where / "copy.db"
                shutil.copy(grown[local], copy)
                end = args.before + args.measured
                rates.setdefault((local, "last"), []).append(write(copy, args.before, end, local))
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{copy}{suffix}").unlink(missing_ok=True)
        print("| ids | first tenth (events/s) | last tenth (events/s) | last / first |")
        print("| --- | ---: | ---: | ---: |")
        for local in (False, True):
            first = statistics.median(rates[(local, "first")])
            last = statistics.median(rates[(local, "last")])
            name = "förbund-local (experiment)" if local else "finsam's (uuid5)"
            print(f"| {name} | {first:,.0f} | {last:,.0f} | {last / first:.2f} |")
        print(f"(medians of {args.rounds} alternating rounds, each run in a fresh process)")
    finally:
        shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    main()
