"""A SIE 4 file read as its verifications (``#VER`` with their ``#TRANS`` rows), each
with the file's line numbers; ``commands.sie_import`` books them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import msgspec

from finsam_es.errors import InvalidInput

TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\{[^}]*\})|(\S+)')


class Row(msgspec.Struct, frozen=True):
    account: int
    amount: int
    where: int  # the file's line


class Verification(msgspec.Struct, frozen=True):
    series: str
    number: str
    day: date
    text: str
    where: int
    rows: tuple[Row, ...]

    @property
    def key(self) -> str:
        return f"sie:{self.day.year}:{self.series}:{self.number}"


def text_of(data: bytes) -> str:
    """Strict UTF-8 first, else code page 437 (PC8, which the format declares)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp437").replace("\x15", "§")  # PC8's glyph for 0x15


def fields(line: str) -> list[str]:
    out = []
    for quoted, objects, plain in TOKEN.findall(line):
        out.append(
            re.sub(r"\\(.)", r"\1", quoted)
            if quoted or not (objects or plain)
            else objects or plain
        )
    return out


def _amount(text: str, where: str) -> int:
    match = re.fullmatch(r"(-?)(\d+)(?:\.(\d{1,2}))?", text)
    if not match:
        raise InvalidInput(f"{where}: '{text}' is not an amount (like -1234.50)")
    sign, whole, cents = match.groups()
    ore = int(whole) * 100 + int((cents or "0").ljust(2, "0"))
    return -ore if sign else ore


def _day(text: str, where: str) -> date:
    try:
        if not re.fullmatch(r"\d{8}", text):
            raise ValueError(text)
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise InvalidInput(f"{where}: '{text}' is not a date (YYYYMMDD)") from None


def parse(path: Path, text: str) -> list[Verification]:
    """The verifications of a SIE file, each with the file's line numbers."""
    out: list[Verification] = []
    head: tuple[str, str, date, str, int] | None = None
    rows: list[Row] = []
    inside = False
    for n, raw in enumerate(text.splitlines(), start=1):
        where = f"{path}:{n}"
        line = raw.strip()
        if not line:
            continue
        parts = fields(line)
        tag = parts[0].upper()
        if tag == "#VER":
            if len(parts) < 4:
                raise InvalidInput(f"{where}: #VER needs a series, a number and a date")
            head = (
                parts[1],
                parts[2],
                _day(parts[3], where),
                parts[4] if len(parts) > 4 else "",
                n,
            )
            rows = []
        elif tag == "{" and head is not None:
            inside = True
        elif tag == "}" and inside and head is not None:
            out.append(Verification(*head, rows=tuple(rows)))
            head, inside = None, False
        elif tag == "#TRANS":
            if not inside:
                raise InvalidInput(f"{where}: #TRANS outside a verification's {{ }}")
            if len(parts) < 4 or not parts[1].isdigit():
                raise InvalidInput(f"{where}: #TRANS needs an account, {{objects}} and an amount")
            rows.append(Row(int(parts[1]), _amount(parts[3], where), n))
    if inside:
        raise InvalidInput(f"{path}: the last verification has no closing }}")
    return out
