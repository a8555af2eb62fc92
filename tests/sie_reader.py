"""A SIE 4 reader written from the SIE-gruppen specification's grammar (SIE filformat
utgåva 4B, chapters 5-8), not from finsam's writer, for the tests to read finsam's
files with.

The grammar: a file is lines of code page 437 text ended by CR LF (LF alone is read
too); a record line starts with a label, ``#`` and capitals, followed by fields
separated by spaces or tabs. A field is a bare word, a string in double quotes (``\\"``
a quote inside it) or an object list in braces. A ``#VER`` record is followed by a
line ``{``, its ``#TRANS`` (and ``#RTRANS``/``#BTRANS``) records, and a line ``}``.
Amounts have a point and at most two decimals; dates are YYYYMMDD.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass
class Ver:
    series: str
    number: str
    day: date
    text: str
    trans: list[tuple[str, list[str], Decimal]] = field(default_factory=list)


@dataclass
class Sie:
    records: list[tuple[str, list[str]]]
    verifications: list[Ver]

    def first(self, label: str) -> list[str]:
        return next(fields for name, fields in self.records if name == label)

    def all(self, label: str) -> list[list[str]]:
        return [fields for name, fields in self.records if name == label]

    def balances(self, label: str, year: str) -> dict[str, Decimal]:
        """#IB, #UB or #RES of a year index ("0", "-1"): account -> amount."""
        return {f[1]: Decimal(f[2]) for f in self.all(label) if f[0] == year}

    def periods(self, label: str, year: str) -> dict[tuple[str, str], Decimal]:
        """#PSALDO or #PBUDGET of a year index: (period ÅÅÅÅMM, account) -> amount, for
        the account as a whole (an empty object list; the specification's records for
        objects come beside those of the whole)."""
        return {
            (f[1], f[2]): Decimal(f[4])
            for f in self.all(label)
            if f[0] == year and not f[3].strip("{} ")
        }


def split(line: str) -> list[str]:
    """The fields of one record line, by the specification's rules for quoting."""
    out: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch in " \t":
            i += 1
        elif ch == '"':
            j, value = i + 1, []
            while line[j] != '"':
                if line[j] == "\\":
                    j += 1
                value.append(line[j])
                j += 1
            out.append("".join(value))
            i = j + 1
        elif ch == "{":
            j = line.index("}", i)
            out.append(line[i : j + 1])
            i = j + 1
        else:
            j = i
            while j < len(line) and line[j] not in " \t":
                j += 1
            out.append(line[i:j])
            i = j
    return out


def day(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def read(data: bytes) -> Sie:
    text = data.decode("cp437")
    records: list[tuple[str, list[str]]] = []
    verifications: list[Ver] = []
    current: Ver | None = None
    open_block = False
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped == "{":
            assert current is not None and not open_block, "{ without its #VER"
            open_block = True
            continue
        if stripped == "}":
            assert current is not None and open_block, "} without its {"
            verifications.append(current)
            current, open_block = None, False
            continue
        assert stripped.startswith("#"), f"not a record: {stripped!r}"
        label, *fields = split(stripped)
        if label == "#VER":
            assert current is None, "a #VER inside another"
            current = Ver(
                fields[0], fields[1], day(fields[2]), fields[3] if len(fields) > 3 else ""
            )
        elif label == "#TRANS":
            assert open_block and current is not None, "#TRANS outside a block"
            objects = fields[1].strip("{}").split()
            current.trans.append((fields[0], objects, Decimal(fields[2])))
        else:
            records.append((label, fields))
    assert current is None, "the last #VER is not closed"
    return Sie(records, verifications)
