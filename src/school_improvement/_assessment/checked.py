"""The checked self-evaluation: checked against its framework once, with the indexes every later step reads.

Parse, don't validate: [`check_self_evaluation`][school_improvement.check_self_evaluation]
checks a self-evaluation and returns a
[`CheckedSelfEvaluation`][school_improvement.CheckedSelfEvaluation], whose
existence is the proof. Assessment, the evidence checks, the gaps and progress
read its indexes instead of checking the input again and looking each
descriptor up by code.
"""

import datetime
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from school_improvement._assessment.evidence import (
    LEVELS,
    DescriptorRating,
    EvidenceKind,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
)
from school_improvement._assessment.rules import CellRatings
from school_improvement._content.framework import Framework
from school_improvement._errors import Problem, SelfEvaluationError
from school_improvement._stage import Stage


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


@attrs.frozen
class AspectRatings:
    """One aspect's ratings as every step of the cycle reads them.

    Attributes:
        aspect: The aspect's code.
        cells: What a stage rule sees, stage by stage: each descriptor's rating,
            ``None`` where it is not rated or rated without evidence.
        coverage: The figures at each of the four stages.
        evidence_kinds: The kinds of evidence behind the aspect's applicable ratings.
        rated: How many applicable descriptors are rated with evidence.
        not_applicable: The descriptors marked not applicable, in source order.
        all_not_applicable: True when every descriptor of the aspect is marked not applicable.
    """

    aspect: str
    cells: tuple[CellRatings, ...]
    coverage: tuple[StageCoverage, ...]
    evidence_kinds: frozenset[EvidenceKind]
    rated: int
    not_applicable: tuple[str, ...]
    all_not_applicable: bool

    def met(self, threshold: Rating) -> tuple[str, ...]:
        """The descriptors rated, with evidence, at least ``threshold``, in source order."""
        return tuple(
            code
            for cell in self.cells
            for code, rating in cell.ratings
            if rating is not None and rating.at_least(threshold)
        )


_COVERAGE: dict[tuple[Stage, int, int, int, int, int, int, int], StageCoverage] = {}
"""Each set of figures made so far, to share: a cell's figures take few values, and schools share them.

Made once each rather than once per cell of each school, checking 1,500
schools took 0.52 s rather than 0.59 s (process time, best of 5); the
figures are frozen, so sharing them is safe. There are few: a cell of five
descriptors has 252 ways to split them among six counts.
"""


def _aspect_ratings(
    aspect: str,
    layout: tuple[tuple[Stage, tuple[str, ...]], ...],
    ratings: Mapping[str, DescriptorRating],
) -> AspectRatings:
    cells: list[CellRatings] = []
    not_applicable_codes: list[str] = []
    coverage: list[StageCoverage] = []
    kinds: set[EvidenceKind] = set()
    rated = descriptors = 0
    not_applicable_rating = Rating.NOT_APPLICABLE
    for stage, codes in layout:
        pairs: list[tuple[str, Rating | None]] = []
        counts = [0, 0, 0, 0]
        not_applicable = not_rated = 0
        for code in codes:
            given = ratings.get(code)
            rating = None if given is None else given.rating
            if rating is not_applicable_rating:
                not_applicable += 1
                not_applicable_codes.append(code)
            elif given is None or not given.evidence:
                rating = None  # a rating without evidence counts as not rated
                not_rated += 1
            else:
                counts[LEVELS[rating]] += 1  # type: ignore[index]  # an applicable rating has a level
                rated += 1
                for item in given.evidence:
                    kinds.add(item.kind)
            pairs.append((code, rating))
        descriptors += len(codes)
        cells.append(CellRatings(stage, tuple(pairs)))
        figures = (stage, len(codes), not_applicable, not_rated, counts[0], counts[1], counts[2], counts[3])
        shared = _COVERAGE.get(figures)
        if shared is None:
            shared = _COVERAGE[figures] = StageCoverage(*figures)
        coverage.append(shared)
    not_applicable_all = tuple(not_applicable_codes)
    return AspectRatings(
        aspect,
        tuple(cells),
        tuple(coverage),
        frozenset(kinds),
        rated,
        not_applicable_all,
        len(not_applicable_all) == descriptors,
    )


@attrs.frozen(init=False, eq=False)
class CheckedSelfEvaluation:
    """A self-evaluation that fits its framework, with the indexes the cycle reads.

    Made only by [`check_self_evaluation`][school_improvement.check_self_evaluation];
    pass it to [`assess`][school_improvement.assess],
    [`check_evidence`][school_improvement.check_evidence],
    [`find_gaps`][school_improvement.find_gaps] and
    [`track_progress`][school_improvement.track_progress] in place of the
    self-evaluation, and none of them checks it again.

    Attributes:
        framework: The framework edition it was checked against.
        evaluation: The self-evaluation itself.
        ratings: Each rating, by descriptor code.
        aspects: Each aspect's ratings as the cycle reads them, by aspect code, in source order.
        judgements: The school's professional judgements, by aspect code.
        not_applicable: The descriptors marked not applicable, in source order.
    """

    framework: Framework
    evaluation: SelfEvaluation
    ratings: Mapping[str, DescriptorRating]
    aspects: Mapping[str, AspectRatings]
    judgements: Mapping[str, ProfessionalJudgement]
    not_applicable: tuple[str, ...]

    def __init__(self) -> None:
        msg = "a CheckedSelfEvaluation is made only by check_self_evaluation(framework, evaluation)"
        raise TypeError(msg)

    @classmethod
    def _of(cls, framework: Framework, evaluation: SelfEvaluation) -> "CheckedSelfEvaluation":
        """Index a self-evaluation already found to fit ``framework``."""
        ratings = {rating.descriptor: rating for rating in evaluation.ratings}
        aspects = {
            code: _aspect_ratings(code, framework.layout(code), ratings) for code in (a.code for a in framework.aspects)
        }
        not_applicable = tuple(code for figures in aspects.values() for code in figures.not_applicable)
        checked = cls.__new__(cls)
        checked.__attrs_init__(
            framework,
            evaluation,
            MappingProxyType(ratings),
            MappingProxyType(aspects),
            MappingProxyType({judgement.aspect: judgement for judgement in evaluation.judgements}),
            not_applicable,
        )
        return checked

    @property
    def school(self) -> str:
        """The school's reference."""
        return self.evaluation.school

    @property
    def date(self) -> datetime.date:
        """The date of the self-evaluation."""
        return self.evaluation.date

    @property
    def framework_edition(self) -> str:
        """The edition the self-evaluation rates."""
        return self.evaluation.framework_edition

    def aspect(self, code: str) -> AspectRatings:
        """One aspect's ratings.

        Raises:
            UnknownCodeError: If no aspect has the code.
        """
        self.framework.aspect(code)
        return self.aspects[code]

    def met(self, threshold: Rating) -> frozenset[str]:
        """Every descriptor rated, with evidence, at least ``threshold``."""
        return frozenset(code for figures in self.aspects.values() for code in figures.met(threshold))


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
        for item in rating.evidence:
            if item.date > date:  # rare: only then is each piece found by its place
                problems += _late_evidence(place, rating, date)
                break
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


def _late_evidence(place: int, rating: DescriptorRating, date: datetime.date) -> list[Problem]:
    """The pieces of a rating's evidence dated after the self-evaluation, each at its place."""
    return [
        Problem(f"$.ratings[{place}].evidence[{n}].date", f"evidence dated {item.date} is after the self-evaluation")
        for n, item in enumerate(rating.evidence)
        if item.date > date
    ]


def self_evaluation_warnings(evaluation: SelfEvaluation) -> list[Problem]:
    """What in a self-evaluation fits but will not count as rated: each rating given with no evidence.

    Examples:
        >>> import datetime
        >>> from school_improvement import DescriptorRating, Rating, SelfEvaluation, self_evaluation_warnings
        >>> rated = (DescriptorRating("PV.1.1", Rating.MOSTLY),)
        >>> evaluation = SelfEvaluation("example-primary", datetime.date(2026, 11, 1), "any", rated)
        >>> print(self_evaluation_warnings(evaluation)[0])
        $.ratings[0].evidence: PV.1.1 is rated 'mostly' with no evidence, so it counts as not rated
    """
    return [
        Problem(
            f"$.ratings[{place}].evidence",
            f"{rating.descriptor} is rated '{rating.rating.value}' with no evidence, so it counts as not rated",
        )
        for place, rating in enumerate(evaluation.ratings)
        if rating.rating.applicable and not rating.evidence
    ]


def check_self_evaluation(framework: Framework, evaluation: SelfEvaluation) -> CheckedSelfEvaluation:
    """Check a self-evaluation against its framework once, and return the checked form the cycle reads.

    Raises:
        SelfEvaluationError: Listing every problem, each with its JSON path.

    Examples:
        >>> import datetime
        >>> from school_improvement import SelfEvaluation, check_self_evaluation, load_framework
        >>> framework = load_framework()
        >>> evaluation = SelfEvaluation("example-primary", datetime.date(2026, 11, 1), framework.edition_id)
        >>> checked = check_self_evaluation(framework, evaluation)
        >>> checked.evaluation is evaluation, checked.aspect("PV").rated
        (True, 0)
    """
    problems = self_evaluation_problems(framework, evaluation)
    if problems:
        raise SelfEvaluationError(evaluation.school, problems)
    return CheckedSelfEvaluation._of(framework, evaluation)  # noqa: SLF001 (the one place it is made)


def checked(framework: Framework, evaluation: "SelfEvaluation | CheckedSelfEvaluation") -> CheckedSelfEvaluation:
    """The checked form of a self-evaluation: as given when it was checked against this framework, else checked now.

    Raises:
        SelfEvaluationError: If the self-evaluation does not fit the framework.
    """
    if isinstance(evaluation, CheckedSelfEvaluation):
        if evaluation.framework is framework:
            return evaluation
        evaluation = evaluation.evaluation
    return check_self_evaluation(framework, evaluation)
