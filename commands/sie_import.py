"""`finsam import-sie FILE`: the verifications of a SIE 4 file (4I or 4E) as bookings.

The file is read as strict UTF-8 if it is that (many programs write UTF-8 while
declaring PC8), else as code page 437. Each ``#VER`` becomes bookings through the same
handler as `finsam book`: a debit on a cost line is a cost, a credit on an income line
an income, a credit on the members' receivables (1510) a payment of the allocation;
the counter-rows must be the bank (1930). Account numbers map to budget lines through
the chart (``finsam_es.chart``; defaults for the year's budget, or ``--chart FILE``).
All or nothing, in one unit of work; a verification imported before (same series,
number and year) is skipped; a refusal is one line naming the file's line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import get_args

import msgspec

from commands import structs as c
from commands.bus import handle
from commands.importing import already_done, finish
from commands.loading import registry, resolve_forbund
from commands.sie_file import SieFile, Verification, read, read_file, rows_of, text_of
from commands.sie_fresh import create_forbund, file_lines, open_books, pairs, record_budget
from finsam_es.budget import DEFAULT_ALLOCATION_LINE
from finsam_es.chart import Chart, chart_for
from finsam_es.errors import FinsamError, InvalidInput
from finsam_es.fiscal_year import BalanceAccount, BookingKind, FiscalYear, TransferAccount
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork


class SieImport(msgspec.Struct):
    forbund: str
    verifications: int
    imported: int
    skipped: int
    events: int


def bookings(
    path: Path, ver: Verification, chart: Chart, lines: dict[str, str], derived: bool = True
) -> list[c.Book | c.BookTransfer]:
    """The bookings a verification stands for; ``lines`` maps budget line -> kind.
    ``derived``: the store derives the allocation falling due and the insatser's
    charges from its decisions, so a file's rows for those are refused; else (a store
    created from a SIE file, commands/sie_fresh.py) they are booked as transfers."""
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
    falling_due = any(r.account == receivables and r.amount > 0 for r in ver.rows)
    if not derived and len(ver.rows) > 2 and (split := pairs(ver)) is not None:
        return [b for pair in split for b in bookings(path, pair, chart, lines, derived)]
    if len(ver.rows) == 2 and (not plain or (falling_due and not derived)):
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
        elif r.account == receivables:
            # finsam's own export writes these in series D: they follow from a decision
            raise InvalidInput(
                f"{where}: a debit on the members' receivables ({r.account}) is the "
                "allocation falling due, which finsam derives from the allocation decided "
                "(finsam allocation set), not from a booking; import the bookings alone "
                "with --series (finsam's own export writes them in series B)"
            )
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


def check_file(
    path: Path, sie: SieFile, verifications: list[Verification], forbund: str, orgnr: str
) -> None:
    """The file is of this förbund (its organisation number, when both have one) and its
    verifications lie in the financial year it names; it has some to import."""
    if sie.orgnr and orgnr and sie.orgnr.replace("-", "") != orgnr.replace("-", ""):
        raise InvalidInput(
            f"{path}: filen gäller organisationsnummer {sie.orgnr}, {forbund} har {orgnr}"
        )
    if not verifications:
        raise InvalidInput(f"{path}: filen har inga verifikationer (#VER) att importera")
    if sie.year is not None:
        start, end = sie.year
        for v in verifications:
            if not start <= v.day <= end:
                raise InvalidInput(
                    f"{path}:{v.where}: verifikation {v.series} {v.number} ({v.day}) ligger "
                    f"utanför filens räkenskapsår {start}--{end} (#RAR 0)"
                )


def import_sie(
    app: FinsamApp,
    path: Path,
    forbund: str | None = None,
    override: Chart | None = None,
    series: tuple[str, ...] = (),
    members: tuple[c.MemberSpec, ...] = (),
    own: Callable[[str, int], bytes] | None = None,
) -> SieImport:
    """Import the file's verifications (of the series given; all when none are). Into
    an empty store the förbund is created from the file with ``members``; a förbund
    without books gets the file's opening balances (commands/sie_fresh.py). ``own``
    gives the store's own SIE export of a förbund's year, as the file it writes (PC8):
    what it writes alike (series,
    number, day, text and rows) the store holds already, whichever way it came in."""
    sie = read(path, text_of(path, read_file(path)))
    verifications = [v for v in sie.verifications if not series or v.series in series]
    uow = UnitOfWork(app)
    reg = registry(uow)
    if reg is None or not reg.ids:
        check_file(path, sie, verifications, "", "")
        forbund = create_forbund(uow, path, sie, forbund, members)
    f = resolve_forbund(uow, forbund)
    check_file(path, sie, verifications, f.forbund, f.orgnr)
    # a förbund without books (no opening equity, no year): the file opens them
    fresh = (
        f.opening is None
        and sie.year is not None
        and uow.get(FiscalYear, FiscalYear.id_for(f.forbund, sie.year[0].year)) is None
    )
    if fresh:
        open_books(uow, path, sie, f.forbund)
    keys = [v.key for v in verifications]
    done = already_done(app, f.forbund, keys, f.imported)
    if own is not None and not fresh and sie.year is not None:
        done |= held(path, own(f.forbund, sie.year[0].year), verifications)
    charts: dict[int, tuple[Chart, dict[str, str], bool]] = {}
    new: list[str] = []
    formed = getattr(f, "stated_formation", None)
    for ver in verifications:
        if ver.key in done:
            continue
        if formed is not None and ver.day < formed:
            # the rule the unit of work holds every door to (finsam_es/formation.py),
            # asked here first to name the file's line
            raise InvalidInput(
                f"{path}:{ver.where}: verifikation {ver.series} {ver.number} ({ver.day}) "
                f"ligger före förbundets bildande ({formed})"
            )
        year = ver.day.year
        if year not in charts:
            charts[year] = chart_of(uow, path, ver, f.forbund, sie, override, fresh)
        chart, kinds, derived = charts[year]
        for command in bookings(path, ver, chart, kinds, derived):
            command = msgspec.structs.replace(command, forbund=f.forbund)
            try:
                handle(uow, command)
            except FinsamError as e:
                raise type(e)(f"{path}:{ver.where}: {e}") from None
        new.append(ver.key)
        done.add(ver.key)
    if fresh:
        record_budget(uow, path, sie, f.forbund)
    events = finish(app, uow, f.forbund, new)
    return SieImport(f.forbund, len(verifications), len(new), len(verifications) - len(new), events)


def chart_of(
    uow: UnitOfWork,
    path: Path,
    ver: Verification,
    forbund: str,
    sie: SieFile,
    override: Chart | None,
    fresh: bool,
) -> tuple[Chart, dict[str, str], bool]:
    """The chart a verification's year is booked by, each line's kind, and whether
    the store derives what series D and U hold from its decisions. A year with a
    budget is booked by its lines; a year a SIE file opened (no budget, no decision)
    by the file's own accounts, and its derived entries as transfers."""
    year = ver.day.year
    fy = uow.get(FiscalYear, FiscalYear.id_for(forbund, year))
    if fy is None and not fresh:
        raise InvalidInput(
            f"{path}:{ver.where}: verifikation {ver.series} {ver.number} är från "
            f"{year}, men {forbund} har inget räkenskapsår {year} (ingen budget)"
        )
    budget = list(fy.lines.values()) if fy is not None else []
    # a budget recorded without a decision came from a SIE file (commands/sie_fresh.py):
    # the year is still booked by the file's accounts
    decided = fy is not None and fy.adopted is not None and fy.adopted[1] is not None
    if decided or (fy is not None and fy.allocation):
        return chart_for(budget, override), {b.line: b.kind for b in budget}, True
    chart, kinds = file_lines(sie)
    # a förbund's --chart still numbers its balance accounts
    return Chart(dict(override.accounts) if override else {}, chart.lines), kinds, False


def held(path: Path, data: bytes, verifications: list[Verification]) -> set[str]:
    """The keys of the verifications the store's own export writes alike: importing a
    store's export into that store books nothing twice (nor refuses series D)."""
    mine = {
        (v.series, v.number, v.day, v.text, rows_of(v))
        for v in read(path, text_of(path, data)).verifications
    }
    return {v.key for v in verifications if (v.series, v.number, v.day, v.text, rows_of(v)) in mine}
