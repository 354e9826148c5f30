"""The school's own choice of priorities and targets: checked, noticed upon, never overridden.

The guidance asks a school to choose a small number of priorities from its
self-evaluation, each with a target. [`recommend`][school_improvement.recommend]
suggests some; the school decides. What it chose is data here, and every step
after it (the gaps, the next steps, the plan, the local authority's view) uses
the choice where there is one.
"""

import datetime
from collections.abc import Iterable, Sequence

import attrs

from school_improvement._assessment.assess import JudgementStatus, StageProfile
from school_improvement._content.framework import ASPECT_FIELD, PRIORITY_FIELD, Framework
from school_improvement._errors import Problem
from school_improvement._planning.gaps import Target
from school_improvement._stage import Stage


def _as_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


SMALL_NUMBER = 3
"""How many priorities count as "a small number", by default: more are noticed, never refused."""


@attrs.frozen
class ChosenPriority:
    """A priority the school has chosen, with its target.

    Attributes:
        aspects: The aspects it works on, by code (one or more).
        reason: Why the school chose it, in its own words.
        target: The stage the school aims for in each of its aspects.
        by: The date the school aims to reach the target by.
        national_priority: The national priority it serves, if the school
            names one (``attendance``, ``literacy``, ``numeracy`` or ``wellbeing``).
    """

    aspects: tuple[str, ...] = attrs.field(converter=_as_tuple, metadata=ASPECT_FIELD)
    reason: str
    target: Stage
    by: datetime.date
    national_priority: str | None = attrs.field(default=None, metadata=PRIORITY_FIELD)


@attrs.frozen
class PriorityNotice:
    """Something the library notices about a school's choice of priorities. It never changes the choice.

    Attributes:
        check: What was noticed, as a stable code: ``target-reached``,
            ``target-below-stage``, ``not-enough-evidence``,
            ``not-applicable``, ``many-priorities``, ``aspect-twice``,
            ``target-date-passed``.
        path: Where, as a path into the priorities (``$[1].aspects[0]``).
        message: What was noticed, in words.
        aspect: The aspect it is about, if one.
    """

    check: str
    path: str
    message: str
    aspect: str | None = attrs.field(default=None, metadata=ASPECT_FIELD)


TARGET_REACHED = "target-reached"
TARGET_BELOW_STAGE = "target-below-stage"
NOT_ENOUGH_EVIDENCE = "not-enough-evidence"
NOT_APPLICABLE = "not-applicable"
MANY_PRIORITIES = "many-priorities"
TARGET_DATE_PASSED = "target-date-passed"


def chosen_priority_problems(
    framework: Framework, priorities: Sequence[ChosenPriority], path: str = "$"
) -> list[Problem]:
    """What stops a choice of priorities being used at all: no aspect, an unknown code, no reason, an aspect twice.

    An aspect may be in one priority only, and once: it has one target. Each
    problem has its path; the choice is otherwise the school's.
    """
    problems = []
    first: dict[str, int] = {}
    for n, priority in enumerate(priorities):
        where = f"{path}[{n}]"
        if not priority.aspects:
            problems.append(Problem(f"{where}.aspects", "name at least one aspect"))
        problems += [
            Problem(f"{where}.aspects[{m}]", f"no aspect has the code {code!r} in {framework.edition_id}")
            for m, code in enumerate(priority.aspects)
            if not framework.knows("aspect", code)
        ]
        for m, aspect in enumerate(priority.aspects):
            if aspect in first:
                place = "this priority" if first[aspect] == n else f"priority {first[aspect] + 1}"
                message = f"{aspect} is in {place} already: an aspect has one target, so it is in one priority, once"
                problems.append(Problem(f"{where}.aspects[{m}]", message))
            first.setdefault(aspect, n)
        if not priority.reason.strip():
            problems.append(Problem(f"{where}.reason", "say why the school chose it"))
        code = priority.national_priority
        if code is not None and not framework.knows("national priority", code):
            known = ", ".join(p.code for p in framework.national_priorities)
            problems.append(Problem(f"{where}.national_priority", f"no national priority {code!r}; one of {known}"))
    return problems


def targets_of(priorities: Iterable[ChosenPriority]) -> tuple[Target, ...]:
    """The targets a choice of priorities sets: each aspect of each priority, at its stage and date."""
    return tuple(Target(aspect, p.target, p.by) for p in priorities for aspect in p.aspects)


def check_priorities(
    framework: Framework,
    priorities: Sequence[ChosenPriority],
    profile: StageProfile,
    *,
    small_number: int = SMALL_NUMBER,
) -> tuple[PriorityNotice, ...]:
    """What the library notices about a school's chosen priorities, against its stage profile.

    It notices a target at or below the stage already reached, an aspect
    without enough evidence to judge (or that does not apply), a target date
    on or before the self-evaluation, and more
    priorities than ``small_number`` (the guidance asks for a small number).
    It says so and changes nothing: the choice is the school's.

    Args:
        framework: The framework edition.
        priorities: The school's chosen priorities, in its order.
        profile: The stage profile of the self-evaluation they follow from.
        small_number: How many priorities count as a small number (default 3).

    Raises:
        AnalysisError: If a priority names an aspect the framework does not have,
            gives no aspect or no reason, an aspect is chosen twice (it has one
            target), or ``small_number`` is below 1.

    Examples:
        >>> import datetime
        >>> from school_improvement import ChosenPriority, SelfEvaluation, Stage, assess, load_framework
        >>> from school_improvement import check_priorities
        >>> framework = load_framework()
        >>> evaluation = SelfEvaluation("ex-1", datetime.date(2026, 11, 1), framework.edition_id)
        >>> chosen = [
        ...     ChosenPriority(["LC"], "Few leaders below the head", Stage.MAKING_PROGRESS, datetime.date(2027, 7, 31))
        ... ]
        >>> [notice.check for notice in check_priorities(framework, chosen, assess(framework, evaluation))]
        ['not-enough-evidence']
    """
    from school_improvement._errors import AnalysisError  # noqa: PLC0415 (beside its one use)

    problems = chosen_priority_problems(framework, priorities)
    if isinstance(small_number, bool) or not isinstance(small_number, int) or small_number < 1:
        problems.append(Problem("$.small_number", f"must be a whole number of at least 1; found {small_number!r}"))
    if problems:
        raise AnalysisError(profile.school, problems)
    notices = []
    if len(priorities) > small_number:
        notices.append(
            PriorityNotice(
                MANY_PRIORITIES,
                "$",
                f"{len(priorities)} priorities: the guidance asks for a small number (here, at most {small_number}), "
                "so that each gets the attention it needs",
            )
        )
    for n, priority in enumerate(priorities):
        if priority.by <= profile.date:
            notices.append(
                PriorityNotice(
                    TARGET_DATE_PASSED,
                    f"$[{n}].by",
                    f"the target date, {priority.by}, is not after the self-evaluation ({profile.date})",
                )
            )
        target = framework.stage_name(priority.target).en
        for m, aspect in enumerate(priority.aspects):
            where, title = f"$[{n}].aspects[{m}]", framework.aspect(aspect).title.en
            notice = _against_stage(profile, aspect, priority.target, title, target)
            if notice is not None:
                notices.append(PriorityNotice(notice[0], where, notice[1], aspect))
    return tuple(notices)


def _against_stage(profile: StageProfile, aspect: str, stage: Stage, title: str, target: str) -> tuple[str, str] | None:
    judgement = profile.judgement(aspect)
    if judgement.status is JudgementStatus.NOT_APPLICABLE:
        return NOT_APPLICABLE, f"{title} does not apply to the school: every descriptor is marked not applicable"
    if judgement.status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
        message = (
            f"{title} has not enough evidence to judge a stage ({judgement.shortfall}), so progress to {target} "
            "cannot be measured yet: gather the evidence first"
        )
        return NOT_ENOUGH_EVIDENCE, message
    if not judgement.reaches(stage):
        return None
    if judgement.stage == stage:
        return TARGET_REACHED, f"{title} has already reached the target, {target}"
    return TARGET_BELOW_STAGE, f"{title}'s target, {target}, is below the stage it has reached"
