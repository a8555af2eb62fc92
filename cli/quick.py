"""The quick read path: `finsam equity|budget|result|interventions --format json`
answered in the time Python takes to start (issue 25 item 1).

``cli.main.main`` asks ``answered`` first. It reads the command line itself (only the
forms of the full commands: --db, --forbund, --as-of, --format json, and a command's
own --year or --all), opens the store with the standard library (store/quick.py) and
lets the materialised view answer (projections/quick_money.py), importing neither the
domain's event classes, nor the eventsourcing library, nor rich. Whenever it cannot
answer exactly as the full path would (another option, a bad date or year, a
PostgreSQL store, the view behind the log, several förbund and none named...) it
answers nothing and the full command runs, with its own answer or its one-line
refusal: the quick path never refuses.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import date
from typing import Any, NamedTuple

import click
import msgspec

from cli.json_output import print_json
from cli.secrets import mask
from finsam_es.errors import InvalidInput
from finsam_es.values import FIRST_DATE, LAST_DATE, bounded_int, parse_date, visible
from projections.equity_report import EquityReport
from projections.quick_money import quick_budget, quick_equity, quick_insatser, quick_result
from store.quick import QuickStore

GROUP_OPTIONS = ("--db", "--forbund")
QUESTION_OPTIONS = ("--forbund", "--as-of", "--format")
# each command's own options beyond the question's, and its flags (options without a value)
COMMAND_OPTIONS = {
    "equity": ((), ()),
    "budget": (("--year",), ()),
    "result": (("--year",), ()),
    "interventions": ((), ("--all",)),
}


class Call(NamedTuple):
    """A money question the quick path may answer: the store, the command, the förbund
    named, the date, the year asked for and whether every insats was asked for."""

    db: str
    command: str
    forbund: str | None
    as_of: date
    year: int | None
    every: bool


def equity_warnings(report: EquityReport) -> list[str]:
    """The warning `finsam equity` gives on stderr when equity is over the limit."""
    if not (report.over_limit and report.ratio is not None):
        return []
    return [
        f"equity is {report.ratio * 100:.0f} % of the {report.as_of.year} allocation; "
        f"the limit is {report.limit * 100:g} % ({report.limit_source})"
    ]


def _options(
    args: list[str], allowed: tuple[str, ...], flags: tuple[str, ...] = ()
) -> tuple[dict[str, str], int] | None:
    """The options at the start of ``args`` (``--name value`` or ``--name=value``, and
    ``flags`` alone) up to the first word that is none, and where that word is; None
    for any other option."""
    found: dict[str, str] = {}
    i = 0
    while i < len(args) and args[i].startswith("-"):
        name, equals, value = args[i].partition("=")
        if name in flags and not equals:
            found[name] = ""
            i += 1
            continue
        if name not in allowed:
            return None
        if not equals:
            if i + 1 >= len(args):
                return None
            value = args[i + 1]
            i += 1
        found[name] = value  # the last one given counts, as click takes it
        i += 1
    return found, i


def _question(argv: list[str]) -> Call | None:
    """The money question of a call the quick path may answer; None for any other call."""
    group = _options(argv, GROUP_OPTIONS)
    if group is None:
        return None
    given, at = group
    command = argv[at] if at < len(argv) else ""
    if command not in COMMAND_OPTIONS:
        return None
    own, flags = COMMAND_OPTIONS[command]
    asked = _options(argv[at + 1 :], QUESTION_OPTIONS + own, flags)
    if asked is None or asked[1] != len(argv) - at - 1 or asked[0].get("--format") != "json":
        return None
    options = asked[0]
    # the command's --forbund, else the group's (cli/options.py forbund_option)
    forbund = options.get("--forbund") or given.get("--forbund") or None
    if forbund is None and ("--forbund" in options or "--forbund" in given):
        return None  # an empty --forbund: the full path says what it makes of it
    try:
        as_of = parse_date(options["--as-of"]) if "--as-of" in options else date.today()
        year = (
            bounded_int(options["--year"], "", FIRST_DATE.year, LAST_DATE.year)
            if "--year" in options
            else None
        )
    except InvalidInput:
        return None  # the full path's refusal names the option
    db = given.get("--db", os.environ.get("FINSAM_DB", "finsam.db"))
    return Call(db, command, forbund, as_of, year, "--all" in options)


def _answer(store: QuickStore, call: Call) -> Any:
    """The report the full command prints, or None when the view cannot answer alone."""
    if call.command == "equity":
        return quick_equity(store, call.forbund, call.as_of)
    if call.command == "budget":
        return quick_budget(store, call.forbund, call.year, call.as_of)
    if call.command == "interventions":
        return quick_insatser(store, call.forbund, call.as_of, call.every)
    return quick_result(store, call.forbund, call.year, call.as_of)


def answered(argv: list[str]) -> bool:
    """Whether the call was answered here (its JSON printed, its warning given)."""
    call = _question(argv)
    if call is None:
        return False
    store = QuickStore.open(call.db)
    if store is None:
        return False
    try:
        report = _answer(store, call)
    except (sqlite3.Error, msgspec.DecodeError, msgspec.ValidationError):
        return False  # a store this path cannot read: the full path answers, or says why
    finally:
        store.close()
    if report is None:
        return False
    print_json(report)
    if isinstance(report, EquityReport):
        _warn(equity_warnings(report))
    return True


def _warn(messages: list[str]) -> None:
    """The warnings as cli/output.py gives them: on a pipe or file rich prints them as
    plain lines (no colour, no wrapping: soft_wrap), so they are written here as such
    without importing it; on a terminal, or with colour forced, rich colours them."""
    if not messages:
        return
    if sys.stderr.isatty() or os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        from cli.output import warn

        warn(messages)
        return
    for message in messages:
        click.echo(f"warning: {visible(mask(message))}", err=True)
