"""The chart: finsam's accounts and budget lines as BAS / Kommun-BAS account numbers.

finsam posts to a small chart (``finsam_es.accounting``: bank, receivables, accrued
costs, equity, and income or cost per budget line). Statements group those accounts
the way a förbund's annual report does, and SIE files and other books need numbers.
The default mapping follows Kommun-BAS, the municipal variant of BAS:

| finsam | number | name |
| --- | --- | --- |
| bank | 1930 | Kassa och bank |
| receivables | 1510 | Fordringar hos förbundsmedlemmar |
| other_receivables | 1680 | Övriga kortfristiga fordringar |
| prepaid_costs | 1790 | Förutbetalda kostnader |
| equity | 2010 | Eget kapital |
| other_liabilities | 2890 | Övriga kortfristiga skulder |
| prepaid_income | 2970 | Förutbetalda intäkter |
| accrued_costs | 2990 | Upplupna kostnader |
| income lines | 3010, 3020 ... | verksamhetens intäkter, in budget order |
| insats cost lines | 4510, 4520 ... | köp av huvudverksamhet (insatser) |
| other cost lines | 6010, 6020 ... | övriga verksamhetskostnader |
| interest income (line id ränte...) | 8410 ... | finansiella intäkter |
| bank and interest costs | 8510 ... | finansiella kostnader |

A line whose number is 8000-8999 is a financial item in the resultaträkning. A
förbund overrides any of it with a TOML file (``--chart FILE``)::

    [accounts]          # finsam account -> number
    bank = 1920
    [lines]             # budget line -> number
    driftbidrag = 3110
    bankkostnader = 8590
    [names]             # number -> name, for the SIE #KONTO records
    3110 = "Driftbidrag från medlemmarna"
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import msgspec

ASSETS: dict[str, str] = {
    "bank": "Kassa och bank",
    "receivables": "Fordringar hos förbundsmedlemmar",
    "other_receivables": "Övriga fordringar",
    "prepaid_costs": "Förutbetalda kostnader",
}
LIABILITIES: dict[str, str] = {
    "accrued_costs": "Upplupna kostnader",
    "prepaid_income": "Förutbetalda intäkter",
    "other_liabilities": "Övriga kortfristiga skulder",
}
EQUITY_NAME = "Eget kapital"
BALANCE_NUMBERS: dict[str, int] = {
    "bank": 1930,
    "receivables": 1510,
    "other_receivables": 1680,
    "prepaid_costs": 1790,
    "equity": 2010,
    "other_liabilities": 2890,
    "prepaid_income": 2970,
    "accrued_costs": 2990,
}
FINANCIAL = range(8000, 9000)
_FINANCIAL_WORDS = ("rant", "bank", "finansiell")


class LineLike(Protocol):
    """A budget line as the budget report or the fiscal year holds it."""

    @property
    def line(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def insats(self) -> bool: ...


class Chart(msgspec.Struct, frozen=True):
    """Numbers for finsam's balance accounts and for budget lines, and account names."""

    accounts: dict[str, int] = {}
    lines: dict[str, int] = {}
    names: dict[int, str] = {}

    def account(self, account: str) -> int:
        return self.accounts.get(account, BALANCE_NUMBERS.get(account, 0))

    def line_number(self, line: str) -> int:
        return self.lines.get(line, 0)

    def is_financial(self, line: str) -> bool:
        return self.line_number(line) in FINANCIAL

    def line_of(self, number: int) -> str | None:
        """The budget line an account number stands for, if any."""
        return next((line for line, n in self.lines.items() if n == number), None)


def default_numbers(rows: Iterable[LineLike]) -> dict[str, int]:
    """Kommun-BAS numbers for budget lines, in budget order within each group."""
    next_in = {"income": 3010, "fin_income": 8410, "insats": 4510, "cost": 6010, "fin_cost": 8510}
    out: dict[str, int] = {}
    for row in rows:
        if row.line in out:
            continue
        financial = any(w in row.line.lower() for w in _FINANCIAL_WORDS) and not row.insats
        if row.kind == "income":
            group = "fin_income" if financial else "income"
        elif financial:
            group = "fin_cost"
        else:
            group = "insats" if row.insats else "cost"
        out[row.line] = next_in[group]
        next_in[group] += 10
    return out


def chart_for(rows: Iterable[LineLike], override: Chart | None = None) -> Chart:
    """The default chart for these budget lines with a förbund's override on top."""
    override = override or Chart()
    lines = default_numbers(rows)
    lines.update(override.lines)
    return Chart(dict(override.accounts), lines, dict(override.names))
