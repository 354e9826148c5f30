"""The edges across schools: aspects that do not apply, schools waiting on ratings, and old self-evaluations."""

import datetime

import attrs
import pytest
from hypothesis import assume, given, strategies as st

from helpers import FRAMEWORK, Rated, evaluation_of
from local_authority import school
from school_improvement import (
    AnalysisError,
    Evidence,
    EvidenceKind,
    Problem,
    Rating,
    SelfEvaluation,
    SelfEvaluationAge,
    Stage,
    UnmatchedReason,
    assess,
    find_gaps,
    match_schools,
    roll_up,
    survey,
)
from strategies import self_evaluations

NOT_APPLICABLE_PV: tuple[Rated, ...] = tuple((f"PV.{n}.1", Rating.NOT_APPLICABLE, ()) for n in range(1, 5))
"""Using pupil voice marked not applicable throughout."""
PV_EARLY: tuple[Rated, ...] = (("PV.1.1", Rating.FULLY), ("PV.2.1", Rating.PARTLY))
"""Using pupil voice at Starting the journey, held back by a descriptor rated below the threshold."""
LAST_YEAR = datetime.date(2025, 6, 1)
LAST_YEARS_EVIDENCE = (
    Evidence(EvidenceKind.LEARNER_VOICE, datetime.date(2025, 5, 1)),
    Evidence(EvidenceKind.STAFF_VIEWS, datetime.date(2025, 5, 2)),
)
"""Two kinds of evidence gathered before ``LAST_YEAR``."""


def test_the_roll_up_counts_an_aspect_that_does_not_apply_on_its_own() -> None:
    """A school the aspect does not apply to is counted as not applicable, not as judged, short of evidence or early."""
    surveyed = survey(
        FRAMEWORK,
        [school("a"), school("b")],
        [evaluation_of(*NOT_APPLICABLE_PV, school="a"), evaluation_of(*PV_EARLY, school="b")],
    )
    spread = roll_up(FRAMEWORK, surveyed).overall.spread("PV")
    assert (spread.schools, spread.not_applicable, spread.not_enough_evidence, spread.judged, spread.early) == (
        2,
        1,
        0,
        1,
        1,
    )
    assert spread.coverage == 0.5  # two of school b's four descriptors are rated; school a's do not apply
    alone = roll_up(FRAMEWORK, survey(FRAMEWORK, [school("a")], [evaluation_of(*NOT_APPLICABLE_PV, school="a")]))
    nowhere = alone.overall.spread("PV")
    assert (nowhere.not_applicable, nowhere.judged, nowhere.coverage) == (1, 0, None)
    assert "PV" not in {priority.aspect for priority in alone.overall.system_priorities}


UNRATED_ONLY: tuple[Rated, ...] = (("SV.1.1", Rating.FULLY), ("SV.1.2", Rating.FULLY))
"""Two of Strategic vision's four first-stage descriptors rated fully, with two kinds of evidence; the rest unrated."""


def test_a_school_held_back_only_by_unrated_descriptors_is_not_counted_early() -> None:
    """Of two schools with no stage yet, the one waiting only on ratings is counted apart, not as early."""
    surveyed = survey(
        FRAMEWORK,
        [school("a"), school("b")],
        [
            evaluation_of(*UNRATED_ONLY, school="a"),
            evaluation_of(*UNRATED_ONLY, ("SV.1.3", Rating.PARTLY), school="b"),
        ],
    )
    rollup = roll_up(FRAMEWORK, surveyed, majority=0.4)
    spread = rollup.overall.spread("SV")
    assert (spread.no_stage_yet, spread.judged, spread.early, spread.held_back_by_unrated) == (2, 2, 1, 1)
    assert spread.coverage == 5 / 20  # two and three of ten descriptors rated with evidence
    (priority,) = [p for p in rollup.overall.system_priorities if p.aspect == "SV"]
    assert priority.explanation.endswith("; 1 held back only by descriptors not yet rated is not counted as early.")


@given(self_evaluations(aspects=("SV", "LW", "PV", "FC")), st.data())
def test_unrated_is_never_counted_as_unmet(evaluation: SelfEvaluation, data: st.DataObject) -> None:
    """Taking the evidence from a rating never makes it a failure rated below the bar, nor a school early."""
    evidenced = [n for n, rating in enumerate(evaluation.ratings) if rating.rating.applicable and rating.evidence]
    assume(evidenced)
    place = data.draw(st.sampled_from(evidenced))
    code = evaluation.ratings[place].descriptor
    ratings = list(evaluation.ratings)
    ratings[place] = attrs.evolve(ratings[place], evidence=())
    bare = attrs.evolve(evaluation, ratings=tuple(ratings))
    targets = {aspect.code: Stage.SUSTAINING_HIGH_STANDARDS for aspect in FRAMEWORK.aspects}
    for rule in ("cumulative", "secure-fit"):
        before = find_gaps(FRAMEWORK, evaluation, assess(FRAMEWORK, evaluation, rule), targets)
        after = find_gaps(FRAMEWORK, bare, assess(FRAMEWORK, bare, rule), targets)
        for aspect in FRAMEWORK.aspects:
            old, new = before.gap(aspect.code), after.gap(aspect.code)
            rated_below = set(new.unmet) - set(new.unrated)
            assert code not in rated_below
            assert rated_below == set(old.unmet) - set(old.unrated) - {code}
        register = [school(evaluation.school)]
        was = roll_up(FRAMEWORK, survey(FRAMEWORK, register, [evaluation], rule)).overall
        now = roll_up(FRAMEWORK, survey(FRAMEWORK, register, [bare], rule)).overall
        for aspect in FRAMEWORK.aspects:
            assert now.spread(aspect.code).early <= was.spread(aspect.code).early, (rule, aspect.code)


def _stronger_last_year() -> SelfEvaluation:
    """School a at Sustaining high standards in Using pupil voice, a self-evaluation of 2025-06-01."""
    return evaluation_of(
        *((f"PV.{n}.1", Rating.FULLY) for n in range(1, 5)), school="a", date=LAST_YEAR, evidence=LAST_YEARS_EVIDENCE
    )


def _old_and_new() -> list[SelfEvaluation]:
    """School a's self-evaluation of last year, strong in Using pupil voice; school b's of 2026-11-01, early there."""
    return [_stronger_last_year(), evaluation_of(*PV_EARLY, school="b")]


def test_a_survey_ages_every_self_evaluation_at_its_date() -> None:
    """By default the survey is dated at its latest self-evaluation, and one more than 365 days older is old."""
    surveyed = survey(FRAMEWORK, [school("a"), school("b")], _old_and_new())
    assert (surveyed.as_of, surveyed.max_age_days) == (datetime.date(2026, 11, 1), 365)
    assert surveyed.ages() == (
        SelfEvaluationAge("a", LAST_YEAR, 518, old=True),
        SelfEvaluationAge("b", datetime.date(2026, 11, 1), 0, old=False),
    )
    assert [snapshot.old for snapshot in surveyed.snapshots] == [True, False]
    assert "stale-self-evaluation" in {finding.check for finding in surveyed.snapshots[0].findings}
    patient = survey(
        FRAMEWORK,
        [school("a"), school("b")],
        _old_and_new(),
        as_of=datetime.date(2026, 12, 1),
        max_age_days=600,
    )
    assert [(age.days, age.old) for age in patient.ages()] == [(548, False), (30, False)]


def test_a_self_evaluation_dated_after_the_survey_is_refused() -> None:
    """A survey dated before one of its self-evaluations refuses it at its place, and surveys nothing."""
    with pytest.raises(AnalysisError) as raised:
        survey(
            FRAMEWORK,
            [school("a"), school("b")],
            _old_and_new(),
            as_of=datetime.date(2026, 10, 31),
        )
    assert raised.value.problems == (
        Problem(
            "$.evaluations[1].date", "'b' has a self-evaluation dated 2026-11-01, after the survey's date, 2026-10-31"
        ),
    )


def test_an_old_self_evaluation_offers_no_strength_to_match() -> None:
    """The only school strong enough is last year's, so b goes unmatched, unless old is allowed to be older."""
    register = [school("a"), school("b")]
    evaluations = _old_and_new()
    collaboration = match_schools(FRAMEWORK, survey(FRAMEWORK, register, evaluations))
    assert collaboration.partnerships == ()
    assert [(u.school, u.reason) for u in collaboration.unmatched][1] == ("b", UnmatchedReason.NO_CANDIDATE)
    patient = match_schools(FRAMEWORK, survey(FRAMEWORK, register, evaluations, max_age_days=600))
    assert [(p.supporter, p.partner, p.aspect) for p in patient.partnerships] == [("a", "b", "PV")]


def test_the_roll_up_and_the_matching_carry_the_survey_date_and_ages() -> None:
    """Both results say when the survey was, how old is too old, each school's age, and which are old."""
    surveyed = survey(FRAMEWORK, [school("a"), school("b")], _old_and_new())
    rollup = roll_up(FRAMEWORK, surveyed)
    collaboration = match_schools(FRAMEWORK, surveyed)
    for result in (rollup, collaboration):
        assert (result.as_of, result.max_age_days, result.ages) == (surveyed.as_of, 365, surveyed.ages())
    assert rollup.old_self_evaluations == ("a",)
