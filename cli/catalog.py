"""Every command of `finsam` by name: the module that defines it and its help's first
paragraph, so the group lists and loads commands without importing them (cli/main.py)."""

from __future__ import annotations

# Every command of the group: its name, the module and attribute that define it, and the
# first sentence of its help. `finsam --help` lists the commands from this table without
# importing them, and a command's module (with the store, the read and write sides and
# the libraries it needs) is imported only when that command runs: start-up stays a few
# tens of milliseconds (docs/performance.md). tests/test_cli_structure.py checks that the
# table names every command with its own help, and that --help imports none of them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "forbund": (
        "cli.forbund",
        "forbund",
        "Create and show förbund (samordningsförbund) and their members.",
    ),
    "board": ("cli.board", "board", "The board (styrelse) on a date; appoint and end seats."),
    "meeting": (
        "cli.meetings",
        "meeting",
        "Open, close, adjust (justera) and post (anslå) a board meeting.",
    ),
    "meetings": (
        "cli.meetings",
        "meetings_cmd",
        "Every meeting with its § range, whether its minutes are adjusted and posted, and the deadlines missed or at risk (adjusted within 14 days, posted within 2 days).",
    ),
    "minutes": (
        "cli.meetings",
        "minutes_cmd",
        "The minutes (protokoll) of the meeting on DATE, laid out as a Swedish municipal protokoll with its Underskrifter and ANSLAG/BEVIS; as text, markdown, HTML, PDF (page numbers and the justerare's initials on every page) or a PNG of one page.",
    ),
    "paragraph": (
        "cli.paragraphs",
        "paragraph",
        "Add, show, amend and renumber paragraphs (§) of the minutes.",
    ),
    "assignments": (
        "cli.paragraphs",
        "assignments_cmd",
        "The open assignments (uppdrag) on a date.",
    ),
    "assignment": (
        "cli.paragraphs",
        "assignment",
        "Complete an assignment (uppdrag) given in a paragraph.",
    ),
    "import": (
        "cli.journal",
        "import_cmd",
        "Import a journal file (TOML): a förbund, its board, meetings and money.",
    ),
    "journal": ("cli.journal", "journal", "The journal file format (TOML); see docs/journal.md."),
    "budget": (
        "cli.reports",
        "budget",
        "The budget of a year as it stood on a date, line by line, with the § behind each line.",
    ),
    "result": (
        "cli.reports",
        "result",
        "Income and costs per line against the budget (driftredovisning) and the result.",
    ),
    "equity": (
        "cli.reports",
        "equity",
        "Equity (eget kapital) on a date against the year's allocation and the förbund's limit.",
    ),
    "interventions": (
        "cli.reports",
        "interventions",
        "The insatser current on a date with status, granted per year, charged, paid and unused money.",
    ),
    "report": ("cli.statements", "report", "The statements a förbund hands in, for any date."),
    "view": (
        "cli.view",
        "view",
        "The materialised ledger view: rebuild it or check it against the event log.",
    ),
    "opening-equity": (
        "cli.bookkeeping",
        "opening_equity",
        "Set the opening equity at the year end where the store's history starts.",
    ),
    "allocation": (
        "cli.bookkeeping",
        "allocation",
        "The members' allocation (medelstilldelning) of a year.",
    ),
    "book": (
        "cli.bookkeeping",
        "book_cmd",
        "Book a cost or income on a budget line, or an allocation payment received.",
    ),
    "transfer": (
        "cli.bookkeeping",
        "transfer",
        "Book on a balance account: other receivables, prepaid costs, prepaid income, other liabilities (debit first, then credit).",
    ),
    "pay": (
        "cli.bookkeeping",
        "pay",
        "Pay an insats's owner; clears accrued costs, does not change the result.",
    ),
    "interim-use": (
        "cli.bookkeeping",
        "interim_use",
        "Report what an insats has used so far in a year (delredovisning); the year's settlement then settles the rest.",
    ),
    "settle": ("cli.bookkeeping", "settle", "Settle a year with what the insats actually used."),
    "application": (
        "cli.applications",
        "application",
        "Applications for money: receive, withdraw, complete after a referral back.",
    ),
    "grant": (
        "cli.decisions",
        "grant",
        "Grant money to an insats (bevilja medel); its cost falls evenly per month, or per year as --schedule says.",
    ),
    "refer-back": (
        "cli.decisions",
        "refer_back",
        "Refer an application back to the applicant (återremiss).",
    ),
    "reject": ("cli.decisions", "reject", "Reject an application (avslag)."),
    "postpone": (
        "cli.decisions",
        "postpone",
        "Postpone the start; the monthly charge stays and the months before are never charged, unless the decision keeps each year's money or moves it to a later year.",
    ),
    "move-period": (
        "cli.decisions",
        "move_period",
        "Move the whole period of a grant that has not started; its charges move with it.",
    ),
    "extend": (
        "cli.decisions",
        "extend",
        "Extend the period; what is not yet charged (plus --extra) spreads over the new months.",
    ),
    "end-early": (
        "cli.decisions",
        "end_early",
        "End an insats early; the months after the new end are never charged.",
    ),
    "carry": (
        "cli.decisions",
        "carry",
        "Carry unused money of a settled year into the next year (medlen flyttas med).",
    ),
    "annual-report": (
        "cli.decisions",
        "annual_report",
        "The annual report (årsredovisning): adopting it closes the year.",
    ),
    "exempt-deficit": (
        "cli.balanskrav",
        "exempt_deficit",
        "Decide that synnerliga skäl exist not to restore a year's negative balanskravsresultat (KL 11:13) instead of restoring it within three years.",
    ),
    "log": (
        "cli.log",
        "log_cmd",
        "The event history: position, recorded time, who, type, effective date, §, amount and content.",
    ),
    "export": (
        "cli.exports",
        "export",
        "The ledger for other books: SIE 4E, hledger or beancount.",
    ),
    "import-sie": (
        "cli.exports",
        "import_sie_cmd",
        "Import the verifications (#VER) of a SIE 4I/4E file as bookings.",
    ),
    "explain": (
        "cli.explain",
        "explain",
        "Every event behind a figure: amount, effective date, recorded time, who and §.",
    ),
    "impact": (
        "cli.explain",
        "impact",
        "Every figure a paragraph (§) changed: the figure without its events, and with.",
    ),
    "diff": (
        "cli.explain",
        "diff_cmd",
        "Which figures of a query changed between two moments (--known-at twice), and the events recorded in between that changed them, their amounts summing to the change.",
    ),
    "audit": (
        "cli.audit",
        "audit",
        "Tamper evidence: verify the hash chain and the view, print and check checkpoints.",
    ),
    # -- the year's archive package (issue 21, item 5) --
    "archive": (
        "cli.archive",
        "archive_cmd",
        "The year's archive package (e-arkivpaket) in the E-ARK SIP layout Riksarkivet's FGS builds on: the adjusted protokoll with a protokollsutdrag of each §, the kallelser, the annual report (all PDF/A), the diarium's documents as received, the audit bundle, and METS.xml listing every file with its SHA-256.",
    ),
    "bookings": (
        "cli.registers",
        "bookings",
        "The verifikationslista of a year: every booking and payment to an insats's owner, numbered in date order, with line, amount (öre in json and csv), text and §.",
    ),
    "decisions": (
        "cli.registers",
        "decisions",
        "The register of decisions of a year: every paragraph with a money effect, what it decided and the amount its events name (öre in json and csv).",
    ),
    "procedure": (
        "cli.procedures",
        "procedure",
        "Record a procedure the law asks beside the minutes; `finsam procedures` lists them.",
    ),
    "procedures": (
        "cli.procedures",
        "procedures",
        "The procedures of a year and a warning for each the law asks that is missing.",
    ),
    "serve": (
        "web.serve",
        "serve",
        "A read-only web view for the board and the auditors: overview, meetings and minutes, budget, insatser with their timelines, the event log and the board, each as of a date (as_of) and as the records stood (known_at); every figure links to the events and paragraphs behind it.",
    ),
    "backup": (
        "cli.backup",
        "backup",
        "Copy the store, with its whole history, to a new SQLite FILE while others may go on writing (SQLite's online backup: the copy is the store at one moment).",
    ),
    "copy": (
        "cli.backup",
        "copy",
        "Copy a store with its whole history (every event, its link in the hash chain, the journal fingerprints) into an empty store, SQLite or PostgreSQL either way, in one transaction: all or nothing.",
    ),
    "earlier-year": (
        "cli.earlier_years",
        "earlier_year",
        "Record the published outcome of a year before the store's books began.",
    ),
    "earlier-years": (
        "cli.earlier_years",
        "earlier_years",
        "The published outcome recorded for the years before a year.",
    ),
    # -- goals, follow-up and forecast (issue 23) --
    "goal": (
        "cli.goals",
        "goal",
        "Set or change a goal of the year's verksamhetsplan by a paragraph (§).",
    ),
    "goals": (
        "cli.goals",
        "goals",
        "The year's goals with their fulfilment (måluppfyllelse) on a date: financial goals the ledger judges from the figures, the others as assessed at a follow-up.",
    ),
    "follow-up": (
        "cli.follow_up",
        "follow_up",
        "Record a follow-up (uppföljning): goals assessed, participants, the forecast.",
    ),
    "participants": (
        "cli.follow_up",
        "participants",
        "Each insats's participants in a year as its last report by the date states them: total, new, finished, women, men, other, and referred by each member.",
    ),
    "forecast": (
        "cli.forecast",
        "forecast",
        "The last year-end forecast made by a date (prognos 31/12), per budget line beside the budget and the outcome so far, with the forecast result and equity.",
    ),
    "report-text": (
        "cli.report_texts",
        "report_text",
        "Record the förbund's own text of a section of its report; recording the section again replaces it from that day (the earlier text stays in the log), an empty text removes it.",
    ),
    "report-texts": (
        "cli.report_texts",
        "report_texts",
        "The förbund's own text per section of the year's reports, as last recorded.",
    ),
    # -- the workspace's accounts (issue 22) --
    "user": (
        "cli.users",
        "user",
        "The people who sign in to the workspace (`finsam serve`) and their roles per förbund: sekreterare and förbundschef record, ledamot and ersättare read and sign, revisor reads and audits, admin gives roles.",
    ),
    # -- the diarium, documents, votes, distance (issue 20) --
    "diarium": (
        "cli.diarium",
        "diarium",
        "The diarium: each document received or sent with its diarienummer (YYYY/N), date, sender or recipient, subject and files, as registered by a date.",
    ),
    # -- the kallelse and föredragningslista (issue 20, item 3) --
    "agenda": (
        "cli.agenda",
        "agenda",
        "The kallelse and föredragningslista of a board meeting: its day, time, place, whether it is public and distance participation is allowed, and its ärenden in order with förslag till beslut and handlingar (from the diarium).",
    ),
}
# `budget` is both the budget query (cli/reports.py) and the parent of the decisions
# that adopt and change a budget (cli/decisions.py).
SUBCOMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "budget": ("cli.decisions", ("budget_adopt", "budget_change")),
    # what Uppföljning Finsam asks per insats (issue 23), beside the ledger's exports
    "export": ("cli.uppfoljning", ("export_uppfoljning",)),
    # a paragraph's yrkanden and vote (issue 20)
    "paragraph": ("cli.votes", ("paragraph_vote",)),
    # participation at a distance (issue 20)
    "meeting": ("cli.distance", ("meeting_allow_distance", "meeting_distance")),
}
