"""National priorities in the plan, the plan summary and the discussion record: by name, never by code."""

import attrs

from helpers import FRAMEWORK
from reports import DISCUSSION, OWN_PLAN, Page
from school_improvement import Framework, Text, Welsh, WelshProvenance
from school_improvement._render.html import html_discussion, html_plan_summary
from school_improvement._render.markdown import markdown_discussion, markdown_plan_summary
from school_improvement._render.text import render_discussion, render_plan
from school_improvement._render.wording import Wording


def _renamed(name: Text) -> Framework:
    """The bundled edition with the wellbeing priority given another name, so that its name and code differ."""
    priorities = tuple(
        attrs.evolve(priority, name=name) if priority.code == "wellbeing" else priority
        for priority in FRAMEWORK.national_priorities
    )
    return attrs.evolve(FRAMEWORK, national_priorities=priorities)


RENAMED = _renamed(Text("improved wellbeing"))
"""An edition whose wellbeing priority is named as the source's phrase has it, "supported by improved wellbeing"."""

CRITERION_PLAN = attrs.evolve(
    OWN_PLAN,
    priorities=(
        attrs.evolve(
            OWN_PLAN.priorities[0],
            success_criteria=(
                attrs.evolve(OWN_PLAN.priorities[0].success_criteria[0], national_priority="wellbeing"),
                *OWN_PLAN.priorities[0].success_criteria[1:],
            ),
        ),
        *OWN_PLAN.priorities[1:],
    ),
)
"""The school's own plan with its first success criterion measuring the wellbeing priority too."""


def test_the_bundled_names_stand_as_values_with_a_capital() -> None:
    """A national priority standing as a value is its name with a capital (Wellbeing), not its code (wellbeing)."""
    assert FRAMEWORK.priority("wellbeing").name.en == "wellbeing"
    assert "- **National priority:** Wellbeing" in markdown_plan_summary(FRAMEWORK, OWN_PLAN).splitlines()
    assert "| Pupil panels are new. | Wellbeing |" in markdown_discussion(FRAMEWORK, DISCUSSION)
    assert "  National priority: Wellbeing" in render_plan(OWN_PLAN, FRAMEWORK).splitlines()


def test_the_plan_shows_the_name_not_the_code() -> None:
    """The plan names the priority it serves and the one a success criterion measures by name, never by code."""
    text = render_plan(CRITERION_PLAN, RENAMED)
    assert "  National priority: Improved wellbeing" in text.splitlines()
    assert "(national priority: improved wellbeing)" in " ".join(text.split())
    assert "wellbeing" not in text.replace("improved wellbeing", "").replace("Improved wellbeing", "")


def test_the_summary_shows_the_name_not_the_code() -> None:
    """The summary for parents and governors names the national priority, in Markdown and in HTML."""
    assert "- **National priority:** Improved wellbeing" in markdown_plan_summary(RENAMED, OWN_PLAN).splitlines()
    assert "Improved wellbeing" in Page(html_plan_summary(RENAMED, OWN_PLAN)).text("dd")


def test_the_discussion_shows_the_name_not_the_code() -> None:
    """The priorities agreed name their national priority, in every format."""
    assert "| Pupil panels are new. | Improved wellbeing |" in markdown_discussion(RENAMED, DISCUSSION)
    assert "Improved wellbeing" in Page(html_discussion(RENAMED, DISCUSSION)).text("td")
    assert "National priority: Improved wellbeing" in " ".join(render_discussion(RENAMED, DISCUSSION).split())


def test_in_welsh_a_translation_is_not_shown_but_a_sourced_name_is_and_is_credited() -> None:
    """The project's own translation stays English; Welsh a source gives is shown, marked and credited."""
    translated = Wording(FRAMEWORK, "cy")
    assert FRAMEWORK.priority("wellbeing").name.cy is not None
    assert translated.national_priority("wellbeing", start=True) == "Wellbeing"
    assert "national priorities" not in (translated.note or "")
    sourced = _renamed(Text("wellbeing", Welsh("llesiant", WelshProvenance.OFFICIAL, "wg-sipp-statement")))
    page = Page(html_plan_summary(sourced, OWN_PLAN, language="cy"))
    assert "Llesiant" in page.in_language("cy")
    credit = sourced.provenance.document("wg-sipp-statement").attribution
    assert Wording(sourced, "cy").welsh_sources[-1] == credit
    assert "and of the national priorities where a source gives them" in (Wording(sourced, "cy").note or "")
    assert Wording(sourced).national_priority("wellbeing") == "wellbeing"
