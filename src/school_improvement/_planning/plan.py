"""A school development plan draft: editable data the school completes, never invented details."""

import datetime

import attrs

from school_improvement._content.framework import (
    ASPECT_FIELD,
    DESCRIPTOR_FIELD,
    FACTOR_FIELD,
    PRIORITY_FIELD,
    Framework,
)
from school_improvement._planning.gaps import GapAnalysis
from school_improvement._planning.next_steps import EvidenceToGather, Recommendation
from school_improvement._stage import Stage


@attrs.frozen
class PlanAction:
    """An action in the plan, drawn from a next step. The school fills in the rest.

    Attributes:
        descriptor: The descriptor the action works on.
        text: The descriptor's text, verbatim.
        owner: Who leads it (for the school to fill in).
        start: When it starts (for the school to fill in).
        due: When it is due (for the school to fill in).
        resources: What it needs (for the school to fill in).
    """

    descriptor: str = attrs.field(metadata=DESCRIPTOR_FIELD)
    text: str
    owner: str | None = None
    start: datetime.date | None = None
    due: datetime.date | None = None
    resources: str | None = None


@attrs.frozen
class SuccessCriterion:
    """What success looks like: a descriptor of the target stage.

    Attributes:
        descriptor: The descriptor's code.
        text: Its text, verbatim.
    """

    descriptor: str = attrs.field(metadata=DESCRIPTOR_FIELD)
    text: str


@attrs.frozen
class PlanPriority:
    """One priority of the plan.

    Attributes:
        aspect: The aspect's code.
        title: The aspect's title.
        objective: What the priority aims for, in words.
        current: The stage reached now, or ``None``.
        target: The target stage.
        actions: Actions drawn from the next steps.
        success_criteria: The target stage's descriptors.
        national_priorities: The national priorities the actions serve.
        contributory_factors: The contributory factors linked to the aspect (editorial).
        rationale: Why it is a priority.
        owner: Who leads the priority (for the school to fill in).
        resources: What it needs (for the school to fill in).
        horizon: When the school aims to reach the target.
        review_points: When progress will be reviewed (for the school to fill in).
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    title: str
    objective: str
    current: Stage | None
    target: Stage
    actions: tuple[PlanAction, ...]
    success_criteria: tuple[SuccessCriterion, ...]
    national_priorities: tuple[str, ...] = attrs.field(metadata=PRIORITY_FIELD)
    contributory_factors: tuple[int, ...] = attrs.field(metadata=FACTOR_FIELD)
    rationale: str
    owner: str | None = None
    resources: str | None = None
    horizon: datetime.date | None = None
    review_points: tuple[datetime.date, ...] = ()


@attrs.frozen
class DevelopmentPlan:
    """A draft of the school development plan: a few priorities, for the school to complete.

    Attributes:
        school: The school's reference.
        framework_edition: The edition the plan rests on.
        self_evaluation_date: The date of the self-evaluation it follows from.
        priorities: The priorities, in rank order.
        note: What the draft is and is not.
        evidence_to_gather: The aspects to gather evidence on before they can
            be judged and planned for, with why.
    """

    school: str
    framework_edition: str
    self_evaluation_date: datetime.date
    priorities: tuple[PlanPriority, ...]
    note: str = (
        "A draft drawn from the school's self-evaluation. Owners, dates, resources and review points are "
        "for the school to decide; this library is not endorsed by Estyn or Welsh Government."
    )
    evidence_to_gather: tuple[EvidenceToGather, ...] = ()


def draft_plan(framework: Framework, recommendation: Recommendation, gaps: GapAnalysis) -> DevelopmentPlan:
    """Draft a development plan from the recommended priorities.

    Each priority's actions are its next steps; its success criteria are the
    applicable descriptors of its target stage; owners, dates, resources and
    review points are left for the school to fill in, and never invented.

    Args:
        framework: The framework edition.
        recommendation: The recommended priorities, from [`recommend`][school_improvement.recommend].
        gaps: The gap analysis the recommendation came from (for what is not applicable).

    Returns:
        The draft plan, as data that can be edited with ``attrs.evolve`` and serialised.

    Examples:
        >>> import datetime
        >>> from school_improvement import (
        ...     DescriptorRating,
        ...     Evidence,
        ...     EvidenceKind,
        ...     Rating,
        ...     SelfEvaluation,
        ...     assess,
        ...     draft_plan,
        ...     find_gaps,
        ...     load_framework,
        ...     recommend,
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
        >>> gaps = find_gaps(framework, evaluation, assess(framework, evaluation))
        >>> plan = draft_plan(framework, recommend(framework, gaps), gaps)
        >>> priority = plan.priorities[0]
        >>> priority.objective
        'Using pupil voice: from Starting the journey to Making progress.'
        >>> [action.descriptor for action in priority.actions], priority.actions[0].owner
        (['PV.2.1'], None)
        >>> [criterion.descriptor for criterion in priority.success_criteria]
        ['PV.2.1']
    """
    priorities = []
    for recommended in recommendation.priorities:
        title = framework.aspect(recommended.aspect).title.en
        target = framework.stage_name(recommended.target).en
        start = framework.stage_name(recommended.current).en if recommended.current else "no stage yet"
        by = f" by {recommended.horizon}" if recommended.horizon else ""
        criteria = tuple(
            SuccessCriterion(descriptor.code, descriptor.full_text)
            for descriptor in framework.cell(recommended.aspect, recommended.target).descriptors
            if descriptor.code not in gaps.not_applicable
        )
        priorities.append(
            PlanPriority(
                aspect=recommended.aspect,
                title=title,
                objective=f"{title}: from {start} to {target}{by}.",
                current=recommended.current,
                target=recommended.target,
                actions=tuple(PlanAction(step.descriptor, step.text) for step in recommended.steps),
                success_criteria=criteria,
                national_priorities=tuple(
                    p.code
                    for p in framework.national_priorities
                    if any(p.code in step.national_priorities for step in recommended.steps)
                ),
                contributory_factors=recommended.contributory_factors,
                rationale=" ".join(reason.text for reason in recommended.reasons),
                horizon=recommended.horizon,
            )
        )
    plan = DevelopmentPlan(
        recommendation.school,
        recommendation.framework_edition,
        recommendation.date,
        tuple(priorities),
        evidence_to_gather=recommendation.gather_evidence,
    )
    if gaps.rule.comparison_only:
        comparison = (
            f" It follows stages judged by the {gaps.rule.name} rule, which is for comparison only: it shows how far "
            "the best work reaches, not the stage reached."
        )
        plan = attrs.evolve(plan, note=plan.note + comparison)
    return plan
