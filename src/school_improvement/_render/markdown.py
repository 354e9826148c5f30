"""Markdown reports: one school's improvement cycle, for a head teacher and governors; and across many schools."""

import re

from school_improvement._assessment.assess import StageProfile
from school_improvement._assessment.progress import ProgressReport
from school_improvement._content.framework import Framework
from school_improvement._planning.cycle import Cycle
from school_improvement._planning.discussion import DiscussionRecord
from school_improvement._planning.plan import DevelopmentPlan
from school_improvement._planning.review import PlanReview
from school_improvement._render.discussions import discussion_document
from school_improvement._render.document import Block, Bullets, Document, Facts, Inline, Paragraph, Section, plain
from school_improvement._render.plans import TARGETS_SAID, notices_section, open_gaps, plan_sections, summary_document
from school_improvement._render.school import (
    PRIORITIES_SAID,
    SEVERITIES,
    own_judgement_words,
    sentence,
    target_words,
    why,
)
from school_improvement._render.wording import SCHOOL_CAUTION, Wording, also_open, long_date
from school_improvement._text import Language

_MARKUP = re.compile(r"([\\`*_\[\]<>|#])")
"""The characters Markdown may read as markup (raw HTML among it), escaped wherever the words come from."""


def md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _profile(wording: Wording, cycle: Cycle) -> list[str]:
    judgements = cycle.profile.judgements
    owned = any(judgement.professional_judgement is not None for judgement in judgements)
    heads = ["Aspect", "Stage the evidence gives", *(["The school's own judgement"] if owned else []), "Target", "Why"]
    lines = [
        "## Stage profile",
        "",
        f"Each stage below is {wording.rule(cycle.profile.rule)}.",
        "",
        f"| {' | '.join(heads)} |",
        "|" + "---|" * len(heads),
    ]
    for judgement in judgements:
        gap = cycle.gaps.gap(judgement.aspect)
        cells: list[Inline] = [
            wording.framework.aspect(judgement.aspect).title.en,
            wording.judged(judgement.status, judgement.stage),
        ]
        cells += [own_judgement_words(wording, judgement)] if owned else []
        cells += [target_words(wording, gap), why(wording, judgement, cycle.profile.rule)]
        lines.append(f"| {' | '.join(md(cell) for cell in cells)} |")
    return lines


def _findings(wording: Wording, cycle: Cycle) -> list[str]:
    lines = ["## Evidence checks", ""]
    lacking = wording.not_enough_evidence(cycle.profile)
    lines += [f"- **{SEVERITIES[f.severity]}:** {f.message}" for f in wording.findings(cycle.findings, lacking)]
    if lacking:
        lines.append(f"- **Not enough evidence:** {lacking}")
    return lines if len(lines) > 2 else [*lines, "- Nothing to question."]


def _gaps(cycle: Cycle) -> list[str]:
    gaps = open_gaps(cycle)
    said = [TARGETS_SAID, ""] if cycle.recommendation.chosen_by_school else []
    listed = [f"- {gap.explanation}" if whose is None else f"- **{whose}:** {gap.explanation}" for whose, gap in gaps]
    return ["## Gaps to targets", "", *said, *listed]


def _next_steps(wording: Wording, cycle: Cycle) -> list[str]:
    lines = ["## Priorities and next steps", ""]
    if cycle.recommendation.priorities:
        lines += [PRIORITIES_SAID, ""]
    for priority in cycle.recommendation.priorities:
        title = wording.framework.aspect(priority.aspect).title.en
        towards = f"from {wording.stage(priority.current)} to {wording.stage(priority.target)}"
        lines += [f"### {priority.rank}. {title}: {towards}", ""]
        beside = [reason for reason in priority.reasons if reason.kind != "gap"]
        lines += [*(f"- {sentence(reason.text)}" for reason in beside), ""] if beside else []
        lines += ["Next steps:", ""]
        lines += [f"1. **{step.descriptor}** {md_cell(step.text)}" for step in priority.steps]
        lines.append("")
    if not cycle.recommendation.priorities:
        lines += ["No open gap to a target, so no priority to recommend.", ""]
    if cycle.recommendation.not_chosen:
        lines.append(also_open(cycle.recommendation))
    if cycle.recommendation.gather_evidence:
        lines += ["", "### Gather evidence first", ""]
        for item in cycle.recommendation.gather_evidence:
            title = wording.framework.aspect(item.aspect).title.en
            lines.append(f"- **{title}**: " + "; ".join(reason.text for reason in item.reasons) + ".")
    return lines


def md(words: Inline) -> str:
    """Words as Markdown shows them, to the letter: on one line, with every character of markup escaped."""
    return _MARKUP.sub(r"\\\1", " ".join(plain(words).split()))


def _md_block(block: Block, depth: int) -> list[str]:
    if isinstance(block, Section):
        return [f"{'#' * depth} {md(block.title)}", "", *md_blocks(block.blocks, depth + 1)]
    if isinstance(block, Paragraph):
        return [f"*{md(block.text)}*" if block.kind == "note" else md(block.text)]
    if isinstance(block, Facts):
        return [f"- **{md(label)}:** {md(value)}" for label, value in block.items]
    if isinstance(block, Bullets):
        caption = [f"**{md(block.caption)}**", ""] if block.caption else []
        return caption + [f"- {md(item)}" for item in block.items]
    rows = [f"| {' | '.join(md(cell) for cell in row)} |" for row in block.rows]
    header = f"| {' | '.join(md(cell) for cell in block.headers)} |"
    return [f"**{md(block.caption)}**", "", header, "|" + "---|" * len(block.headers), *rows]


def md_blocks(blocks: tuple[Block, ...], depth: int) -> list[str]:
    """Blocks as Markdown, each followed by one blank line; sections' headings start at ``depth``."""
    lines: list[str] = []
    for block in blocks:
        lines += _md_block(block, depth)
        if lines[-1]:
            lines.append("")
    return lines


def _md_document(document: Document, framework: Framework) -> str:
    lines = [f"# {md(document.title)}", ""]
    lines += [line for note in document.notes for line in (f"*{md(note)}*", "")]
    lines += [document.caution, "", *md_blocks(document.blocks, 2), "---", "", framework.provenance.attribution]
    lines += [line for credit in document.acknowledgements for line in ("", credit)]
    return "\n".join([*lines, ""])


def _progress(wording: Wording, progress: ProgressReport) -> list[str]:
    dates = [str(date) for date in progress.dates]
    lines = ["## Progress over time", "", "| Aspect | " + " | ".join(dates) + " |", "|---|" + "---|" * len(dates)]
    for aspect in progress.aspects:
        shown = [wording.judged(*pair) for pair in zip(aspect.statuses, aspect.stages, strict=True)]
        stalled = " (stalled)" if aspect.stalled else ""
        lines.append(
            f"| {md_cell(wording.framework.aspect(aspect.aspect).title.en)}{stalled} | " + " | ".join(shown) + " |"
        )
    return lines


def markdown_report(
    framework: Framework,
    cycle: Cycle,
    *,
    note: str | None = None,
    language: Language = "en",
    school_name: str | None = None,
) -> str:
    """A Markdown report of one pass of the cycle: profile, evidence checks, next steps, plan and progress.

    Args:
        framework: The framework edition.
        cycle: What the cycle produced.
        note: A line to print under the title (the demo says its school is fictional).
        language: ``"cy"`` for Welsh where a Welsh source gives it, with the fallbacks said.
        school_name: The school's name for the title (its reference is used without one).
    """
    wording = Wording(framework, language)
    profile = cycle.profile
    lines = [f"# Self-evaluation report: {md(school_name or profile.school)}", ""]
    if note:
        lines += [f"*{note}*", ""]
    if wording.note:
        lines += [f"*{wording.note}*", ""]
    school = f"{school_name} (reference {profile.school})" if school_name else profile.school
    lines += [f"- **School:** {md(school)}", f"- **Self-evaluation:** {long_date(profile.date)}"]
    lines += [f"- **Framework edition:** {md(profile.framework_edition)}", "", SCHOOL_CAUTION, ""]
    lines += [*_profile(wording, cycle), "", *_findings(wording, cycle), ""]
    lines += [*_gaps(cycle), "", *_next_steps(wording, cycle), ""]
    noticed = notices_section(cycle.notices)
    lines += [] if noticed is None else md_blocks((noticed,), 2)
    lines += md_blocks(plan_sections(wording, cycle), 2)
    if cycle.progress is not None:
        lines += [*_progress(wording, cycle.progress), ""]
    lines += ["---", "", framework.provenance.attribution, ""]
    return "\n".join(lines)


def markdown_plan_summary(
    framework: Framework,
    plan: DevelopmentPlan,
    review: PlanReview | None = None,
    *,
    language: Language = "en",
    include_costs: bool = False,
) -> str:
    """The development plan in plain words for parents and governors, as Markdown, ready to publish.

    Each priority says what the school is working on and why, what it will
    do and when, how it will know, and, with a review, where it stands now.
    Owners of actions are not named (a priority's lead is shown as the
    school wrote it), and resources and costs only with ``include_costs``.

    Args:
        framework: The framework edition the plan rests on.
        plan: The school's plan (or a draft).
        review: The plan's review, for where each priority stands now.
        language: ``"cy"`` for the stage names in Welsh, from Estyn, with the rest said to be English.
        include_costs: Whether to show resources and costs.
    """
    wording = Wording(framework, language)
    return _md_document(summary_document(wording, plan, review, include_costs=include_costs), framework)


def markdown_discussion(
    framework: Framework,
    record: DiscussionRecord,
    profile: StageProfile | None = None,
    *,
    language: Language = "en",
) -> str:
    """The record of a professional discussion as Markdown, with the school's and the local authority's views.

    Each aspect discussed has both views side by side, and the stage the
    evidence gives when the school's ``profile`` is given; each difference is
    listed and explained, and neither view overwrites the other.

    Args:
        framework: The framework edition the record uses.
        record: The discussion record.
        profile: The school's stage profile, to show what the evidence gives beside the two views.
        language: ``"cy"`` for the stage names in Welsh, from Estyn, with the rest said to be English.
    """
    wording = Wording(framework, language)
    return _md_document(discussion_document(wording, record, profile), framework)
