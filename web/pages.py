"""What each page of the web view shows: one function per page, given the ``View`` (the
reader bound to the URL's clocks, ``v.at``) and the page's path parameters, returning its template and
what the template prints. Every question goes through ``projections.queries.Reader.at``;
the charts are the reports' own (``projections.equity_chart``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import msgspec

from finsam_es.errors import InvalidInput, NotFound
from projections.event_log import LogFilter
from projections.labels import STATUS
from projections.sheets import Sheet
from web.clocks import YEARS, BadParameter, View, iso_date, parameter, whole_number

Page = tuple[str, dict[str, Any]]
PageFunction = Callable[[View, Mapping[str, str]], Page]

# the events of an insats's life as its timeline names them
TIMELINE = {
    "ApplicationReceived": "Ansökan inkom",
    "ApplicationWithdrawn": "Ansökan återtagen",
    "ApplicationReferredBack": "Återremitterad",
    "ApplicationCompleted": "Ansökan kompletterad",
    "ApplicationRejected": "Avslagen",
    "GrantAwarded": "Beviljad",
    "StartPostponed": "Start uppskjuten",
    "PeriodMoved": "Perioden flyttad",
    "PeriodExtended": "Perioden förlängd",
    "EndedEarly": "Avslutad i förtid",
    "YearSettled": "Året slutredovisat",
    "UnusedCarried": "Outnyttjat fört vidare",
    "PaymentMade": "Utbetalning",
    "InterimReported": "Delrapport",
}


class TimelineEntry(msgspec.Struct, frozen=True):
    day: date
    what: str
    text: str
    amount: int | None = None
    paragraph: str | None = None
    position: int | None = None


def year_of(params: Mapping[str, str]) -> int:
    year = parameter(params, "year", whole_number)
    assert year is not None  # the route's pattern makes it present
    if year not in YEARS:
        raise BadParameter("year", f"{year} is not a year finsam keeps ({YEARS[0]}-{YEARS[-1]})")
    return year


def overview(v: View, params: Mapping[str, str]) -> Page:
    from markupsafe import Markup

    from projections.equity_chart import equity_svg
    from projections.labels import PARTS_PER_MILLION

    fid, year = v.forbund_id, v.as_of.year
    books = v.at.statements.books(fid, year)
    oversikt = v.at.statements.statement("oversikt", books).data
    equity = v.at.money.equity(fid)
    meetings = [
        m
        for m in v.at.governance.meetings(fid)
        if m.date <= v.as_of
        and (m.adjusted is None or m.adjusted > v.as_of or m.posted is None or m.posted > v.as_of)
    ]
    return "overview.html.j2", {
        "equity": equity,
        "result": v.at.money.result(fid, year),
        # numbers and fixed words only: the chart holds no text a user wrote
        "chart": Markup(equity_svg(oversikt.years, round(equity.limit * PARTS_PER_MILLION))),
        "insatser": v.at.money.insatser(fid).interventions,
        "status": STATUS,
        "assignments": v.at.governance.open_assignments(fid),
        "meetings": meetings,
    }


def meetings(v: View, params: Mapping[str, str]) -> Page:
    rows = [m for m in v.at.governance.meetings(v.forbund_id) if m.date <= v.as_of]
    return "meetings.html.j2", {"meetings": rows}


def meeting(v: View, params: Mapping[str, str]) -> Page:
    from markupsafe import Markup

    from projections.protokoll import render

    day = parameter(params, "date", iso_date)
    assert day is not None
    doc = v.at.governance.minutes(v.forbund_id, day)
    links = {p.number: v.paragraph(f"{day.year}:{p.number}") for p in doc.paragraphs}
    # the protokoll's own template (projections/templates/protokoll/protokoll.j2), autoescaped
    return "meeting.html.j2", {"doc": doc, "protokoll": Markup(render(doc, "html", links=links))}


def paragraph(v: View, params: Mapping[str, str]) -> Page:
    year = year_of(params)
    number = parameter(params, "number", whole_number)
    assert number is not None
    p = v.at.governance.paragraph(v.forbund_id, year, number)
    impact = v.at.audit.impact(v.forbund_id, year, number)
    return "paragraph.html.j2", {"p": p, "impact": impact}


def budget(v: View, params: Mapping[str, str]) -> Page:
    fid, year = v.forbund_id, year_of(params)
    books = v.at.statements.books(fid, year)
    drift: Sheet = v.at.statements.statement("driftredovisning", books).sheets[0]
    return "budget.html.j2", {
        "year": year,
        "budget": v.at.money.budget(fid, year),
        "result": v.at.money.result(fid, year),
        "drift": drift,
    }


def insatser(v: View, params: Mapping[str, str]) -> Page:
    report = v.at.money.insatser(v.forbund_id)
    return "insatser.html.j2", {"insatser": report.interventions, "status": STATUS}


def insats(v: View, params: Mapping[str, str]) -> Page:
    fid, wanted = v.forbund_id, params["id"]
    found = [r for r in v.at.money.insatser(fid).interventions if r.id == wanted]
    if not found:
        raise NotFound(f"no insats '{wanted}' with decisions by {v.as_of}")
    only = LogFilter(forbund=fid, insats=wanted, recorded_to=v.known_at)
    entries = [
        TimelineEntry(
            row.effective,
            TIMELINE.get(row.type.rsplit(".", 1)[-1], row.type),
            row.content,
            row.amount,
            row.paragraph,
            row.position,
        )
        for row in v.log(only=only)
        if row.effective <= v.as_of
    ]
    charged: dict[date, int] = {}
    for posting in v.at.money.postings(fid):
        if posting.insats == wanted and posting.account == "cost":
            month = posting.day.replace(day=1)
            charged[month] = charged.get(month, 0) + posting.amount
    entries += [
        TimelineEntry(month, "Belastat", f"kostnad {month:%Y-%m}", amount)
        for month, amount in charged.items()
        if amount
    ]
    entries.sort(key=lambda e: (e.day, e.position is None, e.position or 0))
    return "insats.html.j2", {"r": found[0], "status": STATUS, "timeline": entries}


def log(v: View, params: Mapping[str, str]) -> Page:
    limit = parameter(params, "limit", whole_number) or 200
    since = parameter(params, "since", whole_number) or 1
    only = LogFilter(
        forbund=v.forbund_id,
        paragraph=params.get("paragraph") or None,
        insats=params.get("insats") or None,
        type=params.get("type") or None,
        recorded_to=v.known_at,
    )
    until = parameter(params, "until", whole_number)
    rows = [
        r
        for r in v.log(since, only)
        if r.effective <= v.as_of and (until is None or r.position <= until)
    ]
    return "log.html.j2", {"rows": rows[-limit:], "limit": limit, "total": len(rows)}


def board(v: View, params: Mapping[str, str]) -> Page:
    report = v.at.governance.board(v.forbund_id)
    changes = [d for d in v.at.governance.board_changes(v.forbund_id) if d <= v.as_of]
    return "board.html.j2", {"report": report, "changes": changes}


def explain(v: View, params: Mapping[str, str]) -> Page:
    figure = params.get("figure", "").strip()
    if not figure:
        raise BadParameter("figure", "name a figure, e.g. equity or budget:2024:kansli")
    try:
        answer = v.at.audit.explain(v.forbund_id, figure)
    except InvalidInput as e:  # not a figure's form
        raise BadParameter("figure", str(e)) from None
    return "explain.html.j2", {"answer": answer}


PAGES: dict[str, PageFunction] = {
    "/": overview,
    "/meetings": meetings,
    "/meetings/{date}": meeting,
    "/paragraphs/{year}/{number}": paragraph,
    "/budget/{year}": budget,
    "/insatser": insatser,
    "/insatser/{id}": insats,
    "/log": log,
    "/board": board,
    "/explain": explain,
}
