"""`paragraph vote`: the yrkanden moved on a paragraph and how the board decided between
them, by acclamation or in an open vote with each deciding ledamot's vote."""

from __future__ import annotations

import click

from cli.context import Store, pass_store
from cli.options import NUMBER, YEAR, forbund_option
from commands import structs as c
from finsam_es.errors import InvalidInput
from finsam_es.vote import Proposal, Vote


def _split(text: str, what: str) -> tuple[str, str]:
    key, sep, rest = text.partition(":")
    if not sep or not key.strip() or not rest.strip():
        raise InvalidInput(f"'{text}' is not {what}")
    return key.strip(), rest.strip()


@click.command("vote")
@click.argument("year", type=YEAR)
@click.argument("number", type=NUMBER)
@click.option("--proposal", "proposals", multiple=True, metavar="KEY:TEXT", required=True,
              help="A proposal (yrkande), like 'A:Bifall till ansökan' (repeatable).")  # fmt: skip
@click.option("--moved-by", "moved", multiple=True, metavar="KEY:NAME",
              help="A ledamot who moved a proposal (repeatable).")  # fmt: skip
@click.option("--acclamation", default=None, metavar="KEY",
              help="The chair found this proposal adopted (acklamation).")  # fmt: skip
@click.option("--open", "open_vote", default=None, metavar="JA:NEJ",
              help="An open vote: ja for the first proposal, nej for the second.")  # fmt: skip
@click.option("--ja", multiple=True, metavar="NAME", help="Voted ja (repeatable).")
@click.option("--nej", multiple=True, metavar="NAME", help="Voted nej (repeatable).")
@click.option("--avstar", multiple=True, metavar="NAME", help="Abstained (repeatable).")
@click.option("--order", default="", help="The propositionsordning, in the chair's words.")
@click.option("--qualified", default="", metavar="P/Q",
              help="The charter's qualified majority for the matter, like 2/3.")  # fmt: skip
@click.option("--matter", default="", metavar="MATTER",
              help="The matter as the charter names it: judged by its qualified majority.")  # fmt: skip
@click.option("--reservation", "reservations", multiple=True, metavar="NAME",
              help="A ledamot who voted against the decision and reserves (repeatable).")  # fmt: skip
@forbund_option
@pass_store
def paragraph_vote(
    store: Store,
    year: int,
    number: int,
    proposals: tuple[str, ...],
    moved: tuple[str, ...],
    acclamation: str | None,
    open_vote: str | None,
    ja: tuple[str, ...],
    nej: tuple[str, ...],
    avstar: tuple[str, ...],
    order: str,
    qualified: str,
    matter: str,
    reservations: tuple[str, ...],
    forbund: str | None,
) -> None:
    """Record the yrkanden on a paragraph and how the board decided between them: by
    acclamation, or in an open vote where each deciding ledamot votes ja, nej or avstår
    (a tie is decided by the chair's vote, KL 5:57).

    \b
    Example:
      finsam paragraph vote 2024 12 --proposal "A:Bifall" --proposal "B:Avslag" \\
        --moved-by "B:Per Ek" --open A:B --ja "Anna Berg" --ja "Eva Lund" \\
        --ja "Lars Nord" --nej "Per Ek" --nej "Mia Sund" --reservation "Per Ek"
    """
    if (acclamation is None) == (open_vote is None):
        raise InvalidInput("say how the board decided: --acclamation KEY or --open JA:NEJ")
    movers: dict[str, list[str]] = {}
    for spec in moved:
        key, name = _split(spec, "a mover: write KEY:NAME")
        movers.setdefault(key, []).append(name)
    made = tuple(
        Proposal(key, text, tuple(movers.pop(key, ())))
        for key, text in (_split(p, "a proposal: write KEY:TEXT") for p in proposals)
    )
    if movers:
        raise InvalidInput(f"--moved-by names no proposal {', '.join(movers)}")
    if open_vote is not None:
        ja_for, nej_for = _split(open_vote, "an open vote: write JA:NEJ, like A:B")
        vote = Vote(kind="open", order=order, ja_for=ja_for, nej_for=nej_for, ja=ja, nej=nej,
                    avstar=avstar, qualified=qualified, reservations=reservations,
                    matter=matter)  # fmt: skip
    else:
        vote = Vote(kind="acclamation", order=order, adopted=acclamation or "", ja=ja, nej=nej,
                    avstar=avstar, reservations=reservations)  # fmt: skip
    command = c.RecordVote(forbund=forbund, year=year, number=number, proposals=made, vote=vote)
    store.run(command, "vote recorded")
