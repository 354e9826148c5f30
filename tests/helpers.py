"""Small builders shared by the tests: the one way to build a self-evaluation, a rule of one's own, the examples."""

import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from school_improvement import (
    CellRatings,
    CumulativeThreshold,
    Decision,
    DescriptorRating,
    Evidence,
    EvidenceKind,
    ProfessionalJudgement,
    Rating,
    SelfEvaluation,
    load_framework,
)

FRAMEWORK = load_framework()
EVALUATION_DATE = datetime.date(2026, 11, 1)
TRIANGULATED = (
    Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
    Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 10, 2)),
)
"""Two kinds of evidence, learner voice among them: enough for any one rating."""

TESTS = Path(__file__).resolve().parent
"""The tests' folder, wherever the test module that asks sits in it."""
ROOT = TESTS.parent
"""The repository's root."""
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "ysgol-enghraifft.self-evaluation.json"
"""The example self-evaluation of Ysgol Enghraifft, a fictional school."""
LOCAL_AUTHORITY = EXAMPLES / "local-authority"
"""The example register of thirty fictional schools and their self-evaluations."""

Rated = tuple[str, Rating] | tuple[str, Rating, tuple[Evidence, ...]]
"""A rating as the tests write it: (code, rating), or (code, rating, evidence) for evidence of its own."""


def evaluation_of(
    *ratings: Rated,
    evidence: tuple[Evidence, ...] = TRIANGULATED,
    school: str = "example-school",
    date: datetime.date = EVALUATION_DATE,
    judgements: Iterable[ProfessionalJudgement] = (),
) -> SelfEvaluation:
    """A self-evaluation of the bundled edition with these ratings, in this order.

    A (code, rating) pair rests on ``evidence``; a (code, rating, evidence)
    triple on the evidence it gives (``()`` for none).
    """
    rated = []
    for given in ratings:
        if len(given) == 3:
            code, rating, own = given
            rated.append(DescriptorRating(code, rating, own))
        else:
            code, rating = given
            rated.append(DescriptorRating(code, rating, evidence))
    return SelfEvaluation(school, date, FRAMEWORK.edition_id, tuple(rated), tuple(judgements))


@attrs.frozen
class OwnRule:
    """A stage rule of a user's own, written as a downstream user would: cumulative at the threshold it declares."""

    threshold: Rating = Rating.PARTLY
    name: str = "our-own"
    comparison_only: bool = False

    def parameters(self) -> tuple[tuple[str, str], ...]:
        """The threshold."""
        return (("threshold", self.threshold.value),)

    def criterion(self) -> str:
        """What it takes to reach a stage."""
        return f"every applicable descriptor rated at least '{self.threshold.value}', there and below"

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """The highest stage that it and every stage below it meet the threshold."""
        return CumulativeThreshold(self.threshold).decide(cells)
