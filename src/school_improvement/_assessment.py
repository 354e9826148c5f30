"""Assessment: from a self-evaluation's ratings to a stage profile that explains itself.

There is no overall grade: the result is one judgement per aspect, for
reflection.
"""

import datetime
import enum
import functools

import attrs

from school_improvement._errors import Problem, SelfEvaluationError, UnknownCodeError
from school_improvement._evidence import DescriptorRating, EvidenceKind, ProfessionalJudgement, Rating, SelfEvaluation
from school_improvement._framework import Framework
from school_improvement._rules import CellRatings, StageRule, rule_named
from school_improvement._stage import Stage


def _non_negative(_instance: object, attribute: "attrs.Attribute[int]", value: int) -> None:
    if value < 0:
        msg = f"{attribute.name} must not be negative"
        raise ValueError(msg)


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

    min_rated: int = attrs.field(default=2, validator=_non_negative)
    min_evidence_kinds: int = attrs.field(default=2, validator=_non_negative)
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
    """

    name: str
    parameters: tuple[tuple[str, str], ...]
    criterion: str
    comparison_only: bool

    @classmethod
    def of(cls, rule: StageRule) -> "RuleDescription":
        """Describe a rule."""
        return cls(rule.name, tuple(rule.parameters()), rule.criterion(), rule.comparison_only)


@attrs.frozen
class StageCoverage:
    """The figures for one aspect at one stage.

    Attributes:
        stage: The stage.
        descriptors: How many descriptors the cell has.
        not_applicable: How many are marked not applicable (they leave the counts).
        not_rated: How many applicable ones have no rating with evidence.
        not_yet: How many are rated "not yet".
        partly: How many are rated "partly".
        mostly: How many are rated "mostly".
        fully: How many are rated "fully".
    """

    stage: Stage
    descriptors: int
    not_applicable: int
    not_rated: int
    not_yet: int
    partly: int
    mostly: int
    fully: int

    @property
    def applicable(self) -> int:
        """How many descriptors count: all but the not-applicable ones."""
        return self.descriptors - self.not_applicable

    def share_at_least(self, threshold: Rating) -> float | None:
        """The share of applicable descriptors rated at least ``threshold``; ``None`` when none apply."""
        if not self.applicable:
            return None
        counts = (self.not_yet, self.partly, self.mostly, self.fully)
        level = threshold.level
        reached = sum(counts[level:]) if level is not None else 0
        return reached / self.applicable


class JudgementStatus(enum.Enum):
    """What kind of answer a judgement gives."""

    REACHED = "reached"
    """A stage is reached."""
    NO_STAGE_YET = "no-stage-yet"
    """The evidence is enough, and no stage is reached yet: the school is working towards the first."""
    NOT_ENOUGH_EVIDENCE = "not-enough-evidence"
    """Too little evidence to judge; no stage is given."""


@attrs.frozen
class Judgement:
    """The judgement of one aspect, with everything needed to explain it.

    Attributes:
        aspect: The aspect's code.
        status: Whether a stage is reached, none yet, or there is not enough evidence.
        stage: The stage reached, or ``None``.
        decisive: The descriptors that stopped the next stage, in source order.
        coverage: The figures at each of the four stages.
        evidence_kinds: The kinds of evidence the aspect's ratings rest on.
        rationale: The judgement in a plain-language sentence or two.
        shortfall: Why the evidence is not enough, when it is not.
        professional_judgement: The school's own judgement, kept beside the
            computed one and never replacing it.
    """

    aspect: str
    status: JudgementStatus
    stage: Stage | None
    decisive: tuple[str, ...]
    coverage: tuple[StageCoverage, ...]
    evidence_kinds: tuple[EvidenceKind, ...]
    rationale: str
    shortfall: str | None = None
    professional_judgement: ProfessionalJudgement | None = None

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


def self_evaluation_problems(framework: Framework, evaluation: SelfEvaluation) -> list[Problem]:
    """Everything in a self-evaluation that does not fit the framework, each with its JSON path.

    Checks the edition, that every rated descriptor exists and is rated once,
    that no evidence is dated after the self-evaluation, and that professional
    judgements name known aspects, once each.
    """
    problems: list[Problem] = []
    if evaluation.framework_edition != framework.edition_id:
        message = f"the ratings are against {evaluation.framework_edition!r}, not {framework.edition_id!r}"
        problems.append(Problem("$.framework_edition", message))
    seen: dict[str, int] = {}
    date = evaluation.date
    known = framework.descriptor_codes
    for place, rating in enumerate(evaluation.ratings):
        code = rating.descriptor
        if code not in known:
            problems.append(Problem(f"$.ratings[{place}].descriptor", f"no descriptor has the code {code!r}"))
        elif code in seen:
            message = f"descriptor {code} is rated twice (first at ratings[{seen[code]}])"
            problems.append(Problem(f"$.ratings[{place}].descriptor", message))
        else:
            seen[code] = place
        for n, item in enumerate(rating.evidence):
            if item.date > date:
                message = f"evidence dated {item.date} is after the self-evaluation"
                problems.append(Problem(f"$.ratings[{place}].evidence[{n}].date", message))
    aspects: dict[str, int] = {}
    aspect_codes = {aspect.code for aspect in framework.aspects}
    for place, judgement in enumerate(evaluation.judgements):
        path = f"$.judgements[{place}].aspect"
        if judgement.aspect not in aspect_codes:
            problems.append(Problem(path, f"no aspect has the code {judgement.aspect!r}"))
        elif judgement.aspect in aspects:
            problems.append(Problem(path, f"aspect {judgement.aspect} has a professional judgement twice"))
        aspects.setdefault(judgement.aspect, place)
    return problems


def check_self_evaluation(framework: Framework, evaluation: SelfEvaluation) -> None:
    """Raise if the self-evaluation does not fit the framework.

    Raises:
        SelfEvaluationError: Listing every problem, each with its JSON path.
    """
    problems = self_evaluation_problems(framework, evaluation)
    if problems:
        raise SelfEvaluationError(evaluation.school, problems)


def _rating_words(given: DescriptorRating | None) -> str:
    """How a decisive descriptor stands, as the rules saw it (a rating without evidence is not rated)."""
    if given is None or (not given.evidence and given.rating.applicable):
        return "not rated"
    return f"rated '{given.rating.value}'"


_COUNTED = {Rating.NOT_YET: 0, Rating.PARTLY: 1, Rating.MOSTLY: 2, Rating.FULLY: 3}
_KINDS = tuple(EvidenceKind)


@attrs.frozen
class _Assessment:
    """What stays the same while each aspect of one self-evaluation is judged."""

    framework: Framework
    ratings: dict[str, DescriptorRating]
    rule: StageRule
    description: RuleDescription
    sufficiency: Sufficiency


@functools.lru_cache(maxsize=1024)
def _kinds_summary(kinds: frozenset[EvidenceKind]) -> tuple[tuple[EvidenceKind, ...], str]:
    """The kinds in a fixed order, and in words. Cached: schools share a handful of combinations."""
    ordered = tuple(kind for kind in _KINDS if kind in kinds)
    return ordered, ", ".join(kind.label for kind in ordered) or "no evidence"


def _gather(
    context: _Assessment, aspect: str
) -> tuple[list[CellRatings], tuple[StageCoverage, ...], set[EvidenceKind], int]:
    """What the rule sees of an aspect, its figures, its kinds of evidence and how many ratings count."""
    ratings = context.ratings
    cells: list[CellRatings] = []
    coverage: list[StageCoverage] = []
    kinds: set[EvidenceKind] = set()
    rated = 0
    not_applicable_rating = Rating.NOT_APPLICABLE
    for stage, codes in context.framework.layout(aspect):
        pairs: list[tuple[str, Rating | None]] = []
        counts = [0, 0, 0, 0]
        not_applicable = not_rated = 0
        for code in codes:
            given = ratings.get(code)
            rating = None if given is None else given.rating
            if rating is not_applicable_rating:
                not_applicable += 1
            elif given is None or not given.evidence:
                rating = None
                not_rated += 1
            else:
                counts[_COUNTED[given.rating]] += 1
                rated += 1
                for item in given.evidence:
                    kinds.add(item.kind)
            pairs.append((code, rating))
        cells.append(CellRatings(stage, tuple(pairs)))
        coverage.append(StageCoverage(stage, len(codes), not_applicable, not_rated, *counts))
    return cells, tuple(coverage), kinds, rated


def _judge(context: _Assessment, aspect: str, professional: ProfessionalJudgement | None) -> Judgement:
    framework, description = context.framework, context.description
    cells, coverage, kinds, rated = _gather(context, aspect)
    evidence_kinds, kinds_text = _kinds_summary(frozenset(kinds))
    title = framework.aspect(aspect).title.en
    if not any(c.applicable for c in coverage):
        shortfall: str | None = "every descriptor is marked not applicable"
    else:
        shortfall = context.sufficiency.shortfall(rated, frozenset(kinds))
    if shortfall is not None:
        rationale = f"{title}: not enough evidence to judge a stage ({shortfall}). It rests on {kinds_text}."
        status = JudgementStatus.NOT_ENOUGH_EVIDENCE
        return Judgement(aspect, status, None, (), coverage, evidence_kinds, rationale, shortfall, professional)
    decision = context.rule.decide(cells)
    label = " (high-water mark, for comparison only)" if description.comparison_only else ""
    if decision.stage is None:
        status = JudgementStatus.NO_STAGE_YET
        reached = f"no stage reached yet{label}"
    else:
        status = JudgementStatus.REACHED
        reached = f"{framework.stage_name(decision.stage).en} reached{label}"
    rationale = f"{title}: {reached}, under the {description.name} rule ({description.criterion})."
    if decision.decisive:
        shown = ", ".join(f"{code} {_rating_words(context.ratings.get(code))}" for code in decision.decisive[:5])
        more = f" and {len(decision.decisive) - 5} more" if len(decision.decisive) > 5 else ""
        held_back = framework.stage_name(framework.descriptor(decision.decisive[0]).stage).en
        rationale += f" Holding back {held_back}: {shown}{more}."
    rationale += f" It rests on {rated} rated descriptors and {kinds_text}."
    return Judgement(
        aspect, status, decision.stage, decision.decisive, coverage, evidence_kinds, rationale, None, professional
    )


def assess(
    framework: Framework,
    evaluation: SelfEvaluation,
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
        >>> print(judgement.rationale)  # doctest: +NORMALIZE_WHITESPACE
        Using pupil voice: Making progress reached, under the cumulative rule (every applicable
        descriptor rated at least 'mostly' at that stage and at every stage below it). Holding back
        Building momentum: PV.3.1 rated 'partly'. It rests on 3 rated descriptors and learner voice,
        documentation.
        >>> assess(framework, evaluation).judgement("SV").status
        <JudgementStatus.NOT_ENOUGH_EVIDENCE: 'not-enough-evidence'>
    """
    check_self_evaluation(framework, evaluation)
    chosen = rule_named(rule) if isinstance(rule, str) else rule
    description = RuleDescription.of(chosen)
    needed = Sufficiency() if sufficiency is None else sufficiency
    ratings = {rating.descriptor: rating for rating in evaluation.ratings}
    professional = {judgement.aspect: judgement for judgement in evaluation.judgements}
    context = _Assessment(framework, ratings, chosen, description, needed)
    judgements = tuple(_judge(context, aspect.code, professional.get(aspect.code)) for aspect in framework.aspects)
    return StageProfile(
        evaluation.school,
        evaluation.date,
        evaluation.framework_edition,
        description,
        needed,
        judgements,
    )
