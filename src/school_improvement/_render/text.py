"""Plain-text renderings of the results, for a terminal."""

import textwrap
from collections.abc import Iterable, Sequence

from school_improvement._assessment.assess import StageProfile
from school_improvement._assessment.progress import Movement, ProgressReport
from school_improvement._assessment.quality import Finding
from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import AspectSpread, Rollup
from school_improvement._authority.schools import School
from school_improvement._authority.survey import Survey
from school_improvement._content.framework import Framework
from school_improvement._content.loading import load_framework
from school_improvement._planning.choices import PriorityNotice
from school_improvement._planning.discussion import DiscussionRecord
from school_improvement._planning.gaps import GapAnalysis
from school_improvement._planning.next_steps import EvidenceToGather, Recommendation
from school_improvement._planning.plan import DevelopmentPlan
from school_improvement._planning.review import PlanReview
from school_improvement._render.authority import (
    Names,
    Notices,
    aspect_named,
    group_title,
    own_priorities,
    rule_said,
    schools_surveyed,
    shared_steps,
    support_needed,
    system_priorities,
    unused_offers,
)
from school_improvement._render.discussions import discussion_document
from school_improvement._render.document import Block, Bullets, Document, Facts, Paragraph, Section, plain
from school_improvement._render.plans import plan_document, review_document
from school_improvement._render.wording import (
    BASES,
    NOTICED,
    NOTICED_NOT_CHANGED,
    Wording,
    also_open,
    joined,
    notice_words,
)
from school_improvement._stage import Stage


def _wrap(text: str, indent: str = "    ", then: str | None = None) -> str:
    return textwrap.fill(text, 100, initial_indent=indent, subsequent_indent=indent if then is None else then)


def _text_block(block: Block, indent: str) -> list[str]:
    if isinstance(block, Section):
        return ["", f"{indent}{block.title}", *_text_blocks(block.blocks, indent + "  ")]
    if isinstance(block, Paragraph):
        return [_wrap(plain(block.text), indent)]
    if isinstance(block, Facts):
        return [_wrap(f"{label}: {plain(value)}", indent, indent + "    ") for label, value in block.items]
    if isinstance(block, Bullets):
        caption, inner = ([f"{indent}{block.caption}:"], indent + "  ") if block.caption else ([], indent)
        return caption + [_wrap(f"- {plain(item)}", inner, inner + "  ") for item in block.items]
    lines = [f"{indent}{block.caption}:"]
    for row in block.rows:
        lines.append(_wrap("  ".join(plain(cell) for cell in row[: block.key]), indent + "  ", indent + "    "))
        details = joined(
            f"{header}: {plain(cell)}"
            for header, cell in zip(block.headers[block.key :], row[block.key :], strict=True)
        )
        lines += [_wrap(details, indent + "      ")] if details else []
    return lines


def _text_blocks(blocks: tuple[Block, ...], indent: str) -> list[str]:
    """Blocks as lines for a terminal: a section's heading, its content indented under it, a blank line after."""
    lines: list[str] = []
    for before, block in zip((None, *blocks), blocks, strict=False):  # the one before each block
        if isinstance(before, Section) and not isinstance(block, Section):
            lines.append("")
        lines += _text_block(block, indent)
    return lines


def _text_document(document: Document) -> str:
    lines = [document.title, *(_wrap(note, "") for note in document.notes), _wrap(document.caution, "")]
    for block in document.blocks:  # a blank line between the document's own blocks
        lines += _text_block(block, "") if isinstance(block, Section) else ["", *_text_block(block, "")]
    return "\n".join(lines)


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


def render_recommendation(framework: Framework, advice: Recommendation, notices: Sequence[PriorityNotice] = ()) -> str:
    """The priorities and their next steps, with reasons, and what is noticed about the school's own choice.

    Args:
        framework: The framework edition.
        advice: The priorities: the school's own, or those the library recommends.
        notices: What the library notices about the school's chosen
            priorities (a cycle's ``notices``), listed as noticed, not changed.
    """
    lines = [f"Next steps: {advice.school}, {advice.date}", ""]
    for priority in advice.priorities:
        title = framework.aspect(priority.aspect).title.en
        target = framework.stage_name(priority.target).en
        ranked = "chosen by the school" if priority.chosen is not None else f"score {priority.score:g}"
        lines.append(f"{priority.rank}. {title} (towards {target}; {ranked})")
        lines += [_wrap(reason.text) for reason in priority.reasons]
        for step in priority.steps:
            lines.append(f"   - {step.descriptor}: {step.text.splitlines()[0]}")
    if not advice.priorities:
        lines.append("No open gap to a target, so no priority to recommend.")
    if notices:
        lines += ["", f"{NOTICED}:", _wrap(NOTICED_NOT_CHANGED, "  ")]
        lines += [_wrap(f"- {notice_words(notice)}", "  ", "    ") for notice in notices]
    if advice.not_chosen:
        lines += ["", also_open(advice)]
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


def render_plan(plan: DevelopmentPlan, framework: Framework | None = None, *, drafted: bool | None = None) -> str:
    """A development plan, a draft or the school's own: each priority with its facts, actions and criteria.

    Every action shows its owner, dates and status, every success criterion
    its status; what the school has not decided yet is shown as "to decide".

    Args:
        plan: The plan.
        framework: The edition the plan rests on; by default the bundled one.
        drafted: Whether to show it as a draft; by default, when its note is still the draft's.

    Raises:
        UnknownCodeError: If the plan names an aspect or national priority the edition does not have.
    """
    wording = Wording(framework or load_framework())
    return _text_document(plan_document(wording, plan, drafted=plan.drafted if drafted is None else drafted))


def render_review(framework: Framework, review: PlanReview) -> str:
    """A plan review: each target's standing and why, the actions due and overdue, what changed, every item."""
    return _text_document(review_document(Wording(framework), review))


def render_discussion(framework: Framework, record: DiscussionRecord, profile: StageProfile | None = None) -> str:
    """A professional discussion: who took part, the priorities agreed, both views of each aspect side by side.

    Each difference between the school's view and the local authority's is
    listed and explained; neither overwrites the other. With the school's
    ``profile``, the stage the evidence gives is shown beside them.
    """
    return _text_document(discussion_document(Wording(framework), record, profile))


MOVEMENTS = {
    Movement.UP: "moved up",
    Movement.STEADY: "held steady",
    Movement.DOWN: "moved down",
    Movement.UNKNOWN: "cannot tell: not judged at both",
    Movement.NOT_APPLICABLE: "does not apply",
}
"""How an aspect's stage moved between two self-evaluations, in words."""


def render_progress(framework: Framework, report: ProgressReport) -> str:
    """Each aspect's stages over time, its movements, and the stalled aspects."""
    dates = ", ".join(str(date) for date in report.dates)
    lines = [f"Progress: {report.school}, self-evaluations of {dates} (rule: {report.rule})", ""]
    wording = Wording(framework)
    for progress in report.aspects:
        stages = " -> ".join(
            wording.judged(status, stage) for status, stage in zip(progress.statuses, progress.stages, strict=True)
        )
        moves = ", ".join(MOVEMENTS[t.movement] for t in progress.transitions) or "first review"
        stalled = "; stalled" if progress.stalled else ""
        lines.append(f"{aspect_named(wording, progress.aspect)}: {stages} ({moves}{stalled})")
    if report.stalled:
        named = "; ".join(aspect_named(wording, code) for code in report.stalled)
        lines += ["", f"Stalled over the last {report.stalled_after} reviews: {named}"]
    return "\n".join(lines)


def _spread_line(wording: Wording, spread: AspectSpread) -> str:
    counts = " ".join(f"{count.stage.position}:{count.schools}" for count in spread.stages)
    mean = "" if spread.mean_position is None else f"  mean position {spread.mean_position:.2f}"
    applies = f"  not applicable:{spread.not_applicable}" if spread.not_applicable else ""
    unrated = f"  held back by unrated:{spread.held_back_by_unrated}" if spread.held_back_by_unrated else ""
    coverage = "" if spread.coverage is None else f"  rated:{spread.coverage:.0%}"
    return _wrap(
        f"{aspect_named(wording, spread.aspect)}: none yet:{spread.no_stage_yet} {counts}  not enough evidence:"
        f"{spread.not_enough_evidence}{applies}{unrated}{coverage}{mean}",
        "  ",
        "      ",
    )


def _names(survey: Survey | None, schools: Iterable[School]) -> Names:
    """The schools' names from the register and the survey; none without either."""
    return Names.of([*schools, *(() if survey is None else (item.school for item in survey.snapshots))])


def render_rollup(
    framework: Framework,
    rollup: Rollup,
    notices: Notices | None = None,
    *,
    survey: Survey | None = None,
    schools: Iterable[School] = (),
) -> str:
    """A roll-up: the spread of stages in each aspect, the system-level priorities and the shared next steps.

    Each group also says how many schools set their own priorities and how
    many are on the defaults, the rule that made each system-level priority,
    and the support asked for by source and aspect; each school is then
    listed with its self-evaluation and where its priorities come from, and,
    with ``notices`` (each snapshot's, by reference), what the library
    notices about its chosen priorities: noticed, not changed. Each aspect is
    named, its code beside it.

    Args:
        framework: The framework edition.
        rollup: The roll-up.
        notices: What the library notices about each school's chosen priorities, by reference.
        survey: The survey the roll-up was made from: the schools' names, and the rule.
        schools: The register, for the names of schools with no self-evaluation.
    """
    wording = Wording(framework)
    names = _names(survey, schools)
    lines = [
        (
            f"Roll-up of {len(rollup.overall.schools)} schools ({rollup.framework_edition}). Counts, not grades: "
            f"stages 1 to 4 are {', '.join(framework.stage_name(stage).en for stage in Stage)}."
        ),
    ]
    ages = Wording.ages(rollup.ages, rollup.as_of, rollup.max_age_days, names)
    if ages:
        lines.append(ages)
    if survey is not None and survey.snapshots:
        lines.append(_wrap(f"The stages are {rule_said(survey)}.", ""))
    if rollup.without_self_evaluation:
        without = ", ".join(names(ref) for ref in rollup.without_self_evaluation)
        lines.append(f"Not counted, with no self-evaluation: {without}.")
    for group in (rollup.overall, *rollup.groups):
        lines += ["", group_title(group)]
        lines += [_spread_line(wording, spread) for spread in group.spreads]
        lines += _text_blocks((own_priorities(group, rollup.bases), system_priorities(wording, group)), "  ")
        lines += _text_block(shared_steps(wording, group), "  ")
        lines += _text_blocks(support_needed(wording, group, names), "  ")
    surveyed = schools_surveyed(rollup.ages, rollup.bases, rollup.max_age_days, notices, names)
    lines += [] if surveyed is None else _text_block(surveyed, "")
    return "\n".join(lines)


def render_collaboration(
    collaboration: Collaboration,
    notices: Notices | None = None,
    *,
    framework: Framework | None = None,
    survey: Survey | None = None,
    schools: Iterable[School] = (),
) -> str:
    """The partnerships with why, the schools without a partner, the offers not used, and each school's basis.

    Each partnership says where its partner's priorities come from; each
    school is listed with its self-evaluation and where its priorities come
    from (agreed, its plan, or the defaults), and, with ``notices`` (each
    snapshot's, by reference), what the library notices about its chosen
    priorities: noticed, not changed.

    Args:
        collaboration: The partnerships.
        notices: What the library notices about each school's chosen priorities, by reference.
        framework: The framework edition, to name each aspect beside its code.
        survey: The survey the partnerships were made from: the schools' names, and the rule.
        schools: The register, for the names of schools with no self-evaluation.
    """
    names = _names(survey, schools)
    wording = None if framework is None else Wording(framework)
    lines = [
        (
            f"{len(collaboration.partnerships)} partnerships, total benefit {collaboration.total_benefit} "
            f"({collaboration.framework_edition})."
        ),
    ]
    ages = Wording.ages(collaboration.ages, collaboration.as_of, collaboration.max_age_days, names)
    lines += [ages] if ages else []
    lines += [_wrap(f"The stages are {rule_said(survey)}.", "")] if survey is not None and survey.snapshots else []
    lines.append("")
    for partnership in collaboration.partnerships:
        aspect = partnership.aspect if wording is None else aspect_named(wording, partnership.aspect)
        shown = f"{names(partnership.supporter)} -> {names(partnership.partner)}  {aspect}  +{partnership.benefit}"
        lines.append(_wrap(shown, "", "    "))
        lines.append(_wrap(f"The partner's priorities: {BASES[partnership.priority_basis]}."))
        lines.append(_wrap(partnership.explanation))
    if collaboration.unmatched:
        lines += ["", "Without a partner:"]
        lines += [_wrap(f"{names(u.school)} [{u.reason.value}] {u.explanation}", "  ") for u in collaboration.unmatched]
    lines += _text_block(unused_offers(collaboration, wording, names), "")
    surveyed = schools_surveyed(collaboration.ages, collaboration.bases, collaboration.max_age_days, notices, names)
    lines += [] if surveyed is None else _text_block(surveyed, "")
    return "\n".join(lines)
