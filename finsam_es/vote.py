"""Yrkanden and omröstning: the proposals moved on a paragraph and how the board decided
between them.

Members move proposals (yrkanden) by name; the chair puts them to the board in an order
(propositionsordning, KL 5:56) and finds one adopted by acclamation, or a member asks
for a vote and each deciding ledamot votes ja (for the proposal put first), nej (for
its counter-proposal) or avstår. The proposal with more votes wins (KL 5:55), unless the
charter asks a qualified majority for the matter (lag 2003:1210 9 § p. 6): then the ja
proposal wins only with that share of the votes cast. On a tie the chair has the
casting vote (KL 5:57). Whoever voted for the losing proposal may enter a reservation
(KL 4:25); nobody else can. One ``Votes`` per förbund and year, recorded per paragraph;
recording a paragraph's vote again replaces it (before the minutes are adjusted).
"""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

import msgspec

from finsam_es.base import FinsamAggregate, YearlyAggregate
from finsam_es.charter import Charter, qualified_share
from finsam_es.errors import InvalidInput, Refused

VoteKind = Literal["acclamation", "open"]


class Proposal(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A proposal on the paragraph: ``key`` names it (A, B ...), ``moved_by`` the
    ledamöter who moved it (none: the förslag till beslut the board was given)."""

    key: str
    text: str
    moved_by: tuple[str, ...] = ()


class Vote(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How the board decided: by acclamation (``adopted`` named by the chair) or by an
    open vote between ``ja_for`` and ``nej_for`` with each deciding ledamot's vote."""

    kind: VoteKind
    order: str = ""  # propositionsordning, in the chair's words
    adopted: str = ""  # acclamation: the proposal the chair found adopted
    ja_for: str = ""
    nej_for: str = ""
    ja: tuple[str, ...] = ()
    nej: tuple[str, ...] = ()
    avstar: tuple[str, ...] = ()
    qualified: str = ""  # the charter's qualified majority, "2/3"; "" simple majority
    reservations: tuple[str, ...] = ()
    # since the charter names its matters (issue 20): the matter voted on, as the
    # charter names it, and the charter's source of its qualified majority
    matter: str = ""
    source: str = ""


class Outcome(msgspec.Struct, frozen=True):
    """The proposal adopted, and whether the chair's casting vote decided it."""

    adopted: str
    casting_vote: bool = False


_fraction = qualified_share


def judged_by_charter(vote: Vote, charter: Charter) -> Vote:
    """The vote as the charter in force asks it judged: a vote on a ``matter`` the
    charter names takes its qualified majority and source (9 § p. 6); one on a matter
    it does not name, or with another majority given by hand, is refused."""
    if not vote.matter.strip():
        return vote
    rule = charter.majority_for(vote.matter)
    if rule is None:
        named = ", ".join(q.matter for q in charter.qualified_majorities) or "inga"
        raise InvalidInput(
            f"förbundsordningen kräver ingen kvalificerad majoritet för '{vote.matter}' "
            f"(den nämner: {named}; {charter.source})"
        )
    if vote.qualified and _fraction(vote.qualified) != _fraction(rule.share):
        raise Refused(
            f"förbundsordningen kräver {rule.share} för '{rule.matter}' ({charter.source}), "
            f"inte {vote.qualified}"
        )
    return msgspec.structs.replace(
        vote, matter=rule.matter, qualified=rule.share, source=charter.source
    )


def outcome(vote: Vote, chair: str) -> Outcome:
    """The proposal the vote adopts (KL 5:55, 5:57; a qualified majority, 9 § p. 6)."""
    if vote.kind == "acclamation":
        return Outcome(vote.adopted)
    ja, nej = len(vote.ja), len(vote.nej)
    if vote.qualified:
        cast = ja + nej
        passed = cast > 0 and Fraction(ja, cast) >= _fraction(vote.qualified)
        return Outcome(vote.ja_for if passed else vote.nej_for)
    if ja != nej:
        return Outcome(vote.ja_for if ja > nej else vote.nej_for)
    if chair in vote.ja:
        return Outcome(vote.ja_for, casting_vote=True)
    if chair in vote.nej:
        return Outcome(vote.nej_for, casting_vote=True)
    raise Refused(
        f"the vote is tied {ja}-{nej} and the chair ({chair or 'not recorded'}) voted "
        "neither ja nor nej: the chair's casting vote decides a tie (KL 5:57)"
    )


def check(
    proposals: tuple[Proposal, ...], vote: Vote, deciding: tuple[str, ...], chair: str
) -> Outcome:
    """Refuse, in one line, a vote the minutes cannot record; else its outcome."""
    keys = [p.key for p in proposals]
    if not proposals:
        raise InvalidInput("a vote needs the proposals it decides between (--proposal)")
    if len(set(keys)) != len(keys):
        raise InvalidInput("each proposal needs a key of its own (A, B ...)")
    for p in proposals:
        for name in p.moved_by:
            if name not in deciding:
                raise InvalidInput(f"{name} moved proposal {p.key} but does not decide this §")
    named = (vote.adopted,) if vote.kind == "acclamation" else (vote.ja_for, vote.nej_for)
    for key in named:
        if key not in keys:
            raise InvalidInput(
                f"there is no proposal '{key}' (the proposals are {', '.join(keys)})"
            )
    if vote.kind == "open":
        _check_open(vote, deciding)
    elif vote.ja or vote.nej or vote.avstar:
        raise InvalidInput("a decision by acclamation has no ja, nej or avstår")
    found = outcome(vote, chair)
    losers = (vote.nej if found.adopted == vote.ja_for else vote.ja) if vote.kind == "open" else ()
    for name in vote.reservations:
        if name not in losers:
            raise Refused(
                f"{name} cannot enter a reservation: only a ledamot who voted against the "
                "decision can (KL 4:25)"
            )
    return found


def _check_open(vote: Vote, deciding: tuple[str, ...]) -> None:
    if vote.ja_for == vote.nej_for:
        raise InvalidInput("an open vote is between two proposals: ja for one, nej for another")
    cast = [*vote.ja, *vote.nej, *vote.avstar]
    twice = sorted({n for n in cast if cast.count(n) > 1})
    if twice:
        raise InvalidInput(f"{', '.join(twice)} voted more than once")
    strangers = [n for n in cast if n not in deciding]
    if strangers:
        raise InvalidInput(f"{', '.join(strangers)} does not decide this § and cannot vote")
    silent = [n for n in deciding if n not in cast]
    if silent:
        raise InvalidInput(
            f"in an open vote each deciding ledamot votes ja, nej or avstår: {', '.join(silent)} "
            "is missing"
        )


class Votes(YearlyAggregate):
    """The proposals and votes of one förbund's paragraphs of a year, per paragraph."""

    KEY = "votes"

    class Opened(FinsamAggregate.Created):
        label = "votes of a year opened"
        year: int

        def apply(self, aggregate: Votes) -> None:
            aggregate.forbund = self.forbund
            aggregate.year = self.year

    class VoteRecorded(FinsamAggregate.Event):
        label = "proposals and vote recorded"
        paragraph: int
        proposals: tuple[Proposal, ...]
        vote: Vote
        adopted: str
        casting_vote: bool

        @property
        def summary(self) -> str:
            return f"§{self.paragraph}: {self.vote.kind}, proposal {self.adopted} adopted"

    if TYPE_CHECKING:
        year: int

    def record_vote(
        self,
        paragraph: int,
        meeting: date,
        proposals: tuple[Proposal, ...],
        vote: Vote,
        deciding: tuple[str, ...],
        chair: str,
        at: datetime,
    ) -> Outcome:
        found = check(proposals, vote, deciding, chair)
        self.record(
            self.VoteRecorded,
            at,
            effective=meeting,
            paragraph=paragraph,
            proposals=proposals,
            vote=vote,
            adopted=found.adopted,
            casting_vote=found.casting_vote,
        )
        return found
