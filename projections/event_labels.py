"""What each kind of event is called in Swedish, for the pages that list the log (no
event type names on a page, issue 22): the auditor's log in the workspace, and any face
that wants the word. A kind without a word of its own is named by its book ("Händelse i
protokollboken"), so a new event class never shows its code name."""

from __future__ import annotations

# the aggregate (the book an event is recorded in), for the kinds every book shares
BOOKS = {
    "Agenda": "kallelserna",
    "DeficitExemption": "balanskravsbesluten",
    "Diarium": "diariet",
    "Distance": "distansdeltagandet",
    "DistanceRules": "reglerna för distansdeltagande",
    "FiscalYear": "räkenskapsåret",
    "Forbund": "förbundet",
    "Forecast": "prognosen",
    "GoalBook": "målen",
    "Insats": "insatsen",
    "MinutesBook": "protokollboken",
    "NoticeRule": "kallelsetiden",
    "ParticipantBook": "deltagarrapporterna",
    "ProcedureBook": "förfarandena",
    "PublishedYear": "tidigare år",
    "Registry": "lagret",
    "ReportTexts": "rapporttexterna",
    "Votes": "omröstningarna",
}
OPENING = frozenset({"Opened", "Created", "Started"})

LABELS = {
    "Called": "Kallelse skickad",
    "Taken": "Föredragningslistan tagen",
    "Exempted": "Synnerliga skäl beslutade",
    "Registered": "Registrerad",
    "Recorded": "Registrerad",
    "Decided": "Beslut om distansdeltagande",
    "AllocationSet": "Medlemsbidrag fastställt",
    "AnnualReportAdopted": "Årsredovisningen fastställd",
    "Booked": "Bokföring",
    "BudgetAdopted": "Budgeten antagen",
    "BudgetChanged": "Budgeten ändrad",
    "Transferred": "Omföring",
    "BoardMemberAppointed": "Ledamot eller ersättare utsedd",
    "BoardMemberLeft": "Ledamot eller ersättare avgått",
    "CharterSet": "Förbundsordningens regler",
    "InsatsYearsNoted": "Insatsens år noterade",
    "JournalEntriesImported": "Journal importerad",
    "MembersChanged": "Medlemmarna ändrade",
    "OpeningEquitySet": "Ingående eget kapital",
    "RoleElected": "Ordförande eller vice ordförande vald",
    "RoleEnded": "Uppdrag som ordförande avslutat",
    "RotationSet": "Växelvis platsfördelning",
    "SeatsChanged": "Antalet platser ändrat",
    "ThresholdsSet": "Gränsvärden fastställda",
    "Made": "Prognos gjord",
    "GoalAssessed": "Mål bedömt",
    "GoalSet": "Mål satt",
    "ApplicationCompleted": "Ansökan kompletterad",
    "ApplicationReceived": "Ansökan inkom",
    "ApplicationReferredBack": "Ansökan återremitterad",
    "ApplicationRejected": "Ansökan avslagen",
    "ApplicationWithdrawn": "Ansökan återtagen",
    "EndedEarly": "Insatsen avslutad i förtid",
    "GrantAwarded": "Medel beviljade",
    "InterimReported": "Delrapport",
    "PaymentMade": "Utbetalning",
    "PeriodExtended": "Perioden förlängd",
    "PeriodMoved": "Perioden flyttad",
    "StartPostponed": "Starten uppskjuten",
    "UnusedCarried": "Outnyttjat fört vidare",
    "YearSettled": "Året slutredovisat",
    "AnslagPosted": "Protokollet anslaget",
    "AssignmentCompleted": "Uppdrag slutfört",
    "MeetingAmended": "Sammanträdet ändrat",
    "MeetingCancelled": "Sammanträdet strukits",
    "MeetingClosed": "Sammanträdet avslutat",
    "MeetingOpened": "Sammanträdet öppnat",
    "MinutesAdjusted": "Protokollet justerat",
    "MinutesPosted": "Protokollet anslaget",
    "ParagraphAdded": "Paragraf",
    "ParagraphAmended": "Paragraf ändrad",
    "ServiceChanged": "Ersättare för en paragraf",
    "ParagraphRenumbered": "Paragraf omnumrerad",
    "MinutesSigned": "Justering (underskrift)",
    "Set": "Kallelsetid fastställd",
    "OrgnrRecorded": "Organisationsnummer",
    "Reported": "Deltagare rapporterade",
    "ProcedureRecorded": "Förfarande registrerat",
    "ForbundAdded": "Förbundet tillagt i lagret",
    "TextRecorded": "Rapporttext",
    "VoteRecorded": "Omröstning",
}


def event_label(kind: str) -> str:
    """The Swedish name of a log row's type (``Book.Kind`` or ``Kind``)."""
    book, _, name = kind.rpartition(".")
    where = BOOKS.get(book, "")
    if name in OPENING:
        return f"Påbörjad: {where}" if where else "Påbörjad"
    if name not in LABELS:
        return f"Händelse i {where}" if where else "Händelse"
    return LABELS[name]
