"""Quorum against the charter's seats, service per paragraph and who chairs it, through
the `finsam` command (issue 19, items 1 and 2).

- Lag (2003:1210) 9 § p. 3: the förbundsordning fixes the number of ledamöter; 10 §:
  each member's ledamöter and ersättare; KL (2017:725) 6:27 through 19 §: the board may
  decide when more than half of the ledamöter are present, so a vacant seat never lowers
  the bar.
- KL 6:28: a ledamot with jäv takes no part in the matter; the reglementen let her
  ersättare serve for that matter, and she returns for the next. 10 §, 12 §: an
  ersättare serves for her own member's ledamot, or its vacant seat.
- 17 §: the chair and vice chairs are chosen among the ledamöter; when the chair has
  jäv a vice chair, in order, chairs the matter.

The förbund is Sollefteå's four members (seeds/solleftea-arsredovisning-2024.txt), one
ledamot each, or five seats when the charter gives the municipality two.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from commands.journal import import_journal
from finsam_es.minutes import MinutesBook
from store.application import FinsamApp
from tests.conftest import Finsam, stored
from tests.test_governance_app import JOURNAL, write
from tests.test_governance_cli import BOARD, MEMBERS, assert_refused
from tests.test_law_board import appoint

MEETING = "2024-02-15"
DECISION = ("--decision", "Styrelsen beslutar att fastställa delårsrapporten.")
# Sollefteå's members, the municipality with two seats by the charter: five ledamot seats
FIVE = (*MEMBERS, "--seats", "solleftea:2")


def sollefteå(finsam: Finsam, *ersattare: tuple[str, str]) -> Finsam:
    """The four ledamöter, and the ersättare named as (name, member)."""
    finsam("forbund", "create", "solleftea", "--name", "Sollefteå", *MEMBERS, "--on", "2005-11-01")
    for name, member, flags in BOARD:
        appoint(finsam, name, member, *flags)
    for name, member in ersattare:
        appoint(finsam, name, member, role="ersattare")
    return finsam


def open_meeting(finsam: Finsam, *present: str, chair: str = "") -> None:
    names = [a for name in present for a in ("--present", name)]
    finsam("meeting", "open", MEETING, *names, *(("--chair", chair) if chair else ()))


def quorum(finsam: Finsam, number: int) -> Any:
    return finsam.json("paragraph", "show", "2024", str(number))["quorum"]


# -- quorum against the charter's seats (9 § p. 3, KL 6:27) ----------------------------------


def test_two_of_five_charter_seats_is_no_quorum_though_two_are_vacant(finsam: Finsam) -> None:
    # Five seats by the charter, three held (two vacant: Försäkringskassan's and
    # Sollefteå's second), two present: more than half of
    # five is 5 // 2 + 1 = 3, so two cannot decide (counting only the three held would
    # have asked 3 // 2 + 1 = 2).
    finsam("forbund", "create", "s", "--name", "S", *FIVE, "--on", "2005-11-01")
    for name, member, flags in BOARD[:3]:
        appoint(finsam, name, member, *flags)
    open_meeting(finsam, "Birgitta Häggkvist", "Patrik Lockner")
    assert_refused(
        finsam,
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Delårsrapport",
        *DECISION,
        match="§1 (2024-02-15): no quorum: 2 of 5 ledamöter present, 3 needed",
    )
    finsam("paragraph", "add", MEETING, "--title", "Information")  # decides nothing
    assert quorum(finsam, 1) == {"present": 2, "required": 3, "seats": 5}


def test_the_meeting_warns_against_the_charter_seats_too(finsam: Finsam) -> None:
    finsam("forbund", "create", "s", "--name", "S", *FIVE, "--on", "2005-11-01")
    for name, member, flags in BOARD[:3]:
        appoint(finsam, name, member, *flags)
    result = finsam("meeting", "open", MEETING, "--present", "Birgitta Häggkvist")
    assert "quorum: 1 of 5 ledamöter present, 3 needed" in result.stderr


# -- service per paragraph (KL 6:28, 10 §, 12 §) ----------------------------------------------


def test_an_ersattare_serving_for_a_ledamot_with_jav_makes_the_paragraph_quorate(
    finsam: Finsam,
) -> None:
    # Three of four present; Mikael Sjölund (rvn) has jäv and leaves: two of four, no
    # quorum (3 needed). Sandra Formgren, rvn's ersättare, serves for him in this § only:
    # three of four seats filled. He decides the next § himself.
    sollefteå(finsam, ("Sandra Formgren", "rvn"))
    open_meeting(finsam, "Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund")
    args = ("paragraph", "add", MEETING, "--title", "Ansökan", *DECISION)
    assert_refused(
        finsam,
        *args,
        "--conflict",
        "Mikael Sjölund",
        match="no quorum after jäv: 2 of 4 ledamöter present, 3 needed",
    )
    serving = ("--serving-for", "Sandra Formgren=Mikael Sjölund")
    finsam(*args, "--conflict", "Mikael Sjölund", *serving)
    shown = finsam.json("paragraph", "show", "2024", "1")
    assert shown["quorum"] == {"present": 3, "required": 3, "seats": 4}
    assert "Mikael Sjölund" not in shown["present"]
    assert shown["serving_for_paragraph"] == {"Sandra Formgren": "Mikael Sjölund"}
    finsam(*args)  # §2: he is back, she is not deciding
    second = finsam.json("paragraph", "show", "2024", "2")
    assert "Mikael Sjölund" in second["present"]
    assert "Sandra Formgren" not in second["present"]
    minutes = finsam("minutes", MEETING).output
    assert "Tjänstgör för paragrafen: Sandra Formgren för Mikael Sjölund" in minutes


def test_an_ersattare_of_another_member_is_refused_in_one_line(finsam: Finsam) -> None:
    # 10 §: each member is represented by its own; Sandra Formgren is rvn's ersättare
    # and cannot serve for Lina Kempe, Försäkringskassan's ledamot.
    sollefteå(finsam, ("Sandra Formgren", "rvn"))
    open_meeting(finsam, "Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund", "Lina Kempe")
    assert_refused(
        finsam,
        "paragraph",
        "add",
        MEETING,
        "--title",
        "Ansökan",
        *DECISION,
        "--conflict",
        "Lina Kempe",
        "--serving-for",
        "Sandra Formgren=Lina Kempe",
        match="Sandra Formgren is an ersättare for rvn: she cannot serve for Lina Kempe",
    )
    assert_refused(
        finsam,
        "meeting",
        "open",
        "2024-03-14",
        "--present",
        "Birgitta Häggkvist",
        "--serving-for",
        "Sandra Formgren=Lina Kempe",
        match="Sandra Formgren is an ersättare for rvn",
    )


def test_an_ersattare_serves_in_her_members_vacant_seat(finsam: Finsam) -> None:
    # 10 §: rvn's ledamot seat is vacant (no one appointed); its ersättare present serves
    # in it, so three of four seats are filled and the board decides.
    finsam("forbund", "create", "solleftea", "--name", "Sollefteå", *MEMBERS, "--on", "2005-11-01")
    for name, member, flags in (BOARD[0], BOARD[1], BOARD[3]):
        appoint(finsam, name, member, *flags)
    appoint(finsam, "Sandra Formgren", "rvn", role="ersattare")
    open_meeting(finsam, "Birgitta Häggkvist", "Patrik Lockner", "Sandra Formgren")
    finsam("paragraph", "add", MEETING, "--title", "Delårsrapport", *DECISION)
    shown = finsam.json("paragraph", "show", "2024", "1")
    assert shown["quorum"] == {"present": 3, "required": 3, "seats": 4}
    assert shown["serving_for"] == {"Sandra Formgren": "rvn"}
    beslutande = finsam.json("minutes", MEETING)["beslutande"]
    assert beslutande[-1] == {
        "name": "Sandra Formgren",
        "role": "ersättare",
        "serving_for": "vakant plats för Region Västernorrland",
    }


def test_a_decision_command_takes_serving_for_and_chaired_by(finsam: Finsam) -> None:
    # The options are shared by every decision command (cli/sitting.py); `grant` here.
    # The chair Birgitta Häggkvist has jäv, Sandra Formgren (solleftea) serves for her,
    # and Lina Kempe is chosen to chair the matter.
    sollefteå(finsam, ("Sandra Formgren", "solleftea"))
    open_meeting(
        finsam, "Birgitta Häggkvist", "Patrik Lockner", "Lina Kempe", chair="Birgitta Häggkvist"
    )
    finsam(
        "budget", "adopt", "--year", "2024", "--meeting", MEETING,
        "--line", "driftbidrag:income:120000", "--line", "insatser:cost:120000",
        "--insats-line", "insatser",
    )  # fmt: skip
    finsam(
        "application", "receive", "coach", "--amount", "120000", "--line", "insatser",
        "--start", "2024-03-01", "--end", "2024-12-31", "--on", "2024-01-10",
    )  # fmt: skip
    finsam(
        "grant", "coach", "--meeting", MEETING, "--conflict", "Birgitta Häggkvist",
        "--serving-for", "Sandra Formgren=Birgitta Häggkvist", "--chaired-by", "Lina Kempe",
    )  # fmt: skip
    shown = finsam.json("paragraph", "show", "2024", "2")
    assert shown["quorum"] == {"present": 3, "required": 3, "seats": 4}
    assert shown["chaired_by"] == "Lina Kempe"


# -- who chairs the paragraph (17 §, KL 6:28) -------------------------------------------------


def test_the_vice_chair_chairs_a_paragraph_where_the_chair_has_jav(finsam: Finsam) -> None:
    sollefteå(finsam)
    open_meeting(
        finsam,
        "Birgitta Häggkvist",
        "Patrik Lockner",
        "Mikael Sjölund",
        "Lina Kempe",
        chair="Birgitta Häggkvist",
    )
    args = ("paragraph", "add", MEETING, "--title", "Ansökan", *DECISION)
    result = finsam(*args, "--conflict", "Birgitta Häggkvist")
    assert "jäv" not in result.stderr
    shown = finsam.json("paragraph", "show", "2024", "1")
    assert shown["chaired_by"] == "Patrik Lockner"  # the vice chair, 17 §
    assert shown["present"] == ["Patrik Lockner", "Mikael Sjölund", "Lina Kempe"]
    finsam(*args)
    assert finsam.json("paragraph", "show", "2024", "2")["chaired_by"] is None
    for fmt in ("table", "markdown", "html"):
        out = finsam("minutes", MEETING, "--format", fmt).output
        assert "Ordförande för paragrafen: Patrik Lockner" in out, fmt


def test_without_a_vice_chair_the_warning_points_to_chaired_by(finsam: Finsam) -> None:
    # The chair has jäv and the vice chair is absent: the warning names an option the
    # command has; with it, the ledamot chosen chairs the matter.
    sollefteå(finsam)
    open_meeting(
        finsam, "Birgitta Häggkvist", "Mikael Sjölund", "Lina Kempe", chair="Birgitta Häggkvist"
    )
    args = ("paragraph", "add", MEETING, "--title", "Information", "--conflict")
    result = finsam(*args, "Birgitta Häggkvist")
    assert '--chaired-by "NAME"' in result.stderr
    finsam(*args, "Birgitta Häggkvist", "--chaired-by", "Lina Kempe")
    assert finsam.json("paragraph", "show", "2024", "2")["chaired_by"] == "Lina Kempe"
    assert_refused(
        finsam,
        *args,
        "Lina Kempe",
        "--chaired-by",
        "Lina Kempe",
        match="Lina Kempe has jäv and cannot chair the matter (KL 6:28)",
    )


# -- the journal (docs/journal.md) --------------------------------------------------------------


def test_a_journal_paragraph_takes_serving_for_and_chaired_by(
    app: FinsamApp, tmp_path: Path
) -> None:
    # The Härnösand–Timrå test journal: three of five present. Anna Reinholdsson Lundberg
    # (fk) has jäv in §31; fk's ersättare serves for her, so three of five seats stay
    # filled (KL 6:27, 6:28); the chair Lars Kempe has jäv in §30, and the vice chair
    # Nina Skyttberg chairs it (17 §). Imported again, nothing is added: the new fields
    # keep the fingerprints of entries written without them.
    text = JOURNAL.replace(
        "[[meetings]]",
        '[[board]]\nname = "Eva Lund"\nmember = "fk"\nrole = "ersattare"\nfrom = 2019-04-01\n\n'
        "[[meetings]]",
    )
    text = text.replace(
        'title = "Mötets öppnande"', 'title = "Mötets öppnande"\nconflict = ["Lars Kempe"]'
    )
    text = text.replace(
        "decisions = [",
        'conflict = ["Anna Reinholdsson Lundberg"]\n'
        'serving_for = [{ name = "Eva Lund", for = "Anna Reinholdsson Lundberg" }]\n'
        "decisions = [",
    )
    path = write(tmp_path, text)
    assert import_journal(app, path).warnings == []
    book = stored(app, MinutesBook, MinutesBook.id_for("harnosand-timra", 2020))
    assert book.paragraph(30).chaired_by == "Nina Skyttberg"
    served = book.paragraph(31).serving_for
    assert [(s.name, s.for_) for s in served] == [("Eva Lund", "Anna Reinholdsson Lundberg")]
    assert import_journal(app, path).new == 0
