"""Every command finsam accepts, one namespace for the faces and the journal
(``from commands import structs as c``): the commands live by concern in the modules
below, as the handlers do, and are gathered here so the CLI, the journal file and the
web forms name each one the same way."""

from __future__ import annotations

from commands.account_structs import *  # noqa: F403
from commands.agenda_structs import *  # noqa: F403
from commands.command_base import *  # noqa: F403
from commands.effect_structs import *  # noqa: F403
from commands.follow_up_structs import *  # noqa: F403
from commands.governance_structs import *  # noqa: F403
from commands.minutes_structs import *  # noqa: F403
from commands.money_structs import *  # noqa: F403
