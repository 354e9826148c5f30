"""Roll-ups: the spread of stages across many schools, the shared priorities, next steps and support needed.

A roll-up reports counts, never a hidden average: "not enough evidence" is a
count of its own, and a mean stage appears only when asked for. Where schools
set their own priorities (agreed in a professional discussion, or in their
development plan), the roll-up follows them and says so, school by school.
"""

import datetime
import enum
from collections import Counter
from collections.abc import Callable

import attrs

from school_improvement._assessment.assess import JudgementStatus
from school_improvement._authority.schools import School
from school_improvement._authority.survey import (
    DecisionBasis,
    SchoolBasis,
    SchoolSnapshot,
    SelfEvaluationAge,
    Survey,
    survey_problems,
)
from school_improvement._content.framework import ASPECT_FIELD, DESCRIPTOR_FIELD, Framework
from school_improvement._errors import AnalysisError, Problem
from school_improvement._planning.discussion import SupportSource, SupportStatus
from school_improvement._stage import Stage

SHARED_BY = 2
"""The fewest schools that make a next step shared, or a choice of priority a system-level one."""


class Grouping(enum.Enum):
    """How a roll-up groups its schools."""

    LOCAL_AUTHORITY = "local-authority"
    """One group per local authority."""
    CLUSTER = "cluster"
    """One group per cluster, named with its local authority; schools outside every cluster form their own group."""
    PHASE = "phase"
    """One group per phase."""


@attrs.frozen
class StageCount:
    """How many schools have reached one stage, and gone no further, in one aspect.

    Attributes:
        stage: The stage.
        schools: How many schools.
    """

    stage: Stage
    schools: int


@attrs.frozen
class AspectSpread:
    """The spread of one aspect's stages across a group of schools.

    Attributes:
        aspect: The aspect's code.
        schools: How many schools are in the group.
        not_enough_evidence: How many have too little evidence to judge the aspect.
        no_stage_yet: How many have enough evidence and no stage reached yet.
        stages: How many have reached each stage (and gone no further), Starting the journey first.
        early: How many judged schools are at the early stages (no stage yet, or
            a stage at or before the roll-up's ``early_up_to``), leaving out
            those held back only by descriptors no one has rated.
        judged: How many have a stage judged: ``schools - not_enough_evidence - not_applicable``.
        mean_position: The mean stage position of the judged schools (no stage
            yet counts 0, Starting the journey 1 and so on to 4), only when the
            roll-up was asked for averages; otherwise ``None``.
        not_applicable: How many schools the aspect does not apply to.
        held_back_by_unrated: How many judged schools are held back from their
            next stage only by descriptors no one has rated (not counted as early).
        coverage: The share of applicable descriptors rated with evidence,
            across the schools the aspect applies to; ``None`` when it applies to none.
        chosen: How many schools set their own priorities (agreed in a
            professional discussion, or in their plan) with this aspect among them.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    schools: int
    not_enough_evidence: int
    no_stage_yet: int
    stages: tuple[StageCount, ...]
    early: int
    judged: int
    mean_position: float | None = None
    not_applicable: int = 0
    held_back_by_unrated: int = 0
    coverage: float | None = None
    chosen: int = 0


class SystemPriorityRule(enum.Enum):
    """What makes an aspect a system-level priority of a group."""

    EARLY_STAGES = "early-stages"
    """More than the majority of the judged schools are at the early stages."""
    CHOSEN = "chosen"
    """More than the majority of the schools that set their own priorities chose it, two schools at least."""


@attrs.frozen
class SystemPriority:
    """An aspect in which most judged schools of a group are at the early stages, or most schools chose to work.

    Attributes:
        aspect: The aspect's code.
        early: How many judged schools are at the early stages.
        judged: How many schools have enough evidence to be judged.
        not_enough_evidence: How many have too little evidence (not in the share).
        share: ``early / judged`` (0 when no school is judged).
        explanation: Why it is a system-level priority, in words: the share at the early stages and, when
            the schools' choice made it one, how many chose it (and that the stages alone would not).
        rules: The rules that made it one.
        chosen: How many schools set their own priorities with this aspect among them.
        own_priorities: How many schools of the group set their own priorities.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    early: int
    judged: int
    not_enough_evidence: int
    share: float
    explanation: str
    rules: tuple[SystemPriorityRule, ...] = (SystemPriorityRule.EARLY_STAGES,)
    chosen: int = 0
    own_priorities: int = 0


@attrs.frozen
class SharedStep:
    """A next step that several schools of a group have among their recommended priorities.

    Attributes:
        descriptor: The descriptor's code.
        aspect: Its aspect's code.
        stage: Its stage.
        schools: How many schools of the group have it among their next steps.
        share: ``schools`` over the number of schools in the group.
        text: The descriptor's text, verbatim.
    """

    descriptor: str = attrs.field(metadata=DESCRIPTOR_FIELD)
    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    stage: Stage
    schools: int
    share: float
    text: str


@attrs.frozen
class SupportNeed:
    """Support the schools of a group asked for in one aspect from one source, in their latest discussion records.

    Each count is of schools, not of items: a school asking twice is one school.

    Attributes:
        source: Where the support comes from.
        aspect: The aspect's code.
        requested: How many schools asked for it and await a decision.
        agreed: How many were agreed it.
        not_agreed: How many asked and were not agreed it.
        schools: The schools that asked for it, in register order.
        providers: The providers the records name, in alphabetical order.
    """

    source: SupportSource
    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    requested: int
    agreed: int
    not_agreed: int
    schools: tuple[str, ...]
    providers: tuple[str, ...] = ()


@attrs.frozen
class GroupRollup:
    """The roll-up of one group of schools.

    Attributes:
        group: The group's name: ``all schools``, or the local authority, the
            cluster (as ``local authority / cluster``) or the phase.
        schools: The references of its schools, in register order.
        spreads: One spread per aspect, in source order.
        system_priorities: The aspects where most judged schools are at the
            early stages, or most schools setting their own priorities chose
            to work, the largest share first.
        shared_steps: The next steps most often among the schools' priorities
            (which follow each school's own choice where it made one), the
            most shared first (only steps shared by two schools or more).
        support: The support asked for in the schools' latest discussion
            records, by source (in the order of ``SupportSource``), then by
            aspect in source order.
        own_priorities: How many of its schools set their own priorities
            (agreed in a professional discussion, or in their plan).
    """

    group: str
    schools: tuple[str, ...]
    spreads: tuple[AspectSpread, ...]
    system_priorities: tuple[SystemPriority, ...]
    shared_steps: tuple[SharedStep, ...]
    support: tuple[SupportNeed, ...] = ()
    own_priorities: int = 0

    def spread(self, aspect: str) -> AspectSpread:
        """The spread of one aspect.

        Raises:
            AnalysisError: If the roll-up has no spread for the aspect.
        """
        for spread in self.spreads:
            if spread.aspect == aspect:
                return spread
        raise AnalysisError(self.group, [Problem("$.aspect", f"no aspect has the code {aspect!r}")])


@attrs.frozen
class Rollup:
    """Stages, system-level priorities and shared next steps across many schools. There is no overall grade.

    Attributes:
        framework_edition: The edition the schools were assessed against.
        grouping: How the schools are grouped, or ``None`` for no groups.
        early_up_to: The last stage counted as early.
        majority: The share of judged schools above which an aspect is a
            system-level priority.
        averages: Whether mean stage positions were asked for.
        overall: The roll-up of all the schools together.
        groups: One roll-up per group, in order of name; empty without a grouping.
        without_self_evaluation: Schools in the register with no self-evaluation (not counted).
        as_of: The survey's date, which every self-evaluation is aged at.
        max_age_days: How old a self-evaluation may be at that date before it is flagged.
        ages: Each school's self-evaluation date and age, in register order.
        bases: Where each school's priorities came from (agreed, plan or
            defaults), with why, in register order.
    """

    framework_edition: str
    grouping: Grouping | None
    early_up_to: Stage
    majority: float
    averages: bool
    overall: GroupRollup
    groups: tuple[GroupRollup, ...]
    without_self_evaluation: tuple[str, ...]
    as_of: datetime.date | None = None
    max_age_days: int = 365
    ages: tuple[SelfEvaluationAge, ...] = ()
    bases: tuple[SchoolBasis, ...] = ()

    @property
    def old_self_evaluations(self) -> tuple[str, ...]:
        """The schools whose self-evaluation is older than the survey allows, in register order."""
        return tuple(age.school for age in self.ages if age.old)


@attrs.frozen
class _Settings:
    framework: Framework
    early_up_to: Stage
    majority: float
    averages: bool
    shared_steps: int


def _spread(settings: _Settings, aspect: str, snapshots: list[SchoolSnapshot], chosen: int) -> AspectSpread:
    counts = dict.fromkeys(Stage, 0)
    unknown = not_applicable = none_yet = early = total = unrated_only = rated = applicable = 0
    for item in snapshots:
        judgement = item.profile.judgement(aspect)
        if judgement.status is JudgementStatus.NOT_APPLICABLE:
            not_applicable += 1
            continue
        rated += sum(figures.applicable - figures.not_rated for figures in judgement.coverage)
        applicable += sum(figures.applicable for figures in judgement.coverage)
        if judgement.status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
            unknown += 1
            continue
        unrated = judgement.held_back_by_unrated
        unrated_only += unrated
        if judgement.stage is None:
            none_yet += 1
            early += not unrated
        else:
            counts[judgement.stage] += 1
            early += judgement.stage <= settings.early_up_to and not unrated
            total += judgement.stage.position
    judged = len(snapshots) - unknown - not_applicable
    mean = total / judged if settings.averages and judged else None
    stages = tuple(StageCount(stage, counts[stage]) for stage in Stage)
    coverage = rated / applicable if applicable else None
    return AspectSpread(
        aspect,
        len(snapshots),
        unknown,
        none_yet,
        stages,
        early,
        judged,
        mean,
        not_applicable,
        unrated_only,
        coverage,
        chosen,
    )


def _early_words(settings: _Settings, spread: AspectSpread) -> str:
    """How many judged schools are at the early stages, and who is left out of the share, in words."""
    last = settings.framework.stage_name(settings.early_up_to).en
    if not spread.judged:
        return "no school has enough evidence to judge its stage"
    unknown = (
        f"; {spread.not_enough_evidence} more {'has' if spread.not_enough_evidence == 1 else 'have'} not enough "
        "evidence to judge"
        if spread.not_enough_evidence
        else ""
    )
    if spread.held_back_by_unrated:
        unknown += (
            f"; {spread.held_back_by_unrated} held back only by descriptors not yet rated "
            f"{'is' if spread.held_back_by_unrated == 1 else 'are'} not counted as early"
        )
    share = spread.early / spread.judged
    return (
        f"{spread.early} of the {spread.judged} schools with enough evidence ({share:.0%}) have no stage yet or are "
        f"at {last} or before{unknown}"
    )


def _priorities(settings: _Settings, spreads: tuple[AspectSpread, ...], own: int) -> tuple[SystemPriority, ...]:
    """The system-level priorities: most judged schools early, or most schools setting their own choosing it."""
    found = []
    for place, spread in enumerate(spreads):
        share = spread.early / spread.judged if spread.judged else 0.0
        chosen_share = spread.chosen / own if own else 0.0
        rules = []
        if spread.judged and share > settings.majority:
            rules.append(SystemPriorityRule.EARLY_STAGES)
        if spread.chosen >= SHARED_BY and chosen_share > settings.majority:
            rules.append(SystemPriorityRule.CHOSEN)
        if not rules:
            continue
        title = settings.framework.aspect(spread.aspect).title.en
        chosen = (
            f"chosen as a priority by {spread.chosen} of the {own} schools that set their own priorities "
            f"({chosen_share:.0%}), agreed in a professional discussion or in their plan"
        )
        if SystemPriorityRule.EARLY_STAGES not in rules:
            explanation = (
                f"{title}: {chosen}; by the stages alone it would not be one: {_early_words(settings, spread)}."
            )
        elif SystemPriorityRule.CHOSEN in rules:
            explanation = f"{title}: {_early_words(settings, spread)}. It is also {chosen}."
        else:
            explanation = f"{title}: {_early_words(settings, spread)}."
        strength = max(
            share if SystemPriorityRule.EARLY_STAGES in rules else 0.0,
            chosen_share if SystemPriorityRule.CHOSEN in rules else 0.0,
        )
        priority = SystemPriority(
            spread.aspect,
            spread.early,
            spread.judged,
            spread.not_enough_evidence,
            share,
            explanation,
            tuple(rules),
            spread.chosen,
            own,
        )
        found.append((-strength, -spread.early, -spread.chosen, place, priority))
    found.sort(key=lambda entry: entry[:4])
    return tuple(entry[4] for entry in found)


def _shared_steps(settings: _Settings, snapshots: list[SchoolSnapshot]) -> tuple[SharedStep, ...]:
    framework = settings.framework
    counts: Counter[str] = Counter()
    for item in snapshots:
        counts.update({step.descriptor for p in item.recommendation.priorities for step in p.steps})
    order = {descriptor.code: place for place, descriptor in enumerate(framework.descriptors)}
    ranked = sorted(
        (code for code, count in counts.items() if count >= SHARED_BY), key=lambda c: (-counts[c], order[c])
    )
    steps = []
    for code in ranked[: settings.shared_steps]:
        descriptor = framework.descriptor(code)
        share = counts[code] / len(snapshots)
        steps.append(SharedStep(code, descriptor.aspect, descriptor.stage, counts[code], share, descriptor.full_text))
    return tuple(steps)


def _support(settings: _Settings, snapshots: list[SchoolSnapshot]) -> tuple[SupportNeed, ...]:
    """The support asked for in the schools' latest discussion records, by source and aspect, counted in schools."""
    asked: dict[tuple[SupportSource, str], dict[str, set[SupportStatus]]] = {}
    providers: dict[tuple[SupportSource, str], set[str]] = {}
    for item in snapshots:
        record = item.discussion
        for support in () if record is None else record.support:
            for aspect in support.aspects:
                key = (support.source, aspect)
                asked.setdefault(key, {}).setdefault(item.school.ref, set()).add(support.status)
                if support.provider is not None:
                    providers.setdefault(key, set()).add(support.provider)
    sources = {source: n for n, source in enumerate(SupportSource)}
    aspects = {aspect.code: n for n, aspect in enumerate(settings.framework.aspects)}
    needs = []
    for key in sorted(asked, key=lambda key: (sources[key[0]], aspects.get(key[1], len(aspects)), key[1])):
        by_school = asked[key]
        needs.append(
            SupportNeed(
                key[0],
                key[1],
                sum(SupportStatus.REQUESTED in statuses for statuses in by_school.values()),
                sum(SupportStatus.AGREED in statuses for statuses in by_school.values()),
                sum(SupportStatus.NOT_AGREED in statuses for statuses in by_school.values()),
                tuple(by_school),
                tuple(sorted(providers.get(key, ()))),
            )
        )
    return tuple(needs)


def _group(settings: _Settings, name: str, snapshots: list[SchoolSnapshot]) -> GroupRollup:
    chosen: Counter[str] = Counter()
    for item in snapshots:
        chosen.update({aspect for priority in item.chosen for aspect in priority.aspects})
    spreads = tuple(
        _spread(settings, aspect.code, snapshots, chosen[aspect.code]) for aspect in settings.framework.aspects
    )
    own = sum(item.basis is not DecisionBasis.DEFAULTS for item in snapshots)
    return GroupRollup(
        name,
        tuple(item.school.ref for item in snapshots),
        spreads,
        _priorities(settings, spreads, own),
        _shared_steps(settings, snapshots),
        _support(settings, snapshots),
        own,
    )


_KEYS: dict[Grouping, Callable[[School], str]] = {
    Grouping.LOCAL_AUTHORITY: lambda school: school.local_authority,
    Grouping.CLUSTER: lambda school: f"{school.local_authority} / {school.cluster or '(no cluster)'}",
    Grouping.PHASE: lambda school: school.phase.value,
}


def _grouping(by: Grouping | str | None, problems: list[Problem]) -> Grouping | None:
    if not isinstance(by, str):
        return by
    try:
        return Grouping(by)
    except ValueError:
        choices = ", ".join(grouping.value for grouping in Grouping)
        problems.append(Problem("$.by", f"{by!r} is not a grouping: {choices}"))
        return None


def roll_up(  # noqa: PLR0913 (each option is a documented choice of the roll-up)
    framework: Framework,
    survey: Survey,
    *,
    by: Grouping | str | None = None,
    early_up_to: Stage = Stage.MAKING_PROGRESS,
    majority: float = 0.5,
    shared_steps: int = 5,
    averages: bool = False,
) -> Rollup:
    """Roll up many schools: the spread in each aspect, the system-level priorities, shared next steps, support needed.

    For each aspect the roll-up counts the schools at each stage, with no
    stage yet and "not enough evidence" as counts of their own, and how many
    schools chose it as a priority of their own. An aspect is a system-level
    priority when more than ``majority`` of the schools with enough evidence
    to judge it are at the early stages: no stage yet, or a stage at or
    before ``early_up_to``. Schools with not enough evidence are left out of
    that share and said beside it. It is one too when more than ``majority``
    of the schools that set their own priorities (agreed in a professional
    discussion, or in their plan) chose it, and at least two did: what
    schools decided together is as telling as where they stand. Each
    priority's explanation names the rule that made it one.

    The shared next steps are the descriptors most often among the next
    steps of the schools' priorities: these follow each school's own choice
    and targets where it set them, else the recommendation to the default
    targets ([`survey`][school_improvement.survey] says which, and so does
    ``bases``, school by school). The support needed is counted from the
    schools' latest discussion records, by source and aspect, so an officer
    can plan provision.

    No average is given unless ``averages`` is true, and then only beside the
    counts: the stages are developmental, not scores.

    Args:
        framework: The framework edition.
        survey: The schools, from [`survey`][school_improvement.survey].
        by: Group by ``local-authority``, ``cluster`` or ``phase`` as well as
            rolling up all the schools together; ``None`` for no groups.
        early_up_to: The last stage counted as early (default Making progress,
            the first two of the four).
        majority: The share above which an aspect is a system-level priority (default 0.5).
        shared_steps: How many shared next steps to list per group (default 5).
        averages: Whether to give the mean stage position beside the counts.

    Raises:
        AnalysisError: If the survey is against another edition, lists a school
            twice, holds a profile, recommendation, plan or record of another
            school or a basis its snapshot does not bear out, or an option is
            out of range.

    Examples:
        >>> import datetime
        >>> from school_improvement import LanguageMedium, Phase, School, SelfEvaluation, load_framework
        >>> from school_improvement import roll_up, survey
        >>> framework = load_framework()
        >>> school = School("ex-1", "Example Primary", "Example County", None, Phase.PRIMARY, LanguageMedium.WELSH)
        >>> evaluation = SelfEvaluation("ex-1", datetime.date(2026, 11, 1), framework.edition_id)
        >>> spread = roll_up(framework, survey(framework, [school], [evaluation])).overall.spread("PV")
        >>> spread.schools, spread.not_enough_evidence, spread.judged, spread.mean_position
        (1, 1, 0, None)
    """
    problems = survey_problems(framework, survey)
    grouping = _grouping(by, problems)
    if not 0 <= majority < 1:
        problems.append(Problem("$.majority", f"must be at least 0 and below 1; found {majority!r}"))
    if shared_steps < 0:
        problems.append(Problem("$.shared_steps", f"must not be negative; found {shared_steps!r}"))
    if problems:
        raise AnalysisError("the roll-up", problems)
    settings = _Settings(framework, early_up_to, majority, averages, shared_steps)
    snapshots = list(survey.snapshots)
    groups: tuple[GroupRollup, ...] = ()
    if grouping is not None:
        key = _KEYS[grouping]
        members: dict[str, list[SchoolSnapshot]] = {}
        for item in snapshots:
            members.setdefault(key(item.school), []).append(item)
        groups = tuple(_group(settings, name, members[name]) for name in sorted(members))
    return Rollup(
        framework.edition_id,
        grouping,
        early_up_to,
        majority,
        averages,
        _group(settings, "all schools", snapshots),
        groups,
        survey.without_self_evaluation,
        survey.as_of,
        survey.max_age_days,
        survey.ages(),
        survey.bases(),
    )
