"""Value types and their parsing: amounts in öre, shares, paragraph references, ids.

Amounts are plain ``int`` in öre (1 kr = 100 öre) everywhere in the domain; this
module turns the ways people write them into öre and back.
"""

from __future__ import annotations

import functools
import re
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TypeVar

from finsam_es.errors import InvalidInput

NAMESPACE = uuid.UUID("6f1d3a52-4c1e-4f2b-9a57-2f7c1f0b7a10")

# Shares are kept in parts per million: 12.5 % = 125_000, 100 % = 1_000_000.
WHOLE = 1_000_000


@functools.lru_cache(maxsize=1 << 16)
def stable_id(*parts: object) -> uuid.UUID:
    """A deterministic aggregate id from its natural key ("minutes", "solleftea", 2024).
    Kept for the process: a command asks for the same few ids many times, and uuid5
    was a fifth of a write's time in profiles."""
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


_AMOUNT = re.compile(
    r"^(-)?\s*([0-9][0-9 \u00a0_]*)(?:[.,]([0-9]{1,2}))?\s*(kr|tkr|öre)?$", re.ASCII
)


# The largest amount finsam accepts: 1 000 000 000 kr (10^11 öre), a hundred times a
# large förbund's yearly turnover. Every stored amount is within it, so a sum over
# fewer than 92 million amounts (2^63 / 10^11) fits in the 64-bit integers SQLite and
# PostgreSQL sum in: no query a store can answer overflows.
MAX_AMOUNT = 100_000_000_000

# The highest paragraph number (§) finsam accepts in a year: a board numbers a few
# hundred a year at most, so a larger one is a typing error (the journal and the CLI
# refuse it alike).
MAX_PARAGRAPH = 9999


# More digits than this cannot be an amount within MAX_AMOUNT (10^11 öre is twelve
# digits; leading zeros aside): refused before the text is converted, so a number of
# thousands of digits costs nothing and never reaches Python's int-string limit.
AMOUNT_DIGITS = 12


def ascii_digits(text: str, most: int) -> bool:
    """True when ``text`` is 1 to ``most`` ASCII digits (str.isdigit also takes '²' and
    '١', which int() then reads or refuses by surprise)."""
    return 0 < len(text) <= most and text.isascii() and text.isdigit()


def bounded_int(text: str, where: str, least: int, most: int) -> int:
    """A whole number written in ASCII digits within least..most, its digits counted
    before it is converted; refused in one line naming ``where`` and the bound."""
    where = f"{where}: " if where else ""
    digits = text.strip()
    sign = -1 if digits.startswith("-") else 1
    digits = digits.removeprefix("-").lstrip("0") or "0"
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidInput(f"{where}'{shown(text)}' is not a whole number")
    if len(digits) > len(str(max(abs(least), abs(most)))) or not (
        least <= sign * int(digits) <= most
    ):
        raise InvalidInput(f"{where}'{shown(text)}' is outside {least} to {most}")
    return sign * int(digits)


def shown(text: str, most: int = 40) -> str:
    """A text as an error message quotes it: cut after ``most`` characters, so a pasted
    file or a 5 000-digit number is not echoed back whole."""
    return text if len(text) <= most else f"{text[:most]}… ({len(text)} characters)"


# The control characters no text of finsam may hold: C0 but newline and tab, DEL, C1,
# and the bidi overrides that reorder what a terminal or browser shows ("Trojan
# source"). ESC among them would let a stored title clear or rewrite a screen.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_character(text: str) -> str | None:
    """The first control character of ``text`` that finsam refuses, or None."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def visible(text: str) -> str:
    """The text with each refused control character written as its escape (ESC as
    ``\\x1b``): what a terminal and a plain-text format show of a stored text."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def checked_amount(ore: int, text: object) -> int:
    if abs(ore) > MAX_AMOUNT:
        raise InvalidInput(
            f"'{text}' is beyond the largest amount finsam accepts (1 000 000 000 kr)"
        )
    return ore


def parse_amount(text: str | int) -> int:
    """Parse an amount written in kronor into öre.

    ``"775 000"``, ``"775000 kr"``, ``"22 750,50"``, ``"2 832 tkr"`` and ``"50 öre"``
    are accepted; an ``int`` is taken as kronor. Beyond ``MAX_AMOUNT`` is refused.
    """
    if isinstance(text, int):
        return checked_amount(text * 100, text)
    cleaned = text.strip().lower()
    match = _AMOUNT.match(cleaned)
    if not match:
        raise InvalidInput(f"'{text}' is not an amount (write it like 775 000 or 22 750,50 kr)")
    sign, whole, frac, unit = match.groups()
    digits = re.sub(r"[ \u00a0_]", "", whole).lstrip("0") or "0"
    if len(digits) > AMOUNT_DIGITS:
        raise InvalidInput(
            f"'{shown(text)}' is beyond the largest amount finsam accepts (1 000 000 000 kr)"
        )
    if unit == "öre":
        if frac:
            raise InvalidInput(f"'{text}': öre cannot have decimals")
        value = int(digits)
    elif unit == "tkr":
        value = int((Decimal(digits + "." + (frac or "0")) * 100_000).to_integral_exact())
    else:
        value = int(digits) * 100 + int((frac or "0").ljust(2, "0"))
    return checked_amount(-value if sign else value, text)


def format_kr(ore: int, *, unit: str = "kr") -> str:
    """Swedish grouping: 77500000 -> '775 000 kr'; öre shown only when not zero."""
    sign = "-" if ore < 0 else ""
    ore = abs(ore)
    if unit == "tkr":
        thousands = (ore + 50_000) // 100_000
        return f"{sign}{_group(thousands)} tkr"
    kronor, rest = divmod(ore, 100)
    text = _group(kronor)
    if rest:
        text += f",{rest:02d}"
    return f"{sign}{text} kr" if unit else f"{sign}{text}"


def _group(n: int) -> str:
    return f"{n:,}".replace(",", " ")


# A per cent as a board writes it: up to three whole digits and a few decimals. Decimal
# alone would also read '1e999999999' (and then spend minutes on it), 'inf' and 'nan'.
PERCENT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,20})?", re.ASCII)


def plain_percent(cleaned: str, text: str, example: str) -> Decimal:
    """The per cent written in ``cleaned`` (digits, an optional point and decimals)."""
    if not PERCENT.fullmatch(cleaned):
        raise InvalidInput(f"'{shown(text)}' is not a share (write it like {example})")
    return Decimal(cleaned)


def parse_share(text: str) -> int:
    """'12.5%' or '12,5 %' -> parts per million (125 000)."""
    cleaned = text.strip().replace(",", ".").rstrip("%").strip()
    value = plain_percent(cleaned, text, "25% or 12.5%")
    ppm = value * 10_000
    if ppm != ppm.to_integral_value() or value <= 0 or value > 100:
        raise InvalidInput(f"'{text}' is not a share between 0 and 100 % (at most 4 decimals)")
    return int(ppm)


def format_share(ppm: int) -> str:
    value = Decimal(ppm) / 10_000
    text = f"{value.normalize():f}"
    return f"{text} %"


def parse_paragraph_ref(text: str) -> tuple[int, int]:
    """'2023:45' or '2023 §45' -> (2023, 45)."""
    match = re.match(r"^\s*(\d{4})\s*[:/ ]\s*§?\s*(\d{1,9})\s*$", text, re.ASCII)
    if not match:
        raise InvalidInput(
            f"'{shown(text)}' is not a paragraph reference (write YEAR:N, like 2023:45)"
        )
    return int(match.group(1)), int(match.group(2))


def paragraph_ref(year: int, number: int) -> str:
    return f"{year}:{number}"


# The dates finsam accepts: its law is from 2004 and a plan reaches a few years ahead;
# the range leaves room and keeps a period (one posting row a month) small.
FIRST_DATE = date(1900, 1, 1)
D = TypeVar("D", bound=date)  # a date, or a datetime kept as one
LAST_DATE = date(2199, 12, 31)


def check_date(day: D, where: str = "") -> D:
    """The date (or a moment's date) when within the range; refused otherwise."""
    plain = day.date() if isinstance(day, datetime) else day
    if not FIRST_DATE <= plain <= LAST_DATE:
        raise InvalidInput(
            f"{where}{day.isoformat()} is outside the dates finsam accepts "
            f"({FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()})"
        )
    return day


def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date (write YYYY-MM-DD)") from None
    return check_date(day)


def month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def month_index(d: date) -> int:
    """Months since year 0: makes month arithmetic plain integer arithmetic."""
    return d.year * 12 + d.month - 1


def month_from_index(index: int) -> tuple[int, int]:
    return divmod(index, 12)[0], divmod(index, 12)[1] + 1
