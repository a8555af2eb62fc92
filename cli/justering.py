"""Digital justering: `finsam meeting sign DATE --as NAME`, a justerare's or the chair's
approval of the minutes as they stand (issue 21). The signer is who is acting; what is
signed is the sha256 of the protokoll's canonical content (projections/signing.py)."""

from __future__ import annotations

from datetime import date

import click

from cli.context import Store, pass_store
from cli.options import DATE, forbund_option
from commands import structs as c
from projections import signing


@click.command("sign")
@click.argument("day", metavar="DATE", type=DATE)
@click.option(
    "--as", "signer", required=True, metavar="NAME", help="The justerare or chair signing."
)
@forbund_option
@pass_store
def meeting_sign(store: Store, day: date, signer: str, forbund: str | None) -> None:
    """Justera the minutes digitally: NAME (a justerare or the chair of the meeting)
    approves the protokoll as it stands now. The signature records the moment, the
    sha256 of the protokoll's content (`finsam minutes DATE --format json`, canonically
    encoded) and the chain head it pins. The minutes are adjusted when the chair and
    every justerare have signed the same content; a § amended in between voids the
    signatures made before it.

    \b
    Examples:
      finsam meeting sign 2023-11-23 --as "Patrik Lockner"
      finsam meeting sign 2023-11-23 --as "Birgitta Häggkvist"
    """
    at = store.reader.at()
    doc = at.governance.minutes(forbund, day)
    head = at.audit.audit_head(forbund)
    pinned = "" if head is None else f"position {head.position}, {head.hash}"
    sha256 = signing.content_sha256(doc)
    store.run(
        c.SignMinutes(forbund=forbund, date=day, signer=signer, sha256=sha256, head=pinned),
        f"{signer} signed the minutes of {day} (sha256 {sha256[:16]}…)",
    )
