"""Write the golden store with the code as it is on this commit."""
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from commands import structs as c
from commands.handlers import execute
from commands.journal import import_journal
from finsam_es.application import FinsamApp

A = c.Amount
out = Path(sys.argv[1])
out.unlink(missing_ok=True)


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        self.now += timedelta(milliseconds=250)
        return self.now


clock = Clock(datetime(2025, 4, 1, 8, 0, tzinfo=UTC))
app = FinsamApp(str(out), clock=clock)
import_journal(app, Path("examples/solleftea-2024.toml"))

# A second förbund, recorded later, with the acts the example does not hold.
clock.now = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
P = "prov"
run = lambda cmd: execute(app, cmd)
run(c.CreateForbund(id=P, name="Samordningsförbundet Prov", members=(
    c.MemberSpec(id="fk", kind="state", share="25%", name="Försäkringskassan"),
    c.MemberSpec(id="af", kind="state", share="25%", name="Arbetsförmedlingen"),
    c.MemberSpec(id="rg", kind="region", share="25%", name="Regionen"),
    c.MemberSpec(id="k1", kind="municipality", share="12.5%", name="Kommun Ett"),
    c.MemberSpec(id="k2", kind="municipality", share="12.5%", name="Kommun Två"),
), quorum="more_than_half", on=date(2024, 1, 1)))
for name, member, role, chair in (
    ("Anna Ek", "k1", "ledamot", True), ("Bo Lind", "k2", "ledamot", False),
    ("Cia Berg", "rg", "ledamot", False), ("Dan Holm", "fk", "ledamot", False),
    ("Eva Strand", "af", "ledamot", False), ("Fia Ström", "k1", "ersattare", False),
):
    run(c.AppointBoardMember(forbund=P, name=name, member=member, role=role, start=date(2024, 1, 1), chair=chair))
run(c.SetOpeningEquity(forbund=P, year_end=date(2024, 12, 31), equity=A(50_000_000)))
run(c.OpenMeeting(forbund=P, date=date(2024, 11, 20), place="Kommunhuset", time="13.00-15.00",
    chair="Anna Ek", secretary="Gun Sekr", adjusters=("Bo Lind",),
    present=("Anna Ek", "Bo Lind", "Cia Berg", "Dan Holm")))
run(c.AddParagraph(forbund=P, meeting=date(2024, 11, 20), title="Budget 2025", effects=(
    c.AdoptBudget(year=2025, from_equity=A(10_000_000), lines=(
        c.BudgetLineSpec(line="driftbidrag", kind="income", amount=A(400_000_000), members=("fk", "af", "rg", "k1", "k2"), plan=(A(400_000_000), A(410_000_000))),
        c.BudgetLineSpec(line="kansli", kind="cost", amount=A(110_000_000), name="Kansli"),
        c.BudgetLineSpec(line="insatser", kind="cost", amount=A(300_000_000), name="Medel för insatser", insats=True),
    )),)))
run(c.AddParagraph(forbund=P, meeting=date(2024, 11, 20), title="Uppdrag", decisions=("Styrelsen beslutar att ge förbundschefen ett uppdrag",),
    assignments=(c.AssignmentSpec(who="Förbundschefen", what="ta fram en plan", due=date(2025, 3, 1)),), dissent=("Dan Holm",)))
run(c.AddParagraph(forbund=P, meeting=date(2024, 11, 20), title="Felskriven", text="utkast"))
run(c.AmendParagraph(forbund=P, year=2024, number=3, on=date(2024, 11, 20), title="Övrigt", text="Inget att notera"))
run(c.RenumberParagraph(forbund=P, year=2024, number=3, to=5, on=date(2024, 11, 20)))
run(c.AdjustMinutes(forbund=P, date=date(2024, 11, 20), on=date(2024, 11, 20), paragraph=1))
run(c.CloseMeeting(forbund=P, date=date(2024, 11, 20)))
run(c.AdjustMinutes(forbund=P, date=date(2024, 11, 20), on=date(2024, 11, 25)))
run(c.PostMinutes(forbund=P, date=date(2024, 11, 20), up=date(2024, 11, 26), down=date(2024, 12, 18)))
run(c.SetAllocation(forbund=P, year=2025, total=A(400_000_000)))
for insats, amount in (("alfa", 120_000_000), ("beta", 60_000_000), ("gamma", 24_000_000), ("delta", 30_000_000), ("eps", 10_000_000)):
    run(c.ReceiveApplication(forbund=P, insats=insats, name=insats.title(), kind="structural" if insats == "beta" else "individual",
        owner="k1", co_applicants=("fk",), amount=A(amount), start=date(2025, 1, 1), end=date(2025, 12, 31), on=date(2024, 12, 1)))
run(c.OpenMeeting(forbund=P, date=date(2024, 12, 12), chair="Anna Ek", present=("Anna Ek", "Bo Lind", "Fia Ström")))
run(c.AddParagraph(forbund=P, meeting=date(2024, 12, 12), title="Ansökningar", effects=(
    c.GrantFunds(insats="alfa"), c.GrantFunds(insats="beta", amount=A(48_000_000)),
    c.GrantFunds(insats="gamma"), c.RejectApplication(insats="delta", reason="Ryms inte"),
    c.ReferBack(insats="eps", reason="Komplettera"),
), conflict=("Bo Lind",), deciding=("Anna Ek", "Fia Ström")))
run(c.AddParagraph(forbund=P, meeting=date(2024, 12, 12), title="Period", effects=(c.MovePeriod(insats="gamma", start=date(2025, 3, 1)),)))
run(c.ResubmitApplication(forbund=P, insats="eps", on=date(2024, 12, 20), amount=A(8_000_000)))
run(c.WithdrawApplication(forbund=P, insats="eps", on=date(2024, 12, 28), reason="Drar tillbaka"))
clock.now = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
run(c.OpenMeeting(forbund=P, date=date(2025, 4, 10), chair="Anna Ek", present=("Anna Ek", "Bo Lind", "Cia Berg")))
run(c.AddParagraph(forbund=P, meeting=date(2025, 4, 10), title="Ändringar", effects=(
    c.PostponeStart(insats="alfa", start=date(2025, 5, 1)),
    c.ExtendPeriod(insats="beta", end=date(2026, 6, 30), extra=A(6_000_000)),
    c.ChangeBudget(year=2025, changes=(c.LineChangeSpec(line="insatser", delta=A(-5_000_000)), c.LineChangeSpec(line="utv", delta=A(5_000_000), kind="cost", name="Utveckling"))),
)))
run(c.AddParagraph(forbund=P, meeting=date(2025, 4, 10), title="Avslut", effects=(c.EndEarly(insats="gamma", end=date(2025, 10, 31)),)))
run(c.CompleteAssignment(forbund=P, year=2024, number=2, on=date(2025, 4, 10), note="§ i april"))
run(c.Book(forbund=P, kind="cost", line="kansli", amount=A(2_500_000), on=date(2025, 4, 30), text="Lön april"))
run(c.Book(forbund=P, kind="allocation_payment", line="driftbidrag", amount=A(100_000_000), on=date(2025, 1, 31), text="Q1"))
run(c.Book(forbund=P, kind="income", line="ranta", amount=A(12_345), on=date(2025, 6, 30), text="Ränta"))
run(c.PayOwner(forbund=P, insats="alfa", amount=A(10_000_000), on=date(2025, 6, 15), text="Utbetalning 1"))
run(c.LeaveBoard(forbund=P, name="Dan Holm", on=date(2025, 5, 31)))
clock.now = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)
run(c.OpenMeeting(forbund=P, date=date(2026, 2, 12), chair="Anna Ek", present=("Anna Ek", "Bo Lind", "Cia Berg", "Eva Strand")))
run(c.AddParagraph(forbund=P, meeting=date(2026, 2, 12), title="Förbrukade medel 2025", effects=(
    c.SettleYear(insats="beta", year=2025, used=A(30_000_000), on=date(2025, 12, 31)),
    c.SettleYear(insats="alfa", year=2025, used=A(70_000_000), on=date(2025, 12, 31)),
)))
run(c.AddParagraph(forbund=P, meeting=date(2026, 2, 12), title="Flytt", effects=(c.CarryUnused(insats="alfa", from_year=2025, amount=A(5_000_000)),)))
run(c.SettleWithoutDecision(forbund=P, insats="gamma", year=2025, used=A(10_000_000), on=date(2026, 1, 15)))
run(c.AddParagraph(forbund=P, meeting=date(2026, 2, 12), title="Årsredovisning 2025", effects=(c.AdoptAnnualReport(year=2025),)))
print(app.event_count(), "events")
