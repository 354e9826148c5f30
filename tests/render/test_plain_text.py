"""The plain-text renderings for a terminal, rendered directly from the cycle and from the example authority."""

from helpers import FRAMEWORK, LOCAL_AUTHORITY
from reports import example_collaboration, example_rollup, example_survey, one_review_cycle, school_cycle
from school_improvement import Stage, read_school_register, recommend
from school_improvement._render.overview import overview
from school_improvement._render.text import (
    render_collaboration,
    render_gaps,
    render_plan,
    render_profile,
    render_progress,
    render_recommendation,
    render_rollup,
)


def test_the_profile_names_each_aspects_stage_with_its_reasons_and_the_findings() -> None:
    """Each aspect has a line with its stage (or "not enough evidence"), then the rationale; findings come last."""
    cycle = school_cycle()
    text = render_profile(FRAMEWORK, cycle.profile, cycle.findings)
    lines = text.splitlines()
    assert lines[0] == f"Stage profile: example-school, 2026-11-01 ({FRAMEWORK.edition_id})"
    assert lines[1] == (
        "Stages judged by the cumulative rule (every applicable descriptor rated at least 'mostly' at that stage and "
        "at every stage below it). Stages are developmental, not grades."
    )
    assert "PV  Using pupil voice: Making progress" in lines
    assert "FC  Family and community engagement: Starting the journey" in lines
    assert "SV  Strategic vision: not enough evidence" in lines
    assert "    The school's own judgement: Building momentum. Pupil panels now shape every plan." in lines
    assert lines[lines.index("Evidence checks:") :] == [
        "Evidence checks:",
        "  [info] No rating rests on evidence in 8 of the 10 aspects (SV, LA, LC, LW, TA, CU, SE, PL): gather",
        "  evidence there before their stages can be judged.",
        "  [warning] LW.1.1 is rated 'fully' with no evidence; it counts as not rated.",
    ]
    assert "Evidence checks:" not in render_profile(FRAMEWORK, cycle.profile)


def test_the_gaps_say_what_met_means_and_give_each_aspects_status() -> None:
    """The heading gives the threshold; each aspect's status and progress follow, open gaps first."""
    text = render_gaps(school_cycle().gaps)
    lines = text.splitlines()
    assert lines[0] == "Gaps to targets: example-school, 2026-11-01 (met means rated at least 'mostly')"
    statuses = [line for line in lines if line[:2].isupper() and line[2:4] == "  "]
    assert statuses[:3] == ["FC  open, progress 67%", "PV  open, progress 67%", "SV  no-target"]
    assert len(statuses) == len(FRAMEWORK.aspects)


def test_the_recommendation_ranks_the_priorities_with_their_steps() -> None:
    """Each priority gives its rank, target and score, then its steps; aspects left out are named, then evidence."""
    cycle = school_cycle()
    first, second = cycle.recommendation.priorities
    text = render_recommendation(FRAMEWORK, cycle.recommendation)
    lines = text.splitlines()
    assert lines[0] == "Next steps: example-school, 2026-11-01"
    assert f"1. Family and community engagement (towards Making progress; score {first.score:g})" in lines
    assert f"2. Using pupil voice (towards Building momentum; score {second.score:g})" in lines
    assert "   - PV.3.1: Pupil voice is influential and an established part of school improvement processes." in lines
    assert "Also open" not in text
    gather = text[text.index("\n\nGather evidence first, to judge these aspects at all:\n") :]
    assert [line for line in gather.splitlines() if line.startswith("  - ")] == [
        f"  - {item.aspect}  {FRAMEWORK.aspect(item.aspect).title.en}" for item in cycle.recommendation.gather_evidence
    ]
    assert len(cycle.recommendation.gather_evidence) == 8
    fewer = recommend(FRAMEWORK, cycle.gaps, findings=cycle.findings, max_priorities=1)
    assert render_recommendation(FRAMEWORK, fewer).endswith(
        "\n\nAlso open, left out to keep the priorities few: PV." + gather
    )


def test_the_plan_gives_each_priority_and_leaves_the_owner_to_the_school() -> None:
    """The plan names its self-evaluation, then each priority's objective, actions, criteria and what is to decide."""
    text = render_plan(school_cycle().plan)
    lines = text.splitlines()
    assert lines[0] == "School development plan (draft): example-school, after the self-evaluation of 2026-11-01"
    assert [line for line in lines if line.startswith("Priority ")] == [
        "Priority 1: Family and community engagement",
        "Priority 2: Using pupil voice",
    ]
    assert [line for line in lines if line.startswith("  Objective: ")] == [
        "  Objective: Family and community engagement: from Starting the journey to Making progress.",
        "  Objective: Using pupil voice: from Making progress to Building momentum.",
    ]
    assert [line for line in lines if line.startswith("  Identifier: ")] == ["  Identifier: P1", "  Identifier: P2"]
    assert lines.count("  Lead: to decide") == 2
    assert lines.count("  Milestones and review points: to decide") == 2
    assert lines[
        lines.index("    P2.A1  Pupil voice is influential and an established part of school improvement processes.")
        + 2
    ] == ("        Owner: to decide; Start: to decide; Due: to decide; Status: not started")


def test_progress_gives_each_aspects_stages_and_movements_and_the_stalled_ones() -> None:
    """Each aspect's stages over time, with how it moved; stalled aspects are marked and named at the end."""
    progress = school_cycle().progress
    assert progress is not None
    text = render_progress(FRAMEWORK, progress)
    lines = text.splitlines()
    assert lines[0] == "Progress: example-school, self-evaluations of 2026-03-01, 2026-11-01 (rule: cumulative)"
    assert "Using pupil voice (PV): no stage yet -> Making progress (moved up)" in lines
    assert (
        "Family and community engagement (FC): Starting the journey -> Starting the journey (held steady; stalled)"
    ) in lines
    assert lines[-1] == "Stalled over the last 2 reviews: Family and community engagement (FC)"
    assert one_review_cycle().progress is None


def test_the_rollup_counts_every_group_and_names_the_stages() -> None:
    """The roll-up says the counts are not grades, names the stages, and gives every group's counts per aspect."""
    rollup = example_rollup()
    text = render_rollup(FRAMEWORK, rollup)
    lines = text.splitlines()
    assert lines[0] == (
        f"Roll-up of 30 schools ({FRAMEWORK.edition_id}). Counts, not grades: stages 1 to 4 are Starting the "
        "journey, Making progress, Building momentum, Sustaining high standards."
    )
    assert lines[1] == "Self-evaluations dated 2026-10-16, aged at 2026-10-16. None is more than 365 days old."
    for group in (rollup.overall, *rollup.groups):
        title = f"{group.group[:1].upper()}{group.group[1:]} ({len(group.schools)} schools)"
        start = lines.index(title)
        flat = " ".join(" ".join(lines[start + 1 :]).split())
        for spread in group.spreads:
            counts = " ".join(f"{count.stage.position}:{count.schools}" for count in spread.stages)
            applies = f" not applicable:{spread.not_applicable}" if spread.not_applicable else ""
            unrated = f" held back by unrated:{spread.held_back_by_unrated}" if spread.held_back_by_unrated else ""
            assert spread.coverage is not None
            named = f"{FRAMEWORK.aspect(spread.aspect).title.en} ({spread.aspect})"
            assert (
                f"{named}: none yet:{spread.no_stage_yet} {counts} "
                f"not enough evidence:{spread.not_enough_evidence}{applies}{unrated} rated:{spread.coverage:.0%}"
            ) in flat
        assert lines[start + 1].startswith(f"  {FRAMEWORK.aspects[0].title.en} ({FRAMEWORK.aspects[0].code}): ")
    assert all(len(line) <= 100 for line in lines if line.startswith("  ") and ": none yet:" in line)
    assert lines.count("  System-level priorities:") == sum(
        1 for group in (rollup.overall, *rollup.groups) if group.system_priorities
    )


def test_the_text_reports_name_the_schools_and_the_rule_given_the_survey_and_the_register() -> None:
    """Given the survey and the register, as the command line gives them, schools are named and the rule is said."""
    surveyed = example_survey()
    register = read_school_register((LOCAL_AUTHORITY / "schools.csv").read_bytes())
    rollup = render_rollup(FRAMEWORK, example_rollup(), survey=surveyed, schools=register)
    assert rollup.splitlines()[2].startswith("The stages are judged by the cumulative rule (every applicable")
    assert "Example Primary School 2 Reference: fictional-00002; Self-evaluation: 2026-10-16" in " ".join(
        rollup.split()
    )
    matched = render_collaboration(example_collaboration(), framework=FRAMEWORK, survey=surveyed, schools=register)
    shown = [line for line in matched.splitlines() if " -> " in line and not line.startswith(" ")]
    assert len(shown) == len(example_collaboration().partnerships)
    assert all(line.startswith("Example ") for line in shown)
    assert "fictional-" not in matched.split("\nSchools surveyed\n", 1)[0]


def test_the_collaboration_lists_each_partnership_with_its_benefit() -> None:
    """The total first, then each partnership as supporter, partner, aspect and benefit."""
    collaboration = example_collaboration()
    lines = render_collaboration(collaboration).splitlines()
    assert lines[0] == f"30 partnerships, total benefit {collaboration.total_benefit} ({FRAMEWORK.edition_id})."
    shown = [line for line in lines if " -> " in line and not line.startswith(" ")]
    assert shown == [f"{p.supporter} -> {p.partner}  {p.aspect}  +{p.benefit}" for p in collaboration.partnerships]


def test_the_overview_lists_the_stages_and_aspects_and_ends_with_the_attribution() -> None:
    """The overview names the edition, the four stages in order and each aspect with its cell sizes."""
    text = overview(FRAMEWORK)
    lines = text.splitlines()
    assert lines[0] == f"School improvement journeys ({FRAMEWORK.edition_id})"
    assert lines[2:7] == [
        "Stages (developmental, not grades):",
        *(f"  {stage.position}. {FRAMEWORK.stage_name(stage).en}" for stage in Stage),
    ]
    assert "  PV  Using pupil voice  [1/1/1/1]" in lines
    assert "  FC  Family and community engagement  [2/1/1/1]" in lines
    assert text.endswith(FRAMEWORK.provenance.attribution)


def test_the_overview_in_welsh_marks_what_falls_back_to_english() -> None:
    """In Welsh the stages are Welsh, and English shown for want of a Welsh source is marked so."""
    lines = overview(FRAMEWORK, "cy").splitlines()
    assert lines[3:7] == [
        "  1. dechrau'r daith",
        "  2. gwneud cynnydd",
        "  3. adeiladu momentwm",
        "  4. cynnal safonau uchel",
    ]
    assert "  PV  Using pupil voice [English: no Welsh in the sources]  [1/1/1/1]" in lines
    assert "  1. Starting the journey" not in lines
