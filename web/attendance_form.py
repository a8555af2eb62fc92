"""Opening a meeting from its agenda, with who attends (issue 22, item 4), by hand: each
seat of the board on the day present, at a distance or absent, each ersättare serving
for a named ledamot or not, the chair, the secretary and the justerare.

Before the meeting is opened this records the opening (with the place and time of its
kallelse), who took part at a distance, and the agenda taken into the minutes (each
ärende a §), in one unit of work; once opened, the same page amends the attendance.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from commands import structs as c
from finsam_es.errors import NotFound
from finsam_es.meeting import Attendee, MeetingDetails, Serving
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

PRESENT, DISTANCE, ABSENT = "narvarande", "distans", "franvarande"
ATTENDANCE = ((PRESENT, "närvarande"), (DISTANCE, "på distans"), (ABSENT, "frånvarande"))


class Seat:
    """One person of the board on the day, as the form shows and reads them."""

    def __init__(self, index: int, name: str, role: str, member_name: str, chair: bool):
        self.index, self.name, self.role = index, name, role
        self.member_name, self.chair = member_name, chair


class Sitting:
    """The board on the meeting's day, the call, and the minutes when opened."""

    def __init__(self, site: Site, forbund: str, day: date):
        at = site.reader.at(as_of=max(day, site.today()))
        board = site.reader.at(as_of=day).governance.board(forbund)
        self.seats = [
            Seat(i, s.name, s.role, s.member_name, s.chair) for i, s in enumerate(board.seats)
        ]
        self.call = at.agenda.show(forbund, day)
        try:
            self.minutes: Any = at.governance.minutes(forbund, day)
        except NotFound:
            self.minutes = None
        self.taken = bool(at.agenda.taken(forbund, day)) if self.minutes else False

    @property
    def ledamoter(self) -> list[str]:
        return [s.name for s in self.seats if s.role == "ledamot"]

    def typed(self) -> dict[str, str]:
        """The form as the minutes stand (opened), or with every ledamot present."""
        m = self.minutes
        out: dict[str, str] = {"place": self.call.place, "time": self.call.time}
        if m is None:
            out.update({f"narvaro.{s.index}": PRESENT for s in self.seats if s.role == "ledamot"})
            chair = [s.name for s in self.seats if s.chair]
            out["chair"] = chair[0] if chair else ""
            return out
        serving = {a.name: a.serving_for for a in m.beslutande if a.serving_for}
        others = {a.name for a in m.ovriga}
        away = set(getattr(m, "distance", ()))
        deciding = {a.name for a in m.beslutande}  # m.deciding holds the names with roles
        for s in self.seats:
            there = s.name in deciding or s.name in others
            out[f"narvaro.{s.index}"] = DISTANCE if s.name in away else PRESENT if there else ABSENT
            out[f"for.{s.index}"] = serving.get(s.name) or ""
        out.update(place=m.place, time=m.time, chair=m.chair, secretary=m.secretary)
        for n, name in enumerate(m.adjusters[:2], 1):
            out[f"justerare.{n}"] = name
        return out


def read_attendance(sitting: Sitting, typed: Mapping[str, str]) -> tuple[dict[str, str], Any]:
    """The errors of the form, or what it says: the meeting's details and who was away."""
    errors: dict[str, str] = {}
    present, serving, others, distance = [], [], [], []
    ledamoter = set(sitting.ledamoter)
    for s in sitting.seats:
        how = typed.get(f"narvaro.{s.index}", ABSENT)
        if how not in (PRESENT, DISTANCE, ABSENT):
            errors[f"narvaro.{s.index}"] = "Välj ett av alternativen."
            continue
        serves_for = typed.get(f"for.{s.index}", "")
        if serves_for and serves_for not in ledamoter:
            errors[f"for.{s.index}"] = "Välj en ledamot."
            continue
        if how == ABSENT:
            if serves_for:
                errors[f"for.{s.index}"] = f"{s.name} är frånvarande och kan inte tjänstgöra."
            continue
        if how == DISTANCE:
            distance.append(s.name)
        if s.role == "ledamot":
            present.append(s.name)
        elif serves_for:
            present.append(s.name)
            serving.append(Serving(s.name, serves_for))
        else:
            others.append(Attendee(s.name, "ersättare"))
    chair = typed.get("chair", "")
    if not chair:
        errors["chair"] = "Välj ordförande."
    adjusters = tuple(
        dict.fromkeys(n for n in (typed.get("justerare.1", ""), typed.get("justerare.2", "")) if n)
    )
    names = {s.name for s in sitting.seats}
    for n in (1, 2):
        if typed.get(f"justerare.{n}", "") not in names | {""}:
            errors[f"justerare.{n}"] = "Välj någon ur styrelsen."
    details = {
        "place": typed.get("place", "")[:200],
        "time": typed.get("time", "")[:50],
        "chair": chair,
        "secretary": typed.get("secretary", "")[:200],
        "adjusters": adjusters,
        "present": tuple(present),
        "serving_for": tuple(serving),
        "others": tuple(others),
    }
    return errors, (details, tuple(distance))


def routes(site: Site) -> list[BaseRoute]:
    from starlette.routing import Route

    async def attendance(request: Request) -> Response:
        forbund = str(request.path_params["forbund"])
        try:
            person = require(request, forbund, RECORD)
            day = meeting_day(str(request.path_params["date"]))
            with site.lock:
                sitting = Sitting(site, forbund, day)
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        typed = sitting.typed()
        errors: dict[str, str] = {}
        if request.method == "POST":
            form = await received(site, request)
            if not isinstance(form, Mapping):  # the page that says why none
                return form
            typed = shown(form)
            errors, read = read_attendance(sitting, typed)
            if not errors:
                details, distance = read

                # what the minutes say now: only what the secretary changed is recorded
                _, (was, away) = read_attendance(sitting, sitting.typed())

                def acts(run: Run) -> None:
                    if sitting.minutes is None:
                        meeting = MeetingDetails(date=day, **details)
                        run(c.OpenMeeting(forbund=forbund, meeting=meeting))
                    elif details != was:
                        run(c.AmendMeeting(forbund=forbund, date=day, **details))
                    if distance != (away if sitting.minutes is not None else ()):
                        run(c.RecordDistance(forbund=forbund, date=day, names=distance))
                    if not sitting.taken:
                        run(c.TakeAgenda(forbund=forbund, date=day))

                back, errors = await recorded_then_back(site, person, acts, forbund, day)
                if back is not None:
                    return back
        return render(
            site,
            request,
            "attendance.html.j2",
            forbund,
            400 if errors else 200,
            sitting=sitting,
            day=day,
            typed=typed,
            errors=errors,
            choices=ATTENDANCE,
        )

    return [
        Route("/forbund/{forbund}/sammantraden/{date}/narvaro", attendance, methods=["GET", "POST"])
    ]
