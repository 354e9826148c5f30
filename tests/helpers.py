"""Small builders shared by the tests: a self-evaluation from (code, rating) pairs."""

import datetime

from school_improvement import DescriptorRating, Evidence, EvidenceKind, Rating, SelfEvaluation, load_framework

FRAMEWORK = load_framework()
EVALUATION_DATE = datetime.date(2026, 11, 1)
TRIANGULATED = (
    Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
    Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 10, 2)),
)
"""Two kinds of evidence, learner voice among them: enough for any one rating."""


def evaluation_of(*ratings: tuple[str, Rating], evidence: tuple[Evidence, ...] = TRIANGULATED) -> SelfEvaluation:
    """A self-evaluation of the bundled edition with these ratings, each resting on ``evidence``."""
    rated = tuple(DescriptorRating(code, rating, evidence) for code, rating in ratings)
    return SelfEvaluation("example-school", EVALUATION_DATE, FRAMEWORK.edition_id, rated)
