"""What the school report says the same way in every format: a judgement's reasons, and a target."""

from school_improvement._assessment.assess import Judgement, RuleDescription
from school_improvement._assessment.quality import Severity
from school_improvement._planning.gaps import AspectGap, GapStatus
from school_improvement._render.document import Inline
from school_improvement._render.wording import Wording

SEVERITIES = {Severity.INFO: "Worth knowing", Severity.WARNING: "Warning"}
"""Each severity of an evidence check in words."""

PRIORITIES_SAID = "Each priority's gap is said under Gaps to targets above; here are the steps towards it."
"""What the priorities say first: their gaps are not repeated."""

NO_TARGET = "no target"
"""What the report says of an aspect without a target (one without enough evidence, by default)."""


def why(wording: Wording, judgement: Judgement, rule: RuleDescription) -> str:
    """A judgement's reasons, without the aspect's name or the rule: the report says those once.

    The rationale says them for a reader who sees one judgement alone; in the
    report's table, the row names the aspect and the text above it the rule.
    """
    title = wording.framework.aspect(judgement.aspect).title.en
    said = judgement.rationale.removeprefix(f"{title}: ")
    _, ruled, after = said.partition(f", under the {rule.name} rule ({rule.criterion}).")
    said = after.strip() if ruled else said
    return said[:1].upper() + said[1:]


def own_judgement_words(wording: Wording, judgement: Judgement) -> Inline:
    """The school's own judgement of an aspect, with its reason, saying where it agrees with the evidence."""
    own = judgement.professional_judgement
    if own is None:
        return "not given"
    agrees = " (agrees with the evidence)" if own.stage is judgement.stage else ""
    return (wording.stage_said(own.stage), f"{agrees}. {own.rationale}")


def target_words(wording: Wording, gap: AspectGap) -> Inline:
    """An aspect's target in words: the stage, said to be reached where it is, or "no target"."""
    if gap.target is None:
        return NO_TARGET
    if gap.status is GapStatus.REACHED:
        return (wording.stage_said(gap.target), " (reached)")
    return wording.stage_said(gap.target)


def sentence(text: str) -> str:
    """Words as a sentence: a capital first and a full stop last.

    Examples:
        >>> sentence("the evidence checks raised a warning about it")
        'The evidence checks raised a warning about it.'
    """
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."
