"""The school report as readers meet it: plain words, accessible tables and map, colours that read in greyscale."""

import itertools
import re
from xml.etree import ElementTree

import pytest

from helpers import FRAMEWORK
from reports import Page, own_plan_cycle, school_cycle
from school_improvement import JudgementStatus, Stage
from school_improvement._render.html import MAP_COLOURS, html_report
from school_improvement._render.school import why
from school_improvement._render.wording import Wording

X = "{http://www.w3.org/1999/xhtml}"


def _luminance(colour: str) -> float:
    """A colour's relative luminance, as WCAG 2 defines it."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    """Black on white is 21:1, a colour on itself 1:1, and WCAG's own example grey #767676 on white 4.54:1."""
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#4A8FD0", "#4A8FD0") == pytest.approx(1)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("mark", ["reached", "now", "target", "outline"])
def test_every_mark_of_the_map_stands_out_3_to_1_from_the_page(mark: str) -> None:
    """Each box's fill or edge is at least 3:1 against the white around it (WCAG's contrast for graphics)."""
    assert contrast(MAP_COLOURS[mark], MAP_COLOURS["page"]) >= 3


@pytest.mark.parametrize(("text", "ground"), [("text", "page"), ("text", "reached"), ("page", "now")])
def test_the_map_s_words_are_4_5_to_1_against_their_box(text: str, ground: str) -> None:
    """The words in the boxes, dark on white or mid blue and white on dark blue, are at least 4.5:1."""
    assert contrast(MAP_COLOURS[text], MAP_COLOURS[ground]) >= 4.5


def test_in_greyscale_the_stage_reached_now_is_darker_than_those_before_it() -> None:
    """Without hue, the boxes still differ in lightness: a stage before, the stage now, and an empty box."""
    reached, now, page = (_luminance(MAP_COLOURS[name]) for name in ("reached", "now", "page"))
    assert (page + 0.05) / (reached + 0.05) >= 3
    assert (reached + 0.05) / (now + 0.05) >= 2


def _map(page: str) -> ElementTree.Element:
    root = ElementTree.fromstring(page.split("\n", 1)[1])  # noqa: S314 (our own output)
    found = root.find(f".//{X}figure[@class='journey-map']")
    assert found is not None
    return found


def _cells(figure: ElementTree.Element) -> dict[str, list[tuple[str, str]]]:
    """Each aspect's boxes in the map, as (classes, words shown)."""
    rows = {}
    for row in figure.iter(f"{X}tr"):
        head = row.find(f"{X}th[@scope='row']")
        if head is None:
            continue
        aspect = head.text or ""
        boxes = []
        for cell in row.findall(f"{X}td"):
            words = " ".join(
                "".join(span.itertext())
                for span in cell.findall(f"{X}span")
                if span.get("class") not in {"stage-name", "visually-hidden"}
            )
            boxes.append((cell.get("class") or "", words))
        rows[aspect] = boxes
    return rows


def test_each_mark_in_the_map_is_said_in_a_word_as_well_as_drawn() -> None:
    """Reached, now, target and the school's view each carry their word; not enough evidence is one box."""
    cycle = own_plan_cycle()
    rows = _cells(_map(html_report(FRAMEWORK, cycle)))
    for judgement in cycle.profile.judgements:
        boxes = rows[FRAMEWORK.aspect(judgement.aspect).title.en]
        if judgement.status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
            assert boxes == [("unknown", "Not enough evidence to judge")]
            continue
        for (classes, words), stage in zip(boxes, Stage, strict=True):
            said = {"reached": "Reached", "now": "Now", "target": "Target", "own": "School's view"}
            expected = [said[kind] for kind in classes.split() if kind in said]
            assert words == " ".join(expected), (judgement.aspect, stage)
            assert ("now" in classes) == (stage is judgement.stage)
    pupil_voice = rows["Using pupil voice"]
    assert [classes for classes, _ in pupil_voice] == ["reached", "now", "target own", "later"]


def test_the_map_is_a_table_with_a_caption_column_and_row_headers_and_a_legend() -> None:
    """A screen reader reads the map as a table: its caption, each stage a column header, each aspect a row header."""
    figure = _map(html_report(FRAMEWORK, school_cycle()))
    table = figure.find(f"{X}table")
    assert table is not None
    assert "".join(table.find(f"{X}caption").itertext()).startswith("Journey map")  # type: ignore[union-attr]
    heads = ["".join(th.itertext()) for th in table.iter(f"{X}th") if th.get("scope") == "col"]
    assert heads == ["Aspect", *(FRAMEWORK.stage_name(stage).en for stage in Stage)]
    assert sum(th.get("scope") == "row" for th in table.iter(f"{X}th")) == len(FRAMEWORK.aspects)
    legend = "".join(figure.find(f"{X}figcaption").itertext())  # type: ignore[union-attr]
    for word in ("Reached", "Now", "Target", "School's view", "Not enough evidence", "no stage reached yet"):
        assert word in legend


def test_aspect_names_are_whole_in_the_map() -> None:
    """The longest aspect's name is shown whole: the map wraps it rather than cut it off."""
    rows = _cells(_map(html_report(FRAMEWORK, school_cycle())))
    assert set(rows) == {aspect.title.en for aspect in FRAMEWORK.aspects}


def test_every_table_has_a_caption_and_scoped_headers() -> None:
    """Each table says what it holds and which cells head which; each body row is headed by its first cell."""
    root = ElementTree.fromstring(html_report(FRAMEWORK, own_plan_cycle()).split("\n", 1)[1])  # noqa: S314
    tables = list(root.iter(f"{X}table"))
    assert len(tables) > 5
    for table in tables:
        assert table.find(f"{X}caption") is not None
        for head in table.iter(f"{X}th"):
            assert head.get("scope") in {"col", "row"}
        for row in table.find(f"{X}tbody") or ():
            assert row[0].tag == f"{X}th"


def test_wide_tables_scroll_inside_a_box_that_is_named_and_reachable_by_keyboard() -> None:
    """Each table sits in a region named by its caption, which a keyboard user can reach to scroll it."""
    page = Page(html_report(FRAMEWORK, own_plan_cycle()))
    boxes = [attrs for tag, attrs in page.tags if tag == "div" and attrs.get("class") == "scrolls"]
    assert boxes
    assert all(box.get("role") == "region" and box.get("tabindex") == "0" and box.get("aria-label") for box in boxes)


def test_headings_keep_their_order() -> None:
    """No heading level is skipped on the way down: one h1, then h2s, each h3 under an h2, and so on."""
    for cycle in (school_cycle(), own_plan_cycle()):
        levels = [int(tag[1]) for tag, _ in Page(html_report(FRAMEWORK, cycle)).tags if re.fullmatch(r"h[1-6]", tag)]
        assert levels[0] == 1
        assert levels.count(1) == 1
        assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


def test_every_welsh_word_is_marked_as_welsh() -> None:
    """With the stage names in Welsh, each one sits inside an element marked lang="cy", wherever it appears."""
    page = Page(html_report(FRAMEWORK, own_plan_cycle(), language="cy"))
    welsh = [FRAMEWORK.stage_name(stage).cy.text for stage in Stage]  # type: ignore[union-attr]
    unmarked = [data for _, language, data in page.texts if language != "cy" and any(name in data for name in welsh)]
    assert unmarked == []
    marked = " ".join(page.in_language("cy"))
    assert all(name in marked for name in welsh)


def test_the_title_names_the_school_and_its_reference_follows() -> None:
    """The school's name heads the report; its reference is given once, beside the name."""
    page = Page(html_report(FRAMEWORK, school_cycle(), school_name="Ysgol Enghraifft"))
    assert page.text("title") == "Self-evaluation report: Ysgol Enghraifft"
    assert page.text("h1") == "Self-evaluation report: Ysgol Enghraifft"
    assert "Ysgol Enghraifft (reference example-school)" in page.text()


def test_without_a_name_the_reference_titles_the_report() -> None:
    """A school whose name is not given is titled by its reference, as the self-evaluation gives it."""
    assert Page(html_report(FRAMEWORK, school_cycle())).text("h1") == "Self-evaluation report: example-school"


CODES = ("not-enough-evidence", "no-target", "not-applicable", "not-yet", "in-progress", "not-started", "no-stage")


def test_ratings_and_statuses_are_words_never_codes() -> None:
    """No internal code reaches the reader: statuses are words, and an aspect without a target says "no target"."""
    for cycle in (school_cycle(), own_plan_cycle()):
        shown = Page(html_report(FRAMEWORK, cycle)).text()
        assert not [code for code in CODES if code in shown]
    assert "no target" in Page(html_report(FRAMEWORK, own_plan_cycle())).text()


def test_the_rule_is_said_once_and_the_why_column_says_only_what_differs() -> None:
    """The rule's criterion is said once above the profile, and no row repeats its aspect's name or the rule."""
    cycle = own_plan_cycle()
    shown = Page(html_report(FRAMEWORK, cycle)).text()
    assert shown.count(cycle.profile.rule.criterion) == 1
    wording = Wording(FRAMEWORK)
    for judgement in cycle.profile.judgements:
        said = why(wording, judgement, cycle.profile.rule)
        assert said
        assert not said.startswith(FRAMEWORK.aspect(judgement.aspect).title.en)
        assert cycle.profile.rule.criterion not in said
        assert said in shown


def test_gaps_are_said_once() -> None:
    """Each open gap's explanation appears once, under the gaps, not again under the priorities."""
    cycle = school_cycle()
    shown = Page(html_report(FRAMEWORK, cycle)).text("main")
    priorities = {priority.aspect for priority in cycle.recommendation.priorities}
    assert priorities
    for gap in cycle.gaps.gaps:
        if gap.aspect in priorities:
            assert shown.count(gap.explanation) == 1


def test_the_school_s_own_judgement_has_a_column_of_its_own() -> None:
    """Where the school judged an aspect itself, its judgement sits in its own column, beside the computed stage."""
    cycle = own_plan_cycle()
    root = ElementTree.fromstring(html_report(FRAMEWORK, cycle).split("\n", 1)[1])  # noqa: S314
    table = next(t for t in root.iter(f"{X}table") if "".join(t.find(f"{X}caption").itertext()).startswith("The stage"))  # type: ignore[union-attr]
    heads = ["".join(th.itertext()) for th in table.iter(f"{X}th") if th.get("scope") == "col"]
    assert heads == ["Aspect", "Stage the evidence gives", "The school's own judgement", "Target", "Why"]
    rows = {"".join(r[0].itertext()): ["".join(c.itertext()) for c in r[1:]] for r in table.find(f"{X}tbody")}  # type: ignore[union-attr]
    own = cycle.profile.judgement("PV").professional_judgement
    assert own is not None
    assert rows["Using pupil voice"][1].startswith(Wording(FRAMEWORK).stage(own.stage))
    assert own.rationale in rows["Using pupil voice"][1]


def test_the_attribution_is_said_once_and_no_score_is_shown() -> None:
    """The Crown copyright and licence are said once, in the footer; the ranking's score is not shown unexplained."""
    page = Page(html_report(FRAMEWORK, own_plan_cycle()))
    notice = FRAMEWORK.provenance.notice
    assert page.text().count(notice.crown_copyright) == 1
    assert page.text("footer").count(notice.crown_copyright) == 1
    assert "score" not in page.text().lower()
