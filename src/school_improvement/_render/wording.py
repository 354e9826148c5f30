"""The words every report uses: stage names in the report's language, what a judgement found, the cautions."""

import attrs

from school_improvement._assessment.assess import JudgementStatus
from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import Rollup
from school_improvement._content.framework import Framework
from school_improvement._stage import Stage
from school_improvement._text import Language


@attrs.frozen
class Wording:
    """The words a report uses: Welsh where a Welsh source gives it, English otherwise.

    Attributes:
        framework: The framework edition.
        language: ``"en"`` or ``"cy"``.
    """

    framework: Framework
    language: Language = "en"

    def stage(self, stage: Stage | None) -> str:
        """A stage's name in the report's language, or "no stage yet"."""
        if stage is None:
            return "no stage yet"  # no Welsh source gives this phrase
        return self.framework.stage_name(stage).in_language(self.language).text

    def judged(self, status: JudgementStatus, stage: Stage | None) -> str:
        """What a judgement found: the stage's name, "no stage yet", or "not enough evidence"."""
        if status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
            return "not enough evidence"
        return self.stage(stage)

    @property
    def note(self) -> str | None:
        """What the report shows in Welsh, and what falls back to English; nothing for an English report."""
        if self.language != "cy":
            return None
        return (
            "Welsh is shown where a Welsh source gives it: the names of the stages, from Estyn. "
            "Everything else is in English, as no Welsh source gives it."
        )


SCHOOL_CAUTION = (
    "The stages are developmental, not grades, and there is no overall grade. Nothing here is a judgement "
    "by Estyn or Welsh Government."
)
"""The caution every school report opens with."""

AUTHORITY_CAUTION = (
    "The stages are developmental, not grades: these are counts of schools, not a ranking, and there is no "
    "overall grade. Nothing here is a judgement by Estyn or Welsh Government."
)


def authority_title(rollup: Rollup | None, collaboration: Collaboration | None) -> str:
    """The title of a local authority report: what it holds."""
    if rollup is not None and collaboration is not None:
        return "Across the schools: roll-up and collaboration"
    return "Across the schools: roll-up" if rollup is not None else "Across the schools: collaboration"
