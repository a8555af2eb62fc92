"""The förbund's organisation number (organisationsnummer), which every Swedish office
reads on a report and SIE asks for in ``#ORGNR``.

Ten digits, written ``NNNNNN-NNNN``; the last digit is the Luhn check digit of the
first nine (Skatteverket's rule for person and organisation numbers). A samordnings-
förbund is a legal person of its own, so its number is checked and kept as the
förbund's, not its members'. It is recorded by an event of its own rather than a new
field on the creating event: stores written before it read unchanged, and a förbund
created before it can be given its number later (``forbund orgnr``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from finsam_es.base import FinsamAggregate
from finsam_es.errors import InvalidInput

if TYPE_CHECKING:
    from finsam_es.forbund import Forbund

_FORM = re.compile(r"(\d{6})-?(\d{4})")


def luhn_digit(nine: str) -> int:
    """The check digit of nine digits: every other digit from the first doubled (a
    two-digit product counts as the sum of its digits), the sum's distance up to the
    next ten."""
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def parse_orgnr(text: str) -> str:
    """``5566778899`` or ``556677-8899`` as ``556677-8899``; anything else, or a wrong
    check digit, is refused in one line."""
    match = _FORM.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(
            f"'{text}' är inget organisationsnummer (tio siffror, skrivs NNNNNN-NNNN)"
        )
    digits = "".join(match.groups())
    if luhn_digit(digits[:9]) != int(digits[9]):
        raise InvalidInput(
            f"organisationsnumret {match[1]}-{match[2]} har fel kontrollsiffra "
            f"(den sista siffran ska vara {luhn_digit(digits[:9])})"
        )
    return f"{match[1]}-{match[2]}"


class OrgnrRecorded(FinsamAggregate.Event):
    """The förbund's organisation number, from the day it was recorded."""

    label = "organisation number recorded"
    orgnr: str

    def apply(self, aggregate: Forbund) -> None:
        aggregate.orgnr = self.orgnr
