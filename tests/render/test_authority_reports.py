"""The reports across schools for people: names, aspects named, the fitting caution, a picture not resting on colour.

Each report names schools rather than giving their references, names each
aspect beside its code, has the caution that fits what it holds, says what
it rests on, draws the roll-up's counts so that colour is not needed to read
them, and lists the schools behind each count.
"""

import functools
import re
from collections import Counter
from xml.etree import ElementTree

import attrs
import pytest

from helpers import FRAMEWORK, LOCAL_AUTHORITY
from reports import (
    example_collaboration,
    example_decisions_collaboration,
    example_decisions_rollup,
    example_decisions_survey,
    example_rollup,
    example_survey,
)
from school_improvement import (
    AnalysisError,
    LanguageMedium,
    MatchOptions,
    Phase,
    Requirement,
    School,
    Stage,
    Strictness,
    Survey,
    UnmatchedReason,
    load_self_evaluation,
    match_schools,
    read_school_register,
    roll_up,
    survey,
)
from school_improvement._render.authority import COUNTED, Names, counted_of, counts
from school_improvement._render.authority_html import GAP, INK, LOOKS, NARROW, PAGE, WIDE, html_authority_report
from school_improvement._render.authority_markdown import markdown_authority_report
from school_improvement._render.wording import MATCH_CAUTION, NOT_OFFICIAL, ROLLUP_CAUTION, UNMATCHED_REASONS

X = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
KINDS = ("rollup", "match", "both")
"""What a report across schools may hold: the roll-up, the partnerships, or both."""
HOSTILE = "<script>alert('x')</script> & *bold* | [link](javascript:0)"
"""Words that are markup in HTML and Markdown, which every report must show as words."""


@functools.cache
def _register() -> tuple[School, ...]:
    """The example register of thirty schools."""
    return read_school_register((LOCAL_AUTHORITY / "schools.csv").read_bytes())


def _report(kind: str, *, decisions: bool = True, markdown: bool = False) -> str:
    """A report of the example authority as the command line makes it: given the survey and the register."""
    surveyed = example_decisions_survey() if decisions else example_survey()
    rollup = (example_decisions_rollup() if decisions else example_rollup()) if kind != "match" else None
    matched = (
        (example_decisions_collaboration() if decisions else example_collaboration()) if kind != "rollup" else None
    )
    write = markdown_authority_report if markdown else html_authority_report
    return write(FRAMEWORK, rollup=rollup, collaboration=matched, survey=surveyed, schools=_register())


def _root(page: str) -> ElementTree.Element:
    """An HTML report as XML, which it must be, after its doctype."""
    return ElementTree.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # noqa: S314 (our own output)


def _text(element: ElementTree.Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def _headed(root: ElementTree.Element, heading: str) -> ElementTree.Element:
    """The section whose own heading (of any level) says this."""
    for section in root.iter(f"{X}section"):
        title = next((child for child in section if child.tag in {f"{X}h2", f"{X}h3", f"{X}h4"}), None)
        if _text(title) == heading:
            return section
    raise AssertionError(heading)


def _words(kind: str, *, decisions: bool, markdown: bool) -> str:
    """What a person reads in a report: the Markdown, or the HTML's text, the pictures' words included."""
    report = _report(kind, decisions=decisions, markdown=markdown)
    return report if markdown else _text(_root(report))


def _linear(colour: int) -> float:
    channel = colour / 255
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of a colour written ``#RRGGBB``."""
    red, green, blue = (_linear(int(colour[place : place + 2], 16)) for place in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: str, second: str) -> float:
    """WCAG 2.2's contrast ratio between two colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_sums_agree_with_wcags_own_examples() -> None:
    """The test's arithmetic gives WCAG's ratios: black on white 21:1, grey #767676 on white just over 4.5:1."""
    assert _contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert _contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_every_mark_of_the_picture_is_at_least_3_to_1_against_the_page_and_its_text_4_5_to_1() -> None:
    """Fills, patterns' marks and outlines stand 3:1 from the white page and gaps; counts and words 4.5:1 or more."""
    assert GAP > 0
    for kind in COUNTED:
        look = LOOKS[kind]
        assert look.colours, kind
        for colour in look.colours:
            assert _contrast(colour, PAGE) >= 3, (kind, colour)
        assert _contrast(look.text, look.fill) >= 4.5, kind
    assert _contrast(INK, PAGE) >= 4.5


def test_each_kind_of_part_is_told_apart_by_more_than_its_colour() -> None:
    """Every count has a pattern of its own; the white ones an edge; the four stages darken in order as well."""
    assert set(LOOKS) == set(COUNTED)
    patterns = [LOOKS[kind].pattern for kind in COUNTED]
    assert len(set(patterns)) == len(COUNTED), patterns
    assert all(LOOKS[kind].outline is not None for kind in COUNTED if LOOKS[kind].fill == PAGE)
    stages = [_luminance(LOOKS[stage].fill) for stage in Stage]
    assert stages == sorted(stages, reverse=True)
    assert len(set(stages)) == len(stages)


def test_the_picture_is_an_image_with_a_title_a_description_and_a_key_in_two_layouts() -> None:
    """Each group's figure: a wide and a narrow SVG, each role=img, titled, described in words, with the key."""
    root = _root(_report("rollup"))
    rollup = example_decisions_rollup()
    figures = root.findall(f".//{X}figure")
    assert len(figures) == 1 + len(rollup.groups)
    ids = Counter(element.get("id") for element in root.iter() if element.get("id"))
    assert all(count == 1 for count in ids.values())
    for figure, group in zip(figures, (rollup.overall, *rollup.groups), strict=True):
        pictures = figure.findall(f"{SVG}svg")
        assert [svg.get("class") for svg in pictures] == [WIDE.name, NARROW.name]
        for svg in pictures:
            assert svg.get("role") == "img"
            title = svg.find(f"{SVG}title")
            desc = svg.find(f"{SVG}desc")
            assert title is not None
            assert desc is not None
            assert svg.get("aria-labelledby") == title.get("id")
            assert svg.get("aria-describedby") == desc.get("id")
            assert f"({len(group.schools)} schools)" in (title.text or "")
            for spread in group.spreads:
                named = f"{FRAMEWORK.aspect(spread.aspect).title.en} ({spread.aspect})"
                shown = counts(spread)
                assert f"{named}: no stage yet {shown[0]}, Starting the journey {shown[1]}, " in (desc.text or "")
            key = svg.find(f"{SVG}g[@class='key']")
            assert key is not None
            assert [text.text for text in key.iter(f"{SVG}text")] == [
                "No stage yet",
                *(FRAMEWORK.stage_name(stage).en for stage in Stage),
                "Not enough evidence",
                "Not applicable",
            ]
            patterns = {pattern.get("id") for pattern in svg.iter(f"{SVG}pattern")}
            used = {rect.get("fill", "")[5:-1] for rect in svg.iter(f"{SVG}rect") if "url(" in rect.get("fill", "")}
            assert used <= patterns
            assert used


def test_each_bar_shows_each_count_of_its_aspect() -> None:
    """Each bar has a part for each count above nought, saying its kind and count, and the parts fill the bar."""
    root = _root(_report("rollup", decisions=False))
    svg = root.find(f".//{SVG}svg[@class='wide']")
    assert svg is not None
    bars = [bar for bar in svg.findall(f"{SVG}g") if bar.get("class") != "key"]
    overall = example_rollup().overall
    assert len(bars) == len(overall.spreads)
    for bar, spread in zip(bars, overall.spreads, strict=True):
        parts = bar.findall(f"{SVG}rect")
        said = [(part.findtext(f"{SVG}title") or "").rsplit(", ", 1) for part in parts]
        named = f"{FRAMEWORK.aspect(spread.aspect).title.en} ({spread.aspect})"
        assert [int(count) for _, count in said] == [count for count in counts(spread) if count]
        assert all(words.startswith(f"{named}: ") for words, _ in said)
        drawn = sum(float(part.get("width", "0")) for part in parts)
        assert drawn == pytest.approx(WIDE.bar - GAP * len(parts), abs=2 * len(parts))


@pytest.mark.parametrize("markdown", [False, True], ids=["html", "markdown"])
@pytest.mark.parametrize("decisions", [False, True], ids=["without decisions", "with decisions"])
@pytest.mark.parametrize("kind", KINDS)
def test_schools_are_named_and_each_reference_shown_once(kind: str, *, decisions: bool, markdown: bool) -> None:
    """A school is read by its name; its reference shows once, beside it in the table of schools surveyed."""
    words = _words(kind, decisions=decisions, markdown=markdown)
    references = Counter(re.findall(r"fictional-\d{5}", words))
    assert set(references) == {school.ref for school in _register()}
    assert set(references.values()) == {1}


@pytest.mark.parametrize("markdown", [False, True], ids=["html", "markdown"])
@pytest.mark.parametrize("decisions", [False, True], ids=["without decisions", "with decisions"])
@pytest.mark.parametrize("kind", KINDS)
def test_la_is_never_shown_without_its_aspects_name(kind: str, *, decisions: bool, markdown: bool) -> None:
    """LA, which reads as "local authority", shows only as "Leadership approaches (LA)" or a descriptor beside it."""
    words = _words(kind, decisions=decisions, markdown=markdown)
    found = list(re.finditer(r"(?<![\w-])LA(?![\w-])", words))
    assert found or kind == "match"  # no partnership is in Leadership approaches
    for match in found:
        named = words[: match.start()].endswith("Leadership approaches (")
        descriptor = re.match(r"LA\.\d\.\d+ \(Leadership approaches; ", words[match.start() :])
        assert named or descriptor, words[max(match.start() - 60, 0) : match.end() + 60]


@pytest.mark.parametrize("kind", KINDS)
def test_each_report_has_the_caution_that_fits_it_and_claims_nothing_official(kind: str) -> None:
    """The roll-up's caution (counts, not grades), the partnerships' (a conversation, not a judgement), or both."""
    root = _root(_report(kind))
    (caution,) = [_text(p) for p in root.iter(f"{X}p") if p.get("class") == "caution"]
    expected = [ROLLUP_CAUTION] if kind != "match" else []
    expected += [MATCH_CAUTION] if kind != "rollup" else []
    assert caution == " ".join([*expected, NOT_OFFICIAL])
    assert ("counts of schools" in caution or "counts schools" in caution) == (kind != "match")
    assert "not a judgement of any school" in caution if kind != "rollup" else "conversation" not in caution
    assert "official" not in _text(root).lower()
    assert _report(kind, markdown=True).splitlines()[2] == caution


@pytest.mark.parametrize("kind", KINDS)
def test_each_report_says_the_edition_the_rule_the_survey_date_and_each_schools_date(kind: str) -> None:
    """Under the caution: the framework edition, the rule, the survey's date; each school's date in its row."""
    root = _root(_report(kind))
    facts = root.find(f".//{X}dl")
    assert facts is not None
    said = dict(
        zip([_text(dt) for dt in facts.iter(f"{X}dt")], [_text(dd) for dd in facts.iter(f"{X}dd")], strict=True)
    )
    assert said["Framework edition"] == FRAMEWORK.edition_id
    assert said["Stages"].startswith("judged by the cumulative rule (every applicable descriptor rated at least")
    assert said["Survey date"].startswith("2027-01-11: ")
    assert said["Self-evaluations"].startswith("dated 2026-10-16 (each school's date is in the table of schools")
    counted = "30 of the 30 schools in the register, each at its latest self-evaluation; every school has one"
    assert said["Schools counted" if kind != "match" else "Schools matched"] == counted
    rows = [
        [_text(cell) for cell in row]
        for table in root.iter(f"{X}table")
        if _text(table.find(f"{X}caption")).startswith("Each school's self-evaluation")
        for row in table.iter(f"{X}tr")
    ]
    assert rows[0][:3] == ["School", "Reference", "Self-evaluation"]
    assert {row[2] for row in rows[1:]} == {"2026-10-16"}
    assert len(rows) == 1 + len(_register())


def test_the_roll_up_names_the_schools_in_each_count() -> None:
    """For each aspect, each count's schools by name, in register order: as many as the count, each school once."""
    report = _report("rollup", markdown=True)
    appendix = report.split("\n## Which schools are in each count\n", 1)[1].split("\n## ", 1)[0]
    overall = example_decisions_rollup().overall
    names = {school.ref: school.name for school in _register()}
    snapshots = {item.school.ref: item for item in example_decisions_survey().snapshots}
    for spread in overall.spreads:
        named = f"{FRAMEWORK.aspect(spread.aspect).title.en} ({spread.aspect})"
        lines = appendix.split(f"\n### {named}\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
        listed = [line.removeprefix("- ").split(": ", 1) for line in lines]
        shown = [count for count in counts(spread) if count]
        assert [int(head.rsplit("(", 1)[1].rstrip(")")) for head, _ in listed] == shown
        members = [name for _, schools in listed for name in schools.split(", ")]
        assert sorted(members) == sorted(names[ref] for ref in overall.schools)
        for head, schools in listed:
            kinds = {
                counted_of(snapshots[ref].profile.judgement(spread.aspect))
                for ref in overall.schools
                if names[ref] in schools.split(", ")
            }
            assert len(kinds) == 1, head


@functools.cache
def _one_without() -> Survey:
    """The example without decisions, Example Primary School 30 having sent no self-evaluation."""
    lines = (LOCAL_AUTHORITY / "self-evaluations.jsonl").read_text(encoding="utf-8").splitlines()
    evaluations = [load_self_evaluation(line, framework=FRAMEWORK) for line in lines if line.strip()]
    return survey(FRAMEWORK, _register(), [item for item in evaluations if item.school != "fictional-00030"])


def test_the_roll_up_says_how_many_schools_it_counts_and_names_those_without_a_self_evaluation() -> None:
    """29 of the register's 30 counted; the one not counted named, from the register, as it has no self-evaluation."""
    surveyed = _one_without()
    assert surveyed.without_self_evaluation == ("fictional-00030",)
    rollup = roll_up(FRAMEWORK, surveyed)
    report = markdown_authority_report(FRAMEWORK, rollup=rollup, survey=surveyed, schools=_register())
    assert (
        "- **Schools counted:** 29 of the 30 schools in the register, each at its latest self-evaluation; not "
        "counted, with no self-evaluation: Example Primary School 30\n"
    ) in report


def test_the_collaboration_leads_with_who_supports_whom_and_explains_after_more_briefly() -> None:
    """The summary table comes first, by supporting school in register order; each partnership explained after."""
    collaboration = example_decisions_collaboration()
    root = _root(_report("match"))
    section = _headed(root, "Collaboration")
    tables = list(section.iter(f"{X}table"))
    assert _text(tables[0].find(f"{X}caption")) == "Who supports whom"
    rows = [[_text(cell) for cell in row] for row in tables[0].iter(f"{X}tr")][1:]
    order = {school.name: place for place, school in enumerate(_register())}
    assert [order[row[0]] for row in rows] == sorted(order[row[0]] for row in rows)
    assert len(rows) == len({p.supporter for p in collaboration.partnerships})
    pairs = [(row[0], *each.split(", in ", 1)) for row in rows for each in row[1].split("; ")]
    assert len(pairs) == len(collaboration.partnerships)
    headings = [_text(h) for h in section.iter(f"{X}h3")]
    assert headings == ["Without a partner", "Why each partnership", "Offers not used"]
    why = _headed(section, "Why each partnership")
    explained = [_text(item) for item in why.iter(f"{X}li")]
    assert all(
        item.startswith(f"{supporter} supports {partner} in {aspect}, {partner}'s priority ")
        for (supporter, partner, aspect), item in zip(pairs, explained, strict=True)
    )
    own = sum(len(p.explanation) for p in collaboration.partnerships)
    assert sum(len(item) for item in explained) < own * 0.8


def test_schools_without_a_partner_are_grouped_by_why() -> None:
    """Matched within clusters, one partnership each: the schools left out listed under each reason, in order."""
    collaboration = match_schools(
        FRAMEWORK,
        example_decisions_survey(),
        MatchOptions(same_cluster=Requirement(Strictness.HARD, 0), capacity=1, rank_weights=(1,)),
    )
    reasons = Counter(u.reason for u in collaboration.unmatched)
    assert len(reasons) >= 3
    report = markdown_authority_report(
        FRAMEWORK, collaboration=collaboration, survey=example_decisions_survey(), schools=_register()
    )
    without = report.split("\n### Without a partner\n", 1)[1].split("\n### ", 1)[0]
    captions = [line for line in without.splitlines() if line.startswith("**")]
    ordered = [reason for reason in UnmatchedReason if reason in reasons]
    assert captions == [
        f"**{UNMATCHED_REASONS[reason]} ({reasons[reason]} schools)**"
        if reasons[reason] > 1
        else f"**{UNMATCHED_REASONS[reason]} (1 school)**"
        for reason in ordered
    ]
    for reason, block in zip(ordered, without.split("\n**")[1:], strict=True):
        items = [line for line in block.splitlines() if line.startswith("- ")]
        assert len(items) == reasons[reason]


def test_a_survey_that_is_not_the_results_own_is_refused() -> None:
    """A survey missing a school of the roll-up, or whose counts differ, stops the report: its lists would mislead."""
    rollup = example_decisions_rollup()
    surveyed = example_decisions_survey()
    with pytest.raises(AnalysisError, match="has no school 'fictional-00001'"):
        html_authority_report(FRAMEWORK, rollup=rollup, survey=attrs.evolve(surveyed, snapshots=surveyed.snapshots[1:]))
    spreads = (attrs.evolve(rollup.overall.spreads[0], no_stage_yet=9), *rollup.overall.spreads[1:])
    moved = attrs.evolve(rollup, overall=attrs.evolve(rollup.overall, spreads=spreads))
    with pytest.raises(AnalysisError, match="counts in SV are not the roll-up's"):
        markdown_authority_report(FRAMEWORK, rollup=moved, survey=surveyed)


def test_two_schools_of_one_name_are_told_apart_by_their_references() -> None:
    """A name two schools share shows with each one's reference; an unknown school keeps its reference."""
    same = [
        School(ref, "Ysgol Gynradd", "Example County", None, Phase.PRIMARY, LanguageMedium.WELSH)
        for ref in ("w-1", "w-2")
    ]
    names = Names.of(
        [*same, School("e-1", "Example Primary", "Example County", None, Phase.PRIMARY, LanguageMedium.ENGLISH)]
    )
    assert [names(ref) for ref in ("w-1", "w-2", "e-1", "x-9")] == [
        "Ysgol Gynradd (w-1)",
        "Ysgol Gynradd (w-2)",
        "Example Primary",
        "x-9",
    ]
    assert not Names()


def test_a_school_name_full_of_markup_is_shown_as_words() -> None:
    """A name from the register is escaped in HTML and Markdown: no element or link is made of it."""
    register = [
        attrs.evolve(school, name=HOSTILE) if school.ref == "fictional-00022" else school for school in _register()
    ]
    rollup, collaboration = example_decisions_rollup(), example_decisions_collaboration()
    page = html_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration, schools=register)
    root = _root(page)
    assert not list(root.iter(f"{X}script"))
    assert [link.get("href") for link in root.iter(f"{X}a")] == [FRAMEWORK.provenance.notice.ogl_url]
    assert HOSTILE in _text(root)
    markdown = markdown_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration, schools=register)
    assert HOSTILE not in markdown
    assert r"\<script\>alert('x')\</script\> & \*bold\* \| \[link\](javascript:0)" in markdown
