"""Attendance as the law sees it, on the domain alone: beslutande (ledamöter and the
ersättare serving for a named ledamot), övriga närvarande, the chair and the
justerare; and a meeting's header amended or the meeting cancelled before adjustment.

The board is Sollefteå's in 2024 (solleftea-arsredovisning-2024.txt, "Styrelsens
konstellation vid årets början"): a ledamot and a personal ersättare per member.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import msgspec
import pytest

from commands import structs as c
from finsam_es.attendance import did_you_mean, servings, settle_attendance
from finsam_es.errors import Final, InvalidInput, NotFound, Refused
from finsam_es.meeting import Attendee, MeetingDetails, Serving, meeting_details
from finsam_es.minutes import MinutesBook
from finsam_es.paragraph import Paragraph, Wording
from finsam_es.seats import Seat
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork
from tests.test_governance_app import LATER, run, solleftea_with_meeting
from tests.test_governance_app import book as stored_book

AT = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
MANDATE = date(2023, 4, 1)
BOARD = (
    Seat("Birgitta Häggkvist", "solleftea", "ledamot", MANDATE, chair=True),
    Seat("Susanne Lindahl", "solleftea", "ersattare", MANDATE),
    Seat("Patrik Lockner", "af", "ledamot", MANDATE, vice_chair=True),
    Seat("Fredrik Berglund", "af", "ersattare", MANDATE),
    Seat("Mikael Sjölund", "rvn", "ledamot", MANDATE),
    Seat("Sandra Formgren", "rvn", "ersattare", MANDATE),
    Seat("Lina Kempe", "fk", "ledamot", MANDATE),
    Seat("Camilla Steen", "fk", "ersattare", MANDATE),
)
DAY = date(2024, 2, 15)
ALL = ("Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund", "Lina Kempe")


def meeting(**kw: object) -> MeetingDetails:
    return msgspec.convert({"date": DAY, **kw}, MeetingDetails)


def test_a_typo_is_refused_with_the_name_meant() -> None:
    with pytest.raises(InvalidInput, match="did you mean Birgitta Häggkvist"):
        servings(BOARD, meeting(present=["Birgita Häggkvist", "Lina Kempe"]))


def test_a_stranger_is_refused_and_pointed_to_others() -> None:
    with pytest.raises(InvalidInput, match=r"not on the board on 2024-02-15 \(officials"):
        servings(BOARD, meeting(present=["Anna Berg"]))


def test_did_you_mean_says_nothing_for_a_name_far_from_all() -> None:
    assert did_you_mean("Anna Berg", ("Birgitta Häggkvist", "Lina Kempe")) == ""
    assert did_you_mean("Lina Kemp", ("Birgitta Häggkvist", "Lina Kempe")) == (
        "; did you mean Lina Kempe?"
    )


def test_an_ersattare_serves_for_her_absent_ledamot_without_being_told() -> None:
    # 2024-04-18 in the example: Sandra Formgren (rvn) present, Mikael Sjölund (rvn) not.
    present = ["Birgitta Häggkvist", "Patrik Lockner", "Sandra Formgren", "Lina Kempe"]
    assert servings(BOARD, meeting(present=present)) == (
        Serving("Sandra Formgren", "Mikael Sjölund"),
    )


def test_an_ersattare_serving_while_her_ledamot_is_present_is_refused() -> None:
    with pytest.raises(Refused, match="Lina Kempe is present"):
        servings(BOARD, meeting(present=[*ALL, "Camilla Steen"]))


def test_a_named_serving_for_a_present_ledamot_is_refused() -> None:
    m = meeting(present=ALL, serving_for=[{"name": "Camilla Steen", "for": "Lina Kempe"}])
    with pytest.raises(Refused, match="Lina Kempe is present and decides herself"):
        servings(BOARD, m)


def test_a_named_serving_for_someone_not_a_ledamot_is_refused_with_a_suggestion() -> None:
    m = meeting(serving_for=[{"name": "Camilla Steen", "for": "Lina Kemp"}])
    with pytest.raises(InvalidInput, match="did you mean Lina Kempe"):
        servings(BOARD, m)


def test_two_cannot_serve_for_one_ledamot() -> None:
    # fk with a second ersättare (the charter may give a member more seats, 10 §)
    board = (*BOARD, Seat("Anna Ek", "fk", "ersattare", MANDATE))
    m = meeting(
        serving_for=[
            {"name": "Camilla Steen", "for": "Lina Kempe"},
            {"name": "Anna Ek", "for": "Lina Kempe"},
        ]
    )
    with pytest.raises(Refused, match="cannot both serve for Lina Kempe"):
        servings(board, m)


def test_an_ersattare_of_another_member_is_refused() -> None:
    # Lag 2003:1210 10 §: each member is represented by its own ledamöter and
    # ersättare; Sandra Formgren (rvn) cannot serve for Lina Kempe (fk).
    m = meeting(serving_for=[{"name": "Sandra Formgren", "for": "Lina Kempe"}])
    with pytest.raises(Refused, match="Sandra Formgren is an ersättare for rvn: she cannot"):
        servings(BOARD, m)


def test_a_ledamot_serves_for_no_one() -> None:
    m = meeting(serving_for=[{"name": "Patrik Lockner", "for": "Lina Kempe"}])
    with pytest.raises(InvalidInput, match="a ledamot serves for no one"):
        servings(BOARD, m)


def test_settling_adds_those_serving_to_the_present() -> None:
    m = meeting(
        present=["Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund"],
        serving_for=[{"name": "Camilla Steen", "for": "Lina Kempe"}],
        others=[{"name": "Susanne Lindahl", "role": "ersättare"}],
        chair="Birgitta Häggkvist",
        adjusters=["Camilla Steen"],
    )
    settled, warnings = settle_attendance(BOARD, m)
    assert settled.present == (
        "Birgitta Häggkvist",
        "Patrik Lockner",
        "Mikael Sjölund",
        "Camilla Steen",
    )
    assert warnings == []


def test_a_justerare_neither_on_the_board_nor_present_is_refused() -> None:
    with pytest.raises(
        InvalidInput, match=r"justerare Patrik Locknr .* did you mean Patrik Lockner"
    ):
        settle_attendance(BOARD, meeting(present=ALL, adjusters=["Patrik Locknr"]))


def test_a_justerare_present_but_not_deciding_is_a_warning() -> None:
    m = meeting(present=ALL, others=[{"name": "Anna Berg"}], adjusters=["Anna Berg"])
    assert settle_attendance(BOARD, m)[1] == ["justerare Anna Berg is present but does not decide"]


def test_a_chair_off_the_board_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"the chair Birgitta Hägkvist .* did you mean"):
        settle_attendance(BOARD, meeting(present=ALL, chair="Birgitta Hägkvist"))


def test_one_name_cannot_both_decide_and_be_among_others() -> None:
    m = meeting(present=ALL, others=[{"name": "Lina Kempe", "role": "ledamot"}])
    with pytest.raises(InvalidInput, match="both as deciding and among övriga"):
        settle_attendance(BOARD, m)


# -- amend and cancel before adjustment -------------------------------------------------


def book() -> MinutesBook:
    b = MinutesBook.open_for("solleftea", 2024, AT)
    b.open_meeting(meeting(present=ALL, place="Sollefteå"), AT)
    b.add_paragraph(Paragraph(number=1, meeting=DAY, title="Mötets öppnande"), AT)
    b.collect_events()
    return b


def test_amending_a_meeting_records_old_and_new() -> None:
    b = book()
    new = meeting(present=ALL, place="Kommunhuset", others=[Attendee("Anna Berg", "gäst")])
    b.amend_meeting(new, DAY, AT)
    [event] = b.collect_events()
    assert isinstance(event, MinutesBook.MeetingAmended)
    assert (event.before.place, event.after.place) == ("Sollefteå", "Kommunhuset")
    assert b.meeting(DAY).others == (Attendee("Anna Berg", "gäst"),)
    assert meeting_details(b.meeting(DAY)) == meeting_details(new)


def test_amending_nothing_is_refused() -> None:
    with pytest.raises(InvalidInput, match="nothing to change"):
        book().amend_meeting(meeting(present=ALL, place="Sollefteå"), DAY, AT)


def test_amending_or_cancelling_after_adjustment_is_refused_with_the_rule() -> None:
    b = book()
    b.adjust(DAY, date(2024, 2, 20), AT)
    with pytest.raises(Final, match="adjusted minutes are final; record a correction"):
        b.amend_meeting(meeting(place="X"), DAY, AT)
    with pytest.raises(Final, match="were adjusted on 2024-02-20 and cannot be cancelled"):
        b.cancel_meeting(DAY, "", DAY, AT)


def test_a_paragraph_adjusted_at_once_blocks_the_cancelling() -> None:
    b = book()
    b.adjust(DAY, DAY, AT, number=1)
    with pytest.raises(Final, match=r"adjusted at once \(§1\)"):
        b.cancel_meeting(DAY, "", DAY, AT)


def test_cancelling_withdraws_the_meeting_and_keeps_its_numbers_used() -> None:
    b = book()
    warnings = b.cancel_meeting(DAY, "fel datum", DAY, AT)
    assert warnings == ["§1 withdrawn with the meeting; their numbers stay used"]
    with pytest.raises(NotFound):
        b.meeting(DAY)
    assert b.next_number() == 2
    b.open_meeting(meeting(place="igen"), AT)  # the date is free again
    assert b.meeting(DAY).place == "igen"


def test_money_paragraphs_block_the_cancelling() -> None:
    b = book()
    p = Paragraph(number=2, meeting=DAY, title="Budget", effects=("fastställa budgeten",))
    b.add_paragraph(p, AT)
    with pytest.raises(Refused, match="§2 carry money decisions"):
        b.cancel_meeting(DAY, "", DAY, AT)


def test_a_paragraph_amendment_keeps_what_it_said_before() -> None:
    b = book()
    b.amend_paragraph(1, "Sammanträdets öppnande", None, None, DAY, AT, send_to=("Akten",))
    [event] = b.collect_events()
    assert isinstance(event, MinutesBook.ParagraphAmended)
    assert event.was == Wording("Mötets öppnande", "", ())
    assert b.paragraph(1).title == "Sammanträdets öppnande"
    assert b.paragraph(1).send_to == ("Akten",)


# -- through the store: quorum by seats filled, amending an old meeting ---------------------


def test_quorum_counts_the_seat_an_ersattare_fills(app: FinsamApp) -> None:
    # KL 6:27 through lag 2003:1210 19 §: more than half of the ledamöter, counting an
    # ersättare who serves for an absent ledamot.
    solleftea_with_meeting(app)  # Sollefteå's four ledamöter: 4 // 2 + 1 = 3 to decide
    run(
        app,
        c.AppointBoardMember(name="Sandra Formgren", member="rvn", role="ersattare", start=MANDATE),
    )
    # Lina Kempe (fk) and Patrik Lockner (af) present, Sandra Formgren (rvn) serving
    # for Mikael Sjölund (rvn): three of four seats are filled.
    serving = (c.Serving("Sandra Formgren", "Mikael Sjölund"),)
    present = ("Lina Kempe", "Patrik Lockner")
    details = c.MeetingDetails(date=LATER, present=present, serving_for=serving)
    assert run(app, c.OpenMeeting(meeting=details)) == []
    assert stored_book(app).meeting(LATER).present == (*present, "Sandra Formgren")


def test_a_place_is_fixed_in_a_meeting_whose_attendance_predates_the_checks(
    app: FinsamApp,
) -> None:
    solleftea_with_meeting(app)
    uow = UnitOfWork(app)  # as v1 stored it: a name off the board among those present
    b = uow.get(MinutesBook, MinutesBook.id_for("solleftea", 2024))
    assert b is not None
    b.open_meeting(MeetingDetails(date=LATER, present=("Förbundschefen",)), uow.at)
    uow.commit()
    run(app, c.AmendMeeting(date=LATER, place="Kommunhuset"))
    assert stored_book(app).meeting(LATER).place == "Kommunhuset"
    with pytest.raises(InvalidInput, match="Förbundschefen is not on the board"):
        run(app, c.AmendMeeting(date=LATER, chair="Lina Kempe"))
