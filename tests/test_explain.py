"""Provenance: `explain` lists events whose amounts sum exactly to the figure the
reports show, on random histories (the strategies of tests/test_agreement.py), and
`impact` lists what a paragraph changed."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commands import structs as c
from finsam_es.errors import InvalidInput
from projections.explain import check_figure
from projections.money_fold import Fold
from projections.queries import Reader
from store.application import FinsamApp
from tests.conftest import EXAMPLES, EXAMPLES_PER_PROPERTY, Clock, Finsam
from tests.test_agreement import FID, INSATSER, YEARS, build, histories


def figures_of(fold: Fold, year: int, as_of: date, known_at: datetime | None) -> dict[str, int]:
    """Every figure the reports give, by the name `explain` knows it by."""
    budget = fold.budget(FID, year, as_of, known_at)
    out = {f"budget:{year}:{r.line}": r.amount for r in budget.lines}
    out[f"result:{year}"] = fold.result(FID, year, as_of, known_at).result
    out["equity"] = fold.equity(FID, as_of, known_at).equity
    rows = {r.id: r for r in fold.insatser(FID, as_of, known_at).interventions}
    for insats in INSATSER:
        row = rows.get(insats)
        out[f"insats:{insats}:charged"] = row.charged if row else 0
        out[f"insats:{insats}:paid"] = row.paid if row else 0
        out[f"insats:{insats}:unused"] = row.unused if row else 0
    return out


@settings(
    max_examples=EXAMPLES_PER_PROPERTY, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(steps=histories(), data=st.data())
def test_explained_amounts_sum_to_the_figure_on_random_histories(
    steps: list[tuple[str, c.Command]], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        app = FinsamApp(str(Path(tmp) / "a.db"), clock=clock, actor="test")
        build(app, steps)
        fold = Fold(app.read())
        start, end = Clock().now, clock.now
        for _ in range(3):
            as_of = date(2023, 11, 1) + timedelta(days=data.draw(st.integers(0, 900)))
            known_at = data.draw(
                st.sampled_from([None, start + (end - start) * data.draw(st.floats(0, 1))])
            )
            year = data.draw(st.sampled_from((*YEARS, as_of.year)))
            provenance = Reader(app).at(as_of, known_at).audit.provenance(FID)
            for figure, value in figures_of(fold, year, as_of, known_at).items():
                answer = provenance.explain(figure, as_of)
                assert answer.value == value, figure
                assert sum(e.amount for e in answer.events) == value, figure
                assert all(e.actor == "test" and e.amount for e in answer.events)
                if known_at is not None:
                    assert all(
                        datetime.fromisoformat(e.recorded) <= known_at for e in answer.events
                    )


@pytest.mark.parametrize(
    "figure", ["budget:2024", "result:x", "equity:2024", "insats:a:spent", "kassa"]
)
def test_a_figure_that_is_not_one(figure: str) -> None:
    with pytest.raises(InvalidInput, match="is not a figure"):
        check_figure(figure)


@pytest.fixture
def solleftea(finsam: Finsam) -> Finsam:
    finsam("--actor", "sekreteraren", "import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def test_explain_equity_of_the_example_sums_to_the_report(solleftea: Finsam) -> None:
    answer = solleftea.json("explain", "equity", "--as-of", "2024-12-31")
    # 584 026 kr opening + 236 500 kr result of 2024 (tests/test_postgres.py)
    assert answer["value"] == 82_052_600
    assert sum(e["amount"] for e in answer["events"]) == answer["value"]
    assert set(answer) == {"figure", "as_of", "known_at", "value", "events"}
    keys = {"position", "amount", "effective", "recorded", "actor", "paragraph"}
    assert all(keys <= set(e) for e in answer["events"])
    assert answer["events"][0]["type"] == "Forbund.OpeningEquitySet"
    assert {e["actor"] for e in answer["events"]} == {"sekreteraren"}


def test_explain_a_budget_line_names_its_paragraph(solleftea: Finsam) -> None:
    answer = solleftea.json("explain", "budget:2024:kansli", "--as-of", "2024-12-31")
    budget = solleftea.json("budget", "--year", "2024", "--as-of", "2024-12-31")
    kansli = next(r for r in budget["lines"] if r["line"] == "kansli")
    assert answer["value"] == kansli["amount"] == 66_700_000  # 667 000 kr in the budget
    assert [e["paragraph"] for e in answer["events"]] == kansli["paragraphs"]
    table = solleftea("explain", "budget:2024:kansli", "--as-of", "2024-12-31").stdout
    assert "667 000 kr" in table


def test_explain_before_anything_was_recorded_is_zero(solleftea: Finsam) -> None:
    result = solleftea("explain", "equity", "--known-at", "2000-01-01", "--format", "json")
    assert '"value":0' in result.stdout
    assert "nothing was recorded by" in result.stderr


def test_impact_of_a_grant(solleftea: Finsam) -> None:
    # §2023:64 granted SamCoach 775 000 kr for 2024: charged in full by year end, and
    # the result and equity are that much lower than without it
    answer = solleftea.json("impact", "2023:64", "--as-of", "2024-12-31")
    changes = {f["figure"]: (f["before"], f["after"]) for f in answer["figures"]}
    assert changes["insats:samcoach:charged"] == (0, 77_500_000)
    before, after = changes["equity"]
    assert before - after == 77_500_000
    assert after == 82_052_600
    assert answer["events"]
    assert "775 000 kr" in solleftea("impact", "2023:64", "--as-of", "2024-12-31").stdout


def test_impact_of_a_paragraph_without_money(solleftea: Finsam) -> None:
    answer = solleftea.json("impact", "2025:14", "--as-of", "2025-12-31")
    assert answer["figures"] == []
    assert "has no recorded events" in solleftea("impact", "2099:1").stdout
