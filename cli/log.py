"""The event log: every stored event with its position, recorded time (to the
microsecond), who recorded it, type, dates, §, amount and a line of content."""

from __future__ import annotations

from datetime import date, datetime

import click

from cli.context import Store, pass_store
from cli.options import DATE, SINCE, TIMESTAMP, format_option
from cli.output import console, kr, print_json, table
from finsam_es.values import paragraph_ref, parse_paragraph_ref
from projections.event_log import LogFilter

MAX_POSITION = 2**53  # far beyond any store; a larger number is a typing error, not a position


@click.command("log")
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=MAX_POSITION),
    default=None,
    help="Only the last N events.",
)
@click.option(
    "--since",
    type=click.IntRange(min=1, max=MAX_POSITION),
    default=1,
    help="From this log position on.",
)
@click.option("--forbund", "only", default=None, metavar="ID", help="Only this förbund's events.")
@click.option("--paragraph", default=None, metavar="YEAR:N", help="Only the events of this §.")
@click.option("--insats", default=None, metavar="ID", help="Only this insats's events.")
@click.option(
    "--from", "effective_from", type=DATE, default=None, help="Effective on or after this date."
)
@click.option(
    "--to", "effective_to", type=DATE, default=None, help="Effective on or before this date."
)
@click.option(
    "--recorded-from", "recorded_from", type=SINCE, default=None, help="Recorded at or after."
)
@click.option(
    "--recorded-to", "recorded_to", type=TIMESTAMP, default=None, help="Recorded at or before."
)
@click.option("--type", "kind", default=None, metavar="TYPE", help="Only this type (Booked).")
@format_option()
@pass_store
def log_cmd(
    store: Store,
    limit: int | None,
    since: int,
    only: str | None,
    paragraph: str | None,
    insats: str | None,
    effective_from: date | None,
    effective_to: date | None,
    recorded_from: datetime | None,
    recorded_to: datetime | None,
    kind: str | None,
    fmt: str,
) -> None:
    """The event history: position, recorded time, who, type, effective date, §,
    amount and content. A recorded time can be pasted into --known-at as it is.
    --from/--to filter on the date an event takes effect (a meeting's, a booking's),
    --recorded-from/--recorded-to on when it was recorded.

    \b
    Examples:
      finsam log --limit 20
      finsam log --paragraph 2024:12 --format json
      finsam log --type Booked --from 2024-08-01 --to 2024-08-31
      finsam log --recorded-from 2025-01-15 --recorded-to "2025-01-15T12:00"
    """
    ref = paragraph_ref(*parse_paragraph_ref(paragraph)) if paragraph else None
    only_these = LogFilter(
        forbund=only or store.forbund,
        paragraph=ref,
        insats=insats,
        recorded_from=recorded_from,
        recorded_to=recorded_to,
        effective_from=effective_from,
        effective_to=effective_to,
        type=kind,
    )
    rows = store.reader.log(since, only_these, limit)
    if fmt == "json":
        print_json({"events": rows})
        return
    # a migrated entry's claimed time is marked, and the store's own time shown beside it
    claims = any(r.claimed for r in rows)
    extra = ["Lagrad"] if claims else []
    console().print(
        table(
            None,
            [
                "Pos",
                "Registrerad",
                *extra,
                "Av",
                "Typ",
                "Förbund",
                "Gäller",
                "§",
                "Belopp",
                "Innehåll",
            ],
            [
                (
                    r.position,
                    f"{r.recorded} (uppgiven)" if r.claimed else r.recorded,
                    *([r.stored] if claims else []),
                    r.actor,
                    r.type,
                    r.forbund,
                    r.effective,
                    r.paragraph or "",
                    kr(r.amount) if r.amount is not None else "",
                    r.content,
                )
                for r in rows
            ],
            right=["Pos", "Belopp"],
            whole=["Registrerad"],
        )
    )


COMMANDS = (log_cmd,)
