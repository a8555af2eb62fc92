"""`finsam import-sie FILE`: the verifications of a SIE 4 file (4I or 4E) as bookings.

The file is read as strict UTF-8 if it is that (many programs write UTF-8 while
declaring PC8), else as code page 437. Each ``#VER`` becomes bookings through the same
handler as `finsam book`: a debit on a cost line is a cost, a credit on an income line
an income, a credit on the members' receivables (1510) a payment of the allocation;
the counter-rows must be the bank (1930). Account numbers map to budget lines through
the chart (``projections.chart``; defaults for the year's budget, or ``--chart FILE``).
All or nothing, in one unit of work; a verification imported before (same series,
number and year) is skipped; a refusal is one line naming the file's line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import get_args

import msgspec

from commands import structs as c
from commands.bus import handle
from commands.importing import already_done, finish
from commands.loading import resolve_forbund
from finsam_es.application import FinsamApp, UnitOfWork
from finsam_es.errors import FinsamError, InvalidInput, NotFound
from finsam_es.fiscal_year import (
    DEFAULT_ALLOCATION_LINE,
    BalanceAccount,
    BookingKind,
    FiscalYear,
    TransferAccount,
)
from projections.chart import Chart, chart_for

TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\{[^}]*\})|(\S+)')


class Row(msgspec.Struct, frozen=True):
    account: int
    amount: int
    where: int  # the file's line


class Verification(msgspec.Struct, frozen=True):
    series: str
    number: str
    day: date
    text: str
    where: int
    rows: tuple[Row, ...]

    @property
    def key(self) -> str:
        return f"sie:{self.day.year}:{self.series}:{self.number}"


class SieImport(msgspec.Struct):
    forbund: str
    verifications: int
    imported: int
    skipped: int
    events: int


def text_of(data: bytes) -> str:
    """Strict UTF-8 first, else code page 437 (PC8, which the format declares)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp437").replace("\x15", "§")  # PC8's glyph for 0x15


def fields(line: str) -> list[str]:
    out = []
    for quoted, objects, plain in TOKEN.findall(line):
        out.append(
            re.sub(r"\\(.)", r"\1", quoted)
            if quoted or not (objects or plain)
            else objects or plain
        )
    return out


def _amount(text: str, where: str) -> int:
    match = re.fullmatch(r"(-?)(\d+)(?:\.(\d{1,2}))?", text)
    if not match:
        raise InvalidInput(f"{where}: '{text}' is not an amount (like -1234.50)")
    sign, whole, cents = match.groups()
    ore = int(whole) * 100 + int((cents or "0").ljust(2, "0"))
    return -ore if sign else ore


def _day(text: str, where: str) -> date:
    try:
        if not re.fullmatch(r"\d{8}", text):
            raise ValueError(text)
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise InvalidInput(f"{where}: '{text}' is not a date (YYYYMMDD)") from None


def parse(path: Path, text: str) -> list[Verification]:
    """The verifications of a SIE file, each with the file's line numbers."""
    out: list[Verification] = []
    head: tuple[str, str, date, str, int] | None = None
    rows: list[Row] = []
    inside = False
    for n, raw in enumerate(text.splitlines(), start=1):
        where = f"{path}:{n}"
        line = raw.strip()
        if not line:
            continue
        parts = fields(line)
        tag = parts[0].upper()
        if tag == "#VER":
            if len(parts) < 4:
                raise InvalidInput(f"{where}: #VER needs a series, a number and a date")
            head = (
                parts[1],
                parts[2],
                _day(parts[3], where),
                parts[4] if len(parts) > 4 else "",
                n,
            )
            rows = []
        elif tag == "{" and head is not None:
            inside = True
        elif tag == "}" and inside and head is not None:
            out.append(Verification(*head, rows=tuple(rows)))
            head, inside = None, False
        elif tag == "#TRANS":
            if not inside:
                raise InvalidInput(f"{where}: #TRANS outside a verification's {{ }}")
            if len(parts) < 4 or not parts[1].isdigit():
                raise InvalidInput(f"{where}: #TRANS needs an account, {{objects}} and an amount")
            rows.append(Row(int(parts[1]), _amount(parts[3], where), n))
    if inside:
        raise InvalidInput(f"{path}: the last verification has no closing }}")
    return out


def bookings(
    path: Path, ver: Verification, chart: Chart, lines: dict[str, str]
) -> list[c.Book | c.BookTransfer]:
    """The bookings a verification stands for; ``lines`` maps budget line -> kind."""
    total = sum(r.amount for r in ver.rows)
    if total:
        raise InvalidInput(
            f"{path}:{ver.where}: verification {ver.series} {ver.number} does not balance "
            f"({total / 100:.2f} left over)"
        )
    balance = {chart.account(a): a for a in TRANSFER_BALANCE}
    bank, receivables = chart.account("bank"), chart.account("receivables")
    plain = all(
        r.account in (bank, receivables) or chart.line_of(r.account) is not None for r in ver.rows
    )
    if not plain and len(ver.rows) == 2:
        return [transfer(path, ver, chart, lines, balance)]
    out: list[c.Book | c.BookTransfer] = []
    for r in ver.rows:
        where = f"{path}:{r.where}"
        line = chart.line_of(r.account)
        if r.account == bank:
            continue
        if r.account == receivables and r.amount < 0:
            out.append(book("allocation_payment", DEFAULT_ALLOCATION_LINE, -r.amount, ver))
        elif line is not None and lines.get(line) == "cost" and r.amount > 0:
            out.append(book("cost", line, r.amount, ver))
        elif line is not None and lines.get(line) == "income" and r.amount < 0:
            out.append(book("income", line, -r.amount, ver))
        elif line is not None:
            raise InvalidInput(
                f"{where}: account {r.account} ({line}) is a {lines.get(line, 'budget')} line; "
                "a reversal on it cannot be imported as a booking"
            )
        else:
            raise InvalidInput(
                f"{where}: account {r.account} is neither a budget line of {ver.day.year} nor "
                "the bank or the members' receivables; map it with --chart FILE"
            )
    return out


TRANSFER_BALANCE: tuple[BalanceAccount, ...] = get_args(BalanceAccount)


def transfer(
    path: Path,
    ver: Verification,
    chart: Chart,
    lines: dict[str, str],
    balance: Mapping[int, TransferAccount],
) -> c.BookTransfer:
    """A two-row verification naming a balance account: a booking on it."""
    debit_row, credit_row = sorted(ver.rows, key=lambda r: -r.amount)
    sides: list[tuple[TransferAccount, str]] = []
    for r in (debit_row, credit_row):
        line = chart.line_of(r.account)
        if r.account in balance:
            sides.append((balance[r.account], ""))
        elif line is not None and lines.get(line) in ("cost", "income"):
            sides.append(("cost" if lines[line] == "cost" else "income", line))
        else:
            raise InvalidInput(
                f"{path}:{r.where}: account {r.account} is neither a budget line of "
                f"{ver.day.year} nor an account of finsam's chart; map it with --chart FILE"
            )
    (debit, debit_line), (credit, credit_line) = sides
    return c.BookTransfer(
        debit=debit,
        credit=credit,
        amount=c.Amount(debit_row.amount),
        on=ver.day,
        line=debit_line or credit_line,
        text=ver.text or f"SIE {ver.series} {ver.number}",
    )


def book(kind: BookingKind, line: str, amount: int, ver: Verification) -> c.Book:
    text = ver.text or f"SIE {ver.series} {ver.number}"
    return c.Book(kind=kind, line=line, amount=c.Amount(amount), on=ver.day, text=text)


def import_sie(
    app: FinsamApp,
    path: Path,
    forbund: str | None = None,
    override: Chart | None = None,
    series: tuple[str, ...] = (),
) -> SieImport:
    """Import the file's verifications (of the series given; all when none are)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise NotFound(f"{path}: cannot read the file ({e.strerror})") from None
    verifications = [v for v in parse(path, text_of(data)) if not series or v.series in series]
    uow = UnitOfWork(app)
    f = resolve_forbund(uow, forbund)
    keys = [v.key for v in verifications]
    done = already_done(app, f.forbund, keys, f.imported)
    charts: dict[int, tuple[Chart, dict[str, str]]] = {}
    new: list[str] = []
    for ver in verifications:
        if ver.key in done:
            continue
        year = ver.day.year
        if year not in charts:
            fy = uow.get(FiscalYear, FiscalYear.id_for(f.forbund, year))
            budget = list(fy.lines.values()) if fy is not None else []
            charts[year] = (chart_for(budget, override), {b.line: b.kind for b in budget})
        chart, kinds = charts[year]
        for command in bookings(path, ver, chart, kinds):
            command = msgspec.structs.replace(command, forbund=f.forbund)
            try:
                handle(uow, command)
            except FinsamError as e:
                raise type(e)(f"{path}:{ver.where}: {e}") from None
        new.append(ver.key)
        done.add(ver.key)
    events = finish(app, uow, f.forbund, new)
    return SieImport(f.forbund, len(verifications), len(new), len(verifications) - len(new), events)
