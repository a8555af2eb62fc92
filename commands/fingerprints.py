"""Journal entries' fingerprints: what makes an entry the same entry on a second import,
so importing a file again adds nothing. A command keeps the print it was first imported
with: renamed commands keep their old names and fields added later count only when they
differ from their defaults (commands/journal.py imports through these)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, Protocol

import msgspec

from commands import structs as c
from finsam_es.meeting import V1_DETAILS, MeetingDetails, meeting_details

# Commands renamed since journals were first imported keep the name their stored
# fingerprints were made with, so a journal imported before imports nothing twice.
FINGERPRINT_NAMES = {"CompleteApplication": "ResubmitApplication"}


def fingerprint(command: c.Command) -> str:
    name = type(command).__name__
    payload = (
        FINGERPRINT_NAMES.get(name, name).encode()
        + b":"
        + msgspec.json.encode(fingerprinted(command), enc_hook=int)
    )
    return hashlib.sha256(payload).hexdigest()[:32]


def fingerprinted(command: c.Command) -> c.Command | dict[str, Any]:
    """The command in the shape its fingerprints were first made with. OpenMeeting held
    the meeting's details itself: its fingerprint is made of them laid out flat. The
    details added since (attendance beyond ``present``) count only when given, so an
    entry written before has the fingerprint it was stored with."""
    if isinstance(command, c.OpenMeeting):
        details = meeting_details(command.meeting)
        blank = meeting_details(MeetingDetails(date=command.meeting.date))
        later = {k: v for k, v in details.items() if k not in V1_DETAILS and v != blank[k]}
        return {"forbund": command.forbund, **{k: details[k] for k in V1_DETAILS}, **later}
    fields: dict[str, Any] = msgspec.to_builtins(command, enc_hook=int)  # names as encoded
    del fields["recorded"]  # a claimed time is not what the entry says
    if isinstance(command, c.AddParagraph):
        fields = paragraph_print_fields(command, fields)
    if isinstance(command, c.CreateForbund):
        fields["members"] = [
            {k: v for k, v in m.items() if k not in MEMBER_V2 or v != 1} for m in fields["members"]
        ]
    if isinstance(command, c.CallMeeting):  # an ärende's effect came with issue 20 item 4
        later = {"effects": "", "description": ""}
        fields["items"] = [without_later(i, later) for i in fields["items"]]
    if isinstance(command, c.RecordVote):  # the charter's matter came later
        fields["vote"] = without_later(fields["vote"], {"matter": "", "source": ""})
    if isinstance(command, c.AddParagraph):
        fields["effects"] = [
            without_later(e, EFFECT_V2.get(e["do"], {})) for e in fields["effects"]
        ]
    return without_later(fields, COMMAND_V2.get(type(command).__name__, {}))


def without_later(fields: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    """The fields without those added later that are at their defaults."""
    return {k: v for k, v in fields.items() if k not in later or v != later[k]}


# Fields effects and commands gained after journals were first imported (a grant's
# schedule, a postponement's decision on its money, a decision beyond the grant), with
# their defaults: left out of the fingerprint while at them.
EFFECT_V2: dict[str, dict[str, Any]] = {
    "grant": {"schedule": ()},
    "postpone_start": {"keep_schedule": False, "moves": (), "end": None},
    "settle": {"beyond_grant": False},
}
COMMAND_V2: dict[str, dict[str, Any]] = {
    "PayOwner": {"beyond_grant": None},
    "SettleWithoutDecision": {"beyond_grant": None},
    "CreateForbund": {"orgnr": "", "on_by_default": False},
    "PostMinutes": {"boards": (), "paragraph": None},
    "CallMeeting": {"effects": ()},
    "TakeAgenda": {"first": None},
    "SetCharter": {"qualified_majorities": None},
    "ReceiveApplication": {"diarienummer": ""},
}


# Fields a member gained (its seats by the charter), left out of the fingerprint while
# they are one of each.
MEMBER_V2 = ("ledamoter", "ersattare")


# AddParagraph's fields as its first fingerprints laid them out, then those it gained
# after journals were first imported in the order it gained them. Fields beyond these
# (finsam_es/paragraph.py ParagraphFields) follow by name. Every field gained later is
# left out while at its default, so an entry written before keeps its print whatever
# order the command's struct has.
PARAGRAPH_V1 = (
    *("forbund", "meeting", "title", "number", "text", "decisions", "assignments"),
    *("dissent", "conflict", "deciding", "corrects", "effects"),
)
PARAGRAPH_V2 = ("send_to", "show_effects", "without_quorum", "serving_for", "chaired_by")


def paragraph_print_fields(command: c.AddParagraph, fields: dict[str, Any]) -> dict[str, Any]:
    """An AddParagraph's fields in its fingerprint's order, the later ones only when set."""
    blank = msgspec.to_builtins(c.AddParagraph(meeting=command.meeting, title=""))
    later = (*PARAGRAPH_V2, *sorted(set(fields) - {*PARAGRAPH_V1, *PARAGRAPH_V2}))
    return {k: fields[k] for k in PARAGRAPH_V1} | {
        k: fields[k] for k in later if fields[k] != blank[k]
    }


class Written(Protocol):
    """A journal entry as the file states it (commands/journal.py ``Entry``)."""

    @property
    def written(self) -> c.Command: ...


def fingerprints(todo: Sequence[Written]) -> list[str]:
    """Content fingerprints; the k-th identical entry of a file gets its own ("#k")."""
    seen: dict[str, int] = {}
    out = []
    for entry in todo:
        base = fingerprint(entry.written)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return out
