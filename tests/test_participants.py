"""An insats's participants (issue 23): counts only, from its interim or final report,
refused when the parts do not add up.

Figures from seeds/solleftea-arsredovisning-2024.txt, 1.5: SFI "69 (SFI på modersmål: 14,
SFI med förstärkt läs- och skrivstöd: 55)", "~ 77 % kvinnor": 0.77 x 69 = 53.1 -> 53 women,
16 men. SamCoach: "Avslutade 2024: 15"; 125 persons in the two individual insatser less
SFI's 69 = 56; ~60 % women: 34 of 56; referred 50 % FK = 28, 27.5 % AF = 15 (15.4),
10 % the region = 6 (5.6), 12.5 % the municipality = 7 (the example's comment).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_es.errors import InvalidInput
from finsam_es.follow_up import Count, ParticipantBook, Participants, Report
from projections.participants import participant_rows
from tests.conftest import EXAMPLES, Finsam

AT = datetime(2026, 1, 1, tzinfo=UTC)
KEYS = {"total", "new", "finished", "women", "men", "other", "referred_by"}


@pytest.fixture(scope="module")
def solleftea(tmp_path_factory: pytest.TempPathFactory) -> Finsam:
    finsam = Finsam(str(tmp_path_factory.mktemp("participants") / "s.db"))
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def participants(finsam: Finsam, *more: str) -> dict[str, dict[str, Any]]:
    return {r["insats"]: r for r in finsam.json("participants", "--year", "2024", *more)}


def test_the_seed_s_participants(solleftea: Finsam) -> None:
    rows = participants(solleftea)
    sfi, samcoach = rows["sfi"], rows["samcoach"]
    assert set(sfi) >= KEYS
    assert (sfi["total"], sfi["women"], sfi["men"], sfi["other"]) == (69, 53, 16, 0)
    assert sfi["parts"] == {"SFI på modersmål": 14, "SFI med förstärkt läs- och skrivstöd": 55}
    assert round(100 * 53 / 69) == 77
    assert (samcoach["total"], samcoach["finished"], samcoach["women"], samcoach["men"]) == (
        56,
        15,
        34,
        22,
    )
    assert samcoach["referred_by"] == {"fk": 28, "af": 15, "rvn": 6, "solleftea": 7}
    assert sfi["total"] + samcoach["total"] == 125  # "ca 125 personer berörts"


def test_participants_count_from_the_day_of_the_report(solleftea: Finsam) -> None:
    assert participants(solleftea, "--as-of", "2025-03-19") == {}
    assert set(participants(solleftea, "--as-of", "2025-03-20")) == {"samcoach", "sfi"}
    csv_lines = solleftea("participants", "--year", "2024", "--format", "csv").output.splitlines()
    head = "insats,report,total,new,finished,women,men,other,referred_by"
    assert csv_lines[0] == head + ",forbund,orgnr"  # whose, on every row (no orgnr here)
    samcoach = 'samcoach,final,56,,15,34,22,0,"fk: 28, af: 15, rvn: 6, solleftea: 7"'
    assert csv_lines[1] == samcoach + ",Samordningsförbundet Sollefteå,"


REFUSED = [
    (("--total", "10", "--women", "6", "--men", "3"), "women 6 + men 3 + other 0 = 9, not the total 10"),
    (("--total", "10", "--women", "10", "--finished", "11"), "11 finished of 10 in all"),
    (("--total", "10", "--women", "10", "--referred", "fk:6", "--referred", "af:5"), "11 referred by the members, 10 in all"),
    (("--total", "10", "--women", "10", "--part", "A:4", "--part", "B:5"), "the parts 4 + 5 do not make the total 10"),
    (("--total", "10", "--women", "10", "--referred", "nobody:1"), "solleftea has no member 'nobody'"),
    (("--total", "10", "--women", "10", "--referred", "fk"), "'fk' is not NAME:COUNT, like fk:28"),
]  # fmt: skip


@pytest.mark.parametrize(("counts", "message"), REFUSED)
def test_counts_that_do_not_add_up_are_refused_in_one_line(
    solleftea: Finsam, counts: tuple[str, ...], message: str
) -> None:
    events = solleftea.events()
    result = solleftea.fails(
        "follow-up", "participants", "sfi", "--year", "2024", "--on", "2024-06-30", *counts
    )
    (line,) = result.output.strip().splitlines()
    assert message in line
    assert solleftea.events() == events


def test_the_final_report_answers_over_the_interim() -> None:
    book = ParticipantBook.open_for("sol", 2024, AT)
    counts = Participants(total=30, women=20, men=10)
    interim = Report(
        insats="sfi", start=date(2024, 1, 1), end=date(2024, 6, 30), kind="interim",
        participants=counts,
    )  # fmt: skip
    book.report(interim, date(2024, 8, 15), AT)
    final = Report(
        insats="sfi", start=date(2024, 1, 1), end=date(2024, 12, 31), kind="final",
        participants=Participants(total=69, women=53, men=16, referred_by=(Count("af", 69),)),
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="a final report of a period to 2024-12-31 comes after"):
        book.report(final, date(2024, 12, 1), AT)
    book.report(final, date(2025, 2, 1), AT)
    events = book.collect_events()
    (mid,) = participant_rows(events, date(2024, 12, 31), {"sfi": "SFI"})
    (end,) = participant_rows(events, date(2025, 2, 1), {"sfi": "SFI"})
    assert (mid.total, mid.report, end.total, end.report) == (30, "interim", 69, "final")
    with pytest.raises(InvalidInput, match="not within 2024"):
        book.report(msgspec.structs.replace(final, end=date(2025, 1, 31)), date(2025, 2, 1), AT)


@given(
    women=st.integers(0, 200),
    men=st.integers(0, 200),
    other=st.integers(0, 200),
    off=st.sampled_from((0, 0, 0, 1, -1)),
    finished=st.none() | st.integers(0, 400),
    parts=st.lists(st.integers(0, 100), max_size=3),
    parts_fit=st.booleans(),
)
def test_counts_are_accepted_exactly_when_they_add_up(
    women: int,
    men: int,
    other: int,
    off: int,
    finished: int | None,
    parts: list[int],
    parts_fit: bool,
) -> None:
    """Drawn near the rule (the total is the sum, or one off; the parts made to fit half
    the time), so both sides of it are met often."""
    total = max(0, women + men + other + off)
    if parts and parts_fit and sum(parts[:-1]) <= total:
        parts[-1] = total - sum(parts[:-1])
    counts = Participants(
        total=total,
        women=women,
        men=men,
        other=other,
        finished=finished,
        parts=tuple(Count(f"del {i}", n) for i, n in enumerate(parts)),
    )
    adds_up = (
        women + men + other == total
        and (finished is None or finished <= total)
        and (not parts or sum(parts) == total)
    )
    try:
        counts.checked("sfi")
    except InvalidInput as e:
        assert not adds_up
        assert "\n" not in str(e) and str(e).startswith("sfi's participants: ")
    else:
        assert adds_up
