"""Assessment: from a self-evaluation's ratings to a stage profile that explains itself.

There is no overall grade: the result is one judgement per aspect, for
reflection.
"""

import datetime
import enum
import functools
from collections.abc import Callable

import attrs

from school_improvement._assessment.checked import AspectRatings, CheckedSelfEvaluation, StageCoverage, checked
from school_improvement._assessment.evidence import (
    LEVELS,
    DescriptorRating,
    EvidenceKind,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
)
from school_improvement._assessment.rules import CumulativeThreshold, SecureFit, StageRule, rule_named
from school_improvement._content.framework import ASPECT_FIELD, DESCRIPTOR_FIELD, Framework, derived
from school_improvement._errors import AnalysisError, Problem, UnknownCodeError
from school_improvement._stage import Stage
from school_improvement._validators import non_negative


@attrs.frozen
class Sufficiency:
    """How much evidence an aspect needs before a stage is judged at all.

    Below these, the judgement is "not enough evidence", not a guess.

    Attributes:
        min_rated: How many applicable descriptors of the aspect must be rated
            with evidence (default 2). A rating with no evidence does not count.
        min_evidence_kinds: How many distinct kinds of evidence the aspect's
            ratings must rest on (default 2: triangulation).
        require_learner_voice: Whether learner voice must be among them
            (default False; its absence is always reported by the evidence checks).
    """

    min_rated: int = attrs.field(default=2, validator=non_negative)
    min_evidence_kinds: int = attrs.field(default=2, validator=non_negative)
    require_learner_voice: bool = False

    def shortfall(self, rated: int, kinds: frozenset[EvidenceKind]) -> str | None:
        """Why the evidence is not enough, or ``None`` if it is."""
        reasons = []
        if rated < self.min_rated:
            reasons.append(f"{rated} of the {self.min_rated} rated descriptors needed")
        if len(kinds) < self.min_evidence_kinds:
            reasons.append(f"{len(kinds)} of the {self.min_evidence_kinds} kinds of evidence needed")
        if self.require_learner_voice and EvidenceKind.LEARNER_VOICE not in kinds:
            reasons.append("no learner voice")
        return "; ".join(reasons) if reasons else None


@attrs.frozen
class RuleDescription:
    """The rule a profile was judged by, as it appears in explanations and payloads.

    Attributes:
        name: The rule's name.
        parameters: Its parameters, as (name, value) pairs.
        criterion: What it takes to reach a stage, in words.
        comparison_only: True for a rule offered only for comparison.
        threshold: The rating a descriptor needs to count as met under the
            rule, as the rule declares it; gaps and progress count by it.
    """

    name: str
    parameters: tuple[tuple[str, str], ...]
    criterion: str
    comparison_only: bool
    threshold: Rating

    @classmethod
    def of(cls, rule: StageRule) -> "RuleDescription":
        """Describe a rule."""
        return cls(rule.name, tuple(rule.parameters()), rule.criterion(), rule.comparison_only, rule.threshold)


class JudgementStatus(enum.Enum):
    """What kind of answer a judgement gives."""

    REACHED = "reached"
    """A stage is reached."""
    NO_STAGE_YET = "no-stage-yet"
    """The evidence is enough, and no stage is reached yet: the school is working towards the first."""
    NOT_ENOUGH_EVIDENCE = "not-enough-evidence"
    """Too little evidence to judge; no stage is given."""
    NOT_APPLICABLE = "not-applicable"
    """Every descriptor of the aspect is marked not applicable: the aspect does not apply to the school."""

    @property
    def judged(self) -> bool:
        """True when a stage was judged: reached, or none yet."""
        return self in {JudgementStatus.REACHED, JudgementStatus.NO_STAGE_YET}


@attrs.frozen
class Judgement:
    """The judgement of one aspect, with everything needed to explain it.

    Attributes:
        aspect: The aspect's code.
        status: Whether a stage is reached, none yet, there is not enough
            evidence, or the aspect does not apply.
        stage: The stage reached, or ``None``.
        decisive: The descriptors that stopped the next stage, in source order.
        coverage: The figures at each of the four stages.
        evidence_kinds: The kinds of evidence the aspect's ratings rest on.
        rationale: The judgement in a plain-language sentence or two.
        shortfall: Why the evidence is not enough, when it is not.
        professional_judgement: The school's own judgement, kept beside the
            computed one and never replacing it.
        unrated: The decisive descriptors no one has rated with evidence: a
            stage held back only by these is waiting to be rated, not shown unmet.
    """

    aspect: str = attrs.field(metadata=ASPECT_FIELD)
    status: JudgementStatus
    stage: Stage | None
    decisive: tuple[str, ...] = attrs.field(metadata=DESCRIPTOR_FIELD)
    coverage: tuple[StageCoverage, ...]
    evidence_kinds: tuple[EvidenceKind, ...]
    rationale: str
    shortfall: str | None = None
    professional_judgement: ProfessionalJudgement | None = None
    unrated: tuple[str, ...] = attrs.field(default=(), metadata=DESCRIPTOR_FIELD)

    def reaches(self, stage: Stage) -> bool:
        """Whether the judged stage is at or beyond ``stage``: what "reached" means for a target.

        The plan review and progress over time both ask this, so they agree.
        """
        return self.status is JudgementStatus.REACHED and self.stage is not None and self.stage >= stage

    @property
    def held_back_by_unrated(self) -> bool:
        """True when only descriptors no one has rated stop the next stage: rating them may move it."""
        return bool(self.decisive) and len(self.unrated) == len(self.decisive)

    @property
    def agrees_with_professional_judgement(self) -> bool | None:
        """Whether the school's own judgement names the same stage; ``None`` when it gave none."""
        if self.professional_judgement is None:
            return None
        return self.professional_judgement.stage == self.stage


@attrs.frozen
class StageProfile:
    """One school's stage for each aspect, for reflection. There is no overall grade.

    Attributes:
        school: The school's reference.
        date: The date of the self-evaluation.
        framework_edition: The edition assessed against.
        rule: The rule the stages were judged by.
        sufficiency: The evidence needed before a stage is judged.
        judgements: One judgement per aspect, in source order.
    """

    school: str
    date: datetime.date
    framework_edition: str
    rule: RuleDescription
    sufficiency: Sufficiency
    judgements: tuple[Judgement, ...]

    def judgement(self, aspect: str) -> Judgement:
        """The judgement of one aspect.

        Raises:
            UnknownCodeError: If the profile has no judgement for the aspect.
        """
        for judgement in self.judgements:
            if judgement.aspect == aspect:
                return judgement
        raise UnknownCodeError("aspect", aspect)

    def stages(self) -> dict[str, Stage | None]:
        """Each aspect's stage (``None`` where none is reached or evidence is short), by aspect code."""
        return {judgement.aspect: judgement.stage for judgement in self.judgements}


def _not_rated(given: DescriptorRating | None) -> bool:
    """Whether the rules saw a descriptor as not rated: no rating, or an applicable one without evidence."""
    return given is None or (not given.evidence and given.rating.applicable)


def _rating_words(given: DescriptorRating | None) -> str:
    """How a decisive descriptor stands, as the rules saw it (a rating without evidence is not rated)."""
    if given is not None and not _not_rated(given):
        return f"rated '{given.rating.value}'"
    return "not rated"


_KINDS = tuple(EvidenceKind)


@attrs.frozen
class _Assessment:
    """What stays the same while each aspect of one self-evaluation is judged."""

    framework: Framework
    checked: CheckedSelfEvaluation
    rule: StageRule
    description: RuleDescription
    sufficiency: Sufficiency
    stages: dict[str, dict[str, Stage]]
    """Each aspect's descriptors' stages, by aspect and descriptor code: the edition's table."""


@functools.lru_cache(maxsize=1024)
def _kinds_summary(kinds: frozenset[EvidenceKind]) -> tuple[tuple[EvidenceKind, ...], str]:
    """The kinds in a fixed order, and in words. Cached: schools share a handful of combinations."""
    ordered = tuple(kind for kind in _KINDS if kind in kinds)
    return ordered, ", ".join(kind.label for kind in ordered) or "no evidence"


def _stages_of_descriptors(framework: Framework) -> dict[str, dict[str, Stage]]:
    """Each aspect's descriptors' stages, by aspect and descriptor code: worked out once per edition."""
    stages: dict[str, dict[str, Stage]] = {}
    for aspect in framework.aspects:
        own = stages[aspect.code] = {}
        for stage, codes in framework.layout(aspect.code):
            for code in codes:
                own.setdefault(code, stage)  # a code in two cells (a hand-made edition) is at its first
    return stages


def _held_back(context: _Assessment, aspect: str, decisive: tuple[str, ...]) -> Stage:
    """The stage the decisive descriptors hold back: the first one's.

    Raises:
        AnalysisError: If the rule's decision names a descriptor that is not one of the aspect's.
    """
    own = context.stages[aspect]
    outside = [code for code in decisive if code not in own]
    if outside:
        named = ", ".join(dict.fromkeys(outside))
        message = (
            f"the {context.description.name} rule's decision for aspect {aspect} names {named} as "
            f"holding it back, but a rule may name only the aspect's own descriptors (those in the cells it is given)"
        )
        raise AnalysisError("rule", [Problem("$.rule", message)])
    return own[decisive[0]]


def _unmet_below(figures: AspectRatings, stage: Stage, threshold: Rating) -> list[str]:
    """The applicable descriptors at or below ``stage`` that do not meet ``threshold``.

    A cell's figures already count them, so only a cell with some is read: best fit, the high-water mark
    and a rule of one's own can pass over a few, in a cell or two.
    """
    bar = LEVELS[threshold]
    unmet = []
    for cell, figures_at in zip(figures.cells, figures.coverage, strict=True):  # in stage order, up to ``stage``
        counted = (figures_at.not_yet, figures_at.partly, figures_at.mostly, figures_at.fully)
        if figures_at.not_rated + sum(counted if bar is None else counted[:bar]):
            unmet += [
                code
                for code, rating in cell.ratings
                if rating is not Rating.NOT_APPLICABLE and (rating is None or not rating.at_least(threshold))
            ]
        if cell.stage is stage:
            break
    return unmet


_PASSING_OVER_NONE = (CumulativeThreshold, SecureFit)
"""The rules that reach a stage only when every applicable descriptor there and below meets their threshold.

They pass over none, so ``assess`` does not look for any: a property test checks this for any self-evaluation
(``test_the_cumulative_rules_pass_over_no_descriptor``). For the benchmark's 1,500 schools, with the stages read from
a table made once per edition and the unmet descriptors from the cells' figures, ``assess`` took 0.39 to 0.43 s
rather than 0.47 to 0.48 s (process time, best of 21). A subclass of either is looked at, as its ``decide`` may differ.
"""


def _listed(codes: list[str] | tuple[str, ...], words: Callable[[str], str]) -> str:
    shown = ", ".join(f"{code} {words(code)}" for code in codes[:5])
    return shown + (f" and {len(codes) - 5} more" if len(codes) > 5 else "")


def _judge(context: _Assessment, figures: AspectRatings) -> Judgement:
    framework, description, aspect = context.framework, context.description, figures.aspect
    professional = context.checked.judgements.get(aspect)
    coverage, kinds, rated = figures.coverage, figures.evidence_kinds, figures.rated
    evidence_kinds, kinds_text = _kinds_summary(kinds)
    title = framework.aspect(aspect).title.en
    if figures.all_not_applicable:
        rationale = f"{title}: not applicable to this school (every descriptor is marked not applicable)."
        status = JudgementStatus.NOT_APPLICABLE
        return Judgement(aspect, status, None, (), coverage, evidence_kinds, rationale, None, professional)
    shortfall = context.sufficiency.shortfall(rated, kinds)
    if shortfall is not None:
        rationale = f"{title}: not enough evidence to judge a stage ({shortfall}). It rests on {kinds_text}."
        status = JudgementStatus.NOT_ENOUGH_EVIDENCE
        return Judgement(aspect, status, None, (), coverage, evidence_kinds, rationale, shortfall, professional)
    decision = context.rule.decide(figures.cells)
    label = " (for comparison only)" if description.comparison_only else ""
    if decision.stage is None:
        status = JudgementStatus.NO_STAGE_YET
        reached = f"no stage reached yet{label}"
    else:
        status = JudgementStatus.REACHED
        reached = f"{framework.stage_name(decision.stage).en} reached{label}"
    rationale = f"{title}: {reached}, under the {description.name} rule ({description.criterion})."
    ratings = context.checked.ratings

    def words(code: str) -> str:
        return _rating_words(ratings.get(code))

    unrated: tuple[str, ...] = ()
    if decision.decisive:
        unrated = tuple(code for code in decision.decisive if _not_rated(ratings.get(code)))
        held_back = framework.stage_name(_held_back(context, aspect, decision.decisive)).en
        rationale += f" Holding back {held_back}: {_listed(decision.decisive, words)}."
        if len(unrated) == len(decision.decisive):
            rationale += " No one has rated these yet: rate them, with evidence, before relying on this stage."
    if decision.stage is not None and type(context.rule) not in _PASSING_OVER_NONE:
        passed_over = _unmet_below(figures, decision.stage, description.threshold)
        if passed_over:
            rationale += (
                f" It passes over descriptors at or below {framework.stage_name(decision.stage).en} that are not "
                f"rated at least '{description.threshold.value}': {_listed(passed_over, words)}."
            )
    rationale += f" It rests on {rated} rated descriptors and {kinds_text}."
    return Judgement(
        aspect,
        status,
        decision.stage,
        decision.decisive,
        coverage,
        evidence_kinds,
        rationale,
        None,
        professional,
        unrated,
    )


def rule_of(rule: "str | StageRule") -> StageRule:
    """The rule named, or the rule given once it is found to follow the protocol.

    Raises:
        UnknownCodeError: If ``rule`` names no rule.
        AnalysisError: If the object given lacks a part of [`StageRule`][school_improvement.StageRule],
            or its threshold is not a [`Rating`][school_improvement.Rating].
    """
    if isinstance(rule, str):
        return rule_named(rule)
    missing = [part for part in _RULE_PARTS if not hasattr(rule, part)]
    if missing:
        message = f"a stage rule must have {', '.join(_RULE_PARTS)}; this one lacks {', '.join(missing)}"
        raise AnalysisError("rule", [Problem("$.rule", message)])
    threshold: object = rule.threshold  # typed as a Rating, but a rule of one's own may give anything
    if not isinstance(threshold, Rating):
        message = f"a stage rule's threshold is a Rating, such as Rating.MOSTLY; this one's is {threshold!r}"
        raise AnalysisError("rule", [Problem("$.rule.threshold", message)])
    return rule


_RULE_PARTS = ("name", "comparison_only", "threshold", "parameters", "criterion", "decide")


def assess(
    framework: Framework,
    evaluation: SelfEvaluation | CheckedSelfEvaluation,
    rule: str | StageRule = "cumulative",
    *,
    sufficiency: Sufficiency | None = None,
) -> StageProfile:
    """Judge each aspect's stage from a self-evaluation, and explain every judgement.

    A rating with no evidence counts as not rated: judgements rest on
    evidence. Descriptors marked "not applicable" leave the counts. An aspect
    with too little evidence (see [`Sufficiency`][school_improvement.Sufficiency])
    is "not enough evidence", whatever its ratings.

    Args:
        framework: The framework edition the self-evaluation rates.
        evaluation: The school's self-evaluation.
        rule: A rule's name (``cumulative``, ``secure-fit``, ``best-fit``,
            ``high-water-mark``) or an object following
            [`StageRule`][school_improvement.StageRule].
        sufficiency: The evidence needed before a stage is judged; the
            defaults of [`Sufficiency`][school_improvement.Sufficiency] if not given.

    Returns:
        One judgement per aspect, in source order. There is no overall grade.

    Raises:
        SelfEvaluationError: If the self-evaluation does not fit the framework
            (another edition, unknown or repeated descriptors, evidence dated
            after the self-evaluation); nothing is assessed.
        UnknownCodeError: If ``rule`` names no rule.
        AnalysisError: If ``rule`` lacks a part of the protocol or its
            threshold is not a rating, or its decision for an aspect names, as
            holding it back, a descriptor that is not one of that aspect's own.

    Examples:
        >>> import datetime
        >>> from school_improvement import (
        ...     DescriptorRating,
        ...     Evidence,
        ...     EvidenceKind,
        ...     Rating,
        ...     SelfEvaluation,
        ...     assess,
        ...     load_framework,
        ... )
        >>> framework = load_framework()
        >>> seen = (
        ...     Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
        ...     Evidence(EvidenceKind.DOCUMENTATION, datetime.date(2026, 10, 2)),
        ... )
        >>> evaluation = SelfEvaluation(
        ...     school="example-primary",
        ...     date=datetime.date(2026, 11, 1),
        ...     framework_edition=framework.edition_id,
        ...     ratings=(
        ...         DescriptorRating("PV.1.1", Rating.FULLY, seen),
        ...         DescriptorRating("PV.2.1", Rating.MOSTLY, seen),
        ...         DescriptorRating("PV.3.1", Rating.PARTLY, seen),
        ...     ),
        ... )
        >>> judgement = assess(framework, evaluation).judgement("PV")
        >>> judgement.stage
        <Stage.MAKING_PROGRESS: 'making-progress'>
        >>> judgement.decisive
        ('PV.3.1',)
        >>> print(judgement.rationale)
        Using pupil voice: Making progress reached, under the cumulative rule (every applicable
        descriptor rated at least 'mostly' at that stage and at every stage below it). Holding back
        Building momentum: PV.3.1 rated 'partly'. It rests on 3 rated descriptors and learner voice,
        documentation.
        >>> assess(framework, evaluation).judgement("SV").status
        <JudgementStatus.NOT_ENOUGH_EVIDENCE: 'not-enough-evidence'>
    """
    form = checked(framework, evaluation)
    chosen = rule_of(rule)
    description = RuleDescription.of(chosen)
    needed = Sufficiency() if sufficiency is None else sufficiency
    stages = derived(framework, _stages_of_descriptors, lambda: _stages_of_descriptors(framework))
    context = _Assessment(framework, form, chosen, description, needed, stages)
    judgements = tuple(_judge(context, figures) for figures in form.aspects.values())
    return StageProfile(form.school, form.date, form.framework_edition, description, needed, judgements)
