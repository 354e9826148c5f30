"""A survey: every school of a register taken through the cycle, ready to roll up and to match.

Each school's own decisions lead: the priorities agreed in its latest
professional discussion, else those of its development plan, else the
library's recommendation to the default targets; every output says which.
"""

import datetime
import enum
from collections.abc import Iterable

import attrs

from school_improvement._assessment.assess import StageProfile, Sufficiency, rule_of
from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._assessment.quality import STALE_SELF_EVALUATION, Finding
from school_improvement._assessment.rules import StageRule
from school_improvement._authority.schools import School
from school_improvement._content.framework import Framework
from school_improvement._errors import AnalysisError, Problem
from school_improvement._planning.choices import ChosenPriority, PriorityNotice
from school_improvement._planning.cycle import run_cycle
from school_improvement._planning.discussion import DiscussionRecord, discussion_problems
from school_improvement._planning.next_steps import Recommendation, Weighting
from school_improvement._planning.plan import DevelopmentPlan, plan_problems
from school_improvement._planning.review import PlanReview, review_plan


class DecisionBasis(enum.Enum):
    """Where a surveyed school's priorities and targets come from."""

    AGREED = "agreed"
    """The priorities agreed in its latest professional discussion, when that agreed any."""
    PLAN = "plan"
    """The priorities of its development plan."""
    DEFAULTS = "defaults"
    """The library's recommendation to the default targets (the next stage in each aspect)."""


@attrs.frozen
class SchoolBasis:
    """Which basis one school's priorities were taken on, in words.

    Attributes:
        school: The school's reference.
        basis: Agreed, plan or defaults.
        date: The date of the discussion that agreed them, or the date the
            plan starts; ``None`` on the defaults.
        explanation: The basis, and why, in words.
    """

    school: str
    basis: DecisionBasis
    date: datetime.date | None
    explanation: str


_DEFAULTS_WORDS = "the library's recommendation to the next stage in each aspect is used"


@attrs.frozen
class SchoolSnapshot:
    """Where one school stands at its latest self-evaluation.

    Attributes:
        school: The school's record.
        profile: Its stage profile.
        findings: The evidence-quality findings on its self-evaluation.
        recommendation: Its priorities and next steps: those it agreed or
            planned (see ``basis``), else the library's recommendation to the
            default targets (the next stage in each aspect).
        basis: Where its priorities come from.
        plan: Its development plan, if the survey was given one.
        discussion: Its latest professional discussion record on or before
            the survey's date, if the survey was given one.
        review: Its plan reviewed at the survey's date against its latest
            self-evaluation, when it has a plan.
        notices: What the library notices about the priorities it chose or
            agreed (see [`check_priorities`][school_improvement.check_priorities]).
        as_of: The snapshot's date.
    """

    school: School
    profile: StageProfile
    findings: tuple[Finding, ...]
    recommendation: Recommendation
    basis: DecisionBasis = DecisionBasis.DEFAULTS
    plan: DevelopmentPlan | None = None
    discussion: DiscussionRecord | None = None
    review: PlanReview | None = None
    notices: tuple[PriorityNotice, ...] = ()
    as_of: datetime.date | None = None

    @property
    def review_due(self) -> datetime.date | None:
        """The discussion's next review date, when it has passed by the snapshot's date: time to meet again."""
        record = self.discussion
        if record is None or self.as_of is None or record.next_review >= self.as_of:
            return None
        return record.next_review

    @property
    def old(self) -> bool:
        """True when the self-evaluation was older than the survey allows at the survey's date."""
        return any(finding.check == STALE_SELF_EVALUATION for finding in self.findings)

    @property
    def chosen(self) -> tuple[ChosenPriority, ...]:
        """The school's own priorities its recommendation follows: agreed, or its plan's; empty on the defaults."""
        if self.basis is DecisionBasis.AGREED and self.discussion is not None:
            return self.discussion.agreed_priorities
        if self.basis is DecisionBasis.PLAN and self.plan is not None:
            return self.plan.chosen
        return ()

    def explain_basis(self) -> SchoolBasis:
        """The basis of the school's priorities, with why that one, in words."""
        record, plan = self.discussion, self.plan
        if self.basis is DecisionBasis.AGREED and record is not None:
            before = ", before those of its development plan" if plan is not None and plan.priorities else ""
            why = f"agreed: the priorities agreed in the professional discussion of {record.date} are used{before}"
            if self.review_due is not None:
                why += f"; its next review, due {record.next_review}, has passed"
            return SchoolBasis(self.school.ref, self.basis, record.date, why)
        if self.basis is DecisionBasis.PLAN and plan is not None:
            why = f"plan: the priorities of its development plan ({plan.starts} to {plan.ends}) are used"
            if record is not None and record.agreed_priorities:
                why += f", written after its professional discussion of {record.date}"
            elif record is not None:
                why += f"; its professional discussion of {record.date} agreed none"
            return SchoolBasis(self.school.ref, self.basis, plan.starts, why)
        if record is None and plan is None:
            why = f"defaults: no plan or discussion record was given, so {_DEFAULTS_WORDS}"
        else:
            parts = [] if record is None else [f"its professional discussion of {record.date} agreed no priorities"]
            parts.append("it has no plan" if plan is None else "its plan sets no priorities")
            why = f"defaults: {' and '.join(parts)}, so {_DEFAULTS_WORDS}"
        return SchoolBasis(self.school.ref, DecisionBasis.DEFAULTS, None, why)


@attrs.frozen
class SelfEvaluationAge:
    """How old one school's self-evaluation is at the survey's date.

    Attributes:
        school: The school's reference.
        date: The date of its latest self-evaluation.
        days: Its age at the survey's date, in days.
        old: True when it is older than the survey allows.
    """

    school: str
    date: datetime.date
    days: int
    old: bool


@attrs.frozen
class Survey:
    """The schools of a register, each at its latest self-evaluation.

    Attributes:
        framework_edition: The edition every school was assessed against.
        snapshots: One per school with a self-evaluation, in register order.
        without_self_evaluation: The references of schools in the register
            with no self-evaluation, in register order.
        as_of: The survey's date: the date every self-evaluation and its
            evidence is aged at. ``None`` for a survey built by hand.
        max_age_days: How old a self-evaluation, or its evidence, may be at
            ``as_of`` before it is flagged.
    """

    framework_edition: str
    snapshots: tuple[SchoolSnapshot, ...]
    without_self_evaluation: tuple[str, ...] = ()
    as_of: datetime.date | None = None
    max_age_days: int = 365

    def bases(self) -> tuple[SchoolBasis, ...]:
        """Each surveyed school's basis for its priorities, in words, in register order."""
        return tuple(item.explain_basis() for item in self.snapshots)

    def ages(self) -> tuple[SelfEvaluationAge, ...]:
        """Each surveyed school's self-evaluation date and age at the survey's date, in register order."""
        when = self.as_of or max((item.profile.date for item in self.snapshots), default=None)
        return tuple(
            SelfEvaluationAge(item.school.ref, item.profile.date, (when - item.profile.date).days, item.old)
            for item in self.snapshots
            if when is not None
        )


def survey_problems(framework: Framework, survey: Survey) -> list[Problem]:
    """What stops a survey being rolled up or matched.

    Another edition, a school twice, a profile, recommendation, plan,
    discussion record or review not its school's or of another edition, or
    a basis the snapshot does not bear out.
    """
    problems = []
    if survey.framework_edition != framework.edition_id:
        message = f"the survey is against {survey.framework_edition!r}, not {framework.edition_id!r}"
        problems.append(Problem("$.framework_edition", message))
    seen: set[str] = set()
    for place, item in enumerate(survey.snapshots):
        ref = item.school.ref
        if ref in seen:
            problems.append(Problem(f"$.snapshots[{place}].school.ref", f"school {ref!r} appears twice"))
        seen.add(ref)
        parts: list[tuple[str, Recommendation | StageProfile | DevelopmentPlan | DiscussionRecord | PlanReview]] = [
            ("profile", item.profile),
            ("recommendation", item.recommendation),
        ]
        parts += [(part, of) for part, of in (("plan", item.plan), ("discussion", item.discussion)) if of is not None]
        parts += [("review", item.review)] if item.review is not None else []
        for part, of in parts:
            if of.school != ref:
                message = f"the {part} is of {of.school!r}, not {ref!r}"
                problems.append(Problem(f"$.snapshots[{place}].{part}.school", message))
            if of.framework_edition != framework.edition_id:
                message = f"the {part} is against {of.framework_edition!r}, not {framework.edition_id!r}"
                problems.append(Problem(f"$.snapshots[{place}].{part}.framework_edition", message))
        problems += _basis_problems(f"$.snapshots[{place}]", item)
    return problems


def _basis_problems(where: str, item: SchoolSnapshot) -> list[Problem]:
    """A basis the snapshot does not bear out, and a review without its plan."""
    problems = []
    if item.review is not None and item.plan is None:
        problems.append(Problem(f"{where}.review", "a plan review is given without the plan"))
    basis = item.basis
    if basis is DecisionBasis.AGREED and (item.discussion is None or not item.discussion.agreed_priorities):
        message = "the basis is agreed, but the snapshot has no discussion record that agreed priorities"
        problems.append(Problem(f"{where}.basis", message))
    if basis is DecisionBasis.PLAN and (item.plan is None or not item.plan.priorities):
        problems.append(Problem(f"{where}.basis", "the basis is plan, but the snapshot has no plan with priorities"))
    if item.recommendation.chosen_by_school != (basis is not DecisionBasis.DEFAULTS):
        message = (
            "the recommendation follows the school's own choice, but the basis is defaults"
            if item.recommendation.chosen_by_school
            else f"the basis is {basis.value}, but the recommendation is the library's, not the school's choice"
        )
        problems.append(Problem(f"{where}.basis", message))
    return problems


def _under(prefix: str, problems: Iterable[Problem]) -> list[Problem]:
    """Problems found in one part of the input, with paths from the whole input's root."""
    return [Problem(prefix + problem.path.removeprefix("$"), problem.message) for problem in problems]


def _chosen(
    plan: DevelopmentPlan | None, discussion: DiscussionRecord | None
) -> tuple[DecisionBasis, tuple[ChosenPriority, ...] | None]:
    """The basis of a school's priorities, and the priorities it chose: the later of agreed and planned, else none.

    The priorities agreed in a discussion lead, unless the school's plan was
    written after it (the plan starts after the discussion's date): the
    later decision stands.
    """
    later_plan = plan is not None and bool(plan.priorities) and (discussion is None or plan.starts > discussion.date)
    if discussion is not None and discussion.agreed_priorities and not later_plan:
        return DecisionBasis.AGREED, discussion.agreed_priorities
    if plan is not None and plan.priorities:
        return DecisionBasis.PLAN, plan.chosen
    return DecisionBasis.DEFAULTS, None


def _dated_after(
    plan_at: str,
    plan: DevelopmentPlan | None,
    record_at: str,
    record: DiscussionRecord | None,
    when: datetime.date | None,
) -> list[Problem]:
    """A plan following a self-evaluation, or a discussion record, dated after the survey's date: not yet known then."""
    problems = []
    if when is not None and plan is not None and plan.self_evaluation_date > when:
        message = (
            f"{plan.school!r} has a plan following a self-evaluation of {plan.self_evaluation_date}, after the "
            f"survey's date, {when}"
        )
        problems.append(Problem(f"{plan_at}.self_evaluation_date", message))
    if when is not None and record is not None and record.date > when:
        message = f"{record.school!r} has a discussion record dated {record.date}, after the survey's date, {when}"
        problems.append(Problem(f"{record_at}.date", message))
    return problems


def _snapshot(  # noqa: PLR0913 (the keyword options are those of the cycle, and the school's decisions)
    framework: Framework,
    school: School,
    evaluation: SelfEvaluation,
    rule: StageRule,
    *,
    sufficiency: Sufficiency | None,
    weighting: Weighting | None,
    when: datetime.date | None,
    max_age_days: int,
    plan: DevelopmentPlan | None,
    discussion: DiscussionRecord | None,
) -> SchoolSnapshot:
    """One school through the cycle, on checked inputs: its chosen priorities lead, and its plan is reviewed."""
    basis, chosen = _chosen(plan, discussion)
    cycle = run_cycle(
        framework,
        evaluation,
        rule,
        sufficiency=sufficiency,
        weighting=weighting,
        as_of=when,
        max_age_days=max_age_days,
        chosen=chosen,
    )
    review = None
    if plan is not None:
        on = evaluation.date if when is None else when
        review = review_plan(framework, plan, on, evaluation, rule=rule, sufficiency=sufficiency)
    return SchoolSnapshot(
        school,
        cycle.profile,
        cycle.findings,
        cycle.recommendation,
        basis,
        plan,
        discussion,
        review,
        cycle.notices,
        when,
    )


def snapshot(  # noqa: PLR0913 (the keyword options are those of the cycle, and the school's decisions)
    framework: Framework,
    school: School,
    evaluation: SelfEvaluation,
    rule: str | StageRule = "cumulative",
    *,
    sufficiency: Sufficiency | None = None,
    weighting: Weighting | None = None,
    as_of: datetime.date | None = None,
    max_age_days: int = 365,
    plan: DevelopmentPlan | None = None,
    discussion: DiscussionRecord | None = None,
) -> SchoolSnapshot:
    """Take one school through the cycle: assess, check the evidence, find the gaps, recommend priorities.

    The cycle is [`run_cycle`][school_improvement.run_cycle]'s. The school's
    own decisions lead: the priorities agreed in ``discussion``, when it
    agreed any, else those of its ``plan``, else the library's
    recommendation to the default targets (the next stage in each aspect);
    the snapshot's ``basis`` says which. A plan is also reviewed at the
    snapshot's date against the self-evaluation.

    The snapshot's date is ``as_of``, or by default the later of the
    self-evaluation's and the discussion's dates.

    Raises:
        AnalysisError: If the self-evaluation, plan or discussion record is
            another school's, the plan or record does not fit the framework
            (another edition, say), the record is dated after ``as_of``, or
            the priorities followed name an aspect twice.
        SelfEvaluationError: If the self-evaluation does not fit the framework.
    """
    problems = []
    if evaluation.school != school.ref:
        message = f"the self-evaluation is of {evaluation.school!r}, not {school.ref!r}"
        problems.append(Problem("$.school", message))
    for part, of in (("plan", plan), ("discussion", discussion)):
        if of is not None and of.school != school.ref:
            problems.append(Problem(f"$.{part}.school", f"the {part} is of {of.school!r}, not {school.ref!r}"))
    if plan is not None:
        problems += _under("$.plan", plan_problems(framework, plan))
    if discussion is not None:
        problems += _under("$.discussion", discussion_problems(framework, discussion))
    when = as_of
    if when is None and discussion is not None:
        when = max(evaluation.date, discussion.date)
    problems += _dated_after("$.plan", plan, "$.discussion", discussion, when)
    if problems:
        raise AnalysisError(school.ref, problems)
    return _snapshot(
        framework,
        school,
        evaluation,
        rule_of(rule),
        sufficiency=sufficiency,
        weighting=weighting,
        when=when,
        max_age_days=max_age_days,
        plan=plan,
        discussion=discussion,
    )


def survey(  # noqa: PLR0913 (the keyword options are those of the cycle, and the schools' decisions)
    framework: Framework,
    schools: Iterable[School],
    evaluations: Iterable[SelfEvaluation],
    rule: str | StageRule = "cumulative",
    *,
    sufficiency: Sufficiency | None = None,
    weighting: Weighting | None = None,
    as_of: datetime.date | None = None,
    max_age_days: int = 365,
    plans: Iterable[DevelopmentPlan] = (),
    discussions: Iterable[DiscussionRecord] = (),
) -> Survey:
    """Take every school in a register through the cycle, at its latest self-evaluation, following its decisions.

    Each school is assessed by ``rule``, its evidence is checked, its gaps
    found and its priorities set, as [`snapshot`][school_improvement.snapshot]
    does. A school with several self-evaluations is taken at its latest (two
    on the same date are an error); a school with none is listed in
    ``without_self_evaluation``.

    The school's own decisions lead. Its priorities and targets are those
    agreed in its latest professional discussion record on or before the
    survey's date, when that agreed any; else those of its development plan;
    else the library's recommendation to the default targets (the next stage
    in each aspect). Each snapshot's ``basis`` says which, and
    [`Survey.bases`][school_improvement.Survey.bases] says it in words. A
    school's plan is also reviewed at the survey's date against its latest
    self-evaluation.

    Every self-evaluation, and its evidence, is aged at ``as_of``, the survey's
    date: one older than ``max_age_days`` is flagged (its evidence checks say
    so, and it offers no strengths to match), so an old self-evaluation never
    looks current beside new ones.

    Args:
        framework: The framework edition.
        schools: The register, such as [`read_school_register`][school_improvement.read_school_register] gives.
        evaluations: The schools' self-evaluations, in any order.
        rule: The stage rule, by name or as an object.
        sufficiency: The evidence needed before a stage is judged.
        weighting: The weighting that ranks the priorities of schools on the defaults.
        as_of: The survey's date (today, say); by default the latest date of
            the self-evaluations and discussion records surveyed.
        max_age_days: How old a self-evaluation or its evidence may be at
            ``as_of`` before it is flagged (default 365).
        plans: The schools' development plans, at most one per school.
        discussions: The schools' professional discussion records, in any
            order; each school's latest is used.

    Raises:
        AnalysisError: If a school is listed twice; a self-evaluation, plan or
            discussion record is of a school the register does not list; a
            school has two self-evaluations or two discussion records on one
            date, or two plans; a self-evaluation or record is dated after
            ``as_of``, or a plan follows a self-evaluation after it; a plan or
            record does not fit the framework (another edition, say); or the
            priorities a school's cycle follows name an aspect twice. Every
            problem is listed with its path (``$.plans[0].ends``), and nothing
            is surveyed.
        SelfEvaluationError: If a self-evaluation does not fit the framework.

    Examples:
        >>> import datetime
        >>> from school_improvement import LanguageMedium, Phase, School, SelfEvaluation, load_framework, survey
        >>> framework = load_framework()
        >>> schools = [
        ...     School("ex-1", "Example Primary", "Example County", "North", Phase.PRIMARY, LanguageMedium.WELSH),
        ...     School("ex-2", "Example High", "Example County", "North", Phase.SECONDARY, LanguageMedium.ENGLISH),
        ... ]
        >>> evaluation = SelfEvaluation("ex-1", datetime.date(2026, 11, 1), framework.edition_id)
        >>> result = survey(framework, schools, [evaluation])
        >>> [item.school.ref for item in result.snapshots], result.without_self_evaluation
        (['ex-1'], ('ex-2',))
        >>> print(result.bases()[0].explanation)
        defaults: no plan or discussion record was given, so the library's recommendation to the next stage in
        each aspect is used
    """
    register = list(schools)
    problems: list[Problem] = []
    places: dict[str, int] = {}
    for place, school in enumerate(register):
        if school.ref in places:
            message = f"school {school.ref!r} is listed twice (first at schools[{places[school.ref]}])"
            problems.append(Problem(f"$.schools[{place}].ref", message))
        places.setdefault(school.ref, place)
    given = list(evaluations)
    given_plans, records = list(plans), list(discussions)
    when = as_of or max([e.date for e in given] + [record.date for record in records], default=None)
    latest = _evaluations(given, places, when, problems)
    plan_of = _plans(framework, given_plans, places, when, problems)
    record_of = _records(framework, records, places, when, problems)
    if problems:
        raise AnalysisError("the survey", problems)
    chosen_rule = rule_of(rule)
    snapshots = tuple(
        _snapshot(
            framework,
            school,
            latest[school.ref][1],
            chosen_rule,
            sufficiency=sufficiency,
            weighting=weighting,
            when=when,
            max_age_days=max_age_days,
            plan=plan_of[school.ref][1] if school.ref in plan_of else None,
            discussion=record_of[school.ref][1] if school.ref in record_of else None,
        )
        for school in register
        if school.ref in latest
    )
    missing = tuple(school.ref for school in register if school.ref not in latest)
    return Survey(framework.edition_id, snapshots, missing, when, max_age_days)


def _evaluations(
    evaluations: list[SelfEvaluation], places: dict[str, int], when: datetime.date | None, problems: list[Problem]
) -> dict[str, tuple[int, SelfEvaluation]]:
    """Each school's latest self-evaluation with its place, the problems found added to ``problems``."""
    latest: dict[str, tuple[int, SelfEvaluation]] = {}
    for place, evaluation in enumerate(evaluations):
        ref = evaluation.school
        if when is not None and evaluation.date > when:
            message = f"{ref!r} has a self-evaluation dated {evaluation.date}, after the survey's date, {when}"
            problems.append(Problem(f"$.evaluations[{place}].date", message))
        elif ref not in places:
            problems.append(Problem(f"$.evaluations[{place}].school", f"the register lists no school {ref!r}"))
        elif ref in latest and evaluation.date == latest[ref][1].date:
            message = (
                f"{ref!r} has two self-evaluations dated {evaluation.date} (the other at evaluations[{latest[ref][0]}])"
            )
            problems.append(Problem(f"$.evaluations[{place}].date", message))
        elif ref not in latest or evaluation.date > latest[ref][1].date:
            latest[ref] = (place, evaluation)
    return latest


def _plans(
    framework: Framework,
    plans: list[DevelopmentPlan],
    places: dict[str, int],
    when: datetime.date | None,
    problems: list[Problem],
) -> dict[str, tuple[int, DevelopmentPlan]]:
    """Each school's plan with its place, the problems of every plan added to ``problems``."""
    found: dict[str, tuple[int, DevelopmentPlan]] = {}
    for place, plan in enumerate(plans):
        where, ref = f"$.plans[{place}]", plan.school
        if ref not in places:
            problems.append(Problem(f"{where}.school", f"the register lists no school {ref!r}"))
        elif ref in found:
            message = f"{ref!r} has two plans (the other at plans[{found[ref][0]}]): give the one it follows"
            problems.append(Problem(f"{where}.school", message))
        else:
            found[ref] = (place, plan)
        problems += _dated_after(where, plan, "", None, when)
        problems += _under(where, plan_problems(framework, plan))
    return found


def _records(
    framework: Framework,
    records: list[DiscussionRecord],
    places: dict[str, int],
    when: datetime.date | None,
    problems: list[Problem],
) -> dict[str, tuple[int, DiscussionRecord]]:
    """Each school's latest discussion record with its place, the problems of every record added to ``problems``."""
    latest: dict[str, tuple[int, DiscussionRecord]] = {}
    for place, record in enumerate(records):
        where, ref = f"$.discussions[{place}]", record.school
        late = _dated_after("", None, where, record, when)
        if late:
            problems += late
        elif ref not in places:
            problems.append(Problem(f"{where}.school", f"the register lists no school {ref!r}"))
        elif ref in latest and record.date == latest[ref][1].date:
            message = (
                f"{ref!r} has two discussion records dated {record.date} (the other at discussions[{latest[ref][0]}])"
            )
            problems.append(Problem(f"{where}.date", message))
        elif ref not in latest or record.date > latest[ref][1].date:
            latest[ref] = (place, record)
        problems += _under(where, discussion_problems(framework, record))
    return latest
