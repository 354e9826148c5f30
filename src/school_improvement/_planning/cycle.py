"""The improvement cycle in one call: assess, check the evidence, find the gaps, recommend, draft the plan.

The command line's reports and the local authority's survey both run the
cycle through [`run_cycle`][school_improvement.run_cycle], so every option
reaches every step the same way.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from school_improvement._assessment.assess import StageProfile, Sufficiency, assess, rule_of
from school_improvement._assessment.checked import CheckedSelfEvaluation, checked
from school_improvement._assessment.evidence import Rating, SelfEvaluation
from school_improvement._assessment.progress import ProgressReport, track_progress
from school_improvement._assessment.quality import Finding, check_evidence
from school_improvement._assessment.rules import StageRule
from school_improvement._content.framework import Framework
from school_improvement._errors import AnalysisError, Problem
from school_improvement._planning.gaps import GapAnalysis, Target, find_gaps
from school_improvement._planning.next_steps import Recommendation, Weighting, recommend
from school_improvement._planning.plan import DevelopmentPlan, draft_plan

if TYPE_CHECKING:
    from school_improvement._stage import Stage


@attrs.frozen
class Cycle:
    """Everything one pass of the improvement cycle produced, for one school.

    Attributes:
        profile: The stage profile of the latest self-evaluation.
        findings: The evidence-quality findings on it.
        gaps: The gap analysis.
        recommendation: The recommended priorities and next steps.
        plan: The development plan draft.
        progress: Progress across the self-evaluations, when there are more than one.
    """

    profile: StageProfile
    findings: tuple[Finding, ...]
    gaps: GapAnalysis
    recommendation: Recommendation
    plan: DevelopmentPlan
    progress: ProgressReport | None = None


def run_cycle(  # noqa: PLR0913 (each option is one of a step's documented options)
    framework: Framework,
    evaluations: "SelfEvaluation | CheckedSelfEvaluation | Iterable[SelfEvaluation | CheckedSelfEvaluation]",
    rule: str | StageRule = "cumulative",
    *,
    sufficiency: Sufficiency | None = None,
    max_age_days: int = 365,
    as_of: datetime.date | None = None,
    targets: "Iterable[Target] | Mapping[str, Stage] | None" = None,
    defaults: bool = True,
    threshold: Rating | None = None,
    allow_comparison_only: bool = False,
    school_priorities: Iterable[str] = (),
    focus_factors: Iterable[int] = (),
    weighting: Weighting | None = None,
    max_priorities: int | None = 3,
    max_steps: int | None = 3,
    stalled_after: int = 3,
) -> Cycle:
    """Take one school through the cycle, from its self-evaluations to a draft plan.

    The latest self-evaluation is assessed, its evidence checked, its gaps to
    the targets found, priorities recommended and a plan drafted; with more
    than one self-evaluation, progress across them is tracked too. Each
    self-evaluation is checked against the framework once, and every step
    reads that checked form.

    Args:
        framework: The framework edition.
        evaluations: One self-evaluation, or several of one school.
        rule: The stage rule, by name or as an object (see [`assess`][school_improvement.assess]).
        sufficiency: The evidence needed before a stage is judged.
        max_age_days: How old evidence, or the self-evaluation, may be before
            the checks report it (see [`check_evidence`][school_improvement.check_evidence]).
        as_of: The date to age them at: today, or a survey's date; by default
            the latest self-evaluation's own date.
        targets: The school's targets (see [`find_gaps`][school_improvement.find_gaps]).
        defaults: Whether aspects without a target get the default one.
        threshold: The rating a descriptor needs to count as met; by default the rule's.
        allow_comparison_only: Whether to plan from a rule offered only for comparison.
        school_priorities: Aspects the school has chosen as priorities
            (see [`recommend`][school_improvement.recommend]).
        focus_factors: Contributory factors the school wants to focus on.
        weighting: The weighting that ranks the priorities.
        max_priorities: How many priorities at most; ``None`` for no limit.
        max_steps: How many steps per priority at most; ``None`` for no limit.
        stalled_after: How many unmoving self-evaluations count as stalled
            (see [`track_progress`][school_improvement.track_progress]).

    Raises:
        SelfEvaluationError: If a self-evaluation does not fit the framework.
        AnalysisError: If none is given, they are of different schools, or an
            option is out of range (as each step says).

    Examples:
        >>> import datetime
        >>> from school_improvement import (
        ...     DescriptorRating,
        ...     Evidence,
        ...     EvidenceKind,
        ...     Rating,
        ...     SelfEvaluation,
        ...     load_framework,
        ...     run_cycle,
        ... )
        >>> framework = load_framework()
        >>> seen = (
        ...     Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
        ...     Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 10, 2)),
        ... )
        >>> evaluation = SelfEvaluation(
        ...     "example-primary",
        ...     datetime.date(2026, 11, 1),
        ...     framework.edition_id,
        ...     ratings=(
        ...         DescriptorRating("PV.1.1", Rating.FULLY, seen),
        ...         DescriptorRating("PV.2.1", Rating.PARTLY, seen),
        ...     ),
        ... )
        >>> cycle = run_cycle(framework, evaluation, max_priorities=1)
        >>> cycle.profile.judgement("PV").stage.value, [p.aspect for p in cycle.plan.priorities]
        ('starting-the-journey', ['PV'])
        >>> cycle.progress is None
        True
    """
    given = [evaluations] if isinstance(evaluations, (SelfEvaluation, CheckedSelfEvaluation)) else list(evaluations)
    if not given:
        raise AnalysisError("the cycle", [Problem("$", "give at least one self-evaluation")])
    forms = [checked(framework, evaluation) for evaluation in given]
    chosen = rule_of(rule)
    progress = None
    if len(forms) > 1:
        progress = track_progress(framework, forms, chosen, sufficiency=sufficiency, stalled_after=stalled_after)
        latest = max(forms, key=lambda form: form.date)
        profile = progress.profiles[-1]
    else:
        latest = forms[0]
        profile = assess(framework, latest, chosen, sufficiency=sufficiency)
    findings = check_evidence(framework, latest, max_age_days=max_age_days, as_of=as_of)
    gaps = find_gaps(
        framework,
        latest,
        profile,
        targets,
        defaults=defaults,
        threshold=threshold,
        allow_comparison_only=allow_comparison_only,
    )
    recommendation = recommend(
        framework,
        gaps,
        findings=findings,
        school_priorities=school_priorities,
        focus_factors=focus_factors,
        weighting=weighting,
        max_priorities=max_priorities,
        max_steps=max_steps,
    )
    plan = draft_plan(framework, recommendation, gaps)
    return Cycle(profile, findings, gaps, recommendation, plan, progress)
