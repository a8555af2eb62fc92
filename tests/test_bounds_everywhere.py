"""Issue 26: the bounds hold on every path into the store (commands/bounds.py), a store
already holding an event beyond them still answers (the view leaves it out and
`audit verify` names it), and a text from the store is printed as text."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from commands import bounds
from commands import structs as c
from commands.bus import execute
from finsam_es.errors import InvalidInput
from finsam_es.shares import parse as parse_member_share
from finsam_es.values import parse_share, visible
from store.application import FinsamApp
from tests.conftest import EXAMPLES, Finsam

SIE_HEAD = '#FLAGGA 0\n#SIETYP 4\n#VER A 1 20240315 "{text}"\n{{\n'
# 6010 is the chart's first other-cost line and 1930 the bank (finsam_es/chart.py)
SIE_ROWS = "#TRANS 6010 {{}} {amount}\n#TRANS 1930 {{}} -{amount}\n}}\n"


@pytest.fixture
def solleftea(finsam: Finsam) -> Finsam:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        # the two: 10^20 kr, and one krona beyond values.MAX_AMOUNT (10^9 kr)
        ("100000000000000000000", "100 000 000 000 000 000 000 kr"),
        ("1000000001", "1 000 000 001 kr"),
    ],
)
def test_a_sie_amount_beyond_the_bound_is_refused_in_one_line(
    solleftea: Finsam, tmp_path: Path, amount: str, shown: str
) -> None:
    sie = tmp_path / "big.se"
    sie.write_text(SIE_HEAD.format(text="Stor") + SIE_ROWS.format(amount=amount))
    before = solleftea.events()
    result = solleftea.fails("import-sie", str(sie))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: {sie}:3: amount: {shown} is beyond the largest amount finsam accepts "
        "(1 000 000 000 kr)"
    ]
    assert solleftea.events() == before


def test_a_sie_text_with_an_escape_sequence_is_refused(solleftea: Finsam, tmp_path: Path) -> None:
    sie = tmp_path / "esc.se"
    sie.write_text(SIE_HEAD.format(text="a\x1b[2Jb") + SIE_ROWS.format(amount="1.00"))
    before = solleftea.events()
    result = solleftea.fails("import-sie", str(sie))
    assert result.output.splitlines() == [
        f"error: {sie}:3: text: holds the control character U+001B, which finsam refuses "
        "in every text"
    ]
    assert solleftea.events() == before


def test_a_stored_event_beyond_the_bounds_is_left_out_and_named(
    solleftea: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store an older finsam wrote may hold 10^20 kr: the figures still answer, without
    it, and `audit verify` names its position."""
    result_before = solleftea.json("result", "--year", "2025")
    with monkeypatch.context() as m:
        m.setattr(bounds, "check", lambda command: None)  # as before the bound existed
        execute(
            FinsamApp(solleftea.db),
            c.Book(
                forbund="solleftea",
                kind="cost",
                line="kansli",
                amount=c.Amount(10**22),
                on=date(2025, 3, 1),
                text="stor",
            ),
        )
    position = solleftea.events()
    assert solleftea.json("result", "--year", "2025") == result_before
    solleftea("view", "rebuild")
    assert solleftea.json("result", "--year", "2025") == result_before
    verify = solleftea.fails("audit", "verify")
    assert (
        f"the event at position {position} is beyond finsam's bounds (amount = {10**22} is "
        "beyond the largest amount finsam accepts): the ledger view leaves it out"
    ) in verify.output


@pytest.mark.parametrize("text", ["1e999999999%", "inf", "nan", "1" * 5000 + "%", "1" * 5000])
def test_share_texts_are_refused_at_once(text: str) -> None:
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="is not a share"):
        parse_member_share(text)
    with pytest.raises(InvalidInput, match="is not a share"):
        parse_share(text)
    assert time.perf_counter() - started < 0.5  # Decimal('1e999999999') took minutes


def test_a_title_with_markup_and_escapes_is_shown_as_text(
    solleftea: Finsam, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = "[/bold]Öppnande \x1b[2J"
    solleftea("meeting", "open", "2025-06-01")
    with monkeypatch.context() as m:
        m.setattr(bounds, "check", lambda command: None)  # a store written before the bound
        added = solleftea("paragraph", "add", "2025-06-01", "--title", title).output
    number = re.search(r"§(\d+)", added)
    assert number is not None
    for args in (("log",), ("paragraph", "show", "2025", number[1]), ("minutes", "2025-06-01")):
        out = solleftea(*args).output
        assert "\x1b" not in out, args
        # shown whole, escaped, wherever a column leaves room for it
        assert visible(title) in out or "[/bold]Öppnande" in out, args


def test_the_cli_refuses_a_title_with_a_control_character(solleftea: Finsam) -> None:
    solleftea("meeting", "open", "2025-06-01")
    before = solleftea.events()
    result = solleftea.fails("paragraph", "add", "2025-06-01", "--title", "a\x00b")
    assert result.output.splitlines() == [
        "error: title: holds the control character U+0000, which finsam refuses in every text"
    ]
    assert solleftea.events() == before


def test_a_booking_in_the_last_year_without_a_budget_is_warned(solleftea: Finsam) -> None:
    """2199 is within the bounds (the last year finsam accepts), so the booking stands,
    but a year with no budget is said to be one: a mistyped year does not pass unseen."""
    result = solleftea("book", "cost", "kansli", "100", "--on", "2199-06-01")
    assert "warning: line 'kansli' is not in the 2199 budget" in result.output
    assert "2199-06-01" in result.output
