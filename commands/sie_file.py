"""A SIE 4 file read as its verifications (``#VER`` with their ``#TRANS`` rows), each
with the file's line numbers; ``commands.sie_import`` books them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import msgspec

from finsam_es.errors import InvalidInput
from finsam_es.values import FIRST_DATE, LAST_DATE, visible

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


# The largest SIE file read: a year of a large förbund is a few MiB; /dev/zero or a
# mistaken disk image is refused after reading this much, not when memory runs out.
MAX_SIE_BYTES = 64 * 2**20
# Digits beyond these are no amount or account finsam keeps, and converting them would
# meet Python's integer-string limit (4 300 digits) with a traceback: refused first.
MAX_AMOUNT_DIGITS = 30  # enough for the bound's own message on 10^20 kr and more
MAX_ACCOUNT_DIGITS = 10  # BAS accounts have four digits; sub-accounts a few more
MAX_VER_ID = 32  # a verification's series or number: it becomes part of a fingerprint


def read_file(path: Path) -> bytes:
    """The file's bytes, at most ``MAX_SIE_BYTES`` of them; more is refused in one line."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_SIE_BYTES + 1)
    except OSError as e:
        raise InvalidInput(f"{path}: cannot read the file ({e.strerror})") from None
    if len(data) > MAX_SIE_BYTES:
        raise InvalidInput(
            f"{path}: större än en SIE-fil finsam läser ({MAX_SIE_BYTES // 2**20} MiB)"
        )
    return data


def clipped(text: str, longest: int = 24) -> str:
    """A text from the file as a message shows it: escaped, and cut when long."""
    shown = visible(text)
    return shown if len(shown) <= longest else f"{shown[:longest]}… ({len(text)} characters)"


def text_of(path: Path, data: bytes) -> str:
    """Strict UTF-8 first, else code page 437 (PC8, which the format declares). Both
    decode any bytes at all, so what is not text (NUL bytes: UTF-16, a binary file) is
    refused here rather than read as a page of odd letters."""
    if b"\x00" in data:
        raise InvalidInput(
            f"{path}: går inte att läsa som SIE-text (filen har NUL-tecken: UTF-16 eller binär?)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # older programs write § as byte 0x15, PC8's glyph for it; finsam writes "par."
        return data.decode("cp437").replace("\x15", "§")


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
    # ASCII digits only: \d would take Arabic-Indic digits, which no SIE program writes
    match = re.fullmatch(r"(-?)([0-9]+)(?:\.([0-9]{1,2}))?", text)
    if not match:
        raise InvalidInput(f"{where}: '{clipped(text)}' is not an amount (like -1234.50)")
    sign, whole, cents = match.groups()
    digits = len(whole.lstrip("0"))
    if digits > MAX_AMOUNT_DIGITS:
        raise InvalidInput(
            f"{where}: an amount of {digits} digits is beyond the largest amount finsam "
            "accepts (1 000 000 000 kr)"
        )
    ore = int(whole) * 100 + int((cents or "0").ljust(2, "0"))
    return -ore if sign else ore


def _account(text: str, where: str) -> int:
    """An account number: ASCII digits only (``'¹⁹³⁰'`` passes ``str.isdigit`` yet is no
    number ``int`` reads), and not more of them than any chart has."""
    if not re.fullmatch(f"[0-9]{{1,{MAX_ACCOUNT_DIGITS}}}", text):
        raise InvalidInput(
            f"{where}: '{clipped(text)}' is not an account number (at most "
            f"{MAX_ACCOUNT_DIGITS} digits 0-9)"
        )
    return int(text)


def _day(text: str, where: str) -> date:
    try:
        if not re.fullmatch(r"[0-9]{8}", text):
            raise ValueError(text)
        day = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise InvalidInput(f"{where}: '{clipped(text)}' is not a date (YYYYMMDD)") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise InvalidInput(
            f"{where}: {day.isoformat()} is outside the dates finsam accepts "
            f"({FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()})"
        )
    return day


def _ver_id(text: str, what: str, where: str) -> str:
    if len(text) > MAX_VER_ID:
        raise InvalidInput(
            f"{where}: #VER's {what} '{clipped(text)}' is longer than finsam accepts "
            f"({MAX_VER_ID} characters)"
        )
    return text


class SieFile(msgspec.Struct, frozen=True):
    """What a SIE file says of itself, and its verifications."""

    orgnr: str  # "" when the file names none
    year: tuple[date, date] | None  # #RAR 0: the financial year the file is of
    verifications: tuple[Verification, ...]
    # what a store created from the file needs (commands/sie_fresh.py): the name
    # (#FNAMN), each account's name and type (#KONTO, #KTYP: T S I K) and the opening
    # balances of the year (#IB 0), in öre signed as SIE signs them (credit negative)
    name: str = ""
    accounts: dict[int, tuple[str, str]] = {}
    opening: dict[int, int] = {}
    # the year's budget per account (#PBUDGET 0, the months summed; the account as a
    # whole, not its objects), signed as SIE signs it
    budget: dict[int, int] = {}
    # the year's period balances (#PSALDO 0, the account as a whole): (ÅÅÅÅMM,
    # account) -> (the month's change, the file's line)
    periods: dict[tuple[int, int], tuple[int, int]] = {}


def parse(path: Path, text: str) -> list[Verification]:
    """The verifications of a SIE file, each with the file's line numbers."""
    return list(read(path, text).verifications)


def read(path: Path, text: str) -> SieFile:
    """The file's organisation number, financial year and verifications. A file that
    is not SIE, a verification left open, or one number used twice for different
    verifications is refused naming the place: nothing is dropped in silence."""
    out: list[Verification] = []
    head: tuple[str, str, date, str, int] | None = None
    rows: list[Row] = []
    inside = False
    sie, orgnr, year = False, "", None
    name, names, types, opening = "", dict[int, str](), dict[int, str](), dict[int, int]()
    budget: dict[int, int] = {}
    periods: dict[tuple[int, int], tuple[int, int]] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        where = f"{path}:{n}"
        line = raw.strip()
        if not line:
            continue
        parts = fields(line)
        tag = parts[0].upper()
        if tag in ("#FLAGGA", "#SIETYP"):
            sie = True
        elif tag == "#ORGNR" and len(parts) > 1:
            orgnr = parts[1]
        elif tag == "#RAR" and len(parts) > 3 and parts[1] == "0":
            year = (_day(parts[2], where), _day(parts[3], where))
        elif tag == "#FNAMN" and len(parts) > 1:
            name = parts[1]
        elif tag in ("#KONTO", "#KTYP") and len(parts) > 2:
            (names if tag == "#KONTO" else types)[_account(parts[1], where)] = parts[2]
        elif tag == "#IB" and len(parts) > 3 and parts[1] == "0":
            account = _account(parts[2], where)
            opening[account] = opening.get(account, 0) + _amount(parts[3], where)
        elif tag == "#PSALDO" and len(parts) > 5 and parts[1] == "0" and not parts[4].strip("{} "):
            if not re.fullmatch("[0-9]{6}", parts[2]):
                raise InvalidInput(
                    f"{where}: #PSALDO needs a period ÅÅÅÅMM, not '{clipped(parts[2])}'"
                )
            periods[(int(parts[2]), _account(parts[3], where))] = (_amount(parts[5], where), n)
        elif tag == "#PBUDGET" and len(parts) > 5 and parts[1] == "0" and not parts[4].strip("{} "):
            number = _account(parts[3], where)
            budget[number] = budget.get(number, 0) + _amount(parts[5], where)
        elif tag == "#VER":
            if head is not None:
                # the verification before was never closed: its rows would join this one
                raise InvalidInput(
                    f"{path}:{head[4]}: verifikationen {head[0]} {head[1]} saknar sin "
                    f"avslutande }} före nästa #VER på rad {n}"
                )
            if len(parts) < 4:
                raise InvalidInput(f"{where}: #VER needs a series, a number and a date")
            head = (
                _ver_id(parts[1], "series", where),
                _ver_id(parts[2], "number", where),
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
            if len(parts) < 4:
                raise InvalidInput(f"{where}: #TRANS needs an account, {{objects}} and an amount")
            rows.append(Row(_account(parts[1], where), _amount(parts[3], where), n))
    if head is not None:
        raise InvalidInput(
            f"{path}:{head[4]}: verifikationen {head[0]} {head[1]} saknar sin avslutande }}"
        )
    if not sie:
        raise InvalidInput(f"{path}: är ingen SIE-fil (varken #FLAGGA eller #SIETYP finns)")
    accounts = {n: (names.get(n, ""), types.get(n, "").upper()) for n in sorted(names | types)}
    verifications = tuple(without_repeats(path, out))
    check_periods(path, verifications, accounts, periods, year)
    return SieFile(orgnr, year, verifications, name, accounts, opening, budget, periods)


def check_periods(
    path: Path,
    verifications: tuple[Verification, ...],
    accounts: dict[int, tuple[str, str]],
    periods: dict[tuple[int, int], tuple[int, int]],
    year: tuple[date, date] | None,
) -> None:
    """A result account's months in #PSALDO 0 are what the file's verifications book on
    it in each month (the specification: "periodens förändring på kontot"). A file
    that contradicts itself is refused, naming the line, rather than booked into
    statements that differ from its own. Balance accounts are not compared: an export
    may show them as its balance sheet does (finsam's: prepaid income apart from the
    receivables), which its rows need not."""

    def is_result(n: int) -> bool:
        kind = accounts.get(n, ("", ""))[1]
        return kind in ("I", "K") or (not kind and n >= 3000)

    compared = {account for _, account in periods if is_result(account)}
    booked: dict[tuple[int, int], int] = {}
    for v in verifications:
        if year is not None and not year[0] <= v.day <= year[1]:
            continue  # refused as outside the file's year (commands/sie_import.py)
        for r in v.rows:
            if r.account in compared:
                key = (v.day.year * 100 + v.day.month, r.account)
                booked[key] = booked.get(key, 0) + r.amount
    for key in sorted({k for k in periods if k[1] in compared} | set(booked)):
        (amount, line), rows = periods.get(key, (0, 0)), booked.get(key, 0)
        if amount != rows:
            period, account = key
            where = f"{path}:{line}" if line else str(path)
            raise InvalidInput(
                f"{where}: #PSALDO 0 {period} {account} är {amount / 100:.2f}, men filens "
                f"verifikationer bokar {rows / 100:.2f} på kontot den månaden"
            )


def without_repeats(path: Path, verifications: list[Verification]) -> list[Verification]:
    """A verification written twice alike counts once; one number (series, number and
    year) for two different verifications is refused, naming both lines."""
    seen: dict[str, Verification] = {}
    out = []
    for v in verifications:
        before = seen.get(v.key)
        if before is None:
            seen[v.key] = v
            out.append(v)
        elif (before.day, before.text, rows_of(before)) != (v.day, v.text, rows_of(v)):
            raise InvalidInput(
                f"{path}:{v.where}: verifikation {v.series} {v.number} finns redan på rad "
                f"{before.where} med annat innehåll"
            )
    return out


def rows_of(v: Verification) -> tuple[tuple[int, int], ...]:
    return tuple((r.account, r.amount) for r in v.rows)
