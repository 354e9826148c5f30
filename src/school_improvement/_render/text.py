"""Plain-text renderings of the results, for a terminal."""

import textwrap

from school_improvement._assessment.assess import StageProfile
from school_improvement._assessment.progress import ProgressReport
from school_improvement._assessment.quality import Finding
from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import AspectSpread, Rollup
from school_improvement._content.framework import Framework
from school_improvement._planning.gaps import GapAnalysis
from school_improvement._planning.next_steps import Recommendation
from school_improvement._planning.plan import DevelopmentPlan
from school_improvement._stage import Stage


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, 100, initial_indent=indent, subsequent_indent=indent)


def _stage(framework: Framework, stage: Stage | None) -> str:
    return framework.stage_name(stage).en if stage is not None else "no stage yet"


def render_profile(framework: Framework, profile: StageProfile, findings: tuple[Finding, ...] = ()) -> str:
    """A stage profile, aspect by aspect, with each rationale and the evidence findings."""
    lines = [
        f"Stage profile: {profile.school}, {profile.date} ({profile.framework_edition})",
        f"Rule: {profile.rule.name} ({profile.rule.criterion}). Stages are developmental, not grades.",
        "",
    ]
    for judgement in profile.judgements:
        title = framework.aspect(judgement.aspect).title.en
        shown = "not enough evidence" if judgement.shortfall else _stage(framework, judgement.stage)
        lines.append(f"{judgement.aspect}  {title}: {shown}")
        lines.append(_wrap(judgement.rationale))
        own = judgement.professional_judgement
        if own is not None:
            lines.append(_wrap(f"The school's own judgement: {_stage(framework, own.stage)}. {own.rationale}"))
    if findings:
        lines += ["", "Evidence checks:"]
        lines += [_wrap(f"[{finding.severity.value}] {finding.message}", "  ") for finding in findings]
    return "\n".join(lines)


def render_gaps(gaps: GapAnalysis) -> str:
    """The gaps, open ones first, each explained."""
    lines = [f"Gaps to targets: {gaps.school}, {gaps.date} (met means rated at least '{gaps.threshold.value}')", ""]
    for gap in gaps.gaps:
        progress = "" if gap.progress is None else f", progress {gap.progress:.0%}"
        lines.append(f"{gap.aspect}  {gap.status.value}{progress}")
        lines.append(_wrap(gap.explanation))
    return "\n".join(lines)


def render_recommendation(framework: Framework, advice: Recommendation) -> str:
    """The recommended priorities and their next steps, with reasons."""
    lines = [f"Next steps: {advice.school}, {advice.date}", ""]
    for priority in advice.priorities:
        title = framework.aspect(priority.aspect).title.en
        target = framework.stage_name(priority.target).en
        lines.append(f"{priority.rank}. {title} (towards {target}; score {priority.score:g})")
        lines += [_wrap(reason.text) for reason in priority.reasons]
        for step in priority.steps:
            lines.append(f"   - {step.descriptor}: {step.text.splitlines()[0]}")
    if advice.not_chosen:
        lines += ["", f"Also open, left out to keep priorities few: {', '.join(advice.not_chosen)}"]
    return "\n".join(lines)


def render_plan(plan: DevelopmentPlan) -> str:
    """The development plan draft, with the fields left for the school."""
    lines = [
        f"School development plan (draft): {plan.school}, after the self-evaluation of {plan.self_evaluation_date}"
    ]
    lines += [_wrap(plan.note, ""), ""]
    for number, priority in enumerate(plan.priorities, start=1):
        lines.append(f"Priority {number}: {priority.objective}")
        lines.append("  Actions:")
        lines += [f"   - {action.descriptor}: {action.text.splitlines()[0]}" for action in priority.actions]
        lines.append("  Success criteria:")
        lines += [
            f"   - {criterion.descriptor}: {criterion.text.splitlines()[0]}" for criterion in priority.success_criteria
        ]
        if priority.national_priorities:
            lines.append(f"  National priorities: {', '.join(priority.national_priorities)}")
        lines.append(f"  Owner: {priority.owner or '(to decide)'}; review points: (to decide)")
        lines.append("")
    return "\n".join(lines).rstrip()


def render_progress(framework: Framework, report: ProgressReport) -> str:
    """Each aspect's stages over time, its movements, and the stalled aspects."""
    dates = ", ".join(str(date) for date in report.dates)
    lines = [f"Progress: {report.school}, self-evaluations of {dates} (rule: {report.rule})", ""]
    for progress in report.aspects:
        stages = " -> ".join(_stage(framework, stage) for stage in progress.stages)
        moves = ", ".join(t.movement.value for t in progress.transitions) or "first review"
        stalled = "  STALLED" if progress.stalled else ""
        lines.append(f"{progress.aspect}  {stages}  ({moves}){stalled}")
    if report.stalled:
        lines += ["", f"Stalled over the last {report.stalled_after} reviews: {', '.join(report.stalled)}"]
    return "\n".join(lines)


def _spread_line(spread: AspectSpread) -> str:
    counts = " ".join(f"{count.stage.position}:{count.schools}" for count in spread.stages)
    mean = "" if spread.mean_position is None else f"  mean position {spread.mean_position:.2f}"
    return (
        f"{spread.aspect}  none yet:{spread.no_stage_yet} {counts}  not enough evidence:{spread.not_enough_evidence}"
        f"{mean}"
    )


def render_rollup(framework: Framework, rollup: Rollup) -> str:
    """A roll-up: the spread of stages in each aspect, the system-level priorities and the shared next steps."""
    lines = [
        (
            f"Roll-up of {len(rollup.overall.schools)} schools ({rollup.framework_edition}). Counts, not grades: "
            f"stages 1 to 4 are {', '.join(framework.stage_name(stage).en for stage in Stage)}."
        ),
    ]
    if rollup.without_self_evaluation:
        lines.append(f"Not counted, with no self-evaluation: {', '.join(rollup.without_self_evaluation)}.")
    for group in (rollup.overall, *rollup.groups):
        lines += ["", f"{group.group} ({len(group.schools)} schools)"]
        lines += [f"  {_spread_line(spread)}" for spread in group.spreads]
        if group.system_priorities:
            lines.append("  System-level priorities:")
            lines += [_wrap(p.explanation) for p in group.system_priorities]
        if group.shared_steps:
            lines.append("  Shared next steps:")
            lines += [_wrap(f"{s.descriptor} ({s.schools} schools): {s.text}") for s in group.shared_steps]
    return "\n".join(lines)


def render_collaboration(collaboration: Collaboration) -> str:
    """The partnerships, each with its explanation, then the schools left without a partner and why."""
    lines = [
        (
            f"{len(collaboration.partnerships)} partnerships, total benefit {collaboration.total_benefit} "
            f"({collaboration.framework_edition})."
        ),
        "",
    ]
    for partnership in collaboration.partnerships:
        lines.append(f"{partnership.supporter} -> {partnership.partner}  {partnership.aspect}  +{partnership.benefit}")
        lines.append(_wrap(partnership.explanation))
    if collaboration.unmatched:
        lines += ["", "Without a partner:"]
        lines += [_wrap(f"{u.school} [{u.reason.value}] {u.explanation}", "  ") for u in collaboration.unmatched]
    return "\n".join(lines)
