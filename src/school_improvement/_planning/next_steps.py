"""Next steps: a few priorities, each with the descriptors to work on next and the reasons why."""

import datetime
from collections.abc import Iterable, Mapping, Sequence

import attrs

from school_improvement._assessment.quality import Finding, Severity
from school_improvement._content.framework import (
    ASPECT_FIELD,
    CHARACTERISTIC_FIELD,
    DESCRIPTOR_FIELD,
    FACTOR_FIELD,
    PRIORITY_FIELD,
    DescriptorKind,
    Framework,
    derived,
)
from school_improvement._errors import AnalysisError, Problem
from school_improvement._planning.choices import ChosenPriority, chosen_priority_problems
from school_improvement._planning.gaps import AspectGap, GapAnalysis, GapStatus
from school_improvement._stage import Stage


@attrs.frozen
class Weighting:
    """How the open gaps are ranked into priorities. Every weight may be changed, or set to 0.

    An aspect with an open gap scores the sum of:

    - ``gap`` for having an open gap at all;
    - ``foundation`` times how early its first unmet stage is: 1 for Starting
      the journey, 0.75 for Making progress, 0.5 for Building momentum, 0.25
      for Sustaining high standards (foundations first);
    - ``national_priority`` for each of attendance, literacy and numeracy that
      its candidate steps carry as a tag, and ``supporting_priority`` if they
      carry wellbeing (only tags drawn from the descriptors' own words count,
      unless ``editorial_tags`` is true);
    - ``factor`` for each of the school's chosen contributory factors the
      aspect is linked to (an editorial mapping);
    - ``school_priority`` if the school has chosen the aspect as a priority;
    - ``evidence`` if the evidence checks raised a warning about the aspect
      (the next step includes strengthening that evidence).

    Ties go to the aspect that comes first in the framework. Within a priority,
    steps come stage by stage (foundations first); within a stage, by their own
    weight (``national_priority`` for each main national priority the step names,
    ``supporting_priority`` for wellbeing, ``evidence`` if the evidence behind
    its rating drew a warning), then in source order.
    """

    gap: float = 1.0
    foundation: float = 1.0
    national_priority: float = 1.0
    supporting_priority: float = 0.5
    editorial_tags: bool = False
    factor: float = 0.5
    school_priority: float = 2.0
    evidence: float = 0.5


@attrs.frozen
class Reason:
    """One reason a step or priority was chosen.

    Attributes:
        kind: ``gap``, ``foundation``, ``national-priority``, ``contributory-factor``,
            ``school-priority`` or ``evidence``.
        text: The reason in words.
    """

    kind: str
    text: str


@attrs.frozen
class NextStep:
    """A descriptor to work on next.

    Attributes:
        descriptor: The descriptor's code.
        stage: Its stage.
        text: Its text, verbatim.
        kind: Whether it reads as an action to take or a state to work towards.
        reasons: Why it is recommended.
        national_priorities: The national priorities its tags name.
        characteristics: The codes of the common characteristics of leaders
            linked to its aspect (editorial).
    """

    descriptor: str = attrs.field(metadata=DESCRIPTOR_FIELD)
    stage: Stage
    text: str
    kind: DescriptorKind
    reasons: tuple[Reason, ...]
    national_priorities: tuple[str, ...] = attrs.field(metadata=PRIORITY_FIELD)
    characteristics: tuple[str, ...] = attrs.field(metadata=CHARACTERISTIC_FIELD)


@attrs.frozen
class RecommendedPriority:
    """An aspect to make a priority, with its next steps.

    Attributes:
        rank: Its place, from 1.
        aspect: The aspect's code.
        current: The stage reached now, or ``None``.
        target: The target stage.
        horizon: When the school aims to reach it.
        score: The weighted score that ranked it.
        score_parts: The score's parts, as (weight's name, contribution) pairs.
        reasons: Why the aspect is a priority.
        steps: The next steps, foundations first.
        contributory_factors: The contributory factors linked to the aspect (editorial).
        chosen: The place (from 1) of the school's chosen priority this
            follows, or ``None`` when the library recommended it.
    """

    rank: int
    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    current: Stage | None
    target: Stage
    horizon: datetime.date | None
    score: float
    score_parts: tuple[tuple[str, float], ...]
    reasons: tuple[Reason, ...]
    steps: tuple[NextStep, ...]
    contributory_factors: tuple[int, ...] = attrs.field(metadata=FACTOR_FIELD)
    chosen: int | None = None


@attrs.frozen
class EvidenceToGather:
    """An aspect without enough evidence to judge: gathering it is a next step in its own right.

    Attributes:
        aspect: The aspect's code.
        shortfall: What the evidence lacks.
        reasons: Why it is recommended.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    shortfall: str
    reasons: tuple[Reason, ...]


@attrs.frozen
class Recommendation:
    """A few priorities with their next steps, for one school.

    Attributes:
        school: The school's reference.
        date: The date of the self-evaluation.
        framework_edition: The edition assessed against.
        weighting: The weighting that ranked the priorities.
        priorities: The priorities, in rank order: the school's chosen ones
            when it has chosen, else those the library recommends.
        not_chosen: Aspects with open gaps left out (by the limit on
            priorities, or by the school's choice), in rank order.
        gather_evidence: Aspects without enough evidence to judge, to gather
            evidence on first: those the school chose as priorities, then in source order.
        chosen_by_school: True when the priorities are the school's own
            choice; false when the library recommended them from its weighting.
    """

    school: str
    date: datetime.date
    framework_edition: str
    weighting: Weighting
    priorities: tuple[RecommendedPriority, ...]
    not_chosen: tuple[str, ...] = attrs.field(metadata=ASPECT_FIELD)
    gather_evidence: tuple[EvidenceToGather, ...] = ()
    chosen_by_school: bool = False


_FOUNDATION = {1: 1.0, 2: 0.75, 3: 0.5, 4: 0.25}


def _tags_table(framework: Framework, editorial: bool) -> dict[str, tuple[str, ...]]:  # noqa: FBT001 (a key part)
    """Each descriptor's national priorities, named by its tags, in the framework's order of the priorities."""
    order = [p.code for p in framework.national_priorities]
    table = {}
    for descriptor in framework.descriptors:
        tags = {t.priority for t in framework.tags_for(descriptor.code) if editorial or not t.editorial}
        table[descriptor.code] = tuple(code for code in order if code in tags)
    return table


def _places(framework: Framework) -> dict[str, int]:
    """Each aspect's place in the framework's order."""
    return {aspect.code: n for n, aspect in enumerate(framework.aspects)}


@attrs.frozen
class _Context:
    framework: Framework
    weighting: Weighting
    warned_aspects: frozenset[str]
    warned_descriptors: frozenset[str]
    school_priorities: frozenset[str]
    focus_factors: frozenset[int]
    max_steps: int | None
    tags: Mapping[str, tuple[str, ...]]
    """Each descriptor's national priorities, by the weighting's choice of tags (worked out once per edition)."""
    places: Mapping[str, int]
    """Each aspect's place in the framework's order."""


def _named(context: _Context, gap: AspectGap) -> set[str]:
    """The national priorities every unmet descriptor of the gap names, shown as a step or not."""
    tags = context.tags
    return {code for descriptor in gap.unmet for code in tags[descriptor]}


def _steps(context: _Context, gap: AspectGap) -> list[NextStep]:
    """The steps to show: ranked stage by stage, then by their weight, then in source order.

    Every unmet descriptor is ranked; only those shown are built.
    """
    framework, tags = context.framework, context.tags
    ranked = []
    for place, code in enumerate(gap.unmet):
        descriptor = framework.descriptor(code)
        ranked.append(((descriptor.stage.position, -_step_weight(context, code, tags[code]), place), descriptor))
    ranked.sort(key=lambda entry: entry[0])
    shown = ranked if context.max_steps is None else ranked[: context.max_steps]
    first_stage = framework.descriptor(gap.unmet[0]).stage
    characteristics = tuple(c.code for c in framework.characteristics_for(gap.aspect))
    on_the_way = (
        [Reason("gap", f"not yet met on the way to {framework.stage_name(gap.target).en}")] if gap.target else []
    )
    steps = []
    for _, descriptor in shown:
        named = tags[descriptor.code]
        reasons = list(on_the_way)
        if descriptor.stage is first_stage:
            reasons.append(
                Reason("foundation", f"part of the earliest unmet stage, {framework.stage_name(descriptor.stage).en}")
            )
        if named:
            names = ", ".join(framework.priority(t).name.en for t in named)
            reasons.append(Reason("national-priority", f"names the national priorities: {names}"))
        if descriptor.code in context.warned_descriptors:
            reasons.append(Reason("evidence", "the evidence behind its rating needs strengthening"))
        steps.append(
            NextStep(
                descriptor.code,
                descriptor.stage,
                descriptor.full_text,
                descriptor.kind,
                tuple(reasons),
                named,
                characteristics,
            )
        )
    return steps


def _step_weight(context: _Context, descriptor: str, tags: tuple[str, ...]) -> float:
    weighting, framework = context.weighting, context.framework
    weight = 0.0
    for code in tags:
        supporting = framework.priority(code).supporting
        weight += weighting.supporting_priority if supporting else weighting.national_priority
    if descriptor in context.warned_descriptors:
        weight += weighting.evidence
    return weight


def _score(context: _Context, gap: AspectGap, tags: set[str]) -> tuple[tuple[tuple[str, float], ...], list[Reason]]:
    framework, weighting = context.framework, context.weighting
    lowest = framework.descriptor(gap.unmet[0]).stage
    parts: list[tuple[str, float]] = [
        ("gap", weighting.gap),
        ("foundation", weighting.foundation * _FOUNDATION[lowest.position]),
    ]
    reasons = [Reason("gap", gap.explanation)]
    main = [p for p in framework.national_priorities if p.code in tags and not p.supporting]
    supporting = [p for p in framework.national_priorities if p.code in tags and p.supporting]
    if main or supporting:
        parts.append(
            (
                "national_priority",
                weighting.national_priority * len(main) + weighting.supporting_priority * len(supporting),
            )
        )
        names = ", ".join(p.name.en for p in main + supporting)
        reasons.append(
            Reason("national-priority", f"the descriptors still to meet name the national priorities: {names}")
        )
    factors = [f.number for f in framework.factors_for(gap.aspect) if f.number in context.focus_factors]
    if factors:
        parts.append(("factor", weighting.factor * len(factors)))
        numbers = ", ".join(str(n) for n in factors)
        reasons.append(
            Reason("contributory-factor", f"linked (editorially) to the contributory factors you chose: {numbers}")
        )
    if gap.aspect in context.school_priorities:
        parts.append(("school_priority", weighting.school_priority))
        reasons.append(Reason("school-priority", "the school has chosen it as a priority"))
    if gap.aspect in context.warned_aspects:
        parts.append(("evidence", weighting.evidence))
        reasons.append(Reason("evidence", "the evidence checks raised a warning about it; strengthen the evidence too"))
    return tuple(parts), reasons


def _context_problems(
    framework: Framework, school_priorities: Iterable[str], focus_factors: Iterable[int]
) -> list[Problem]:
    aspects = {aspect.code for aspect in framework.aspects}
    factors = {factor.number for factor in framework.contributory_factors}
    problems = [
        Problem(f"$.school_priorities[{n}]", f"no aspect has the code {code!r}")
        for n, code in enumerate(school_priorities)
        if code not in aspects
    ]
    problems += [
        Problem(f"$.focus_factors[{n}]", f"no contributory factor {number!r}")
        for n, number in enumerate(focus_factors)
        if number not in factors
    ]
    return problems


def recommend(  # noqa: PLR0913 (each option is a documented part of the weighting)
    framework: Framework,
    gaps: GapAnalysis,
    *,
    findings: Iterable[Finding] = (),
    school_priorities: Iterable[str] = (),
    focus_factors: Iterable[int] = (),
    weighting: Weighting | None = None,
    max_priorities: int | None = 3,
    max_steps: int | None = 3,
    chosen: Sequence[ChosenPriority] | None = None,
) -> Recommendation:
    """Recommend a few priorities, each with its next steps and the reasons for them.

    Only open gaps are considered, and only their unmet descriptors are
    recommended: never one already met. The weighting is described on
    [`Weighting`][school_improvement.Weighting].

    When the school has ``chosen`` its priorities, they are the priorities,
    in the school's order and all of them (``max_priorities`` does not cut
    the school's choice): one per aspect of each, ranked by the chosen
    priority's place, with the next steps towards the school's target. The
    gap analysis must aim at those targets (find it with
    [`targets_of`][school_improvement.targets_of] the choice, as
    [`run_cycle`][school_improvement.run_cycle] does). The open gaps the
    school did not choose are listed in ``not_chosen``, ranked by the weighting.

    Args:
        framework: The framework edition.
        gaps: The gap analysis, from [`find_gaps`][school_improvement.find_gaps].
        findings: Evidence-quality findings, from [`check_evidence`][school_improvement.check_evidence].
        school_priorities: Aspect codes the school has chosen as priorities.
        focus_factors: Numbers of contributory factors the school wants to focus on.
        weighting: The weights; the defaults of [`Weighting`][school_improvement.Weighting] if not given.
        max_priorities: How many priorities at most (default 3); ``None`` for no limit.
        max_steps: How many steps per priority at most (default 3); ``None`` for no limit.
        chosen: The school's own choice of priorities and targets, if it has made one.

    Raises:
        AnalysisError: If a school priority or focus factor is not in the framework,
            a limit is below 1, or a chosen priority does not fit the
            framework or its target is not the one the gap analysis aims at.

    Examples:
        >>> import datetime
        >>> from school_improvement import (
        ...     DescriptorRating,
        ...     Evidence,
        ...     EvidenceKind,
        ...     Rating,
        ...     SelfEvaluation,
        ...     assess,
        ...     find_gaps,
        ...     load_framework,
        ...     recommend,
        ... )
        >>> framework = load_framework()
        >>> seen = (
        ...     Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
        ...     Evidence(EvidenceKind.DATA, datetime.date(2026, 10, 2)),
        ... )
        >>> evaluation = SelfEvaluation(
        ...     "example-primary",
        ...     datetime.date(2026, 11, 1),
        ...     framework.edition_id,
        ...     ratings=(
        ...         DescriptorRating("LW.1.1", Rating.PARTLY, seen),
        ...         DescriptorRating("LW.1.2", Rating.FULLY, seen),
        ...         DescriptorRating("PV.1.1", Rating.FULLY, seen),
        ...         DescriptorRating("PV.2.1", Rating.PARTLY, seen),
        ...     ),
        ... )
        >>> gaps = find_gaps(framework, evaluation, assess(framework, evaluation))
        >>> advice = recommend(framework, gaps)
        >>> [(p.aspect, [s.descriptor for s in p.steps]) for p in advice.priorities]
        [('LW', ['LW.1.3', 'LW.1.1', 'LW.1.4']), ('PV', ['PV.2.1'])]
    """
    wanted_aspects, wanted_factors = tuple(school_priorities), tuple(focus_factors)
    problems = _context_problems(framework, wanted_aspects, wanted_factors)
    for name, limit in (("max_priorities", max_priorities), ("max_steps", max_steps)):
        if limit is not None and limit < 1:
            problems.append(Problem(f"$.{name}", "must be at least 1, or None for no limit"))
    if chosen is not None:
        problems += [
            Problem("$.chosen" + problem.path.removeprefix("$"), problem.message)
            for problem in chosen_priority_problems(framework, chosen)
        ]
        problems += _aimed_elsewhere(gaps, chosen) if not problems else []
    if problems:
        raise AnalysisError(gaps.school, problems)
    warnings = [finding for finding in findings if finding.severity is Severity.WARNING]
    weighting = Weighting() if weighting is None else weighting
    editorial = weighting.editorial_tags
    context = _Context(
        framework,
        weighting,
        frozenset(f.aspect for f in warnings if f.aspect is not None),
        frozenset(f.descriptor for f in warnings if f.descriptor is not None),
        frozenset(wanted_aspects),
        frozenset(wanted_factors),
        max_steps,
        derived(framework, (_tags_table, bool(editorial)), lambda: _tags_table(framework, editorial)),
        derived(framework, _places, lambda: _places(framework)),
    )
    ranked = []
    for gap in gaps.open_gaps:
        if gap.target is None:
            continue
        parts, reasons = _score(context, gap, _named(context, gap))
        score = sum(value for _, value in parts)
        ranked.append((-score, context.places[gap.aspect], gap, parts, reasons, score))
    ranked.sort(key=lambda entry: entry[:2])
    if chosen is not None:
        return Recommendation(
            gaps.school,
            gaps.date,
            gaps.framework_edition,
            context.weighting,
            _chosen_priorities(context, gaps, chosen),
            tuple(entry[2].aspect for entry in ranked if not any(entry[2].aspect in c.aspects for c in chosen)),
            _gather_evidence(context, gaps, chosen),
            chosen_by_school=True,
        )
    kept = ranked if max_priorities is None else ranked[:max_priorities]
    priorities = tuple(
        RecommendedPriority(
            rank=rank,
            aspect=gap.aspect,
            current=gap.current,
            target=gap.target,
            horizon=gap.horizon,
            score=score,
            score_parts=parts,
            reasons=tuple(reasons),
            steps=tuple(_steps(context, gap)),  # built only for the priorities shown
            contributory_factors=tuple(f.number for f in framework.factors_for(gap.aspect)),
        )
        for rank, (_, _, gap, parts, reasons, score) in enumerate(kept, start=1)
        if gap.target is not None
    )
    not_chosen = tuple(entry[2].aspect for entry in ranked[len(kept) :])
    return Recommendation(
        gaps.school,
        gaps.date,
        gaps.framework_edition,
        context.weighting,
        priorities,
        not_chosen,
        _gather_evidence(context, gaps),
    )


def _aimed_elsewhere(gaps: GapAnalysis, chosen: Sequence[ChosenPriority]) -> list[Problem]:
    """The chosen targets the gap analysis does not aim at: the steps would lead somewhere else."""
    problems = []
    for n, priority in enumerate(chosen):
        for m, aspect in enumerate(priority.aspects):
            aim = gaps.gap(aspect).target
            if aim is not priority.target:
                message = (
                    f"the gap analysis aims {aspect} at {aim.value if aim else 'no target'}, not the chosen "
                    f"{priority.target.value}: find the gaps to targets_of(chosen)"
                )
                problems.append(Problem(f"$.chosen[{n}].aspects[{m}]", message))
    return problems


def _chosen_priorities(
    context: _Context, gaps: GapAnalysis, chosen: Sequence[ChosenPriority]
) -> tuple[RecommendedPriority, ...]:
    """The school's chosen priorities, in its order, each aspect with its next steps towards the chosen target."""
    framework = context.framework
    priorities = []
    for number, choice in enumerate(chosen, start=1):
        for aspect in choice.aspects:
            gap = gaps.gap(aspect)
            reasons = [Reason("school-priority", f"the school chose it: {choice.reason}")]
            steps: list[NextStep] = []
            if gap.status is GapStatus.OPEN:
                steps = _steps(context, gap)
            if gap.explanation:
                reasons.append(Reason("gap", gap.explanation))
            priorities.append(
                RecommendedPriority(
                    rank=number,
                    aspect=aspect,
                    current=gap.current,
                    target=choice.target,
                    horizon=choice.by,
                    score=0.0,
                    score_parts=(),
                    reasons=tuple(reasons),
                    steps=tuple(steps),
                    contributory_factors=tuple(f.number for f in framework.factors_for(aspect)),
                    chosen=number,
                )
            )
    return tuple(priorities)


def _gather_evidence(
    context: _Context, gaps: GapAnalysis, chosen: Sequence[ChosenPriority] = ()
) -> tuple[EvidenceToGather, ...]:
    """Every aspect without enough evidence, the school's chosen priorities first: what to gather evidence on."""
    place = context.places
    picked = context.school_priorities | {aspect for priority in chosen for aspect in priority.aspects}
    found = []
    for gap in gaps.gaps:
        if gap.shortfall is None:
            continue
        reasons = [Reason("evidence", f"not enough evidence to judge a stage: {gap.shortfall}")]
        chosen_here = gap.aspect in picked
        if chosen_here:
            reasons.append(Reason("school-priority", "the school has chosen it as a priority: judge it first"))
        found.append((not chosen_here, place[gap.aspect], EvidenceToGather(gap.aspect, gap.shortfall, tuple(reasons))))
    found.sort(key=lambda entry: entry[:2])
    return tuple(entry[2] for entry in found)
