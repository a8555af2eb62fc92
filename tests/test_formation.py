"""Issue 26: nothing dated before a förbund's stated formation, nor recorded before it
or in the future, whichever door it comes in by: one rule at the unit of work
(finsam_es/formation.py), asked of every event about to be saved. A formation date
that was defaulted (today; a journal's or a SIE file's first date) refuses nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import msgspec
import pytest

from commands import structs as c
from commands.bus import handle
from finsam_es.errors import FinsamError
from finsam_es.meeting import MeetingDetails
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork
from tests.conftest import Finsam, Refuse, Run

MEMBERS = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rg", kind="region", share="25%"),
    c.MemberSpec(id="k1", kind="municipality", share="25%"),
)
FORMED = date(2024, 3, 1)


def create(run: Run, **how: object) -> None:
    run(c.CreateForbund(id="f", name="F", members=MEMBERS, **how))  # type: ignore[arg-type]


def meeting(day: date) -> c.OpenMeeting:
    return c.OpenMeeting(forbund="f", meeting=MeetingDetails(date=day))


def test_a_meeting_before_the_stated_formation_is_refused(run: Run, refused: Refuse) -> None:
    create(run, on=FORMED)
    error = refused(meeting(date(2024, 2, 29)))
    assert str(error) == (
        "dated 2024-02-29 (MeetingOpened), before the förbund f was formed (2024-03-01)"
    )
    # the year's book opens on 1 January of the formation year, the meeting after it
    assert run(meeting(FORMED)).events == 2


def test_a_rule_started_by_construction_is_let_be(run: Run, refused: Refuse) -> None:
    """The notice rule starts dated 2004-01-01 (the law's first year), before any
    förbund formed since: only the setting, the förbund's act, is held to the date."""
    create(run, on=FORMED)
    rule = c.SetNoticePeriod(forbund="f", days=10, source="Arbetsordning 3 §", on=FORMED)
    assert run(rule).events == 2  # Started (2004-01-01) and the setting
    error = refused(msgspec.structs.replace(rule, on=date(2024, 1, 15)))
    assert str(error).startswith("dated 2024-01-15 (")
    assert str(error).endswith("before the förbund f was formed (2024-03-01)")


@pytest.mark.parametrize(
    "how",
    [{}, {"on": FORMED, "on_by_default": True}],
    ids=["formed-today-by-default", "a-journals-first-date"],
)
def test_a_defaulted_formation_refuses_nothing(run: Run, how: dict[str, object]) -> None:
    create(run, **how)
    assert run(meeting(date(2024, 2, 29))).events == 2


def claimed(app: FinsamApp, at: datetime) -> FinsamError:
    uow = UnitOfWork(app)
    uow.at = at  # as a journal's `recorded` claims
    handle(uow, meeting(date(2024, 3, 5)))
    events = app.event_count()
    with pytest.raises(FinsamError) as caught:
        uow.commit()
    assert app.event_count() == events
    return caught.value


def test_a_recorded_time_claimed_before_the_formation_is_refused(app: FinsamApp, run: Run) -> None:
    create(run, on=FORMED)
    error = claimed(app, datetime(2024, 2, 1, 12, tzinfo=UTC))
    assert str(error) == (
        "recorded = 2024-02-01T12:00:00+00:00 is before the förbund f was formed (2024-03-01)"
    )


def test_a_recorded_time_claimed_in_the_future_is_refused(app: FinsamApp, run: Run) -> None:
    create(run, on=FORMED)
    future = app.clock() + timedelta(days=1)
    assert str(claimed(app, future)) == f"recorded = {future.isoformat()} lies in the future"


def test_the_cli_refuses_alike_in_one_line(finsam: Finsam) -> None:
    finsam("forbund", "create", "f", "--name", "F", "--formed", "2024-03-01",
           *(a for m in ("fk:state:25%", "af:state:25%", "rg:region:25%",
                         "k1:municipality:25%") for a in ("--member", m)))  # fmt: skip
    events = finsam.events()
    result = finsam.fails("meeting", "open", "2024-02-29")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "error: dated 2024-02-29 (MeetingOpened), before the förbund f was formed (2024-03-01)"
    ]
    assert finsam.events() == events
