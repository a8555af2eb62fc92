"""Money commands: budget, allocation, applications and decisions on insatser,
bookings, and the questions budget / result / equity / interventions for any date."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NamedTuple, cast

import click
from rich.progress import Progress

from cli.main import Store, cli
from cli.output import (
    AMOUNT,
    DATE,
    MOMENT,
    console,
    done,
    err_console,
    forbund_option,
    format_option,
    kr,
    print_json,
    table,
    warn,
)
from commands import structs as c
from commands.loading import resolve_forbund
from finsam_es.application import UnitOfWork
from finsam_es.errors import InvalidInput
from finsam_es.values import parse_amount
from projections.money import Fold
from projections.views import MoneyView

pass_store = click.make_pass_decorator(Store)

STATUS = {
    "received": "inkommen",
    "referred_back": "återremitterad",
    "withdrawn": "återtagen",
    "rejected": "avslagen",
    "granted": "beviljad",
    "running": "pågår",
    "ended": "avslutad",
    "closed": "slutredovisad",
}


# -- reading ---------------------------------------------------------------------------


def source(store: Store, fold: bool) -> Any:
    """The materialised view, caught up (with a progress bar on long work), or the fold."""
    if fold:
        return Fold(store.app.read())
    view = MoneyView(store.app)
    pending = view.pending()
    if pending > 2000:
        with Progress(
            transient=True, console=err_console, disable=not err_console.is_terminal
        ) as progress:
            task = progress.add_task("updating the ledger view", total=pending)
            view.catch_up(lambda n: progress.advance(task, n))
    else:
        view.catch_up()
    return view


def query_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--fold",
        is_flag=True,
        help="Answer from the event log alone (audit reference), not the view.",
    )(f)
    f = click.option(
        "--known-at",
        type=MOMENT,
        default=None,
        help="As the records stood at this moment (date or timestamp, UTC).",
    )(f)
    f = click.option(
        "--as-of", type=DATE, default=None, help="The date asked about (default today)."
    )(f)
    return forbund_option(format_option()(f))


def _forbund_id(store: Store, forbund: str | None) -> str:
    return resolve_forbund(UnitOfWork(store.app), forbund).forbund


@cli.group("budget", invoke_without_command=True)
@click.option(
    "--year", type=int, default=None, help="The budget year (default: the year of --as-of)."
)
@query_options
@click.pass_context
def budget(
    ctx: click.Context,
    year: int | None,
    as_of: date | None,
    known_at: datetime | None,
    fold: bool,
    forbund: str | None,
    fmt: str,
) -> None:
    """The budget of a year as it stood on a date, line by line, with the § behind each line.

    \b
    Examples:
      finsam budget --year 2024 --as-of 2024-06-30
      finsam budget --year 2024 --as-of 2024-06-30 --known-at 2024-07-15 --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    store: Store = ctx.obj
    day = as_of or date.today()
    report = source(store, fold).budget(
        _forbund_id(store, forbund), year or day.year, day, known_at
    )
    if fmt == "json":
        print_json(report)
        return
    plan_years = sorted(report.plan)
    rows = [
        (
            r.line,
            r.name,
            "intäkt" if r.kind == "income" else "kostnad",
            kr(r.amount),
            *(kr(report.plan[y].get(r.line)) for y in plan_years),
            ", ".join(f"§{p}" for p in r.paragraphs),
        )
        for r in report.lines
    ]
    blank = ("",) * len(plan_years)
    rows += [
        ("", "Summa intäkter", "", kr(report.income_total), *blank, ""),
        ("", "Summa kostnader", "", kr(report.cost_total), *blank, ""),
        ("", "Budgeterat resultat", "", kr(report.balance), *blank, ""),
    ]
    if report.from_equity:
        rows.append(("", "Ianspråktagande av eget kapital", "", kr(report.from_equity), *blank, ""))
    columns = ["Rad", "Namn", "Slag", "Belopp", *(f"Plan {y}" for y in plan_years), "Beslut"]
    console().print(
        table(
            f"Budget {report.year} per {report.as_of}",
            columns,
            rows,
            right=["Belopp", *(f"Plan {y}" for y in plan_years)],
        )
    )
    if not report.lines:
        warn([f"no budget for {report.year} is adopted as of {report.as_of}"])


@cli.command("result")
@click.option("--year", type=int, default=None, help="The year (default: the year of --as-of).")
@query_options
@pass_store
def result(
    store: Store,
    year: int | None,
    as_of: date | None,
    known_at: datetime | None,
    fold: bool,
    forbund: str | None,
    fmt: str,
) -> None:
    """Income and costs per line against the budget (driftredovisning) and the result.

    \b
    Example:
      finsam result --year 2024 --as-of 2024-12-31
    """
    day = as_of or date.today()
    report = source(store, fold).result(
        _forbund_id(store, forbund), year or day.year, day, known_at
    )
    if fmt == "json":
        print_json(report)
        return
    rows = [
        (
            r.line,
            "intäkt" if r.kind == "income" else "kostnad",
            kr(r.budget),
            kr(r.outcome),
            kr(r.deviation),
        )
        for r in report.lines
    ]
    rows += [
        ("Summa intäkter", "", "", kr(report.income), ""),
        ("Summa kostnader", "", "", kr(report.costs), ""),
        (
            "Årets resultat",
            "",
            kr(report.budget_result),
            kr(report.result),
            kr(report.result - report.budget_result),
        ),
    ]
    console().print(
        table(
            f"Driftredovisning {report.year} per {report.as_of}",
            ["Rad", "Slag", "Budget", "Utfall", "Avvikelse"],
            rows,
            right=["Budget", "Utfall", "Avvikelse"],
        )
    )


@cli.command("equity")
@query_options
@pass_store
def equity(
    store: Store,
    as_of: date | None,
    known_at: datetime | None,
    fold: bool,
    forbund: str | None,
    fmt: str,
) -> None:
    """Equity (eget kapital) on a date against the year's allocation and the 20 % rule.

    \b
    Example:
      finsam equity --as-of 2024-12-31 --format json
    """
    day = as_of or date.today()
    report = source(store, fold).equity(_forbund_id(store, forbund), day, known_at)
    if fmt == "json":
        print_json(report)
    else:
        ratio = "–" if report.ratio is None else f"{report.ratio * 100:.1f} %"
        console().print(
            table(
                f"Eget kapital per {report.as_of}",
                ["", "Belopp"],
                [
                    (
                        "Eget kapital vid ingången"
                        + (f" ({report.opening_date})" if report.opening_date else ""),
                        kr(report.opening),
                    ),
                    ("Resultat sedan dess", kr(report.equity - report.opening)),
                    ("Eget kapital", kr(report.equity)),
                    (f"Medelstilldelning {report.as_of.year}", kr(report.allocation)),
                    ("Eget kapital / medelstilldelning", ratio),
                ],
                right=["Belopp"],
            )
        )
    if report.over_limit and report.ratio is not None:
        warn(
            [
                f"equity is {report.ratio * 100:.0f} % of the {report.as_of.year} allocation; "
                "Nationella rådet recommends at most 20 %"
            ]
        )


@cli.command("interventions")
@query_options
@pass_store
def interventions(
    store: Store,
    as_of: date | None,
    known_at: datetime | None,
    fold: bool,
    forbund: str | None,
    fmt: str,
) -> None:
    """Every insats with its status, granted per year, charged, paid and unused money.

    \b
    Example:
      finsam interventions --as-of 2024-12-31
    """
    day = as_of or date.today()
    report = source(store, fold).insatser(_forbund_id(store, forbund), day, known_at)
    if fmt == "json":
        print_json(report)
        return
    rows = [
        (
            r.id,
            STATUS.get(r.status, r.status),
            kr(r.granted),
            "\n".join(f"{y}:\u00a0{kr(a)}" for y, a in r.granted_by_year.items()),
            kr(r.charged),
            kr(r.paid),
            kr(r.unused),
            ", ".join(f"§{p}" for p in r.paragraphs),
        )
        for r in report.interventions
    ]
    console().print(
        table(
            f"Insatser per {report.as_of}",
            [
                "Insats",
                "Status",
                "Beviljat",
                "Per år",
                "Belastat",
                "Utbetalt",
                "Ej förbrukat",
                "Beslut",
            ],
            rows,
            right=["Beviljat", "Belastat", "Utbetalt", "Ej förbrukat"],
        )
    )


@cli.group("view")
def view() -> None:
    """The materialised ledger view: rebuild it or check it against the event log.

    \b
    Example:
      finsam view verify --as-of 2024-12-31
    """


@view.command("rebuild")
@pass_store
def view_rebuild(store: Store) -> None:
    """Drop the ledger view and fold the whole event log into it again.

    \b
    Example:
      finsam view rebuild
    """
    v = MoneyView(store.app)
    with Progress(
        transient=True, console=err_console, disable=not err_console.is_terminal
    ) as progress:
        task = progress.add_task("rebuilding the ledger view", total=store.app.event_count())
        count = v.rebuild(lambda n: progress.advance(task, n))
    done(f"ledger view rebuilt from {count} events")


@view.command("verify")
@click.option("--as-of", type=DATE, default=None, help="The date to compare (default today).")
@click.option(
    "--year",
    type=int,
    default=None,
    help="The year of budget and result (default: the year of --as-of).",
)
@forbund_option
@format_option()
@pass_store
def view_verify(
    store: Store, as_of: date | None, year: int | None, forbund: str | None, fmt: str
) -> None:
    """Compare the view's answers with the reference fold for a date; exit 1 on a difference.

    \b
    Example:
      finsam view verify --as-of 2024-12-31
    """
    day = as_of or date.today()
    fid = _forbund_id(store, forbund)
    v, f = source(store, False), source(store, True)
    y = year or day.year
    checks = {
        "budget": (v.budget(fid, y, day), f.budget(fid, y, day)),
        "result": (v.result(fid, y, day), f.result(fid, y, day)),
        "equity": (v.equity(fid, day), f.equity(fid, day)),
        "interventions": (v.insatser(fid, day), f.insatser(fid, day)),
    }
    bad = [name for name, (a, b) in checks.items() if a != b]
    if fmt == "json":
        print_json(
            {"as_of": day, "year": y, "agree": not bad, "differ": bad, "checked": list(checks)}
        )
    if bad:
        raise InvalidInput(
            f"the view differs from the event log in: {', '.join(bad)}; run: finsam view rebuild"
        )
    done(f"view and event log agree on {day} ({', '.join(checks)})")


# -- acts outside meetings ---------------------------------------------------------------


@cli.command("opening-equity")
@click.option(
    "--year-end", type=DATE, required=True, help="The year end the store's history starts from."
)
@click.option(
    "--equity", type=AMOUNT, required=True, help="Equity (eget kapital) on that date, in kronor."
)
@forbund_option
@pass_store
def opening_equity(store: Store, year_end: date, equity: int, forbund: str | None) -> None:
    """Set the opening equity at the year end where the store's history starts.

    \b
    Example:
      finsam opening-equity --year-end 2023-12-31 --equity 584026
    """
    store.run(
        c.SetOpeningEquity(forbund=forbund, year_end=year_end, equity=c.Amount(equity)),
        f"opening equity {kr(equity)} on {year_end}",
    )


@cli.group("allocation")
def allocation() -> None:
    """The members' allocation (medelstilldelning) of a year.

    \b
    Example:
      finsam allocation set --year 2024 --total 2832000
    """


@allocation.command("set")
@click.option("--year", type=int, required=True)
@click.option("--total", type=AMOUNT, default=None, help="Total, split by the members' shares.")
@click.option(
    "--member", "members", multiple=True, metavar="ID:AMOUNT", help="One member's part (repeat)."
)
@click.option(
    "--months", default="1-12", show_default=True, help="The months it covers, like 1-12 or 7-12."
)
@click.option(
    "--on", type=DATE, default=None, help="Date of the members' decision (default 1 January)."
)
@forbund_option
@pass_store
def allocation_set(
    store: Store,
    year: int,
    total: int | None,
    members: tuple[str, ...],
    months: str,
    on: date | None,
    forbund: str | None,
) -> None:
    """Set a year's allocation; it is income of the months it covers, spread evenly.

    \b
    Examples:
      finsam allocation set --year 2024 --total 2832000
      finsam allocation set --year 2024 --member fk:708000 --member af:708000 \\
        --member rvn:708000 --member solleftea:708000
    """
    try:
        first, last = (int(x) for x in months.split("-"))
    except ValueError:
        raise InvalidInput(f"--months '{months}' has the wrong form (write it like 1-12)") from None
    specs = []
    for m in members:
        member_id, _, amount = m.partition(":")
        specs.append(c.MemberAmountSpec(member=member_id, amount=c.Amount(parse_amount(amount))))
    store.run(
        c.SetAllocation(
            forbund=forbund,
            year=year,
            total=None if total is None else c.Amount(total),
            members=tuple(specs),
            first_month=first,
            last_month=last,
            on=on,
        ),
        f"allocation {year} set",
    )


@cli.command("book")
@click.argument("kind", type=click.Choice(["cost", "income", "allocation-payment"]))
@click.argument("line")
@click.argument("amount", type=AMOUNT)
@click.option("--on", type=DATE, required=True, help="Booking date.")
@click.option("--text", default="", help="What it is (verifikationstext).")
@forbund_option
@pass_store
def book_cmd(
    store: Store, kind: str, line: str, amount: int, on: date, text: str, forbund: str | None
) -> None:
    """Book a cost or income on a budget line, or an allocation payment received.

    \b
    Examples:
      finsam book cost kansli "160 000" --on 2024-03-31 --text "Förbundschef Q1"
      finsam book income ranteintakter 55534 --on 2024-12-31
      finsam book allocation-payment driftbidrag 1416000 --on 2024-01-31
    """
    store.run(
        c.Book(
            forbund=forbund,
            kind=cast(Any, kind.replace("-", "_")),
            line=line,
            amount=c.Amount(amount),
            on=on,
            text=text,
        ),  # type: ignore[arg-type]
        f"{kind} {kr(amount)} booked on {line} ({on})",
    )


@cli.command("pay")
@click.argument("insats")
@click.argument("amount", type=AMOUNT)
@click.option("--on", type=DATE, required=True, help="Payment date.")
@click.option("--text", default="")
@forbund_option
@pass_store
def pay(store: Store, insats: str, amount: int, on: date, text: str, forbund: str | None) -> None:
    """Pay an insats's owner; clears accrued costs, does not change the result.

    \b
    Example:
      finsam pay samcoach 193750 --on 2024-04-15
    """
    store.run(
        c.PayOwner(forbund=forbund, insats=insats, amount=c.Amount(amount), on=on, text=text),
        f"{kr(amount)} paid to {insats} on {on}",
    )


@cli.group("application")
def application() -> None:
    """Applications for money: receive, withdraw, complete after a referral back.

    \b
    Example:
      finsam application receive sfi --amount 998000 --start 2024-01-01 \\
        --end 2024-12-31 --on 2023-10-01
    """


@application.command("receive")
@click.argument("insats")
@click.option("--name", default="", help="The insats's name.")
@click.option(
    "--kind",
    type=click.Choice(["individual", "structural", "volume"]),
    default="individual",
    show_default=True,
)
@click.option("--owner", default="", help="Projektägare.")
@click.option("--co-applicant", "co", multiple=True, help="Medsökande (repeat).")
@click.option("--amount", type=AMOUNT, required=True, help="Amount applied for, in kronor.")
@click.option("--start", type=DATE, required=True)
@click.option("--end", type=DATE, required=True)
@click.option(
    "--line", default="", help="The budget line it is charged to (default: the insats id)."
)
@click.option("--on", type=DATE, required=True, help="Date received.")
@forbund_option
@pass_store
def application_receive(
    store: Store,
    insats: str,
    name: str,
    kind: str,
    owner: str,
    co: tuple[str, ...],
    amount: int,
    start: date,
    end: date,
    line: str,
    on: date,
    forbund: str | None,
) -> None:
    """Register an application for an insats.

    \b
    Example:
      finsam application receive samcoach --name SamCoach --owner solleftea \\
        --co-applicant fk --amount 775000 --start 2024-01-01 --end 2024-12-31 --on 2023-10-01
    """
    store.run(
        c.ReceiveApplication(
            forbund=forbund,
            insats=insats,
            name=name,
            kind=cast(Any, kind),
            owner=owner,  # type: ignore[arg-type]
            co_applicants=co,
            amount=c.Amount(amount),
            start=start,
            end=end,
            line=line,
            on=on,
        ),
        f"application {insats} received",
    )


@application.command("withdraw")
@click.argument("insats")
@click.option("--on", type=DATE, required=True)
@click.option("--reason", default="")
@forbund_option
@pass_store
def application_withdraw(
    store: Store, insats: str, on: date, reason: str, forbund: str | None
) -> None:
    """The applicant withdraws an application (återtagen; not a board decision).

    \b
    Example:
      finsam application withdraw rvn-ansokan --on 2023-11-10 --reason "FK kan inte delta"
    """
    store.run(
        c.WithdrawApplication(forbund=forbund, insats=insats, on=on, reason=reason),
        f"application {insats} withdrawn",
    )


@application.command("complete")
@click.argument("insats")
@click.option("--on", type=DATE, required=True)
@click.option("--amount", type=AMOUNT, default=None)
@click.option("--start", type=DATE, default=None)
@click.option("--end", type=DATE, default=None)
@forbund_option
@pass_store
def application_complete(
    store: Store,
    insats: str,
    on: date,
    amount: int | None,
    start: date | None,
    end: date | None,
    forbund: str | None,
) -> None:
    """The applicant completes a referred-back application; it can be decided again.

    \b
    Example:
      finsam application complete sfi --on 2023-12-11
    """
    store.run(
        c.CompleteApplication(
            forbund=forbund,
            insats=insats,
            on=on,
            amount=None if amount is None else c.Amount(amount),
            start=start,
            end=end,
        ),
        f"application {insats} completed",
    )


# -- decisions: a paragraph with a money effect ----------------------------------------------


class Sitting(NamedTuple):
    """Where a decision is recorded: the meeting, and the paragraph's title, number and text."""

    meeting: date
    title: str | None
    number: int | None
    text: str
    forbund: str | None


def decision_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--meeting, --title, --number, --text and --forbund, handed on as one ``sitting``."""

    @functools.wraps(f)
    def wrapper(
        *args: Any,
        meeting: date,
        title: str | None,
        number: int | None,
        text: str,
        forbund: str | None,
        **kwargs: Any,
    ) -> Any:
        return f(*args, sitting=Sitting(meeting, title, number, text, forbund), **kwargs)

    wrapper = click.option("--text", default="", help="A short account of the matter.")(wrapper)
    wrapper = click.option(
        "--number", type=int, default=None, help="The § number (default: next free)."
    )(wrapper)
    wrapper = click.option(
        "--title", default=None, help="The paragraph's title (default: from the decision)."
    )(wrapper)
    wrapper = click.option("--meeting", type=DATE, required=True, help="The meeting that decides.")(
        wrapper
    )
    return forbund_option(wrapper)


def decide(store: Store, effect: Any, default_title: str, sitting: Sitting) -> None:
    """Record a paragraph at the meeting whose decision carries the money effect."""
    command = c.AddParagraph(
        forbund=sitting.forbund,
        meeting=sitting.meeting,
        title=sitting.title or default_title,
        number=sitting.number,
        text=sitting.text,
        effects=(effect,),
    )
    store.run(command, f"decision recorded in the minutes of {sitting.meeting}")


@cli.command("grant")
@click.argument("insats")
@click.option(
    "--amount", type=AMOUNT, default=None, help="Granted amount (default: as applied for)."
)
@click.option("--start", type=DATE, default=None)
@click.option("--end", type=DATE, default=None)
@decision_options
@pass_store
def grant(
    store: Store,
    insats: str,
    amount: int | None,
    start: date | None,
    end: date | None,
    sitting: Sitting,
) -> None:
    """Grant money to an insats (bevilja medel); its cost falls evenly per month.

    \b
    Example:
      finsam grant samcoach --meeting 2023-11-23 --amount 775000
    """
    effect = c.GrantFunds(
        insats=insats, amount=None if amount is None else c.Amount(amount), start=start, end=end
    )
    decide(store, effect, f"Ansökan om medel: {insats}", sitting)


@cli.command("refer-back")
@click.argument("insats")
@click.option("--reason", required=True, help="Why (an återremiss must give a reason).")
@decision_options
@pass_store
def refer_back(
    store: Store,
    insats: str,
    reason: str,
    sitting: Sitting,
) -> None:
    """Refer an application back to the applicant (återremiss).

    \b
    Example:
      finsam refer-back sfi --meeting 2023-11-23 --reason "Komplettera med mål och budget"
    """
    decide(store, c.ReferBack(insats=insats, reason=reason), f"Ansökan om medel: {insats}", sitting)


@cli.command("reject")
@click.argument("insats")
@click.option("--reason", default="")
@decision_options
@pass_store
def reject(
    store: Store,
    insats: str,
    reason: str,
    sitting: Sitting,
) -> None:
    """Reject an application (avslag).

    \b
    Example:
      finsam reject friskare --meeting 2017-11-16 --reason "Ryms inte i budgeten"
    """
    decide(
        store,
        c.RejectApplication(insats=insats, reason=reason),
        f"Ansökan om medel: {insats}",
        sitting,
    )


@cli.command("postpone")
@click.argument("insats")
@click.option("--start", type=DATE, required=True, help="The new start; the end stays.")
@decision_options
@pass_store
def postpone(
    store: Store,
    insats: str,
    start: date,
    sitting: Sitting,
) -> None:
    """Postpone the start; the monthly charge stays and the months before are never charged.

    \b
    Example:
      finsam postpone halsoprojektet --start 2021-04-01 --meeting 2021-03-15
    """
    decide(
        store, c.PostponeStart(insats=insats, start=start), f"Senarelagd start: {insats}", sitting
    )


@cli.command("move-period")
@click.argument("insats")
@click.option("--start", type=DATE, required=True, help="The new start; the whole period moves.")
@decision_options
@pass_store
def move_period(
    store: Store,
    insats: str,
    start: date,
    sitting: Sitting,
) -> None:
    """Move the whole period of a grant that has not started; its charges move with it.

    \b
    Example:
      finsam move-period sam --start 2021-09-01 --meeting 2021-05-20
    """
    decide(store, c.MovePeriod(insats=insats, start=start), f"Ändrad period: {insats}", sitting)


@cli.command("extend")
@click.argument("insats")
@click.option("--end", type=DATE, required=True, help="The new end.")
@click.option("--extra", type=AMOUNT, default=0, help="More money granted with the extension.")
@decision_options
@pass_store
def extend(
    store: Store,
    insats: str,
    end: date,
    extra: int,
    sitting: Sitting,
) -> None:
    """Extend the period; what is not yet charged (plus --extra) spreads over the new months.

    \b
    Example:
      finsam extend samcoach --end 2025-06-30 --extra 300000 --meeting 2024-10-10
    """
    effect = c.ExtendPeriod(insats=insats, end=end, extra=c.Amount(extra))
    decide(store, effect, f"Förlängning: {insats}", sitting)


@cli.command("end-early")
@click.argument("insats")
@click.option("--end", type=DATE, required=True, help="The new, earlier end.")
@decision_options
@pass_store
def end_early(
    store: Store,
    insats: str,
    end: date,
    sitting: Sitting,
) -> None:
    """End an insats early; the months after the new end are never charged.

    \b
    Example:
      finsam end-early skapa --end 2021-09-30 --meeting 2021-09-16
    """
    decide(store, c.EndEarly(insats=insats, end=end), f"Avslut i förtid: {insats}", sitting)


@cli.command("settle")
@click.argument("insats")
@click.option("--year", type=int, required=True)
@click.option("--used", type=AMOUNT, required=True, help="Förbrukade medel that year.")
@click.option(
    "--on", type=DATE, default=None, help="Settlement date (default: the year's last day)."
)
@click.option(
    "--meeting", type=DATE, default=None, help="Record it as a decision at this meeting instead."
)
@forbund_option
@pass_store
def settle(
    store: Store,
    insats: str,
    year: int,
    used: int,
    on: date | None,
    meeting: date | None,
    forbund: str | None,
) -> None:
    """Settle a year with what the insats actually used; the difference is booked then.

    \b
    Example:
      finsam settle bip --year 2024 --used 0 --on 2024-12-31
    """
    day = on or date(year, 12, 31)
    if meeting is not None:
        effect = c.SettleYear(insats=insats, year=year, used=c.Amount(used), on=day)
        sitting = Sitting(meeting, None, None, "", forbund)
        decide(store, effect, f"Förbrukade medel {year}: {insats}", sitting)
        return
    store.run(
        c.SettleWithoutDecision(
            forbund=forbund, insats=insats, year=year, used=c.Amount(used), on=day
        ),
        f"{insats} {year} settled: {kr(used)} used",
    )


@cli.command("carry")
@click.argument("insats")
@click.option("--from-year", type=int, required=True)
@click.option("--amount", type=AMOUNT, default=None, help="Default: all unused money of that year.")
@click.option("--start", type=DATE, default=None, help="Default: 1 January of the next year.")
@click.option("--end", type=DATE, default=None, help="Default: 31 December of the next year.")
@decision_options
@pass_store
def carry(
    store: Store,
    insats: str,
    from_year: int,
    amount: int | None,
    start: date | None,
    end: date | None,
    sitting: Sitting,
) -> None:
    """Carry unused money of a settled year into the next year (medlen flyttas med).

    \b
    Example:
      finsam carry bip --from-year 2024 --meeting 2025-02-13
    """
    effect = c.CarryUnused(
        insats=insats,
        from_year=from_year,
        amount=None if amount is None else c.Amount(amount),
        start=start,
        end=end,
    )
    decide(store, effect, f"Ej förbrukade medel: {insats}", sitting)


@cli.group("annual-report")
def annual_report() -> None:
    """The annual report (årsredovisning): adopting it closes the year.

    \b
    Example:
      finsam annual-report adopt --year 2024 --meeting 2025-03-20
    """


@annual_report.command("adopt")
@click.option("--year", type=int, required=True)
@decision_options
@pass_store
def annual_report_adopt(
    store: Store,
    year: int,
    sitting: Sitting,
) -> None:
    """Adopt the annual report of a year; bookings dated in it are refused afterwards.

    \b
    Example:
      finsam annual-report adopt --year 2024 --meeting 2025-03-20
    """
    decide(store, c.AdoptAnnualReport(year=year), f"Årsredovisning {year}", sitting)


def _line_spec(
    value: str, insats_lines: tuple[str, ...], option: str = "--line"
) -> c.BudgetLineSpec:
    """ID:KIND:AMOUNT[:NAME[:PLAN,PLAN]] as --line and --add-line write a budget line."""
    parts = value.split(":")
    if len(parts) < 3 or parts[1] not in ("income", "cost"):
        raise InvalidInput(
            f"{option} '{value}' has the wrong form (write it like kansli:cost:667000[:Kansli])"
        )
    line, kind, amount = parts[0], parts[1], parts[2]
    plan = (
        tuple(c.Amount(parse_amount(a)) for a in parts[4].split(","))
        if len(parts) > 4 and parts[4]
        else ()
    )
    return c.BudgetLineSpec(
        line=line,
        kind=cast(Any, kind),
        amount=c.Amount(parse_amount(amount)),  # type: ignore[arg-type]
        name=parts[3] if len(parts) > 3 else "",
        insats=line in insats_lines,
        plan=plan,
    )


@budget.command("adopt")
@click.option("--year", type=int, required=True)
@click.option(
    "--line",
    "lines",
    multiple=True,
    required=True,
    metavar="ID:KIND:AMOUNT[:NAME[:PLAN,PLAN]]",
    help="A budget line; KIND income or cost; PLAN the amounts of the plan years (repeat).",
)
@click.option(
    "--insats-line",
    "insats_lines",
    multiple=True,
    metavar="ID",
    help="A cost line that holds money for insatser (repeat).",
)
@click.option(
    "--from-equity", type=AMOUNT, default=0, help="Planned use of equity (a planned deficit)."
)
@decision_options
@pass_store
def budget_adopt(
    store: Store,
    year: int,
    lines: tuple[str, ...],
    insats_lines: tuple[str, ...],
    from_equity: int,
    sitting: Sitting,
) -> None:
    """Adopt the plan and budget of a year (refused if it does not balance without --from-equity).

    \b
    Example:
      finsam budget adopt --year 2024 --meeting 2023-11-23 \\
        --line driftbidrag:income:2832000 --line kansli:cost:667000:Kansli \\
        --line insatser:cost:2165000 --insats-line insatser
    """
    effect = c.AdoptBudget(
        year=year,
        lines=tuple(_line_spec(v, insats_lines) for v in lines),
        from_equity=c.Amount(from_equity),
    )
    decide(store, effect, f"Verksamhetsplan och budget {year}", sitting)


@budget.command("change")
@click.option("--year", type=int, required=True)
@click.option(
    "--move",
    "moves",
    multiple=True,
    metavar="FROM:TO:AMOUNT",
    help="Move money between lines (repeat).",
)
@click.option(
    "--line",
    "deltas",
    multiple=True,
    metavar="LINE:AMOUNT",
    help="Change a line by +/- an amount (repeat).",
)
@click.option(
    "--add-line",
    "new_lines",
    multiple=True,
    metavar="ID:KIND:AMOUNT[:NAME]",
    help="A new line (repeat).",
)
@click.option(
    "--from-equity", type=AMOUNT, default=0, help="Money taken from equity for the change."
)
@decision_options
@pass_store
def budget_change(
    store: Store,
    year: int,
    moves: tuple[str, ...],
    deltas: tuple[str, ...],
    new_lines: tuple[str, ...],
    from_equity: int,
    sitting: Sitting,
) -> None:
    """Change a year's budget: move money, add a line, appropriate, take from equity.

    \b
    Examples:
      finsam budget change --year 2024 --meeting 2024-09-19 --move kompetenshojande:nya-projekt:10000
      finsam budget change --year 2021 --meeting 2021-04-22 --add-line sam:cost:300000:SAM \\
        --from-equity 300000
    """
    changes: list[c.LineChangeSpec] = []
    for m in moves:
        parts = m.split(":")
        if len(parts) != 3:
            raise InvalidInput(
                f"--move '{m}' has the wrong form (write it like insatser:kansli:10000)"
            )
        moved = parse_amount(parts[2])
        changes += [
            c.LineChangeSpec(line=parts[0], delta=c.Amount(-moved)),
            c.LineChangeSpec(line=parts[1], delta=c.Amount(moved)),
        ]
    for d in deltas:
        line, _, amount = d.partition(":")
        changes.append(c.LineChangeSpec(line=line, delta=c.Amount(parse_amount(amount))))
    for n in new_lines:
        spec = _line_spec(n, (), option="--add-line")
        changes.append(
            c.LineChangeSpec(line=spec.line, kind=spec.kind, delta=spec.amount, name=spec.name)
        )
    effect = c.ChangeBudget(year=year, changes=tuple(changes), from_equity=c.Amount(from_equity))
    decide(store, effect, f"Budgetändring {year}", sitting)
