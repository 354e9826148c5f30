"""The Markdown reports, rendered directly: one school's cycle, and the roll-up and collaboration across schools."""

import pytest

from helpers import FRAMEWORK
from reports import example_collaboration, example_rollup, one_review_cycle, school_cycle
from school_improvement._render.authority_markdown import markdown_authority_report
from school_improvement._render.markdown import markdown_report, md
from school_improvement._render.school import sentence, why
from school_improvement._render.wording import SYSTEM_PRIORITY_RULES, Wording, authority_caution

CAUTION = (
    "The stages are developmental, not grades, and there is no overall grade. Nothing here is a judgement by Estyn "
    "or Welsh Government."
)


def _section(report: str, heading: str) -> str:
    """The text under a ``##`` heading, up to the next ``##`` heading or the closing rule."""
    after = report.split(f"\n{heading}\n", 1)[1]
    return after.split("\n## ", 1)[0].split("\n---\n", 1)[0]


def test_the_school_report_opens_with_the_school_the_rule_and_the_caution() -> None:
    """The title names the school; its reference, date and edition come next, then the caution, then the rule."""
    report = markdown_report(FRAMEWORK, school_cycle(), school_name="Ysgol Enghraifft")
    lines = report.splitlines()
    assert lines[0] == "# Self-evaluation report: Ysgol Enghraifft"
    assert lines[2:5] == [
        "- **School:** Ysgol Enghraifft (reference example-school)",
        "- **Self-evaluation:** 1 November 2026",
        f"- **Framework edition:** {FRAMEWORK.edition_id}",
    ]
    assert lines[6] == CAUTION
    assert lines[10] == (
        "Each stage below is judged by the cumulative rule (every applicable descriptor rated at least 'mostly' at "
        "that stage and at every stage below it)."
    )
    assert markdown_report(FRAMEWORK, school_cycle()).startswith("# Self-evaluation report: example-school\n")


def test_the_school_report_ends_with_the_attribution() -> None:
    """The edition's attribution, with its licence and no-endorsement notice, closes the report."""
    report = markdown_report(FRAMEWORK, school_cycle())
    assert report.endswith(f"\n---\n\n{FRAMEWORK.provenance.attribution}\n")
    assert "not endorsed by Estyn or Welsh Government" in FRAMEWORK.provenance.attribution


def test_the_stage_profile_gives_each_aspects_stage_target_and_reasons() -> None:
    """Each aspect has a row with its stage and target by name, and its rationale, the school's own judgement too."""
    cycle = school_cycle()
    profile = _section(markdown_report(FRAMEWORK, cycle), "## Stage profile")
    rows = [line for line in profile.splitlines() if line.startswith("| ") and not line.startswith("| Aspect")]
    assert len(rows) == len(FRAMEWORK.aspects)
    assert (
        "| Using pupil voice | Making progress | Building momentum. Pupil panels now shape every plan. "
        "| Building momentum | Holding back Building momentum: PV.3.1 rated 'partly'. It rests on "
    ) in profile
    assert "| Family and community engagement | Starting the journey | not given | Making progress |" in profile
    assert "| Strategic vision | not enough evidence | not given | no target |" in profile
    for judgement in cycle.profile.judgements:
        assert md(why(Wording(FRAMEWORK), judgement, cycle.profile.rule)) in profile


def test_the_evidence_checks_and_the_open_gaps_are_listed() -> None:
    """Every finding is listed with its severity, the aspects short of evidence once, then every open gap alone."""
    cycle = school_cycle()
    report = markdown_report(FRAMEWORK, cycle)
    assert [finding.check for finding in cycle.findings] == ["unevidenced-aspects", "no-evidence"]
    assert _section(report, "## Evidence checks").strip().splitlines() == [
        "- **Warning:** LW.1.1 is rated 'fully' with no evidence; it counts as not rated.",
        (
            "- **Not enough evidence:** 8 of the 10 aspects cannot be judged yet, for want of evidence: Strategic "
            "vision; Leadership approaches; Developing leadership capacity; Improving standards of learning and "
            "wellbeing, Including developing positive attitudes to learning; Improving teaching & assessment; "
            "Developing a curriculum to meet the needs of all pupils; Self-evaluation and improvement planning; "
            "Professional learning. Gathering it is the first next step there."
        ),
    ]
    assert _section(report, "## Gaps to targets").strip().splitlines() == [
        f"- {gap.explanation}" for gap in cycle.gaps.open_gaps
    ]


def test_the_priorities_and_the_plan_follow_the_recommendation() -> None:
    """Each priority is a heading in rank order with its reasons and steps; the plan has a section per priority."""
    cycle = school_cycle()
    report = markdown_report(FRAMEWORK, cycle)
    steps = _section(report, "## Priorities and next steps")
    headings = [line for line in steps.splitlines() if line.startswith("### ")]
    assert headings == [
        "### 1. Family and community engagement: from Starting the journey to Making progress",
        "### 2. Using pupil voice: from Making progress to Building momentum",
        "### Gather evidence first",
    ]
    for priority in cycle.recommendation.priorities:
        assert all(f"- {sentence(r.text)}" in steps for r in priority.reasons if r.kind != "gap")
        assert not any(r.text in steps for r in priority.reasons if r.kind == "gap")
        assert all(f"1. **{step.descriptor}** {step.text}" in steps for step in priority.steps)
    plan = _section(report, "## Development plan (draft)")
    assert plan.strip().startswith(cycle.plan.note)
    assert [line for line in plan.splitlines() if line.startswith("### ")] == [
        "### Priority 1: Family and community engagement",
        "### Priority 2: Using pupil voice",
    ]


def test_progress_is_shown_only_across_several_self_evaluations() -> None:
    """With two self-evaluations a table gives each aspect at each date, stalled ones marked; with one, no section."""
    progress = _section(markdown_report(FRAMEWORK, school_cycle()), "## Progress over time")
    assert "| Aspect | 2026-03-01 | 2026-11-01 |" in progress
    assert "| Using pupil voice | no stage yet | Making progress |" in progress
    assert "| Family and community engagement (stalled) | Starting the journey | Starting the journey |" in progress
    assert "| Strategic vision | not enough evidence | not enough evidence |" in progress
    assert "## Progress over time" not in markdown_report(FRAMEWORK, one_review_cycle())


def test_a_note_is_shown_under_the_title() -> None:
    """A note given (the demo's "fictional school") is shown in italics under the title; none by default."""
    noted = markdown_report(FRAMEWORK, school_cycle(), note="A fictional school.")
    assert noted.splitlines()[:3] == ["# Self-evaluation report: example-school", "", "*A fictional school.*"]
    assert "*A fictional school.*" not in markdown_report(FRAMEWORK, school_cycle())


def test_in_welsh_the_stages_are_named_in_welsh_and_the_fallback_is_said() -> None:
    """With language="cy" every stage name is Welsh, and the report says everything else stays English."""
    welsh = markdown_report(FRAMEWORK, school_cycle(), language="cy")
    assert "| Using pupil voice | gwneud cynnydd | adeiladu momentwm. Pupil panels now shape every plan. |" in welsh
    assert "| Family and community engagement | dechrau'r daith | not given | gwneud cynnydd |" in welsh
    assert "| Using pupil voice | no stage yet | gwneud cynnydd |" in welsh
    assert (
        "*Welsh is shown where a Welsh source gives it: the names of the stages, from Estyn. Everything else is in "
        "English, as no Welsh source gives it.*"
    ) in welsh
    english = markdown_report(FRAMEWORK, school_cycle())
    assert "gwneud cynnydd" not in english
    assert "Welsh is shown" not in english


@pytest.mark.parametrize(
    ("parts", "title"),
    [
        ({"rollup"}, "# Across the schools: roll-up"),
        ({"collaboration"}, "# Across the schools: collaboration"),
        ({"rollup", "collaboration"}, "# Across the schools: roll-up and collaboration"),
    ],
)
def test_the_authority_report_holds_what_it_is_given(parts: set[str], title: str) -> None:
    """The title says what the report holds; the caution fits it; the attribution is always there, a part if given."""
    rollup = example_rollup() if "rollup" in parts else None
    collaboration = example_collaboration() if "collaboration" in parts else None
    report = markdown_authority_report(FRAMEWORK, rollup=rollup, collaboration=collaboration)
    assert report.splitlines()[0] == title
    assert report.splitlines()[2] == authority_caution(rollup, collaboration)
    assert ("## Stages across schools" in report) == ("rollup" in parts)
    assert ("## Collaboration" in report) == ("collaboration" in parts)
    assert report.endswith(f"\n---\n\n{FRAMEWORK.provenance.attribution}\n")


def test_the_roll_up_counts_every_group_aspect_by_aspect() -> None:
    """Each group has a heading with its size, a row of counts per aspect, and its priorities with their rules."""
    rollup = example_rollup()
    report = markdown_authority_report(FRAMEWORK, rollup=rollup)
    header = (
        "| Aspect | No stage yet | Starting the journey | Making progress | Building momentum | "
        "Sustaining high standards | Not enough evidence | Not applicable | Descriptors rated |\n"
    )
    assert report.count(header) == 1 + len(rollup.groups)
    for group in (rollup.overall, *rollup.groups):
        title = f"{group.group[:1].upper()}{group.group[1:]} ({len(group.schools)} schools)"
        section = report.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]
        assert f"**Schools at each stage in each aspect: {title}**" in section
        for spread in group.spreads:
            counts = " | ".join(str(count.schools) for count in spread.stages)
            named = f"{FRAMEWORK.aspect(spread.aspect).title.en} ({spread.aspect})"
            assert spread.coverage is not None
            assert (
                f"| {named} | {spread.no_stage_yet} | {counts} | {spread.not_enough_evidence} | "
                f"{spread.not_applicable} | {spread.coverage:.0%} |\n"
            ) in section
        for priority in group.system_priorities:
            title = FRAMEWORK.aspect(priority.aspect).title.en
            rules = " and ".join(SYSTEM_PRIORITY_RULES[rule] for rule in priority.rules)
            why = priority.explanation.removeprefix(f"{title}: ")
            assert f"| {title} ({priority.aspect}) | {rules} | {why} |\n" in section
        assert all(
            f"- {step.descriptor} ({FRAMEWORK.aspect(step.aspect).title.en}; " in section for step in group.shared_steps
        )
    assert [group.group for group in rollup.groups] == ["Example Authority 1", "Example Authority 2"]


def test_the_collaboration_leads_with_who_supports_whom_then_why() -> None:
    """The total, a row per supporting school with each school it supports and in what, then why each, in order."""
    collaboration = example_collaboration()
    report = markdown_authority_report(FRAMEWORK, collaboration=collaboration)
    assert (
        f"{len(collaboration.partnerships)} partnerships, with a total benefit of {collaboration.total_benefit}, "
        "the greatest the options allow."
    ) in report
    section = report.split("\n## Collaboration\n", 1)[1].split("\n## ", 1)[0]
    table, why = section.split("\n### Why each partnership\n", 1)
    rows = [line.strip("| ").split(" | ") for line in table.splitlines() if line.startswith("| fictional-")]
    assert [row[0] for row in rows] == sorted({p.supporter for p in collaboration.partnerships})
    pairs = [(row[0], *each.split(", in ", 1)) for row in rows for each in row[1].split("; ")]
    assert sorted(pairs) == sorted(
        (p.supporter, p.partner, f"{FRAMEWORK.aspect(p.aspect).title.en} ({p.aspect})")
        for p in collaboration.partnerships
    )
    explained = [line.removeprefix("- ") for line in why.splitlines() if line.startswith("- ")]
    assert [item.split(" supports ")[0] for item in explained] == [pair[0] for pair in pairs]
    assert len(explained) == 30


def test_the_authority_report_in_welsh_names_the_stages_in_welsh() -> None:
    """With language="cy" the roll-up's columns carry the Welsh stage names, and the report says so."""
    report = markdown_authority_report(FRAMEWORK, rollup=example_rollup(), language="cy")
    assert (
        "| Aspect | No stage yet | dechrau'r daith | gwneud cynnydd | adeiladu momentwm | cynnal safonau uchel | "
        "Not enough evidence | Not applicable | Descriptors rated |\n"
    ) in report
    assert "*Welsh is shown where a Welsh source gives it" in report
    assert "Making progress" not in report.split("## Stages across schools", 1)[1].split("**System-level")[0]
