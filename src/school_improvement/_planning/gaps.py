"""Gap analysis: what stands between each aspect's current stage and its target."""

import datetime
import enum
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import attrs

from school_improvement._assessment.assess import Judgement, JudgementStatus, RuleDescription, StageProfile
from school_improvement._assessment.checked import CheckedSelfEvaluation, checked
from school_improvement._assessment.evidence import LEVELS, Rating, SelfEvaluation
from school_improvement._assessment.rules import CellRatings
from school_improvement._content.framework import ASPECT_FIELD, DESCRIPTOR_FIELD, Framework
from school_improvement._errors import AnalysisError, Problem, UnknownCodeError
from school_improvement._stage import Stage


@attrs.frozen
class Target:
    """The stage a school aims for in one aspect.

    Attributes:
        aspect: The aspect's code.
        stage: The stage aimed for.
        horizon: When the school aims to reach it, if it has said.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    stage: Stage
    horizon: datetime.date | None = None


class GapStatus(enum.Enum):
    """Where an aspect stands against its target."""

    OPEN = "open"
    """The target is not reached; the unmet descriptors say what stands in the way."""
    REACHED = "reached"
    """The target is at or below the current stage: no gap."""
    NOT_ENOUGH_EVIDENCE = "not-enough-evidence"
    """There is too little evidence to place the aspect, so the gap cannot be judged."""
    NO_TARGET = "no-target"
    """No target is set (by default, for an aspect with not enough evidence)."""
    NOT_APPLICABLE = "not-applicable"
    """The aspect does not apply to the school: every descriptor is marked not applicable."""


@attrs.frozen
class AspectGap:
    """The gap between one aspect's current stage and its target.

    Attributes:
        aspect: The aspect's code.
        status: Open, reached, not enough evidence, no target, or not applicable.
        current: The stage reached now, or ``None``.
        target: The target stage, or ``None`` when none is set.
        distance: How many stages lie between the current stage and the target
            (0 when reached; ``None`` when there is no target or not enough
            evidence). No stage yet counts as position 0.
        unmet: The descriptors up to and including the target stage that are
            rated below the threshold or not rated, foundations first (by stage,
            then source order), whatever the rule: a rule such as best fit may
            reach a target past some of them.
        met: How many applicable descriptors up to the target meet the threshold.
        applicable: How many descriptors up to the target are applicable.
        progress: ``met / applicable``, from 0 to 1; 1 when nothing up to the
            target is applicable or the aspect does not apply; ``None`` without a target.
        horizon: When the school aims to reach the target.
        explanation: The gap in a plain-language sentence or two.
        unrated: Those of ``unmet`` that no one has rated with evidence, as
            against those rated below the threshold.
        shortfall: Why there is not enough evidence to place the aspect, when
            there is not: gathering it is the aspect's next step.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    status: GapStatus
    current: Stage | None
    target: Stage | None
    distance: int | None
    unmet: tuple[str, ...] = attrs.field(metadata=DESCRIPTOR_FIELD)
    met: int
    applicable: int
    progress: float | None
    horizon: datetime.date | None
    explanation: str
    unrated: tuple[str, ...] = attrs.field(default=(), metadata=DESCRIPTOR_FIELD)
    shortfall: str | None = None

    @property
    def is_open(self) -> bool:
        """True when something stands between the aspect and its target."""
        return self.status is GapStatus.OPEN


@attrs.frozen
class GapAnalysis:
    """The gaps of every aspect of one school, ordered for attention.

    Attributes:
        school: The school's reference.
        date: The date of the self-evaluation.
        framework_edition: The edition assessed against.
        rule: The rule the stages were judged by.
        threshold: The rating a descriptor needs to count as met.
        not_applicable: The descriptors the school marked not applicable, in source order.
        gaps: One gap per aspect: open gaps first, those with the earliest
            unmet stage (the foundations) before later ones, then the larger
            distance, then the lower progress, then source order; then aspects
            with not enough evidence, then those without a target, then those
            whose target is reached, each in source order.
    """

    school: str
    date: datetime.date
    framework_edition: str
    rule: RuleDescription
    threshold: Rating
    not_applicable: tuple[str, ...] = attrs.field(metadata=DESCRIPTOR_FIELD)
    gaps: tuple[AspectGap, ...]

    def gap(self, aspect: str) -> AspectGap:
        """The gap of one aspect.

        Raises:
            UnknownCodeError: If the analysis has no gap for the aspect.
        """
        for gap in self.gaps:
            if gap.aspect == aspect:
                return gap
        raise UnknownCodeError("aspect", aspect)

    @property
    def open_gaps(self) -> tuple[AspectGap, ...]:
        """The open gaps, in order of attention."""
        return tuple(gap for gap in self.gaps if gap.is_open)


def default_targets(profile: StageProfile) -> tuple[Target, ...]:
    """The stage after the current one for each judged aspect.

    An aspect with no stage yet aims for Starting the journey; one already at
    Sustaining high standards keeps that as its target. An aspect with not
    enough evidence, or that does not apply, gets none.
    """
    targets = []
    for judgement in profile.judgements:
        if not judgement.status.judged:
            continue
        current = judgement.stage
        aim = Stage.STARTING_THE_JOURNEY if current is None else (current.next() or current)
        targets.append(Target(judgement.aspect, aim))
    return tuple(targets)


def _targets_by_aspect(framework: Framework, targets: "Iterable[Target] | Mapping[str, Stage]") -> dict[str, Target]:
    given = [Target(a, s) for a, s in targets.items()] if isinstance(targets, Mapping) else list(targets)
    known = {aspect.code for aspect in framework.aspects}
    problems: list[Problem] = []
    chosen: dict[str, Target] = {}
    for place, target in enumerate(given):
        if target.aspect not in known:
            problems.append(Problem(f"$.targets[{place}].aspect", f"no aspect has the code {target.aspect!r}"))
        elif target.aspect in chosen:
            problems.append(Problem(f"$.targets[{place}].aspect", f"aspect {target.aspect} has two targets"))
        chosen[target.aspect] = target
    if problems:
        raise AnalysisError("targets", problems)
    return chosen


def _check_belongs(evaluation: CheckedSelfEvaluation, profile: StageProfile) -> None:
    pairs = [
        ("school", evaluation.school, profile.school),
        ("date", evaluation.date, profile.date),
        ("framework_edition", evaluation.framework_edition, profile.framework_edition),
    ]
    problems = [
        Problem(f"$.{field}", f"the profile's {field} is {theirs!s}, but the self-evaluation's is {ours!s}")
        for field, ours, theirs in pairs
        if ours != theirs
    ]
    if problems:
        raise AnalysisError(evaluation.school, problems)


def _listed(codes: tuple[str, ...]) -> str:
    return ", ".join(codes[:5]) + (f" and {len(codes) - 5} more" if len(codes) > 5 else "")


class _Figures(NamedTuple):
    """What a gap's explanation says, worked out before the gap itself is made (so it is made once, whole)."""

    aspect: str
    status: GapStatus
    current: Stage | None
    target: Stage | None
    distance: int | None
    unmet: tuple[str, ...]
    met: int
    applicable: int
    horizon: datetime.date | None
    unrated: tuple[str, ...]


def _describe(
    context: "_Context", gap: _Figures, shortfall: str | None, first_unmet: tuple[str, ...], lowest: int
) -> str:
    """The gap in words; ``first_unmet`` are the unmet descriptors of the earliest stage with any."""
    framework, rule = context.framework, context.rule
    title = framework.aspect(gap.aspect).title.en
    name = framework.stage_name
    current = name(gap.current).en if gap.current else "no stage yet"
    by = f" by {gap.horizon}" if gap.horizon else ""
    count = len(gap.unrated)
    unrated = (
        f" Of these, {count} {'is' if count == 1 else 'are'} not rated yet: {_listed(gap.unrated)}." if count else ""
    )
    if gap.status is GapStatus.NOT_APPLICABLE:
        return (
            f"{title}: does not apply to this school (every descriptor is marked not applicable); nothing to aim for."
        )
    if gap.target is None:
        return f"{title}: not enough evidence to place the aspect ({shortfall}); gather evidence, then set a target."
    target = name(gap.target).en
    share = f"{gap.met} of {gap.applicable} applicable descriptors up to {target} are met"
    if gap.status is GapStatus.REACHED:
        if not gap.unmet:
            return f"{title}: the target, {target}, is reached (now {current})."
        return (
            f"{title}: the target, {target}, is reached by the {rule} rule (now {current}), though not every "
            f"descriptor up to it is met: {share}; not met: {_listed(gap.unmet)}.{unrated}"
        )
    if gap.status is GapStatus.NOT_ENOUGH_EVIDENCE:
        return f"{title}: not enough evidence to place the aspect ({shortfall}); on the evidence so far, {share}."
    earliest = name(Stage.at(lowest)).en
    steps = "stage" if gap.distance == 1 else "stages"
    return (
        f"{title}: {current} now, aiming for {target}{by} ({gap.distance} {steps} on). {share}; "
        f"the first unmet are at {earliest}: {', '.join(first_unmet)}.{unrated}"
    )


@attrs.frozen
class _Context:
    framework: Framework
    form: CheckedSelfEvaluation
    judgements: Mapping[str, Judgement]
    threshold: Rating
    rule: str


def _count(
    cells: tuple[CellRatings, ...], target: Stage, threshold: Rating
) -> tuple[int, int, list[str], list[str], tuple[str, ...], int]:
    """Up to the target: met, applicable, unmet, unrated among them, the earliest stage's unmet, its position."""
    unmet: list[str] = []
    unrated: list[str] = []
    first_unmet: list[str] = []
    lowest = 0
    met = applicable = 0
    bar = LEVELS[threshold]
    for cell in cells:  # in stage order, up to the target's
        for code, rating in cell.ratings:
            if rating is Rating.NOT_APPLICABLE:
                continue
            applicable += 1
            if rating is not None and LEVELS[rating] >= bar:  # type: ignore[operator]  # both on the scale
                met += 1
                continue
            unmet.append(code)
            if rating is None:
                unrated.append(code)
            lowest = lowest or cell.stage.position
            if cell.stage.position == lowest:
                first_unmet.append(code)
        if cell.stage is target:
            break
    return met, applicable, unmet, unrated, tuple(first_unmet), lowest


def _gap(context: _Context, aspect: str, target: Target | None) -> tuple[AspectGap, int]:
    """The aspect's gap, and the position of its earliest unmet stage (0 when none is unmet)."""
    threshold = context.threshold
    judgement = context.judgements[aspect]
    current = judgement.stage
    if judgement.status is JudgementStatus.NOT_APPLICABLE:
        aim = None if target is None else target.stage
        horizon = None if target is None else target.horizon
        figures = _Figures(aspect, GapStatus.NOT_APPLICABLE, None, aim, None, (), 0, 0, horizon, ())
        explanation = _describe(context, figures, None, (), 0)
        return AspectGap(aspect, GapStatus.NOT_APPLICABLE, None, aim, None, (), 0, 0, 1.0, horizon, explanation), 0
    if target is None:
        figures = _Figures(aspect, GapStatus.NO_TARGET, current, None, None, (), 0, 0, None, ())
        explanation = _describe(context, figures, judgement.shortfall, (), 0)
        gap = AspectGap(
            aspect, GapStatus.NO_TARGET, current, None, None, (), 0, 0, None, None, explanation, (), judgement.shortfall
        )
        return gap, 0
    cells = context.form.aspects[aspect].cells
    met, applicable, unmet, unrated, first_unmet, lowest = _count(cells, target.stage, threshold)
    position = 0 if current is None else current.position
    progress = met / applicable if applicable else 1.0
    if judgement.status is JudgementStatus.NOT_ENOUGH_EVIDENCE:
        status, distance = GapStatus.NOT_ENOUGH_EVIDENCE, None
        progress = met / applicable if applicable else 0.0
    elif position >= target.stage.position or not unmet:
        # Reached by the rule, or everything applicable up to the target is met (the
        # target's own stage may be wholly not applicable). Unmet descriptors a rule
        # passed over stay listed, and progress counts them.
        status, distance = GapStatus.REACHED, 0
    else:
        status, distance = GapStatus.OPEN, target.stage.position - position
    figures = _Figures(
        aspect, status, current, target.stage, distance, tuple(unmet), met, applicable, target.horizon, tuple(unrated)
    )
    explanation = _describe(context, figures, judgement.shortfall, first_unmet, lowest)
    gap = AspectGap(
        aspect,
        status,
        current,
        target.stage,
        distance,
        figures.unmet,
        met,
        applicable,
        progress,
        target.horizon,
        explanation,
        figures.unrated,
        judgement.shortfall,
    )
    return gap, lowest


_STATUS_ORDER = {
    GapStatus.OPEN: 0,
    GapStatus.NOT_ENOUGH_EVIDENCE: 1,
    GapStatus.NO_TARGET: 2,
    GapStatus.REACHED: 3,
    GapStatus.NOT_APPLICABLE: 4,
}


def _order(framework: Framework, gaps: list[tuple[AspectGap, int]]) -> tuple[AspectGap, ...]:
    place = {aspect.code: n for n, aspect in enumerate(framework.aspects)}

    def key(entry: tuple[AspectGap, int]) -> tuple[int, int, int, float, int]:
        gap, lowest = entry
        if gap.status is not GapStatus.OPEN:
            return (_STATUS_ORDER[gap.status], 0, 0, 0.0, place[gap.aspect])
        return (0, lowest, -(gap.distance or 0), gap.progress or 0.0, place[gap.aspect])

    return tuple(gap for gap, _ in sorted(gaps, key=key))


def find_gaps(  # noqa: PLR0913 (the keyword options are documented choices)
    framework: Framework,
    evaluation: SelfEvaluation | CheckedSelfEvaluation,
    profile: StageProfile,
    targets: "Iterable[Target] | Mapping[str, Stage] | None" = None,
    *,
    defaults: bool = True,
    threshold: Rating | None = None,
    allow_comparison_only: bool = False,
) -> GapAnalysis:
    """Find what stands between each aspect and its target.

    Args:
        framework: The framework edition.
        evaluation: The self-evaluation the profile was assessed from.
        profile: Its stage profile, from [`assess`][school_improvement.assess].
        targets: The targets, as [`Target`][school_improvement.Target] objects or
            a mapping of aspect code to stage.
        defaults: Whether aspects without a target of yours get the default:
            the stage after the current one (see
            [`default_targets`][school_improvement.default_targets]).
        threshold: The rating a descriptor needs to count as met; by default
            the threshold the profile's rule declares (``profile.rule.threshold``).
        allow_comparison_only: Whether to find gaps from a profile judged by a
            rule offered only for comparison (the high-water mark). Such a rule
            shows how far the best work reaches, not the stage reached, so
            planning from it is refused unless you ask for it here.

    Returns:
        The gaps, ordered for attention.

    Raises:
        SelfEvaluationError: If the self-evaluation does not fit the framework.
        AnalysisError: If the profile is not the self-evaluation's, a target
            names an unknown aspect or an aspect twice, or the profile's rule is
            for comparison only and ``allow_comparison_only`` is not set.

    Examples:
        >>> import datetime
        >>> from school_improvement import (
        ...     DescriptorRating,
        ...     Evidence,
        ...     EvidenceKind,
        ...     Rating,
        ...     SelfEvaluation,
        ...     Stage,
        ...     assess,
        ...     find_gaps,
        ...     load_framework,
        ... )
        >>> framework = load_framework()
        >>> seen = (
        ...     Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
        ...     Evidence(EvidenceKind.DOCUMENTATION, datetime.date(2026, 10, 2)),
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
        >>> gaps = find_gaps(framework, evaluation, assess(framework, evaluation), {"PV": Stage.BUILDING_MOMENTUM})
        >>> gap = gaps.gap("PV")
        >>> gap.status.value, gap.distance, gap.unmet, gap.progress
        ('open', 2, ('PV.2.1', 'PV.3.1'), 0.3333333333333333)
    """
    form = checked(framework, evaluation)
    _check_belongs(form, profile)
    if profile.rule.comparison_only and not allow_comparison_only:
        message = (
            f"the {profile.rule.name} rule is for comparison only: it shows how far the best work reaches, not the "
            "stage reached. Assess with a rule to judge by (cumulative, secure-fit or best-fit) to plan, or ask to "
            "plan from it anyway (allow_comparison_only=True; on the command line, --allow-comparison-only)"
        )
        raise AnalysisError(profile.school, [Problem("$.rule", message)])
    chosen = {target.aspect: target for target in default_targets(profile)} if defaults else {}
    if targets is not None:
        chosen.update(_targets_by_aspect(framework, targets))
    bar = profile.rule.threshold if threshold is None else threshold
    judgements = {judgement.aspect: judgement for judgement in profile.judgements}
    context = _Context(framework, form, judgements, bar, profile.rule.name)
    gaps = [_gap(context, code, chosen.get(code)) for code in form.aspects]
    return GapAnalysis(
        profile.school,
        profile.date,
        profile.framework_edition,
        profile.rule,
        bar,
        form.not_applicable,
        _order(framework, gaps),
    )
