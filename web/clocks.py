"""The two clocks in the URL, and the links that keep them.

Every page takes ``as_of`` (the date the figures are taken on; default today) and
``known_at`` (the moment the records are read as of: a date, an ISO timestamp or
position:N; default as they stand), and ``forbund`` when the store holds several. A
link made with ``View.href`` carries the ones the URL gave, so clicking keeps the
clocks; ``View.permalink`` pins both (known_at as the log's head position), so the same
URL shows the same figures forever.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cached_property
from typing import TypeVar
from urllib.parse import quote, urlencode

from finsam_es.errors import FinsamError, InvalidInput
from finsam_es.values import parse_date
from projections.clocks import LogPosition, known_at, moment
from projections.queries import At, Reader

CARRIED = ("as_of", "known_at", "forbund")
UNSCOPED = ("/anslagstavla", "/static/")  # paths outside a förbund's workspace prefix
YEARS = range(1900, 9990)  # what a page may ask about: the reports look years back and ahead
T = TypeVar("T")
MAX_LENGTH = 200  # longer than any date, moment, figure or id the pages take
MAX_DIGITS = 9  # a year, a §, a log position or a count: well within these
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class BadParameter(InvalidInput):
    """A query parameter that cannot be read: the 400 page names it."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name


def parameter(params: Mapping[str, str], name: str, parse: Callable[[str], T]) -> T | None:
    """A query parameter parsed, None when absent or empty; a bad one names itself.
    Every parsed parameter is short printable ASCII: Python's own parsers read other
    scripts' digits ("١", "²") and widths that the store's keys never hold."""
    text = params.get(name, "").strip()
    if not text:
        return None
    if len(text) > MAX_LENGTH or not text.isascii() or not text.isprintable():
        shown = text[:40].encode("ascii", "backslashreplace").decode("ascii")
        raise BadParameter(name, f"'{shown}' is not a value it takes (ASCII, at most {MAX_LENGTH})")
    try:
        return parse(text)
    except (FinsamError, ValueError) as e:
        raise BadParameter(name, str(e)) from None


def whole_number(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS):
        raise InvalidInput(f"'{text}' is not a whole number (digits 0-9, at most {MAX_DIGITS})")
    return int(text)


def iso_date(text: str) -> date:
    """A date written YYYY-MM-DD and nothing else (``date.fromisoformat`` also takes
    20240101 and week dates)."""
    if not ISO_DATE.fullmatch(text):
        raise InvalidInput(f"'{text}' is not a date (write YYYY-MM-DD)")
    return parse_date(text)


class View:
    """What every page is drawn with: the store bound to the two clocks
    (``at = reader.at(as_of, known_at)``) and links that keep them."""

    def __init__(
        self,
        reader: Reader,
        params: Mapping[str, str],
        path: str,
        today: date,
        scope: str | None = None,
    ):
        # In the workspace a page is scoped to the förbund in its path (``scope``):
        # its links keep that prefix and no query can name another förbund.
        self.base = f"/forbund/{quote(scope, safe='')}" if scope is not None else ""
        self.path = path
        self.today = today
        self.query = {k: v for k, v in params.items() if v.strip()}
        if scope is not None:
            self.query.pop("forbund", None)
        self.given = {k: self.query[k] for k in CARRIED if k in self.query}
        self.as_of = parameter(params, "as_of", iso_date) or today
        if self.as_of.year not in YEARS:
            raise BadParameter("as_of", f"{self.as_of} is outside the years {YEARS[0]}-{YEARS[-1]}")
        found = parameter(params, "known_at", moment)
        self.head = reader.app.event_count()
        self.known_at: datetime | None = None
        if found is not None:
            try:
                resolved = known_at(reader.app, found)
            except FinsamError as e:
                raise BadParameter("known_at", str(e)) from None
            if resolved.empty:  # a page of nothing would look like a store emptied
                raise BadParameter("known_at", resolved.empty)
            self.known_at = resolved.moment
        self.position = int(found) if isinstance(found, LogPosition) else None
        self.forbund = self.given.get("forbund") if scope is None else scope
        # the money part answers from the view, caught up with the log (its own tables;
        # no event is written)
        self.at: At = reader.at(self.as_of, self.known_at)
        self.log = reader.log

    @cached_property
    def forbund_id(self) -> str:
        return self.at.forbund_id(self.forbund)

    @cached_property
    def forbund_name(self) -> str:
        return self.at.forbund_info(self.forbund_id).name

    # -- links -----------------------------------------------------------------------

    def href(self, path: str, **params: object) -> str:
        """A link to a page of the view that keeps the clocks this URL gave."""
        query = {**self.given, **{k: str(v) for k, v in params.items() if v not in (None, "")}}
        if path.startswith(UNSCOPED):  # the public board: the förbund named in the query
            if self.base and self.forbund:
                query["forbund"] = self.forbund
        else:
            path = f"{self.base}{path}"
        return f"{path}?{urlencode(query)}" if query else path

    def here(self, **params: object) -> str:
        """This page with other parameters (the clocks kept)."""
        return self.href(self.path, **{**self.query, **params})

    def figure(self, figure: str) -> str:
        return self.href("/explain", figure=figure)

    def paragraph(self, ref: str) -> str:
        """The page of a paragraph named YEAR:N."""
        year, _, number = ref.partition(":")
        return self.href(f"/paragraphs/{year}/{number}")

    @property
    def permalink(self) -> str:
        """This page pinned: as_of as shown and known_at as the log's head (or as given),
        so the link shows the same figures however much is recorded later."""
        known = self.query.get("known_at") or f"position:{self.head}"
        query = {**self.query, "as_of": self.as_of.isoformat(), "known_at": known}
        return f"{self.base}{self.path}?{urlencode(query)}"

    @property
    def known_at_date(self) -> str:
        """known_at for the date control: the date when one was given."""
        known = self.query.get("known_at", "")
        return (
            known
            if len(known) == 10
            else (self.known_at.date().isoformat() if self.known_at else "")
        )

    @property
    def hidden(self) -> list[tuple[str, str]]:
        """The page's own parameters, kept when the clocks are changed."""
        return [(k, v) for k, v in self.query.items() if k not in ("as_of", "known_at")]

    @property
    def banners(self) -> list[str]:
        """What says the page shows the past, the future or an earlier state."""
        out = []
        if self.as_of < self.today:
            out.append(f"Visar läget per {self.as_of} (i dag är det {self.today}).")
        elif self.as_of > self.today:
            out.append(f"Visar läget per {self.as_of}, ett datum som inte har kommit än.")
        if self.known_at is not None:
            where = f" (loggposition {self.position})" if self.position else ""
            out.append(
                "Visar uppgifterna så som de var registrerade "
                f"{self.known_at.isoformat(timespec='seconds')}{where}: senare registreringar "
                "syns inte."
            )
        return out
