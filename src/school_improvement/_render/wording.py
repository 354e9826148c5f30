"""The words every report uses: stage names in the report's language, what a judgement found, the cautions."""

import datetime

import attrs

from school_improvement._assessment.assess import JudgementStatus, RuleDescription, StageProfile
from school_improvement._assessment.quality import UNEVIDENCED_ASPECTS, Finding
from school_improvement._authority.matching import Collaboration
from school_improvement._authority.rollup import Rollup
from school_improvement._authority.survey import SelfEvaluationAge
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
        """What a judgement found: the stage's name, "no stage yet", "not enough evidence" or "not applicable"."""
        if status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
            return "not enough evidence"
        if status is JudgementStatus.NOT_APPLICABLE:
            return "not applicable"
        return self.stage(stage)

    def not_enough_evidence(self, profile: StageProfile) -> str | None:
        """The aspects without enough evidence to judge, in words; ``None`` when every aspect has enough."""
        lacking = [j for j in profile.judgements if j.status is JudgementStatus.NOT_ENOUGH_EVIDENCE]
        if not lacking:
            return None
        titles = ", ".join(self.framework.aspect(j.aspect).title.en for j in lacking)
        return (
            f"{len(lacking)} of the {len(profile.judgements)} aspects cannot be judged yet, for want of evidence: "
            f"{titles}. Gathering it is the first next step there."
        )

    @staticmethod
    def findings(findings: tuple[Finding, ...], lacking: str | None) -> tuple[Finding, ...]:
        """The findings a report lists: the aspects with no evidence are said once, with those lacking enough."""
        if lacking is None:
            return findings
        return tuple(finding for finding in findings if finding.check != UNEVIDENCED_ASPECTS)

    @staticmethod
    def rule(rule: RuleDescription) -> str:
        """How the stages were judged, saying once when the rule is for comparison only."""
        said = f"judged by the {rule.name} rule ({rule.criterion})"
        if rule.comparison_only:
            said += (
                "; this rule is for comparison only: it shows how far the best work reaches, not the stage reached, "
                "so plan from a rule to judge by"
            )
        return said

    @staticmethod
    def ages(ages: tuple[SelfEvaluationAge, ...], as_of: datetime.date | None, max_age_days: int) -> str:
        """Each school's self-evaluation date, and which are too old to rely on, at the survey's date."""
        if as_of is None or not ages:
            return ""
        old = [age for age in ages if age.old]
        dates = sorted({age.date for age in ages})
        span = f"{dates[0]}" if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
        said = f"Self-evaluations dated {span}, aged at {as_of}."
        if old:
            verb = "is" if len(old) == 1 else "are"
            listed = ", ".join(f"{age.school} ({age.date})" for age in old)
            said += (
                f" {len(old)} of {len(ages)} {verb} more than {max_age_days} days old and {verb} flagged: "
                f"they offer no strengths to match, and their stages may have moved ({listed})."
            )
        else:
            said += f" None is more than {max_age_days} days old."
        return said

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
