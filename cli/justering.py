"""Digital justering: `finsam meeting sign DATE --as NAME`, a justerare's or the chair's
approval of the minutes as they stand (issue 21). The signer is who is acting; what is
signed is the sha256 of the protokoll's canonical content (projections/signing.py)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from cli.context import Store, pass_store
from cli.options import DATE, forbund_option
from commands import structs as c
from projections import pades, protokoll, signing
from projections.minutes import MinutesDocument
from projections.signing import SignatureView


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


def signature_cell(signatures: tuple[SignatureView, ...]) -> str:
    """The `meetings` table's Underskrifter: each signer, the moment (UTC) and the start
    of the hash signed (the whole one is in --format json); a void one says so."""
    return "; ".join(
        f"{s.name} {s.at:%Y-%m-%d %H:%M} (sha256 {s.sha256[:12]}…"
        + ("" if s.valid else ", ogiltig: gäller en annan lydelse")
        + ")"
        for s in signatures
    )


PASSWORD_ENV = "FINSAM_P12_PASSWORD"

sign_with_option = click.option(
    "--sign-with",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    metavar="FILE.p12",
    help="Sign the adjusted protokoll PDF (PAdES) with this certificate; the password "
    f"from ${PASSWORD_ENV} or a prompt, never the command line.",
)


def signed_pdf(doc: MinutesDocument, fmt: str, p12: str) -> bytes:
    """The protokoll's PDF signed with the förbund's certificate (projections/pades.py)."""
    if fmt != "pdf":
        raise click.UsageError("--sign-with signs a PDF: give --format pdf")
    if doc.adjusted is None:
        raise click.UsageError(f"the minutes of {doc.date} are not adjusted: sign them first")
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = click.prompt(f"Lösenord för {p12}", hide_input=True, default="")
    try:
        data = Path(p12).read_bytes()
    except OSError as e:
        raise click.UsageError(f"--sign-with {p12}: cannot read ({e.strerror})") from None
    reason = f"Justerat protokoll {doc.date}, {doc.forbund_name}"
    return pades.sign_pdf(protokoll.pdf(doc), data, password.encode() or None, reason, "")
