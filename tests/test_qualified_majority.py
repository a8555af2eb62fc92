"""A qualified majority as a charter setting (lag 2003:1210 9 § p. 6: the förbunds-
ordning may ask a qualified majority for named matters): the charter names the matter
and the share with its source, and a vote on that matter is judged by it.

The board has five ledamöter (tests/test_votes.py's). The charter asks two thirds of the
votes cast for the budget. Arithmetic: 3 ja of 5 cast is 3/5 = 0.60 < 2/3, so the ja
proposal falls although it has the simple majority; 4 of 5 is 0.80 >= 2/3 and passes;
3 ja, 1 nej and 1 avstår is 3 of 4 cast = 0.75 >= 2/3 and passes (avstår is not cast).
"""

from __future__ import annotations

from fractions import Fraction

import msgspec
import pytest

from finsam_es.charter import Charter, QualifiedMajority, check_charter
from finsam_es.errors import InvalidInput, Refused
from finsam_es.vote import Vote, judged_by_charter, outcome
from tests.conftest import Finsam
from tests.test_votes import DAY, meeting  # noqa: F401 - the fixture

SOURCE = "Förbundsordningen 9 §"


def vote(finsam: Finsam, ja: tuple[str, ...], nej: tuple[str, ...], *more: str) -> None:
    finsam("paragraph", "vote", "2024", "1", "--proposal", "A:Budgeten fastställs",
           "--proposal", "B:Budgeten återremitteras", "--moved-by", "B:Per Ek",
           "--open", "A:B", *(a for n in ja for a in ("--ja", n)),
           *(a for n in nej for a in ("--nej", n)), *more)  # fmt: skip


@pytest.fixture
def charter(meeting: Finsam) -> Finsam:  # noqa: F811 - the fixture imported above
    meeting("forbund", "charter", "--on", "2024-01-01", "--qualified-majority", "budget:2/3",
            "--source", SOURCE)  # fmt: skip
    return meeting


def test_the_charter_names_the_matter_and_its_share_with_the_source(charter: Finsam) -> None:
    shown = charter.json("forbund", "show")["charter"]
    assert shown["qualified_majorities"] == [{"matter": "budget", "share": "2/3"}]
    assert shown["source"] == SOURCE


def test_three_of_five_is_not_two_thirds(charter: Finsam) -> None:
    assert Fraction(3, 5) < Fraction(2, 3)
    vote(charter, ("Anna Berg", "Eva Lund", "Lars Nord"), ("Per Ek", "Mia Sund"),
         "--matter", "budget")  # fmt: skip
    shown = charter.json("paragraph", "show", "2024", "1")["vote"]
    assert (shown["outcome"], shown["qualified"], shown["matter"]) == ("B", "2/3", "budget")
    assert shown["qualified_source"] == SOURCE
    text = charter("minutes", DAY).output
    assert (
        "Med 3–2 har styrelsen beslutat enligt förslag B "
        f"(kvalificerad majoritet 2/3 för budget, {SOURCE})"
    ) in text


def test_four_of_five_and_three_of_four_cast_pass(charter: Finsam) -> None:
    assert Fraction(4, 5) >= Fraction(2, 3) and Fraction(3, 4) >= Fraction(2, 3)
    vote(charter, ("Anna Berg", "Eva Lund", "Lars Nord", "Mia Sund"), ("Per Ek",),
         "--matter", "Budget")  # fmt: skip
    assert charter.json("paragraph", "show", "2024", "1")["vote"]["outcome"] == "A"
    vote(charter, ("Anna Berg", "Eva Lund", "Lars Nord"), ("Per Ek",), "--avstar", "Mia Sund",
         "--matter", "budget")  # fmt: skip
    assert charter.json("paragraph", "show", "2024", "1")["vote"]["outcome"] == "A"


def test_without_the_matter_the_simple_majority_decides(charter: Finsam) -> None:
    vote(charter, ("Anna Berg", "Eva Lund", "Lars Nord"), ("Per Ek", "Mia Sund"))
    shown = charter.json("paragraph", "show", "2024", "1")["vote"]
    assert (shown["outcome"], shown["qualified"]) == ("A", "")


def test_a_matter_the_charter_does_not_name_or_another_share_is_refused(charter: Finsam) -> None:
    names = (("Anna Berg", "Eva Lund", "Lars Nord"), ("Per Ek", "Mia Sund"))
    events = charter.events()
    out = charter.fails("paragraph", "vote", "2024", "1", "--proposal", "A:Ja",
                        "--proposal", "B:Nej", "--open", "A:B",
                        *(a for n in names[0] for a in ("--ja", n)),
                        *(a for n in names[1] for a in ("--nej", n)),
                        "--matter", "förbundsordning").output  # fmt: skip
    assert "ingen kvalificerad majoritet för 'förbundsordning'" in out and "budget" in out
    out = charter.fails("paragraph", "vote", "2024", "1", "--proposal", "A:Ja",
                        "--proposal", "B:Nej", "--open", "A:B",
                        *(a for n in names[0] for a in ("--ja", n)),
                        *(a for n in names[1] for a in ("--nej", n)),
                        "--matter", "budget", "--qualified", "3/5").output  # fmt: skip
    assert "kräver 2/3 för 'budget'" in out
    assert charter.events() == events


def test_the_charter_setting_is_checked() -> None:
    before = Charter()
    for bad in ("1/2", "x"):
        wrong = Charter(source=SOURCE, qualified_majorities=(QualifiedMajority("budget", bad),))
        with pytest.raises(InvalidInput):
            check_charter(wrong, before)
    twice = (QualifiedMajority("budget", "2/3"), QualifiedMajority("Budget", "3/4"))
    with pytest.raises(InvalidInput, match="of its own"):
        check_charter(Charter(source=SOURCE, qualified_majorities=twice), before)


def test_the_vote_takes_the_charters_share_in_force() -> None:
    charter = Charter(source=SOURCE, qualified_majorities=(QualifiedMajority("budget", "2/3"),))
    open_vote = Vote(kind="open", ja_for="A", nej_for="B", ja=("a", "b", "c"), nej=("d", "e"))
    judged = judged_by_charter(msgspec.structs.replace(open_vote, matter="budget"), charter)
    assert (judged.qualified, judged.source) == ("2/3", SOURCE)
    assert outcome(judged, "a").adopted == "B"  # 3/5 < 2/3
    assert outcome(open_vote, "a").adopted == "A"  # 3 > 2: simple majority
    with pytest.raises(Refused):
        judged_by_charter(
            msgspec.structs.replace(open_vote, matter="budget", qualified="3/5"), charter
        )
