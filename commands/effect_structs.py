"""The money effects a paragraph's decision carries (budget, grant, referral back,
postponement, settlement, ...), tagged by `do` in a journal (commands/structs.py gathers
every command)."""

from __future__ import annotations

from datetime import date

import msgspec

from commands.command_base import (
    NO_AMOUNT,
    Amount,
    Year,
)
from finsam_es.budget import LineKind
from finsam_es.meeting import Attendee as Attendee
from finsam_es.meeting import MeetingDetails as MeetingDetails  # commands carry it
from finsam_es.meeting import Serving as Serving

# -- money effects a paragraph's decision carries --------------------------------


class BudgetLineSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    line: str
    kind: LineKind
    amount: Amount
    name: str = ""
    insats: bool = False
    member: str | None = None  # the allocation of this member lands on this line
    members: tuple[str, ...] = ()  # ... or of these members (e.g. FK and AF together)
    plan: tuple[Amount, ...] = ()  # the plan years after the budget year, in order


class Effect(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="do"):
    pass


class AdoptBudget(Effect, frozen=True, kw_only=True, tag="adopt_budget"):
    year: Year
    lines: tuple[BudgetLineSpec, ...]
    from_equity: Amount = NO_AMOUNT


class LineChangeSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    line: str
    delta: Amount
    kind: LineKind | None = None
    name: str = ""
    insats: bool = False


class ChangeBudget(Effect, frozen=True, kw_only=True, tag="change_budget"):
    year: Year
    changes: tuple[LineChangeSpec, ...]
    from_equity: Amount = NO_AMOUNT


class YearAmountSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A year of a grant's schedule: ``{year = 2023, amount = "870 000"}``."""

    year: Year
    amount: Amount


class GrantFunds(Effect, frozen=True, kw_only=True, tag="grant"):
    insats: str
    amount: Amount | None = None
    start: date | None = None
    end: date | None = None
    # The amount of each year (finsam_es/schedule.py); empty: evenly over the months.
    # Journal fingerprints leave it out while empty.
    schedule: tuple[YearAmountSpec, ...] = ()


class ReferBack(Effect, frozen=True, kw_only=True, tag="refer_back"):
    insats: str
    reason: str


class RejectApplication(Effect, frozen=True, kw_only=True, tag="reject"):
    insats: str
    reason: str = ""


class YearMoveSpec(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Money a postponement moves to a later year: ``{from_year = 2021, to_year = 2022,
    amount = "400 000"}``."""

    from_year: Year
    to_year: Year
    amount: Amount


class PostponeStart(Effect, frozen=True, kw_only=True, tag="postpone_start"):
    insats: str
    start: date
    # What the decision does with the money of the months before the new start (see
    # finsam_es/schedule.py), and the new end of a start after the period. Journal
    # fingerprints leave them out while at their defaults.
    keep_schedule: bool = False
    moves: tuple[YearMoveSpec, ...] = ()
    end: date | None = None


class MovePeriod(Effect, frozen=True, kw_only=True, tag="move_period"):
    insats: str
    start: date


class ExtendPeriod(Effect, frozen=True, kw_only=True, tag="extend"):
    insats: str
    end: date
    extra: Amount = NO_AMOUNT


class EndEarly(Effect, frozen=True, kw_only=True, tag="end_early"):
    insats: str
    end: date


class SettleYear(Effect, frozen=True, kw_only=True, tag="settle"):
    insats: str
    year: Year
    used: Amount
    on: date | None = None  # defaults to the decision's date
    # The paragraph decides that more than the grant was used (left out of fingerprints
    # while false)
    beyond_grant: bool = False


class CarryUnused(Effect, frozen=True, kw_only=True, tag="carry"):
    insats: str
    from_year: Year
    amount: Amount | None = None
    start: date | None = None
    end: date | None = None


class AdoptAnnualReport(Effect, frozen=True, kw_only=True, tag="adopt_annual_report"):
    year: Year


class ExemptDeficit(Effect, frozen=True, kw_only=True, tag="exempt_deficit"):
    """Synnerliga skäl not to restore a year's negative balanskravsresultat (KL 11:13)."""

    year: Year
    reason: str


EffectType = (
    AdoptBudget
    | ChangeBudget
    | GrantFunds
    | ReferBack
    | RejectApplication
    | PostponeStart
    | MovePeriod
    | ExtendPeriod
    | EndEarly
    | SettleYear
    | CarryUnused
    | AdoptAnnualReport
    | ExemptDeficit
)
