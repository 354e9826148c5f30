"""Progress over time: one school's journey across its self-evaluations."""

import datetime
import enum
from collections.abc import Sequence

import attrs

from school_improvement._assessment.assess import JudgementStatus, StageProfile, Sufficiency, assess, rule_of
from school_improvement._assessment.checked import CheckedSelfEvaluation, checked
from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._assessment.rules import StageRule
from school_improvement._content.framework import ASPECT_FIELD, DESCRIPTOR_FIELD, Framework
from school_improvement._errors import AnalysisError, Problem
from school_improvement._stage import Stage


class Movement(enum.Enum):
    """How an aspect's stage moved between two self-evaluations."""

    UP = "up"
    STEADY = "steady"
    DOWN = "down"
    UNKNOWN = "unknown"
    """One of the two had not enough evidence to judge, or the aspect applied at one and not the other."""
    NOT_APPLICABLE = "not-applicable"
    """The aspect applied to the school at neither."""


@attrs.frozen
class Transition:
    """What changed in one aspect between two self-evaluations.

    Attributes:
        earlier: The date of the earlier self-evaluation.
        later: The date of the later one.
        movement: Up, steady, down, or unknown.
        newly_met: Descriptors met in the later self-evaluation but not the earlier one.
        no_longer_met: Descriptors met in the earlier self-evaluation but not the later one.
    """

    earlier: datetime.date
    later: datetime.date
    movement: Movement
    newly_met: tuple[str, ...] = attrs.field(metadata=DESCRIPTOR_FIELD)
    no_longer_met: tuple[str, ...] = attrs.field(metadata=DESCRIPTOR_FIELD)


@attrs.frozen
class AspectProgress:
    """One aspect's journey across the self-evaluations.

    Attributes:
        aspect: The aspect's code.
        statuses: The judgement's status at each self-evaluation, oldest first.
        stages: The stage at each self-evaluation, oldest first (``None`` for none,
            or not enough evidence).
        transitions: What changed between each pair of consecutive self-evaluations.
        stalled: True when the stage has not moved over the last ``stalled_after``
            self-evaluations, short of the top stage.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    statuses: tuple[JudgementStatus, ...]
    stages: tuple[Stage | None, ...]
    transitions: tuple[Transition, ...]
    stalled: bool


@attrs.frozen
class ProgressReport:
    """One school's progress across its self-evaluations, aspect by aspect.

    Attributes:
        school: The school's reference.
        framework_edition: The edition all the self-evaluations rate.
        dates: The self-evaluations' dates, oldest first.
        rule: The name of the rule the stages were judged by.
        stalled_after: How many unmoving self-evaluations count as stalled.
        aspects: Each aspect's progress, in source order.
        profiles: The stage profiles, oldest first.
    """

    school: str
    framework_edition: str
    dates: tuple[datetime.date, ...]
    rule: str
    stalled_after: int
    aspects: tuple[AspectProgress, ...]
    profiles: tuple[StageProfile, ...]

    @property
    def stalled(self) -> tuple[str, ...]:
        """The codes of stalled aspects."""
        return tuple(progress.aspect for progress in self.aspects if progress.stalled)

    def reached(self, aspect: str, stage: Stage) -> bool:
        """Whether the aspect had reached ``stage`` at the latest self-evaluation, as a plan review judges a target."""
        return self.profiles[-1].judgement(aspect).reaches(stage)


def _movement(before: tuple[JudgementStatus, Stage | None], after: tuple[JudgementStatus, Stage | None]) -> Movement:
    if before[0] is after[0] is JudgementStatus.NOT_APPLICABLE:
        return Movement.NOT_APPLICABLE
    if not (before[0].judged and after[0].judged):
        return Movement.UNKNOWN
    was = 0 if before[1] is None else before[1].position
    now = 0 if after[1] is None else after[1].position
    return Movement.UP if now > was else Movement.DOWN if now < was else Movement.STEADY


def _check_series(evaluations: Sequence[SelfEvaluation | CheckedSelfEvaluation], stalled_after: int) -> list[Problem]:
    problems: list[Problem] = []
    if not evaluations:
        problems.append(Problem("$", "give at least one self-evaluation"))
        return problems
    first = evaluations[0]
    for place, evaluation in enumerate(evaluations[1:], start=1):
        if evaluation.school != first.school:
            message = f"is for school {evaluation.school!r}, not {first.school!r}: progress is one school's"
            problems.append(Problem(f"$[{place}].school", message))
        if evaluation.framework_edition != first.framework_edition:
            message = (
                f"rates edition {evaluation.framework_edition!r}, not {first.framework_edition!r}: "
                "stages from different editions do not compare"
            )
            problems.append(Problem(f"$[{place}].framework_edition", message))
    dates = [evaluation.date for evaluation in evaluations]
    problems += [
        Problem(f"$[{place}].date", f"two self-evaluations are dated {date}")
        for place, date in enumerate(dates)
        if dates.index(date) != place
    ]
    if stalled_after < 2:
        problems.append(Problem("$.stalled_after", "must be at least 2"))
    return problems


def track_progress(
    framework: Framework,
    evaluations: Sequence[SelfEvaluation | CheckedSelfEvaluation],
    rule: str | StageRule = "cumulative",
    *,
    sufficiency: Sufficiency | None = None,
    stalled_after: int = 3,
) -> ProgressReport:
    """Compare one school's self-evaluations over time, aspect by aspect.

    The self-evaluations are put in date order and each is assessed with the
    same rule. For each aspect: the movement between consecutive reviews (up,
    steady, down, or unknown when evidence was short), whether it has stalled
    (the same stage over the last ``stalled_after`` reviews, short of the top),
    and which descriptors became met or stopped being met.

    Raises:
        AnalysisError: If the self-evaluations are of different schools or
            framework editions, two share a date, none is given, or
            ``stalled_after`` is below 2.
        SelfEvaluationError: If a self-evaluation does not fit the framework.

    Examples:
        >>> import datetime
        >>> from school_improvement import (
        ...     DescriptorRating,
        ...     Evidence,
        ...     EvidenceKind,
        ...     Rating,
        ...     SelfEvaluation,
        ...     load_framework,
        ...     track_progress,
        ... )
        >>> framework = load_framework()
        >>> def review(day, rating):
        ...     seen = (Evidence(EvidenceKind.LEARNER_VOICE, day), Evidence(EvidenceKind.STAFF_VIEWS, day))
        ...     ratings = (DescriptorRating("PV.1.1", Rating.FULLY, seen), DescriptorRating("PV.2.1", rating, seen))
        ...     return SelfEvaluation("example-primary", day, framework.edition_id, ratings)
        >>> report = track_progress(
        ...     framework,
        ...     [review(datetime.date(2026, 7, 1), Rating.MOSTLY), review(datetime.date(2025, 7, 1), Rating.PARTLY)],
        ... )
        >>> pupil_voice = report.aspects[8]
        >>> [t.movement.value for t in pupil_voice.transitions], pupil_voice.transitions[0].newly_met
        (['up'], ('PV.2.1',))
    """
    problems = _check_series(evaluations, stalled_after)
    if problems:
        school = evaluations[0].school if evaluations else "progress"
        raise AnalysisError(school, problems)
    ordered = sorted((checked(framework, evaluation) for evaluation in evaluations), key=lambda form: form.date)
    chosen = rule_of(rule)
    profiles = tuple(assess(framework, form, chosen, sufficiency=sufficiency) for form in ordered)
    threshold = chosen.threshold
    met = [form.met(threshold) for form in ordered]
    aspects = []
    for aspect in framework.aspects:
        codes = [code for cell in ordered[0].aspects[aspect.code].cells for code, _ in cell.ratings]
        judged = [(p.judgement(aspect.code).status, p.judgement(aspect.code).stage) for p in profiles]
        transitions = tuple(
            Transition(
                ordered[n].date,
                ordered[n + 1].date,
                _movement(judged[n], judged[n + 1]),
                tuple(code for code in codes if code in met[n + 1] and code not in met[n]),
                tuple(code for code in codes if code in met[n] and code not in met[n + 1]),
            )
            for n in range(len(ordered) - 1)
        )
        recent = judged[-stalled_after:]
        stalled = (
            len(recent) == stalled_after
            and all(status.judged for status, _ in recent)
            and len({stage for _, stage in recent}) == 1
            and recent[-1][1] is not Stage.SUSTAINING_HIGH_STANDARDS
        )
        aspects.append(
            AspectProgress(
                aspect.code,
                tuple(status for status, _ in judged),
                tuple(stage for _, stage in judged),
                transitions,
                stalled,
            )
        )
    return ProgressReport(
        ordered[0].school,
        ordered[0].framework_edition,
        tuple(evaluation.date for evaluation in ordered),
        profiles[0].rule.name,
        stalled_after,
        tuple(aspects),
        profiles,
    )
