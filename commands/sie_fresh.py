"""What `import-sie` makes of a SIE file for a förbund without books: the round trip
of finsam's own full export into a fresh store (docs/reports.md).

A SIE file carries the books, not the decisions behind them. So, in an empty store,
the förbund is created from ``#FNAMN`` and ``#ORGNR`` with the members given (no SIE
file names them); the opening balances of ``#IB 0`` become the opening equity (2010)
and transfers from the bank to each other balance account on the day before the year;
and every result account the file names (``#KONTO`` with ``#KTYP`` I or K) becomes a
line of its own, named after the account. The file's budget (``#PBUDGET 0``, its
months summed per account) is recorded as the year's budget without a decision: the
file holds none, and a store must not claim one (the budget shows no §), but the
statements' budget column comes back. The verifications of series D and U (the
allocation falling due, an insats's monthly charge, its payment), which a store with
the decisions derives, are booked as what they are in the books: transfers between
the balance account and the line.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from pathlib import Path
from typing import get_args

import msgspec

from commands import structs as c
from commands.bus import handle
from commands.loading import opened
from commands.sie_file import Row, SieFile, Verification
from finsam_es.budget import BudgetLine, LineKind
from finsam_es.chart import BALANCE_NUMBERS, Chart
from finsam_es.errors import FinsamError, InvalidInput
from finsam_es.fiscal_year import BalanceAccount, FiscalYear
from store.unit_of_work import UnitOfWork

BANK, EQUITY = BALANCE_NUMBERS["bank"], BALANCE_NUMBERS["equity"]
# the balance accounts a transfer names, by their number in finsam's chart
_BALANCE_OF: dict[int, BalanceAccount] = {BALANCE_NUMBERS[a]: a for a in get_args(BalanceAccount)}


def slug(text: str) -> str:
    """A line id from an account's name: "Ränteintäkter" -> "ranteintakter"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def file_lines(sie: SieFile) -> tuple[Chart, dict[str, str]]:
    """The file's result accounts as budget lines: a chart (line -> number) and each
    line's kind. The line is named after the account (its number when the name gives
    no letters); #KTYP I is income, K cost, and an account without a type is income
    in class 3 and a cost otherwise (BAS)."""
    lines: dict[str, int] = {}
    kinds: dict[str, str] = {}
    for number, (name, kind) in sorted(sie.accounts.items()):
        if kind not in ("I", "K") and (kind or number < 3000):
            continue
        line = slug(name) or str(number)
        if line in lines:
            line = f"{line}-{number}"
        lines[line] = number
        income = kind == "I" or (not kind and 3000 <= number < 4000)
        kinds[line] = "income" if income else "cost"
    return Chart(lines=lines), kinds


def forbund_id(sie: SieFile, given: str | None) -> str:
    """The förbund's id: the one given (--forbund), else from the file's name."""
    if given:
        return given
    words = slug(sie.name.removeprefix("Samordningsförbundet ")) if sie.name else ""
    return words or "forbund"


def create_forbund(
    uow: UnitOfWork,
    path: Path,
    sie: SieFile,
    given: str | None,
    members: tuple[c.MemberSpec, ...],
) -> str:
    """The förbund the file is of, in an empty store: its name and organisation
    number from the file, its members (which no SIE file names) as given; its id."""
    if not members:
        raise InvalidInput(
            f"{path}: databasen har inget förbund och SIE-filen namnger inte dess "
            "huvudmän: ange dem med --member ID:KIND:SHARE (eller skapa förbundet först "
            "med finsam forbund create)"
        )
    if sie.year is None or not sie.name:
        raise InvalidInput(
            f"{path}: filen saknar #FNAMN eller #RAR 0; förbundet kan bara skapas ur en "
            "fil som namnger det och sitt räkenskapsår"
        )
    forbund = forbund_id(sie, given)
    on = sie.year[0] - timedelta(days=1)  # no SIE file states when the förbund was formed
    create = c.CreateForbund(
        id=forbund, name=sie.name, members=members, on=on, orgnr=sie.orgnr, on_by_default=True
    )
    try:
        handle(uow, create)
    except FinsamError as e:
        raise type(e)(f"{path}: {e}") from None
    return forbund


def open_books(uow: UnitOfWork, path: Path, sie: SieFile, forbund: str) -> None:
    """The opening balances of the file's year (#IB 0) for a förbund without books: the
    opening equity, and a transfer from the bank to each other balance account, on the
    day before the year (as the example's opening balances are recorded)."""
    if sie.year is None or not sie.opening:
        return
    day = sie.year[0] - timedelta(days=1)
    commands: list[c.Command] = [
        c.SetOpeningEquity(year_end=day, equity=c.Amount(-sie.opening.get(EQUITY, 0)))
    ]
    for number, amount in sorted(sie.opening.items()):
        if number in (BANK, EQUITY) or not amount:
            continue
        account = _BALANCE_OF.get(number)
        if account is None:
            raise InvalidInput(
                f"{path}: #IB 0 {number}: kontot är inget balanskonto i finsams kontoplan "
                f"({', '.join(str(n) for n in sorted(BALANCE_NUMBERS.values()))})"
            )
        debit: BalanceAccount = account if amount > 0 else "bank"
        credit: BalanceAccount = "bank" if amount > 0 else account
        text = f"Ingående balans {number}"
        amount_ = c.Amount(abs(amount))
        commands.append(
            c.BookTransfer(debit=debit, credit=credit, amount=amount_, on=day, text=text)
        )
    for command in commands:
        try:
            handle(uow, msgspec.structs.replace(command, forbund=forbund))
        except FinsamError as e:
            raise type(e)(f"{path}: #IB 0: {e}") from None


def pairs(ver: Verification) -> list[Verification] | None:
    """The verification as pairs of a debit and the credit of the same amount (how
    finsam writes a derived entry: the allocation of each member, one charge), or None
    when its rows do not pair up that way."""
    rows = list(ver.rows)
    out: list[tuple[Row, Row]] = []
    while rows:
        first = rows.pop(0)
        other = next((r for r in rows if r.amount == -first.amount), None)
        if other is None or not first.amount:
            return None
        rows.remove(other)
        out.append((first, other))
    return [
        Verification(ver.series, ver.number, ver.day, ver.text, ver.where, pair) for pair in out
    ]


def record_budget(uow: UnitOfWork, path: Path, sie: SieFile, forbund: str) -> None:
    """The file's budget of its year (``#PBUDGET 0``) on the file's own lines, recorded
    without a decision on the day before the year (as the opening balances are). A
    budget whose costs exceed its income takes the difference from equity, as a
    budget must say it does."""
    if sie.year is None or not sie.budget:
        return
    chart, kinds = file_lines(sie)
    names = {number: name for number, (name, _) in sie.accounts.items()}
    lines: list[BudgetLine] = []
    for number, amount in sorted(sie.budget.items()):
        line = chart.line_of(number)
        if line is None:
            raise InvalidInput(
                f"{path}: #PBUDGET 0 {number}: kontot är inget resultatkonto i filen "
                "(#KONTO med #KTYP I eller K)"
            )
        kind: LineKind = "income" if kinds[line] == "income" else "cost"
        lines.append(BudgetLine(line, kind, -amount if kind == "income" else amount, names[number]))
    income = sum(b.amount for b in lines if b.kind == "income")
    costs = sum(b.amount for b in lines if b.kind == "cost")
    year = opened(uow, FiscalYear, forbund, sie.year[0].year)
    try:
        year.adopt_budget(
            tuple(lines), (), max(0, costs - income), None, sie.year[0] - timedelta(days=1), uow.at
        )
    except FinsamError as e:
        raise type(e)(f"{path}: #PBUDGET 0: {e}") from None
