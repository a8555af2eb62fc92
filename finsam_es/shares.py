"""Members' shares, held exactly: written as a percentage with any number of decimals
(``25%``, ``4.16667%``), a fraction (``1/24``) or yearly kronor (``250000kr``), kept as
a ``Fraction`` and stored as its ``"p/q"`` text.

Kronor are weights within a kind: the members of a kind written in kronor divide the
kind's share by the law in proportion to their amounts (six municipalities at
250 000 kr each hold 1/24 each of the whole). Within one kind every member is written
in kronor or none is.

An amount is divided by shares to the öre by largest remainder: each member gets the
whole öre of its exact part, and the öre left over go one each to the members whose
exact parts lost the most; among equal remainders, the member listed first (the order
the förbund lists its members) gets it first (docs/money.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from finsam_es.errors import InvalidInput, Refused
from finsam_es.values import WHOLE, format_kr, parse_amount, plain_percent

# The law's split (lag 2003:1210 5 §): state half, region a quarter, municipalities a
# quarter; where no region is a member the municipalities hold the other half (5 a §).
HALF = Fraction(1, 2)
QUARTER = Fraction(1, 4)


class Kronor(int):
    """A share written as yearly kronor (in öre): a weight within the member's kind."""


ShareInput = Fraction | Kronor

# Twelve digits a side: a share is a part of a förbund, not a number theory exercise.
_FRACTION = re.compile(r"^\s*([0-9]{1,12})\s*/\s*([0-9]{1,12})\s*$", re.ASCII)
_KRONOR = re.compile(r"^(.*\d)\s*(kr|tkr)\s*$")


def parse(text: str) -> ShareInput:
    """``'12.5%'``, ``'12,5 %'``, ``'4.16667%'``, ``'1/24'`` or ``'250000kr'``."""
    cleaned = text.strip().lower()
    fraction = _FRACTION.match(cleaned)
    if fraction:
        p, q = int(fraction.group(1)), int(fraction.group(2))
        if q == 0 or p == 0 or p > q:
            raise InvalidInput(f"'{text}' is not a share above 0 and at most 1 (like 1/24)")
        return Fraction(p, q)
    if _KRONOR.match(cleaned):
        ore = parse_amount(cleaned)
        if ore <= 0:
            raise InvalidInput(f"'{text}': a share in kronor is a yearly amount above 0")
        return Kronor(ore)
    number = cleaned.replace(",", ".").removesuffix("%").strip()
    value = Fraction(plain_percent(number, text, "25%, 4.16667%, 1/24 or 250000kr")) / 100
    if not 0 < value <= 1:
        raise InvalidInput(f"'{text}' is not a share above 0 and at most 100 %")
    return value


def from_text(text: str) -> Fraction:
    """A stored share (``"1/24"``) back to its fraction."""
    return Fraction(text)


def to_text(share: Fraction) -> str:
    """The stored form: always ``"p/q"`` (``"1/4"``, ``"1/1"``)."""
    return f"{share.numerator}/{share.denominator}"


def from_ppm(ppm: int) -> Fraction:
    """A share stored in parts per million before shares were exact."""
    return Fraction(ppm, WHOLE)


def percent(share: Fraction, places: int = 4) -> float:
    """The share in per cent, rounded for showing (``1/24`` -> 4.1667)."""
    return round(float(share * 100), places)


def describe(share: Fraction) -> str:
    """``"12.5 %"`` when the per cent is a finite decimal, else ``"1/24 (4.1667 %)"``."""
    exact = share * 100
    q = exact.denominator
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    if q == 1:
        text = f"{Decimal(exact.numerator) / Decimal(exact.denominator):f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text} %"
    shown = f"{percent(share, 6):.6f}".rstrip("0").rstrip(".")
    return f"{to_text(share)} ({shown} %)"


def resolve(
    given: Sequence[tuple[str, str, ShareInput]], law: Mapping[str, Fraction]
) -> dict[str, Fraction]:
    """Each member's exact share from what was written: (id, kind, share) in order.
    Kronor divide their kind's share by the law in proportion to the amounts."""
    out: dict[str, Fraction] = {}
    for kind in dict.fromkeys(k for _, k, _ in given):
        of_kind = [(i, s) for i, k, s in given if k == kind]
        in_kronor = [i for i, s in of_kind if isinstance(s, Kronor)]
        if in_kronor and len(in_kronor) != len(of_kind):
            other = next(i for i, s in of_kind if not isinstance(s, Kronor))
            raise InvalidInput(
                f"member '{in_kronor[0]}' has its share in kronor but '{other}' of the same "
                "kind does not: write every member of a kind in kronor, or none"
            )
        if in_kronor:
            weights = sum(int(s) for _, s in of_kind)
            for i, s in of_kind:
                out[i] = law.get(kind, Fraction(0)) * Fraction(int(s), weights)
        else:
            out.update((i, Fraction(s)) for i, s in of_kind)
    return {i: out[i] for i, _, _ in given}


def check_kind_total(label: str, held: Fraction, required: Fraction, why: str = "") -> None:
    """Refuse a kind's shares that are not exactly the law's, with a hint for the
    nearly-right sums that rounded percentages give."""
    if held == required:
        return
    hint = ""
    if abs(held - required) < Fraction(1, 10_000):
        hint = "; write shares that do not end as decimals as fractions (like 1/24)"
    raise Refused(
        f"the shares do not follow the law: {label} hold {describe(held)}, "
        f"the law says {describe(required)}{why}{hint}"
    )


def split(total: int, shares: Iterable[tuple[str, Fraction]]) -> dict[str, int]:
    """Divide ``total`` öre by shares that sum to 1, to the öre, by largest remainder;
    equal remainders go in the order given."""
    listed = list(shares)
    exact = [(i, total * s) for i, s in listed]
    parts = {i: math.floor(x) for i, x in exact}
    rest = total - sum(parts.values())
    order = sorted(range(len(exact)), key=lambda n: (-(exact[n][1] - parts[exact[n][0]]), n))
    for n in order[: max(rest, 0)]:
        parts[exact[n][0]] += 1
    return parts


def expected_part(total: int, share: Fraction) -> int:
    """A member's exact part of ``total``, rounded to the nearest öre (for warnings)."""
    return round(total * share)


def deviation(member: str, given: int, total: int, share: Fraction) -> str | None:
    """A warning when a member's part is more than 1 kr off its exact share."""
    expected = expected_part(total, share)
    if abs(given - expected) > 100:
        return (
            f"{member} gives {format_kr(given)}, its share of {format_kr(total)} is "
            f"{format_kr(expected)}"
        )
    return None
