"""The reports across schools in Markdown: the roll-up and the collaboration."""

from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import GroupRollup, Rollup
from school_improvement._authority.survey import SchoolBasis
from school_improvement._content.framework import Framework
from school_improvement._render.authority import (
    Notices,
    own_priorities,
    partnerships,
    schools_surveyed,
    support_needed,
    system_priorities,
    unused_offers,
)
from school_improvement._render.markdown import md, md_blocks, md_cell
from school_improvement._render.wording import AUTHORITY_CAUTION, Wording, authority_title
from school_improvement._stage import Stage
from school_improvement._text import Language


def _spread_rows(wording: Wording, group: GroupRollup) -> list[str]:
    stages = " | ".join(wording.stage(stage) for stage in Stage)
    mean = any(spread.mean_position is not None for spread in group.spreads)
    lines = [
        f"| Aspect | No stage yet | {stages} | Not enough evidence | Not applicable | Rated |"
        + (" Mean position |" if mean else ""),
        "|---|---|" + "---|" * len(Stage) + "---|---|---|" + ("---|" if mean else ""),
    ]
    for spread in group.spreads:
        counts = " | ".join(str(count.schools) for count in spread.stages)
        title = md_cell(wording.framework.aspect(spread.aspect).title.en)
        rated = "-" if spread.coverage is None else f"{spread.coverage:.0%}"
        shown = f" {spread.mean_position:.2f} |" if spread.mean_position is not None else (" - |" if mean else "")
        lines.append(
            f"| {title} | {spread.no_stage_yet} | {counts} | {spread.not_enough_evidence} | {spread.not_applicable} "
            f"| {rated} |{shown}"
        )
    unrated = [spread for spread in group.spreads if spread.held_back_by_unrated]
    if unrated:
        listed = ", ".join(f"{spread.aspect} ({spread.held_back_by_unrated})" for spread in unrated)
        lines += ["", f"Held back only by descriptors not yet rated, and so not counted as early: {listed}."]
    return lines


def _group_markdown(wording: Wording, group: GroupRollup, level: str, bases: tuple[SchoolBasis, ...]) -> list[str]:
    lines = [f"{level} {group.group} ({len(group.schools)} schools)", "", *_spread_rows(wording, group), ""]
    lines += md_blocks((own_priorities(group, bases), system_priorities(wording, group)), len(level) + 1)
    lines += ["**Shared next steps.**", ""]
    lines += [f"- **{s.descriptor}** ({s.schools} schools) {md_cell(s.text)}" for s in group.shared_steps] or [
        "- None shared by two schools or more."
    ]
    return [*lines, "", *md_blocks(support_needed(wording, group), len(level) + 1)]


def _collaboration_markdown(collaboration: Collaboration) -> list[str]:
    lines = [
        "## Collaboration",
        "",
        (
            f"{len(collaboration.partnerships)} partnerships, with a total benefit of {collaboration.total_benefit}, "
            "the greatest the options allow."
        ),
        "",
        *md_blocks((partnerships(collaboration),), 3),
    ]
    if collaboration.unmatched:
        lines += ["### Without a partner", ""]
        lines += [f"- **{md(u.school)}** ({u.reason.value}): {md(u.explanation)}" for u in collaboration.unmatched]
        lines.append("")
    return lines + md_blocks((unused_offers(collaboration),), 3)


def markdown_authority_report(  # noqa: PLR0913 (each is a keyword: what the report holds, and how it says it)
    framework: Framework,
    *,
    rollup: Rollup | None = None,
    collaboration: Collaboration | None = None,
    note: str | None = None,
    language: Language = "en",
    notices: Notices | None = None,
) -> str:
    """A Markdown report across many schools, for a local authority officer: the roll-up and the collaboration.

    Each group of the roll-up says how many schools set their own priorities
    and how many are on the defaults, the rule that made each system-level
    priority, and the support asked for by source and aspect. Each
    partnership says where its partner's priorities come from, and the
    offers the matching does not use are listed with why. Each school is
    listed last with its self-evaluation and where its priorities come from.

    Args:
        framework: The framework edition.
        rollup: The roll-up to show, if any.
        collaboration: The partnerships to show, if any.
        note: A line to print under the title.
        language: ``"cy"`` for the stage names in Welsh, with the fallbacks said.
        notices: What the library notices about each school's chosen
            priorities, by reference (each snapshot's ``notices``): counted in
            each school's row and listed, noticed, not changed.
    """
    wording = Wording(framework, language)
    lines = [f"# {authority_title(rollup, collaboration)}", ""]
    lines += [f"*{text}*\n" for text in (note, wording.note) if text]
    lines += [AUTHORITY_CAUTION, ""]
    dated = rollup or collaboration
    if dated is not None:
        ages = Wording.ages(dated.ages, dated.as_of, dated.max_age_days)
        lines += [ages, ""] if ages else []
    if rollup is not None:
        lines += ["## Stages across schools", ""]
        if rollup.without_self_evaluation:
            lines += [f"Not counted, with no self-evaluation: {', '.join(rollup.without_self_evaluation)}.", ""]
        for group in (rollup.overall, *rollup.groups):
            lines += _group_markdown(wording, group, "###", rollup.bases)
    if collaboration is not None:
        lines += _collaboration_markdown(collaboration)
    surveyed = None if dated is None else schools_surveyed(dated.ages, dated.bases, dated.max_age_days, notices)
    lines += [] if surveyed is None else md_blocks((surveyed,), 2)
    lines += ["---", "", framework.provenance.attribution, ""]
    return "\n".join(lines)
