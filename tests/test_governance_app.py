"""Governance through the application: commands on a temporary SQLite store.

Commands go through ``commands.bus.execute(app, cmd)``; what is stored is read
back with the repository, the notification log and the msgspec mapper. Journal
files are written to ``tmp_path``.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from commands import structs as c
from commands.bus import execute
from commands.journal import import_journal
from finsam_es.base import FinsamAggregate
from finsam_es.errors import FinsamError, InvalidInput, NotFound, Refused
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.registry import Registry
from finsam_es.values import stable_id
from store.application import FinsamApp
from store.mapper import encode_state
from tests.conftest import Clock, stored

ROOT = Path(__file__).resolve().parent.parent

MEETING = date(2024, 2, 15)
LATER = date(2024, 4, 18)

SOLLEFTEA_MEMBERS = (
    c.MemberSpec("fk", "state", "25%", "Försäkringskassan"),
    c.MemberSpec("af", "state", "25%", "Arbetsförmedlingen"),
    c.MemberSpec("rvn", "region", "25%", "Region Västernorrland"),
    c.MemberSpec("solleftea", "municipality", "25%", "Sollefteå kommun"),
)
HT_MEMBERS = (
    c.MemberSpec("fk", "state", "25%"),
    c.MemberSpec("af", "state", "25%"),
    c.MemberSpec("rvn", "region", "25%"),
    c.MemberSpec("harnosand", "municipality", "12.5%"),
    c.MemberSpec("timra", "municipality", "12.5%"),
)
# Sollefteå's board at the start of 2024 (mandate start assumed 2023-04-01).
BOARD = (
    ("Birgitta Häggkvist", "solleftea", True, False),
    ("Patrik Lockner", "af", False, True),
    ("Mikael Sjölund", "rvn", False, False),
    ("Lina Kempe", "fk", False, False),
)
PRESENT = tuple(name for name, *_ in BOARD)


def run(app: FinsamApp, command: c.Command) -> list[str]:
    return execute(app, command).warnings


def create_solleftea(app: FinsamApp, **kw: Any) -> None:
    run(
        app,
        c.CreateForbund(
            id="solleftea",
            name="Samordningsförbundet Sollefteå",
            members=SOLLEFTEA_MEMBERS,
            on=date(2005, 11, 1),
            **kw,
        ),
    )


def solleftea_with_meeting(app: FinsamApp) -> None:
    create_solleftea(app)
    for name, member, chair, vice in BOARD:
        run(
            app,
            c.AppointBoardMember(
                name=name,
                member=member,
                role="ledamot",
                start=date(2023, 4, 1),
                chair=chair,
                vice_chair=vice,
            ),
        )
    run(
        app,
        c.OpenMeeting(meeting=c.MeetingDetails(date=MEETING, place="Sollefteå", present=PRESENT)),
    )


def book(app: FinsamApp, year: int = 2024) -> MinutesBook:
    return stored(app, MinutesBook, MinutesBook.id_for("solleftea", year))


# -- stored and reloaded -------------------------------------------------------------------


def test_create_forbund_stores_registry_and_forbund(app: FinsamApp) -> None:
    outcome = execute(
        app,
        c.CreateForbund(
            id="solleftea", name="Samordningsförbundet Sollefteå", members=SOLLEFTEA_MEMBERS
        ),
    )
    assert outcome.events == 3  # Registry.Started, Forbund.Registered, Registry.ForbundAdded
    assert app.event_count() == 3
    assert app.repository.get(Registry.ID).ids == ("solleftea",)
    f = stored(app, Forbund, Forbund.id_for("solleftea"))
    assert [(m.id, m.share) for m in f.members] == [
        ("fk", "1/4"),
        ("af", "1/4"),
        ("rvn", "1/4"),
        ("solleftea", "1/4"),
    ]


def test_forbund_created_today_by_default_takes_the_clock_date(app: FinsamApp) -> None:
    execute(app, c.CreateForbund(id="solleftea", name="S", members=SOLLEFTEA_MEMBERS))
    [(_, registered)] = [(p, e) for p, e in app.read() if isinstance(e, Forbund.Registered)]
    assert registered.effective == date(2026, 1, 1)  # the test clock's day


def test_reload_in_a_new_application_gives_the_same_state(app: FinsamApp, db: str) -> None:
    solleftea_with_meeting(app)
    run(
        app,
        c.AddParagraph(
            meeting=MEETING,
            title="Uppdrag",
            assignments=(c.AssignmentSpec("Förbundschefen", "plan för 2025", date(2024, 5, 15)),),
            dissent=("Lina Kempe",),
        ),
    )
    run(app, c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)))
    fresh = FinsamApp(db)
    for aggregate_id in (
        Forbund.id_for("solleftea"),
        MinutesBook.id_for("solleftea", 2024),
        Registry.ID,
    ):
        assert fresh.repository.get(aggregate_id) == app.repository.get(aggregate_id)
    reloaded = stored(fresh, MinutesBook, MinutesBook.id_for("solleftea", 2024))
    p = reloaded.paragraph(1)
    assert p.assignments[0].due == date(2024, 5, 15)
    assert p.dissent == ("Lina Kempe",)
    assert p.adjusted == date(2024, 2, 20)
    assert reloaded.meeting(MEETING).present == PRESENT


def test_reload_equals_a_replay_of_the_stored_events(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    run(app, c.AddParagraph(meeting=MEETING, title="Mötets öppnande"))
    book_id = MinutesBook.id_for("solleftea", 2024)
    replayed = None
    for _, event in app.read():
        if event.originator_id == book_id:
            replayed = event.mutate(replayed)
    assert replayed == book(app)


def test_board_change_is_stored_and_board_on_reads_it_back(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    run(app, c.LeaveBoard(name="Mikael Sjölund", on=date(2024, 5, 31)))
    run(
        app,
        c.AppointBoardMember(
            name="Gudrun Sjödin", member="rvn", role="ledamot", start=date(2024, 6, 1)
        ),
    )
    f = stored(app, Forbund, Forbund.id_for("solleftea"))
    assert "Mikael Sjölund" in {s.name for s in f.board_on(date(2024, 5, 31))}
    assert "Gudrun Sjödin" in {s.name for s in f.board_on(date(2024, 6, 1))}
    assert "Mikael Sjölund" not in {s.name for s in f.board_on(date(2024, 6, 1))}


def test_recorded_times_come_from_the_application_clock(app: FinsamApp, clock: Clock) -> None:
    solleftea_with_meeting(app)
    stamps = [e.timestamp for _, e in app.read()]
    assert stamps == sorted(stamps)
    # one reading of the test clock (a second apart, from 2026-01-01 09:00 UTC) per command:
    # the förbund, one seat per board member, the meeting. The wall clock, also in 2026
    # on the machine that wrote this test, would give other moments.
    readings = [Clock().now + timedelta(seconds=k) for k in range(1, len(BOARD) + 3)]
    assert sorted(set(stamps)) == readings
    assert readings[-1] == clock.now


def test_open_meeting_returns_the_quorum_warning(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    warnings = run(
        app, c.OpenMeeting(meeting=c.MeetingDetails(date=LATER, present=("Lina Kempe",)))
    )
    # KL 6:27 through lag 2003:1210 19 §: more than half of four ledamöter is three.
    assert warnings == [
        "quorum: 1 of 4 ledamöter present, 3 needed (more than half, KL 6:27 and "
        "lag 2003:1210 19 §) on 2024-04-18"
    ]
    assert LATER in book(app).meetings


def test_adjust_and_post_return_their_warnings(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    run(app, c.AddParagraph(meeting=MEETING, title="A"))
    late = run(app, c.AdjustMinutes(date=MEETING, on=date(2024, 3, 15)))
    posted = run(app, c.PostMinutes(date=MEETING, up=date(2024, 3, 20), down=date(2024, 3, 25)))
    # 2024-02-15 to 2024-03-15 is 29 days; adjusted 03-15 and posted 03-20 is 5 days;
    # taken down 03-25, five days into the three weeks from 03-20. KL 8:12: two days
    # from Friday 03-15 end on Sunday, moved to Monday 03-18 (lag 1930:173); the last day
    # to appeal is 03-20 + 21 days = 2024-04-10 (KL 13:5), a Wednesday
    assert late == ["adjusted 29 days after the meeting of 2024-02-15; the law asks within 14 days"]
    assert posted == [
        "posted on the notice board on 2024-03-20, after 2024-03-18: the adjustment on "
        "2024-03-15 is made known within two days (KL 8:12; lag 1930:173)",
        "taken down from the notice board on 2024-03-25; it stays up until the time to "
        "appeal has run, through 2024-04-10 (KL 8:12): 2024-04-11 at the earliest",
    ]
    # one record per board the charter names (the members' by default: not fk, af)
    assert {(a.board, a.up) for a in book(app).anslag} == {
        ("rvn", date(2024, 3, 20)),
        ("solleftea", date(2024, 3, 20)),
    }


# -- the msgspec mapper -------------------------------------------------------------------------


def full_history(app: FinsamApp) -> None:
    """Every governance event type at least once."""
    solleftea_with_meeting(app)
    run(app, c.LeaveBoard(name="Mikael Sjölund", on=date(2024, 5, 31)))
    run(
        app,
        c.AddParagraph(
            meeting=MEETING,
            title="Uppdrag",
            text="Förbundschefen får i uppdrag att ta fram en plan.",
            decisions=("Styrelsen beslutar att ge uppdraget.",),
            assignments=(c.AssignmentSpec("Förbundschefen", "plan för 2025", date(2024, 5, 15)),),
            dissent=("Lina Kempe",),
            conflict=("Patrik Lockner",),
            deciding=("Birgitta Häggkvist", "Mikael Sjölund", "Lina Kempe"),
        ),
    )
    run(app, c.AddParagraph(meeting=MEETING, title="Övrigt"))
    run(app, c.AmendParagraph(year=2024, number=2, on=MEETING, title="Övriga frågor"))
    run(app, c.RenumberParagraph(year=2024, number=2, to=3, on=MEETING))
    run(app, c.CloseMeeting(date=MEETING))
    run(app, c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)))
    run(app, c.PostMinutes(date=MEETING, up=date(2024, 2, 21), down=date(2024, 3, 14)))
    run(app, c.CompleteAssignment(year=2024, number=1, on=date(2024, 5, 17), note="rapport §31"))


GOVERNANCE_EVENTS = {
    Registry.Started,
    Registry.ForbundAdded,
    Forbund.Registered,
    Forbund.BoardMemberAppointed,
    Forbund.BoardMemberLeft,
    MinutesBook.Opened,
    MinutesBook.MeetingOpened,
    MinutesBook.ParagraphAdded,
    MinutesBook.ParagraphAmended,
    MinutesBook.ParagraphRenumbered,
    MinutesBook.MeetingClosed,
    MinutesBook.MinutesAdjusted,
    MinutesBook.AnslagPosted,
    MinutesBook.AssignmentCompleted,
}


def test_mapper_round_trips_every_stored_event_to_the_same_bytes(app: FinsamApp) -> None:
    full_history(app)
    stored = app.recorder.select_notifications(start=1, limit=1000)
    seen = set()
    for n in stored:
        event = app.mapper.to_domain_event(n)
        seen.add(type(event))
        again = app.mapper.to_stored_event(event)
        assert again.state == n.state
        assert again.topic == n.topic
        assert app.mapper.to_domain_event(again) == event
    assert seen == GOVERNANCE_EVENTS


def test_mapper_decodes_dates_tuples_and_nested_structs(app: FinsamApp) -> None:
    full_history(app)
    added = next(e for _, e in app.read() if isinstance(e, MinutesBook.ParagraphAdded))
    p = added.paragraph
    assert type(added.effective) is date
    assert type(p.meeting) is date
    assert isinstance(p.assignments, tuple)
    assert type(p.assignments[0].due) is date
    assert p.assignments[0].who == "Förbundschefen"
    assert p.deciding == ("Birgitta Häggkvist", "Mikael Sjölund", "Lina Kempe")
    adjusted = next(e for _, e in app.read() if isinstance(e, MinutesBook.MinutesAdjusted))
    assert adjusted.numbers == (1, 3)
    assert isinstance(adjusted.numbers, tuple)
    assert added.timestamp.tzinfo is not None


def test_encode_state_is_deterministic_for_the_same_event(app: FinsamApp) -> None:
    full_history(app)
    for _, event in app.read():
        decoded_twice = app.mapper.to_domain_event(app.mapper.to_stored_event(event))
        assert encode_state(event) == encode_state(event) == encode_state(decoded_twice)


def test_encode_state_keeps_field_order_and_version_and_drops_the_originator(
    app: FinsamApp,
) -> None:
    full_history(app)
    posted = next(e for _, e in app.read() if isinstance(e, MinutesBook.AnslagPosted))
    state = msgspec.json.decode(encode_state(posted))
    assert list(state) == ["timestamp", "forbund", "effective", "anslag", "class_version"]
    assert state["class_version"] == 1
    assert list(state["anslag"]) == ["meeting", "board", "up", "down", "number"]
    assert state["anslag"]["up"] == "2024-02-21"


# A small aggregate whose events changed shape: stored v1 states must still be read.


class Tally(FinsamAggregate):
    if TYPE_CHECKING:  # state set by the events (not init fields of the aggregate)
        name: str
        unit: str
        total: int

    class Started(FinsamAggregate.Created):
        class_version = 2
        name: str
        unit: str  # new in v2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["unit"] = "kr"

        def apply(self, aggregate: Any) -> None:
            aggregate.forbund = self.forbund
            aggregate.name = self.name
            aggregate.unit = self.unit
            aggregate.total = 0

    class Counted(FinsamAggregate.Event):
        class_version = 3
        amount: int  # v1: "n"
        note: str  # new in v3

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["amount"] = state.pop("n")

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["note"] = ""

        def apply(self, aggregate: Any) -> None:
            aggregate.total += self.amount


def stored_v1(
    aggregate_id: uuid.UUID, version: int, cls: type, state: dict[str, Any]
) -> StoredEvent:
    return StoredEvent(
        originator_id=aggregate_id,
        originator_version=version,
        topic=get_topic(cls),
        state=msgspec.json.encode(state),
    )


def test_upcast_reads_v1_states_stored_by_hand(app: FinsamApp) -> None:
    tally_id = stable_id("tally", "solleftea")
    app.recorder.insert_events(
        [
            stored_v1(
                tally_id,
                1,
                Tally.Started,
                {
                    "timestamp": "2024-01-02T09:00:00Z",
                    "originator_topic": get_topic(Tally),
                    "forbund": "solleftea",
                    "effective": "2024-01-01",
                    "name": "driftbidrag",
                    "class_version": 1,
                },
            ),
            stored_v1(
                tally_id,
                2,
                Tally.Counted,
                {
                    "timestamp": "2024-01-03T09:00:00Z",
                    "forbund": "solleftea",
                    "effective": "2024-01-03",
                    "n": 708_000,
                },  # no class_version: version 1
            ),
        ]
    )
    tally = stored(app, Tally, tally_id)
    assert (tally.name, tally.unit, tally.total, tally.version) == ("driftbidrag", "kr", 708_000, 2)
    counted = app.mapper.to_domain_event(app.recorder.select_notifications(start=2, limit=1)[0])
    assert isinstance(counted, Tally.Counted)
    assert counted.note == ""
    assert counted.effective == date(2024, 1, 3)


def test_new_events_of_an_upcast_class_are_stored_with_the_current_version(app: FinsamApp) -> None:
    t = Tally._create(
        Tally.Started,
        id=stable_id("tally", "x"),
        timestamp=app.clock(),
        forbund="x",
        effective=date(2024, 1, 1),
        name="n",
        unit="kr",
    )
    t.record(Tally.Counted, app.clock(), effective=date(2024, 1, 2), amount=5, note="ok")
    app.save(t)
    states = [
        msgspec.json.decode(n.state) for n in app.recorder.select_notifications(start=1, limit=10)
    ]
    assert [s["class_version"] for s in states] == [2, 3]
    assert app.repository.get(t.id).total == 5


# -- refusals: all or nothing ----------------------------------------------------------------------


def test_refused_first_forbund_stores_not_even_the_registry(app: FinsamApp) -> None:
    members = (
        c.MemberSpec("fk", "state", "45%"),
        c.MemberSpec("rvn", "region", "25%"),
        c.MemberSpec("solleftea", "municipality", "30%"),
    )
    with pytest.raises(Refused, match=r"hold 45 %, the law says 50 %"):
        execute(app, c.CreateForbund(id="x", name="X", members=members))
    assert app.event_count() == 0
    assert app.load(Registry, Registry.ID) is None


def test_creating_the_same_forbund_twice_is_refused(app: FinsamApp) -> None:
    create_solleftea(app)
    before = app.event_count()
    with pytest.raises(Refused, match=r"förbund 'solleftea' already exists"):
        create_solleftea(app)
    assert app.event_count() == before


def test_paragraph_correcting_a_paragraph_that_does_not_exist_stores_nothing(
    app: FinsamApp,
) -> None:
    solleftea_with_meeting(app)
    before = app.event_count()
    with pytest.raises(NotFound, match=r"solleftea has no minutes in 2023"):
        execute(app, c.AddParagraph(meeting=MEETING, title="Rättelse", corrects="2023:45"))
    with pytest.raises(NotFound, match=r"§9 does not exist in 2024"):
        execute(app, c.AddParagraph(meeting=MEETING, title="Rättelse", corrects="2024:9"))
    assert app.event_count() == before
    assert book(app).paragraphs == {}


def test_paragraph_with_a_malformed_corrects_reference_is_invalid(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    before = app.event_count()
    with pytest.raises(InvalidInput, match=r"not a paragraph reference"):
        execute(app, c.AddParagraph(meeting=MEETING, title="Rättelse", corrects="§45"))
    assert app.event_count() == before


def test_correction_must_be_made_at_a_later_meeting(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    run(app, c.AddParagraph(meeting=MEETING, title="Budget"))
    before = app.event_count()
    with pytest.raises(Refused, match=r"at a later meeting"):
        execute(app, c.AddParagraph(meeting=MEETING, title="Rättelse", corrects="2024:1"))
    assert app.event_count() == before


def test_correction_at_a_later_meeting_is_stored_with_its_reference(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    run(app, c.AddParagraph(meeting=MEETING, title="Budget"))
    run(app, c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)))
    run(app, c.OpenMeeting(meeting=c.MeetingDetails(date=LATER)))
    run(app, c.AddParagraph(meeting=LATER, title="Rättelse av §1", corrects="2024:1"))
    assert book(app).paragraph(2).corrects == "2024:1"


def test_refused_paragraph_with_a_budget_effect_stores_neither(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    run(app, c.AddParagraph(meeting=MEETING, title="Mötets öppnande", number=1))
    before = app.event_count()
    budget = c.AdoptBudget(
        year=2025,
        lines=(
            c.BudgetLineSpec("driftbidrag", "income", c.Amount(283_200_000)),
            c.BudgetLineSpec("insatser", "cost", c.Amount(200_000_000), insats=True),
        ),
    )
    with pytest.raises(Refused, match=r"§1 is already used"):
        execute(
            app, c.AddParagraph(meeting=MEETING, title="Budget 2025", number=1, effects=(budget,))
        )
    assert app.event_count() == before
    from finsam_es.fiscal_year import FiscalYear

    assert app.load(FiscalYear, FiscalYear.id_for("solleftea", 2025)) is None


def test_refused_amend_after_adjustment_stores_nothing(app: FinsamApp) -> None:
    solleftea_with_meeting(app)
    run(app, c.AddParagraph(meeting=MEETING, title="Budget"))
    run(app, c.AdjustMinutes(date=MEETING, on=date(2024, 2, 20)))
    before = app.event_count()
    with pytest.raises(FinsamError, match=r"adjusted"):
        execute(app, c.AmendParagraph(year=2024, number=1, on=date(2024, 3, 1), title="X"))
    assert app.event_count() == before


def test_paragraph_for_a_meeting_in_a_year_without_minutes_is_not_found(app: FinsamApp) -> None:
    create_solleftea(app)
    with pytest.raises(NotFound, match=r"no minutes in 2024"):
        execute(app, c.AddParagraph(meeting=MEETING, title="A"))
    assert app.event_count() == 3


def test_commands_before_any_forbund_are_not_found(app: FinsamApp) -> None:
    with pytest.raises(NotFound, match=r"holds no förbund yet"):
        execute(app, c.OpenMeeting(meeting=c.MeetingDetails(date=MEETING)))
    assert app.event_count() == 0


# -- several förbund in one store ----------------------------------------------------------------


def create_both(app: FinsamApp) -> None:
    create_solleftea(app)
    run(
        app,
        c.CreateForbund(
            id="harnosand-timra", name="Samordningsförbundet Härnösand Timrå", members=HT_MEMBERS
        ),
    )


def test_several_forbund_require_choosing_one(app: FinsamApp) -> None:
    create_both(app)
    before = app.event_count()
    with pytest.raises(
        InvalidInput,
        match=r"holds 2 förbund \(solleftea, harnosand-timra\); choose one with --forbund",
    ):
        execute(app, c.OpenMeeting(meeting=c.MeetingDetails(date=MEETING)))
    assert app.event_count() == before


def test_several_forbund_keep_their_minutes_apart(app: FinsamApp) -> None:
    create_both(app)
    run(
        app,
        c.OpenMeeting(forbund="harnosand-timra", meeting=c.MeetingDetails(date=date(2020, 8, 28))),
    )
    run(
        app,
        c.AddParagraph(forbund="harnosand-timra", meeting=date(2020, 8, 28), title="A", number=30),
    )
    run(app, c.OpenMeeting(forbund="solleftea", meeting=c.MeetingDetails(date=date(2020, 8, 28))))
    run(app, c.AddParagraph(forbund="solleftea", meeting=date(2020, 8, 28), title="A"))
    ht = stored(app, MinutesBook, MinutesBook.id_for("harnosand-timra", 2020))
    sol = stored(app, MinutesBook, MinutesBook.id_for("solleftea", 2020))
    assert list(ht.paragraphs) == [30]
    assert list(sol.paragraphs) == [1]


def test_unknown_forbund_is_not_found_listing_the_known(app: FinsamApp) -> None:
    create_both(app)
    with pytest.raises(
        NotFound,
        match=r"no förbund 'kramfors' \(the store holds 2 förbund \(solleftea, harnosand-timra\); ",
    ):
        execute(app, c.OpenMeeting(forbund="kramfors", meeting=c.MeetingDetails(date=MEETING)))


# -- journal import ------------------------------------------------------------------------------

JOURNAL = """\
[forbund]
id = "harnosand-timra"
name = "Samordningsförbundet Härnösand Timrå"
created = 2005-11-30
quorum = "at_least_half"
members = [
  { id = "fk",        kind = "state",        share = "25%" },
  { id = "af",        kind = "state",        share = "25%" },
  { id = "rvn",       kind = "region",       share = "25%" },
  { id = "harnosand", kind = "municipality", share = "12.5%" },
  { id = "timra",     kind = "municipality", share = "12.5%" },
]

[[board]]
name = "Lars Kempe"
member = "timra"
role = "ledamot"
from = 2019-04-01
chair = true

[[board]]
name = "Nina Skyttberg"
member = "harnosand"
role = "ledamot"
from = 2019-04-01
vice_chair = true

# Three of the charter's five ledamöter: more than half (KL 6:27), so the board decides.
[[board]]
name = "Anna Reinholdsson Lundberg"
member = "fk"
role = "ledamot"
from = 2019-04-01

[[meetings]]
date = 2020-08-28
place = "Härnösand"
present = ["Lars Kempe", "Nina Skyttberg", "Anna Reinholdsson Lundberg"]
adjusters = ["Nina Skyttberg"]
adjusted = 2020-09-03
posted = { up = 2020-09-04, down = 2020-09-28 }

[[meetings.paragraphs]]
number = 30
title = "Mötets öppnande"

[[meetings.paragraphs]]
title = "Delårsredovisning 2020-01-01–2020-06-30"
decisions = ["Styrelsen beslutar att fastställa delårsredovisningen."]
"""


ALL_PRESENT = 'present = ["Lars Kempe", "Nina Skyttberg", "Anna Reinholdsson Lundberg"]'


def write(tmp_path: Path, text: str, name: str = "journal.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_journal_import_stores_the_forbund_board_and_minutes(
    app: FinsamApp, tmp_path: Path
) -> None:
    result = import_journal(app, write(tmp_path, JOURNAL))
    assert result.forbund == "harnosand-timra"
    assert result.new == result.entries == 10  # closing the meeting is an entry too
    assert result.warnings == []
    assert result.events == app.event_count()
    minutes = stored(app, MinutesBook, MinutesBook.id_for("harnosand-timra", 2020))
    assert [p.number for p in minutes.paragraphs_of(date(2020, 8, 28))] == [30, 31]
    meeting = minutes.meeting(date(2020, 8, 28))
    assert meeting.adjusted == date(2020, 9, 3)
    assert {a.up for a in minutes.anslag} == {date(2020, 9, 4)}


def test_second_import_of_the_same_journal_adds_nothing(app: FinsamApp, tmp_path: Path) -> None:
    path = write(tmp_path, JOURNAL)
    import_journal(app, path)
    before = app.event_count()
    again = import_journal(app, path)
    assert again.new == 0
    assert again.events == 0
    assert app.event_count() == before


def test_grown_journal_adds_only_its_new_entries(app: FinsamApp, tmp_path: Path) -> None:
    path = write(tmp_path, JOURNAL)
    import_journal(app, path)
    grown = JOURNAL + '\n[[board_leaves]]\nname = "Lars Kempe"\non = 2023-03-31\n'
    result = import_journal(app, write(tmp_path, grown))
    assert result.new == 1
    f = stored(app, Forbund, Forbund.id_for("harnosand-timra"))
    assert [s.end for s in f.seats if s.name == "Lars Kempe"] == [date(2023, 3, 31)]


def test_grown_journal_without_created_date_adds_an_earlier_board_entry(
    app: FinsamApp, tmp_path: Path
) -> None:
    """The förbund entry has no `created`: it defaults to the first day in the file;
    a board seat added later with an earlier start must not make it a new entry."""
    text = JOURNAL.replace("created = 2005-11-30\n", "")
    import_journal(app, write(tmp_path, text))
    grown = text + (
        '\n[[board]]\nname = "Hans Skimmermo"\nmember = "rvn"\nrole = "ledamot"\nfrom = 2019-03-01\n'
    )
    result = import_journal(app, write(tmp_path, grown))
    assert result.new == 1


def test_journal_bad_field_names_file_entry_and_field(app: FinsamApp, tmp_path: Path) -> None:
    path = write(tmp_path, JOURNAL.replace("date = 2020-08-28", 'date = "28 augusti 2020"'))
    with pytest.raises(InvalidInput) as refused:
        import_journal(app, path)
    message = str(refused.value)
    assert str(path) in message
    assert "meetings[0].date" in message
    assert app.event_count() == 0


def test_journal_unknown_field_is_named(app: FinsamApp, tmp_path: Path) -> None:
    path = write(tmp_path, JOURNAL.replace('place = "Härnösand"', 'plats = "Härnösand"'))
    with pytest.raises(InvalidInput, match=r"meetings\[0\].*plats"):
        import_journal(app, path)


def test_journal_bad_quorum_is_refused_before_anything_is_stored(
    app: FinsamApp, tmp_path: Path
) -> None:
    path = write(tmp_path, JOURNAL.replace('quorum = "at_least_half"', 'quorum = "three_quarters"'))
    with pytest.raises(InvalidInput, match=r"forbund\.quorum"):
        import_journal(app, path)
    assert app.event_count() == 0


def test_journal_that_is_not_toml_is_invalid(app: FinsamApp, tmp_path: Path) -> None:
    path = write(tmp_path, "[forbund\nid = ")
    with pytest.raises(InvalidInput, match=r"not valid TOML"):
        import_journal(app, path)


def test_journal_domain_refusal_names_the_entry_and_stores_nothing(
    app: FinsamApp, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        JOURNAL.replace('title = "Delårsredovisning', 'number = 30\ntitle = "Delårsredovisning'),
    )
    with pytest.raises(Refused) as refused:
        import_journal(app, path)
    message = str(refused.value)
    assert message.startswith(f"{path}: meetings[0].paragraphs[1] (Delårsredovisning")
    assert "§30 is already used in 2020" in message
    assert app.event_count() == 0


def test_journal_warnings_name_their_entry(app: FinsamApp, tmp_path: Path) -> None:
    text = JOURNAL.replace(ALL_PRESENT, 'present = ["Lars Kempe"]')
    text = text.replace('quorum = "at_least_half"', 'quorum = "more_than_half"')
    text = text.replace("decisions = [", "without_quorum = true\ndecisions = [")
    result = import_journal(app, write(tmp_path, text))
    # one of the charter's five: 5 // 2 + 1 = 3 needed, the unfilled seats counted
    quorum = "1 of 5 ledamöter present, 3 needed (more than half, KL 6:27 and lag 2003:1210 19 §)"
    assert result.warnings == [
        # the justerare stayed in the file while she was taken off the present
        "meetings[0] (2020-08-28): justerare Nina Skyttberg is not among those present on 2020-08-28",
        f"meetings[0] (2020-08-28): quorum: {quorum} on 2020-08-28",
        # KL 6:27: the decision taken with one of two ledamöter is recorded as such
        "meetings[0].paragraphs[1] (Delårsredovisning 2020-01-01–2020-06-30): "
        f"§31: decided without quorum: {quorum}",
    ]


def test_journal_paragraph_without_quorum_is_refused(app: FinsamApp, tmp_path: Path) -> None:
    # KL 6:27 through lag 2003:1210 19 §: one of five ledamöter is not more than half.
    text = JOURNAL.replace(ALL_PRESENT, 'present = ["Lars Kempe"]')
    with pytest.raises(Refused, match=r"§31 \(2020-08-28\): no quorum: 1 of 5 ledamöter"):
        import_journal(app, write(tmp_path, text))
    assert app.event_count() == 0


def test_journal_import_of_the_harnosand_timra_example_gives_no_warnings(app: FinsamApp) -> None:
    result = import_journal(app, ROOT / "examples" / "harnosand-timra-2020.toml")
    assert result.warnings == []
    minutes = stored(app, MinutesBook, MinutesBook.id_for("harnosand-timra", 2020))
    assert sorted(minutes.paragraphs) == [30, 31, 32, 33, 34, 35]
    f = stored(app, Forbund, Forbund.id_for("harnosand-timra"))
    assert len(f.board_on(date(2020, 8, 28))) == 5


def test_an_allocation_off_the_shares_before_the_budget_warns_of_both(app: FinsamApp) -> None:
    from finsam_es.fiscal_year import FiscalYear

    # Sollefteå 2024: 708 000 kr a member; Sollefteå kommun gives 700 000 kr instead.
    create_solleftea(app)
    parts = (("fk", 708_000), ("af", 708_000), ("rvn", 708_000), ("solleftea", 700_000))
    members = tuple(c.MemberAmountSpec(m, c.Amount(kr * 100)) for m, kr in parts)
    warnings = run(app, c.SetAllocation(year=2024, members=members))
    assert warnings[-1] == (
        "the 2024 budget is not adopted yet: the allocation lands on line 'driftbidrag'; "
        "set the allocation after the budget to route it to the members' income lines"
    )
    assert warnings[3] == "solleftea gives 700 000 kr, its share of 2 824 000 kr is 706 000 kr"
    assert len(warnings) == 5
    fy = stored(app, FiscalYear, FiscalYear.id_for("solleftea", 2024))
    assert [(a.member, a.amount, a.line) for a in fy.allocation] == [
        (m, kr * 100, "driftbidrag") for m, kr in parts
    ]
    with pytest.raises(InvalidInput, match="add up to 2 824 000 kr, not the total 2 832 000 kr"):
        execute(app, c.SetAllocation(year=2025, total=c.Amount(283_200_000), members=members))
