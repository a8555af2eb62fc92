"""Rendering sheets (projections/sheets.py) as a terminal table, csv, markdown or an
Excel workbook, in kr or tkr with Swedish number formatting (Babel).

csv carries a header row and amounts in kr with two decimals and a point (for
machines); table and markdown format amounts the Swedish way (1 234,56); xlsx holds
real numbers (kr) with a number format, one sheet per statement.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from cli.output import console, echo_text, table
from finsam_es.errors import InvalidInput
from projections.number_format import in_unit, swedish
from projections.sheets import Sheet


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


def csv_text(sheets: Sequence[Sheet]) -> str:
    """One csv document: a header row naming the statement and the columns, amounts in
    kr with two decimals; several sheets follow one another with their own header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for sheet in sheets:
        writer.writerow(["statement", *(c.title or "post" for c in sheet.columns)])
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
            writer.writerow(cells)
    return buffer.getvalue()


def write_xlsx(sheets: Sequence[Sheet], path: str, unit: str) -> None:
    """An Excel workbook, one sheet per statement, amounts as numbers in kr or tkr."""
    import xlsxwriter
    import xlsxwriter.exceptions

    if not path.endswith(".xlsx"):
        raise InvalidInput(f"{path}: an Excel file's name ends in .xlsx")
    workbook = xlsxwriter.Workbook(path)
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00" if unit == "kr" else "#,##0"})
    percent = workbook.add_format({"num_format": "0%"})
    used: set[str] = set()
    for sheet in sheets:
        name = sheet.name[:31]
        while name in used:
            name = name[:28] + f"_{len(used)}"
        used.add(name)
        ws = workbook.add_worksheet(name)
        ws.write(0, 0, heading(sheet, unit), bold)
        for col, column in enumerate(sheet.columns):
            ws.write(2, col, column.title, bold)
            ws.set_column(col, col, 48 if column.kind == "text" else 16)
        for r, row in enumerate(sheet.rows, start=3):
            for col, (value, column) in enumerate(zip(row, sheet.columns, strict=True)):
                if value is None:
                    continue
                if column.kind == "amount":
                    ws.write_number(r, col, float(in_unit(int(value), unit)), money)
                elif column.kind == "ratio":
                    ws.write_number(r, col, float(value), percent)
                else:
                    ws.write(r, col, str(value))
    try:
        workbook.close()
    except (OSError, xlsxwriter.exceptions.FileCreateError) as e:
        raise InvalidInput(f"{path}: cannot write ({e})") from None


def emit(sheets: Sequence[Sheet], fmt: str, output: str | None, unit: str = "kr") -> None:
    """csv, markdown or xlsx (which needs ``output``); other formats are the caller's."""
    if fmt == "xlsx":
        if not output:
            raise InvalidInput("--format xlsx writes a file: give --output FILE.xlsx")
        write_xlsx(sheets, output, unit)
        return
    if output:
        raise InvalidInput("--output is for --format xlsx; redirect other formats")
    if fmt == "csv":
        echo_text(csv_text(sheets), nl=False)
    elif fmt == "markdown":
        render_markdown(sheets, unit)
    else:
        render_table(sheets, unit)
