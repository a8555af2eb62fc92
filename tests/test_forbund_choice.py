"""Choosing the förbund when a store holds many (issue 25 item 8): the refusal names how
many there are and the command that lists them, in one line, instead of naming all 410
(a 2.5 KB message)."""

from __future__ import annotations

import pytest

from finsam_es.errors import InvalidInput, NotFound
from finsam_es.registry import choose_forbund

MANY = tuple(f"forbund-{n:03d}" for n in range(410))  # the national scale of issue 25


def test_many_forbund_are_counted_not_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        choose_forbund(MANY, None)
    message = str(refused.value)
    assert message == (
        "the store holds 410 förbund; choose one with --forbund (finsam forbund list lists them)"
    )
    assert "\n" not in message


def test_an_unknown_forbund_among_many_is_counted_not_named() -> None:
    with pytest.raises(NotFound) as refused:
        choose_forbund(MANY, "kramfors")
    assert str(refused.value) == (
        "no förbund 'kramfors' (the store holds 410 förbund; finsam forbund list lists them)"
    )


def test_a_few_forbund_are_named() -> None:
    with pytest.raises(InvalidInput, match=r"holds 2 förbund \(a, b\); choose one"):
        choose_forbund(("a", "b"), None)
    assert choose_forbund(("a", "b"), "b") == "b"
    assert choose_forbund(("a",), None) == "a"
