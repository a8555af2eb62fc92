"""Benchmark: how long each page of `finsam serve` takes on the Sollefteå example.

Imports examples/solleftea-2024.toml into a fresh store, starts the web view on a free
port of 127.0.0.1 (uvicorn, as `finsam serve` runs it), asks every page once to warm
up, then REPEAT times over HTTP, and prints the median and the slowest time per page
in milliseconds (the whole request: routing, the Reader's questions, the template).

Usage: python benchmarks/web_pages.py [--repeat 20]
Results are recorded in docs/performance.md (target: every page under 100 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from click.testing import CliRunner

from cli.main import cli
from web.browser import serving

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/?as_of=2024-12-31",
    "/?as_of=2023-12-19&known_at=position:100",
    "/meetings",
    "/meetings/2023-11-23",
    "/paragraphs/2023/71?as_of=2024-12-31",
    "/budget/2024?as_of=2024-12-31",
    "/insatser?as_of=2024-12-31",
    "/insatser/sfi?as_of=2024-12-31",
    "/log",
    "/board?as_of=2024-12-31",
    "/explain?figure=equity&as_of=2024-12-31",
    "/explain?figure=budget:2024:sfi&as_of=2024-12-31",
    "/health",
    "/anslagstavla?as_of=2023-12-01",
    "/anslagstavla.atom?as_of=2023-12-01",
]


def fetch(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url) as answer:
        answer.read()
        assert answer.status == 200, url
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "solleftea.db")
        imported = CliRunner().invoke(
            cli, ["--db", db, "import", str(ROOT / "examples" / "solleftea-2024.toml")]
        )
        assert imported.exit_code == 0, imported.output
        with serving(db) as base:
            first = {page: fetch(base + page) for page in PAGES}
            print(f"{'page':52} {'first':>7} {'median':>7} {'max':>7}  (ms)")
            for page in PAGES:
                times = [fetch(base + page) for _ in range(args.repeat)]
                print(
                    f"{page:52} {first[page]:7.1f} {statistics.median(times):7.1f} "
                    f"{max(times):7.1f}"
                )


if __name__ == "__main__":
    main()
