"""The edges of judging: an aspect that does not apply, unrated is not unmet, what a rule passes over, age at a date."""

import datetime
from collections.abc import Sequence

import pytest

from helpers import FRAMEWORK, Rated, evaluation_of
from school_improvement import (
    AnalysisError,
    BestFit,
    CellRatings,
    CumulativeThreshold,
    Decision,
    Evidence,
    EvidenceKind,
    Finding,
    JudgementStatus,
    Movement,
    Problem,
    Rating,
    Severity,
    Stage,
    assess,
    check_evidence,
    track_progress,
)

NOT_APPLICABLE_PV: tuple[Rated, ...] = tuple((f"PV.{n}.1", Rating.NOT_APPLICABLE, ()) for n in range(1, 5))
"""Using pupil voice marked not applicable throughout."""
SPRING = datetime.date(2026, 3, 1)
SPRING_EVIDENCE = (
    Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 2, 1)),
    Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 2, 2)),
)
"""Two kinds of evidence gathered before ``SPRING``."""
UNRATED_ONLY: tuple[Rated, ...] = (("SV.1.1", Rating.FULLY), ("SV.1.2", Rating.FULLY))
"""Two of Strategic vision's four first-stage descriptors rated fully, with two kinds of evidence; the rest unrated."""
NOT_APPLICABLE_TEXT = "Using pupil voice: not applicable to this school (every descriptor is marked not applicable)."


def _checks(findings: tuple[Finding, ...]) -> list[tuple[str, str | None]]:
    return [(finding.check, finding.aspect) for finding in findings]


def test_progress_over_an_aspect_that_never_applies_is_not_applicable() -> None:
    """Two reviews where the aspect does not apply move "not applicable", and never stall."""
    reviews = [evaluation_of(*NOT_APPLICABLE_PV, date=SPRING), evaluation_of(*NOT_APPLICABLE_PV)]
    progress = next(p for p in track_progress(FRAMEWORK, reviews, stalled_after=2).aspects if p.aspect == "PV")
    assert progress.statuses == (JudgementStatus.NOT_APPLICABLE, JudgementStatus.NOT_APPLICABLE)
    assert progress.stages == (None, None)
    assert [t.movement for t in progress.transitions] == [Movement.NOT_APPLICABLE]
    assert not progress.stalled


def test_progress_from_judged_to_not_applicable_is_unknown() -> None:
    """An aspect judged at one review and not applicable at the next has moved in no known direction."""
    judged = evaluation_of(("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.FULLY), date=SPRING, evidence=SPRING_EVIDENCE)
    progress = next(
        p for p in track_progress(FRAMEWORK, [judged, evaluation_of(*NOT_APPLICABLE_PV)]).aspects if p.aspect == "PV"
    )
    assert progress.statuses == (JudgementStatus.REACHED, JudgementStatus.NOT_APPLICABLE)
    assert [t.movement for t in progress.transitions] == [Movement.UNKNOWN]


def test_an_aspect_that_does_not_apply_is_not_among_the_unevidenced() -> None:
    """The checks ask for evidence in aspects with none, but not in one that does not apply."""
    findings = check_evidence(FRAMEWORK, evaluation_of(*NOT_APPLICABLE_PV, ("FC.1.1", Rating.FULLY)))
    (unevidenced,) = [finding for finding in findings if finding.check == "unevidenced-aspects"]
    assert unevidenced == Finding(
        "unevidenced-aspects",
        Severity.INFO,
        "No rating rests on evidence in 8 of the 10 aspects (SV, LA, LC, LW, TA, CU, SE, PL): gather evidence "
        "there before their stages can be judged.",
    )
    judgement = assess(FRAMEWORK, evaluation_of(*NOT_APPLICABLE_PV)).judgement("PV")
    assert (judgement.status, judgement.rationale) == (JudgementStatus.NOT_APPLICABLE, NOT_APPLICABLE_TEXT)


def test_a_stage_held_back_only_by_unrated_descriptors_says_they_wait_to_be_rated() -> None:
    """Two of four first-stage descriptors rated fully: no stage yet, held back by the two no one has rated."""
    judgement = assess(FRAMEWORK, evaluation_of(*UNRATED_ONLY)).judgement("SV")
    assert (judgement.status, judgement.stage) == (JudgementStatus.NO_STAGE_YET, None)
    assert judgement.decisive == judgement.unrated == ("SV.1.3", "SV.1.4")
    assert judgement.held_back_by_unrated
    assert (
        "Holding back Starting the journey: SV.1.3 not rated, SV.1.4 not rated. No one has rated these yet: rate "
        "them, with evidence, before relying on this stage."
    ) in judgement.rationale


def test_a_stage_held_back_by_a_rating_below_the_threshold_is_not_waiting_on_ratings() -> None:
    """With a decisive descriptor rated below the threshold, the unrated one is listed but the stage is not waiting."""
    evaluation = evaluation_of(*UNRATED_ONLY, ("SV.1.3", Rating.PARTLY), ("SV.1.4", Rating.FULLY, ()))
    judgement = assess(FRAMEWORK, evaluation).judgement("SV")
    assert judgement.decisive == ("SV.1.3", "SV.1.4")
    assert judgement.unrated == ("SV.1.4",)  # rated with no evidence counts as not rated
    assert not judgement.held_back_by_unrated
    assert "No one has rated these yet" not in judgement.rationale


def test_the_checks_name_unrated_descriptors_below_the_highest_rated_stage() -> None:
    """Unrated descriptors at or below the highest stage anyone rated are an INFO finding; those above it are not."""
    findings = check_evidence(FRAMEWORK, evaluation_of(*UNRATED_ONLY, ("PV.1.1", Rating.FULLY)))
    assert _checks(findings) == [("unevidenced-aspects", None), ("unrated", "SV")]
    assert findings[1] == Finding(
        "unrated",
        Severity.INFO,
        "Strategic vision: 2 descriptors at or below Starting the journey are not rated with evidence (SV.1.3, "
        "SV.1.4); a stage past them waits on their rating, not on evidence that they are unmet.",
        aspect="SV",
    )


def test_the_checks_name_the_aspects_where_no_rating_rests_on_evidence() -> None:
    """A whole-evaluation INFO finding lists every aspect with no evidenced rating, a rating without evidence too."""
    findings = check_evidence(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY), ("FC.1.1", Rating.FULLY, ())))
    assert findings[0] == Finding(
        "unevidenced-aspects",
        Severity.INFO,
        "No rating rests on evidence in 9 of the 10 aspects (SV, LA, LC, LW, TA, CU, SE, PL, FC): gather evidence "
        "there before their stages can be judged.",
    )


def _best_fit_past_one() -> tuple[Rated, ...]:
    """Improving standards fully in place up to Building momentum, except LW.2.3, only partly."""
    return tuple(
        (d.code, Rating.PARTLY if d.code == "LW.2.3" else Rating.FULLY)
        for d in FRAMEWORK.descriptors
        if d.aspect == "LW" and d.stage <= Stage.BUILDING_MOMENTUM
    )


def test_best_fit_says_what_it_passes_over() -> None:
    """Best fit reaches Building momentum past a partly-met Making progress descriptor, and its rationale says so."""
    judgement = assess(FRAMEWORK, evaluation_of(*_best_fit_past_one()), "best-fit").judgement("LW")
    assert judgement.stage is Stage.BUILDING_MOMENTUM
    assert (
        " It passes over descriptors at or below Building momentum that are not rated at least 'mostly': "
        "LW.2.3 rated 'partly'."
    ) in judgement.rationale
    cumulative = assess(FRAMEWORK, evaluation_of(*_best_fit_past_one())).judgement("LW")
    assert cumulative.stage is Stage.STARTING_THE_JOURNEY
    assert "passes over" not in cumulative.rationale


class _CumulativeDecidingAsBestFit(CumulativeThreshold):
    """A rule of one's own made from the cumulative threshold, deciding as best fit does."""

    def decide(self, cells: Sequence[CellRatings]) -> Decision:
        """Best fit's decision."""
        return BestFit().decide(cells)


def test_a_subclass_of_the_cumulative_rule_says_what_it_passes_over() -> None:
    """The cumulative rule passes over nothing, but a subclass deciding otherwise is looked at, and says so."""
    judgement = assess(FRAMEWORK, evaluation_of(*_best_fit_past_one()), _CumulativeDecidingAsBestFit())
    assert judgement.judgement("LW").stage is Stage.BUILDING_MOMENTUM
    assert "It passes over descriptors at or below Building momentum" in judgement.judgement("LW").rationale


def test_the_high_water_mark_says_what_it_passes_over() -> None:
    """The high-water mark reaches Building momentum over an unmet first stage, and says which descriptors it skips."""
    evaluation = evaluation_of(("PV.1.1", Rating.PARTLY), ("PV.3.1", Rating.FULLY))
    judgement = assess(FRAMEWORK, evaluation, "high-water-mark").judgement("PV")
    assert judgement.stage is Stage.BUILDING_MOMENTUM
    assert (
        "It passes over descriptors at or below Building momentum that are not rated at least 'fully': "
        "PV.1.1 rated 'partly', PV.2.1 not rated."
    ) in judgement.rationale


SEEN = (
    Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2026, 10, 1)),
    Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2026, 10, 2)),
)
"""Evidence gathered a month before the self-evaluation of 2026-11-01."""


def test_evidence_is_aged_at_the_date_asked_for() -> None:
    """Evidence a month old at the self-evaluation's date is more than a year old at a date a year on."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY, SEEN), ("PV.2.1", Rating.FULLY, SEEN))
    assert "stale-evidence" not in {finding.check for finding in check_evidence(FRAMEWORK, evaluation)}
    later = check_evidence(FRAMEWORK, evaluation, as_of=datetime.date(2027, 11, 1))
    stale = [finding for finding in later if finding.check == "stale-evidence"]
    assert [finding.descriptor for finding in stale] == ["PV.1.1", "PV.2.1"]
    assert stale[0].message == (
        "PV.1.1: 2 of 2 pieces of evidence are more than 365 days old at 2027-11-01 (the oldest from 2026-10-01)."
    )


def test_a_self_evaluation_older_than_the_limit_is_a_whole_evaluation_warning() -> None:
    """At 366 days old the self-evaluation itself is stale; at 365, or with a longer limit, it is not."""
    evaluation = evaluation_of(("PV.1.1", Rating.FULLY, SEEN), ("PV.2.1", Rating.FULLY, SEEN))
    findings = check_evidence(FRAMEWORK, evaluation, as_of=datetime.date(2027, 11, 2))
    assert findings[0] == Finding(
        "stale-self-evaluation",
        Severity.WARNING,
        "The self-evaluation is from 2026-11-01, 366 days before 2027-11-02 (more than 365): evaluate again before "
        "relying on it.",
    )
    for as_of, max_age_days in [(datetime.date(2027, 11, 1), 365), (datetime.date(2027, 11, 2), 366)]:
        checks = check_evidence(FRAMEWORK, evaluation, as_of=as_of, max_age_days=max_age_days)
        assert "stale-self-evaluation" not in {finding.check for finding in checks}


def test_a_self_evaluation_dated_after_the_date_checked_at_is_refused() -> None:
    """Checking at a date before the self-evaluation is an AnalysisError at its date, not a negative age."""
    with pytest.raises(AnalysisError) as raised:
        check_evidence(FRAMEWORK, evaluation_of(("PV.1.1", Rating.FULLY)), as_of=datetime.date(2026, 10, 31))
    assert raised.value.problems == (
        Problem("$.date", "the self-evaluation is dated 2026-11-01, after 2026-10-31, the date it is checked at"),
    )
