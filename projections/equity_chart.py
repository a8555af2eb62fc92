"""The equity chart of the annual report: equity at each year's end as bars, against
the förbund's equity limit (by default 20 % of the year's allocation, Nationella rådet's
recommended ceiling as the seeds state it) as a line. Plain
SVG, made here so no charting library is needed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from finsam_es.thresholds import Thresholds
from projections.labels import PARTS_PER_MILLION, percent
from projections.report_tables import OverviewYear

DEFAULT_LIMIT = Thresholds().equity_limit
WIDTH, HEIGHT = 520, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 36


def _tkr(ore: int) -> str:
    value = (Decimal(ore) / 100_000).quantize(Decimal(1), ROUND_HALF_UP)
    return f"{value:,}".replace(",", "\u00a0").replace("-", "\u2212")


def equity_svg(years: Sequence[OverviewYear], limit: int = DEFAULT_LIMIT) -> str:
    """Oldest year first; the förbund's limit (parts per million of the year's
    allocation) is drawn where the year has an allocation."""
    ordered = sorted(years, key=lambda y: y.year)
    limits = [y.allocation * limit // PARTS_PER_MILLION for y in ordered]
    top = max([*(y.equity for y in ordered), *limits, 1])
    bottom = min([*(y.equity for y in ordered), 0])
    span = top - bottom or 1
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(ordered), 1)

    def y_of(amount: int) -> float:
        return TOP + (top - amount) / span * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f'<text x="{LEFT}" y="16" font-size="12">Eget kapital vid årets slut (tkr) och {percent(limit)} av '
        "medelstilldelningen</text>",
        f'<line x1="{LEFT}" y1="{y_of(0):.1f}" x2="{WIDTH - RIGHT}" y2="{y_of(0):.1f}" '
        'stroke="#555" stroke-width="1"/>',
    ]
    marked = False
    for i, year in enumerate(ordered):
        x = LEFT + i * slot + slot * 0.2
        w = slot * 0.6
        y0, y1 = sorted((y_of(0), y_of(year.equity)))
        parts.append(
            f'<rect x="{x:.1f}" y="{y0:.1f}" width="{w:.1f}" height="{y1 - y0:.1f}" '
            'fill="#3b7a57"/>'
        )
        parts.append(
            f'<text x="{x + w / 2:.1f}" y="{y0 - 4:.1f}" text-anchor="middle">'
            f"{_tkr(year.equity)}</text>"
        )
        parts.append(
            f'<text x="{x + w / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
            f"{year.year}</text>"
        )
        if limits[i]:
            # the limit's share of the year's allocation across the year's slot
            y = y_of(limits[i])
            parts.append(
                f'<line x1="{x - slot * 0.1:.1f}" y1="{y:.1f}" x2="{x + w + slot * 0.1:.1f}" '
                f'y2="{y:.1f}" stroke="#c0392b" stroke-width="2" stroke-dasharray="6 3"/>'
            )
            marked = True
    if marked:
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end" fill="#c0392b">'
            f"streckat: {percent(limit)} av årets medelstilldelning</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
