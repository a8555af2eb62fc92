"""The money effects of a paragraph's decisions: budgets, the annual report and the
board's decisions on insatser.

``decide_effects`` runs each effect through the function the ``EFFECTS`` table names
for its type. Each returns the line the paragraph records of it (Swedish, as in the
minutes) and the warnings the board should hear. A decision on an insats is refused
when it changes the money of a closed year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from commands import structs as c
from commands.budget_rules import budget_rule_warnings
from commands.loading import (
    check_year_open,
    insatser_with_money_in,
    load_insats,
    opened,
    year_is_open,
)
from commands.public_meeting import budget_meeting_warnings
from finsam_es.balanskrav import DeficitExemption
from finsam_es.budget import BudgetLine, LineAmount, LineChange, PlanYear
from finsam_es.closed_year import check_closed_years_unchanged
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.grant_capacity import grant_capacity_warnings, unbudgeted_line_warnings
from finsam_es.insats import Insats
from finsam_es.schedule import YearAmount, YearMove
from finsam_es.values import format_kr
from store.unit_of_work import UnitOfWork

Decided = tuple[str, list[str]]  # the paragraph's line about the effect, and warnings


@dataclass(frozen=True)
class ByParagraph:
    """The paragraph deciding: its unit of work, förbund, reference ("2024:12") and date."""

    uow: UnitOfWork
    forbund: Forbund
    paragraph: str
    on: date


def decide_effects(
    uow: UnitOfWork, f: Forbund, effects: tuple[c.EffectType, ...], paragraph: str, on: date
) -> tuple[tuple[str, ...], list[str]]:
    """Decide each effect of the paragraph; its summary lines and the warnings."""
    by = ByParagraph(uow, f, paragraph, on)
    summaries: list[str] = []
    warnings: list[str] = []
    for effect in effects:
        summary, more = EFFECTS[type(effect)](by, effect)
        summaries.append(summary)
        warnings.extend(more)
    return tuple(summaries), warnings


INSATS_TITLES: dict[type[c.Effect], str] = {
    c.GrantFunds: "Ansökan om medel",
    c.ReferBack: "Ansökan om medel",
    c.RejectApplication: "Ansökan om medel",
    c.PostponeStart: "Senarelagd start",
    c.MovePeriod: "Ändrad period",
    c.ExtendPeriod: "Förlängning",
    c.EndEarly: "Avslut i förtid",
    c.CarryUnused: "Ej förbrukade medel",
}


def effect_title(uow: UnitOfWork, f: Forbund, effect: c.EffectType) -> str:
    """The title of a paragraph whose decision is this effect, with names, not ids."""
    if isinstance(effect, c.AdoptBudget):
        return f"Verksamhetsplan och budget {effect.year}"
    if isinstance(effect, c.ChangeBudget):
        return f"Budgetändring {effect.year}"
    if isinstance(effect, c.AdoptAnnualReport):
        return f"Årsredovisning {effect.year}"
    if isinstance(effect, c.ExemptDeficit):
        return f"Balanskravsresultat {effect.year}: synnerliga skäl"
    name = load_insats(uow, f.forbund, effect.insats).name
    if isinstance(effect, c.SettleYear):
        return f"Förbrukade medel {effect.year}: {name}"
    return f"{INSATS_TITLES[type(effect)]}: {name}"


# -- the budget and the annual report -------------------------------------------------


def adopt_budget(by: ByParagraph, effect: c.AdoptBudget) -> Decided:
    lines = budget_lines(by.forbund, effect.lines)
    plan = plan_years(effect)
    fy = opened(by.uow, FiscalYear, by.forbund.forbund, effect.year)
    from_equity = int(effect.from_equity)
    warnings = fy.adopt_budget(lines, plan, from_equity, by.paragraph, by.on, by.uow.at)
    summary = f"fastställa verksamhetsplan och budget för {effect.year}"
    if effect.from_equity:
        summary += f" med {format_kr(effect.from_equity)} ur eget kapital"
    warnings += budget_rule_warnings(by.uow, by.forbund, fy, by.on)
    warnings += budget_meeting_warnings(by.uow, by.forbund.forbund, by.on)  # issue 20, item 7
    return summary, warnings + grant_capacity(by, (effect.year,))


def budget_lines(f: Forbund, specs: tuple[c.BudgetLineSpec, ...]) -> tuple[BudgetLine, ...]:
    """The budget's lines; an income line names the members whose allocation it holds."""
    members_of = {s.line: ((s.member,) if s.member else ()) + s.members for s in specs}
    for ids in members_of.values():
        for member_id in ids:
            f.member(member_id)
    return tuple(
        BudgetLine(
            line=s.line,
            kind=s.kind,
            amount=int(s.amount),
            name=s.name,
            insats=s.insats,
            members=members_of[s.line],
        )
        for s in specs
    )


def plan_years(effect: c.AdoptBudget) -> tuple[PlanYear, ...]:
    """The plan for the years after the budget year, from each line's ``plan``."""
    count = max((len(s.plan) for s in effect.lines), default=0)
    return tuple(
        PlanYear(
            year=effect.year + i + 1,
            lines=tuple(
                LineAmount(s.line, int(s.plan[i])) for s in effect.lines if len(s.plan) > i
            ),
        )
        for i in range(count)
    )


def change_budget(by: ByParagraph, effect: c.ChangeBudget) -> Decided:
    changes = tuple(
        LineChange(line=s.line, delta=int(s.delta), kind=s.kind, name=s.name, insats=s.insats)
        for s in effect.changes
    )
    fy = opened(by.uow, FiscalYear, by.forbund.forbund, effect.year)
    names = {line: b.name for line, b in fy.lines.items() if b.name}
    fy.change_budget(changes, int(effect.from_equity), by.paragraph, by.on, by.uow.at)
    parts = [
        f"{s.name or names.get(s.line, s.line)} {'+' if s.delta >= 0 else '−'}"
        f"{format_kr(abs(s.delta))}"
        for s in effect.changes
    ]
    summary = f"ändra budgeten för {effect.year}: " + ", ".join(parts)
    if effect.from_equity:
        summary += f" ({format_kr(effect.from_equity)} ur eget kapital)"
    warnings = budget_rule_warnings(by.uow, by.forbund, fy, by.on)
    return summary, warnings + grant_capacity(by, (effect.year,))


def adopt_annual_report(by: ByParagraph, effect: c.AdoptAnnualReport) -> Decided:
    fy = opened(by.uow, FiscalYear, by.forbund.forbund, effect.year)
    warnings = fy.adopt_annual_report(by.paragraph, by.on, by.uow.at)
    return f"fastställa årsredovisningen för {effect.year}", warnings


def exempt_deficit(by: ByParagraph, effect: c.ExemptDeficit) -> Decided:
    exemption = opened(by.uow, DeficitExemption, by.forbund.forbund, effect.year)
    exemption.exempt(effect.reason, by.paragraph, by.on, by.uow.at)
    return (
        "synnerliga skäl finns för att inte återställa det negativa balanskravsresultatet "
        f"för {effect.year} ({effect.reason.strip()})",
        [],
    )


# -- decisions on an insats -------------------------------------------------------------


class InsatsEffect(Protocol):
    @property
    def insats(self) -> str: ...


E = TypeVar("E", bound=InsatsEffect)


def on_insats(
    decide: Callable[[ByParagraph, E, Insats], Decided],
) -> Callable[[ByParagraph, E], Decided]:
    """Load the insats the effect names, decide, and refuse a change to the money of a
    closed year."""

    def run(by: ByParagraph, effect: E) -> Decided:
        insats = load_insats(by.uow, by.forbund.forbund, effect.insats)
        before = insats.charges_by_year()
        decided = decide(by, effect, insats)
        forbund = by.forbund.forbund
        check_closed_years_unchanged(
            before,
            insats.charges_by_year(),
            lambda year: by.uow.get(FiscalYear, FiscalYear.id_for(forbund, year)),
        )
        return decided

    return run


def grant(by: ByParagraph, effect: c.GrantFunds, insats: Insats) -> Decided:
    amount = None if effect.amount is None else int(effect.amount)
    schedule = tuple(YearAmount(s.year, int(s.amount)) for s in effect.schedule)
    # the decision's own period (the aggregate's default), not a union with earlier grants
    start, end = effect.start or insats.period[0], effect.end or insats.period[1]
    insats.grant(
        amount, effect.start, effect.end, by.paragraph, by.on, by.uow.at, schedule=schedule
    )
    granted = effect.amount if effect.amount is not None else insats.asked
    record_insats_years(by, insats)
    years = tuple(range(start.year, end.year + 1))
    to = f"{owner_name(by, insats)} " if insats.owner else ""
    summary = f"bevilja {to}{format_kr(granted)} för insatsen {insats.name} " + period_words(
        start, end
    )
    if schedule:
        summary += " (" + ", ".join(f"{s.year}: {format_kr(s.amount)}" for s in schedule) + ")"
    budgets = {y: by.uow.get(FiscalYear, FiscalYear.id_for(by.forbund.forbund, y)) for y in years}
    warnings = unbudgeted_line_warnings(insats, budgets)
    return summary, grant_capacity(by, years, insats) + warnings


def owner_name(by: ByParagraph, insats: Insats) -> str:
    """The name of the member (or other body) that owns the insats, as the minutes say it."""
    names = {m.id: m.name for m in by.forbund.members}
    return names.get(insats.owner, insats.owner)


def period_words(start: date, end: date) -> str:
    """'under 2024' for a whole calendar year, else 'för perioden 2024-03-01–2024-12-31'."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"under {start.year}"
    return f"för perioden {start}–{end}"


def refer_back(by: ByParagraph, effect: c.ReferBack, insats: Insats) -> Decided:
    insats.refer_back(effect.reason, by.paragraph, by.on, by.uow.at)
    to = f" till {owner_name(by, insats)}" if insats.owner else ""
    return (
        f"återremittera ansökan om medel för insatsen {insats.name}{to} för komplettering: "
        f"{effect.reason.rstrip('.')}",
        [],
    )


def reject(by: ByParagraph, effect: c.RejectApplication, insats: Insats) -> Decided:
    insats.reject(effect.reason, by.paragraph, by.on, by.uow.at)
    reason = f": {effect.reason}" if effect.reason else ""
    by_whom = f" från {owner_name(by, insats)}" if insats.owner else ""
    return f"avslå ansökan{by_whom} om medel för insatsen {insats.name}{reason}", []


def postpone_start(by: ByParagraph, effect: c.PostponeStart, insats: Insats) -> Decided:
    moves = tuple(YearMove(m.from_year, m.to_year, int(m.amount)) for m in effect.moves)
    insats.postpone_start(
        effect.start,
        by.paragraph,
        by.on,
        by.uow.at,
        keep_schedule=effect.keep_schedule,
        moves=moves,
        new_end=effect.end,
    )
    summary = f"skjuta upp starten av {insats.name} till {effect.start}"
    if effect.end is not None:
        summary += f" med slut {effect.end}"
    if effect.keep_schedule:
        summary += " med kostnaden per år som beslutad"
    for m in moves:
        summary += f", flytta {format_kr(m.amount)} från {m.from_year} till {m.to_year}"
    if not (moves or effect.keep_schedule):
        return summary, []
    record_insats_years(by, insats)
    years = tuple(sorted({y for y, a in insats.charges_by_year().items() if a}))
    return summary, grant_capacity(by, years, insats)


def move_period(by: ByParagraph, effect: c.MovePeriod, insats: Insats) -> Decided:
    insats.move_period(effect.start, by.paragraph, by.on, by.uow.at)
    record_insats_years(by, insats)
    years = tuple(range(insats.period[0].year, insats.period[1].year + 1))
    summary = f"flytta perioden för {insats.name} till start {effect.start}"
    return summary, grant_capacity(by, years, insats)


def extend(by: ByParagraph, effect: c.ExtendPeriod, insats: Insats) -> Decided:
    insats.extend(effect.end, int(effect.extra), by.paragraph, by.on, by.uow.at)
    record_insats_years(by, insats)
    years = tuple(range(by.on.year, effect.end.year + 1))
    extra = f" och bevilja ytterligare {format_kr(effect.extra)}" if effect.extra else ""
    return f"förlänga {insats.name} till {effect.end}{extra}", grant_capacity(by, years, insats)


def end_early(by: ByParagraph, effect: c.EndEarly, insats: Insats) -> Decided:
    insats.end_early(effect.end, by.paragraph, by.on, by.uow.at)
    return f"avsluta {insats.name} i förtid den {effect.end}", []


def settle(by: ByParagraph, effect: c.SettleYear, insats: Insats) -> Decided:
    on = effect.on or by.on
    check_year_open(by.uow, by.forbund.forbund, on)
    open_ = year_is_open(by.uow, by.forbund.forbund, effect.year)
    beyond = by.paragraph if effect.beyond_grant else None
    insats.settle(
        effect.year,
        int(effect.used),
        by.paragraph,
        on,
        by.uow.at,
        year_open=open_,
        beyond_grant=beyond,
    )
    used = format_kr(effect.used)
    summary = f"fastställa förbrukade medel för {insats.name} {effect.year}: {used}"
    if effect.beyond_grant:
        summary += " (utöver beviljade medel)"
    return summary, []


def carry(by: ByParagraph, effect: c.CarryUnused, insats: Insats) -> Decided:
    amount = insats.carry(
        effect.from_year, effect.amount, effect.start, effect.end, by.paragraph, by.on, by.uow.at
    )
    record_insats_years(by, insats)
    to_year = effect.from_year + 1
    summary = (
        f"flytta {format_kr(amount)} ej förbrukade medel för {insats.name} "
        f"från {effect.from_year} till {to_year}"
    )
    return summary, grant_capacity(by, (to_year,), insats)


# -- the grant-capacity rule and the index it reads by --------------------------------


def record_insats_years(by: ByParagraph, insats: Insats) -> None:
    """Record on the förbund the years the insats now has granted money in: the index
    by which the grant-capacity check loads only the insatser of a year."""
    by.forbund.record_insats_years(insats.insats, insats.money_years(), by.uow.at)


def grant_capacity(
    by: ByParagraph, years: tuple[int, ...], changed: Insats | None = None
) -> list[str]:
    """The grant-capacity rule for each year, fed with the year's budget and its insatser."""
    uow, f = by.uow, by.forbund
    warnings = []
    for year in years:
        budget = uow.get(FiscalYear, FiscalYear.id_for(f.forbund, year))
        insatser = insatser_with_money_in(uow, f, year)
        warnings += grant_capacity_warnings(year, budget, insatser, changed)
    return warnings


EFFECTS: dict[type[c.Effect], Callable[[ByParagraph, Any], Decided]] = {
    c.AdoptBudget: adopt_budget,
    c.ChangeBudget: change_budget,
    c.AdoptAnnualReport: adopt_annual_report,
    c.ExemptDeficit: exempt_deficit,
    c.GrantFunds: on_insats(grant),
    c.ReferBack: on_insats(refer_back),
    c.RejectApplication: on_insats(reject),
    c.PostponeStart: on_insats(postpone_start),
    c.MovePeriod: on_insats(move_period),
    c.ExtendPeriod: on_insats(extend),
    c.EndEarly: on_insats(end_early),
    c.SettleYear: on_insats(settle),
    c.CarryUnused: on_insats(carry),
}
