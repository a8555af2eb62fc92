"""The command side's tables are whole: every command has its handler, every effect a
paragraph can carry has its decision, and loading gives the aggregate asked for."""

from __future__ import annotations

from typing import get_args

import pytest

from commands import structs as c
from commands.bus import HANDLERS, execute
from commands.decisions import EFFECTS
from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from store.application import FinsamApp
from store.unit_of_work import UnitOfWork


def subclasses(cls: type) -> set[type]:
    """The subclasses the commands package declares (commands.structs and the modules
    beside it, like commands.agenda_structs; tests may declare their own)."""
    found: set[type] = set()
    direct: list[type] = cls.__subclasses__()
    for sub in direct:
        if sub.__module__.split(".")[0] == "commands":
            found |= {sub} | subclasses(sub)
    return found


def test_every_command_has_a_handler() -> None:
    assert set(HANDLERS) == subclasses(c.Command)


def test_every_effect_has_a_decision() -> None:
    assert set(EFFECTS) == set(get_args(c.EffectType)) == subclasses(c.Effect)


def test_loading_gives_the_aggregate_asked_for_or_none(app: FinsamApp) -> None:
    members = (
        c.MemberSpec(id="fk", kind="state", share="25%"),
        c.MemberSpec(id="af", kind="state", share="25%"),
        c.MemberSpec(id="rvn", kind="region", share="25%"),
        c.MemberSpec(id="k", kind="municipality", share="25%"),
    )
    execute(app, c.CreateForbund(id="prov", name="Prov", members=members))
    uow = UnitOfWork(app)
    f = uow.get(Forbund, Forbund.id_for("prov"))
    assert isinstance(f, Forbund) and f.forbund == "prov"
    assert uow.get(Forbund, Forbund.id_for("prov")) is f  # loaded once per unit of work
    assert uow.get(MinutesBook, MinutesBook.id_for("prov", 2024)) is None
    with pytest.raises(TypeError, match="is a Forbund, not a MinutesBook"):
        uow.get(MinutesBook, Forbund.id_for("prov"))
    assert uow.commit() == 0  # loading records nothing
