"""Benchmark: the workspace's forms (issue 22, item 8) on a store of 1 000 000 events.

Builds the synthetic store of benchmarks/bench.py (410 förbund x 20 years, about a
million events; `--size 100k` for 41 x 20) or reuses one (`--dir D --reuse`), then drives
the secretary's path for one förbund through the forms in-process (Starlette's ASGI test
client: routing, the reader, the templates and the command bus, no network), as a
secretary signed in through the login form (an account made for the run): board members appointed and letters registered in the diarium
through the generated forms, a kallelse with a handling, the meeting opened with its
attendance, an ärende decided as proposed and one after a vote, closed. Every form post
is timed, and every workspace page is then asked REPEAT times: p50, p99 and the slowest,
in milliseconds, against the targets (pages p99 <= 100 ms, posts p99 <= 200 ms). The
protokoll's PDF (Typst) is timed apart: a document, not a page.

Usage:
  python benchmarks/web_workspace.py                 # 1M events (make bench)
  python benchmarks/web_workspace.py --size 100k     # make bench-quick
  python benchmarks/web_workspace.py --dir /tmp/wb --reuse
Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import re
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench import SIZES, build_in_child
from commands import structs as c
from commands.bus import execute
from store.application import FinsamApp
from store.credentials import hash_password
from store.view_file import copy_view, view_path
from web.app import create_app

FORBUND = "f000"
TODAY = date(2026, 5, 1)
DAY = "2026-05-20"  # a meeting of the store's year 2026 (its budget meeting was 2025-11-20)
SECRETARY = "bench.sekreterare"
BOARD = [("Ada Ledamot", "fk", "ledamot", True), ("Bo Ledamot", "af", "ledamot", False),
         ("Cia Ledamot", "rvn", "ledamot", False), ("Dan Ledamot", "k", "ledamot", False),
         ("Eva Ersättare", "k", "ersattare", False)]  # fmt: skip
PAGE_TARGET_MS, POST_TARGET_MS = 100.0, 200.0


CSRF = re.compile(r'name="csrf" value="([^"]*)"')
TOKEN: dict[str, str] = {}  # the signed-in browser's CSRF token, read once after sign-in


def sign_in(store: FinsamApp, client: Any) -> None:
    """An account for the secretary, signed in through the real login form, as a person
    is (a password made for this run); its CSRF token kept for every post."""
    password = secrets.token_urlsafe(16)
    execute(
        store,
        c.AddUser(
            forbund=FORBUND,
            name=SECRETARY,
            role="sekreterare",
            password_hash=hash_password(password),
            full_name="Sekreteraren",
        ),
        actor="kansliet",
    )

    def token(url: str) -> str:
        found = CSRF.search(client.get(url).text)
        assert found, f"{url} has no form"
        return found.group(1)

    form = {"name": SECRETARY, "password": password, "csrf": token("/login")}
    answer = client.post("/login", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text[:300]
    TOKEN["csrf"] = token(f"/forbund/{FORBUND}/act/appoint-board-member")


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def p99(times: list[float]) -> float:
    return sorted(times)[max(0, round(len(times) * 0.99) - 1)]


def row(name: str, times: list[float], target: float) -> str:
    verdict = "ok" if p99(times) <= target else "OVER"
    return (
        f"{name:58} {len(times):5d} {statistics.median(times):7.1f} {p99(times):7.1f} "
        f"{max(times):7.1f}  {verdict} (p99 <= {target:.0f})"
    )


def post(client: Any, url: str, data: dict[str, str], **kw: Any) -> float:
    def send() -> None:
        answer = client.post(url, data={**data, **TOKEN}, follow_redirects=False, **kw)
        refusal = re.findall(r'<p class="fel"[^>]*>([^<]*)', answer.text)
        assert answer.status_code == 303, (url, answer.status_code, refusal)

    return timed(send)


def seats(html: str, kind: str) -> dict[str, str]:
    """The form's index of each person on the attendance or the vote page."""
    found = re.findall(rf'<fieldset class="person" id="{kind}-(\d+)"><legend>([^<(]+)', html)
    return {name.strip(): index for index, name in found}


def drive(client: Any, letters: int) -> dict[str, list[float]]:
    """The secretary's path through the forms, each post timed."""
    f = f"/forbund/{FORBUND}"
    meeting = f"{f}/sammantraden/{DAY}"
    posts: dict[str, list[float]] = {}
    for name, member, role, chair in BOARD:
        data = {"name": name, "member": member, "role": role, "from": "2025-01-01"}
        if chair:
            data["chair"] = "on"
        posts.setdefault("POST act/appoint-board-member", []).append(
            post(client, f"{f}/act/appoint-board-member", data)
        )
    for n in range(letters):
        letter = {"on": "2026-04-02", "direction": "in", "party": f"Kommun {n}",
                  "subject": f"Ansökan {n}"}  # fmt: skip
        files = {"documents": (f"ansokan-{n}.pdf", b"%PDF-1.4 " + str(n).encode() * 500)}
        posts.setdefault("POST act/register-document (with a file)", []).append(
            post(client, f"{f}/act/register-document", letter, files=files)
        )
    call = {"date": DAY, "sent": "2026-05-06", "time": "13.00", "place": "Kansliet",
            "items.0.title": "Ansökan", "items.0.proposal": "Styrelsen beviljar.",
            "items.1.title": "Plan", "items.1.proposal": "Styrelsen fastställer planen."}  # fmt: skip
    handling = {"items.0.handling": ("underlag.pdf", b"%PDF-1.4 underlag")}
    posts["POST kallelse (with a handling)"] = [post(client, f"{f}/kallelse", call, files=handling)]
    posts["POST act/allow-distance"] = [
        post(client, f"{f}/act/allow-distance", {"on": "2025-01-01", "allowed": "on"})
    ]
    seat = seats(client.get(f"{meeting}/narvaro").text, "person")
    attendance = {f"narvaro.{seat['Ada Ledamot']}": "narvarande",
                  f"narvaro.{seat['Bo Ledamot']}": "distans",
                  f"narvaro.{seat['Cia Ledamot']}": "narvarande",
                  f"narvaro.{seat['Dan Ledamot']}": "franvarande",
                  f"narvaro.{seat['Eva Ersättare']}": "narvarande",
                  f"for.{seat['Eva Ersättare']}": "Dan Ledamot",
                  "chair": "Ada Ledamot", "justerare.1": "Bo Ledamot", "secretary": "Sekreteraren"}  # fmt: skip
    posts["POST narvaro (open from the agenda)"] = [post(client, f"{meeting}/narvaro", attendance)]
    moved = {**attendance, f"narvaro.{seat['Bo Ledamot']}": "narvarande",
             f"narvaro.{seat['Cia Ledamot']}": "distans"}  # fmt: skip
    posts["POST narvaro (amend)"] = [post(client, f"{meeting}/narvaro", moved)]
    posts["POST beslut (as proposed)"] = [post(client, f"{meeting}/beslut/1", {})]
    vote = {"yrkande.0.text": "Styrelsen fastställer planen.", "yrkande.1.text": "Avslag.",
            "kind": "open", "ja_for": "A", "nej_for": "B"}  # fmt: skip
    deciding = seats(client.get(f"{meeting}/omrostning/2").text, "rost")
    for cast, index in zip(("ja", "ja", "nej", "avstar"), deciding.values(), strict=True):
        vote[f"rost.{index}"] = cast
    posts["POST omrostning"] = [post(client, f"{meeting}/omrostning/2", vote)]
    return posts


PAGES = [
    "/forbund/{f}/sekreterare",
    "/forbund/{f}/act",
    "/forbund/{f}/act/register-document",
    "/forbund/{f}/act/open-meeting",
    "/forbund/{f}/kallelse",
    "/forbund/{f}/sammantraden/{day}",
    "/forbund/{f}/sammantraden/{day}/narvaro",
    "/forbund/{f}/sammantraden/{day}/omrostning/2",
    "/static/forms.css",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1M", choices=[s for s in SIZES if s != "8x100y"])
    parser.add_argument("--dir", default=None, help="where the store is written (a temp dir)")
    parser.add_argument("--reuse", action="store_true", help="use the store in --dir as it is")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--letters", type=int, default=200, help="diarium posts timed")
    args = parser.parse_args()
    from starlette.testclient import TestClient

    where = Path(args.dir or tempfile.mkdtemp(prefix="finsam-web-bench-"))
    where.mkdir(parents=True, exist_ok=True)
    db = where / f"web-{args.size}.db"
    if not (args.reuse and db.exists()):
        db.unlink(missing_ok=True)
        Path(view_path(str(db))).unlink(missing_ok=True)
        size = SIZES[args.size]
        print(f"building {size.name}: {size.forbund} förbund x {size.years} years", file=sys.stderr)
        # in a process of its own: the build's objects left in this one made the pages'
        # p99 the garbage collector's (1.6 GB of them; 120 ms against 60 ms without)
        written = build_in_child(str(db), size)
        print(f"  {written['events']:.0f} events in {written['s']:.0f} s", file=sys.stderr)
    # the path records into a copy, so --reuse measures the built store again unchanged
    run = where / f"web-{args.size}-run.db"
    run.unlink(missing_ok=True)
    Path(view_path(str(run))).unlink(missing_ok=True)
    with sqlite3.connect(db) as built, sqlite3.connect(run) as copy:
        built.backup(copy)
    copy_view(str(db), str(run))  # the built store's view, when it has one (view_file.py)
    store = FinsamApp(str(run))
    app = create_app(store, today=lambda: TODAY, writable=True)
    with TestClient(app, base_url="http://localhost") as client:
        sign_in(store, client)
        print(f"{store.event_count()} events in {db} (recording into a copy)")
        posts = drive(client, args.letters)
        pages: dict[str, list[float]] = {}
        for template in PAGES:
            url = template.format(f=FORBUND, day=DAY)

            def get(url: str = url) -> None:
                answer = client.get(url)
                assert answer.status_code == 200, (url, answer.text[:300])

            get()  # warm: templates compiled, aggregates cached as a running server has them
            pages[url] = [timed(get) for _ in range(args.repeat)]
        pdf = f"/forbund/{FORBUND}/sammantraden/{DAY}/protokoll.pdf"
        documents = [timed(lambda: client.get(pdf)) for _ in range(max(5, args.repeat // 20))]
        closed = post(client, f"/forbund/{FORBUND}/sammantraden/{DAY}/stang", {})
    print(f"{'request':58} {'n':>5} {'p50':>7} {'p99':>7} {'max':>7}  (ms)")
    for name, times in pages.items():
        print(row("GET " + name, times, PAGE_TARGET_MS))
    for name, times in {**posts, "POST stang (close)": [closed]}.items():
        print(row(name, times, POST_TARGET_MS))
    print(f"{'GET protokoll.pdf (Typst; a document, not a page)':58} {len(documents):5d} "
          f"{statistics.median(documents):7.1f} {p99(documents):7.1f} {max(documents):7.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
