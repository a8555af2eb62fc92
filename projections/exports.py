"""The ledger written for other books: SIE 4E (the Swedish standard the members'
accounting systems read), hledger and beancount journals.

Pure functions: transactions (``projections.transactions``) and a chart
(``finsam_es.chart``) in, text out. SIE is written in PC8 (code page 437) by the
caller; every transaction is one ``#VER`` in its series (B bookings, U payments to an
insats's owner, D entries derived from decisions, numbered per series in date order),
with its § in the text and the insats as object of dimension 6 (projekt).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from finsam_es.accounting import RESULT_ACCOUNTS, Posting
from finsam_es.chart import ASSETS, EQUITY_NAME, LIABILITIES, Chart
from finsam_es.periodisation import spread
from finsam_es.values import month_end
from projections.statements import balansrakning
from projections.transactions import Transaction

PROGRAM_VERSION = "0.1.0"
# the account numbers follow Kommun-BAS (finsam_es/chart.py); #KPTYP names it
CHART_TYPE = "Kommun-BAS"
ONE_DAY = timedelta(days=1)


PARAGRAPH_SIGN = "par. "  # what § becomes in PC8 (docs/reports.md)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def pc8(text: str) -> bytes:
    """Text as PC8 (code page 437). Code page 437 has no § of its own: DOS showed the
    glyph for byte 0x15, which Java, .NET, Python and iconv all read as a control
    character, so § is written "par. " ("§12" -> "par. 12"); what 437 lacks becomes ?."""
    return text.replace("§", PARAGRAPH_SIGN).encode("cp437", errors="replace")


def money(ore: int) -> str:
    """Öre as a decimal with a point and two decimals: -1234.56."""
    sign = "-" if ore < 0 else ""
    whole, cents = divmod(abs(ore), 100)
    return f"{sign}{whole}.{cents:02d}"


def _quoted(text: str) -> str:
    """A SIE string: quotes and backslashes escaped, control characters (a tab or a line
    break in a note) as spaces, since a SIE record is one line of printable text."""
    text = CONTROL.sub(" ", text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def number_of(leg: Posting, chart: Chart) -> int:
    return (
        chart.line_number(leg.line)
        if leg.account in RESULT_ACCOUNTS
        else chart.account(leg.account)
    )


def account_names(
    chart: Chart, line_names: dict[str, str], income_lines: set[str]
) -> dict[int, tuple[str, str]]:
    """Number -> (name, SIE type T/S/I/K) for every account the chart knows."""
    out: dict[int, tuple[str, str]] = {}
    for account, name in ASSETS.items():
        out[chart.account(account)] = (name, "T")
    for account, name in LIABILITIES.items():
        out[chart.account(account)] = (name, "S")
    out[chart.account("equity")] = (EQUITY_NAME, "S")
    for line, number in chart.lines.items():
        kind = "I" if line in income_lines else "K"
        out[number] = (line_names.get(line) or line, kind)
    for number, name in chart.names.items():
        out[number] = (name, out.get(number, ("", "K"))[1])
    return dict(sorted(out.items()))


def _sums(
    transactions: Sequence[Transaction], chart: Chart, since: date | None, until: date
) -> dict[int, int]:
    out: dict[int, int] = {}
    for t in transactions:
        for leg in t.legs:
            if leg.day <= until and (since is None or leg.day > since):
                n = number_of(leg, chart)
                out[n] = out.get(n, 0) + leg.amount
    return out


def balances(legs: Sequence[Posting], chart: Chart, day: date, first: date) -> dict[int, int]:
    """The balance accounts on a day as the balansräkning shows them (members' payments
    ahead are prepaid income, an insats paid ahead a prepaid cost), signed as SIE signs
    them (credit negative). Equity holds the results of the years before ``first``; the
    year's own result is in its #RES records, so #UB and #RES sum to zero."""
    sheet = balansrakning(legs, day)
    out = {chart.account(r.account): r.amount for r in sheet.assets}
    out |= {chart.account(r.account): -r.amount for r in sheet.liabilities}
    this_year = sum(
        leg.amount for leg in legs if leg.account in RESULT_ACCOUNTS and first <= leg.day <= day
    )
    out[chart.account("equity")] = -sheet.equity - this_year
    return {number: amount for number, amount in sorted(out.items()) if amount}


def sie_text(
    *,
    name: str,
    year: int,
    as_of: date,
    generated: date,
    transactions: Sequence[Transaction],
    chart: Chart,
    line_names: dict[str, str],
    income_lines: set[str],
    insats_names: dict[str, str],
    orgnr: str = "",
    budgets: dict[int, dict[int, int]] | None = None,
) -> str:
    """A SIE 4E file for a year up to ``as_of``: the förbund's organisation number, the
    chart, #IB/#UB/#RES for the year and the year before, their period balances and
    budgets (#PSALDO, #PBUDGET), one #VER per transaction of the year. ``budgets``: each
    year's budget (0, -1) per account, signed as SIE signs (income negative)."""
    start, end = date(year, 1, 1), min(as_of, date(year, 12, 31))
    accounts = account_names(chart, line_names, income_lines)
    lines = [
        "#FLAGGA 0",
        f'#PROGRAM "finsam" {PROGRAM_VERSION}',
        "#FORMAT PC8",
        f"#GEN {generated:%Y%m%d}",
        "#SIETYP 4",
        f"#FNAMN {_quoted(name)}",
        *([f"#ORGNR {orgnr}"] if orgnr else []),
        f"#RAR 0 {start:%Y%m%d} {date(year, 12, 31):%Y%m%d}",
        f"#RAR -1 {date(year - 1, 1, 1):%Y%m%d} {date(year - 1, 12, 31):%Y%m%d}",
        # how far the period balances reach (the specification asks for it with them)
        f"#OMFATTN {end:%Y%m%d}",
        f"#KPTYP {CHART_TYPE}",
        '#DIM 6 "Projekt"',
    ]
    used = sorted({leg.insats for t in transactions for leg in t.legs if leg.insats})
    lines += [f"#OBJEKT 6 {_quoted(i)} {_quoted(insats_names.get(i, i))}" for i in used]
    for number, (account_name, kind) in accounts.items():
        lines += [f"#KONTO {number} {_quoted(account_name)}", f"#KTYP {number} {kind}"]
    legs = [leg for t in transactions for leg in t.legs]
    before = date(year - 1, 1, 1)
    for n, first, last in ((0, start, end), (-1, before, start - ONE_DAY)):
        for tag, day in (("IB", first - ONE_DAY), ("UB", last)):
            for number, amount in balances(legs, chart, day, first).items():
                lines.append(f"#{tag} {n} {number} {money(amount)}")
        result = _sums(transactions, chart, first - ONE_DAY, last)
        for number, (_, kind) in accounts.items():
            if kind in "IK" and result.get(number):
                lines.append(f"#RES {n} {number} {money(result[number])}")
    for n, first, last in ((0, start, end), (-1, before, start - ONE_DAY)):
        lines += period_balances(n, legs, chart, first, last)
    for n, budget in sorted((budgets or {}).items(), reverse=True):
        lines += period_budgets(n, year + n, budget)
    numbers: dict[str, int] = {}
    for t in transactions:
        if not start <= t.day <= end:
            continue
        numbers[t.series] = numbers.get(t.series, 0) + 1
        lines.append(f"#VER {t.series} {numbers[t.series]} {t.day:%Y%m%d} {_quoted(t.note)}")
        lines.append("{")
        for leg in t.legs:
            objects = f"6 {_quoted(leg.insats)}" if leg.insats else ""
            lines.append(f"   #TRANS {number_of(leg, chart)} {{{objects}}} {money(leg.amount)}")
        lines.append("}")
    return "\r\n".join(lines) + "\r\n"


def period_balances(
    n: int,
    legs: Sequence[Posting],
    chart: Chart,
    first: date,
    last: date,
) -> list[str]:
    """#PSALDO: each account's change in each month of a year from ``first`` to ``last``
    (the last month up to ``last``), as the specification defines it: "periodens
    förändring på kontot", credit negative. The balance accounts change as #IB and #UB
    show them, so #IB and the months sum to #UB, and a result account's months to #RES."""
    out: list[str] = []
    before, opening = first - ONE_DAY, balances(legs, chart, first - ONE_DAY, first)
    while before < last:
        day = min(month_end(before.year + before.month // 12, before.month % 12 + 1), last)
        closing = balances(legs, chart, day, first)
        change = {a: closing.get(a, 0) - opening.get(a, 0) for a in opening | closing}
        for leg in legs:
            if leg.account in RESULT_ACCOUNTS and before < leg.day <= day:
                number = number_of(leg, chart)
                change[number] = change.get(number, 0) + leg.amount
        out += [
            f"#PSALDO {n} {day:%Y%m} {number} {{}} {money(amount)}"
            for number, amount in sorted(change.items())
            if amount
        ]
        before, opening = day, closing
    return out


def period_budgets(n: int, year: int, budget: dict[int, int]) -> list[str]:
    """#PBUDGET: a year's budget per account spread over its twelve months to the öre
    (finsam_es/periodisation.py), so the months sum to the year's budget."""
    return [
        f"#PBUDGET {n} {year}{month:02d} {number} {{}} {money(part)}"
        for number, amount in sorted(budget.items())
        for month, part in enumerate(spread(amount, 12), start=1)
        if part
    ]


# -- plain-text accounting -------------------------------------------------------------

HLEDGER_NAMES = {
    "bank": "assets:bank",
    "receivables": "assets:receivables",
    "other_receivables": "assets:other_receivables",
    "prepaid_costs": "assets:prepaid_costs",
    "accrued_costs": "liabilities:accrued_costs",
    "prepaid_income": "liabilities:prepaid_income",
    "other_liabilities": "liabilities:other",
    "equity": "equity:opening",
}


def hledger_account(leg: Posting) -> str:
    if leg.account == "income":
        return f"income:{leg.line}"
    if leg.account == "cost":
        return f"expenses:{leg.line}"
    return HLEDGER_NAMES.get(leg.account, f"assets:{leg.account}")


def hledger_text(name: str, transactions: Sequence[Transaction]) -> str:
    """An hledger journal: one transaction per verification, the § as its note (after |).
    The commodity and every account are declared first, so `hledger check --strict`
    (which refuses undeclared ones, to catch typing errors) passes."""
    out = [f"; {name}: exported by finsam; amounts in SEK", "", "commodity 1000.00 SEK", ""]
    used = sorted({hledger_account(leg) for t in transactions for leg in t.legs})
    out += [f"account {account}" for account in used]
    out.append("")
    numbers: dict[str, int] = {}
    for t in transactions:
        numbers[t.series] = numbers.get(t.series, 0) + 1
        refs = ", ".join(f"§{p}" for p in t.paragraphs)
        description = f"{t.text} | {refs}" if refs else t.text
        out.append(f"{t.day.isoformat()} ({t.series}{numbers[t.series]}) {description}")
        for leg in t.legs:
            out.append(f"    {hledger_account(leg):<40}  {money(leg.amount)} SEK")
        out.append("")
    return "\n".join(out)


def _bean(account: str) -> str:
    parts = account.split(":")
    top = {"assets": "Assets", "liabilities": "Liabilities", "equity": "Equity"}
    top |= {"income": "Income", "expenses": "Expenses"}
    rest = [re.sub(r"[^A-Za-z0-9-]", "-", p) for p in parts[1:]]
    return ":".join([top[parts[0]], *(r[:1].upper() + r[1:] for r in rest)])


def beancount_text(name: str, transactions: Sequence[Transaction]) -> str:
    """A beancount ledger: accounts opened on their first day, the § as the narration's
    tail and as metadata."""
    out = [f"; {name}: exported by finsam", 'option "operating_currency" "SEK"', ""]
    opened: dict[str, date] = {}
    for t in transactions:
        for leg in t.legs:
            opened.setdefault(_bean(hledger_account(leg)), t.day)
    out += [f"{day.isoformat()} open {account} SEK" for account, day in opened.items()]
    out.append("")
    for t in transactions:
        out.append(f"{t.day.isoformat()} * {_quoted(t.note)}")
        if t.paragraphs:
            out.append(f"  paragraf: {_quoted(', '.join(t.paragraphs))}")
        for leg in t.legs:
            out.append(f"  {_bean(hledger_account(leg)):<40}  {money(leg.amount)} SEK")
        out.append("")
    return "\n".join(out)
