"""The verifikationslista (`bookings`) and the register of decisions (`decisions`) of a
year, on the Sollefteå example, in table, json and csv."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import EXAMPLES, Finsam


@pytest.fixture
def solleftea(finsam: Finsam) -> Finsam:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def test_bookings_are_numbered_in_date_order_with_their_text(solleftea: Finsam) -> None:
    answer = solleftea.json("bookings", "--year", "2024")
    rows = answer["bookings"]
    assert [r["number"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    first = rows[0]
    # the example's first booking: 1 416 000 kr allocation payment on 2024-01-31
    assert (first["date"], first["kind"], first["amount"]) == (
        "2024-01-31",
        "allocation_payment",
        141_600_000,
    )
    assert first["text"].startswith("Driftbidrag första halvåret 2024")
    # payments to owners are verifikationer too: SamCoach kv 1, 193 750 kr
    samcoach = [r for r in rows if r["insats"] == "samcoach"]
    assert samcoach[0]["kind"] == "payment" and samcoach[0]["amount"] == 19_375_000
    # the example's kansli bookings sum to 647 807 kr (its comment on the bookings)
    assert sum(r["amount"] for r in rows if r["line"] == "kansli" and r["kind"] == "cost") == (
        64_780_700
    )


def test_bookings_as_csv_and_table(solleftea: Finsam) -> None:
    text = solleftea("bookings", "--year", "2024", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["number"] == "1" and rows[0]["amount"] == "141600000"
    assert {(r["forbund"], r["orgnr"]) for r in rows} == {("Samordningsförbundet Sollefteå", "")}
    assert len(rows) == len(solleftea.json("bookings", "--year", "2024")["bookings"])
    assert "1 416 000 kr" in solleftea("bookings", "--year", "2024").stdout


def test_decisions_lists_paragraphs_with_money_effects(solleftea: Finsam) -> None:
    answer = solleftea.json("decisions", "--year", "2023")
    by_ref = {d["paragraph"]: d for d in answer["decisions"]}
    assert by_ref["2023:64"]["amount"] == 77_500_000  # SamCoach granted 775 000 kr
    assert by_ref["2023:64"]["events"] == ["Insats.GrantAwarded"]
    assert by_ref["2023:63"]["events"] == ["FiscalYear.BudgetAdopted"]  # 2024's budget
    # a referral back has an effect but moves no money
    assert by_ref["2023:65"]["amount"] is None
    text = solleftea("decisions", "--year", "2023", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["paragraph"] for r in rows] == list(by_ref)
    # every row names the förbund, and its organisation number (the example gives none)
    assert {(r["forbund"], r["orgnr"]) for r in rows} == {("Samordningsförbundet Sollefteå", "")}


def test_registers_as_known_before_anything(solleftea: Finsam) -> None:
    assert (
        solleftea.json("bookings", "--year", "2024", "--known-at", "2000-01-01")["bookings"] == []
    )
