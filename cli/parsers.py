"""The mini-formats option values are written in, parsed into the parts of commands.

``ID:KIND:SHARE[:NAME]`` (a member), ``ID:AMOUNT`` (a member's allocation), ``1-12``
(months), ``FROM:TO:AMOUNT`` (a budget move), ``LINE:AMOUNT`` (a budget change),
``ID:KIND:AMOUNT[:NAME[:PLAN,PLAN]]`` (a budget line), ``"WHO: WHAT"`` (an assignment),
a moment of `finsam log` (--known-at is read by projections/clocks.py) and a paragraph
reference. A malformed value raises
InvalidInput: one line that names the option and the form to write.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TypeVar, get_args

import msgspec

from commands import structs as c
from finsam_es.budget import LineKind
from finsam_es.errors import InvalidInput
from finsam_es.membership import MemberKind
from finsam_es.values import (
    ascii_digits,
    bounded_int,
    parse_amount,
    parse_paragraph_ref,
)
from projections.clocks import LogPosition, moment

T = TypeVar("T", bound=str)

MEMBER_KINDS: tuple[MemberKind, ...] = get_args(MemberKind)
LINE_KINDS: tuple[LineKind, ...] = get_args(LineKind)


def one_of(text: str, values: tuple[T, ...]) -> T | None:
    """The value that ``text`` names, typed as the Literal it belongs to; None if none."""
    return next((v for v in values if v == text), None)


def _split(value: str, parts: int, option: str, example: str) -> list[str]:
    items = [p.strip() for p in value.split(":", parts - 1)]
    if len(items) < parts:
        raise InvalidInput(f"{option} '{value}' has the wrong form (write it like {example})")
    return items


def member(value: str) -> c.MemberSpec:
    """--member ID:KIND:SHARE[:NAME] of `forbund create`, like fk:state:25%."""
    member_id, kind, rest = _split(value, 3, "--member", "fk:state:25%")
    share, _, name = rest.partition(":")
    return c.MemberSpec(id=member_id, kind=member_kind(kind), share=share, name=name)


def with_seats(
    members: tuple[c.MemberSpec, ...], seats: tuple[str, ...]
) -> tuple[c.MemberSpec, ...]:
    """The members with the seats --seats ID:N gives them (N ledamöter, N ersättare)."""
    counts: dict[str, int] = {}
    for value in seats:
        member_id, _, n = value.partition(":")
        if not ascii_digits(n, 3) or int(n) < 1:
            raise InvalidInput(f"--seats '{value}' has the wrong form (write it like solleftea:2)")
        if member_id not in {m.id for m in members}:
            raise InvalidInput(f"--seats '{value}': no member '{member_id}' (--member)")
        counts[member_id] = int(n)
    return tuple(
        msgspec.structs.replace(m, ledamoter=counts[m.id], ersattare=counts[m.id])
        if m.id in counts
        else m
        for m in members
    )


def member_kind(text: str) -> MemberKind:
    kind = one_of(text, MEMBER_KINDS)
    if kind is None:
        names = f"{', '.join(MEMBER_KINDS[:-1])} or {MEMBER_KINDS[-1]}"
        raise InvalidInput(f"member kind '{text}' is not {names}")
    return kind


def member_amount(value: str) -> c.MemberAmountSpec:
    """--member ID:AMOUNT of `allocation set`, like fk:708000."""
    member_id, _, amount = value.partition(":")
    return c.MemberAmountSpec(member=member_id, amount=c.Amount(parse_amount(amount)))


def months(value: str) -> tuple[int, int]:
    """--months FIRST-LAST of `allocation set`, like 1-12 or 7-12."""
    try:
        first, last = (bounded_int(x, "--months", 1, 12) for x in value.split("-"))
    except (ValueError, InvalidInput):
        raise InvalidInput(f"--months '{value}' has the wrong form (write it like 1-12)") from None
    return first, last


def budget_line(
    value: str, insats_lines: tuple[str, ...] = (), option: str = "--line"
) -> c.BudgetLineSpec:
    """ID:KIND:AMOUNT[:NAME[:PLAN,PLAN]] as --line of `budget adopt` and --add-line of
    `budget change` write a budget line; a line named in ``insats_lines`` holds insatser."""
    parts = value.split(":")
    kind = one_of(parts[1], LINE_KINDS) if len(parts) >= 3 else None
    if kind is None:
        raise InvalidInput(
            f"{option} '{value}' has the wrong form (write it like kansli:cost:667000[:Kansli])"
        )
    plan = (
        tuple(c.Amount(parse_amount(a)) for a in parts[4].split(","))
        if len(parts) > 4 and parts[4]
        else ()
    )
    return c.BudgetLineSpec(
        line=parts[0],
        kind=kind,
        amount=c.Amount(parse_amount(parts[2])),
        name=parts[3] if len(parts) > 3 else "",
        insats=parts[0] in insats_lines,
        plan=plan,
    )


def new_line(value: str) -> c.LineChangeSpec:
    """--add-line ID:KIND:AMOUNT[:NAME] of `budget change`: a line the change adds."""
    spec = budget_line(value, option="--add-line")
    return c.LineChangeSpec(line=spec.line, kind=spec.kind, delta=spec.amount, name=spec.name)


def move(value: str) -> tuple[c.LineChangeSpec, c.LineChangeSpec]:
    """--move FROM:TO:AMOUNT of `budget change`: the amount leaves one line for another."""
    parts = value.split(":")
    if len(parts) != 3:
        raise InvalidInput(
            f"--move '{value}' has the wrong form (write it like insatser:kansli:10000)"
        )
    moved = parse_amount(parts[2])
    return (
        c.LineChangeSpec(line=parts[0], delta=c.Amount(-moved)),
        c.LineChangeSpec(line=parts[1], delta=c.Amount(moved)),
    )


def year_amount(value: str) -> c.YearAmountSpec:
    """--schedule YEAR:AMOUNT of `grant`, like 2023:870000."""
    year, amount = _split(value, 2, "--schedule", "2023:870000")
    if not ascii_digits(year, 4):
        raise InvalidInput(f"--schedule '{value}' has the wrong form (write it like 2023:870000)")
    return c.YearAmountSpec(year=int(year), amount=c.Amount(_amount(amount, "--schedule", value)))


def _amount(text: str, option: str, value: str) -> int:
    """An amount of an option's value; a malformed one names the option."""
    try:
        return parse_amount(text)
    except InvalidInput as e:
        raise InvalidInput(f"{option} '{value}': {e}") from None


def year_move(value: str) -> c.YearMoveSpec:
    """--move FROM:TO:AMOUNT of `postpone`, like 2021:2022:400000."""
    first, to, amount = _split(value, 3, "--move", "2021:2022:400000")
    if not (ascii_digits(first, 4) and ascii_digits(to, 4)):
        raise InvalidInput(f"--move '{value}' has the wrong form (write it like 2021:2022:400000)")
    return c.YearMoveSpec(
        from_year=int(first), to_year=int(to), amount=c.Amount(_amount(amount, "--move", value))
    )


def line_delta(value: str) -> c.LineChangeSpec:
    """--line LINE:AMOUNT of `budget change`: a line changed by + or - an amount."""
    line, _, amount = value.partition(":")
    return c.LineChangeSpec(line=line, delta=c.Amount(parse_amount(amount)))


def assignments(items: tuple[str, ...], dues: tuple[date, ...]) -> tuple[c.AssignmentSpec, ...]:
    """--assign "WHO: WHAT" (repeated), each with the --due that follows it, if any."""
    out = []
    for i, item in enumerate(items):
        who, _, what = item.partition(":")
        if not what.strip():
            raise InvalidInput(f"--assign '{item}' has the wrong form (write \"WHO: WHAT\")")
        due = dues[i] if i < len(dues) else None
        out.append(c.AssignmentSpec(who=who.strip(), what=what.strip(), due=due))
    if len(dues) > len(items):
        raise InvalidInput(
            "--due gives the due date of the --assign before it; there are more --due than --assign"
        )
    return tuple(out)


def timestamp(value: str, start_of_day: bool = False) -> datetime:
    """A moment that must be a date or timestamp (--from/--to of `finsam log`); a date
    means the end of that day, or its start with ``start_of_day``."""
    if start_of_day and len(value) == 10:
        try:
            return datetime.combine(date.fromisoformat(value), time.min, tzinfo=UTC)
        except ValueError:
            pass  # moment() names the form
    found = moment(value)
    if isinstance(found, LogPosition):
        raise InvalidInput(f"'{value}': write a date or timestamp here, not a log position")
    return found


def paragraph_ref(value: str) -> tuple[int, int]:
    """YEAR:N (or 'YEAR §N') as --corrects and `assignment done` name a paragraph."""
    return parse_paragraph_ref(value)


def serving(value: str) -> c.Serving:
    """--serving-for "ERSÄTTARE=LEDAMOT": an ersättare deciding for a named ledamot."""
    name, sep, ledamot = value.partition("=")
    if not sep or not name.strip() or not ledamot.strip():
        raise InvalidInput(
            f"--serving-for '{value}' has the wrong form "
            '(write it like "Susanne Lindahl=Birgitta Häggkvist")'
        )
    return c.Serving(name.strip(), ledamot.strip())


def attendee(value: str) -> c.Attendee:
    """--other "NAME[:ROLE]": someone present who does not decide, like "Anna Berg:förbundschef"."""
    name, _, role = value.partition(":")
    if not name.strip():
        raise InvalidInput(f"--other '{value}' names no one (write it like \"Anna Berg:gäst\")")
    return c.Attendee(name.strip(), role.strip())
