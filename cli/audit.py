"""Tamper evidence for auditors: `audit verify` recomputes the hash chain and replays
the view from the log, `audit checkpoint` prints a head to pin (in a signed protocol,
in the auditor's notes), `audit verify --checkpoint HASH` proves the log extends it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import click

from cli.context import Store, pass_store
from cli.options import MOMENT, YEAR, Parsed, forbund_option, format_option
from cli.output import console, done, err_console, print_json, progress_bar, updating_view
from finsam_es.errors import FinsamError
from finsam_es.values import bounded_int, visible
from projections.bundle import check_bundle
from projections.clocks import LogPosition
from projections.deadline import DEFAULT_SECONDS, MOST_SECONDS, Deadline
from projections.reader_base import ShowProgress

SHOWN = 20  # problems listed before the last line names the first
# --deadline: whole seconds, their digits counted before converting (cli/options.py)
SECONDS = Parsed("SECONDS", lambda text: bounded_int(text, "", 1, MOST_SECONDS), int)


def steps(doing: str) -> ShowProgress:
    """A long step of the verification as a bar on stderr (on a terminal only: never in
    the JSON of stdout nor in a log file)."""
    return lambda total: progress_bar(doing, total)


HASH = re.compile(r"[0-9a-f]{64}")  # a link's hash, as `audit checkpoint` prints it


class AuditFailed(FinsamError):
    """The store did not verify; the message is its first problem."""


@click.group("audit")
def audit() -> None:
    """Tamper evidence: verify the hash chain and the view, print and check checkpoints.

    \b
    Examples:
      finsam audit verify
      finsam audit checkpoint --format json
      finsam audit verify --checkpoint 3f5a...c2
      finsam audit export revision-2024 --year 2024
      finsam audit verify --bundle revision-2024
      finsam audit seal
    """


@audit.command("verify")
@click.option(
    "--checkpoint",
    default=None,
    metavar="HASH",
    help="Also prove the log still extends this head (from `audit checkpoint`).",
)
@click.option(
    "--bundle",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Check an exported bundle instead of the store (no database needed).",
)
@click.option(
    "--deadline",
    type=SECONDS,
    default=DEFAULT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="Stop with exit 1 when the verification takes longer (it reads in batches).",
)
@click.option(
    "--forbund",
    "forbund",
    default=None,
    metavar="ID",
    help="Check only this förbund: its chain, anchor and figures, read by index.",
)
@format_option()
@pass_store
def verify(
    store: Store,
    checkpoint: str | None,
    bundle: Path | None,
    deadline: int,
    forbund: str | None,
    fmt: str,
) -> None:
    """Recompute every förbund's hash chain over the stored events, replay the money view
    from the log and compare it with its tables and figures. Exit 0 when all agree;
    otherwise every problem, the first on the last line, and exit 1. It never hangs:
    past --deadline it stops with exit 1 and says how far it came; on a terminal a bar
    on stderr shows each long step. With --bundle,
    check an exported bundle the same way, and rebuild its reports from its events.
    With --forbund, check one förbund's events only (its chain, its anchor, its figures
    in the view against its own events), in the time its own history takes.

    \b
    Examples:
      finsam audit verify
      finsam audit verify --checkpoint 3f5a...c2 --format json
      finsam audit verify --forbund solleftea
      finsam audit verify --bundle revision-2024
      finsam audit verify --deadline 600
    """
    if checkpoint is not None and not HASH.fullmatch(checkpoint.strip().lower()):
        raise click.BadParameter(
            "a checkpoint is the 64 hexadecimal digits `finsam audit checkpoint` prints",
            param_hint="'--checkpoint'",
        )
    if bundle is not None:
        verify_bundle(bundle, fmt, checkpoint)
        return
    report = None
    if forbund is not None:
        # a local option, not the group's --forbund: a store-wide verify never narrows
        # itself because a förbund was chosen for the session
        fid = store.reader.at().forbund_id(forbund)
        report = store.reader.verify_forbund(fid, checkpoint, updating_view)
    if report is None:  # the whole store, or one with no chain yet (which fails saying so)
        report = store.reader.verify_audit(
            checkpoint, updating_view, Deadline(deadline), lambda doing: steps(doing)
        )
    if fmt == "json":
        print_json(report)
    else:
        out = console()
        out.print(f"{report.events} events, {report.chained} in the hash chain")
        for forbund, head in sorted(report.heads.items()):
            out.print(f"{forbund or '(store)'}: head at position {head.position}: {head.hash}")
        if report.checkpoint is not None:
            out.print(
                f"the log extends checkpoint {report.checkpoint.hash} "
                f"(position {report.checkpoint.position})"
            )
    if report.problems:
        for problem in report.problems[1:SHOWN]:
            err_console.print(f"problem: {visible(problem.message)}", soft_wrap=True, markup=False)
        raise AuditFailed(report.problems[0].message)
    if fmt != "json":
        console().print("verified: the chain is whole and the view agrees with the log")


def verify_bundle(directory: Path, fmt: str, checkpoint: str | None = None) -> None:
    if not directory.is_dir():
        raise FinsamError(f"no bundle at {directory}: it is not a directory")
    files = {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
    problems = check_bundle(files, checkpoint)
    if fmt == "json":
        print_json({"bundle": str(directory), "files": len(files), "problems": problems})
    if problems:
        for problem in problems[1:SHOWN]:
            err_console.print(f"problem: {visible(str(problem))}", soft_wrap=True, markup=False)
        raise AuditFailed(problems[0])
    if fmt != "json":
        console().print(
            f"verified: {directory} ({len(files)} files): the chain is whole and the "
            "events rebuild every report"
        )


@audit.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--year", "years", type=YEAR, multiple=True, help="A year whose reports to include (repeat)."
)
@forbund_option
@pass_store
def export(store: Store, directory: Path, years: tuple[int, ...], forbund: str | None) -> None:
    """Write the audit bundle of a förbund to DIRECTORY: every event as JSON Lines with
    its link (hashes, actor) and both clocks, a manifest with the checkpoints and the
    files' hashes, and the reports of each year as of 31 December. Check it anywhere,
    with no database, with `finsam audit verify --bundle DIRECTORY`.

    \b
    Example:
      finsam audit export revision-2024 --year 2024
    """
    if directory.exists() and any(directory.iterdir()):
        raise FinsamError(f"{directory} is not empty: export into a new directory")
    files = store.reader.at().audit.bundle(forbund, years)
    created = not directory.exists()
    try:
        for name, data in files.items():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except OSError as e:
        # a partial bundle would verify as far as it goes: none is left behind
        import shutil

        if created:
            shutil.rmtree(directory, ignore_errors=True)
        else:  # it was an empty directory: empty it again
            for child in directory.iterdir():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        raise FinsamError(
            f"cannot write the bundle into {directory} ({e.strerror}): nothing of it is left"
        ) from None
    done(f"{directory}: {len(files)} files written")


@audit.command("seal")
@pass_store
def seal(store: Store) -> None:
    """Chain the events an older finsam stored, as they stand now (a newer finsam's first
    write does the same). Seal only a store you trust as it is: the chain proves that
    nothing changed after sealing, not before.

    \b
    Example:
      finsam audit seal && finsam audit verify
    """
    count = store.app.seal_chain()
    done(f"{count} events chained" if count else "the chain already covers the store")


@audit.command("checkpoint")
@click.option(
    "--known-at",
    "known_at",
    type=MOMENT,
    default=None,
    help="The head at this moment, or at log position N (position:N) exactly.",
)
@forbund_option
@format_option()
@pass_store
def checkpoint(
    store: Store, known_at: datetime | LogPosition | None, forbund: str | None, fmt: str
) -> None:
    """The head of the förbund's hash chain (position and hash), now or as known at a
    moment: write it in the protocol or the audit notes, and check it later with
    `audit verify --checkpoint HASH`.

    \b
    Examples:
      finsam audit checkpoint
      finsam audit checkpoint --known-at 2024-08-29 --format json
      finsam audit checkpoint --known-at position:154
    """
    at = int(known_at) if isinstance(known_at, LogPosition) else known_at
    head = store.reader.at().audit.audit_head(forbund, at)
    if head is None:
        raise FinsamError("no event of this förbund is in the hash chain yet")
    if fmt == "json":
        print_json({"position": head.position, "hash": head.hash})
        return
    console().print(f"position {head.position}: {head.hash}")


COMMANDS = (audit,)
