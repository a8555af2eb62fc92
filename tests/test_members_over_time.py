"""Members over time and exact shares, through the command path: a förbund formed on
its date, a municipality joining or leaving by decision with every share from a date,
shares changing, the allocation divided by the shares in force, and the warnings a
controller expects (shares changing mid-year, negative opening equity).

Figures: a förbund of FK, AF, the region and municipalities; 25 % / 6 = 1/24 and
25 % / 3 = 1/12 (arithmetic in the comments).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli
from commands import structs as c
from finsam_es.fiscal_year import FiscalYear
from finsam_es.forbund import Forbund
from projections.money_reports import equity_report
from store.application import FinsamApp
from tests.conftest import Finsam, Refuse, Run, stored

KR = 100
FORMED = date(2015, 1, 1)
STATE_REGION = (
    c.MemberSpec(id="fk", kind="state", share="25%"),
    c.MemberSpec(id="af", kind="state", share="25%"),
    c.MemberSpec(id="rg", kind="region", share="25%"),
)


def municipalities(share: str, n: int) -> tuple[c.MemberSpec, ...]:
    return tuple(
        c.MemberSpec(id=f"k{i}", kind="municipality", share=share) for i in range(1, n + 1)
    )


def share(member: str, value: str) -> c.MemberShareSpec:
    return c.MemberShareSpec(member=member, share=value)


@pytest.fixture
def three(run: Run) -> None:
    """Three municipalities at 1/12 each (25 % / 3)."""
    run(
        c.CreateForbund(
            id="tre", name="Tre", members=(*STATE_REGION, *municipalities("1/12", 3)), on=FORMED
        )
    )


def forbund(app: FinsamApp) -> Forbund:
    return stored(app, Forbund, Forbund.id_for("tre"))


def join_k4(on: date, **more: Any) -> c.JoinForbund:
    # four municipalities at 1/16 each: 25 % / 4
    spec = c.MemberSpec(id="k4", kind="municipality", share="1/16")
    shares = tuple(share(f"k{i}", "1/16") for i in range(1, 4))
    return c.JoinForbund(member=spec, on=on, decision="förbundsordning 2020", shares=shares, **more)


def test_the_formation_date_is_kept(three: None, app: FinsamApp) -> None:
    assert forbund(app).formed == FORMED


def test_a_member_joins_and_every_share_changes_from_that_day(
    three: None, run: Run, app: FinsamApp
) -> None:
    outcome = run(join_k4(date(2020, 1, 1)))
    assert outcome.warnings == []  # from 1 January: no mid-year warning
    f = forbund(app)
    assert [m.share for m in f.members_on(date(2019, 12, 31))][3:] == ["1/12"] * 3
    assert [m.share for m in f.members_on(date(2020, 1, 1))][3:] == ["1/16"] * 4


def test_a_join_whose_shares_do_not_sum_is_refused(three: None, refused: Refuse) -> None:
    # 3 × 1/12 + 1/16 = 1/4 + 1/16: the others' shares were not restated
    spec = c.MemberSpec(id="k4", kind="municipality", share="1/16")
    error = refused(c.JoinForbund(member=spec, on=date(2020, 1, 1), decision="fo"))
    assert str(error) == (
        "the shares do not follow the law: the municipalities hold 31.25 %, the law says 25 %: "
        "restate the members' shares from that day (--share ID:SHARE)"
    )


def test_a_member_already_in_cannot_join(three: None, refused: Refuse) -> None:
    spec = c.MemberSpec(id="k1", kind="municipality", share="1/12")
    error = refused(c.JoinForbund(member=spec, on=date(2020, 1, 1), decision="fo"))
    assert str(error) == "'k1' is already a member"


def test_a_change_needs_its_decision(three: None, refused: Refuse) -> None:
    spec = c.MemberSpec(id="k4", kind="municipality", share="1/16")
    error = refused(c.JoinForbund(member=spec, on=date(2020, 1, 1), decision=" "))
    assert str(error).startswith("a member joins or leaves by decision: name it (--decision")


def test_changes_before_formation_or_out_of_order_are_refused(
    three: None, run: Run, refused: Refuse
) -> None:
    assert "formed on 2015-01-01" in str(refused(join_k4(date(2014, 6, 1))))
    run(join_k4(date(2020, 1, 1)))
    leave = c.LeaveForbund(
        member="k1",
        on=date(2019, 6, 30),
        decision="fo",
        shares=(share("k2", "1/8"), share("k3", "1/8")),
    )
    assert "in date order" in str(refused(leave))


def test_a_member_leaves_after_its_last_day(three: None, run: Run, app: FinsamApp) -> None:
    # k3 leaves after 2021-12-31: k1 and k2 hold 1/8 each (25 % / 2) from 2022-01-01
    run(
        c.LeaveForbund(
            member="k3",
            on=date(2021, 12, 31),
            decision="förbundsordning 2022",
            shares=(share("k1", "1/8"), share("k2", "1/8")),
        )
    )
    f = forbund(app)
    assert [m.id for m in f.members_on(date(2021, 12, 31))][-1] == "k3"
    assert [m.id for m in f.members_on(date(2022, 1, 1))] == ["fk", "af", "rg", "k1", "k2"]


def test_leave_for_a_non_member_is_refused(three: None, refused: Refuse) -> None:
    error = refused(c.LeaveForbund(member="k9", on=date(2021, 12, 31), decision="fo"))
    assert str(error) == ("'k9' is not a member on 2021-12-31 (members: fk, af, rg, k1, k2, k3)")


def test_a_share_for_a_member_not_there_is_refused(three: None, refused: Refuse) -> None:
    error = refused(
        c.LeaveForbund(
            member="k3", on=date(2021, 12, 31), decision="fo", shares=(share("k3", "1/8"),)
        )
    )
    assert "the member leaving keeps no share" in str(error)
    error = refused(
        c.ChangeShares(on=date(2021, 1, 1), decision="fo", shares=(share("k7", "1/8"),))
    )
    assert str(error) == "--share 'k7': no such member then"


def test_shares_changing_mid_year_are_warned_and_the_allocation_follows_its_first_day(
    three: None, run: Run, app: FinsamApp
) -> None:
    outcome = run(join_k4(date(2020, 7, 1)))
    assert outcome.warnings[0].startswith("the shares change on 2020-07-01, mid-year")
    # 2020's allocation of 1 200 000 kr by the shares of 1 January: each of the three
    # municipalities 1 200 000 / 12 = 100 000 kr; k4 none
    allocated = run(c.SetAllocation(year=2020, total=c.Amount(1_200_000 * KR)))
    assert any("the shares change on 2020-07-01, mid-year" in w for w in allocated.warnings)
    parts = forbund(app).split_by_shares(1_200_000 * KR, date(2020, 1, 1))
    assert [parts[f"k{i}"] for i in range(1, 4)] == [100_000 * KR] * 3
    assert "k4" not in parts


def test_an_amount_given_for_a_member_joining_mid_year_is_kept(
    three: None, run: Run, app: FinsamApp
) -> None:
    # k4 joins on 2020-07-01 and gives 50 000 kr for the second half of 2020
    run(join_k4(date(2020, 7, 1)))
    given = [("fk", 300_000), ("af", 300_000), ("rg", 300_000)]
    given += [("k1", 100_000), ("k2", 100_000), ("k3", 100_000), ("k4", 50_000)]
    members = tuple(c.MemberAmountSpec(member=m, amount=c.Amount(a * KR)) for m, a in given)
    run(c.SetAllocation(year=2020, members=members))
    fy = stored(app, FiscalYear, FiscalYear.id_for("tre", 2020))
    assert [(a.member, a.amount) for a in fy.allocation] == [(m, a * KR) for m, a in given]


def test_a_forbund_stored_with_parts_per_million_reads_exact_shares() -> None:
    # v1 of the Registered event kept 250 000 ppm (25 %) and 125 000 ppm (12.5 %)
    state: dict[str, Any] = {"members": [{"share": 250_000}, {"share": 125_000}]}
    Forbund.Registered.upcast_v1_v2(state)
    assert state == {"members": [{"share": "1/4"}, {"share": "1/8"}]}


def test_equal_payments_of_an_equal_six_way_split_give_no_warning(run: Run) -> None:
    # 6 × 1/24: 1/24 of 6 000 000 kr is 250 000 kr exactly
    run(c.CreateForbund(id="sex", name="Sex", members=(*STATE_REGION, *municipalities("1/24", 6))))
    given = [("fk", 1_500_000), ("af", 1_500_000), ("rg", 1_500_000)]
    given += [(f"k{i}", 250_000) for i in range(1, 7)]
    members = tuple(c.MemberAmountSpec(member=m, amount=c.Amount(a * KR)) for m, a in given)
    outcome = run(c.SetAllocation(year=2025, members=members))
    assert not [w for w in outcome.warnings if "share" in w]


def test_negative_opening_equity_is_warned(three: None, run: Run) -> None:
    outcome = run(c.SetOpeningEquity(year_end=date(2019, 12, 31), equity=c.Amount(-50_000 * KR)))
    assert outcome.warnings == [
        "the opening equity on 2019-12-31 is negative (-50 000 kr): the deficit is to be "
        "restored within three years (balanskrav, KL 11:12 through lag 2003:1210 21 §)"
    ]


# -- the command line ---------------------------------------------------------------------


@pytest.mark.parametrize("written", ["4.16667%", "1/24", "250000kr"])
def test_member_option_takes_percent_fraction_and_kronor(finsam: Finsam, written: str) -> None:
    sixth = {"4.16667%": "4.16665%", "1/24": "1/24", "250000kr": "250000kr"}[written]
    args = ["--member", "fk:state:25%", "--member", "af:state:25%", "--member", "rg:region:25%"]
    for i in range(1, 6):
        args += ["--member", f"k{i}:municipality:{written}"]
    args += ["--member", f"k6:municipality:{sixth}"]
    finsam("forbund", "create", "sex", "--name", "Sex", "--formed", "2024-01-01", *args)
    shown = finsam.json("forbund", "show", "--as-of", "2024-06-30")
    assert shown["formed"] == "2024-01-01"
    first = shown["members"][3]
    assert (first["id"], first["kind"]) == ("k1", "municipality")
    if written == "4.16667%":
        assert first["share"] == "416667/10000000"
    else:
        assert first["share"] == "1/24"
        assert first["share_percent"] == 4.1667  # 100 / 24 = 4.16666...


def test_a_refused_create_writes_nothing_and_says_why_in_one_line(finsam: Finsam) -> None:
    args = ["--member", "fk:state:25%", "--member", "af:state:25%", "--member", "rg:region:25%"]
    args += [arg for i in range(1, 7) for arg in ("--member", f"k{i}:municipality:4.16667%")]
    result = finsam.fails("forbund", "create", "sex", "--name", "Sex", *args)
    assert result.output.count("\n") == 1
    assert "municipalities hold 25.00002 %" in result.output
    assert finsam.events() == 0


def test_forbund_show_without_a_date_answers_as_before(finsam: Finsam) -> None:
    args = ["--member", "fk:state:25%", "--member", "af:state:25%", "--member", "rg:region:25%"]
    args += ["--member", "k1:municipality:12.5%", "--member", "k2:municipality:1/8"]
    finsam("forbund", "create", "ht", "--name", "HT", *args)
    members = finsam.json("forbund", "show")["members"]
    assert [m["share"] for m in members] == [25.0, 25.0, 25.0, 12.5, 12.5]
    assert [m["share_exact"] for m in members][3:] == ["1/8", "1/8"]


def test_join_and_leave_on_the_command_line(finsam: Finsam, db: str) -> None:
    args = ["--member", "fk:state:25%", "--member", "af:state:25%", "--member", "rg:region:25%"]
    args += ["--member", "k1:municipality:1/8", "--member", "k2:municipality:1/8"]
    finsam("forbund", "create", "tva", "--name", "Två", "--formed", "2015-01-01", *args)
    finsam(
        "forbund", "join", "k3:municipality:1/12:Kommun Tre", "--on", "2020-01-01",
        "--decision", "fo 2020", "--share", "k1:1/12", "--share", "k2:1/12",
    )  # fmt: skip
    shown = finsam.json("forbund", "show", "--as-of", "2020-01-01")
    assert [m["share"] for m in shown["members"]][3:] == ["1/12", "1/12", "1/12"]
    assert shown["changes"] == [
        {"date": "2020-01-01", "joined": "k3", "left": "", "decision": "fo 2020"}
    ]
    before = finsam.events()
    result = finsam.fails("forbund", "leave", "k9", "--on", "2020-12-31", "--decision", "x")
    assert "'k9' is not a member on 2020-12-31" in result.output
    assert finsam.events() == before
    result = CliRunner().invoke(cli, ["--db", db, "forbund", "join", "--help"])
    assert "Example:" in result.output


def test_negative_equity_after_a_result_is_warned_in_the_equity_report() -> None:
    # opening 10 000 kr at 2023-12-31, a loss of 50 000 kr in 2024: -40 000 kr
    report = equity_report(date(2024, 12, 31), (date(2023, 12, 31), 10_000 * KR), -50_000 * KR, 0)
    assert report.equity == -40_000 * KR
    assert report.warnings == (
        "equity is negative on 2024-12-31 after the results: -40 000 kr; the deficit is to be "
        "restored within three years (balanskrav, KL 11:12)",
    )
    # a negative opening that stays negative names both
    report = equity_report(date(2024, 12, 31), (date(2023, 12, 31), -10_000 * KR), 5_000 * KR, 0)
    assert report.warnings[0].startswith(
        "equity is negative: -10 000 kr at the opening (2023-12-31), -5 000 kr on 2024-12-31"
    )
    # restored: no warning
    assert (
        equity_report(
            date(2024, 12, 31), (date(2023, 12, 31), -10_000 * KR), 10_000 * KR, 0
        ).warnings
        == ()
    )
