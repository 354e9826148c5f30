"""The record of a professional discussion in every format: both views of each aspect, side by side, explained."""

from xml.etree import ElementTree

import attrs

from helpers import FRAMEWORK
from reports import DISCUSSION, Page, school_cycle
from school_improvement import AspectView, Stage, view_differences
from school_improvement._render.html import html_discussion
from school_improvement._render.markdown import markdown_discussion
from school_improvement._render.text import render_discussion
from school_improvement._render.wording import DISCUSSION_CAUTION

X = "{http://www.w3.org/1999/xhtml}"


def _lines(report: str, heading: str) -> list[str]:
    """The non-blank lines under a ``##`` heading, up to the next ``##`` heading or the closing rule."""
    after = report.split(f"\n{heading}\n", 1)[1]
    return [line for line in after.split("\n## ", 1)[0].split("\n---\n", 1)[0].splitlines() if line]


def _view_rows(page: str) -> dict[str, dict[str, str]]:
    """The table of views in an HTML page: each aspect's row, cell by column heading."""
    root = ElementTree.fromstring(page.split("\n", 1)[1])  # noqa: S314 (our own output, parsed to check it)
    for table in root.iter(f"{X}table"):
        caption = table.find(f"{X}caption")
        if caption is not None and caption.text == "Each aspect's stage, as the school and the local authority see it":
            headers = ["".join(th.itertext()) for th in table.iter(f"{X}th") if th.get("scope") == "col"]
            rows = [["".join(cell.itertext()) for cell in row] for row in table.iter(f"{X}tr")][1:]
            return {row[0]: dict(zip(headers, row, strict=True)) for row in rows}
    raise AssertionError("no table of views")


def test_the_record_opens_with_its_date_the_caution_and_who_took_part_by_role() -> None:
    """The title gives the school and date; the caution says both views stand; each participant by role."""
    report = markdown_discussion(FRAMEWORK, DISCUSSION)
    lines = report.splitlines()
    assert lines[0] == "# Professional discussion: example-school, 2026-11-20"
    assert lines[2] == DISCUSSION_CAUTION
    assert _lines(report, "## Who took part") == [
        "- Headteacher, example-school",
        "- Chair of governors",
        "- Local authority improvement officer, Example Authority",
    ]


def test_the_priorities_agreed_give_aspects_target_date_reason_and_national_priority() -> None:
    """Each priority agreed is a row: its aspects, target stage, date, reason and national priority."""
    rows = _lines(markdown_discussion(FRAMEWORK, DISCUSSION), "## Priorities agreed")
    assert rows[-2:] == [
        "| 1 | Using pupil voice | Building momentum | 2027-07-31 | Pupil panels are new. | Wellbeing |",
        (
            "| 2 | Family and community engagement | Making progress | 2027-07-31 | Few families come to events. | "
            "none named |"
        ),
    ]


def test_both_views_of_a_differing_aspect_stand_side_by_side_with_the_explanation() -> None:
    """Where the views differ, each is in its own column, neither replaced, and the difference is explained."""
    views = _lines(markdown_discussion(FRAMEWORK, DISCUSSION), "## The two views of each aspect")
    assert views[1:5] == [
        "| Aspect | The school's view | The local authority's view | The views | Note |",
        "|---|---|---|---|---|",
        (
            "| Using pupil voice | Building momentum | Making progress | different | The panels are new; their effect "
            "is not seen yet. |"
        ),
        "| Family and community engagement | Starting the journey | Starting the journey | the same | - |",
    ]
    explanation = view_differences(FRAMEWORK, DISCUSSION)[0].explanation
    assert "the school sees Building momentum, the local authority Making progress" in explanation
    assert views[5:] == ["**Where the views differ**", f"- {explanation}"]


def test_with_the_profile_the_evidence_stands_beside_both_views() -> None:
    """Given the school's stage profile, a third column says what the evidence gives, and the views are unchanged."""
    profile = school_cycle().profile
    rows = _view_rows(html_discussion(FRAMEWORK, DISCUSSION, profile))
    assert rows["Using pupil voice"] == {
        "Aspect": "Using pupil voice",
        "The school's view": "Building momentum",
        "The local authority's view": "Making progress",
        "The evidence gives (cumulative rule)": "Making progress",
        "The views": "different",
        "Note": "The panels are new; their effect is not seen yet.",
    }
    assert list(rows) == ["Using pupil voice", "Family and community engagement"]
    items = Page(html_discussion(FRAMEWORK, DISCUSSION, profile)).text("li")
    assert view_differences(FRAMEWORK, DISCUSSION, profile)[0].explanation in items
    assert "the evidence gives Making progress by the cumulative rule" in items


def test_an_aspect_the_evidence_cannot_judge_says_so_beside_the_views() -> None:
    """Where the profile has not enough evidence, the evidence column says so rather than naming a stage."""
    record = attrs.evolve(DISCUSSION, views=(AspectView("SV", Stage.MAKING_PROGRESS, Stage.STARTING_THE_JOURNEY),))
    rows = _view_rows(html_discussion(FRAMEWORK, record, school_cycle().profile))
    assert rows["Strategic vision"]["The evidence gives (cumulative rule)"] == "not enough evidence"
    assert rows["Strategic vision"]["The school's view"] == "Making progress"
    assert rows["Strategic vision"]["The local authority's view"] == "Starting the journey"


def test_support_is_grouped_by_source_with_its_status() -> None:
    """Support is in a table per source, in the sources' order, each item with what it is for, provider and status."""
    support = _lines(markdown_discussion(FRAMEWORK, DISCUSSION), "## Support")
    assert support == [
        "**The local authority**",
        "| Support | For | Provider | Status |",
        "|---|---|---|---|",
        "| Training on family engagement | Family and community engagement | not named | requested |",
        (
            "| A termly visit from the improvement officer | Family and community engagement; Using pupil voice | "
            "not named | agreed |"
        ),
        "**Another school**",
        "| Support | For | Provider | Status |",
        "|---|---|---|---|",
        "| Visits to a school whose pupil panels are established | Using pupil voice | fictional-school-07 | agreed |",
    ]


def test_strengths_the_next_review_and_the_notes_close_the_record() -> None:
    """The strengths offered with their capacity, the next review's date and the notes are each said."""
    report = markdown_discussion(FRAMEWORK, DISCUSSION)
    assert _lines(report, "## Strengths to share") == [
        "- Improving teaching & assessment: can support up to 2 other schools. Our approach to feedback in mathematics."
    ]
    assert _lines(report, "## Next review") == ["The school and the local authority meet again on 2027-03-01."]
    assert _lines(report, "## Notes") == ["The local authority will visit in February."]
    assert report.endswith(f"\n---\n\n{FRAMEWORK.provenance.attribution}\n")


def test_an_empty_record_says_what_was_not_discussed() -> None:
    """With nothing agreed, no views, support or strengths, each section says so, and there are no notes."""
    record = attrs.evolve(DISCUSSION, agreed_priorities=(), views=(), support=(), strengths=(), notes=None)
    report = markdown_discussion(FRAMEWORK, record)
    assert _lines(report, "## Priorities agreed") == ["No priorities were agreed."]
    assert _lines(report, "## The two views of each aspect") == ["No aspect's stage was discussed."]
    assert _lines(report, "## Support") == ["No support was asked for."]
    assert _lines(report, "## Strengths to share") == ["No strengths were offered to share."]
    assert "## Notes" not in report


def test_views_alike_are_said_to_be_alike() -> None:
    """When the two views agree on every aspect discussed, the record says so instead of listing differences."""
    record = attrs.evolve(DISCUSSION, views=(AspectView("FC", Stage.MAKING_PROGRESS, Stage.MAKING_PROGRESS),))
    views = _lines(markdown_discussion(FRAMEWORK, record), "## The two views of each aspect")
    assert views[-1] == "The school and the local authority see every aspect discussed at the same stage."
    assert "Where the views differ" not in "\n".join(views)


def test_in_welsh_both_views_name_the_stages_in_welsh_marked_with_their_language() -> None:
    """In Welsh mode each view's stage is the Welsh name from Estyn, in a lang="cy" span; nothing else is Welsh."""
    page = html_discussion(FRAMEWORK, DISCUSSION, language="cy")
    rows = _view_rows(page)
    assert rows["Using pupil voice"]["The school's view"] == "adeiladu momentwm"
    assert rows["Using pupil voice"]["The local authority's view"] == "gwneud cynnydd"
    welsh = set(Page(page).in_language("cy"))
    assert welsh == {"adeiladu momentwm", "gwneud cynnydd", "dechrau'r daith"}
    markdown = markdown_discussion(FRAMEWORK, DISCUSSION, language="cy")
    assert "| Using pupil voice | adeiladu momentwm | gwneud cynnydd | different |" in markdown
    assert "*Welsh is shown where a Welsh source gives it" in markdown


def test_the_record_as_text_puts_both_views_on_the_aspects_lines() -> None:
    """On the command line each aspect is a line, then both views and what the evidence gives, then the difference."""
    lines = render_discussion(FRAMEWORK, DISCUSSION, school_cycle().profile).splitlines()
    assert lines[0] == "Professional discussion: example-school, 2026-11-20"
    start = lines.index("    Using pupil voice")
    assert lines[start + 1 : start + 4] == [
        "        The school's view: Building momentum; The local authority's view: Making progress; The",
        "        evidence gives (cumulative rule): Making progress; The views: different; Note: The panels",
        "        are new; their effect is not seen yet.",
    ]
    assert lines[lines.index("  Where the views differ:") + 1].startswith(
        "    - Using pupil voice: the school sees Building momentum, the local authority Making progress"
    )
    assert "  The school and the local authority meet again on 2027-03-01." in lines


def test_the_text_record_puts_no_full_stop_before_a_semicolon() -> None:
    """A reason ending in a full stop loses it before the next semicolon; the last field on a line keeps its own."""
    text = render_discussion(FRAMEWORK, DISCUSSION, school_cycle().profile)
    flat = " ".join(text.split())
    assert "Why: Pupil panels are new; National priority: Wellbeing" in flat
    assert "Why: Few families come to events; National priority: none named" in flat
    assert ".;" not in flat
    assert "Note: The panels are new; their effect is not seen yet." in flat
