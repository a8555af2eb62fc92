"""The bounds every command is held to before its handler runs, whoever wrote it.

The CLI, the journal, `import-sie` and any later importer build commands and hand
them to ``bus.handle``; checking the command there, field by field, is the one place
no path into the store can pass by (an importer that forgot an amount bound let a SIE
file store 10^20 kr and made every money view unreadable). The walk is over the
command's fields, so a new command or field is covered without being listed here:

- every amount (and every other integer) within ``MAX_AMOUNT``, so no stored number
  overflows the 64-bit sums SQLite and PostgreSQL compute;
- every year within 1900-2199 and every date and moment within the dates finsam
  accepts (values.FIRST_DATE to LAST_DATE);
- every text without NUL and other control characters (a newline and a tab are text;
  ESC is not: it would rewrite an auditor's terminal when printed), ids at most
  ``MAX_ID`` characters and other texts at most ``MAX_TEXT``.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import msgspec

from commands.structs import Amount
from finsam_es.errors import InvalidInput
from finsam_es.minutes import check_paragraph_number
from finsam_es.values import (
    FIRST_DATE,
    LAST_DATE,
    MAX_AMOUNT,
    check_date,
    control_character,
    format_kr,
)

# An id names a förbund, member, line or insats and is typed again on the command line:
# the longest in the examples has 17 characters.
MAX_ID = 64
# A paragraph's text is the longest text a board writes (753 characters in the
# examples); ten thousand keeps a pasted decision and refuses a pasted file.
MAX_TEXT = 10_000

ID_FIELDS = frozenset({"forbund", "id", "member", "line", "insats", "owner", "beyond_grant"})
YEAR_FIELDS = frozenset({"year", "from_year", "to_year"})
PARAGRAPH_FIELDS = frozenset({"number", "to", "paragraph"})


def check(command: msgspec.Struct) -> None:
    """Refuse the command in one line naming the field and the bound it breaks."""
    if not _within(command, ""):
        _walk(command, "", "")  # the same walk again, naming where: it raises


def _within(value: Any, field: str) -> bool:
    """Whether every value is within its bound: ``_walk``'s checks without the field
    paths it names, which it builds for every field of every command and which were most
    of the checking's time in a journal import (issue 25: a tenth of writing). Whatever
    is not plainly within (a paragraph number, a dict, a type not listed) goes to the
    full walk, which decides."""
    kind = type(value)
    if kind is str:
        return value.isprintable() and len(value) <= (MAX_ID if field in ID_FIELDS else MAX_TEXT)
    if kind is int or kind is Amount:
        if field in YEAR_FIELDS:
            return FIRST_DATE.year <= value <= LAST_DATE.year
        return field not in PARAGRAPH_FIELDS and -MAX_AMOUNT <= value <= MAX_AMOUNT
    if kind is _dt.date:
        return FIRST_DATE <= value <= LAST_DATE
    if value is None or kind is bool:
        return True
    # loops rather than all(...): a generator per struct and list was a third of the pass
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:  # noqa: SIM110
            if not _within(getattr(value, name), name):
                return False
        return True
    if kind is list or kind is tuple:
        for item in value:  # noqa: SIM110
            if not _within(item, field):
                return False
        return True
    return False


def _walk(value: Any, where: str, field: str) -> None:
    # Runs on every entry of a 200 000-entry import: a printable text (the common case)
    # is passed by one C-level check, and only a suspect value goes to the full checks.
    kind = type(value)
    if kind is str:
        longest = MAX_ID if field in ID_FIELDS else MAX_TEXT
        if len(value) > longest or not value.isprintable():
            check_text(value, where, longest)  # \n and \t are not printable, yet text
    elif isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            _walk(getattr(value, name), f"{where}.{name}" if where else name, name)
    elif kind is list or kind is tuple:
        for i, item in enumerate(value):
            _walk(item, f"{where}[{i}]", field)
    elif kind is dict:
        for key, item in value.items():
            _walk(key, f"{where}[key]", field)
            _walk(item, f"{where}[{key}]", field)
    elif value is not None:
        _check_value(where, field, value)


def _check_value(where: str, field: str, value: Any) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if field in YEAR_FIELDS and not FIRST_DATE.year <= value <= LAST_DATE.year:
            raise InvalidInput(
                f"{where}: {value} is outside the years finsam accepts "
                f"({FIRST_DATE.year} to {LAST_DATE.year})"
            )
        if field in PARAGRAPH_FIELDS:
            check_paragraph_number(value)
        if abs(value) > MAX_AMOUNT:
            what = format_kr(value) if isinstance(value, Amount) else str(value)
            raise InvalidInput(
                f"{where}: {what} is beyond the largest amount finsam accepts (1 000 000 000 kr)"
            )
    elif isinstance(value, _dt.date):  # a datetime is a date too
        check_date(value, f"{where}: ")
    elif isinstance(value, str):
        check_text(value, where, MAX_ID if field in ID_FIELDS else MAX_TEXT)


def check_text(text: str, where: str, longest: int = MAX_TEXT) -> str:
    """The text when it holds no control character and is at most ``longest`` long."""
    if len(text) > longest:
        raise InvalidInput(
            f"{where}: {len(text)} characters is longer than finsam accepts ({longest})"
        )
    bad = control_character(text)
    if bad is not None:
        raise InvalidInput(
            f"{where}: holds the control character U+{ord(bad):04X}, which finsam refuses "
            "in every text"
        )
    return text
