"""The plan summary for parents and governors, as Markdown and HTML: plain words, no grades, costs only when asked."""

import re
from xml.etree import ElementTree

import attrs
import pytest

from helpers import FRAMEWORK
from reports import OWN_PLAN, Page, own_plan_cycle, school_cycle
from school_improvement import Language, PlanReview, Stage, WelshProvenance
from school_improvement._render.html import html_plan_summary
from school_improvement._render.markdown import markdown_plan_summary
from school_improvement._render.wording import SUMMARY_CAUTION

X = "{http://www.w3.org/1999/xhtml}"
OFFICIAL_WELSH = {
    name.cy.text
    for name in (FRAMEWORK.stage_name(stage) for stage in Stage)
    if name.cy is not None and name.cy.provenance is WelshProvenance.OFFICIAL
}
"""The Welsh the framework gives with an official source: the four stage names."""
ANY_WELSH = {
    text.cy.text
    for text in (
        *(priority.name for priority in FRAMEWORK.national_priorities),
        *(aspect.title for aspect in FRAMEWORK.aspects),
        *(FRAMEWORK.stage_name(stage) for stage in Stage),
    )
    if text.cy is not None
}
"""Every Welsh string the content holds for what a summary names, the project's translations among them."""


def _review() -> PlanReview:
    review = own_plan_cycle().review
    assert review is not None
    return review


def _lines(summary: str, heading: str) -> list[str]:
    """The lines under a ``##`` heading, up to the next ``##`` heading or the closing rule."""
    after = summary.split(f"\n{heading}\n", 1)[1]
    return after.split("\n## ", 1)[0].split("\n---\n", 1)[0].splitlines()


def test_the_summary_opens_with_the_plans_years_and_the_caution() -> None:
    """The title names the school; the caution says stages are not grades and nothing is endorsed; then the years."""
    lines = markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review()).splitlines()
    assert lines[0] == "# Our school development plan: example-school"
    assert lines[2] == SUMMARY_CAUTION
    assert "not endorsed by either" in SUMMARY_CAUTION
    assert "not grades" in SUMMARY_CAUTION
    assert lines[4] == (
        "Our plan runs from 2 November 2026 to 31 August 2029. After looking closely at how the school is doing "
        "(our self-evaluation of 1 November 2026), we chose 2 priorities to work on."
    )


def test_each_priority_says_what_why_what_we_will_do_how_we_will_know_and_where_we_are() -> None:
    """A priority's aims and reasons, its actions with their dates in words, its criteria and its standing now."""
    priority = _lines(
        markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review()), "## Priority 1: Pupils shape what the school does"
    )
    assert priority == [
        "",
        "- **What we are working on:** Using pupil voice",
        "- **Why:** Pupil panels are new and not yet heard in every class.",
        "- **What we are aiming for:** the stage Building momentum by 31 July 2027",
        "- **National priority:** Wellbeing",
        "- **Led by:** Deputy head",
        "",
        "**What we will do**",
        "",
        "- Set up a pupil panel in every class (2 November 2026 to 1 December 2026)",
        "- Ask pupils how the panels are working (done 27 November 2026)",
        "",
        "**How we will know**",
        "",
        "- Every class has a panel that meets each half term",
        "- Pupil voice is influential and an established part of school improvement processes.",
        "",
        "**Where we are now (reviewed 10 January 2027)**",
        "",
        "- Using pupil voice: behind (now at Making progress)",
        "- Actions: 1 in progress, 1 done; 1 overdue.",
        "- Success criteria: 0 of 2 met.",
    ]
    second = _lines(
        markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review()), "## Priority 2: Families as partners in learning"
    )
    assert "- Invite families to plan the summer fair (dates to be set)" in second
    assert "- Family and community engagement: on track (now at Starting the journey)" in second


def test_without_a_review_the_summary_does_not_say_where_the_plan_stands() -> None:
    """With no review given there is no "where we are now": the summary never guesses a standing."""
    summary = markdown_plan_summary(FRAMEWORK, OWN_PLAN)
    assert "Where we are now" not in summary
    assert "on track" not in summary
    assert "behind" not in summary


def test_costs_and_resources_are_shown_only_when_asked_for() -> None:
    """By default no cost or resource appears; with include_costs the priority's and the actions' are shown."""
    plain = markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review())
    assert "£" not in plain
    assert "Cost" not in plain
    assert "Two half-days of staff time a term" not in plain
    costed = markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review(), include_costs=True).splitlines()
    assert "- **Cost:** £600" in costed
    assert "- **Resources:** Two half-days of staff time a term" in costed
    assert "- Set up a pupil panel in every class (2 November 2026 to 1 December 2026; cost £150)" in costed
    page = html_plan_summary(FRAMEWORK, OWN_PLAN, _review())
    assert "£" not in page
    assert "£600" in html_plan_summary(FRAMEWORK, OWN_PLAN, _review(), include_costs=True)


def test_owners_of_actions_are_not_named_and_the_lead_is_as_the_school_wrote_it() -> None:
    """No action's owner appears; a priority's lead is shown as written, and none is shown where none was given."""
    summary = markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review())
    assert "Year 6 teacher" not in summary
    assert "- **Led by:** Deputy head" in summary.splitlines()
    draft = markdown_plan_summary(FRAMEWORK, school_cycle().plan)
    assert "Led by" not in draft
    assert "to decide" not in draft


@pytest.mark.parametrize("language", ["en", "cy"])
def test_grade_is_said_only_in_the_caution(language: Language) -> None:
    """Outside the caution, neither format ever uses the word "grade": the summary judges nothing as a grade."""
    for summary in (
        markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review(), language=language),
        Page(html_plan_summary(FRAMEWORK, OWN_PLAN, _review(), language=language)).text(),
    ):
        assert summary.count(SUMMARY_CAUTION) == 1
        assert "grade" not in summary.replace(SUMMARY_CAUTION, "").lower()


def test_the_html_summary_is_one_self_contained_page_in_english() -> None:
    """The page parses as XHTML, says it is English, loads nothing, and has a section per priority."""
    page = html_plan_summary(FRAMEWORK, OWN_PLAN, _review())
    root = ElementTree.fromstring(page.split("\n", 1)[1])  # noqa: S314 (our own output, parsed to check it)
    assert root.get("lang") == "en"
    read = Page(page)
    assert [tag for tag, _ in read.tags if tag in {"script", "link", "img", "iframe", "object"}] == []
    assert [attributes.get("href") for tag, attributes in read.tags if tag == "a"] == [
        FRAMEWORK.provenance.notice.ogl_url
    ]
    assert "url(" not in page
    assert [h.text for h in root.iter(f"{X}h2")] == [
        "Priority 1: Pupils shape what the school does",
        "Priority 2: Families as partners in learning",
    ]
    assert [p.text for p in root.iter(f"{X}p") if p.get("class") == "caution"] == [SUMMARY_CAUTION]


def test_a_hostile_objective_is_escaped_in_the_summary() -> None:
    """An objective with markup stays text: no element in the HTML, every markup character escaped in the Markdown."""
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    first = attrs.evolve(OWN_PLAN.priorities[0], objective=hostile)
    plan = attrs.evolve(OWN_PLAN, priorities=(first, *OWN_PLAN.priorities[1:]))
    read = Page(html_plan_summary(FRAMEWORK, plan, _review()))
    assert [tag for tag, _ in read.tags if tag in {"script", "b"}] == []
    assert f"Priority 1: {hostile}" in read.text("h2")
    markdown = markdown_plan_summary(FRAMEWORK, plan, _review())
    assert '## Priority 1: \\<script\\>alert("x")\\</script\\> & \\<b\\>bold\\</b\\>' in markdown.splitlines()
    assert not re.search(r"(?<!\\)<", markdown)


def test_in_welsh_only_the_official_stage_names_are_welsh_and_each_is_marked() -> None:
    """In Welsh mode the only Welsh is the stage names from Estyn, each in a lang="cy" span, with their source."""
    assert len(OFFICIAL_WELSH) == 4
    page = html_plan_summary(FRAMEWORK, OWN_PLAN, _review(), language="cy")
    read = Page(page)
    welsh = read.in_language("cy")
    assert set(welsh) == {"adeiladu momentwm", "gwneud cynnydd", "dechrau'r daith"}
    assert set(welsh) <= OFFICIAL_WELSH
    english = "".join(data for _, language, data in read.texts if language != "cy")
    assert not [text for text in ANY_WELSH if text in english]
    assert "Welsh is shown where a Welsh source gives it" in read.text("p")
    assert "Welsh stage names from Estyn" in read.text("footer")
    markdown = markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review(), language="cy").splitlines()
    assert "- **What we are aiming for:** the stage adeiladu momentwm by 31 July 2027" in markdown
    assert "- **National priority:** Wellbeing" in markdown
    assert not [text for text in ANY_WELSH - OFFICIAL_WELSH if text in "\n".join(markdown)]


def test_in_english_there_is_no_welsh_and_no_note_about_it() -> None:
    """An English summary has no Welsh, no lang="cy" span and no note about what is in Welsh."""
    read = Page(html_plan_summary(FRAMEWORK, OWN_PLAN, _review()))
    assert read.in_language("cy") == []
    assert not [text for text in ANY_WELSH if text in read.text()]
    assert "Welsh" not in markdown_plan_summary(FRAMEWORK, OWN_PLAN, _review()).replace("Welsh Government", "")
