"""The reports across schools follow the decisions: whose priorities lead, the support needed, offers not used."""

import functools
from xml.etree import ElementTree

import attrs

from helpers import FRAMEWORK, LOCAL_AUTHORITY
from reports import (
    example_collaboration,
    example_decisions_collaboration,
    example_decisions_rollup,
    example_decisions_survey,
    example_rollup,
)
from school_improvement import (
    Collaboration,
    School,
    SupportNeed,
    SupportSource,
    UnusedOffer,
    UnusedOfferReason,
    match_schools,
    read_school_register,
)
from school_improvement._render.authority_html import html_authority_report
from school_improvement._render.authority_markdown import markdown_authority_report
from school_improvement._render.text import render_collaboration, render_rollup

X = "{http://www.w3.org/1999/xhtml}"
FIVE_SOURCES = (
    "The local authority",
    "Another school",
    "The cluster or local improvement community",
    "National professional learning",
    "A national support programme",
)
"""The five sources the example's discussion records ask support from, in the order the reports group them."""
OWN_PRIORITIES = (
    "15 of the 30 schools set priorities of their own (14 agreed in a professional discussion, 1 from a development "
    "plan); 15 are on the defaults, the library's recommendation to the next stage in each aspect."
)
ALL_ON_DEFAULTS = (
    "No school set priorities of its own: all 30 are on the defaults, the library's recommendation to the next stage "
    "in each aspect."
)
EVERY_SCHOOL_ON_DEFAULTS = (
    "Every school is on the defaults, the library's recommendation to the next stage in each aspect: none has a plan "
    "or a discussion record that sets priorities."
)
AGREED_22 = (
    "the priorities agreed in the professional discussion of 2026-10-20 are used, before those of its development plan"
)
DEFAULTS_WHY = (
    "no plan or discussion record was given, so the library's recommendation to the next stage in each aspect is used"
)
LEADERSHIP_FROM_17 = (
    "Example High School 17 supports Example Primary School 22 with its priority 1: Developing leadership capacity. "
    "Example Primary School 22 agreed this priority in the professional discussion of 2026-10-20."
)
"""How the matching itself explains the partnership (the text report shows it whole)."""
WHY_17_SUPPORTS_22 = (
    "Example High School 17 supports Example Primary School 22 in Developing leadership capacity (LC), Example "
    "Primary School 22's priority 1 (agreed on 2026-10-20). Stages: Sustaining high standards and Starting the "
    "journey, 3 stages apart; Example High School 17 offered this strength. Benefit 7: 3 times 3, less 1 (of another "
    "phase), less 1 (of another language medium)"
)
"""How the reports for people explain it: by name, the aspect with its code, shorter."""
OFFERED_BY_17 = (
    "Example High School 17 offered Developing leadership capacity in its professional discussion of 2026-10-20, but "
    "the local authority has set its capacity to support other schools at 0."
)
SUPPORT_CAPTION = "Support needed, by source and aspect (requested means awaiting a decision)"
HOSTILE = "<script>alert('x')</script> & *bold* | [link](javascript:0)"
"""Words that are markup in HTML and Markdown, which every report must show as words."""


@functools.cache
def _register() -> tuple[School, ...]:
    """The example register of thirty schools, for their names."""
    return read_school_register((LOCAL_AUTHORITY / "schools.csv").read_bytes())


def _flat(text: str) -> str:
    """Text with every run of white space one space: what a wrapped terminal report says, line breaks aside."""
    return " ".join(text.split())


def _between(text: str, start: str, end: str) -> str:
    """The part of a report from one heading up to the next heading given."""
    return text.split(start, 1)[1].split(end, 1)[0]


def _page(page: str) -> ElementTree.Element:
    """An HTML report as XML, which it must be, after its doctype."""
    return ElementTree.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # noqa: S314 (our own output)


def _text(element: ElementTree.Element) -> str:
    return "".join(element.itertext())


def _section(root: ElementTree.Element, heading: str) -> ElementTree.Element:
    """The section whose own heading (of any level) says this."""
    for section in root.iter(f"{X}section"):
        title = next((child for child in section if child.tag.startswith(f"{X}h")), None)
        if title is not None and _text(title) == heading:
            return section
    raise AssertionError(heading)


def _table(section: ElementTree.Element, caption: str) -> list[list[str]]:
    """The header row, then each body row, of the table in the section with this caption; each row starts with a th."""
    for table in section.iter(f"{X}table"):
        found = table.find(f"{X}caption")
        if found is not None and _text(found) == caption:
            rows = list(table.iter(f"{X}tr"))
            assert all(cell.tag == f"{X}th" and cell.get("scope") == "col" for cell in rows[0])
            assert all(row[0].tag == f"{X}th" and row[0].get("scope") == "row" for row in rows[1:])
            return [[_text(cell) for cell in row] for row in rows]
    raise AssertionError(caption)


@functools.cache
def _unused_collaboration() -> Collaboration:
    """The example with its decisions, matched with Example High School 17 given no capacity to support others."""
    return match_schools(FRAMEWORK, example_decisions_survey(), capacities={"fictional-00017": 0})


def test_the_text_roll_up_says_whose_priorities_lead_the_support_needed_and_each_rule() -> None:
    """In text, the example's decisions give 15 on the defaults, support from five sources, and each priority's rule."""
    text = render_rollup(FRAMEWORK, example_decisions_rollup())
    overall = _between(text, "\nAll schools (30 schools)\n", "\nExample Authority 1 (16 schools)\n")
    assert OWN_PRIORITIES in _flat(overall)
    assert [words for words in FIVE_SOURCES if f"\n    {words}  " in overall] == list(FIVE_SOURCES)
    assert "Other support" not in overall
    assert (
        "Another school Developing leadership capacity (LC) Requested: 0; Agreed: 1; Not agreed: 0; "
        "Schools: fictional-00022; Providers named: fictional-00017"
    ) in _flat(overall)
    assert (
        "National professional learning Improving teaching & assessment (TA) Requested: 2; Agreed: 0; Not agreed: 0; "
        "Schools: fictional-00017, fictional-00024; Providers named: none named"
    ) in _flat(overall)
    assert "Strategic vision (SV) Rule: most judged schools at the early stages; Why: 18 of the 27 schools" in _flat(
        overall
    )
    assert (
        "Rule: most judged schools at the early stages and chosen by most schools setting their own priorities; "
        "Why: 18 of the 28 schools"
    ) in _flat(overall)
    surveyed = _flat(text.split("\nSchools surveyed\n", 1)[1])
    assert surveyed.count("Priorities: the defaults;") == 15
    assert "fictional-00022 Self-evaluation: 2026-10-16; Age: 87 days; Priorities: agreed in a professional " in (
        surveyed
    )
    assert "Priorities: from its development plan; Why: the priorities of its development plan (2026-10-19" in (
        surveyed
    )


def test_the_markdown_roll_up_tables_the_support_needed_and_each_rule() -> None:
    """In Markdown, a table of support by source and aspect, a table of priorities with rules, and a row per school."""
    report = markdown_authority_report(
        FRAMEWORK, rollup=example_decisions_rollup(), survey=example_decisions_survey(), schools=_register()
    )
    overall = _between(report, "### All schools (30 schools)\n", "\n### ")
    assert f"\n{OWN_PRIORITIES}\n" in overall
    support = _between(overall, f"**{SUPPORT_CAPTION}**\n", "\n\n")
    rows = support.strip().splitlines()
    assert rows[0] == "| Source | Aspect | Requested | Agreed | Not agreed | Schools | Providers named |"
    assert list(dict.fromkeys(row.split(" | ")[0].removeprefix("| ") for row in rows[2:])) == list(FIVE_SOURCES)
    assert (
        "| Another school | Developing leadership capacity (LC) | 0 | 1 | 0 | Example Primary School 22 | "
        "Example High School 17 |"
    ) in rows
    assert (
        "| The local authority | Self-evaluation and improvement planning (SE) | 0 | 3 | 0 | "
        "Example High School 1, Example Primary School 16, Example Primary School 24 | "
        "Example Authority 1, Example Authority 2 |"
    ) in rows
    assert "| Aspect | Rule | Why |" in overall
    assert "| Strategic vision (SV) | most judged schools at the early stages | 18 of the 27 schools" in overall
    assert (
        "| most judged schools at the early stages and chosen by most schools setting their own priorities | "
        "18 of the 28 schools"
    ) in overall
    surveyed = report.split("\n## Schools surveyed\n", 1)[1]
    assert surveyed.count("| the defaults |") == 15
    assert (
        f"| Example Primary School 22 | fictional-00022 | 2026-10-16 | 87 days | agreed in a professional discussion | "
        f"{AGREED_22} |"
    ) in surveyed
    assert f"| Example Primary School 2 | fictional-00002 | 2026-10-16 | 87 days | the defaults | {DEFAULTS_WHY} |" in (
        surveyed
    )


def test_the_html_roll_up_tables_the_support_needed_and_each_rule_with_header_cells() -> None:
    """In HTML, the same tables, each with column and row headers, and every school's basis in a row."""
    root = _page(
        html_authority_report(
            FRAMEWORK, rollup=example_decisions_rollup(), survey=example_decisions_survey(), schools=_register()
        )
    )
    overall = _section(root, "All schools (30 schools)")
    assert OWN_PRIORITIES in [_text(p) for p in overall.iter(f"{X}p")]
    support = _table(overall, SUPPORT_CAPTION)
    assert support[0] == ["Source", "Aspect", "Requested", "Agreed", "Not agreed", "Schools", "Providers named"]
    assert list(dict.fromkeys(row[0] for row in support[1:])) == list(FIVE_SOURCES)
    assert [
        "National professional learning",
        "Developing leadership capacity (LC)",
        "1",
        "1",
        "0",
        "Example Primary School 3, Example Primary School 22",
        "none named",
    ] in support
    priorities = {row[0]: row[1] for row in _table(overall, "System-level priorities")[1:]}
    assert priorities["Strategic vision (SV)"] == "most judged schools at the early stages"
    assert priorities[f"{FRAMEWORK.aspect('LW').title.en} (LW)"] == (
        "most judged schools at the early stages and chosen by most schools setting their own priorities"
    )
    schools = _table(
        _section(root, "Schools surveyed"), "Each school's self-evaluation, and where its priorities come from"
    )
    assert schools[0] == ["School", "Reference", "Self-evaluation", "Age", "Priorities", "Why"]
    assert [row[4] for row in schools[1:]].count("the defaults") == 15
    assert [
        "Example Primary School 22",
        "fictional-00022",
        "2026-10-16",
        "87 days",
        "agreed in a professional discussion",
        AGREED_22,
    ] in schools


def test_each_group_counts_its_own_schools_bases() -> None:
    """Each local authority's group says how many of its own schools set priorities, not the whole set's count."""
    rollup = example_decisions_rollup()
    flat = _flat(render_rollup(FRAMEWORK, rollup))
    assert [group.own_priorities for group in rollup.groups] == [8, 7]
    assert (
        "8 of the 16 schools set priorities of their own (7 agreed in a professional discussion, 1 from a "
        "development plan); 8 are on the defaults"
    ) in flat
    assert (
        "7 of the 14 schools set priorities of their own (7 agreed in a professional discussion); 7 are on the defaults"
    ) in flat


def test_the_collaboration_shows_school_22_supported_by_school_17_with_its_agreed_basis() -> None:
    """In every format, Example High School 17 supports School 22 in leadership capacity, its priority agreed."""
    collaboration = example_decisions_collaboration()
    assert collaboration.unused_offers == ()
    text = _flat(render_collaboration(collaboration))
    assert (
        "fictional-00017 -> fictional-00022 LC +7 The partner's priorities: agreed in a professional discussion. "
        f"{LEADERSHIP_FROM_17}"
    ) in text
    assert "Offers not used None: the matching may use every strength offered in the schools' discussion records." in (
        text
    )
    markdown = markdown_authority_report(
        FRAMEWORK, collaboration=collaboration, survey=example_decisions_survey(), schools=_register()
    )
    assert (
        "| Example High School 17 | Example Primary School 3, in Developing leadership capacity (LC); Example Primary "
        "School 22, in Developing leadership capacity (LC) |"
    ) in markdown
    assert f"\n- {WHY_17_SUPPORTS_22}; one of " in markdown
    assert "\n### Offers not used\n\nNone: the matching may use every strength" in markdown
    root = _page(
        html_authority_report(
            FRAMEWORK, collaboration=collaboration, survey=example_decisions_survey(), schools=_register()
        )
    )
    rows = _table(_section(root, "Collaboration"), "Who supports whom")
    assert rows[0] == ["Supporting school", "Supports, and in which aspect"]
    (supports,) = [row[1] for row in rows if row[0] == "Example High School 17"]
    assert supports.endswith("; Example Primary School 22, in Developing leadership capacity (LC)")
    why = [_text(item) for item in _section(root, "Why each partnership").iter(f"{X}li")]
    assert len(why) == len(collaboration.partnerships)
    assert [item for item in why if item.startswith(WHY_17_SUPPORTS_22)]


def test_offers_not_used_are_listed_with_the_reason_in_words() -> None:
    """With School 17 given no capacity, both its offers are listed in every format, the reason said in words."""
    collaboration = _unused_collaboration()
    assert [(u.aspect, u.reason) for u in collaboration.unused_offers] == [
        ("LC", UnusedOfferReason.NO_CAPACITY),
        ("SE", UnusedOfferReason.NO_CAPACITY),
    ]
    text = _flat(render_collaboration(collaboration))
    assert (
        "Offers not used Strengths offered in the schools' discussion records that the matching does not use, and "
        "why. Each offer not used: fictional-00017 LC Reason: no capacity: the local authority set it at 0; "
        f"Why: {OFFERED_BY_17} fictional-00017 SE Reason: no capacity"
    ) in text
    markdown = markdown_authority_report(
        FRAMEWORK, collaboration=collaboration, survey=example_decisions_survey(), schools=_register()
    )
    offers = _between(markdown, "\n### Offers not used\n", "\n## ")
    assert "| School | Aspect | Reason | Why |" in offers
    assert (
        "| Example High School 17 | Developing leadership capacity (LC) | no capacity: the local authority set it at 0 "
        f"| {OFFERED_BY_17} |"
    ) in offers
    root = _page(html_authority_report(FRAMEWORK, collaboration=collaboration))
    rows = _table(_section(root, "Offers not used"), "Each offer not used")
    assert rows[1] == [
        "fictional-00017",
        "Developing leadership capacity (LC)",
        "no capacity: the local authority set it at 0",
        OFFERED_BY_17,
    ]
    assert [row[:2] for row in rows[2:]] == [["fictional-00017", "Self-evaluation and improvement planning (SE)"]]


def test_without_decisions_every_report_says_every_school_is_on_the_defaults() -> None:
    """The example without decisions: each format says no school set its own priorities, and so for every school."""
    rollup, collaboration = example_rollup(), example_collaboration()
    text = _flat(render_rollup(FRAMEWORK, rollup))
    assert text.count(ALL_ON_DEFAULTS) == 1
    assert "Support needed: none is asked for in the schools' latest discussion records." in text
    assert EVERY_SCHOOL_ON_DEFAULTS in text
    assert text.count("Priorities: the defaults;") == 30
    matched = _flat(render_collaboration(collaboration))
    assert matched.count("The partner's priorities: the defaults.") == len(collaboration.partnerships) == 30
    assert EVERY_SCHOOL_ON_DEFAULTS in matched
    markdown = markdown_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration)
    assert f"\n{ALL_ON_DEFAULTS}\n" in markdown
    assert f"\n{EVERY_SCHOOL_ON_DEFAULTS}\n" in markdown
    assert "agreed in a professional discussion |" not in markdown
    root = _page(html_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration))
    paragraphs = [_text(p) for p in root.iter(f"{X}p")]
    assert paragraphs.count(ALL_ON_DEFAULTS) == 1
    assert [p for p in paragraphs if p.startswith("No school set priorities of its own: all 1")] == [
        ALL_ON_DEFAULTS.replace("30", "16"),
        ALL_ON_DEFAULTS.replace("30", "14"),
    ]
    assert EVERY_SCHOOL_ON_DEFAULTS in paragraphs
    why = [_text(item) for item in _section(root, "Why each partnership").iter(f"{X}li")]
    assert len(why) == 30
    assert all(" (from the defaults). Stages: " in item for item in why)


def test_a_roll_up_without_the_schools_bases_says_they_are_not_recorded() -> None:
    """A roll-up holding no bases (built by hand, or an older payload) counts own priorities but claims no basis."""
    rollup = attrs.evolve(example_decisions_rollup(), bases=())
    text = _flat(render_rollup(FRAMEWORK, rollup))
    assert (
        "15 of the 30 schools set priorities of their own; 15 are on the defaults, the library's recommendation to "
        "the next stage in each aspect."
    ) in text
    assert text.count("Priorities: not recorded; Why: not recorded") == 30
    assert "Where each school's priorities come from" not in text


def test_words_from_the_records_are_shown_as_words_in_html_and_markdown() -> None:
    """A provider, a school reference and an explanation full of markup are escaped: no element or link is made."""
    rollup = example_decisions_rollup()
    need = SupportNeed(SupportSource.OTHER, "PV", 1, 0, 0, (HOSTILE,), (HOSTILE,))
    rollup = attrs.evolve(rollup, overall=attrs.evolve(rollup.overall, support=(need,)))
    offer = UnusedOffer(HOSTILE, 0, "PV", UnusedOfferReason.BELOW_STRENGTH, HOSTILE)
    collaboration = attrs.evolve(example_decisions_collaboration(), unused_offers=(offer,))
    root = _page(html_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration))
    assert not list(root.iter(f"{X}script"))
    assert [link.get("href") for link in root.iter(f"{X}a")] == [FRAMEWORK.provenance.notice.ogl_url]
    support = _table(_section(root, "All schools (30 schools)"), SUPPORT_CAPTION)
    assert support[1] == ["Other support", "Using pupil voice (PV)", "1", "0", "0", HOSTILE, HOSTILE]
    offers = _table(_section(root, "Offers not used"), "Each offer not used")
    assert offers[1] == [HOSTILE, "Using pupil voice (PV)", "before the stage that counts as a strength", HOSTILE]
    markdown = markdown_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration)
    escaped = r"\<script\>alert('x')\</script\> & \*bold\* \| \[link\](javascript:0)"
    assert f"| Other support | Using pupil voice (PV) | 1 | 0 | 0 | {escaped} | {escaped} |" in markdown
    assert (
        f"| {escaped} | Using pupil voice (PV) | before the stage that counts as a strength | {escaped} |" in markdown
    )
    assert HOSTILE not in markdown
