"""The money effects an ärende's förslag carries, as options of `agenda call`: the same
effect structs a paragraph carries (commands/effect_structs.py), so `agenda decide`
records the paragraph with its money and the secretary types nothing twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from commands import structs as c
from finsam_es.errors import InvalidInput
from finsam_es.values import ascii_digits, parse_amount


def effect_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--grant, --refer-back, --reject and --budget-change, each naming its ärende."""
    for option in (
        click.option(
            "--budget-change",
            "budget_changes",
            multiple=True,
            metavar="N:ÅR:RAD:BELOPP",
            help="Ärende N proposes a budget change of ÅR: RAD by BELOPP (negative: less) "
            "(repeat for each line).",
        ),
        click.option(
            "--reject",
            "rejects",
            multiple=True,
            metavar="N:INSATS[:SKÄL]",
            help="Ärende N proposes to reject the application INSATS.",
        ),
        click.option(
            "--refer-back",
            "refer_backs",
            multiple=True,
            metavar="N:INSATS:SKÄL",
            help="Ärende N proposes to refer the application INSATS back (återremiss).",
        ),
        click.option(
            "--grant",
            "grants",
            multiple=True,
            metavar="N:INSATS[:BELOPP]",
            help="Ärende N proposes to grant INSATS (BELOPP, default the amount applied for).",
        ),
    ):
        f = option(f)
    return f


def _parts(value: str, option: str, least: int, most: int, example: str) -> list[str]:
    """The option's value split at ':' (the last part may hold more), its first part
    the ärende's number."""
    parts = [p.strip() for p in value.split(":", most - 1)]
    if len(parts) < least or not all(parts[:least]):
        raise InvalidInput(f"{option} '{value}' has the wrong form (write it like {example})")
    if not ascii_digits(parts[0], 3) or int(parts[0]) < 1:
        raise InvalidInput(f"{option} '{value}': begin with the ärende's number ({example})")
    return parts


def _amount(text: str, option: str, value: str) -> c.Amount:
    try:
        return c.Amount(parse_amount(text))
    except InvalidInput as e:
        raise InvalidInput(f"{option} '{value}': {e}") from None


def proposed_effects(
    grants: tuple[str, ...],
    refer_backs: tuple[str, ...],
    rejects: tuple[str, ...],
    budget_changes: tuple[str, ...],
) -> tuple[c.ProposedEffect, ...]:
    """The options' effects; a budget change's lines on one ärende make one change,
    decided before the ärende's other effects."""
    out: list[c.ProposedEffect] = []
    # budget changes first: a grant on the same ärende may need the room they make
    changes: dict[tuple[int, int], list[c.LineChangeSpec]] = {}
    for value in budget_changes:
        example = "4:2024:4420:200000"
        n, year, rest = _parts(value, "--budget-change", 3, 3, example)
        if not ascii_digits(year, 4) or ":" not in rest:
            raise InvalidInput(
                f"--budget-change '{value}' has the wrong form (write it like {example})"
            )
        name, _, delta = rest.partition(":")
        line = c.LineChangeSpec(line=name.strip(), delta=_amount(delta, "--budget-change", value))
        changes.setdefault((int(n), int(year)), []).append(line)
    for (item, budget_year), lines in changes.items():
        change = c.ChangeBudget(year=budget_year, changes=tuple(lines))
        out.append(c.ProposedEffect(item=item, effect=change))
    for value in grants:
        n, insats, *amount = _parts(value, "--grant", 2, 3, "2:samcoach:775000")
        grant = c.GrantFunds(
            insats=insats, amount=_amount(amount[0], "--grant", value) if amount else None
        )
        out.append(c.ProposedEffect(item=int(n), effect=grant))
    for value in refer_backs:
        n, insats, reason = _parts(value, "--refer-back", 3, 3, "3:sfi:Komplettera med budget")
        out.append(c.ProposedEffect(item=int(n), effect=c.ReferBack(insats=insats, reason=reason)))
    for value in rejects:
        n, insats, *why = _parts(value, "--reject", 2, 3, "3:sfi:Utanför målgruppen")
        rejected = c.RejectApplication(insats=insats, reason=why[0] if why else "")
        out.append(c.ProposedEffect(item=int(n), effect=rejected))
    return tuple(out)
