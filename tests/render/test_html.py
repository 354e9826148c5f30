"""The HTML reports, rendered directly: well-formed, self-contained, and saying what the Markdown says."""

from xml.etree import ElementTree

import pytest

from helpers import FRAMEWORK
from reports import example_collaboration, example_rollup, one_review_cycle, school_cycle
from school_improvement._render.authority_html import html_authority_report
from school_improvement._render.html import html_report
from school_improvement._render.wording import NOT_OFFICIAL, authority_caution

X = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
WELSH_STAGES = ("dechrau'r daith", "gwneud cynnydd", "adeiladu momentwm", "cynnal safonau uchel")
CAUTION = (
    "The stages are developmental, not grades, and there is no overall grade. Nothing here is a judgement by "
    "Estyn or Welsh Government."
)
WELSH_NOTE = (
    "Welsh is shown where a Welsh source gives it: the names of the stages, from Estyn. Everything else is in "
    "English, as no Welsh source gives it."
)


def _parse(page: str) -> ElementTree.Element:
    """The page as XML, which it must be, after its doctype."""
    doctype, body = page.split("\n", 1)
    assert doctype == "<!DOCTYPE html>"
    return ElementTree.fromstring(body)  # noqa: S314 (our own output, parsed to check it is well-formed)


def _text(element: ElementTree.Element) -> str:
    """All the text in an element, its children's included."""
    return "".join(element.itertext())


def _body_rows(root: ElementTree.Element, heading: str) -> list[list[str]]:
    """The body rows of the tables in the section with this heading (a second-level one), each cell's text."""
    for section in root.iter(f"{X}section"):
        title = section.find(f"{X}h2")
        if title is not None and title.text == heading:
            return [[_text(cell) for cell in row] for row in section.iter(f"{X}tr") if row.find(f"{X}td") is not None]
    raise AssertionError(heading)


def _rows(root: ElementTree.Element, heading: str) -> dict[str, list[str]]:
    """The body rows of the table in the section with this heading, by their first cell's text."""
    return {row[0]: row[1:] for row in _body_rows(root, heading)}


def test_the_school_report_is_well_formed_with_its_title_and_caution() -> None:
    """The report parses as XHTML, is titled for the school, and says the stages are not grades."""
    root = _parse(html_report(FRAMEWORK, school_cycle()))
    assert root.tag == f"{X}html"
    assert root.get("lang") == "en"
    title = root.find(f"{X}head/{X}title")
    heading = root.find(f".//{X}h1")
    assert title is not None
    assert heading is not None
    assert title.text == heading.text == "Self-evaluation report: example-school"
    cautions = [_text(p) for p in root.iter(f"{X}p") if p.get("class") == "caution"]
    assert cautions == [CAUTION]


def test_the_footer_carries_the_attribution() -> None:
    """The footer gives the Crown copyright, the Open Government Licence with its link, and the endorsement notice."""
    notice = FRAMEWORK.provenance.notice
    root = _parse(html_report(FRAMEWORK, school_cycle()))
    footer = root.find(f".//{X}footer")
    assert footer is not None
    assert [_text(p) for p in footer.iter(f"{X}p")] == [
        notice.crown_copyright,
        f"{notice.ogl} Open Government Licence v3.0",
        notice.endorsement,
    ]
    assert [a.get("href") for a in footer.iter(f"{X}a")] == [notice.ogl_url]


def test_nothing_is_loaded_from_elsewhere() -> None:
    """No script, stylesheet link or external source: the one hyperlink is the licence's."""
    page = html_report(FRAMEWORK, school_cycle())
    root = _parse(page)
    assert root.find(f".//{X}script") is None
    assert root.find(f".//{X}link") is None
    assert not [element for element in root.iter() if element.get("src")]
    assert "url(" not in page
    assert [a.get("href") for a in root.iter(f"{X}a")] == [FRAMEWORK.provenance.notice.ogl_url]


def test_the_profile_table_gives_each_aspects_stage_target_and_reasons() -> None:
    """Each aspect's row gives its stage and target by name and its rationale, the school's own judgement after it."""
    cycle = school_cycle()
    rows = _rows(_parse(html_report(FRAMEWORK, cycle)), "Stage profile")
    assert list(rows) == [aspect.title.en for aspect in FRAMEWORK.aspects]
    pupil_voice = rows["Using pupil voice"]
    assert pupil_voice[:3] == [
        "Making progress",
        "Building momentum. Pupil panels now shape every plan.",
        "Building momentum",
    ]
    assert (
        pupil_voice[3]
        == "Holding back Building momentum: PV.3.1 rated 'partly'. "
        + (cycle.profile.judgement("PV").rationale.split("'partly'. ", 1)[1])
    )
    assert rows["Family and community engagement"][:3] == ["Starting the journey", "not given", "Making progress"]
    assert rows["Strategic vision"][:3] == ["not enough evidence", "not given", "no target"]


def test_the_journey_map_says_in_words_what_it_draws() -> None:
    """The map is a captioned table: each aspect a row, the stage reached now and the target said in words."""
    root = _parse(html_report(FRAMEWORK, school_cycle()))
    journey = root.find(f".//{X}figure[@class='journey-map']")
    assert journey is not None
    rows = {
        _text(row[0]): [" ".join(_text(span) for span in cell if span.get("class") != "stage-name") for cell in row[1:]]
        for row in journey.iter(f"{X}tr")
        if row[0].get("scope") == "row"
    }
    hidden = "not reached"
    assert rows["Using pupil voice"] == ["Reached", "Now", "Target School's view", hidden]
    assert rows["Family and community engagement"] == ["Now", "Target", hidden, hidden]
    assert rows["Strategic vision"] == ["Not enough evidence to judge"]


def test_the_lists_give_the_findings_gaps_and_priorities() -> None:
    """The evidence checks, the open gaps and the ranked priorities with their steps are all in the page."""
    cycle = school_cycle()
    root = _parse(html_report(FRAMEWORK, cycle))
    items = [_text(item) for item in root.iter(f"{X}li")]
    assert "Warning: LW.1.1 is rated 'fully' with no evidence; it counts as not rated." in items
    assert all(gap.explanation in items for gap in cycle.gaps.open_gaps)
    headings = [_text(h) for h in root.iter(f"{X}h3")]
    assert headings[:2] == [
        "1. Family and community engagement: from Starting the journey to Making progress",
        "2. Using pupil voice: from Making progress to Building momentum",
    ]
    assert headings[2:] == [
        "Gather evidence first",
        "Priority 1: Family and community engagement",
        "Priority 2: Using pupil voice",
    ]
    for priority in cycle.recommendation.priorities:
        assert all(f"{step.descriptor} {step.text}" in items for step in priority.steps)


def test_progress_is_a_table_only_across_several_self_evaluations() -> None:
    """With two self-evaluations a table gives each aspect at each date; with one there is no progress section."""
    root = _parse(html_report(FRAMEWORK, school_cycle()))
    rows = _rows(root, "Progress over time")
    assert rows["Using pupil voice"] == ["no stage yet", "Making progress"]
    assert rows["Family and community engagement (stalled)"] == ["Starting the journey", "Starting the journey"]
    headers = [_text(th) for th in root.iter(f"{X}th") if th.get("scope") == "col"]
    assert headers[-3:] == ["Aspect", "Self-evaluation of 2026-03-01", "Self-evaluation of 2026-11-01"]
    single = html_report(FRAMEWORK, one_review_cycle())
    assert "Progress over time" not in single


def test_text_is_escaped() -> None:
    """A note with markup characters is shown as text, and the page stays well-formed."""
    note = 'Ysgol <Enghraifft> & "co"'
    root = _parse(html_report(FRAMEWORK, school_cycle(), note=note))
    notes = [p.text for p in root.iter(f"{X}p") if p.get("class") == "note"]
    assert notes == [note]


def test_in_welsh_the_stages_are_named_in_welsh_and_the_fallback_is_said() -> None:
    """With language="cy" the table and the map name the stages in Welsh, and a note says what stays English."""
    root = _parse(html_report(FRAMEWORK, school_cycle(), language="cy"))
    rows = _rows(root, "Stage profile")
    assert [rows["Using pupil voice"][i] for i in (0, 2)] == ["gwneud cynnydd", "adeiladu momentwm"]
    assert [rows["Family and community engagement"][i] for i in (0, 2)] == ["dechrau'r daith", "gwneud cynnydd"]
    journey = root.find(f".//{X}figure[@class='journey-map']")
    assert journey is not None
    heads = [_text(th) for th in journey.iter(f"{X}th") if th.get("scope") == "col"]
    assert heads == ["Aspect", *WELSH_STAGES]
    notes = [p.text for p in root.iter(f"{X}p") if p.get("class") == "note"]
    assert notes == [WELSH_NOTE]
    english = html_report(FRAMEWORK, school_cycle())
    assert not any(name in english.replace("&#x27;", "'") for name in WELSH_STAGES)


@pytest.mark.parametrize(
    ("parts", "title"),
    [
        ({"rollup"}, "Across the schools: roll-up"),
        ({"collaboration"}, "Across the schools: collaboration"),
        ({"rollup", "collaboration"}, "Across the schools: roll-up and collaboration"),
    ],
)
def test_the_authority_report_is_well_formed_and_holds_what_it_is_given(parts: set[str], title: str) -> None:
    """The page parses, is titled for what it holds, gives the caution that fits it, the parts given, the schools."""
    rollup = example_rollup() if "rollup" in parts else None
    collaboration = example_collaboration() if "collaboration" in parts else None
    root = _parse(html_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration))
    heading = root.find(f".//{X}h1")
    assert heading is not None
    assert heading.text == title
    cautions = [_text(p) for p in root.iter(f"{X}p") if p.get("class") == "caution"]
    assert cautions == [authority_caution(rollup, collaboration)]
    assert ("counts schools at each stage" in cautions[0]) == (rollup is not None)
    assert ("suggestions for a professional conversation" in cautions[0]) == (collaboration is not None)
    assert cautions[0].endswith(NOT_OFFICIAL)
    sections = [_text(h) for h in root.iter(f"{X}h2")]
    assert sections == [
        *(name for name, part in [("Stages across schools", rollup), ("Collaboration", collaboration)] if part),
        "Schools surveyed",
    ]
    footer = root.find(f".//{X}footer")
    assert footer is not None
    assert FRAMEWORK.provenance.notice.endorsement in _text(footer)


def test_the_authority_report_counts_every_group_and_lists_every_partnership() -> None:
    """A picture and a table of counts per group (all schools, then each authority), a row per partnership."""
    rollup, collaboration = example_rollup(), example_collaboration()
    root = _parse(html_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration))
    groups = [_text(h) for h in root.iter(f"{X}h3") if "schools)" in _text(h)]
    assert groups == [
        "All schools (30 schools)",
        "Example Authority 1 (16 schools)",
        "Example Authority 2 (14 schools)",
    ]
    assert len(root.findall(f".//{X}figure")) == len(groups)
    cells = [[_text(cell) for cell in row] for row in root.iter(f"{X}tr")]
    pupil_voice = rollup.overall.spread("PV")
    assert [
        "Using pupil voice (PV)",
        str(pupil_voice.no_stage_yet),
        *(str(count.schools) for count in pupil_voice.stages),
        str(pupil_voice.not_enough_evidence),
        str(pupil_voice.not_applicable),
        f"{pupil_voice.coverage:.0%}",
    ] in cells
    summary = [row for row in _body_rows(root, "Collaboration") if len(row) == 2]
    pairs = [(row[0], *each.split(", in ", 1)) for row in summary for each in row[1].split("; ")]
    assert sorted(pairs) == sorted(
        (p.supporter, p.partner, f"{FRAMEWORK.aspect(p.aspect).title.en} ({p.aspect})")
        for p in collaboration.partnerships
    )


def test_the_authority_report_in_welsh_names_the_stages_in_welsh() -> None:
    """With language="cy" the columns of counts and the picture's key carry the Welsh stage names, marked Welsh."""
    root = _parse(html_authority_report(FRAMEWORK, rollup=example_rollup(), language="cy"))
    headers = [_text(th) for th in root.iter(f"{X}th")]
    assert headers[:9] == [
        "Aspect",
        "No stage yet",
        *WELSH_STAGES,
        "Not enough evidence",
        "Not applicable",
        "Descriptors rated",
    ]
    key = root.find(f".//{SVG}g[@class='key']")
    assert key is not None
    assert [text.text for text in key.iter(f"{SVG}text") if text.get("lang") == "cy"] == list(WELSH_STAGES)
