"""Governance rules on the aggregates alone: given events, when a command, then events or a refusal.

No store: aggregates are built with their class methods or replayed from events
(``agg = e.mutate(agg)``), and the events a command triggers are read with
``collect_events()``. Figures come from the seeds: Sollefteå's board in 2024
(solleftea-arsredovisning-2024.txt) and Härnösand-Timrå's members (50/25/12.5/12.5).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import msgspec
import pytest

from finsam_es.errors import Final, InvalidInput, NotFound, Refused
from finsam_es.forbund import Forbund
from finsam_es.meeting import Meeting
from finsam_es.membership import Member
from finsam_es.minutes import MinutesBook
from finsam_es.paragraph import Assignment, Paragraph
from finsam_es.quorum import required_for
from finsam_es.registry import Registry
from finsam_es.seats import Seat

AT = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)

FK = Member("fk", "Försäkringskassan", "state", "1/4")
AF = Member("af", "Arbetsförmedlingen", "state", "1/4")
RVN = Member("rvn", "Region Västernorrland", "region", "1/4")
SOLLEFTEA = Member("solleftea", "Sollefteå kommun", "municipality", "1/4")
HARNOSAND = Member("harnosand", "Härnösands kommun", "municipality", "1/8")
TIMRA = Member("timra", "Timrå kommun", "municipality", "1/8")

# Sollefteå at the start of 2024 ("Styrelsens konstellation vid årets början").
# The start of the mandate period (2023-04-01) is assumed; the source gives no dates.
MANDATE = date(2023, 4, 1)
BIRGITTA = Seat("Birgitta Häggkvist", "solleftea", "ledamot", MANDATE, chair=True)
PATRIK = Seat("Patrik Lockner", "af", "ledamot", MANDATE, vice_chair=True)
MIKAEL = Seat("Mikael Sjölund", "rvn", "ledamot", MANDATE)
LINA = Seat("Lina Kempe", "fk", "ledamot", MANDATE)
SANDRA = Seat("Sandra Formgren", "rvn", "ersattare", MANDATE)
SOLLEFTEA_BOARD = (BIRGITTA, PATRIK, MIKAEL, LINA)
# Gudrun Sjödin replaced Mikael Sjölund for Region Västernorrland during 2024 (date assumed).
MIKAEL_LAST_DAY = date(2024, 5, 31)
GUDRUN = Seat("Gudrun Sjödin", "rvn", "ledamot", date(2024, 6, 1))

MEETING = date(2024, 2, 15)
PRESENT = ("Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund", "Lina Kempe")


# -- helpers ---------------------------------------------------------------------------


def replay(events: Iterable[Any]) -> Any:
    """Rebuild an aggregate from its events, as the repository does."""
    agg = None
    for e in events:
        agg = e.mutate(agg)
    return agg


def types(events: Iterable[Any]) -> list[str]:
    return [type(e).__name__ for e in events]


def solleftea(quorum: str = "at_least_half") -> Forbund:
    f = Forbund.register(
        "solleftea",
        "Samordningsförbundet Sollefteå",
        (FK, AF, RVN, SOLLEFTEA),
        quorum,  # type: ignore[arg-type]
        AT,
        date(2005, 11, 1),
    )
    f.collect_events()
    return f


def solleftea_with_board(quorum: str = "at_least_half") -> Forbund:
    f = solleftea(quorum)
    for seat in SOLLEFTEA_BOARD:
        f.appoint(seat, AT)
    f.collect_events()
    return f


def book_with_meeting(meeting: Meeting | None = None) -> MinutesBook:
    book = MinutesBook.open_for("solleftea", 2024, AT)
    book.open_meeting(meeting or Meeting(date=MEETING, present=PRESENT), AT)
    book.collect_events()
    return book


def add(book: MinutesBook, title: str, number: int | None = None, **kw: Any) -> list[str]:
    n = book.next_number() if number is None else number
    return book.add_paragraph(
        Paragraph(number=n, meeting=kw.pop("meeting", MEETING), title=title, **kw), AT
    )


# -- members and shares ------------------------------------------------------------------


def test_register_with_lawful_shares_records_registered() -> None:
    f = Forbund.register(
        "harnosand-timra",
        "Samordningsförbundet Härnösand Timrå",
        (FK, AF, RVN, HARNOSAND, TIMRA),
        "at_least_half",
        AT,
        date(2005, 11, 30),
    )
    [event] = f.collect_events()
    assert isinstance(event, Forbund.Registered)
    assert event.forbund == "harnosand-timra"
    assert event.effective == date(2005, 11, 30)
    assert [m.share for m in event.members] == ["1/4", "1/4", "1/4", "1/8", "1/8"]
    assert f.quorum == "at_least_half"
    assert f.seats == ()


def test_shares_45_25_30_are_refused_with_the_state_share_as_reason() -> None:
    members = (
        Member("fk", "fk", "state", "9/20"),
        Member("rvn", "rvn", "region", "1/4"),
        Member("solleftea", "solleftea", "municipality", "3/10"),
    )
    with pytest.raises(Refused, match=r"state members \(FK and AF\) hold 45 %, the law says 50 %"):
        Forbund.register("x", "X", members, "at_least_half", AT, date(2024, 1, 1))


def test_region_share_other_than_a_quarter_is_refused() -> None:
    members = (
        FK,
        AF,
        Member("rvn", "rvn", "region", "1/5"),
        Member("k", "k", "municipality", "3/10"),
    )
    with pytest.raises(Refused, match=r"the region hold 20 %, the law says 25 %"):
        Forbund.register("x", "X", members, "at_least_half", AT, date(2024, 1, 1))


def test_municipalities_share_other_than_a_quarter_is_refused() -> None:
    members = (
        Member("fk", "fk", "state", "1/2"),
        Member("rvn", "rvn", "region", "3/10"),
        Member("k", "k", "municipality", "1/5"),
    )
    with pytest.raises(Refused, match=r"the shares do not follow the law"):
        Forbund.register("x", "X", members, "at_least_half", AT, date(2024, 1, 1))


def test_a_municipality_outside_a_region_may_pay_the_other_half() -> None:
    # Lag 2003:1210 5 a §: where no region is a member, the municipality pays half.
    members = (FK, AF, Member("k", "k", "municipality", "1/2"))
    f = Forbund.register("x", "X", members, "more_than_half", AT, date(2024, 1, 1))
    assert [m.share for m in f.members] == ["1/4", "1/4", "1/2"]


def test_without_a_region_the_municipalities_must_pay_half() -> None:
    # Lag 2003:1210 5 § and 5 a §: without a region the municipalities hold 50 %.
    members = (FK, AF, Member("k", "k", "municipality", "1/4"))
    with pytest.raises(Refused, match=r"hold 25 %, the law says 50 % where no region"):
        Forbund.register("x", "X", members, "at_least_half", AT, date(2024, 1, 1))


def test_missing_municipality_is_refused() -> None:
    # A missing kind is named before any share is checked.
    members = (FK, AF, Member("rvn", "rvn", "region", "1/2"))
    with pytest.raises(Refused, match=r"no municipality member"):
        Forbund.register("x", "X", members, "at_least_half", AT, date(2024, 1, 1))


def test_member_named_twice_is_invalid() -> None:
    with pytest.raises(InvalidInput, match=r"member 'fk' is named twice"):
        Forbund.register("x", "X", (FK, FK, RVN, SOLLEFTEA), "at_least_half", AT, date(2024, 1, 1))


def test_no_members_is_invalid() -> None:
    with pytest.raises(InvalidInput, match=r"needs its members"):
        Forbund.register("x", "X", (), "at_least_half", AT, date(2024, 1, 1))


def test_forbund_id_with_spaces_is_invalid() -> None:
    with pytest.raises(InvalidInput, match=r"not a förbund id"):
        Forbund.register(
            "a b", "X", (FK, AF, RVN, SOLLEFTEA), "at_least_half", AT, date(2024, 1, 1)
        )


def test_registry_lists_added_forbund_in_order() -> None:
    reg = Registry.start(AT)
    reg.add("solleftea", AT, date(2005, 11, 1))
    reg.add("harnosand-timra", AT, date(2005, 11, 30))
    events = reg.collect_events()
    assert types(events) == ["Started", "ForbundAdded", "ForbundAdded"]
    assert replay(events).ids == ("solleftea", "harnosand-timra")


# -- board seats -------------------------------------------------------------------------


def test_appoint_records_the_seat_effective_from_its_start() -> None:
    f = solleftea()
    f.appoint(BIRGITTA, AT)
    [event] = f.collect_events()
    assert isinstance(event, Forbund.BoardMemberAppointed)
    assert event.seat == BIRGITTA
    assert event.effective == MANDATE


def test_second_ledamot_for_the_same_member_at_the_same_time_is_refused() -> None:
    f = solleftea_with_board()
    # Lag 2003:1210 10 §: the charter gives rvn one ledamot (the default).
    with pytest.raises(Refused, match=r"rvn has 1 ledamot seat by the charter .*Mikael Sjölund"):
        f.appoint(GUDRUN, AT)
    assert f.collect_events() == []


def solleftea_with_seats(n: int) -> Forbund:
    """Sollefteå whose charter gives the municipality n ledamöter and n ersättare."""
    seats = msgspec.structs.replace(SOLLEFTEA, ledamoter=n, ersattare=n)
    f = Forbund.register("s", "S", (FK, AF, RVN, seats), "more_than_half", AT, MANDATE)
    for seat in SOLLEFTEA_BOARD:
        f.appoint(seat, AT)
    f.collect_events()
    return f


def test_a_charter_may_give_a_member_two_ledamoter() -> None:
    # Lag 2003:1210 10 §: a charter may give a member more seats than one of each.
    f = solleftea_with_seats(2)
    f.appoint(Seat("Anna Berg", "solleftea", "ledamot", MANDATE), AT)
    assert types(f.collect_events()) == ["BoardMemberAppointed"]
    with pytest.raises(Refused, match=r"solleftea has 2 ledamot seats by the charter"):
        f.appoint(Seat("Karl Ek", "solleftea", "ledamot", MANDATE), AT)


def test_a_charter_must_give_as_many_ersattare_as_ledamoter() -> None:
    # Lag 2003:1210 10 §: as many ersättare as ledamöter, at least one of each.
    uneven = msgspec.structs.replace(SOLLEFTEA, ledamoter=2, ersattare=1)
    with pytest.raises(InvalidInput, match=r"as many ersättare as ledamöter"):
        Forbund.register("s", "S", (FK, AF, RVN, uneven), "more_than_half", AT, MANDATE)
    none = msgspec.structs.replace(SOLLEFTEA, ledamoter=0, ersattare=0)
    with pytest.raises(InvalidInput, match=r"at least one ledamot and one ersättare"):
        Forbund.register("s", "S", (FK, AF, RVN, none), "more_than_half", AT, MANDATE)


def test_seat_warnings_name_the_member_with_fewer_seats_than_the_charter() -> None:
    # Lag 2003:1210 10 §: each member's seats; the board holds four ledamöter, no ersättare.
    f = solleftea_with_seats(2)
    warnings = f.seat_warnings(MEETING)
    assert "solleftea has 1 of its 2 ledamot seats on 2024-02-15 (lag 2003:1210 10 §)" in warnings
    assert "fk has 0 of its 1 ersättare seat on 2024-02-15 (lag 2003:1210 10 §)" in warnings
    assert len(warnings) == 5  # solleftea's second ledamot, four members' ersättare


def test_ledamot_and_ersattare_of_the_same_member_may_serve_together() -> None:
    f = solleftea_with_board()
    f.appoint(SANDRA, AT)
    assert types(f.collect_events()) == ["BoardMemberAppointed"]


def test_second_chair_at_the_same_time_is_refused() -> None:
    f = solleftea_with_board()
    # Lag 2003:1210 17 §: one chair.
    f.leave("Mikael Sjölund", MIKAEL_LAST_DAY, AT)
    with pytest.raises(Refused, match=r"Birgitta Häggkvist is chair .* one chair at a time"):
        f.appoint(msgspec.structs.replace(GUDRUN, chair=True), AT)


def test_the_chair_is_chosen_among_the_ledamoter() -> None:
    # Lag 2003:1210 17 §: chair and vice chairs among the ledamöter.
    f = solleftea()
    with pytest.raises(Refused, match=r"Susanne Lindahl is an ersättare: the chair is chosen"):
        f.appoint(Seat("Susanne Lindahl", "solleftea", "ersattare", MANDATE, chair=True), AT)
    with pytest.raises(Refused, match=r"the vice chair is chosen among the ledamöter"):
        f.appoint(Seat("Camilla Steen", "fk", "ersattare", MANDATE, vice_chair=True), AT)


def test_two_vice_chairs_are_accepted_and_roles_are_shown() -> None:
    # Lag 2003:1210 17 §: one or two vice chairs.
    f = solleftea()
    f.appoint(BIRGITTA, AT)
    f.appoint(PATRIK, AT)
    f.appoint(msgspec.structs.replace(MIKAEL, vice_chair=True), AT)
    roles = f.roles_on(MEETING)
    assert roles.chair == "Birgitta Häggkvist"
    assert roles.vice_chairs == ("Patrik Lockner", "Mikael Sjölund")


def test_second_vice_chair_at_the_same_time_is_refused() -> None:
    f = solleftea_with_board()
    # Lag 2003:1210 17 §: no more than two vice chairs.
    f.leave("Mikael Sjölund", MIKAEL_LAST_DAY, AT)
    f.leave("Lina Kempe", MIKAEL_LAST_DAY, AT)
    f.appoint(msgspec.structs.replace(GUDRUN, vice_chair=True), AT)
    third = Seat("Camilla Steen", "fk", "ledamot", date(2024, 6, 1), vice_chair=True)
    with pytest.raises(Refused, match=r"one or two vice chairs at a time"):
        f.appoint(third, AT)


def test_chair_and_vice_chair_in_one_seat_is_invalid() -> None:
    f = solleftea()
    with pytest.raises(InvalidInput, match=r"both chair and vice chair"):
        f.appoint(Seat("X", "fk", "ledamot", MANDATE, chair=True, vice_chair=True), AT)


def test_seat_for_an_unknown_member_is_not_found() -> None:
    f = solleftea()
    with pytest.raises(NotFound, match=r"no member 'kramfors'"):
        f.appoint(Seat("X", "kramfors", "ledamot", MANDATE), AT)


def test_seat_ending_before_it_starts_is_invalid() -> None:
    f = solleftea()
    with pytest.raises(InvalidInput, match=r"before --from"):
        f.appoint(Seat("X", "fk", "ledamot", date(2024, 1, 1), end=date(2023, 1, 1)), AT)


def test_leave_then_appoint_successor_as_in_solleftea_2024() -> None:
    f = solleftea_with_board()
    f.leave("Mikael Sjölund", MIKAEL_LAST_DAY, AT)
    f.appoint(GUDRUN, AT)
    left, appointed = f.collect_events()
    assert isinstance(left, Forbund.BoardMemberLeft)
    assert (left.name, left.member, left.role, left.last_day) == (
        "Mikael Sjölund",
        "rvn",
        "ledamot",
        MIKAEL_LAST_DAY,
    )
    assert left.effective == MIKAEL_LAST_DAY
    assert isinstance(appointed, Forbund.BoardMemberAppointed)
    assert appointed.seat == GUDRUN


def test_successor_starting_on_the_predecessors_last_day_is_refused() -> None:
    f = solleftea_with_board()
    f.leave("Mikael Sjölund", MIKAEL_LAST_DAY, AT)
    with pytest.raises(Refused, match=r"rvn has 1 ledamot seat by the charter"):
        f.appoint(Seat("Gudrun Sjödin", "rvn", "ledamot", MIKAEL_LAST_DAY), AT)


def test_board_on_a_date_before_and_after_the_change() -> None:
    f = solleftea_with_board()
    f.leave("Mikael Sjölund", MIKAEL_LAST_DAY, AT)
    f.appoint(GUDRUN, AT)
    before = {s.name for s in f.board_on(MIKAEL_LAST_DAY)}
    after = {s.name for s in f.board_on(date(2024, 6, 1))}
    assert "Mikael Sjölund" in before and "Gudrun Sjödin" not in before
    assert "Gudrun Sjödin" in after and "Mikael Sjölund" not in after
    assert len(before) == len(after) == 4


def test_board_on_a_date_before_the_mandate_is_empty() -> None:
    f = solleftea_with_board()
    assert f.board_on(date(2023, 3, 31)) == ()


def test_leave_of_someone_without_an_open_seat_is_not_found() -> None:
    f = solleftea_with_board()
    with pytest.raises(NotFound, match=r"Gudrun Sjödin holds no seat"):
        f.leave("Gudrun Sjödin", MIKAEL_LAST_DAY, AT)


def test_leave_before_taking_the_seat_is_invalid() -> None:
    f = solleftea_with_board()
    with pytest.raises(InvalidInput, match=r"cannot leave on 2023-01-01"):
        f.leave("Mikael Sjölund", date(2023, 1, 1), AT)


def test_given_seat_events_replayed_the_successor_can_be_appointed() -> None:
    f = solleftea()
    for seat in SOLLEFTEA_BOARD:
        f.appoint(seat, AT)
    f.leave("Mikael Sjölund", MIKAEL_LAST_DAY, AT)
    history = [
        *Forbund.register(
            "solleftea", "S", (FK, AF, RVN, SOLLEFTEA), "at_least_half", AT, date(2005, 11, 1)
        ).collect_events(),
        *f.collect_events(),
    ]
    given = replay(history)
    given.appoint(GUDRUN, AT)
    [event] = given.collect_events()
    assert isinstance(event, Forbund.BoardMemberAppointed)
    assert event.originator_version == len(history) + 1
    assert [s.end for s in given.seats if s.name == "Mikael Sjölund"] == [MIKAEL_LAST_DAY]


# -- quorum ----------------------------------------------------------------------------


def test_quorum_is_more_than_half_even_where_the_charter_says_at_least_half() -> None:
    # KL 6:27 through lag 2003:1210 19 §: more than half of the ledamöter; a charter's
    # "at least half" asks less and does not apply. Four ledamöter: 4 // 2 + 1 = 3.
    f = solleftea_with_board("at_least_half")
    warning = f.quorum_warning(MEETING, ("Birgitta Häggkvist", "Lina Kempe"))
    assert warning == (
        "quorum: 2 of 4 ledamöter present, 3 needed (more than half, KL 6:27 and "
        "lag 2003:1210 19 §) on 2024-02-15"
    )


def test_a_stricter_charter_rule_applies() -> None:
    # KL 6:27 is the floor; a charter asking two thirds of 4 seats: ceil(8 / 3) = 3, the
    # law's 3 too; of 5 seats: ceil(10 / 3) = 4 where the law asks 5 // 2 + 1 = 3.
    f = solleftea_with_board("two_thirds")
    assert f.quorum_warning(MEETING, PRESENT[:3]) is None
    assert required_for(4, "two_thirds") == 3
    assert required_for(5, "two_thirds") == 4
    assert required_for(5, "more_than_half") == 3
    assert required_for(4, "at_least_half") == 3


def test_quorum_more_than_half_accepts_three_of_four() -> None:
    f = solleftea_with_board("more_than_half")
    assert f.quorum_warning(MEETING, PRESENT[:3]) is None


def test_quorum_counts_a_serving_ersattare_for_the_member() -> None:
    f = solleftea_with_board("more_than_half")
    f.appoint(SANDRA, AT)
    present = ("Birgitta Häggkvist", "Lina Kempe", "Sandra Formgren")
    assert f.quorum_warning(MEETING, present) is None


def test_quorum_does_not_count_people_without_a_seat() -> None:
    f = solleftea_with_board("more_than_half")
    warning = f.quorum_warning(MEETING, ("Förbundschefen", "Birgitta Häggkvist"))
    assert warning is not None and "1 of 4" in warning


def test_quorum_cannot_be_checked_without_seats() -> None:
    f = solleftea()
    warning = f.quorum_warning(MEETING, PRESENT)
    assert warning is not None and "no board seats" in warning


# -- meetings and paragraph numbering -------------------------------------------------------


def test_open_book_and_meeting_records_events() -> None:
    book = MinutesBook.open_for("solleftea", 2024, AT)
    book.open_meeting(Meeting(date=MEETING, place="Sollefteå", present=PRESENT), AT)
    opened, meeting = book.collect_events()
    assert isinstance(opened, MinutesBook.Opened) and opened.year == 2024
    assert opened.effective == date(2024, 1, 1)
    assert isinstance(meeting, MinutesBook.MeetingOpened)
    assert meeting.meeting.place == "Sollefteå"
    assert meeting.effective == MEETING


def test_second_meeting_on_the_same_day_is_refused() -> None:
    book = book_with_meeting()
    with pytest.raises(Refused, match=r"already has a meeting on 2024-02-15"):
        book.open_meeting(Meeting(date=MEETING), AT)


def test_meeting_of_another_year_is_invalid() -> None:
    book = book_with_meeting()
    with pytest.raises(InvalidInput, match=r"does not belong to 2024"):
        book.open_meeting(Meeting(date=date(2025, 1, 10)), AT)


def test_paragraph_needs_an_existing_meeting() -> None:
    book = book_with_meeting()
    with pytest.raises(NotFound, match=r"no meeting of solleftea on 2024-03-01"):
        add(book, "Budget", meeting=date(2024, 3, 1))
    assert book.collect_events() == []


def test_next_number_runs_on_through_the_year() -> None:
    book = book_with_meeting()
    assert book.next_number() == 1
    add(book, "Mötets öppnande")
    add(book, "Val av justerare")
    book.open_meeting(Meeting(date=date(2024, 3, 20)), AT)
    add(book, "Mötets öppnande", meeting=date(2024, 3, 20))
    added = [e for e in book.collect_events() if isinstance(e, MinutesBook.ParagraphAdded)]
    assert [e.paragraph.number for e in added] == [1, 2, 3]
    assert [p.number for p in book.paragraphs_of(date(2024, 3, 20))] == [3]


def test_explicit_number_sets_where_automatic_numbering_continues() -> None:
    book = book_with_meeting()
    add(book, "Mötets öppnande", number=22)
    assert book.next_number() == 23


def test_explicit_number_already_used_is_refused() -> None:
    book = book_with_meeting()
    add(book, "Mötets öppnande", number=1)
    with pytest.raises(Refused, match=r"§1 is already used in 2024 \(meeting 2024-02-15\)"):
        add(book, "Val av justerare", number=1)


def test_number_renumbered_away_is_never_reused() -> None:
    book = book_with_meeting()
    add(book, "Mötets öppnande", number=3)
    book.renumber_paragraph(3, 5, MEETING, AT)
    with pytest.raises(Refused, match=r"§3 is already used in 2024 \(renumbered away\)"):
        add(book, "Val av justerare", number=3)


def test_renumber_to_a_used_number_is_refused() -> None:
    book = book_with_meeting()
    add(book, "A", number=1)
    add(book, "B", number=2)
    with pytest.raises(Refused, match=r"§2 is already used"):
        book.renumber_paragraph(1, 2, MEETING, AT)


def test_renumber_records_old_and_new_number() -> None:
    book = book_with_meeting()
    add(book, "A", number=1)
    book.collect_events()
    book.renumber_paragraph(1, 4, MEETING, AT)
    [event] = book.collect_events()
    assert isinstance(event, MinutesBook.ParagraphRenumbered)
    assert (event.year, event.number, event.new_number) == (2024, 1, 4)
    assert book.paragraph(4).title == "A"
    with pytest.raises(NotFound, match=r"§1 does not exist in 2024"):
        book.paragraph(1)


def test_given_renumbering_events_replayed_the_old_number_stays_used() -> None:
    book = MinutesBook.open_for("solleftea", 2024, AT)
    book.open_meeting(Meeting(date=MEETING), AT)
    add(book, "A", number=7)
    book.renumber_paragraph(7, 8, MEETING, AT)
    given = replay(book.collect_events())
    assert given.used_numbers == {7, 8}
    with pytest.raises(Refused, match=r"§7 is already used"):
        add(given, "B", number=7)
    assert given.next_number() == 9


def test_paragraph_without_title_is_invalid() -> None:
    book = book_with_meeting()
    with pytest.raises(InvalidInput, match=r"needs a title"):
        add(book, "  ")


def test_paragraph_number_zero_is_invalid() -> None:
    book = book_with_meeting()
    with pytest.raises(InvalidInput, match=r"§0 is not a paragraph number"):
        add(book, "A", number=0)


def test_amend_records_new_text_and_keeps_what_is_not_given() -> None:
    book = book_with_meeting()
    add(book, "Budget", decisions=("Styrelsen beslutar att fastställa budgeten.",))
    book.collect_events()
    book.amend_paragraph(1, "Budget 2025", None, None, MEETING, AT)
    [event] = book.collect_events()
    assert isinstance(event, MinutesBook.ParagraphAmended)
    assert event.title == "Budget 2025"
    assert event.decisions == ("Styrelsen beslutar att fastställa budgeten.",)


# -- adjustment (justering) makes paragraphs final ---------------------------------------------


def adjusted_book() -> MinutesBook:
    book = book_with_meeting()
    add(book, "Mötets öppnande")
    add(book, "Delårsrapport")
    book.adjust(MEETING, date(2024, 2, 20), AT)
    book.collect_events()
    return book


def test_adjust_records_the_paragraphs_it_makes_final() -> None:
    book = book_with_meeting()
    add(book, "Mötets öppnande")
    add(book, "Delårsrapport")
    book.collect_events()
    warnings = book.adjust(MEETING, date(2024, 2, 20), AT)
    [event] = book.collect_events()
    assert warnings == []
    assert isinstance(event, MinutesBook.MinutesAdjusted)
    assert event.numbers == (1, 2)
    assert event.immediately is False
    assert event.effective == date(2024, 2, 20)
    assert book.meeting(MEETING).adjusted == date(2024, 2, 20)
    assert all(p.adjusted == date(2024, 2, 20) for p in book.paragraphs.values())


def test_add_after_adjustment_is_final_mentioning_adjusted() -> None:
    book = adjusted_book()
    with pytest.raises(Final, match=r"adjusted on 2024-02-20"):
        add(book, "Övrigt")
    assert book.collect_events() == []


def test_amend_after_adjustment_is_final_mentioning_adjusted() -> None:
    book = adjusted_book()
    with pytest.raises(Final, match=r"§2 \(2024\) was adjusted on 2024-02-20.*--corrects 2024:2"):
        book.amend_paragraph(2, "Ny titel", None, None, date(2024, 3, 1), AT)


def test_renumber_after_adjustment_is_final_mentioning_adjusted() -> None:
    book = adjusted_book()
    with pytest.raises(Final, match=r"adjusted"):
        book.renumber_paragraph(2, 9, date(2024, 3, 1), AT)


def test_second_adjustment_is_final() -> None:
    book = adjusted_book()
    with pytest.raises(Final, match=r"already adjusted on 2024-02-20"):
        book.adjust(MEETING, date(2024, 2, 21), AT)


def test_adjustment_before_the_meeting_is_invalid() -> None:
    book = book_with_meeting()
    with pytest.raises(InvalidInput, match=r"before the meeting"):
        book.adjust(MEETING, date(2024, 2, 14), AT)


def test_adjusting_a_meeting_that_does_not_exist_is_not_found() -> None:
    book = book_with_meeting()
    with pytest.raises(NotFound, match=r"no meeting"):
        book.adjust(date(2024, 3, 1), date(2024, 3, 2), AT)


def test_adjustment_more_than_14_days_after_the_meeting_warns() -> None:
    book = book_with_meeting()
    add(book, "A")
    warnings = book.adjust(MEETING, date(2024, 3, 1), AT)
    assert warnings == [
        "adjusted 15 days after the meeting of 2024-02-15; the law asks within 14 days"
    ]


def test_adjustment_on_day_14_does_not_warn() -> None:
    book = book_with_meeting()
    add(book, "A")
    assert book.adjust(MEETING, date(2024, 2, 29), AT) == []


def test_adjusting_minutes_without_paragraphs_warns() -> None:
    book = book_with_meeting()
    assert book.adjust(MEETING, MEETING, AT) == ["the minutes of 2024-02-15 have no paragraphs"]


def test_immediate_adjustment_makes_only_that_paragraph_final() -> None:
    book = book_with_meeting()
    add(book, "Mötets öppnande")
    add(book, "Bevilja medel SamCoach")
    book.collect_events()
    book.adjust(MEETING, MEETING, AT, number=2)
    [event] = book.collect_events()
    assert isinstance(event, MinutesBook.MinutesAdjusted)
    assert (event.numbers, event.immediately) == ((2,), True)
    assert book.meeting(MEETING).adjusted is None
    with pytest.raises(Final, match=r"§2 \(2024\) was adjusted"):
        book.amend_paragraph(2, "X", None, None, MEETING, AT)
    book.amend_paragraph(1, "Mötets öppnande och närvaro", None, None, MEETING, AT)
    add(book, "Mötets avslutande")
    assert types(book.collect_events()) == ["ParagraphAmended", "ParagraphAdded"]


def test_full_adjustment_after_an_immediate_one_covers_the_rest() -> None:
    book = book_with_meeting()
    add(book, "A")
    add(book, "B")
    book.adjust(MEETING, MEETING, AT, number=2)
    book.collect_events()
    book.adjust(MEETING, date(2024, 2, 20), AT)
    [event] = book.collect_events()
    assert isinstance(event, MinutesBook.MinutesAdjusted)
    assert event.numbers == (1,)
    assert book.paragraph(2).adjusted == MEETING
    assert book.paragraph(2).immediately is True
    assert book.paragraph(1).adjusted == date(2024, 2, 20)


def test_immediate_adjustment_twice_is_final() -> None:
    book = book_with_meeting()
    add(book, "A")
    book.adjust(MEETING, MEETING, AT, number=1)
    with pytest.raises(Final, match=r"§1 was already adjusted"):
        book.adjust(MEETING, MEETING, AT, number=1)


def test_immediate_adjustment_of_a_paragraph_of_another_meeting_is_invalid() -> None:
    book = book_with_meeting()
    add(book, "A")
    book.open_meeting(Meeting(date=date(2024, 3, 20)), AT)
    with pytest.raises(InvalidInput, match=r"§1 belongs to the meeting of 2024-02-15"):
        book.adjust(date(2024, 3, 20), date(2024, 3, 20), AT, number=1)


def test_given_an_adjusted_meeting_replayed_amend_is_final() -> None:
    book = MinutesBook.open_for("solleftea", 2024, AT)
    book.open_meeting(Meeting(date=MEETING), AT)
    add(book, "A")
    book.adjust(MEETING, date(2024, 2, 20), AT)
    given = replay(book.collect_events())
    with pytest.raises(Final, match=r"adjusted"):
        given.amend_paragraph(1, "B", None, None, date(2024, 3, 1), AT)
    assert given.collect_events() == []


# -- posting (anslag) -------------------------------------------------------------------------


def test_posting_requires_adjustment() -> None:
    book = book_with_meeting()
    add(book, "A")
    with pytest.raises(Refused, match=r"not adjusted yet"):
        book.post(MEETING, date(2024, 2, 21), date(2024, 3, 14), AT)


def test_posting_after_only_an_immediate_adjustment_is_refused() -> None:
    book = book_with_meeting()
    add(book, "A")
    book.adjust(MEETING, MEETING, AT, number=1)
    with pytest.raises(Refused, match=r"not adjusted yet"):
        book.post(MEETING, MEETING, date(2024, 3, 14), AT)


def test_posting_in_time_for_three_weeks_records_without_warning() -> None:
    book = adjusted_book()
    warnings = book.post(MEETING, date(2024, 2, 21), date(2024, 3, 14), AT)
    [event] = book.collect_events()
    assert warnings == []
    assert isinstance(event, MinutesBook.AnslagPosted)
    assert (event.anslag.up, event.anslag.down, event.effective) == (
        date(2024, 2, 21),
        date(2024, 3, 14),
        date(2024, 2, 21),
    )


def test_kl_8_12_a_paragraph_adjusted_at_once_is_posted_on_its_own() -> None:
    book = book_with_meeting()
    add(book, "A")
    add(book, "B")
    book.adjust(MEETING, MEETING, AT, number=2)
    # the § adjusted at once goes up on the meeting day; the rest waits for its adjustment
    assert book.post(MEETING, MEETING, date(2024, 3, 8), AT, number=2) == []
    with pytest.raises(Refused, match=r"not adjusted yet.*posted on its own \(--paragraph\)"):
        book.post(MEETING, MEETING, date(2024, 3, 8), AT)
    with pytest.raises(Refused, match=r"§1 was not adjusted at once"):
        book.post(MEETING, MEETING, date(2024, 3, 8), AT, number=1)
    with pytest.raises(Refused, match=r"§2 was already posted"):
        book.post(MEETING, MEETING, date(2024, 3, 8), AT, number=2)
    assert [(a.number, a.up) for a in book.anslag] == [(2, MEETING)]


def test_posting_more_than_2_days_after_adjustment_warns() -> None:
    book = adjusted_book()
    warnings = book.post(MEETING, date(2024, 2, 23), date(2024, 3, 20), AT)
    # KL 8:12: within two days of Tuesday 02-20, by Thursday 02-22
    assert warnings == [
        "posted on the notice board on 2024-02-23, after 2024-02-22: the adjustment on "
        "2024-02-20 is made known within two days (KL 8:12; lag 1930:173)"
    ]


def test_lag_1930_173_adjusted_on_a_thursday_may_be_posted_on_monday() -> None:
    book = book_with_meeting()
    add(book, "A")
    book.adjust(MEETING, date(2024, 2, 22), AT)  # a Thursday: the second day is a Saturday
    assert book.post(MEETING, date(2024, 2, 26), date(2024, 3, 19), AT) == []


def test_taking_down_before_21_days_warns() -> None:
    book = adjusted_book()
    warnings = book.post(MEETING, date(2024, 2, 21), date(2024, 3, 12), AT)
    assert warnings == [
        "taken down from the notice board on 2024-03-12; it stays up until the time to "
        "appeal has run, through 2024-03-13 (KL 8:12): 2024-03-14 at the earliest"
    ]


def test_posting_before_adjustment_date_is_invalid() -> None:
    book = adjusted_book()
    with pytest.raises(InvalidInput, match=r"before the adjustment"):
        book.post(MEETING, date(2024, 2, 19), date(2024, 3, 14), AT)


def test_taking_down_before_posting_is_invalid() -> None:
    book = adjusted_book()
    with pytest.raises(InvalidInput, match=r"before it was posted"):
        book.post(MEETING, date(2024, 2, 21), date(2024, 2, 20), AT)


def test_posting_twice_is_refused() -> None:
    book = adjusted_book()
    book.post(MEETING, date(2024, 2, 21), date(2024, 3, 14), AT)
    with pytest.raises(Refused, match=r"already posted on the notice board on 2024-02-21"):
        book.post(MEETING, date(2024, 2, 22), date(2024, 3, 15), AT)


# -- conflict of interest (jäv) and dissent -------------------------------------------------------


def test_conflict_member_leaves_the_matter_without_a_warning() -> None:
    # KL 6:28: with jäv she takes no part; nothing else need be said.
    book = book_with_meeting()
    assert add(book, "Bevilja medel SamCoach", conflict=("Birgitta Häggkvist",)) == []


def test_conflict_member_listed_as_deciding_warns() -> None:
    book = book_with_meeting()
    warnings = add(
        book,
        "Bevilja medel SamCoach",
        conflict=("Birgitta Häggkvist",),
        deciding=("Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund"),
    )
    assert len(warnings) == 1
    assert "Birgitta Häggkvist has a conflict of interest (jäv)" in warnings[0]
    assert "--deciding" in warnings[0]
    assert types(book.collect_events()) == ["ParagraphAdded"]


def test_conflict_member_left_out_of_deciding_does_not_warn() -> None:
    book = book_with_meeting()
    warnings = add(
        book,
        "Bevilja medel SamCoach",
        conflict=("Birgitta Häggkvist",),
        deciding=("Patrik Lockner", "Mikael Sjölund", "Lina Kempe"),
    )
    assert warnings == []


def test_dissent_by_someone_not_deciding_warns() -> None:
    book = book_with_meeting()
    warnings = add(book, "Budget", dissent=("Gudrun Sjödin",))
    assert warnings == ["§1: Gudrun Sjödin enters dissent but is not listed as deciding"]


def test_dissent_by_a_deciding_member_is_recorded_without_warning() -> None:
    book = book_with_meeting()
    warnings = add(book, "Budget", dissent=("Lina Kempe",))
    [event] = book.collect_events()
    assert warnings == []
    assert isinstance(event, MinutesBook.ParagraphAdded)
    assert event.paragraph.dissent == ("Lina Kempe",)


# -- assignments (uppdrag) -------------------------------------------------------------------------


def book_with_assignment() -> MinutesBook:
    book = book_with_meeting()
    add(
        book,
        "Uppdrag",
        assignments=(Assignment("Förbundschefen", "ta fram en plan för 2025", date(2024, 5, 15)),),
    )
    book.collect_events()
    return book


def test_complete_assignment_records_the_completion() -> None:
    book = book_with_assignment()
    book.complete_assignment(1, 1, date(2024, 5, 17), "rapport §31", AT)
    [event] = book.collect_events()
    assert isinstance(event, MinutesBook.AssignmentCompleted)
    assert (event.year, event.number, event.index, event.note) == (2024, 1, 1, "rapport §31")
    assert event.effective == date(2024, 5, 17)
    assert book.paragraph(1).completed == (1,)


def test_complete_assignment_twice_is_refused() -> None:
    book = book_with_assignment()
    book.complete_assignment(1, 1, date(2024, 5, 17), "", AT)
    with pytest.raises(Refused, match=r"already completed"):
        book.complete_assignment(1, 1, date(2024, 5, 18), "", AT)


def test_complete_assignment_that_does_not_exist_is_not_found() -> None:
    book = book_with_assignment()
    with pytest.raises(NotFound, match=r"has no assignment 2 \(it has 1\)"):
        book.complete_assignment(1, 2, date(2024, 5, 17), "", AT)


def test_complete_assignment_before_it_was_given_is_invalid() -> None:
    book = book_with_assignment()
    with pytest.raises(InvalidInput, match=r"cannot be completed on 2024-02-01"):
        book.complete_assignment(1, 1, date(2024, 2, 1), "", AT)


def test_assignment_can_be_completed_after_adjustment() -> None:
    book = book_with_assignment()
    book.adjust(MEETING, date(2024, 2, 20), AT)
    book.collect_events()
    book.complete_assignment(1, 1, date(2024, 5, 17), "", AT)
    assert types(book.collect_events()) == ["AssignmentCompleted"]


def test_a_seat_with_an_end_date_can_be_ended_earlier() -> None:
    f = solleftea_with_board()
    term = Seat("Vikarie", "af", "ersattare", date(2024, 1, 1), date(2024, 12, 31))
    f.appoint(term, AT)
    f.leave("Vikarie", date(2024, 6, 30), AT)
    assert [s.end for s in f.seats if s.name == "Vikarie"] == [date(2024, 6, 30)]
    assert "Vikarie" not in {s.name for s in f.board_on(date(2024, 7, 1))}


def test_a_forbund_id_is_registered_once() -> None:
    reg = Registry.start(AT)
    reg.check_new("solleftea")
    reg.add("solleftea", AT, date(2005, 11, 1))
    with pytest.raises(Refused) as refused:
        reg.check_new("solleftea")
    assert str(refused.value) == "förbund 'solleftea' already exists"
    reg.check_new("harnosand-timra")


def test_a_correction_is_made_at_a_later_meeting_than_the_paragraph_it_corrects() -> None:
    book = book_with_meeting()
    add(book, "Budget 2024")
    book.check_correctable(1, date(2024, 3, 20))
    for same_or_earlier in (MEETING, date(2024, 2, 1)):
        with pytest.raises(Refused) as refused:
            book.check_correctable(1, same_or_earlier)
        assert str(refused.value) == (
            "a correction of §1 (2024) is made at a later meeting than 2024-02-15"
        )
    with pytest.raises(NotFound, match=r"§2 does not exist in 2024"):
        book.check_correctable(2, date(2024, 3, 20))
