"""The improvement cycle in one call: assess, check the evidence, find the gaps, recommend, plan and review.

The command line's reports and the local authority's survey both run the
cycle through [`run_cycle`][school_improvement.run_cycle], so every option
reaches every step the same way.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
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
from school_improvement._planning.choices import (
    ChosenPriority,
    PriorityNotice,
    check_priorities,
    chosen_priority_problems,
    targets_of,
)
from school_improvement._planning.gaps import GapAnalysis, Target, find_gaps
from school_improvement._planning.next_steps import Recommendation, Weighting, recommend
from school_improvement._planning.plan import DevelopmentPlan, draft_plan
from school_improvement._planning.review import PlanReview, review_plan

if TYPE_CHECKING:
    from school_improvement._stage import Stage


@attrs.frozen
class Cycle:
    """Everything one pass of the improvement cycle produced, for one school.

    Attributes:
        profile: The stage profile of the latest self-evaluation.
        findings: The evidence-quality findings on it.
        gaps: The gap analysis.
        recommendation: The priorities and next steps: the school's chosen
            ones when it has chosen, else the library's recommendation.
        plan: The school's own plan when one was given, else a draft.
        progress: Progress across the self-evaluations, when there are more than one.
        review: The school's plan reviewed at the cycle's date, when a plan was given.
        notices: What the library notices about the school's chosen priorities
            (see [`check_priorities`][school_improvement.check_priorities]); it changes none of them.
    """

    profile: StageProfile
    findings: tuple[Finding, ...]
    gaps: GapAnalysis
    recommendation: Recommendation
    plan: DevelopmentPlan
    progress: ProgressReport | None = None
    review: PlanReview | None = None
    notices: tuple[PriorityNotice, ...] = ()

    @property
    def drafted(self) -> bool:
        """True when the plan is a draft the cycle made, not the school's own."""
        return self.review is None


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
    chosen: "Sequence[ChosenPriority] | None" = None,
    plan: DevelopmentPlan | None = None,
) -> Cycle:
    """Take one school through the cycle, from its self-evaluations to a plan.

    The latest self-evaluation is assessed, its evidence checked, its gaps to
    the targets found, priorities recommended and a plan drafted; with more
    than one self-evaluation, progress across them is tracked too. Each
    self-evaluation is checked against the framework once, and every step
    reads that checked form.

    Where the school has made its own decisions, they lead: with ``chosen``
    priorities, or a ``plan`` of its own (whose priorities are its choice),
    the gaps aim at the school's targets, the priorities are the school's
    (see [`recommend`][school_improvement.recommend]), and the plan is the
    school's, reviewed at ``as_of`` against the latest self-evaluation
    (see [`review_plan`][school_improvement.review_plan]).

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
        chosen: The school's own choice of priorities and targets.
        plan: The school's own development plan, to follow and review.

    Raises:
        SelfEvaluationError: If a self-evaluation does not fit the framework.
        AnalysisError: If none is given, they are of different schools, both
            ``chosen`` and ``plan`` are given, a target is set twice (by
            ``targets`` and the school's choice), the plan is another
            school's or does not fit, or an option is out of range (as each step says).

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
        >>> cycle.profile.judgement("PV").stage.value, [p.aspects for p in cycle.plan.priorities]
        ('starting-the-journey', [('PV',)])
        >>> cycle.progress is None
        True
    """
    given = [evaluations] if isinstance(evaluations, (SelfEvaluation, CheckedSelfEvaluation)) else list(evaluations)
    if not given:
        raise AnalysisError("the cycle", [Problem("$", "give at least one self-evaluation")])
    if plan is not None:
        if chosen is not None:
            raise AnalysisError("the cycle", [Problem("$.chosen", "give the school's choice or its plan, not both")])
        chosen = plan.chosen
    if chosen is not None:  # the school's choice is checked as a choice, before it becomes targets
        wrong = chosen_priority_problems(framework, chosen, "$.plan.priorities" if plan else "$.chosen")
        if wrong:
            raise AnalysisError(given[0].school, wrong)
    aims = _aims(targets, chosen)
    forms = [checked(framework, evaluation) for evaluation in given]
    chosen_rule = rule_of(rule)
    progress = None
    if len(forms) > 1:
        progress = track_progress(framework, forms, chosen_rule, sufficiency=sufficiency, stalled_after=stalled_after)
        latest = max(forms, key=lambda form: form.date)
        profile = progress.profiles[-1]
    else:
        latest = forms[0]
        profile = assess(framework, latest, chosen_rule, sufficiency=sufficiency)
    findings = check_evidence(framework, latest, max_age_days=max_age_days, as_of=as_of)
    if plan is not None and plan.school != latest.school:
        message = f"the plan is of {plan.school!r}, not {latest.school!r}"
        raise AnalysisError(latest.school, [Problem("$.plan.school", message)])
    gaps = find_gaps(
        framework,
        latest,
        profile,
        aims,
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
        chosen=chosen,
    )
    notices = () if chosen is None else check_priorities(framework, chosen, profile)
    if plan is None:
        drafted = draft_plan(framework, recommendation, gaps, chosen=chosen)
        return Cycle(profile, findings, gaps, recommendation, drafted, progress, notices=notices)
    on = as_of or latest.date
    review = review_plan(framework, plan, on, latest, rule=chosen_rule, sufficiency=sufficiency)
    return Cycle(profile, findings, gaps, recommendation, plan, progress, review, notices)


def _aims(
    targets: "Iterable[Target] | Mapping[str, Stage] | None", chosen: "Sequence[ChosenPriority] | None"
) -> "Iterable[Target] | Mapping[str, Stage] | None":
    """The targets to find the gaps to: those given, and the school's chosen ones; one aspect never twice."""
    if chosen is None:
        return targets
    given = list(targets.items()) if isinstance(targets, Mapping) else list(targets or ())
    listed = [Target(*item) if isinstance(item, tuple) else item for item in given]
    ours = targets_of(chosen)
    named = {target.aspect for target in listed}
    twice = sorted({target.aspect for target in ours if target.aspect in named})
    if twice:
        message = f"targets are given for {', '.join(twice)}, which the school's chosen priorities also set"
        raise AnalysisError("the cycle", [Problem("$.targets", message)])
    return listed + list(ours)
