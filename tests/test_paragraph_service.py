"""Who serves for whom in one paragraph, set after the paragraph was added (issue 22
item 4, "ersättare per paragraph"; KL 6:28, lag 2003:1210 10 §, 12 §): a § taken from
the agenda exists before the board reaches it; when a ledamot then declares jäv, her
member's ersättare serves for that § alone. `finsam paragraph serving` (and the
workspace's form of the same command) records it, checked as `paragraph add
--serving-for` is, and the minutes show it as for a § added with it.

The board is Sollefteå's four members, one ledamot each (tests/test_law_quorum.py).
"""

from __future__ import annotations

from tests.conftest import Finsam
from tests.test_governance_cli import assert_refused
from tests.test_law_quorum import DECISION, MEETING, open_meeting, sollefteå

ALL = ("Birgitta Häggkvist", "Patrik Lockner", "Mikael Sjölund", "Lina Kempe")
SERVING = ("--serving-for", "Sandra Formgren=Mikael Sjölund")


def agenda_paragraph(finsam: Finsam) -> None:
    """§1 added before the board reached it, then Mikael Sjölund's jäv recorded."""
    sollefteå(finsam, ("Sandra Formgren", "rvn"))
    open_meeting(finsam, *ALL)
    finsam("paragraph", "add", MEETING, "--title", "Ansökan", *DECISION)
    finsam("paragraph", "amend", "2024", "1", "--conflict", "Mikael Sjölund", "--on", MEETING)


def test_an_ersattare_set_to_serve_for_one_paragraph_decides_it(finsam: Finsam) -> None:
    agenda_paragraph(finsam)
    finsam("paragraph", "serving", "2024", "1", *SERVING, "--on", MEETING)
    shown = finsam.json("paragraph", "show", "2024", "1")
    assert shown["serving_for_paragraph"] == {"Sandra Formgren": "Mikael Sjölund"}
    # four seats: three ledamöter without jäv and the ersättare in his place
    assert shown["quorum"] == {"present": 4, "required": 3, "seats": 4}
    assert "Mikael Sjölund" not in shown["present"]
    minutes = finsam("minutes", MEETING).output
    assert "Tjänstgör för paragrafen: Sandra Formgren för Mikael Sjölund" in minutes
    # set again without anyone: none serves for it, and the log keeps both
    finsam("paragraph", "serving", "2024", "1", "--on", MEETING)
    assert finsam.json("paragraph", "show", "2024", "1")["serving_for_paragraph"] == {}
    kinds = [e["type"] for e in finsam.json("log", "--type", "ServiceChanged")["events"]]
    assert kinds == ["ServiceChanged", "ServiceChanged"]


def test_an_ersattare_of_another_member_is_refused_as_when_added(finsam: Finsam) -> None:
    # 10 §: Sandra Formgren is rvn's ersättare and cannot serve for Lina Kempe (fk)
    agenda_paragraph(finsam)
    assert_refused(
        finsam,
        "paragraph",
        "serving",
        "2024",
        "1",
        "--serving-for",
        "Sandra Formgren=Lina Kempe",
        match="Sandra Formgren is an ersättare for rvn: she cannot serve for Lina Kempe",
    )


def test_an_adjusted_paragraph_keeps_who_served(finsam: Finsam) -> None:
    agenda_paragraph(finsam)
    finsam("meeting", "close", MEETING)
    finsam("meeting", "adjust", MEETING, "--on", "2024-02-20")
    assert_refused(
        finsam,
        "paragraph",
        "serving",
        "2024",
        "1",
        *SERVING,
        match="justerades 2024-02-20",
    )


def test_the_secretary_sets_it_in_the_workspace_through_the_same_command(
    finsam: Finsam,
) -> None:
    """The workspace's form of SetParagraphService (generated from the struct), posted
    as the secretary: the same check, the same event, her account as its actor."""
    from tests.test_web_forms import client_for
    from tests.workspace_people import SECRETARY

    agenda_paragraph(finsam)
    form = "/forbund/solleftea/act/set-paragraph-service"
    fields = {"year": "2024", "number": "1", "on": MEETING}
    with client_for(finsam, SECRETARY) as c:
        page = c.get(form)
        assert page.status_code == 200 and "Ersättare och ordförande för en paragraf" in page.text
        # the meeting page's link fills in the § it was followed from
        linked = c.get(f"{form}?year=2024&number=1&on={MEETING}").text
        assert 'value="2024"' in linked and f'value="{MEETING}"' in linked
        wrong = {
            **fields,
            "serving_for.0.name": "Sandra Formgren",
            "serving_for.0.for": "Lina Kempe",
        }
        refused = c.post(form, data=wrong)
        assert refused.status_code == 400 and "Sandra Formgren" in refused.text
        done = c.post(
            form,
            data={
                **fields,
                "serving_for.0.name": "Sandra Formgren",
                "serving_for.0.for": "Mikael Sjölund",
            },
            follow_redirects=False,
        )
        assert done.status_code in (200, 303), done.text[:300]
    shown = finsam.json("paragraph", "show", "2024", "1")
    assert shown["serving_for_paragraph"] == {"Sandra Formgren": "Mikael Sjölund"}
    changed = finsam.json("log", "--type", "ServiceChanged")["events"]
    assert [e["actor"] for e in changed] == [SECRETARY.name]


def test_who_chairs_is_set_and_what_the_paragraph_said_before_is_kept(finsam: Finsam) -> None:
    # The chair Birgitta Häggkvist has jäv in §1; Sandra Formgren (solleftea's ersättare)
    # serves for her and Lina Kempe chairs the matter. Set twice: each event keeps what
    # the § said before it, so the log shows who served as the records stood then.
    from finsam_es.meeting import Serving
    from finsam_es.paragraph_service import ServiceChanged
    from store.application import FinsamApp

    sollefteå(finsam, ("Sandra Formgren", "solleftea"))
    chair = "Birgitta Häggkvist"
    open_meeting(finsam, chair, "Patrik Lockner", "Lina Kempe", chair=chair)
    finsam("paragraph", "add", MEETING, "--title", "Ansökan", *DECISION)
    finsam("paragraph", "amend", "2024", "1", "--conflict", chair, "--on", MEETING)
    serving = ("--serving-for", f"Sandra Formgren={chair}")
    finsam("paragraph", "serving", "2024", "1", *serving, "--chaired-by", "Lina Kempe")
    shown = finsam.json("paragraph", "show", "2024", "1")
    assert shown["chaired_by"] == "Lina Kempe"
    assert shown["serving_for_paragraph"] == {"Sandra Formgren": chair}
    finsam("paragraph", "serving", "2024", "1", *serving, "--chaired-by", "Patrik Lockner")
    assert finsam.json("paragraph", "show", "2024", "1")["chaired_by"] == "Patrik Lockner"
    changed = [e for _, e in FinsamApp(finsam.db).forbund_events("solleftea", (ServiceChanged,))]
    assert [(e.was_serving_for, e.was_chaired_by) for e in changed] == [
        ((), ""),
        ((Serving("Sandra Formgren", chair),), "Lina Kempe"),
    ]
