"""A plain-text overview of a framework edition, for a terminal."""

from school_improvement._content.framework import Framework
from school_improvement._stage import Stage
from school_improvement._text import Language, Text, WelshProvenance


def _say(text: Text, language: Language) -> str:
    shown = text.in_language(language)
    if shown.fallback:
        return f"{shown.text} [English: no Welsh in the sources]"
    if shown.provenance is WelshProvenance.TRANSLATION:
        return f"{shown.text} [the project's translation, not official]"
    return shown.text


def overview(framework: Framework, language: Language = "en") -> str:
    """A plain-text overview of an edition: stages, aspects, factors, priorities, principles.

    Welsh is shown where the content has it, and marked where it is the
    project's translation rather than a source's; where it has none, the
    English is shown and marked as a fallback.

    Args:
        framework: The edition to describe.
        language: ``"en"`` or ``"cy"``.

    Returns:
        The overview, one item per line, ending with the attribution.

    Examples:
        >>> from school_improvement import load_framework, overview
        >>> print(overview(load_framework()).splitlines()[0])
        School improvement journeys (estyn-school-improvement-journeys/2026.1)
    """
    provenance = framework.provenance
    lines = [f"{provenance.title} ({framework.edition_id})", ""]
    lines.append("Stages (developmental, not grades):")
    lines += [f"  {stage.position}. {_say(framework.stage_name(stage), language)}" for stage in Stage]
    lines += ["", "Aspects, with the number of descriptors at each stage:"]
    for aspect in framework.aspects:
        counts = "/".join(str(len(framework.cell(aspect.code, stage).descriptors)) for stage in Stage)
        lines.append(f"  {aspect.code}  {_say(aspect.title, language)}  [{counts}]")
    lines += ["", "Contributory factors (Welsh Government):"]
    lines += [f"  {factor.number}. {_say(factor.text, language)}" for factor in framework.contributory_factors]
    lines += ["", "National improvement priorities:"]
    for priority in framework.national_priorities:
        role = " (supporting)" if priority.supporting else ""
        lines.append(f"  {_say(priority.name, language)}{role}")
    lines += ["", "Core principles of the revised School Improvement Guidance:"]
    lines += [f"  - {_say(principle.text, language)}" for principle in framework.principles]
    characteristics = len(framework.leaders_characteristics)
    counts = f"{len(framework.descriptors)} descriptors, {characteristics} common characteristics of leaders."
    lines += ["", counts, "", provenance.attribution]
    return "\n".join(lines)
