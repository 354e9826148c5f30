"""A survey: every school of a register taken through the cycle, ready to roll up and to match."""

import datetime
from collections.abc import Iterable

import attrs

from school_improvement._assessment.assess import StageProfile, Sufficiency, rule_of
from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._assessment.quality import STALE_SELF_EVALUATION, Finding
from school_improvement._assessment.rules import StageRule
from school_improvement._authority.schools import School
from school_improvement._content.framework import Framework
from school_improvement._errors import AnalysisError, Problem
from school_improvement._planning.cycle import run_cycle
from school_improvement._planning.next_steps import Recommendation, Weighting


@attrs.frozen
class SchoolSnapshot:
    """Where one school stands at its latest self-evaluation.

    Attributes:
        school: The school's record.
        profile: Its stage profile.
        findings: The evidence-quality findings on its self-evaluation.
        recommendation: Its recommended priorities, from the default targets
            (the next stage in each aspect).
    """

    school: School
    profile: StageProfile
    findings: tuple[Finding, ...]
    recommendation: Recommendation

    @property
    def old(self) -> bool:
        """True when the self-evaluation was older than the survey allows at the survey's date."""
        return any(finding.check == STALE_SELF_EVALUATION for finding in self.findings)


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

    def ages(self) -> tuple[SelfEvaluationAge, ...]:
        """Each surveyed school's self-evaluation date and age at the survey's date, in register order."""
        when = self.as_of or max((item.profile.date for item in self.snapshots), default=None)
        return tuple(
            SelfEvaluationAge(item.school.ref, item.profile.date, (when - item.profile.date).days, item.old)
            for item in self.snapshots
            if when is not None
        )


def survey_problems(framework: Framework, survey: Survey) -> list[Problem]:
    """What stops a survey being rolled up or matched: another edition, a school twice, a profile not its school's."""
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
        for part, of in (("profile", item.profile), ("recommendation", item.recommendation)):
            if of.school != ref:
                message = f"the {part} is of {of.school!r}, not {ref!r}"
                problems.append(Problem(f"$.snapshots[{place}].{part}.school", message))
            if of.framework_edition != framework.edition_id:
                message = f"the {part} is against {of.framework_edition!r}, not {framework.edition_id!r}"
                problems.append(Problem(f"$.snapshots[{place}].{part}.framework_edition", message))
    return problems


def snapshot(  # noqa: PLR0913 (the keyword options are those of the cycle)
    framework: Framework,
    school: School,
    evaluation: SelfEvaluation,
    rule: str | StageRule = "cumulative",
    *,
    sufficiency: Sufficiency | None = None,
    weighting: Weighting | None = None,
    as_of: datetime.date | None = None,
    max_age_days: int = 365,
) -> SchoolSnapshot:
    """Take one school through the cycle: assess, check the evidence, find the gaps, recommend priorities.

    The cycle is [`run_cycle`][school_improvement.run_cycle]'s, to the default
    targets (the next stage in each aspect).

    Raises:
        AnalysisError: If the self-evaluation is another school's.
        SelfEvaluationError: If it does not fit the framework.
    """
    if evaluation.school != school.ref:
        message = f"the self-evaluation is of {evaluation.school!r}, not {school.ref!r}"
        raise AnalysisError(school.ref, [Problem("$.school", message)])
    cycle = run_cycle(
        framework,
        evaluation,
        rule,
        sufficiency=sufficiency,
        weighting=weighting,
        as_of=as_of,
        max_age_days=max_age_days,
    )
    return SchoolSnapshot(school, cycle.profile, cycle.findings, cycle.recommendation)


def survey(  # noqa: PLR0913 (the keyword options are those of the cycle)
    framework: Framework,
    schools: Iterable[School],
    evaluations: Iterable[SelfEvaluation],
    rule: str | StageRule = "cumulative",
    *,
    sufficiency: Sufficiency | None = None,
    weighting: Weighting | None = None,
    as_of: datetime.date | None = None,
    max_age_days: int = 365,
) -> Survey:
    """Take every school in a register through the cycle, at its latest self-evaluation.

    Each school is assessed by ``rule``, its evidence is checked, its gaps to
    the default targets (the next stage in each aspect) are found and its
    priorities recommended, as [`snapshot`][school_improvement.snapshot] does.
    A school with several self-evaluations is taken at its latest (two on the
    same date are an error); a school with none is listed in
    ``without_self_evaluation``.

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
        weighting: The weighting that ranks each school's priorities.
        as_of: The survey's date (today, say); by default the latest date of
            the self-evaluations surveyed.
        max_age_days: How old a self-evaluation or its evidence may be at
            ``as_of`` before it is flagged (default 365).

    Raises:
        AnalysisError: If a school is listed twice, a self-evaluation is of a
            school the register does not list, a school has two on one date,
            or one is dated after ``as_of``; nothing is surveyed.
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
    """
    register = list(schools)
    problems: list[Problem] = []
    places: dict[str, int] = {}
    for place, school in enumerate(register):
        if school.ref in places:
            message = f"school {school.ref!r} is listed twice (first at schools[{places[school.ref]}])"
            problems.append(Problem(f"$.schools[{place}].ref", message))
        places.setdefault(school.ref, place)
    latest: dict[str, tuple[int, SelfEvaluation]] = {}
    given = list(evaluations)
    when = as_of or max((evaluation.date for evaluation in given), default=None)
    for place, evaluation in enumerate(given):
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
    if problems:
        raise AnalysisError("the survey", problems)
    chosen = rule_of(rule)
    snapshots = tuple(
        snapshot(
            framework,
            school,
            latest[school.ref][1],
            chosen,
            sufficiency=sufficiency,
            weighting=weighting,
            as_of=when,
            max_age_days=max_age_days,
        )
        for school in register
        if school.ref in latest
    )
    missing = tuple(school.ref for school in register if school.ref not in latest)
    return Survey(framework.edition_id, snapshots, missing, when, max_age_days)
