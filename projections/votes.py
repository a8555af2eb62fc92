"""A paragraph's yrkanden and vote as the minutes print them and its JSON gives them.

The votes are kept beside the minutes book (finsam_es/vote.py); this module joins them
to the paragraphs the minutes and `paragraph show` read (``with_votes``), and writes the
lines the protokoll prints after the decisions (``vote_lines``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

import msgspec

from finsam_es.vote import Proposal, Votes

T = TypeVar("T", bound=msgspec.Struct)


class VoteView(msgspec.Struct, frozen=True, kw_only=True):
    kind: str  # "open" or "acclamation"
    ja: tuple[str, ...]
    nej: tuple[str, ...]
    avstar: tuple[str, ...]
    outcome: str  # the key of the proposal adopted
    ja_for: str = ""
    nej_for: str = ""
    order: str = ""  # propositionsordning
    qualified: str = ""
    casting_vote: bool = False
    reservations: tuple[str, ...] = ()
    # the matter the charter asks a qualified majority for, and the charter's source
    matter: str = ""
    qualified_source: str = ""


Recorded = tuple[tuple[Proposal, ...], VoteView]


def votes_by_paragraph(events: Iterable[Any]) -> dict[int, Recorded]:
    """Each paragraph's proposals and vote as last recorded."""
    out: dict[int, Recorded] = {}
    for e in events:
        if isinstance(e, Votes.VoteRecorded):
            v = e.vote
            out[e.paragraph] = (
                tuple(e.proposals),
                VoteView(
                    kind=v.kind,
                    ja=v.ja,
                    nej=v.nej,
                    avstar=v.avstar,
                    outcome=e.adopted,
                    ja_for=v.ja_for,
                    nej_for=v.nej_for,
                    order=v.order,
                    qualified=v.qualified,
                    casting_vote=e.casting_vote,
                    reservations=v.reservations,
                    matter=v.matter,
                    qualified_source=v.source,
                ),
            )
    return out


def with_vote(view: T, votes: dict[int, Recorded]) -> T:
    """A paragraph view with its proposals and vote (and the vote's reservations among
    its dissent), when one was recorded."""
    found = votes.get(getattr(view, "number"))  # noqa: B009 - any paragraph view
    if found is None:
        return view
    proposals, vote = found
    dissent = getattr(view, "dissent")  # noqa: B009
    more = tuple(n for n in vote.reservations if n not in dissent)
    return msgspec.structs.replace(view, proposals=proposals, vote=vote, dissent=dissent + more)


def vote_lines(proposals: tuple[Proposal, ...], vote: VoteView | None) -> list[str]:
    """The protokoll's lines: each yrkande with who moved it, the propositionsordning,
    and the vote with names and its count."""
    if vote is None:
        return []
    out = []
    for p in proposals:
        who = ", ".join(p.moved_by) if p.moved_by else "förslag till beslut"
        out.append(f"Yrkande {p.key} ({who}): {p.text}")
    if vote.order:
        out.append(f"Propositionsordning: {vote.order}")
    if vote.kind == "acclamation":
        out.append(f"Ordföranden finner förslag {vote.outcome} antaget (acklamation)")
        return out
    out.append(f"Omröstning (öppen): ja för förslag {vote.ja_for}, nej för förslag {vote.nej_for}")
    out.append(f"Ja ({len(vote.ja)}): {', '.join(vote.ja) or '-'}")
    out.append(f"Nej ({len(vote.nej)}): {', '.join(vote.nej) or '-'}")
    out.append(f"Avstår ({len(vote.avstar)}): {', '.join(vote.avstar) or '-'}")
    count = f"{len(vote.ja)}–{len(vote.nej)}"
    how = ", med ordförandens utslagsröst" if vote.casting_vote else ""
    majority = f" (kvalificerad majoritet {vote.qualified})" if vote.qualified else ""
    if vote.qualified_source:  # as the charter asks it for the matter (9 § p. 6)
        majority = (
            f" (kvalificerad majoritet {vote.qualified} för {vote.matter}, {vote.qualified_source})"
        )
    out.append(f"Med {count}{how} har styrelsen beslutat enligt förslag {vote.outcome}{majority}")
    return out
