"""The Swedish words both faces print for the read side's codes, and the equity
verdict's one wording: the terminal, the JSON, the web view and the reports say the
same thing because they take it from here."""

from __future__ import annotations

from finsam_es.values import WHOLE as PARTS_PER_MILLION  # a limit is stored in parts per million

# an insats's status (InsatsRow.status) as the tables and pages name it
STATUS = {
    "received": "inkommen",
    "referred_back": "återremitterad",
    "withdrawn": "återtagen",
    "rejected": "avslagen",
    "granted": "beviljad",
    "running": "pågår",
    "ended": "avslutad",
    "closed": "slutredovisad",
}

# a budget or result line's kind
KIND = {"income": "intäkt", "cost": "kostnad"}


def percent(parts_per_million: int) -> str:
    """A limit in parts per million as a percentage: 200 000 -> "20 %", 125 000 -> "12.5 %"."""
    return f"{parts_per_million * 100 / PARTS_PER_MILLION:g} %"


def equity_verdict(ratio: float | None, over: bool, limit: int, source: str, year: int) -> str:
    """Equity against the förbund's own limit (parts per million of the year's
    allocation), with where the limit comes from: one sentence every face prints."""
    if ratio is None:
        return f"Ingen medelstilldelning är registrerad för {year}."
    where = "över" if over else "inom"
    return (
        f"Eget kapital är {ratio * 100:.0f} % av medelstilldelningen {year}, "
        f"{where} gränsen {percent(limit)} ({source})."
    )
