"""The journal's checks that need no store: where a number too long for the TOML
parser stands, every date within finsam's range, the recorded times entries claim,
and no entry before the förbund's stated formation. Kept beside commands/journal.py,
which decodes, orders, fingerprints and imports.
"""

from __future__ import annotations

import datetime as _dt
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from finsam_es.errors import InvalidInput
from finsam_es.values import check_date

if TYPE_CHECKING:
    from commands.journal import Entry


def huge_number(data: bytes) -> str:
    """Where a number too long for any field stands (the parser does not say)."""
    for n, line in enumerate(data.splitlines(), start=1):
        if re.search(rb"[0-9_]{100,}", line):
            return f"line {n}: a number of {len(re.findall(rb'[0-9]', line))} digits is no value finsam accepts"
    return "a number too long for any value finsam accepts"


def check_dates(value: object, where: str) -> None:
    """Every date of the journal within the range finsam accepts (values.check_date);
    recorded moments (datetimes) have their own rules (no claim in the future)."""
    if isinstance(value, _dt.datetime):
        return
    if isinstance(value, date):
        check_date(value, where.removesuffix(".") + ": ")
    elif isinstance(value, msgspec.Struct):
        for field in value.__struct_fields__:
            check_dates(getattr(value, field), f"{where}{field}.")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_dates(item, f"{where.removesuffix('.')}[{i}].")


def claimed_times(
    path: Path, todo: list[Entry], last: _dt.datetime | None, now: _dt.datetime
) -> dict[int, _dt.datetime]:
    """The recorded time each new entry claims (by its ``order``), when the journal claims
    any: an entry that states none takes the claim before it (the first claim for those
    before it). Claims may not run backwards, precede what the store already holds for
    the förbund, or lie in the future."""
    if not any(e.recorded for e in todo):
        return {}
    first = next(e.recorded for e in todo if e.recorded)
    out: dict[int, _dt.datetime] = {}
    previous: tuple[_dt.datetime, str] | None = None
    for entry in todo:
        claim = entry.recorded or (previous[0] if previous else first)
        if claim.tzinfo is None:
            claim = claim.replace(tzinfo=_dt.UTC)
        if claim > now:
            raise InvalidInput(
                f"{path}: {entry.where}: recorded = {claim.isoformat()} lies in the future"
            )
        if previous and claim < previous[0]:
            raise InvalidInput(
                f"{path}: {entry.where}: recorded = {claim.isoformat()} runs backwards: "
                f"{previous[1]} claims {previous[0].isoformat()}"
            )
        if last and claim < last:
            raise InvalidInput(
                f"{path}: {entry.where}: recorded = {claim.isoformat()} is before what the "
                f"store already holds for this förbund (recorded {last.isoformat()})"
            )
        previous = (claim, entry.where)
        out[entry.order] = claim
    return out


def after_formation(path: Path, todo: list[Entry], formed: date | None) -> None:
    """No entry dated before the förbund was formed (the creation itself runs first)."""
    if formed is None:
        return
    for entry in todo:
        if entry.day != date.min and entry.day < formed:
            raise InvalidInput(
                f"{path}: {entry.where}: dated {entry.day.isoformat()}, before the förbund "
                f"was formed ({formed.isoformat()})"
            )
