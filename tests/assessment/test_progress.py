"""Progress over time: movement, stalling, and what became met, across one school's self-evaluations."""

import datetime

import attrs
import pytest

from helpers import FRAMEWORK, OwnRule, evaluation_of
from school_improvement import (
    AnalysisError,
    Evidence,
    EvidenceKind,
    JudgementStatus,
    Movement,
    Rating,
    SelfEvaluation,
    Stage,
    track_progress,
)


def _seen(day: datetime.date) -> tuple[Evidence, ...]:
    """Learner voice and staff views, both gathered on ``day``."""
    return (Evidence(EvidenceKind.LEARNER_VOICE, day), Evidence(EvidenceKind.STAFF_VIEWS, day))


def _review(day: datetime.date, first: Rating, second: Rating) -> SelfEvaluation:
    """A review on ``day`` rating PV.1.1 and PV.2.1, on evidence of that day."""
    return evaluation_of(("PV.1.1", first), ("PV.2.1", second), date=day, evidence=_seen(day))


SPRING = _review(datetime.date(2025, 3, 1), Rating.FULLY, Rating.PARTLY)
SUMMER = _review(datetime.date(2025, 7, 1), Rating.FULLY, Rating.MOSTLY)
AUTUMN = _review(datetime.date(2025, 11, 1), Rating.PARTLY, Rating.MOSTLY)


def test_movement_and_descriptor_changes() -> None:
    """Stages move up and down between reviews, with the descriptors newly met and no longer met."""
    report = track_progress(FRAMEWORK, [AUTUMN, SPRING, SUMMER])
    assert report.dates == (SPRING.date, SUMMER.date, AUTUMN.date)
    pupil_voice = next(p for p in report.aspects if p.aspect == "PV")
    assert pupil_voice.stages == (Stage.STARTING_THE_JOURNEY, Stage.MAKING_PROGRESS, None)
    assert [t.movement for t in pupil_voice.transitions] == [Movement.UP, Movement.DOWN]
    assert pupil_voice.transitions[0].newly_met == ("PV.2.1",)
    assert pupil_voice.transitions[1].no_longer_met == ("PV.1.1",)
    assert pupil_voice.statuses[-1] is JudgementStatus.NO_STAGE_YET


def test_not_enough_evidence_is_unknown_movement() -> None:
    """Where either review had too little evidence, the movement is unknown, not steady."""
    report = track_progress(FRAMEWORK, [SPRING, SUMMER])
    vision = next(p for p in report.aspects if p.aspect == "SV")
    assert [t.movement for t in vision.transitions] == [Movement.UNKNOWN]
    assert not vision.stalled


def test_stalled_aspects() -> None:
    """An aspect at the same stage over the last N reviews is stalled; N is configurable."""
    september = _review(datetime.date(2025, 9, 1), Rating.FULLY, Rating.MOSTLY)
    january = _review(datetime.date(2026, 1, 10), Rating.MOSTLY, Rating.FULLY)
    reviews = [SPRING, SUMMER, september, january]  # Starting the journey, then Making progress three times
    report = track_progress(FRAMEWORK, reviews)
    assert report.stalled == ("PV",)
    assert track_progress(FRAMEWORK, reviews, stalled_after=4).stalled == ()


def test_one_review_is_a_starting_point() -> None:
    """A single self-evaluation gives stages and no transitions."""
    report = track_progress(FRAMEWORK, [SPRING])
    assert all(p.transitions == () for p in report.aspects)


@pytest.mark.parametrize(
    ("reviews", "path"),
    [
        ([SPRING, attrs.evolve(SUMMER, school="another-school")], "$[1].school"),
        (
            [SPRING, attrs.evolve(SUMMER, framework_edition="estyn-school-improvement-journeys/2027.1")],
            "$[1].framework_edition",
        ),
        ([SPRING, attrs.evolve(SUMMER, date=SPRING.date, ratings=SPRING.ratings)], "$[1].date"),
        ([], "$"),
    ],
    ids=["another-school", "another-edition", "same-date", "none"],
)
def test_series_that_do_not_belong_together(reviews: list[SelfEvaluation], path: str) -> None:
    """Self-evaluations of different schools or editions, or sharing a date, are refused with the offending place."""
    with pytest.raises(AnalysisError) as raised:
        track_progress(FRAMEWORK, reviews)
    assert path in [p.path for p in raised.value.problems]


def test_what_became_met_is_counted_by_the_rules_own_threshold() -> None:
    """Progress counts a descriptor met at the threshold its rule declares, a user's own rule's included."""
    before = _review(datetime.date(2025, 3, 1), Rating.NOT_YET, Rating.NOT_YET)
    after = _review(datetime.date(2025, 7, 1), Rating.PARTLY, Rating.PARTLY)
    default = track_progress(FRAMEWORK, [before, after])
    pupil_voice = next(p for p in default.aspects if p.aspect == "PV")
    assert pupil_voice.transitions[0].newly_met == ()
    own = track_progress(FRAMEWORK, [before, after], OwnRule(Rating.PARTLY))
    assert own.rule == "our-own"
    assert all(profile.rule.threshold is Rating.PARTLY for profile in own.profiles)
    pupil_voice = next(p for p in own.aspects if p.aspect == "PV")
    assert pupil_voice.transitions[0].newly_met == ("PV.1.1", "PV.2.1")
    assert pupil_voice.stages == (None, Stage.MAKING_PROGRESS)
