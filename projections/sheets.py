"""Statements as sheets: titled tables of text, amounts (öre) and ratios that the CLI
renders as a terminal table, csv, markdown or an Excel sheet, and the annual report
as HTML. ``statement(name, books, chart)`` makes any statement with its sheets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Literal

import msgspec

from finsam_es.chart import Chart
from projections.balanskrav import utredning_rows
from projections.report_tables import (
    balanskrav,
    driftredovisning,
    has_books,
    insatser,
    kassaflode,
    oversikt,
)
from projections.statements import Books, balansrakning, result_summary, resultatrakning

ColumnKind = Literal["text", "amount", "ratio"]
Cell = str | int | float | None


class Column(msgspec.Struct, frozen=True):
    title: str
    kind: ColumnKind = "amount"


class Sheet(msgspec.Struct, frozen=True):
    name: str  # short, for an Excel tab
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


class Owner(msgspec.Struct, frozen=True):
    """The förbund a sheet is of: every sheet and csv file names it and its
    organisation number (issue 24)."""

    name: str
    orgnr: str = ""

    def heading(self) -> str:
        return f"{self.name}, org.nr {self.orgnr}" if self.orgnr else self.name


class Statement(msgspec.Struct, frozen=True):
    name: str
    data: Any  # the statement's own struct: what --format json prints
    sheets: tuple[Sheet, ...]


TEXT = Column("", "text")
PERIOD_NAMES = {
    "year": "",
    "h1": "första halvåret ",
    "h2": "andra halvåret ",
    "q1": "kvartal 1 ",
    "q2": "kvartal 2 ",
    "q3": "kvartal 3 ",
    "q4": "kvartal 4 ",
}


def _when(books: Books) -> str:
    return f"{PERIOD_NAMES.get(books.period, '')}{books.year} per {books.as_of}"


def _resultatrakning(books: Books, chart: Chart) -> Statement:
    data = resultatrakning(books)
    summary = result_summary(data, chart)
    y = books.year
    cols = (TEXT, Column(f"Budget {y}"), Column(f"Utfall {y}"), Column(f"Utfall {y - 1}"))
    sheet = Sheet(
        "Resultaträkning",
        f"Resultaträkning {_when(books)}",
        cols,
        tuple((r.label, r.budget, r.outcome, r.previous) for r in summary),
    )
    return Statement("resultatrakning", data, (sheet,))


def _balansrakning(books: Books, chart: Chart) -> Statement:
    data = balansrakning(books.postings, books.as_of)
    # the previous year's end beside it, and equity split into the result of the period
    # and the rest (LKBR 5 kap.; the seeds' "Årets resultat" and "Övrigt eget kapital")
    before = balansrakning(books.postings, date(books.year - 1, 12, 31))
    was = {r.account: r.amount for r in (*before.assets, *before.liabilities)}
    income = resultatrakning(books)
    result = income.result
    previous = sum(s.previous if s.kind == "income" else -s.previous for s in income.lines)
    rows: list[tuple[Cell, ...]] = [("Tillgångar", None, None)]
    rows += [(r.name, r.amount, was.get(r.account, 0)) for r in data.assets]
    rows += [("Summa tillgångar", data.total, before.total)]
    rows += [("Eget kapital och skulder", None, None)]
    rows += [
        ("Eget kapital", data.equity, before.equity),
        ("  varav årets resultat", result, previous),
        ("  varav övrigt eget kapital", data.equity - result, before.equity - previous),
    ]
    rows += [(r.name, r.amount, was.get(r.account, 0)) for r in data.liabilities]
    liabilities = sum(r.amount for r in data.liabilities)
    earlier = sum(r.amount for r in before.liabilities)
    rows += [
        ("Summa skulder", liabilities, earlier),
        ("Summa eget kapital och skulder", data.equity + liabilities, before.equity + earlier),
    ]
    sheet = Sheet(
        "Balansräkning",
        f"Balansräkning per {books.as_of}",
        (TEXT, Column(str(books.as_of)), Column(str(before.as_of))),
        tuple(rows),
    )
    return Statement("balansrakning", data, (sheet,))


def _kassaflode(books: Books, chart: Chart) -> Statement:
    d = kassaflode(books)
    # the year before as its books show it; a year the store keeps no books for (its
    # outcome published) shows its result and the cash it ended with, nothing invented
    p = kassaflode(books, books.year - 1) if has_books(books, books.year - 1) else None
    previous = sum(
        s.previous if s.kind == "income" else -s.previous for s in resultatrakning(books).lines
    )

    def both(label: str, now: int, field: str) -> tuple[Cell, ...]:
        return (label, now, None if p is None else getattr(p, field))

    rows: list[tuple[Cell, ...]] = [
        ("Årets resultat", d.result, previous if p is None else p.result),
        both(
            "Ökning(-)/minskning(+) kortfristiga fordringar",
            d.receivables_change,
            "receivables_change",
        ),
        both(
            "Ökning(+)/minskning(-) kortfristiga skulder",
            d.liabilities_change,
            "liabilities_change",
        ),
        both("Kassaflöde från den löpande verksamheten", d.operating, "operating"),
    ]
    if d.equity_added or (p is not None and p.equity_added):
        rows.append(both("Eget kapital tillfört", d.equity_added, "equity_added"))
    rows += [
        both("Årets kassaflöde", d.cash_flow, "cash_flow"),
        both("Likvida medel vid periodens början", d.cash_start, "cash_start"),
        ("Likvida medel vid periodens slut", d.cash_end, d.cash_start if p is None else p.cash_end),
    ]
    sheet = Sheet(
        "Kassaflöde",
        f"Kassaflödesanalys {_when(books)}",
        (TEXT, Column(str(books.year)), Column(str(books.year - 1))),
        tuple(rows),
    )
    return Statement("kassaflode", d, (sheet,))


def _driftredovisning(books: Books, chart: Chart) -> Statement:
    d = driftredovisning(books)
    y = books.year
    cols: tuple[Column, ...] = (
        TEXT,
        Column("Intäkt"),
        Column("Kostnad"),
        Column("Netto"),
        Column(f"Budget {y}"),
        Column("Avvikelse"),
        Column(f"Netto {y - 1}"),
    )
    rows: list[tuple[Cell, ...]] = [
        (r.name, r.income, r.cost, r.netto, r.budget, r.deviation, r.previous) for r in d.lines
    ]
    rows.append(("Resultat", d.income, d.cost, d.netto, d.budget, d.deviation, d.previous))
    if d.forecast is not None:  # the year-end forecast beside budget and outcome
        cols = (*cols, Column(f"Prognos {y} ({d.forecast_made})"))
        ahead = [*(r.forecast for r in d.lines), d.forecast]
        rows = [(*row, f) for row, f in zip(rows, ahead, strict=True)]
    sheet = Sheet("Driftredovisning", f"Driftredovisning {_when(books)}", cols, tuple(rows))
    return Statement("driftredovisning", d, (sheet,))


def _balanskrav(books: Books, chart: Chart) -> Statement:
    d = balanskrav(books)
    rows: tuple[tuple[Cell, ...], ...] = (
        ("Årets resultat enligt resultaträkningen", d.result),
        ("- Samtliga realisationsvinster", d.realisation_gains),
        ("+ Realisationsvinster enligt undantagsmöjlighet", d.realisation_gains_excepted),
        ("+ Realisationsförluster enligt undantagsmöjlighet", d.realisation_losses_excepted),
        ("-/+ Orealiserade vinster och förluster i värdepapper", d.unrealised),
        ("+/- Återföring av orealiserade vinster och förluster", d.unrealised_reversed),
        ("= Balanskravsresultat", d.balanskrav_result),
    )
    year = (TEXT, Column(str(books.year)))
    sheets = [Sheet("Balanskrav", f"Balanskravsresultat {_when(books)}", year, rows)]
    if d.deficits:  # the balanskravsutredning and what it asks of the board
        utredning = utredning_rows(d.deficits, d.to_restore)
        sheets.append(Sheet("Utredning", f"Balanskravsutredning {_when(books)}", year, utredning))
    if d.findings:
        # numbered, so the text is a column of its own the terminal may wrap
        asked = tuple((f"{n}.", text) for n, text in enumerate(d.findings, start=1))
        cols = (TEXT, Column("Att besluta", "text"))
        sheets.append(Sheet("Att besluta", "Balanskravet: att besluta", cols, asked))
    return Statement("balanskrav", d, tuple(sheets))


def _oversikt(books: Books, chart: Chart) -> Statement:
    d = oversikt(books, chart)
    cols = (TEXT, *(Column(str(y.year)) for y in d.years))
    ratio_cols = (TEXT, *(Column(str(y.year), "ratio") for y in d.years))
    amounts: tuple[tuple[Cell, ...], ...] = (
        ("Intäkter/medlemsbidrag", *(y.allocation for y in d.years)),
        ("Intäkter övriga (exklusive finansiella intäkter)", *(y.other_income for y in d.years)),
        ("Verksamhetens kostnader (exklusive finansiell kostnad)", *(y.costs for y in d.years)),
        ("Årets resultat", *(y.result for y in d.years)),
        ("Utgående eget kapital", *(y.equity for y in d.years)),
    )
    ratios: tuple[tuple[Cell, ...], ...] = (
        ("Soliditet", *(y.solidity for y in d.years)),
        ("Eget kapital/medlemsintäkter", *(y.equity_ratio for y in d.years)),
    )
    return Statement(
        "oversikt",
        d,
        (
            Sheet(
                "Översikt",
                f"Översikt över verksamhetens utveckling per {books.as_of}",
                cols,
                amounts,
            ),
            Sheet("Nyckeltal", "Nyckeltal", ratio_cols, ratios),
        ),
    )


def _insatser(books: Books, chart: Chart) -> Statement:
    d = insatser(books)
    cols = (
        TEXT,
        Column("Beviljade medel"),
        Column("Förbrukade medel"),
        Column("Ej förbrukade medel"),
    )
    rows = [(r.name, r.granted, r.used, r.unused) for r in d.lines]
    rows.append(("Summa", d.granted, d.used, d.unused))
    sheet = Sheet("Insatser", f"Insatser {_when(books)}", cols, tuple(rows))
    return Statement("insatser", d, (sheet,))


STATEMENTS: dict[str, Callable[[Books, Chart], Statement]] = {
    "resultatrakning": _resultatrakning,
    "balansrakning": _balansrakning,
    "kassaflode": _kassaflode,
    "driftredovisning": _driftredovisning,
    "balanskrav": _balanskrav,
    "oversikt": _oversikt,
    "insatser": _insatser,
}


def statement(name: str, books: Books, chart: Chart) -> Statement:
    return STATEMENTS[name](books, chart)
