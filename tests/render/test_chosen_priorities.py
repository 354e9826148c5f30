"""The school's own choice of priorities in the reports: what is noticed about it, what else is open, whose targets."""

from collections.abc import Callable
from html import escape
from xml.etree import ElementTree

import pytest

from helpers import FRAMEWORK
from reports import (
    CHOSEN,
    LATEST,
    Page,
    chosen_cycle,
    noticed_survey,
    notices_of,
    school_cycle,
)
from school_improvement import Cycle, Stage, match_schools, roll_up, run_cycle
from school_improvement._render.authority_html import html_authority_report
from school_improvement._render.authority_markdown import markdown_authority_report
from school_improvement._render.html import html_report
from school_improvement._render.markdown import markdown_report
from school_improvement._render.plans import DEFAULT_TARGET, GIVEN_TARGET, SCHOOLS_TARGET, TARGETS_SAID
from school_improvement._render.text import render_collaboration, render_recommendation, render_rollup
from school_improvement._render.wording import NOTICED, NOTICED_ACROSS, NOTICED_NOT_CHANGED

LC_NOTICE = (
    "Priority 2: Developing leadership capacity has not enough evidence to judge a stage (0 of the 2 rated "
    "descriptors needed; 0 of the 2 kinds of evidence needed), so progress to Making progress cannot be measured "
    "yet: gather the evidence first"
)
"""What is noticed about the second chosen priority, led by its place in the school's choice."""

X = "{http://www.w3.org/1999/xhtml}"
LEFT_OUT = "left out to keep the priorities few"
NOT_AMONG = "Also open, not among the school's priorities: FC."


def _section(report: str, heading: str) -> list[str]:
    """The non-blank lines under a ``##`` heading, up to the next ``##`` heading or the closing rule."""
    after = report.split(f"\n{heading}\n", 1)[1]
    return [line for line in after.split("\n## ", 1)[0].split("\n---\n", 1)[0].splitlines() if line]


def _items(page: str, heading: str) -> list[str]:
    """The text of each list item in the HTML section headed ``heading``, each item whole."""
    root = ElementTree.fromstring(page.split("\n", 1)[1])  # noqa: S314 (our own output, parsed to check it)
    for section in root.iter(f"{X}section"):
        title = section.find(f"{X}h2")
        if title is not None and title.text == heading:
            return ["".join(item.itertext()) for item in section.iter(f"{X}li")]
    message = f"no section headed {heading!r}"
    raise AssertionError(message)


def test_the_cycle_notices_one_thing_about_the_choice() -> None:
    """The fixture's choice draws one notice: leadership capacity has not enough evidence to judge."""
    assert [(notice.check, notice.path) for notice in chosen_cycle().notices] == [
        ("not-enough-evidence", "$[1].aspects[0]")
    ]


def test_the_markdown_report_says_what_it_notices_and_that_the_choice_stands() -> None:
    """A section after the priorities says the notices are noticed, not changed, and lists each, by its priority."""
    report = markdown_report(FRAMEWORK, chosen_cycle())
    assert _section(report, f"## {NOTICED}") == [NOTICED_NOT_CHANGED, f"- {LC_NOTICE}"]
    assert "noticed, not changed" in NOTICED_NOT_CHANGED
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings.index(f"## {NOTICED}") == headings.index("## Priorities and next steps") + 1
    assert headings[headings.index(f"## {NOTICED}") + 1] == "## Development plan (draft)"
    assert NOTICED not in markdown_report(FRAMEWORK, school_cycle())


def test_the_html_report_says_what_it_notices_and_that_the_choice_stands() -> None:
    """The HTML report has the same section: its heading, the choice standing, and each notice as an item."""
    page = html_report(FRAMEWORK, chosen_cycle())
    assert f"<h2>{NOTICED}</h2>" in page
    section = page.split(f"<h2>{NOTICED}</h2>", 1)[1].split("</section>", 1)[0]
    assert f"<p>{escape(NOTICED_NOT_CHANGED)}</p>" in section
    assert _items(page, NOTICED) == [LC_NOTICE]
    assert page.index("<h2>Priorities and next steps</h2>") < page.index(f"<h2>{NOTICED}</h2>")
    assert f"<h2>{NOTICED}</h2>" not in html_report(FRAMEWORK, school_cycle())


def test_the_text_next_steps_say_what_is_noticed_when_given_the_notices() -> None:
    """With a cycle's notices, the text lists each as noticed, not changed; without them it says nothing of it."""
    cycle = chosen_cycle()
    text = render_recommendation(FRAMEWORK, cycle.recommendation, cycle.notices)
    noticed = text.split(f"\n\n{NOTICED}:\n", 1)[1].split("\n\n", 1)[0]
    assert " ".join(noticed.split()) == f"{NOTICED_NOT_CHANGED} - {LC_NOTICE}"
    assert NOTICED not in render_recommendation(FRAMEWORK, cycle.recommendation)


def test_the_text_next_steps_do_not_score_the_schools_own_priorities() -> None:
    """A priority the school chose says so in place of a score; the library's own ones keep their score."""
    text = render_recommendation(FRAMEWORK, chosen_cycle().recommendation)
    assert "1. Using pupil voice (towards Building momentum; chosen by the school)" in text.splitlines()
    assert "score" not in text
    assert "score" in render_recommendation(FRAMEWORK, school_cycle().recommendation)


@pytest.mark.parametrize(
    "render",
    [
        lambda cycle: markdown_report(FRAMEWORK, cycle),
        lambda cycle: Page(html_report(FRAMEWORK, cycle)).text(),
        lambda cycle: render_recommendation(FRAMEWORK, cycle.recommendation),
    ],
    ids=["markdown", "html", "text"],
)
def test_the_other_open_aspects_are_not_among_the_schools_priorities(render: Callable[[Cycle], str]) -> None:
    """With the school's own priorities, the other open aspects are not its choice, never "left out to keep few"."""
    chosen = render(chosen_cycle())
    assert NOT_AMONG in chosen
    assert LEFT_OUT not in chosen
    recommended = render(run_cycle(FRAMEWORK, LATEST, max_priorities=1))
    assert f"Also open, {LEFT_OUT}: PV." in recommended
    assert "not among the school's priorities" not in recommended


def test_the_markdown_gaps_say_which_targets_are_the_schools_and_which_the_defaults() -> None:
    """With a choice, the gaps say whose targets are whose, and each open gap is labelled the school's or default."""
    cycle = chosen_cycle()
    explained = {gap.aspect: gap.explanation for gap in cycle.gaps.open_gaps}
    assert _section(markdown_report(FRAMEWORK, cycle), "## Gaps to targets") == [
        TARGETS_SAID,
        f"- **{DEFAULT_TARGET}:** {explained['FC']}",
        f"- **{SCHOOLS_TARGET}:** {explained['PV']}",
    ]
    assert "by 2027-07-31" in explained["PV"]
    assert TARGETS_SAID not in markdown_report(FRAMEWORK, school_cycle())


def test_the_html_gaps_say_which_targets_are_the_schools_and_which_the_defaults() -> None:
    """The HTML gaps carry the same labels, each in bold before its gap, after the same opening."""
    cycle = chosen_cycle()
    page = html_report(FRAMEWORK, cycle)
    explained = {gap.aspect: gap.explanation for gap in cycle.gaps.open_gaps}
    assert _items(page, "Gaps to targets") == [
        f"{DEFAULT_TARGET}: {explained['FC']}",
        f"{SCHOOLS_TARGET}: {explained['PV']}",
    ]
    assert f"<li><strong>{DEFAULT_TARGET}:</strong> " in page
    assert f"<p>{escape(TARGETS_SAID)}</p>" in page
    assert f"<p>{escape(TARGETS_SAID)}</p>" not in html_report(FRAMEWORK, school_cycle())


def test_a_target_given_outside_the_schools_priorities_is_not_called_the_default() -> None:
    """A target given beside the school's choice, not the next stage, is labelled as given, not as the default."""
    cycle = run_cycle(FRAMEWORK, LATEST, chosen=CHOSEN[:1], targets={"FC": Stage.BUILDING_MOMENTUM})
    gaps = _section(markdown_report(FRAMEWORK, cycle), "## Gaps to targets")
    assert [line.split(":**", 1)[0] for line in gaps[1:]] == [f"- **{GIVEN_TARGET}", f"- **{SCHOOLS_TARGET}"]


def test_the_authority_reports_count_and_list_what_is_noticed_about_each_school() -> None:
    """Given the notices, each school's row counts them and each is listed with its school, in every format."""
    surveyed = noticed_survey()
    notices = notices_of(surveyed)
    first = surveyed.snapshots[0]
    assert first.school.ref == "fictional-00001"
    assert [notice.check for notice in first.notices] == ["target-reached", "not-enough-evidence"]
    assert sum(bool(found) for found in notices.values()) == 1
    listed = [
        "fictional-00001: Priority 1: Strategic vision has already reached the target, Building momentum",
        (
            "fictional-00001: Priority 2: Developing a curriculum to meet the needs of all pupils has not enough "
            "evidence to judge a stage (1 of the 2 kinds of evidence needed), so progress to Making progress "
            "cannot be measured yet: gather the evidence first"
        ),
    ]
    rollup = roll_up(FRAMEWORK, surveyed)
    markdown = markdown_authority_report(FRAMEWORK, rollup=rollup, notices=notices)
    rows = [line for line in markdown.splitlines() if line.startswith("| fictional-0000")]
    assert rows[0].endswith("| 2 things, listed below |")
    assert rows[1].endswith("| - |")
    assert "Noticed about its priorities |" in markdown
    noticed = markdown.split("\n### What we notice about each school's chosen priorities\n", 1)[1]
    assert [line for line in noticed.split("\n---\n", 1)[0].splitlines() if line] == [
        NOTICED_ACROSS,
        *(f"- {item}" for item in listed),
    ]
    page = Page(html_authority_report(FRAMEWORK, rollup=rollup, notices=notices))
    assert all(item in page.text("li") for item in listed)
    assert "2 things, listed below" in page.text("td")
    for text in (
        render_rollup(FRAMEWORK, rollup, notices),
        render_collaboration(match_schools(FRAMEWORK, surveyed), notices),
    ):
        flat = " ".join(text.split())
        assert "Noticed about its priorities: 2 things, listed below" in flat
        assert all(f"- {item}" in flat for item in listed)


def test_without_notices_the_authority_reports_have_no_column_for_them() -> None:
    """An authority report not given the notices neither counts nor lists any: it does not claim there are none."""
    rollup = roll_up(FRAMEWORK, noticed_survey())
    for report in (
        markdown_authority_report(FRAMEWORK, rollup=rollup),
        html_authority_report(FRAMEWORK, rollup=rollup),
        render_rollup(FRAMEWORK, rollup),
    ):
        assert "Noticed about its priorities" not in report
        assert "What we notice" not in report
