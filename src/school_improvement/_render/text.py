"""Plain-text renderings of the results, for a terminal."""

import textwrap

from school_improvement._assessment.assess import StageProfile
from school_improvement._assessment.progress import ProgressReport
from school_improvement._assessment.quality import Finding
from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import AspectSpread, Rollup
from school_improvement._content.framework import Framework
from school_improvement._planning.gaps import GapAnalysis
from school_improvement._planning.next_steps import EvidenceToGather, Recommendation
from school_improvement._planning.plan import DevelopmentPlan
from school_improvement._render.wording import Wording
from school_improvement._stage import Stage


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, 100, initial_indent=indent, subsequent_indent=indent)


def render_profile(framework: Framework, profile: StageProfile, findings: tuple[Finding, ...] = ()) -> str:
    """A stage profile, aspect by aspect, with each rationale and the evidence findings."""
    wording = Wording(framework)
    lines = [
        f"Stage profile: {profile.school}, {profile.date} ({profile.framework_edition})",
        f"Stages {wording.rule(profile.rule)}. Stages are developmental, not grades.",
        "",
    ]
    for judgement in profile.judgements:
        title = framework.aspect(judgement.aspect).title.en
        lines.append(f"{judgement.aspect}  {title}: {wording.judged(judgement.status, judgement.stage)}")
        lines.append(_wrap(judgement.rationale))
        own = judgement.professional_judgement
        if own is not None:
            lines.append(_wrap(f"The school's own judgement: {wording.stage(own.stage)}. {own.rationale}"))
    if findings:
        lines += ["", "Evidence checks:"]
        lines += [_wrap(f"[{finding.severity.value}] {finding.message}", "  ") for finding in findings]
    return "\n".join(lines)


def render_gaps(gaps: GapAnalysis) -> str:
    """The gaps, open ones first, each explained."""
    lines = [f"Gaps to targets: {gaps.school}, {gaps.date} (met means rated at least '{gaps.threshold.value}')"]
    if gaps.rule.comparison_only:
        lines.append(f"Stages {Wording.rule(gaps.rule)}.")
    lines.append("")
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
    if not advice.priorities:
        lines.append("No open gap to a target, so no priority to recommend.")
    if advice.not_chosen:
        lines += ["", f"Also open, left out to keep priorities few: {', '.join(advice.not_chosen)}"]
    lines += _gather_evidence(framework, advice.gather_evidence)
    return "\n".join(lines)


def _gather_evidence(framework: Framework, aspects: tuple[EvidenceToGather, ...]) -> list[str]:
    if not aspects:
        return []
    lines = ["", "Gather evidence first, to judge these aspects at all:"]
    for item in aspects:
        lines.append(f"  - {item.aspect}  {framework.aspect(item.aspect).title.en}")
        lines += [_wrap(reason.text, "      ") for reason in item.reasons]
    return lines


def render_plan(plan: DevelopmentPlan, framework: Framework | None = None) -> str:
    """The development plan draft, with the fields left for the school, and the evidence to gather first."""
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
        if priority.national_priority:
            lines.append(f"  National priority: {priority.national_priority}")
        lines.append(f"  Lead: {priority.lead or '(to decide)'}; review points: (to decide)")
        lines.append("")
    if plan.evidence_to_gather:
        lines.append("Before planning for them, gather evidence on:")
        for item in plan.evidence_to_gather:
            title = f"  {framework.aspect(item.aspect).title.en}" if framework is not None else ""
            lines.append(f"   - {item.aspect}{title}: {item.shortfall}")
    return "\n".join(lines).rstrip()


def render_progress(framework: Framework, report: ProgressReport) -> str:
    """Each aspect's stages over time, its movements, and the stalled aspects."""
    dates = ", ".join(str(date) for date in report.dates)
    lines = [f"Progress: {report.school}, self-evaluations of {dates} (rule: {report.rule})", ""]
    wording = Wording(framework)
    for progress in report.aspects:
        stages = " -> ".join(
            wording.judged(status, stage) for status, stage in zip(progress.statuses, progress.stages, strict=True)
        )
        moves = ", ".join(t.movement.value for t in progress.transitions) or "first review"
        stalled = "  STALLED" if progress.stalled else ""
        lines.append(f"{progress.aspect}  {stages}  ({moves}){stalled}")
    if report.stalled:
        lines += ["", f"Stalled over the last {report.stalled_after} reviews: {', '.join(report.stalled)}"]
    return "\n".join(lines)


def _spread_line(spread: AspectSpread) -> str:
    counts = " ".join(f"{count.stage.position}:{count.schools}" for count in spread.stages)
    mean = "" if spread.mean_position is None else f"  mean position {spread.mean_position:.2f}"
    applies = f"  not applicable:{spread.not_applicable}" if spread.not_applicable else ""
    unrated = f"  held back by unrated:{spread.held_back_by_unrated}" if spread.held_back_by_unrated else ""
    coverage = "" if spread.coverage is None else f"  rated:{spread.coverage:.0%}"
    return (
        f"{spread.aspect}  none yet:{spread.no_stage_yet} {counts}  not enough evidence:{spread.not_enough_evidence}"
        f"{applies}{unrated}{coverage}{mean}"
    )


def render_rollup(framework: Framework, rollup: Rollup) -> str:
    """A roll-up: the spread of stages in each aspect, the system-level priorities and the shared next steps."""
    lines = [
        (
            f"Roll-up of {len(rollup.overall.schools)} schools ({rollup.framework_edition}). Counts, not grades: "
            f"stages 1 to 4 are {', '.join(framework.stage_name(stage).en for stage in Stage)}."
        ),
    ]
    ages = Wording.ages(rollup.ages, rollup.as_of, rollup.max_age_days)
    if ages:
        lines.append(ages)
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
    ]
    ages = Wording.ages(collaboration.ages, collaboration.as_of, collaboration.max_age_days)
    lines += [ages, ""] if ages else [""]
    for partnership in collaboration.partnerships:
        lines.append(f"{partnership.supporter} -> {partnership.partner}  {partnership.aspect}  +{partnership.benefit}")
        lines.append(_wrap(partnership.explanation))
    if collaboration.unmatched:
        lines += ["", "Without a partner:"]
        lines += [_wrap(f"{u.school} [{u.reason.value}] {u.explanation}", "  ") for u in collaboration.unmatched]
    return "\n".join(lines)
