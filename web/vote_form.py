"""Deciding an ärende after yrkanden and a vote (issue 22, item 4), by hand: the
proposals moved (the förslag till beslut first), decided by acclamation or by an open
vote where each deciding ledamot votes ja, nej or avstår, and who enters a reservation.

The vote and the § decision it gives (the adopted proposal's text, by the law's count in
finsam_es/vote.py) are recorded in one unit of work.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from commands import structs as c
from finsam_es.errors import NotFound
from finsam_es.vote import Proposal, Vote, outcome
from web.form_post import (
    Run,
    meeting_day,
    received,
    recorded_then_back,
    render,
)
from web.forms import shown
from web.identity import RECORD, require

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

KEYS = string.ascii_uppercase[:6]  # yrkanden A-F: more are not moved on one ärende
VOTES = (("ja", "ja"), ("nej", "nej"), ("avstar", "avstår"))
KINDS = (("acclamation", "acklamation"), ("open", "öppen omröstning"))


class Ballot:
    """The ärende's §, who decides it, its chair and its förslag."""

    def __init__(self, site: Site, forbund: str, day: date, item: int):
        at = site.reader.at(as_of=max(day, site.today()))
        numbers = at.agenda.taken(forbund, day)
        call = at.agenda.show(forbund, day)
        if not 1 <= item <= len(numbers) or item > len(call.items):
            raise NotFound(f"inget ärende {item} med en paragraf {day}")
        self.number = numbers[item - 1]
        self.item = call.items[item - 1]
        minutes = at.governance.minutes(forbund, day)
        [p] = [p for p in minutes.paragraphs if p.number == self.number]
        deciding = p.present or tuple(a.name for a in minutes.beslutande)
        self.deciding = [n for n in deciding if n not in p.conflict]
        self.chair = p.chaired_by or minutes.chair

    def typed(self) -> dict[str, str]:
        return {"yrkande.0.text": self.item.proposal, "kind": "open", "ja_for": "A", "nej_for": "B"}


def read_vote(b: Ballot, typed: Mapping[str, str]) -> tuple[dict[str, str], Any]:
    """The errors of the form, or the proposals and the vote it records."""
    errors: dict[str, str] = {}
    proposals = []
    for n, key in enumerate(KEYS):
        text = typed.get(f"yrkande.{n}.text", "").strip()
        moved = tuple(
            x.strip() for x in typed.get(f"yrkande.{n}.moved_by", "").split(",") if x.strip()
        )
        if text:
            proposals.append(Proposal(key, text[:2000], moved))
        elif moved:
            errors[f"yrkande.{n}.text"] = "Skriv yrkandets lydelse."
    if not proposals:
        errors["yrkande.0.text"] = "Skriv minst ett yrkande."
    keys = {p.key for p in proposals}
    kind = typed.get("kind", "")
    ballots: dict[str, list[str]] = {"ja": [], "nej": [], "avstar": []}
    fields: dict[str, Any] = {}
    if kind == "acclamation":
        fields["adopted"] = typed.get("adopted", "")
        if fields["adopted"] not in keys:
            errors["adopted"] = "Välj det yrkande som bifölls."
    elif kind == "open":
        for side in ("ja_for", "nej_for"):
            fields[side] = typed.get(side, "")
            if fields[side] not in keys:
                errors[side] = "Välj ett av yrkandena."
        for i, name in enumerate(b.deciding):
            cast = typed.get(f"rost.{i}", "")
            if cast not in ballots:
                errors[f"rost.{i}"] = f"Välj hur {name} röstade."
            else:
                ballots[cast].append(name)
    else:
        errors["kind"] = "Välj acklamation eller öppen omröstning."
    reservations = tuple(n for i, n in enumerate(b.deciding) if typed.get(f"reservation.{i}"))
    if errors:
        return errors, None
    if kind == "open":
        fields.update({k: tuple(v) for k, v in ballots.items()})
    vote = Vote(kind=kind, reservations=reservations, **fields)  # type: ignore[arg-type]
    return {}, (tuple(proposals), vote)


def routes(site: Site) -> list[BaseRoute]:
    from starlette.routing import Route

    async def vote(request: Request) -> Response:
        forbund = str(request.path_params["forbund"])
        item = str(request.path_params["item"])
        try:
            person = require(request, forbund, RECORD)
            day = meeting_day(str(request.path_params["date"]))
            if not (item.isascii() and item.isdigit() and len(item) <= 3):
                raise NotFound(f"inget ärende {item[:20]}")
            with site.lock:
                ballot = Ballot(site, forbund, day, int(item))
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        typed = ballot.typed()
        errors: dict[str, str] = {}
        if request.method == "POST":
            form = await received(site, request)
            if not isinstance(form, Mapping):  # the page that says why none
                return form
            typed = shown(form)
            errors, read = read_vote(ballot, typed)
            if not errors:
                proposals, cast = read
                year, number = day.year, ballot.number

                def acts(run: Run) -> None:
                    run(c.RecordVote(forbund=forbund, year=year, number=number,
                                     proposals=proposals, vote=cast, on=day))  # fmt: skip
                    adopted = outcome(cast, ballot.chair).adopted
                    text = next(p.text for p in proposals if p.key == adopted)
                    run(c.AmendParagraph(forbund=forbund, year=year, number=number, on=day,
                                         decisions=(text,)))  # fmt: skip

                back, errors = await recorded_then_back(site, person, acts, forbund, day)
                if back is not None:
                    return back
        return render(
            site,
            request,
            "vote.html.j2",
            forbund,
            400 if errors else 200,
            b=ballot,
            day=day,
            typed=typed,
            errors=errors,
            keys=KEYS,
            votes=VOTES,
            kinds=KINDS,
        )

    path = "/forbund/{forbund}/sammantraden/{date}/omrostning/{item}"
    return [Route(path, vote, methods=["GET", "POST"])]
