"""Rendering sheets (projections/sheets.py) as a terminal table, csv, markdown or an
Excel workbook, in kr or tkr with Swedish number formatting (Babel).

csv carries a header row and amounts in kr with two decimals and a point (for
machines); table and markdown format amounts the Swedish way (1 234,56); xlsx holds
exact amounts in kr with a kr or tkr number format, texts as text, one sheet per
statement. Every csv row and every sheet names the förbund and its organisation number
(csv: the last two columns, so files of several förbund can be put together).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import click

from cli.output import console, echo_text, table
from finsam_es.errors import InvalidInput
from finsam_es.values import visible
from projections.number_format import swedish
from projections.sheets import Column, Owner, Sheet


def heading(sheet: Sheet, unit: str) -> str:
    return f"{sheet.title} (belopp i {unit})"


def render_table(sheets: Sequence[Sheet], unit: str) -> None:
    out = console()
    for sheet in sheets:
        columns = [c.title or " " for c in sheet.columns]
        right = [c.title or " " for c in sheet.columns if c.kind != "text"]
        rows = [
            tuple(swedish(v, c, unit) for v, c in zip(row, sheet.columns, strict=True))
            for row in sheet.rows
        ]
        out.print(table(heading(sheet, unit), columns, rows, right=right))


def render_markdown(sheets: Sequence[Sheet], unit: str) -> None:
    blocks = []
    for sheet in sheets:
        head = "| " + " | ".join(c.title for c in sheet.columns) + " |"
        rule = (
            "| " + " | ".join("---:" if c.kind != "text" else "---" for c in sheet.columns) + " |"
        )
        body = [
            "| "
            + " | ".join(swedish(v, c, unit) for v, c in zip(row, sheet.columns, strict=True))
            + " |"
            for row in sheet.rows
        ]
        blocks.append("\n".join([f"### {heading(sheet, unit)}", "", head, rule, *body]))
    echo_text("\n\n".join(blocks))


def csv_text(sheets: Sequence[Sheet], owner: Owner) -> str:
    """One csv document: a header row naming the statement, the columns and the
    förbund, amounts in kr with two decimals; several sheets follow one another with
    their own header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for sheet in sheets:
        columns = (c.title or "post" for c in sheet.columns)
        writer.writerow(["statement", *columns, *OWNER_COLUMNS])
        for row in sheet.rows:
            cells: list[str] = [sheet.name]
            for value, column in zip(row, sheet.columns, strict=True):
                if value is None:
                    cells.append("")
                elif column.kind == "amount":
                    cells.append(f"{Decimal(int(value)) / 100:.2f}")
                elif column.kind == "ratio":
                    cells.append(f"{float(value):.4f}")
                else:
                    cells.append(str(value))
            writer.writerow([*cells, owner.name, owner.orgnr])
    return buffer.getvalue()


# the förbund's columns, last in every csv row: standard and sv
OWNER_COLUMNS = ("forbund", "orgnr")
OWNER_COLUMNS_SV = ("Förbund", "Org.nr")


CSV_STYLES = ("standard", "sv")


def csv_style(given: str | None) -> str:
    """The csv style of a call: --csv-style, else the FINSAM_CSV_STYLE setting, else
    standard (for machines)."""
    style = given or os.environ.get("FINSAM_CSV_STYLE") or "standard"
    if style not in CSV_STYLES:
        raise InvalidInput(f"FINSAM_CSV_STYLE={style}: välj standard eller sv")
    return style


def csv_sv_text(sheets: Sequence[Sheet], owner: Owner) -> str:
    """csv as Swedish Excel opens it without an import dialog: UTF-8 with a BOM (or it
    reads å/ä/ö as Windows-1252), semicolons (the comma is the decimal sign), decimal
    commas, Swedish headers, the statements by their Swedish names, and every amount in
    kronor, the unit named in its column's header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for sheet in sheets:
        writer.writerow(["Rapport", *(_sv_title(c) for c in sheet.columns), *OWNER_COLUMNS_SV])
        for row in sheet.rows:
            cells: list[str] = [sv_text(sheet.title)]
            for value, column in zip(row, sheet.columns, strict=True):
                if value is None:
                    cells.append("")
                elif column.kind == "amount":
                    cells.append(sv_amount(int(value)))
                elif column.kind == "ratio":
                    cells.append(f"{Decimal(str(value)) * 100:.2f}".replace(".", ","))
                else:
                    cells.append(sv_text(value))
            writer.writerow([*cells, sv_text(owner.name), owner.orgnr])
    return "\ufeff" + buffer.getvalue()


def sv_text(value: object) -> str:
    """A text cell Excel will not take for a formula: one beginning with =, +, - or @ (the
    Balanskrav label "= Balanskravsresultat") gets an apostrophe before it."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def sv_amount(ore: int) -> str:
    """Öre as kronor with a decimal comma, no thousands separator: 1234,50."""
    return f"{Decimal(ore) / 100:.2f}".replace(".", ",")


def sv_csv(columns: Sequence[str], rows: Iterable[Sequence[object]], owner: Owner) -> str:
    """A register of the förbund ``owner`` as csv for Swedish Excel (see
    ``csv_sv_text``): the caller gives the Swedish headers and the cells already in
    kronor."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*columns, *OWNER_COLUMNS_SV])
    writer.writerows([*(sv_text(v) for v in row), sv_text(owner.name), owner.orgnr] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _sv_title(column: Column) -> str:
    title = column.title or "Post"
    return {"amount": f"{title} (kr)", "ratio": f"{title} (%)"}.get(column.kind, title)


def sheet_head(worksheet: Any, title: str, owner: Owner, bold: Any) -> None:
    """The first two rows of every sheet finsam writes: its title and, under it, the
    förbund with its organisation number (the columns' titles follow on the third)."""
    worksheet.write_string(0, 0, title, bold)
    worksheet.write_string(1, 0, owner.heading())


def write_xlsx(sheets: Sequence[Sheet], path: str, unit: str, owner: Owner) -> None:
    """An Excel workbook, one sheet per statement, amounts as numbers in kr or tkr,
    each sheet headed by the statement and the förbund with its organisation number."""
    import xlsxwriter
    import xlsxwriter.exceptions

    if not path.endswith(".xlsx"):
        raise InvalidInput(f"{path}: an Excel file's name ends in .xlsx")
    workbook = xlsxwriter.Workbook(path)
    bold = workbook.add_format({"bold": True})
    # the exact amount in kr in every cell; tkr is only how it is shown (the format's
    # trailing comma divides by 1000), so a sum in the sheet is the exact sum
    money = workbook.add_format({"num_format": "#,##0.00" if unit == "kr" else "#,##0,"})
    percent = workbook.add_format({"num_format": "0%"})
    used: set[str] = set()
    for sheet in sheets:
        name = sheet.name[:31]
        while name in used:
            name = name[:28] + f"_{len(used)}"
        used.add(name)
        ws = workbook.add_worksheet(name)
        # texts by write_string: write() takes a label like "= Balanskravsresultat" for
        # a formula, which a recalculation shows as #NAME?
        sheet_head(ws, heading(sheet, unit), owner, bold)
        for col, column in enumerate(sheet.columns):
            ws.write_string(2, col, column.title, bold)
            ws.set_column(col, col, 48 if column.kind == "text" else 16)
        for r, row in enumerate(sheet.rows, start=3):
            for col, (value, column) in enumerate(zip(row, sheet.columns, strict=True)):
                if value is None:
                    continue
                if column.kind == "amount":
                    ws.write_number(r, col, int(value) / 100, money)
                elif column.kind == "ratio":
                    ws.write_number(r, col, float(value), percent)
                else:
                    ws.write_string(r, col, str(value))
    try:
        workbook.close()
    except (OSError, xlsxwriter.exceptions.FileCreateError) as e:
        raise InvalidInput(f"{path}: cannot write ({e})") from None


def emit(
    sheets: Sequence[Sheet],
    fmt: str,
    output: str | None,
    unit: str = "kr",
    style: str | None = None,
    *,
    owner: Owner,
) -> None:
    """csv, markdown or xlsx (which needs ``output``) of the förbund ``owner``; other
    formats are the caller's."""
    if fmt == "xlsx":
        if not output:
            raise InvalidInput("--format xlsx writes a file: give --output FILE.xlsx")
        write_xlsx(sheets, output, unit, owner)
        return
    if output:
        raise InvalidInput("--output is for --format xlsx; redirect other formats")
    if fmt == "csv":
        sv = csv_style(style) == "sv"
        text = csv_sv_text(sheets, owner) if sv else csv_text(sheets, owner)
        # control characters escaped within the cells; the sv style ends its lines with
        # CRLF, as Excel writes them, and those stay
        click.echo("\r\n".join(map(visible, text.split("\r\n"))), nl=False)
    elif fmt == "markdown":
        render_markdown(sheets, unit)
    else:
        render_table(sheets, unit)
