"""Amounts the Swedish way (Babel): 1 234,56 kr, 1 235 tkr, 29 %. Öre in, text out;
tkr are rounded half away from zero as the annual reports print them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from projections.sheets import Cell, Column

LOCALE = "sv_SE"


def in_unit(ore: int, unit: str) -> Decimal:
    """Öre as kr (exact) or tkr rounded half away from zero."""
    kr = Decimal(ore) / 100
    return (kr / 1000).quantize(Decimal(1), ROUND_HALF_UP) if unit == "tkr" else kr


def swedish(value: Cell, column: Column, unit: str) -> str:
    """A cell as Swedish text: 1 234,56 (kr), 1 235 (tkr), 29 % (ratio)."""
    from babel.numbers import format_decimal, format_percent

    if value is None or column.kind == "text":
        return "" if value is None else str(value)
    if column.kind == "ratio":
        return format_percent(value, "#,##0 %", locale=LOCALE)
    pattern = "#,##0" if unit == "tkr" else "#,##0.00"
    return format_decimal(in_unit(int(value), unit), pattern, locale=LOCALE)
