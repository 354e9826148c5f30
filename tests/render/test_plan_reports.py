"""The school's own plan in the school report and on the command line: its priorities, actions and review."""

import re
from xml.etree import ElementTree

import attrs

from helpers import FRAMEWORK
from reports import DISCUSSION, EARLIER, LATEST, OWN_PLAN, REVIEWED_ON, own_plan_cycle, school_cycle
from school_improvement import discussion_problems, run_cycle
from school_improvement._planning.plan import DRAFT_NOTE, plan_problems
from school_improvement._render.html import html_report
from school_improvement._render.markdown import markdown_report
from school_improvement._render.text import render_plan, render_review

X = "{http://www.w3.org/1999/xhtml}"
HOSTILE = '<script>alert("x")</script>'


def _section(report: str, heading: str) -> list[str]:
    """The lines under a ``##`` heading, up to the next ``##`` heading or the closing rule."""
    after = report.split(f"\n{heading}\n", 1)[1]
    return after.split("\n## ", 1)[0].split("\n---\n", 1)[0].splitlines()


def _parse(page: str) -> ElementTree.Element:
    """The page as XML, which it must be, after its doctype."""
    return ElementTree.fromstring(page.split("\n", 1)[1])  # noqa: S314 (our own output, parsed to check it)


def _text(element: ElementTree.Element) -> str:
    """All the text in an element, its children's included."""
    return "".join(element.itertext())


def _sections(root: ElementTree.Element, level: str) -> dict[str, ElementTree.Element]:
    """The sections whose heading is at this level, by their heading's text."""
    found = {}
    for section in root.iter(f"{X}section"):
        heading = section.find(f"{X}{level}")
        if heading is not None:
            found[_text(heading)] = section
    return found


def _tables(section: ElementTree.Element) -> dict[str, list[list[str]]]:
    """The tables in a section, each in its scrolling box, by caption: the header row, then each row's cells."""
    tables = {}
    for table in section.findall(f"{X}div/{X}table"):
        caption = table.find(f"{X}caption")
        assert caption is not None
        tables[_text(caption)] = [[_text(cell) for cell in row] for row in table.iter(f"{X}tr")]
    return tables


def test_the_shared_plan_and_record_fit_the_framework() -> None:
    """The plan and discussion record the reports are tested on pass their own checks, and the plan is not a draft."""
    assert plan_problems(FRAMEWORK, OWN_PLAN) == []
    assert discussion_problems(FRAMEWORK, DISCUSSION) == []
    cycle = own_plan_cycle()
    assert not cycle.drafted
    assert cycle.review is not None
    assert cycle.review.date == REVIEWED_ON


def test_the_markdown_report_shows_the_schools_own_plan_not_a_draft() -> None:
    """The section is "Development plan", with the school's note and each priority's facts as the school wrote them."""
    report = markdown_report(FRAMEWORK, own_plan_cycle())
    assert "## Development plan (draft)" not in report
    plan = _section(report, "## Development plan")
    assert plan[:4] == [
        "",
        "Our plan, agreed by the governing body on 10 November 2026.",
        "",
        "From 2026-11-02 to 2029-08-31, after the self-evaluation of 2026-11-01.",
    ]
    first = plan.index("### Priority 1: Using pupil voice")
    assert plan[first + 2 : first + 10] == [
        "- **Objective:** Pupils shape what the school does",
        "- **Identifier:** P1",
        "- **Why chosen:** Pupil panels are new and not yet heard in every class.",
        "- **Target:** Building momentum by 2027-07-31",
        "- **National priority:** Wellbeing",
        "- **Lead:** Deputy head",
        "- **Resources:** Two half-days of staff time a term",
        "- **Cost:** £600",
    ]
    second = plan.index("### Priority 2: Family and community engagement")
    assert "- **Milestones and review points:** to decide" in plan[second:]
    assert "- **Milestones and review points:** to decide" not in plan[first:second]


def test_the_schools_plan_still_carrying_the_drafts_note_does_not_call_itself_a_draft() -> None:
    """A plan of the school's own whose note is still the draft's is shown without that note, and not as a draft."""
    plan = attrs.evolve(OWN_PLAN, note=DRAFT_NOTE)
    report = markdown_report(FRAMEWORK, run_cycle(FRAMEWORK, [EARLIER, LATEST], plan=plan, as_of=REVIEWED_ON))
    assert _section(report, "## Development plan")[1] == (
        "From 2026-11-02 to 2029-08-31, after the self-evaluation of 2026-11-01."
    )
    assert DRAFT_NOTE not in report
    assert render_plan(plan, FRAMEWORK).splitlines()[0].startswith("School development plan (draft): ")
    assert render_plan(plan, FRAMEWORK, drafted=False).splitlines()[0] == (
        "School development plan: example-school, 2026-11-02 to 2029-08-31"
    )


def test_the_actions_table_gives_owners_dates_statuses_and_the_standing_in_words() -> None:
    """Each action's row gives its owner, dates and status, and overdue or due is said in words at the review."""
    plan = _section(markdown_report(FRAMEWORK, own_plan_cycle()), "## Development plan")
    assert (
        "| Action | What | Owner | Start | Due | Status | At the review | Resources | Cost |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| P1.A1 | Set up a pupil panel in every class (PV.3.1) | Year 6 teacher | 2026-11-02 | 2026-12-01 | "
        "in progress | overdue by 40 days | Release time | £150 |\n"
        "| P1.A2 | Ask pupils how the panels are working | Deputy head | 2026-11-02 | 2026-11-30 | "
        "done on 2026-11-27 | done | - | - |"
    ) in "\n".join(plan)
    assert "| Action | What | Owner | Start | Due | Status | At the review |" in plan
    assert (
        "| P2.A1 | Hold a family learning week | Headteacher | 2027-01-04 | 2027-01-20 | not started | due in 10 days |"
        in plan
    )
    assert (
        "| P2.A2 | Invite families to plan the summer fair | to decide | to decide | to decide | not started | "
        "no due date |"
    ) in plan


def test_criteria_milestones_and_updates_are_listed_with_their_statuses_and_dates() -> None:
    """Each success criterion has its status; milestones and progress updates have their dates."""
    plan = _section(markdown_report(FRAMEWORK, own_plan_cycle()), "## Development plan")
    assert "| P1.S1 | Every class has a panel that meets each half term | in progress |" in plan
    assert (
        "| P1.S2 | Pupil voice is influential and an established part of school improvement processes. (PV.3.1) "
        "| not started |"
    ) in plan
    assert "| 2027-03-31 | A panel in every class |" in plan
    assert "| 2026-12-15 | Panels meet in four classes of seven. |" in plan
    assert "| P2.S1 | Most families come to at least one event a term | not started |" in plan


def test_the_plan_review_gives_targets_due_actions_changes_and_the_reviews_recorded() -> None:
    """The review section says its basis, each target's standing and why, what is late, what changed, past reviews."""
    cycle = own_plan_cycle()
    assert cycle.review is not None
    review = _section(markdown_report(FRAMEWORK, cycle), "## Plan review")
    assert review[1] == (
        "Reviewed on 2027-01-10. The targets are judged against the self-evaluation of 2026-11-01, by the cumulative "
        "rule. The last review recorded was on 2026-12-01."
    )
    explanations = {target.priority: target.explanation for target in cycle.review.targets}
    assert (
        "| P1 | Using pupil voice | Building momentum by 2027-07-31 | Making progress | behind | "
        f"{explanations['P1']} |"
    ) in review
    assert (
        "| P2 | Family and community engagement | Making progress by 2027-07-31 | Starting the journey | on track | "
        f"{explanations['P2']} |"
    ) in review
    late = review.index("**Actions due and overdue**")
    assert review[late + 4 : late + 6] == [
        "| P1.A1 | Set up a pupil panel in every class | Year 6 teacher | 2026-12-01 | overdue by 40 days |",
        "| P2.A1 | Hold a family learning week | Headteacher | 2027-01-20 | due in 10 days |",
    ]
    changed = review.index("**Changed since the last review, on 2026-12-01**")
    assert review[changed + 2 : changed + 6] == [
        "- Action P1.A1: not started at the last review, now in progress.",
        "- Action P2.A2: added since the last review (not started).",
        "- Success criterion P1.S1: not started at the last review, now in progress.",
        "- Target P1/PV: on track at the last review, now behind.",
    ]
    assert (
        "| 2026-12-01 | Panels are starting; the family week is planned. | Governors' minutes, December 2026; Notes "
        "of the pupil panels |"
    ) in review


def test_the_html_report_shows_the_plan_and_its_review_in_tables_with_row_headers() -> None:
    """The page has the plan with a section per priority and the review, its tables captioned, each row headed."""
    root = _parse(html_report(FRAMEWORK, own_plan_cycle()))
    top = _sections(root, "h2")
    assert "Development plan (draft)" not in top
    priorities = _sections(top["Development plan"], "h3")
    assert list(priorities) == ["Priority 1: Using pupil voice", "Priority 2: Family and community engagement"]
    facts = priorities["Priority 1: Using pupil voice"].find(f"{X}dl")
    assert facts is not None
    assert [_text(item) for item in facts] == [
        "Objective",
        "Pupils shape what the school does",
        "Identifier",
        "P1",
        "Why chosen",
        "Pupil panels are new and not yet heard in every class.",
        "Target",
        "Building momentum by 2027-07-31",
        "National priority",
        "Wellbeing",
        "Lead",
        "Deputy head",
        "Resources",
        "Two half-days of staff time a term",
        "Cost",
        "£600",
    ]
    actions = _tables(priorities["Priority 1: Using pupil voice"])["Actions"]
    assert actions[1][:7] == [
        "P1.A1",
        "Set up a pupil panel in every class (PV.3.1)",
        "Year 6 teacher",
        "2026-11-02",
        "2026-12-01",
        "in progress",
        "overdue by 40 days",
    ]
    rows = [
        row
        for part in ("Development plan", "Plan review")
        for row in top[part].iter(f"{X}tr")
        if row.find(f"{X}td") is not None
    ]
    assert len(rows) == 14  # 9 in the plan (4 actions, 3 criteria, a milestone, an update), 5 in the review
    assert all(row[0].tag == f"{X}th" and row[0].get("scope") == "row" for row in rows)
    assert list(_tables(top["Plan review"])) == ["Targets", "Actions due and overdue", "Reviews recorded"]
    changes = [_text(item) for item in top["Plan review"].iter(f"{X}li")]
    assert "Target P1/PV: on track at the last review, now behind." in changes


def test_a_draft_keeps_the_draft_rendering_with_ids_and_to_decide() -> None:
    """Without a plan of the school's own the section is the draft: its note, ids, owners and dates "to decide"."""
    cycle = school_cycle()
    assert cycle.drafted
    report = markdown_report(FRAMEWORK, cycle)
    assert "## Plan review" not in report
    plan = _section(report, "## Development plan (draft)")
    assert plan[1] == cycle.plan.note
    assert (
        "| P2.A1 | Pupil voice is influential and an established part of school improvement processes. (PV.3.1) | "
        "to decide | to decide | to decide | not started |"
    ) in plan
    assert "| Action | What | Owner | Start | Due | Status |" in plan
    assert "Plan review" not in [_text(h) for h in _parse(html_report(FRAMEWORK, cycle)).iter(f"{X}h2")]


def test_a_hostile_objective_is_shown_as_text_in_every_format() -> None:
    """An objective with markup is escaped: no element in the HTML, no raw HTML in the Markdown, verbatim in text."""
    first = attrs.evolve(OWN_PLAN.priorities[0], objective=HOSTILE)
    plan = attrs.evolve(OWN_PLAN, priorities=(first, *OWN_PLAN.priorities[1:]))
    cycle = run_cycle(FRAMEWORK, [EARLIER, LATEST], plan=plan, as_of=REVIEWED_ON)
    root = _parse(html_report(FRAMEWORK, cycle))
    assert root.find(f".//{X}script") is None
    assert HOSTILE in [_text(dd) for dd in root.iter(f"{X}dd")]
    markdown = markdown_report(FRAMEWORK, cycle).splitlines()
    assert '- **Objective:** \\<script\\>alert("x")\\</script\\>' in markdown
    assert not [line for line in markdown if re.search(r"(?<!\\)<", line)]
    assert f"  Objective: {HOSTILE}" in render_plan(plan, FRAMEWORK).splitlines()


def test_the_plan_as_text_gives_every_action_with_owner_dates_and_status() -> None:
    """The school's plan on the command line: no "(draft)", each action's line then its owner, dates and status."""
    lines = render_plan(OWN_PLAN, FRAMEWORK).splitlines()
    assert lines[0] == "School development plan: example-school, 2026-11-02 to 2029-08-31"
    assert "Our plan, agreed by the governing body on 10 November 2026." in lines
    start = lines.index("    P1.A1  Set up a pupil panel in every class (PV.3.1)")
    assert lines[start + 1 : start + 3] == [
        "        Owner: Year 6 teacher; Start: 2026-11-02; Due: 2026-12-01; Status: in progress; Resources:",
        "        Release time; Cost: £150",
    ]
    assert "        Owner: to decide; Start: to decide; Due: to decide; Status: not started" in lines
    assert "    2027-03-31  A panel in every class" in lines
    assert render_plan(OWN_PLAN, FRAMEWORK, drafted=True).splitlines()[0] == (
        "School development plan (draft): example-school, after the self-evaluation of 2026-11-01"
    )


def test_a_plan_without_a_framework_is_named_from_the_bundled_edition() -> None:
    """Without a framework, the plan is shown against the bundled edition, the same as when it is given."""
    assert render_plan(OWN_PLAN) == render_plan(OWN_PLAN, FRAMEWORK)


def test_the_review_as_text_gives_targets_late_actions_changes_and_every_item() -> None:
    """The review on the command line: the targets, the due and overdue actions, the changes, every action."""
    review = own_plan_cycle().review
    assert review is not None
    lines = render_review(FRAMEWORK, review).splitlines()
    assert lines[0] == "Plan review: example-school, 2027-01-10"
    late = lines.index("Actions due and overdue:")
    assert lines[late + 1 : late + 5] == [
        "  P1.A1  Set up a pupil panel in every class",
        "      Owner: Year 6 teacher; Due: 2026-12-01; Standing: overdue by 40 days",
        "  P2.A1  Hold a family learning week",
        "      Owner: Headteacher; Due: 2027-01-20; Standing: due in 10 days",
    ]
    assert "  - Target P1/PV: on track at the last review, now behind." in lines
    every = lines.index("Every action:")
    assert lines[every + 7 : every + 9] == [
        "  P2.A2  Invite families to plan the summer fair",
        "      Owner: to decide; Due: to decide; Status: not started; Standing: no due date",
    ]
