"""Reviewing the plan: what is due or overdue, each criterion's state, each target's standing, and what changed."""

import datetime
import enum

import attrs

from school_improvement._assessment.assess import JudgementStatus, StageProfile, Sufficiency, assess
from school_improvement._assessment.checked import CheckedSelfEvaluation, checked
from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._assessment.rules import StageRule
from school_improvement._content.framework import ASPECT_FIELD, DESCRIPTOR_FIELD, Framework
from school_improvement._errors import AnalysisError, Problem
from school_improvement._planning.choices import targets_of
from school_improvement._planning.gaps import GapStatus, find_gaps
from school_improvement._planning.plan import (
    ActionState,
    ActionStatus,
    CriterionState,
    CriterionStatus,
    DevelopmentPlan,
    PlanAction,
    PlanPriority,
    ReviewRecord,
    TargetStanding,
    TargetState,
    plan_problems,
)
from school_improvement._stage import Stage

DUE_WITHIN_DAYS = 28
"""By default an action counts as due when its date falls within the next four weeks."""


class ActionStanding(enum.Enum):
    """Where an action stands on the review's date."""

    OVERDUE = "overdue"
    """Its due date has passed and it is neither done nor dropped."""
    DUE = "due"
    """It is due on the review's date or within the window after it, and not done."""
    NOT_DUE = "not-due"
    """It is due later than the window."""
    NO_DUE_DATE = "no-due-date"
    """It has no due date yet."""
    DONE = "done"
    DROPPED = "dropped"


@attrs.frozen
class ActionReview:
    """One action at the review.

    Attributes:
        priority: The priority's identifier.
        action: The action's identifier.
        text: What the action is.
        owner: Who leads it, by role.
        due: When it is due.
        status: Its recorded status.
        standing: Overdue, due, not due, no due date, done or dropped.
        days: Days overdue (positive) or until due (negative or 0), when it has a due date and is open.
    """

    priority: str
    action: str
    text: str
    owner: str | None
    due: datetime.date | None
    status: ActionStatus
    standing: ActionStanding
    days: int | None = None


@attrs.frozen
class CriterionReview:
    """One success criterion at the review.

    Attributes:
        priority: The priority's identifier.
        criterion: The criterion's identifier.
        text: The criterion.
        descriptor: The descriptor it rests on, if any.
        status: Its recorded status.
    """

    priority: str
    criterion: str
    text: str
    descriptor: str | None = attrs.field(metadata=DESCRIPTOR_FIELD)
    status: CriterionStatus


@attrs.frozen
class TargetReview:
    """Where one aspect of a priority stands against its target.

    Attributes:
        priority: The priority's identifier.
        aspect: The aspect's code.
        target: The target stage.
        by: The target's date.
        stage: The stage reached at the self-evaluation given, or ``None``.
        standing: Reached, on track, behind, or why it cannot be judged.
        explanation: Why, in words.
    """

    priority: str
    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    target: Stage
    by: datetime.date
    stage: Stage | None
    standing: TargetStanding
    explanation: str


@attrs.frozen
class Change:
    """Something that changed since the last review.

    Attributes:
        item: ``action``, ``criterion`` or ``target``.
        id: The action's or criterion's identifier, or ``priority/aspect`` for a target.
        before: Its status or standing at the last review (``None`` if it was not in the plan then).
        after: Its status or standing now.
        text: The change in words.
    """

    item: str
    id: str
    before: str | None
    after: str
    text: str


@attrs.frozen
class PlanReview:
    """Where a development plan stands on a date.

    Attributes:
        school: The school's reference.
        framework_edition: The edition the plan rests on.
        date: The review's date.
        self_evaluation_date: The date of the self-evaluation the targets were judged by, if one was given.
        rule: The stage rule the targets were judged by, if a self-evaluation was given.
        last_review: The date of the last review recorded in the plan, if any.
        actions: Every action, in plan order.
        criteria: Every success criterion, in plan order.
        targets: Every aspect of every priority against its target.
        changes: What changed since the last review recorded (empty without one).
    """

    school: str
    framework_edition: str
    date: datetime.date
    self_evaluation_date: datetime.date | None
    rule: str | None
    last_review: datetime.date | None
    actions: tuple[ActionReview, ...]
    criteria: tuple[CriterionReview, ...]
    targets: tuple[TargetReview, ...]
    changes: tuple[Change, ...]

    @property
    def overdue(self) -> tuple[ActionReview, ...]:
        """The overdue actions, in plan order."""
        return tuple(action for action in self.actions if action.standing is ActionStanding.OVERDUE)

    @property
    def due(self) -> tuple[ActionReview, ...]:
        """The actions due now or soon, in plan order."""
        return tuple(action for action in self.actions if action.standing is ActionStanding.DUE)


def _action(priority: PlanPriority, action: PlanAction, on: datetime.date, window: int) -> ActionReview:
    days = None
    if action.status is ActionStatus.DONE:
        standing = ActionStanding.DONE
    elif action.status is ActionStatus.DROPPED:
        standing = ActionStanding.DROPPED
    elif action.due is None:
        standing = ActionStanding.NO_DUE_DATE
    else:
        days = (on - action.due).days
        standing = (
            ActionStanding.OVERDUE if days > 0 else ActionStanding.DUE if -days <= window else ActionStanding.NOT_DUE
        )
    return ActionReview(priority.id, action.id, action.text, action.owner, action.due, action.status, standing, days)


def _targets(
    framework: Framework,
    plan: DevelopmentPlan,
    on: datetime.date,
    judged: tuple[StageProfile, CheckedSelfEvaluation] | None,
    overdue: set[str],
) -> tuple[TargetReview, ...]:
    found = []
    for priority in plan.priorities:
        gaps = profile = None
        if judged is not None:  # each priority alone: two may aim one aspect differently
            profile, form = judged
            gaps = find_gaps(framework, form, profile, targets_of([priority.chosen()]), defaults=False)
        target = framework.stage_name(priority.target).en
        for aspect in priority.aspects:
            title = framework.aspect(aspect).title.en
            stage = None
            if gaps is None or profile is None:
                standing = TargetStanding.NO_SELF_EVALUATION
                why = f"{title}: no self-evaluation was given, so the target, {target}, is not judged"
            else:
                judgement, gap = profile.judgement(aspect), gaps.gap(aspect)
                stage = judgement.stage
                now = "no stage yet" if stage is None else framework.stage_name(stage).en
                if judgement.status is JudgementStatus.NOT_APPLICABLE:
                    standing, why = TargetStanding.NOT_APPLICABLE, f"{title} does not apply to the school"
                elif judgement.status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
                    standing = TargetStanding.NOT_ENOUGH_EVIDENCE
                    why = f"{title}: not enough evidence to judge a stage ({judgement.shortfall})"
                elif judgement.reaches(priority.target):
                    standing, why = TargetStanding.REACHED, f"{title} has reached the target, {target} (now {now})"
                else:
                    standing, why = _not_reached(priority, on, overdue, f"{title} is at {now}", target)
                    if gap.status is GapStatus.REACHED:  # the target's own descriptors are all not applicable
                        why += (
                            f"; every applicable descriptor up to {target} is met, but the rule places the aspect "
                            f"at {now}, so the target does not count as reached"
                        )
            found.append(TargetReview(priority.id, aspect, priority.target, priority.by, stage, standing, why + "."))
    return tuple(found)


def _not_reached(
    priority: PlanPriority, on: datetime.date, overdue: set[str], where: str, target: str
) -> tuple[TargetStanding, str]:
    if on > priority.by:
        return TargetStanding.BEHIND, f"{where}: the target, {target}, was due by {priority.by}"
    if priority.id in overdue:
        return TargetStanding.BEHIND, f"{where}, aiming for {target} by {priority.by}, and actions are overdue"
    return TargetStanding.ON_TRACK, f"{where}, aiming for {target} by {priority.by}, with no action overdue"


def _moved(item: str, name: str, before: dict[str, str], now: list[tuple[str, str]]) -> list[Change]:
    """Each item whose status moved since the last review, or that is new since it."""
    found = []
    for ident, after in now:
        was = before.get(ident)
        if was is None:
            found.append(Change(item, ident, None, after, f"{name} {ident} added ({after})"))
        elif was != after:
            found.append(Change(item, ident, was, after, f"{name} {ident}: {was} -> {after}"))
    return found


def _changes(
    last: ReviewRecord | None,
    actions: tuple[ActionReview, ...],
    criteria: tuple[CriterionReview, ...],
    targets: tuple[TargetReview, ...],
) -> tuple[Change, ...]:
    if last is None:
        return ()
    found = _moved(
        "action",
        "action",
        {state.action: state.status.value for state in last.actions},
        [(action.action, action.status.value) for action in actions],
    )
    found += _moved(
        "criterion",
        "success criterion",
        {state.criterion: state.status.value for state in last.criteria},
        [(criterion.criterion, criterion.status.value) for criterion in criteria],
    )
    stood = {(state.priority, state.aspect): state.standing.value for state in last.targets}
    unjudged = TargetStanding.NO_SELF_EVALUATION.value
    for target in targets:
        key = f"{target.priority}/{target.aspect}"
        before, after = stood.get((target.priority, target.aspect)), target.standing.value
        if unjudged in {before, after}:  # judged on one side only: nothing is known to have changed
            continue
        if before != after:
            text = f"target {key}: {before or 'not reviewed'} -> {after}"
            found.append(Change("target", key, before, after, text))
    return tuple(found)


def review_plan(  # noqa: PLR0913 (the keyword options are those of the assessment)
    framework: Framework,
    plan: DevelopmentPlan,
    on: datetime.date,
    evaluation: SelfEvaluation | CheckedSelfEvaluation | None = None,
    *,
    rule: str | StageRule = "cumulative",
    sufficiency: Sufficiency | None = None,
    due_within_days: int = DUE_WITHIN_DAYS,
) -> PlanReview:
    """Review a development plan on a date: what is due or overdue, the criteria, the targets, what changed.

    An action is overdue when its due date has passed and it is neither done
    nor dropped, and due when its date is within ``due_within_days`` after
    ``on``. Each target is judged from ``evaluation``, a self-evaluation of
    the school (usually a later one than the plan's): reached when the gap
    stage judged is at or beyond the target (``Judgement.reaches``, as
    [`ProgressReport.reached`][school_improvement.ProgressReport.reached] asks it too), else
    behind when its date has passed or an action of its priority is overdue,
    else on track. Without a self-evaluation a target is not judged, and says
    so. What changed is counted against the last review recorded in the plan
    (a target judged at only one of the two reviews is not counted as changed).

    Args:
        framework: The framework edition.
        plan: The plan, as the school keeps it.
        on: The review's date.
        evaluation: A self-evaluation of the school to judge the targets by.
        rule: The stage rule.
        sufficiency: The evidence needed before a stage is judged.
        due_within_days: How far ahead an action counts as due (default 28).

    Raises:
        AnalysisError: If the plan does not fit the framework, the
            self-evaluation is another school's or dated after ``on``, or
            ``due_within_days`` is negative.
        SelfEvaluationError: If the self-evaluation does not fit the framework.

    Examples:
        >>> import datetime
        >>> from school_improvement import (
        ...     ChosenPriority,
        ...     DevelopmentPlan,
        ...     PlanAction,
        ...     PlanPriority,
        ...     Stage,
        ...     load_framework,
        ...     review_plan,
        ... )
        >>> framework = load_framework()
        >>> start = datetime.date(2026, 9, 1)
        >>> priority = PlanPriority(
        ...     "P1",
        ...     "Grow leaders",
        ...     ("LC",),
        ...     "Few leaders below the head",
        ...     Stage.MAKING_PROGRESS,
        ...     datetime.date(2027, 7, 31),
        ...     actions=(
        ...         PlanAction(
        ...             "A1", "Set up a middle leaders' group", owner="Deputy head", due=datetime.date(2026, 10, 31)
        ...         ),
        ...     ),
        ... )
        >>> plan = DevelopmentPlan("ex-1", framework.edition_id, start, start, datetime.date(2027, 8, 31), (priority,))
        >>> review = review_plan(framework, plan, datetime.date(2026, 11, 23))
        >>> [(a.action, a.standing.value, a.days) for a in review.actions]
        [('A1', 'overdue', 23)]
        >>> review.targets[0].standing.value
        'no-self-evaluation'
    """
    problems = plan_problems(framework, plan)
    if isinstance(due_within_days, bool) or not isinstance(due_within_days, int) or due_within_days < 0:
        problems.append(
            Problem("$.due_within_days", f"must be a whole number, not negative; found {due_within_days!r}")
        )
    form = profile = None
    if evaluation is not None:
        if evaluation.school != plan.school:
            problems.append(
                Problem("$.evaluation.school", f"the self-evaluation is of {evaluation.school!r}, not {plan.school!r}")
            )
        if evaluation.date > on:
            message = f"the self-evaluation is dated {evaluation.date}, after the review's date, {on}"
            problems.append(Problem("$.evaluation.date", message))
    if problems:
        raise AnalysisError(plan.school, problems)
    if evaluation is not None:
        form = checked(framework, evaluation)
        profile = assess(framework, form, rule, sufficiency=sufficiency)
    actions = tuple(
        _action(priority, action, on, due_within_days) for priority in plan.priorities for action in priority.actions
    )
    overdue = {action.priority for action in actions if action.standing is ActionStanding.OVERDUE}
    criteria = tuple(
        CriterionReview(priority.id, c.id, c.text, c.descriptor, c.status)
        for priority in plan.priorities
        for c in priority.success_criteria
    )
    targets = _targets(framework, plan, on, None if profile is None or form is None else (profile, form), overdue)
    last = max((r for r in plan.reviews if r.date <= on), key=lambda r: r.date, default=None)
    return PlanReview(
        plan.school,
        plan.framework_edition,
        on,
        None if profile is None else profile.date,
        None if profile is None else profile.rule.name,
        None if last is None else last.date,
        actions,
        criteria,
        targets,
        _changes(last, actions, criteria, targets),
    )


def record_review(
    plan: DevelopmentPlan, review: PlanReview, summary: str, evidence: tuple[str, ...] | list[str] = ()
) -> DevelopmentPlan:
    """The plan with a review recorded: the school's summary, its evidence, and where everything stood.

    The plan itself is not changed otherwise; the next review's changes are counted from this record.

    Raises:
        AnalysisError: If the review is of another school, not after the last
            review recorded, or the summary is empty.
    """
    problems = []
    if review.school != plan.school:
        problems.append(Problem("$.review.school", f"the review is of {review.school!r}, not {plan.school!r}"))
    if plan.reviews and review.date <= plan.reviews[-1].date:
        message = f"{review.date} is not after the last review recorded, {plan.reviews[-1].date}"
        problems.append(Problem("$.review.date", message))
    if not summary.strip():
        problems.append(Problem("$.summary", "say what the review concluded"))
    if problems:
        raise AnalysisError(plan.school, problems)
    record = ReviewRecord(
        review.date,
        summary,
        tuple(evidence),
        tuple(ActionState(a.action, a.status) for a in review.actions),
        tuple(CriterionState(c.criterion, c.status) for c in review.criteria),
        tuple(TargetState(t.priority, t.aspect, t.standing, t.stage) for t in review.targets),
    )
    return attrs.evolve(plan, reviews=(*plan.reviews, record))
