"""The grant-capacity rule on the aggregates alone: granted money for a year beyond what
the year's budget holds for insatser is a warning, never a refusal.

Also the index it reads by: the years each insats has granted money in, recorded on
the förbund. Figures: Sollefteå 2024 (seeds/solleftea-arsredovisning-2024.txt): the
budget holds 2 095 tkr for insatser ("Verksamhet"); SamCoach 775 tkr, SFI på modersmål
998 tkr and BIP 120 tkr were granted, 1 893 tkr in all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

from finsam_es.budget import BudgetLine
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from finsam_es.grant_capacity import grant_capacity_warnings
from finsam_es.insats import Insats
from finsam_es.membership import Member

KR = 100
AT = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)

SOL_LINES = (
    BudgetLine("driftbidrag", "income", 2_832_000 * KR),
    BudgetLine("verksamhet", "cost", 2_095_000 * KR, insats=True),
    BudgetLine("kansli", "cost", 737_000 * KR),
)


def budget_2024(lines: tuple[BudgetLine, ...] = SOL_LINES) -> FiscalYear:
    fy = FiscalYear.open_for("solleftea", 2024, AT)
    fy.adopt_budget(lines, (), 0, "2023:50", date(2023, 11, 23), AT)
    return fy


def granted(insats: str, amount: int, start: date = date(2024, 1, 1)) -> Insats:
    i = Insats.receive(
        "solleftea", insats, "", "individual", "solleftea", (), amount, start,
        date(start.year, 12, 31), "", date(2023, 10, 1), AT,
    )  # fmt: skip
    i.grant(None, None, None, "2023:50", date(2023, 11, 23), AT)
    return i


SOL_GRANTS = (
    granted("samcoach", 775_000 * KR),
    granted("sfi", 998_000 * KR),
    granted("bip", 120_000 * KR),
)


def never_loaded() -> Iterator[Insats]:
    raise AssertionError("the insatser were loaded though the rule did not need them")
    yield  # pragma: no cover - makes this a generator


def test_grants_within_what_the_budget_holds_for_insatser_are_fine() -> None:
    assert budget_2024().insats_capacity() == 2_095_000 * KR
    assert grant_capacity_warnings(2024, budget_2024(), SOL_GRANTS) == []


def test_grants_beyond_what_the_budget_holds_for_insatser_warn() -> None:
    # 1 893 tkr granted + 300 tkr more = 2 193 tkr, beyond the 2 095 tkr.
    more = granted("ny", 300_000 * KR)
    warnings = grant_capacity_warnings(2024, budget_2024(), (*SOL_GRANTS, more), more)
    assert warnings == [
        "grants for 2024 come to 2 193 000 kr, beyond the 2 095 000 kr the budget holds "
        "for insatser"
    ]


def test_only_the_years_money_counts() -> None:
    # a grant for 2025 takes nothing from 2024's budget
    later = granted("ny", 300_000 * KR, start=date(2025, 1, 1))
    assert grant_capacity_warnings(2024, budget_2024(), (*SOL_GRANTS, later), later) == []


def test_a_budget_without_money_for_insatser_checks_nothing_and_loads_nothing() -> None:
    lines = (BudgetLine("driftbidrag", "income", 100 * KR), BudgetLine("kansli", "cost", 100 * KR))
    assert grant_capacity_warnings(2024, budget_2024(lines), never_loaded()) == []


def test_a_grant_in_a_year_without_an_adopted_budget_warns_once_it_is_the_one_changed() -> None:
    samcoach = SOL_GRANTS[0]
    no_budget = (
        "no budget for 2024 is adopted: the grant cannot be checked against what the budget "
        "holds for insatser"
    )
    assert grant_capacity_warnings(2024, None, never_loaded(), samcoach) == [no_budget]
    unadopted = FiscalYear.open_for("solleftea", 2024, AT)
    assert grant_capacity_warnings(2024, unadopted, never_loaded(), samcoach) == [no_budget]
    # a budget decision (no insats changed) or an insats without money that year: silent
    assert grant_capacity_warnings(2024, None, never_loaded()) == []
    assert grant_capacity_warnings(2025, None, never_loaded(), samcoach) == []


# -- the index: which years each insats has money in ------------------------------------


def solleftea() -> Forbund:
    members = (
        Member("fk", "Försäkringskassan", "state", "1/4"),
        Member("af", "Arbetsförmedlingen", "state", "1/4"),
        Member("rvn", "Region Västernorrland", "region", "1/4"),
        Member("solleftea", "Sollefteå kommun", "municipality", "1/4"),
    )
    f = Forbund.register("solleftea", "Sollefteå", members, "at_least_half", AT, date(2005, 1, 1))
    f.collect_events()
    return f


def test_an_insats_has_money_in_the_years_its_grant_falls_in() -> None:
    assert SOL_GRANTS[0].money_years() == (2024,)
    # BIP's 2024 money carried into 2025 ("medlen flyttas med till 2025"): 2024 nets to 0
    bip = granted("bip", 120_000 * KR)
    bip.settle(2024, 0, "2025:5", date(2025, 2, 1), AT)
    bip.carry(2024, None, None, None, "2025:5", date(2025, 2, 1), AT)
    assert bip.granted_by_year() == {2024: 0, 2025: 120_000 * KR}
    assert bip.money_years() == (2025,)
    received = Insats.receive(
        "solleftea", "x", "", "individual", "", (), 1, date(2024, 1, 1), date(2024, 12, 31),
        "", date(2023, 10, 1), AT,
    )  # fmt: skip
    assert received.money_years() == ()


def test_recording_insats_years_records_only_years_not_noted_before() -> None:
    f = solleftea()
    f.record_insats_years("bip", (2024,), AT)
    f.record_insats_years("bip", (2024, 2025), AT)
    f.record_insats_years("bip", (2025,), AT)
    f.record_insats_years("samcoach", (), AT)
    events = f.collect_events()
    assert [(type(e).__name__, e.insats, e.years) for e in events] == [  # type: ignore[attr-defined]
        ("InsatsYearsNoted", "bip", (2024,)),
        ("InsatsYearsNoted", "bip", (2025,)),
    ]
    f.record_insats_years("samcoach", (2024,), AT)
    assert f.insatser_with_money_in(2024) == ("bip", "samcoach")
    assert f.insatser_with_money_in(2025) == ("bip",)
    assert f.insatser_with_money_in(2026) == ()
