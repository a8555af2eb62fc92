"""The procedures the law asks beside the minutes: record one, and the year's
checklist with a warning for each that is missing (lag 2003:1210 10 §, 23 §,
25 §, 26 §)."""

from __future__ import annotations

from datetime import date, datetime

import click

from cli.context import Store, pass_store
from cli.options import DATE, YEAR, LiteralChoice, forbund_option, format_option, known_at_option
from cli.output import console, echo_text, print_json, table, warn
from commands import structs as c
from finsam_es.procedures import ProcedureKind


@click.group("procedure")
def procedure() -> None:
    """Record a procedure the law asks beside the minutes; `finsam procedures` lists them.

    \b
    Example:
      finsam procedure record delegation --year 2024 --on 2024-01-01 \\
        --text "mål, inriktning, omfattning och kvalitet delegeras inte"
    """


@procedure.command("record")
@click.argument("kind", type=LiteralChoice(ProcedureKind))
@click.option("--year", type=YEAR, required=True, help="The year it concerns.")
@click.option("--on", type=DATE, required=True, help="The day it happened.")
@click.option("--member", default="", metavar="ID", help="The member it concerns.")
@click.option("--meeting", type=DATE, default=None, help="An announcement's meeting.")
@click.option("--name", default="", help="An auditor's name.")
@click.option("--text", default="", help="What it says (what may not be delegated ...).")
@click.option("--granted/--refused", default=None, help="A discharge decision.")
@forbund_option
@pass_store
def procedure_record(
    store: Store,
    kind: ProcedureKind,
    year: int,
    on: date,
    member: str,
    meeting: date | None,
    name: str,
    text: str,
    granted: bool | None,
    forbund: str | None,
) -> None:
    """Record a procedure: consultation (the members consulted on the budget, 23 §),
    announcement (the anslag of adjusted minutes on a notice board the charter names,
    KL 8:12: recorded in the minutes like `meeting post --board`), delegation and
    delegated_report (10 §), auditor (25 §; FK's is joint for FK and AF), discharge
    (each member's decision, 26 §).

    \b
    Examples:
      finsam procedure record consultation --year 2025 --member rvn --on 2024-10-15
      finsam procedure record announcement --year 2024 --member solleftea \\
        --meeting 2024-02-15 --on 2024-02-22
      finsam procedure record auditor --year 2024 --member fk --name "Anna Revisor" \\
        --on 2024-01-01
      finsam procedure record discharge --year 2024 --member rvn --granted --on 2025-06-10
    """
    command = c.RecordProcedure(
        forbund=forbund,
        year=year,
        kind=kind,
        on=on,
        member=member,
        meeting=meeting,
        name=name,
        text=text,
        granted=granted,
    )
    store.run(command, f"{kind} recorded for {year}")


@click.command("procedures")
@click.option("--year", type=YEAR, required=True, help="The year.")
@known_at_option
@forbund_option
@format_option()
@pass_store
def procedures(
    store: Store, year: int, known_at: datetime | None, forbund: str | None, fmt: str
) -> None:
    """The procedures of a year and a warning for each the law asks that is missing.

    \b
    Example:
      finsam procedures --year 2024 --format json
    """
    report = store.reader.at(known_at=known_at).governance.procedures(forbund, year)
    if fmt == "json":
        print_json(report)
        return
    rows = [(p.kind, p.on, p.member, p.meeting or "", p.name or p.text) for p in report.procedures]
    console().print(
        table(f"Procedurer {year}", ["Slag", "Datum", "Medlem", "Sammanträde", "Text"], rows)
    )
    for a in report.announced:
        if a.appeal_ends:
            echo_text(f"Protokollet {a.meeting}: överklagandetiden löper ut {a.appeal_ends}")
    warn(report.warnings)


COMMANDS = (procedure, procedures)
