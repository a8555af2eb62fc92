"""The money effect an ärende's förslag carries, as the agenda stores it: the paragraph's
own effect structs (commands/effect_structs.py) written as JSON tagged by ``do``, with
amounts in öre as every event holds them (finsam_es/agenda.py keeps the text without
reading it)."""

from __future__ import annotations

from typing import Any

import msgspec

from commands import structs as c
from commands.command_base import Amount
from finsam_es.agenda import AgendaItem
from finsam_es.errors import InvalidInput


def _in_ore(kind: type, obj: Any) -> Any:
    """Stored amounts are öre (the journal's are kronor: command_base.dec_hook)."""
    if kind is Amount and isinstance(obj, int) and not isinstance(obj, bool):
        return Amount(obj)
    raise NotImplementedError


def encode(effects: tuple[c.EffectType, ...]) -> str:
    return msgspec.json.encode(effects, enc_hook=int).decode()


def decode(text: str, item: int = 0) -> tuple[c.EffectType, ...]:
    """The effects an ärende's ``effects`` text holds; refused when it holds none."""
    where = f"ärende {item}: " if item else ""
    try:
        found = msgspec.json.decode(text, type=tuple[c.EffectType, ...], dec_hook=_in_ore)
    except msgspec.ValidationError as e:
        raise InvalidInput(f"{where}förslagets ekonomiska effekt är ogiltig ({e})") from None
    except msgspec.DecodeError:
        raise InvalidInput(f"{where}förslagets ekonomiska effekt är ingen JSON") from None
    if not found:
        raise InvalidInput(f"{where}förslaget har ingen ekonomisk effekt: lämna fältet tomt")
    return found


def with_effects(
    cmd: c.CallMeeting,
) -> tuple[tuple[AgendaItem, ...], dict[int, tuple[c.EffectType, ...]]]:
    """The call's ärenden with the effects each proposes written into it, and the
    effects by item number (from 1): an item's own text, checked, or ``cmd.effects``
    (which replace it, in the order given: a grant after the budget change it needs)."""
    effects = {n: decode(i.effects, n) for n, i in enumerate(cmd.items, 1) if i.effects}
    given: dict[int, list[c.EffectType]] = {}
    for proposed in cmd.effects:
        if not 1 <= proposed.item <= len(cmd.items):
            raise InvalidInput(
                f"en ekonomisk effekt för ärende {proposed.item}: kallelsen har "
                f"{len(cmd.items)} ärenden"
            )
        given.setdefault(proposed.item, []).append(proposed.effect)
    effects.update((n, tuple(e)) for n, e in given.items())
    items = tuple(
        msgspec.structs.replace(i, effects=encode(effects[n]) if n in effects else "")
        for n, i in enumerate(cmd.items, 1)
    )
    return items, effects
