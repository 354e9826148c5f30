"""The school development plan: drafted from the cycle, then the school's own living document.

A draft carries the priorities, next steps and success criteria the cycle
found. The school then makes it its own: it rewrites the priorities and
targets, adds its own actions and measurable success criteria, names owners
by role, sets dates, resources and costs, milestones across up to three
years, keeps each action's and criterion's status, adds progress updates each
term and records its reviews. [`plan_problems`][school_improvement.plan_problems]
checks a plan against the framework; [`review_plan`][school_improvement.review_plan]
says where it stands on a date.
"""

import datetime
import enum
from collections.abc import Sequence

import attrs

from school_improvement._content.framework import (
    ASPECT_FIELD,
    DESCRIPTOR_FIELD,
    FACTOR_FIELD,
    PRIORITY_FIELD,
    Framework,
)
from school_improvement._errors import Problem
from school_improvement._limits import (
    MAX_NAME,
    MAX_PLAN_ITEMS,
    MAX_PLAN_PRIORITIES,
    MAX_PLAN_REVIEWS,
    MAX_TEXT,
)
from school_improvement._planning.choices import ChosenPriority, chosen_priority_problems
from school_improvement._planning.gaps import GapAnalysis
from school_improvement._planning.next_steps import EvidenceToGather, Recommendation, RecommendedPriority
from school_improvement._stage import Stage

PLAN_YEARS = 3
"""The longest a plan runs: its end is at most three years after its start."""
DEFAULT_HORIZON_DAYS = 365
"""A draft's target date when none is set: a year on, when the cycle comes round again."""


class ActionStatus(enum.Enum):
    """Where an action stands, as the school records it."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"
    """The school decided not to go on with it (say why in a progress update)."""


class CriterionStatus(enum.Enum):
    """Whether a success criterion is met, as the school judges it."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    NOT_MET = "not-met"
    PARTIALLY_MET = "partially-met"
    MET = "met"


class TargetStanding(enum.Enum):
    """Where a priority's target stands at a review."""

    REACHED = "reached"
    """The aspect has reached the target stage, as the gap analysis judges it."""
    ON_TRACK = "on-track"
    """Not reached yet, the target date is still ahead and no action of the priority is overdue."""
    BEHIND = "behind"
    """Not reached, and the target date has passed or an action of the priority is overdue."""
    NOT_ENOUGH_EVIDENCE = "not-enough-evidence"
    """The self-evaluation has too little evidence to judge the aspect."""
    NOT_APPLICABLE = "not-applicable"
    """The aspect does not apply to the school."""
    NO_SELF_EVALUATION = "no-self-evaluation"
    """No self-evaluation was given to judge the target by."""


@attrs.frozen
class PlanAction:
    """An action the school takes: drawn from a next step, or written by the school.

    Attributes:
        id: The action's identifier, unique in the plan (``P1.A1`` in a draft).
        text: What will be done, in the school's words (a draft quotes the descriptor).
        descriptor: The descriptor it works on, if any.
        owner: Who leads it, by role (``Deputy head``), never a pupil.
        start: When it starts.
        due: When it is due.
        status: Not started, in progress, done or dropped.
        resources: What it needs.
        cost: What it costs, in whole pounds.
        done_on: When it was done (only for a done action).
    """

    id: str
    text: str
    descriptor: str | None = attrs.field(default=None, metadata=DESCRIPTOR_FIELD)
    owner: str | None = None
    start: datetime.date | None = None
    due: datetime.date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    resources: str | None = None
    cost: int | None = None
    done_on: datetime.date | None = None


@attrs.frozen
class SuccessCriterion:
    """What success looks like, measurably: a descriptor of the target stage, or the school's own words.

    Attributes:
        id: The criterion's identifier, unique in the plan (``P1.S1`` in a draft).
        text: The criterion (a draft quotes the descriptor).
        descriptor: The descriptor it rests on, if any.
        national_priority: The national priority it measures, if any.
        status: Not started, in progress, not met, partially met or met.
    """

    id: str
    text: str
    descriptor: str | None = attrs.field(default=None, metadata=DESCRIPTOR_FIELD)
    national_priority: str | None = attrs.field(default=None, metadata=PRIORITY_FIELD)
    status: CriterionStatus = CriterionStatus.NOT_STARTED


@attrs.frozen
class Milestone:
    """A point on the way to the target, within the plan's years.

    Attributes:
        date: When.
        text: What should be in place by then.
    """

    date: datetime.date
    text: str


@attrs.frozen
class ProgressUpdate:
    """A note on a priority's progress, as the school writes each term.

    Attributes:
        date: When it was written.
        text: What has happened.
    """

    date: datetime.date
    text: str


@attrs.frozen
class PlanPriority:
    """One priority of the plan, with its target: an initiative with a lead, actions and success criteria.

    Attributes:
        id: The priority's identifier, unique in the plan (``P1`` in a draft).
        objective: What the priority aims for, in the school's words.
        aspects: The aspects it works on, by code.
        reason: Why the school chose it.
        target: The stage aimed for in each of its aspects.
        by: The date to reach the target by.
        national_priority: The national priority it serves, if any.
        lead: Who leads it, by role.
        resources: What it needs.
        cost: What it costs, in whole pounds (beside its actions' costs).
        actions: Its actions.
        success_criteria: How the school will know it has succeeded.
        milestones: Points on the way, in date order.
        updates: Progress updates, in date order.
        contributory_factors: The contributory factors linked to its aspects (editorial).
    """

    id: str
    objective: str
    aspects: tuple[str, ...] = attrs.field(metadata=ASPECT_FIELD)
    reason: str
    target: Stage
    by: datetime.date
    national_priority: str | None = attrs.field(default=None, metadata=PRIORITY_FIELD)
    lead: str | None = None
    resources: str | None = None
    cost: int | None = None
    actions: tuple[PlanAction, ...] = ()
    success_criteria: tuple[SuccessCriterion, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    updates: tuple[ProgressUpdate, ...] = ()
    contributory_factors: tuple[int, ...] = attrs.field(default=(), metadata=FACTOR_FIELD)

    def chosen(self) -> ChosenPriority:
        """The priority as the school's choice of aspects and target."""
        return ChosenPriority(self.aspects, self.reason, self.target, self.by, self.national_priority)


@attrs.frozen
class ActionState:
    """An action's status when a review was recorded.

    Attributes:
        action: The action's identifier.
        status: Its status then.
    """

    action: str
    status: ActionStatus


@attrs.frozen
class CriterionState:
    """A success criterion's status when a review was recorded.

    Attributes:
        criterion: The criterion's identifier.
        status: Its status then.
    """

    criterion: str
    status: CriterionStatus


@attrs.frozen
class TargetState:
    """Where one aspect's target stood when a review was recorded.

    Attributes:
        priority: The priority's identifier.
        aspect: The aspect's code.
        standing: Reached, on track, behind, or not judged (and why).
        stage: The stage the aspect had reached, or ``None``.
    """

    priority: str
    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    standing: TargetStanding
    stage: Stage | None = None


@attrs.frozen
class ReviewRecord:
    """A dated review of the plan: what the school concluded, and where everything stood.

    Attributes:
        date: When the plan was reviewed.
        summary: What the review concluded, in the school's words.
        evidence: References to the evidence it looked at (documents, data, visits), never pupils' records.
        actions: Each action's status then.
        criteria: Each success criterion's status then.
        targets: Each target's standing then.
    """

    date: datetime.date
    summary: str
    evidence: tuple[str, ...] = ()
    actions: tuple[ActionState, ...] = ()
    criteria: tuple[CriterionState, ...] = ()
    targets: tuple[TargetState, ...] = ()


DRAFT_NOTE = (
    "A draft drawn from the school's self-evaluation. Owners, dates, resources and review points are "
    "for the school to decide; this library is not endorsed by Estyn or Welsh Government."
)
"""What a draft says of itself."""


@attrs.frozen
class DevelopmentPlan:
    """The school development plan: a few priorities with targets, actions, success criteria and reviews.

    Attributes:
        school: The school's reference.
        framework_edition: The edition the plan rests on.
        self_evaluation_date: The date of the self-evaluation it follows from.
        starts: When the plan starts.
        ends: When it ends: at most three years after it starts.
        priorities: The priorities, in the school's order.
        reviews: The reviews recorded, oldest first.
        note: What the plan is, in the school's words; a draft says it is one.
        evidence_to_gather: Aspects to gather evidence on before they can be judged and planned for.
    """

    school: str
    framework_edition: str
    self_evaluation_date: datetime.date
    starts: datetime.date
    ends: datetime.date
    priorities: tuple[PlanPriority, ...]
    reviews: tuple[ReviewRecord, ...] = ()
    note: str = ""
    evidence_to_gather: tuple[EvidenceToGather, ...] = ()

    @property
    def drafted(self) -> bool:
        """True while the plan still says it is the library's draft: its note is the one a draft is made with."""
        return self.note.startswith(DRAFT_NOTE)

    @property
    def chosen(self) -> tuple[ChosenPriority, ...]:
        """The plan's priorities as the school's choice of aspects and targets."""
        return tuple(priority.chosen() for priority in self.priorities)

    def priority(self, id: str) -> PlanPriority:  # noqa: A002 (the field's own name)
        """The priority with this identifier.

        Raises:
            KeyError: If the plan has none.
        """
        for priority in self.priorities:
            if priority.id == id:
                return priority
        raise KeyError(id)


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (28 February for 29 February in a year without one)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _sentence(text: str) -> str:
    """A reason as a sentence of its own: a capital first, a full stop last."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def draft_plan(
    framework: Framework,
    recommendation: Recommendation,
    gaps: GapAnalysis,
    *,
    chosen: Sequence[ChosenPriority] | None = None,
) -> DevelopmentPlan:
    """Draft a development plan from the recommended priorities, or the school's chosen ones.

    Each priority's actions are its next steps; its success criteria are the
    applicable descriptors of its target stage; owners, dates, resources and
    review points are left for the school to fill in, and never invented.
    With the school's ``chosen`` priorities (those the recommendation was made
    from), the draft has one priority for each, over all its aspects, with
    the school's reason, target and date. A target with no date is set a year
    after the self-evaluation.

    Args:
        framework: The framework edition.
        recommendation: The recommended priorities, from [`recommend`][school_improvement.recommend].
        gaps: The gap analysis the recommendation came from (for what is not applicable).
        chosen: The school's chosen priorities, when the recommendation follows them.

    Returns:
        The draft plan, as data for the school to edit and make its own.

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
        >>> priority.id, priority.objective, priority.by
        ('P1', 'Using pupil voice: from Starting the journey to Making progress.', datetime.date(2027, 11, 1))
        >>> [(action.id, action.descriptor, action.owner) for action in priority.actions]
        [('P1.A1', 'PV.2.1', None)]
        >>> [criterion.descriptor for criterion in priority.success_criteria]
        ['PV.2.1']
    """
    default_by = recommendation.date + datetime.timedelta(days=DEFAULT_HORIZON_DAYS)
    groups: list[tuple[ChosenPriority | None, tuple[RecommendedPriority, ...]]]
    if chosen is None:
        groups = [(None, (recommended,)) for recommended in recommendation.priorities]
    else:
        groups = [
            (choice, tuple(r for r in recommendation.priorities if r.chosen == number))
            for number, choice in enumerate(chosen, start=1)
        ]
    priorities = []
    for number, (choice, recommended) in enumerate(groups, start=1):
        aspects = choice.aspects if choice is not None else tuple(r.aspect for r in recommended)
        target = choice.target if choice is not None else recommended[0].target
        by = choice.by if choice is not None else (recommended[0].horizon or default_by)
        titles = "; ".join(framework.aspect(aspect).title.en for aspect in aspects)
        starts = {r.current for r in recommended}
        start = next(iter(starts)) if len(starts) == 1 else None
        origin = framework.stage_name(start).en if start is not None else "no stage yet" if starts else "now"
        objective = f"{titles}: from {origin} to {framework.stage_name(target).en} by {by}."
        if choice is None:
            objective = f"{titles}: from {origin} to {framework.stage_name(target).en}" + (
                f" by {recommended[0].horizon}." if recommended[0].horizon else "."
            )
        steps = [step for r in recommended for step in r.steps]
        criteria = [
            descriptor
            for aspect in aspects
            for descriptor in framework.cell(aspect, target).descriptors
            if descriptor.code not in gaps.not_applicable
        ]
        factors = sorted({f.number for aspect in aspects for f in framework.factors_for(aspect)})
        priorities.append(
            PlanPriority(
                id=f"P{number}",
                objective=objective,
                aspects=aspects,
                reason=choice.reason
                if choice is not None
                else " ".join(_sentence(x.text) for r in recommended for x in r.reasons),
                target=target,
                by=by,
                national_priority=None if choice is None else choice.national_priority,
                actions=tuple(
                    PlanAction(f"P{number}.A{n}", step.text, step.descriptor) for n, step in enumerate(steps, start=1)
                ),
                success_criteria=tuple(
                    SuccessCriterion(f"P{number}.S{n}", d.full_text, d.code) for n, d in enumerate(criteria, start=1)
                ),
                contributory_factors=tuple(factors),
            )
        )
    ends = max([p.by for p in priorities] + [default_by])
    plan = DevelopmentPlan(
        recommendation.school,
        recommendation.framework_edition,
        recommendation.date,
        recommendation.date,
        min(ends, years_after(recommendation.date, PLAN_YEARS)),
        tuple(priorities),
        note=DRAFT_NOTE,
        evidence_to_gather=recommendation.gather_evidence,
    )
    if gaps.rule.comparison_only:
        comparison = (
            f" It follows stages judged by the {gaps.rule.name} rule, which is for comparison only: it shows how far "
            "the best work reaches, not the stage reached."
        )
        plan = attrs.evolve(plan, note=plan.note + comparison)
    return plan


def _text_problems(where: str, value: str | None, *, most: int = MAX_TEXT, required: bool = True) -> list[Problem]:
    if value is None:
        return [] if not required else [Problem(where, "required")]
    if not value.strip():
        return [Problem(where, "must not be empty" if required else "blank: leave it out (null) instead")]
    if len(value) > most:
        return [Problem(where, f"at most {most:,} characters; found {len(value):,}")]
    return []


def _code(framework: Framework, where: str, kind: str, code: str | None) -> list[Problem]:
    if code is None or framework.knows(kind, code):
        return []
    return [Problem(where, f"no {kind} has the code {code!r} in {framework.edition_id}")]


def _cost(where: str, cost: int | None) -> list[Problem]:
    if cost is None or (not isinstance(cost, bool) and isinstance(cost, int) and cost >= 0):
        return []
    return [Problem(where, f"a cost is a whole number of pounds, not negative; found {cost!r}")]


def _action_problems(framework: Framework, where: str, action: PlanAction, plan: DevelopmentPlan) -> list[Problem]:
    problems = _text_problems(f"{where}.id", action.id, most=MAX_NAME)
    problems += _text_problems(f"{where}.text", action.text)
    problems += _code(framework, f"{where}.descriptor", "descriptor", action.descriptor)
    problems += _text_problems(f"{where}.owner", action.owner, most=MAX_NAME, required=False)
    problems += _text_problems(f"{where}.resources", action.resources, required=False)
    problems += _cost(f"{where}.cost", action.cost)
    if action.start is not None and action.due is not None and action.due < action.start:
        problems.append(Problem(f"{where}.due", f"{action.due} is before the action starts, {action.start}"))
    for name, day in (("start", action.start), ("due", action.due)):
        if day is not None and not plan.starts <= day <= plan.ends:
            message = f"{day} is outside the plan's years, {plan.starts} to {plan.ends}"
            problems.append(Problem(f"{where}.{name}", message))
    if action.done_on is not None and action.status is not ActionStatus.DONE:
        problems.append(Problem(f"{where}.done_on", f"given, but the action is {action.status.value}, not done"))
    if action.done_on is not None and action.start is not None and action.done_on < action.start:
        problems.append(Problem(f"{where}.done_on", f"{action.done_on} is before the action starts, {action.start}"))
    return problems


def _priority_problems(
    framework: Framework, where: str, priority: PlanPriority, plan: DevelopmentPlan
) -> list[Problem]:
    problems = _text_problems(f"{where}.id", priority.id, most=MAX_NAME)
    problems += _text_problems(f"{where}.objective", priority.objective)
    problems += _text_problems(f"{where}.reason", priority.reason) if priority.reason.strip() else []
    problems += _text_problems(f"{where}.lead", priority.lead, most=MAX_NAME, required=False)
    problems += _text_problems(f"{where}.resources", priority.resources, required=False)
    problems += _cost(f"{where}.cost", priority.cost)
    if not plan.starts < priority.by <= plan.ends:
        message = f"{priority.by} is outside the plan's years: after {plan.starts}, up to {plan.ends}"
        problems.append(Problem(f"{where}.by", message))
    problems += [
        Problem(f"{where}.contributory_factors[{n}]", f"no contributory factor {number!r} in {framework.edition_id}")
        for n, number in enumerate(priority.contributory_factors)
        if not framework.knows("contributory factor", number)
    ]
    counted = (
        ("actions", priority.actions),
        ("success_criteria", priority.success_criteria),
        ("milestones", priority.milestones),
        ("updates", priority.updates),
    )
    for name, items in counted:
        if len(items) > MAX_PLAN_ITEMS:
            problems.append(Problem(f"{where}.{name}", f"at most {MAX_PLAN_ITEMS:,}; found {len(items):,}"))
    for n, action in enumerate(priority.actions):
        problems += _action_problems(framework, f"{where}.actions[{n}]", action, plan)
    for n, criterion in enumerate(priority.success_criteria):
        at = f"{where}.success_criteria[{n}]"
        problems += _text_problems(f"{at}.id", criterion.id, most=MAX_NAME)
        problems += _text_problems(f"{at}.text", criterion.text)
        problems += _code(framework, f"{at}.descriptor", "descriptor", criterion.descriptor)
        problems += _code(framework, f"{at}.national_priority", "national priority", criterion.national_priority)
    problems += _dated_problems(f"{where}.milestones", priority.milestones)
    problems += _dated_problems(f"{where}.updates", priority.updates)
    problems += [
        Problem(f"{where}.{name}[{n}].date", f"{item.date} is outside the plan's years, {plan.starts} to {plan.ends}")
        for name, dated in _dated_parts(priority)
        for n, item in enumerate(dated)
        if not plan.starts <= item.date <= plan.ends
    ]
    return problems


def _dated_parts(priority: PlanPriority) -> "tuple[tuple[str, Sequence[Milestone | ProgressUpdate]], ...]":
    """A priority's dated parts, by name: its milestones and its progress updates."""
    return (("milestones", priority.milestones), ("updates", priority.updates))


def _dated_problems(where: str, dated: "Sequence[Milestone | ProgressUpdate]") -> list[Problem]:
    problems = []
    for n, item in enumerate(dated):
        problems += _text_problems(f"{where}[{n}].text", item.text)
        if n and item.date < dated[n - 1].date:
            message = f"{item.date} is before the one above it, {dated[n - 1].date}: keep them in date order"
            problems.append(Problem(f"{where}[{n}].date", message))
    return problems


def _unique(plan: DevelopmentPlan) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for p, priority in enumerate(plan.priorities):
        items = [(f"$.priorities[{p}].id", priority.id)]
        items += [(f"$.priorities[{p}].actions[{n}].id", a.id) for n, a in enumerate(priority.actions)]
        items += [
            (f"$.priorities[{p}].success_criteria[{n}].id", c.id) for n, c in enumerate(priority.success_criteria)
        ]
        for where, ident in items:
            if ident in seen:
                problems.append(Problem(where, f"{ident!r} is already the identifier at {seen[ident]}"))
            seen.setdefault(ident, where)
    return problems


def _review_problems(plan: DevelopmentPlan) -> list[Problem]:
    actions = {a.id for p in plan.priorities for a in p.actions}
    criteria = {c.id for p in plan.priorities for c in p.success_criteria}
    targets = {(p.id, aspect) for p in plan.priorities for aspect in p.aspects}
    problems = []
    for n, review in enumerate(plan.reviews):
        where = f"$.reviews[{n}]"
        problems += _text_problems(f"{where}.summary", review.summary)
        problems += [
            p for m, text in enumerate(review.evidence) for p in _text_problems(f"{where}.evidence[{m}]", text)
        ]
        if review.date < plan.starts:
            problems.append(Problem(f"{where}.date", f"{review.date} is before the plan starts, {plan.starts}"))
        if n and review.date <= plan.reviews[n - 1].date:
            message = f"{review.date} is not after the review above it, {plan.reviews[n - 1].date}"
            problems.append(Problem(f"{where}.date", message))
        problems += [
            Problem(f"{where}.actions[{m}].action", f"the plan has no action {state.action!r}")
            for m, state in enumerate(review.actions)
            if state.action not in actions
        ]
        problems += [
            Problem(f"{where}.criteria[{m}].criterion", f"the plan has no success criterion {state.criterion!r}")
            for m, state in enumerate(review.criteria)
            if state.criterion not in criteria
        ]
        problems += [
            Problem(f"{where}.targets[{m}]", f"the plan has no priority {state.priority!r} on aspect {state.aspect!r}")
            for m, state in enumerate(review.targets)
            if (state.priority, state.aspect) not in targets
        ]
    return problems


def _size_problems(plan: DevelopmentPlan) -> list[Problem]:
    """A plan larger than the limits: too many priorities, reviews or pieces of evidence."""
    counted = [
        ("$.priorities", len(plan.priorities), MAX_PLAN_PRIORITIES),
        ("$.reviews", len(plan.reviews), MAX_PLAN_REVIEWS),
        ("$.evidence_to_gather", len(plan.evidence_to_gather), MAX_PLAN_ITEMS),
    ]
    counted += [(f"$.reviews[{n}].evidence", len(r.evidence), MAX_PLAN_ITEMS) for n, r in enumerate(plan.reviews)]
    return [Problem(path, f"at most {most:,}; found {found:,}") for path, found, most in counted if found > most]


def plan_problems(framework: Framework, plan: DevelopmentPlan) -> list[Problem]:
    """Every problem with a development plan against the framework edition, each with its path.

    Checked: the edition; every code (aspects, descriptors, national
    priorities, contributory factors); every identifier unique in the plan;
    dates in order (the plan within three years, targets, actions and
    milestones within its years, an action due after it starts, milestones,
    updates and reviews in date order); every review naming only the plan's
    actions, criteria and targets; costs whole pounds; texts present and
    within the size limits.

    Examples:
        >>> import datetime
        >>> from school_improvement import DevelopmentPlan, load_framework, plan_problems
        >>> framework = load_framework()
        >>> day = datetime.date(2026, 11, 1)
        >>> plan = DevelopmentPlan("ex-1", framework.edition_id, day, day, datetime.date(2025, 1, 1), ())
        >>> [str(problem) for problem in plan_problems(framework, plan)]
        ['$.ends: 2025-01-01 is not after the plan starts, 2026-11-01']
    """
    problems = _text_problems("$.school", plan.school, most=MAX_NAME)
    if plan.framework_edition != framework.edition_id:
        message = f"the plan rests on {plan.framework_edition!r}, not {framework.edition_id!r}"
        problems.append(Problem("$.framework_edition", message))
    if plan.ends <= plan.starts:
        problems.append(Problem("$.ends", f"{plan.ends} is not after the plan starts, {plan.starts}"))
    elif plan.ends > years_after(plan.starts, PLAN_YEARS):
        message = f"{plan.ends} is more than {PLAN_YEARS} years after the plan starts, {plan.starts}"
        problems.append(Problem("$.ends", message))
    if plan.starts < plan.self_evaluation_date:
        message = f"{plan.starts} is before the self-evaluation it follows, {plan.self_evaluation_date}"
        problems.append(Problem("$.starts", message))
    problems += _size_problems(plan)
    if any(p.path in {"$.ends", "$.priorities", "$.reviews", "$.evidence_to_gather"} for p in problems):
        return problems
    problems += chosen_priority_problems(framework, plan.chosen, "$.priorities")
    for n, priority in enumerate(plan.priorities):
        problems += _priority_problems(framework, f"$.priorities[{n}]", priority, plan)
    problems += [
        Problem(
            f"$.evidence_to_gather[{n}].aspect", f"no aspect has the code {item.aspect!r} in {framework.edition_id}"
        )
        for n, item in enumerate(plan.evidence_to_gather)
        if not framework.knows("aspect", item.aspect)
    ]
    return problems + _unique(plan) + _review_problems(plan)
