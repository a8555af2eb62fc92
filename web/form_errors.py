"""The domain's refusals as a board secretary reads them in the browser: the ones the
secretary's path meets, in Swedish and without the CLI's options (`--corrects`, `finsam
meeting open`) that mean nothing on a page. A refusal not listed here is shown as the
domain words it (one line), until the domain's messages are Swedish at their source.
"""

from __future__ import annotations

import re

DATE = r"(\d{4}-\d{2}-\d{2})"
SWEDISH = (
    (rf"no meeting of \S+ on {DATE}.*", "Det finns inget sammanträde {0}; öppna det först."),
    (rf"the meeting of {DATE} is already closed", "Sammanträdet {0} är redan stängt."),
    (rf"nothing to change in the meeting of {DATE}", "Inget att ändra i sammanträdet {0}."),
    (rf"\S+ already has a meeting on {DATE}", "Det finns redan ett sammanträde {0}."),
    (
        rf"the minutes of {DATE} were adjusted on {DATE}.*",
        "Protokollet {0} justerades {1} och kan inte längre ändras.",
    ),
    (
        r"(.+) is an ersättare for (\S+): she cannot serve for (.+), ledamot for (\S+) .*",
        "{0} är ersättare för en annan medlem och kan inte tjänstgöra för {2} "
        "(varje medlem företräds av sina egna, lag 2003:1210 10 §).",
    ),
    (
        rf"(.+) cannot serve for (.+) on {DATE}: .+ is present.*",
        "{0} kan inte tjänstgöra för {1}: {1} är närvarande och beslutar själv.",
    ),
    (r"(.+) and (.+) cannot both serve for (.+)", "{0} och {1} kan inte båda tjänstgöra för {2}."),
    (
        rf"no decision of the board allows participation at a distance on {DATE}.*",
        "Inget beslut av styrelsen tillåter deltagande på distans {0} (lag 2003:1210 19 a §); "
        "registrera beslutet först.",
    ),
    (rf"(.+) is not among those at the meeting of {DATE}", "{0} är inte med på sammanträdet {1}."),
    (
        rf"the chair (.+) is not on the board on {DATE}",
        "Ordföranden {0} sitter inte i styrelsen {1}.",
    ),
    (
        rf"justerare (.+) is neither on the board nor present on {DATE}",
        "Justeraren {0} sitter inte i styrelsen och är inte närvarande {1}.",
    ),
    (
        r"§(\d+) \(" + DATE + r"\): no quorum.*",
        "§{0}: styrelsen är inte beslutför ({1}).",
    ),
    (
        r"§(\d+) \((\d{4})\) is adjusted: its vote can no longer change",
        "§{0} ({1}) är justerad: omröstningen kan inte längre ändras.",
    ),
    (
        r"'(.+)' is not a diarienummer.*",
        "'{0}' är inget diarienummer: skriv det ÅÅÅÅ/N, t.ex. 2024/7.",
    ),
)
PATTERNS = tuple((re.compile(pattern), words) for pattern, words in SWEDISH)


def swedish(message: str) -> str:
    """A refusal in the secretary's words where this module knows it, else as it is."""
    for pattern, words in PATTERNS:
        found = pattern.fullmatch(message)
        if found:
            return words.format(*found.groups())
    return message
