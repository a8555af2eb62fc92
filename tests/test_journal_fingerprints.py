"""Fingerprints of journal entries never change: a journal imported once imports nothing
again, whatever shape the commands take later (tests/test_golden_store.py proves it on
a whole journal). And the meeting stored inside ``MeetingOpened`` keeps its bytes."""

from __future__ import annotations

import datetime as _dt
from datetime import date

import msgspec

from commands import structs as c
from commands.fingerprints import fingerprint, fingerprints
from commands.journal import Journal, JournalMeeting, entries
from finsam_es.meeting import V1_DETAILS, Attendee, Serving
from finsam_es.minutes import MinutesBook
from store.mapper import encode_state

AT = _dt.datetime(2024, 1, 2, 9, 0, tzinfo=_dt.UTC)
DETAILS = c.MeetingDetails(
    date=date(2024, 2, 15),
    place="Sollefteå",
    time="13.00-15.00",
    chair="Birgitta Häggkvist",
    secretary="Förbundschefen",
    adjusters=("Patrik Lockner",),
    present=("Birgitta Häggkvist", "Patrik Lockner"),
)


class OpenMeeting(c.Command, frozen=True, kw_only=True):
    """The command as it was until the meeting's details got their own struct."""

    date: _dt.date
    extra: bool = False
    place: str = ""
    time: str = ""
    chair: str = ""
    secretary: str = ""
    adjusters: tuple[str, ...] = ()
    present: tuple[str, ...] = ()


def test_an_open_meeting_keeps_the_fingerprint_of_the_flat_command() -> None:
    now = c.OpenMeeting(forbund="solleftea", meeting=DETAILS)
    v1 = {k: v for k, v in msgspec.structs.asdict(DETAILS).items() if k in V1_DETAILS}
    before = OpenMeeting(forbund="solleftea", **v1)
    assert fingerprint(now) == fingerprint(before)
    # computed by the code of the golden store (tests/golden), with the flat command
    assert fingerprint(now) == "6b55d19c6a42bbca055bf6d5bc6e0a67"
    assert fingerprint(now) != fingerprint(c.OpenMeeting(forbund="prov", meeting=DETAILS))


def test_an_open_meeting_fingerprints_only_the_details() -> None:
    # A journal's meeting extends the details; what else it holds is not the command.
    meeting = JournalMeeting(**msgspec.structs.asdict(DETAILS), adjusted=date(2024, 2, 20))
    assert fingerprint(c.OpenMeeting(forbund="x", meeting=meeting)) == fingerprint(
        c.OpenMeeting(forbund="x", meeting=DETAILS)
    )


def test_a_completed_application_keeps_the_name_it_was_fingerprinted_with() -> None:
    cmd = c.CompleteApplication(forbund="solleftea", insats="sfi", on=date(2023, 12, 11))
    # computed by the code of the golden store (tests/golden), when the act was "resubmit"
    assert fingerprint(cmd) == "e794452a1df9efe5edc6692c52583ff7"


def test_the_meeting_stored_in_meeting_opened_keeps_its_fields_and_order() -> None:
    book = MinutesBook.open_for("solleftea", 2024, AT)
    book.open_meeting(DETAILS, AT)
    state = encode_state(book.pending_events[-1])
    assert b'"meeting":{"date":"2024-02-15","extra":false,"place":"Sollefte\xc3\xa5",' in state
    assert state.endswith(
        b'"present":["Birgitta H\xc3\xa4ggkvist","Patrik Lockner"],"closed":null,'
        b'"adjusted":null,"posted_up":null,"posted_down":null,'
        # the attendance added in v2 comes after every field v1 stored
        b'"serving_for":[],"others":[],"adjust_place":""},"class_version":1}'
    )


def test_attendance_given_in_a_journal_counts_in_the_fingerprint() -> None:
    plain = fingerprint(c.OpenMeeting(forbund="x", meeting=DETAILS))
    guest = msgspec.structs.replace(DETAILS, others=(Attendee("Anna Berg", "förbundschef"),))
    serving = msgspec.structs.replace(DETAILS, serving_for=(Serving("Susanne Lindahl", "X"),))
    prints = {
        plain,
        *(fingerprint(c.OpenMeeting(forbund="x", meeting=m)) for m in (guest, serving)),
    }
    assert len(prints) == 3


def test_a_paragraph_keeps_its_fingerprint_while_the_later_fields_are_default() -> None:
    cmd = c.AddParagraph(forbund="x", meeting=date(2024, 2, 15), title="Mötets öppnande")
    v1 = msgspec.json.encode(cmd)
    assert b"send_to" in v1  # the struct has them, the fingerprint leaves them out
    sent = msgspec.structs.replace(cmd, send_to=("Sollefteå kommun",))
    assert fingerprint(sent) != fingerprint(cmd)


def test_completions_under_their_old_name_resubmissions_import_the_same() -> None:
    text = (
        '[forbund]\nid = "solleftea"\n\n[[{section}]]\ninsats = "sfi"\non = 2023-12-11\n'
        'amount = "998 000 kr"\n'
    )
    old = msgspec.toml.decode(
        text.format(section="resubmissions"), type=Journal, dec_hook=c.dec_hook
    )
    new = msgspec.toml.decode(text.format(section="completions"), type=Journal, dec_hook=c.dec_hook)
    (old_entry,), (new_entry,) = entries(old), entries(new)
    assert (old_entry.where, new_entry.where) == ("resubmissions[0]", "completions[0]")
    assert old_entry.command == new_entry.command
    assert fingerprints([old_entry]) == fingerprints([new_entry])


def test_a_kallelse_keeps_its_fingerprint_while_it_proposes_no_money() -> None:
    class CallMeeting(c.Command, frozen=True, kw_only=True):
        """The kallelse as it was before an ärende carried its money effect."""

        date: _dt.date
        sent: _dt.date
        time: str = ""
        place: str
        public: bool = False
        distance_allowed: bool = False
        items: tuple[dict[str, str], ...] = ()

    item = {"title": "Ansökan SFI-stöd", "proposal": "Återremiss", "account": "",
            "diarienummer": "2024/1"}  # fmt: skip
    day, sent = date(2024, 11, 21), date(2024, 11, 7)
    # the print is made of the fields as they were (the old command had the same name)
    before = CallMeeting(forbund="sol", date=day, sent=sent, place="Kommunhuset", items=(item,))
    now = c.CallMeeting(
        forbund="sol", date=day, sent=sent, place="Kommunhuset", items=(c.AgendaItem(**item),)
    )
    assert fingerprint(now) == fingerprint(before)
    proposing = msgspec.structs.replace(
        now, effects=(c.ProposedEffect(item=1, effect=c.ReferBack(insats="sfi", reason="Mål")),)
    )
    assert fingerprint(proposing) != fingerprint(now)
